/* aligner audit report: filters and paging.
 * Without JavaScript every row and every highlight is shown; this script only narrows the view.
 * It reads data-* attributes written by aligner/report/html.py and never builds markup from text. */
(function () {
  "use strict";
  var doc = document;
  var active = {};
  var pagers = [];
  var onlyBox = doc.getElementById("only-findings");
  var highlights = Array.prototype.slice.call(doc.querySelectorAll(".hl"));

  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /* A finding key is "severity.category"; it is on when both its severity and its category are. */
  function isOn(key) {
    var dot = key.indexOf(".");
    return active["s:" + key.slice(0, dot)] !== false && active["c:" + key.slice(dot + 1)] !== false;
  }

  /* Keys are written worst first, so the first active one gives the colour to show. */
  function firstOn(keys) {
    if (!keys) {
      return "";
    }
    var list = keys.split(" ");
    for (var i = 0; i < list.length; i++) {
      if (isOn(list[i])) {
        return list[i].slice(0, list[i].indexOf("."));
      }
    }
    return "";
  }

  function Pager(table) {
    var self = this;
    self.table = table;
    self.rows = Array.prototype.slice.call(table.tBodies[0].rows);
    self.visible = self.rows;
    self.size = parseInt(table.getAttribute("data-page-size"), 10) || 50;
    self.always = table.getAttribute("data-filter") === "always";
    self.noun = table.getAttribute("data-noun") || "rows";
    self.page = 0;
    self.shown = [];
    self.navs = Array.prototype.slice.call(doc.querySelectorAll(".pager[data-for='" + table.id + "']"));
    self.navs.forEach(function (nav) {
      nav.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("button[data-go]") : null;
        if (!button || button.disabled) {
          return;
        }
        var go = button.getAttribute("data-go");
        var target = go === "first" ? 0 : go === "prev" ? self.page - 1 : go === "next" ? self.page + 1 : Infinity;
        self.show(target);
        if (nav.getAttribute("data-at") === "bottom" && self.navs[0] !== nav) {
          self.navs[0].scrollIntoView({block: "start"});
        }
      });
      var select = nav.querySelector("select");
      if (select) {
        select.addEventListener("change", function () {
          self.size = parseInt(select.value, 10) || self.size;
          self.navs.forEach(function (other) {
            var s = other.querySelector("select");
            if (s) {
              s.value = select.value;
            }
          });
          self.show(0);
        });
      }
    });
  }

  Pager.prototype.pages = function () {
    return Math.max(1, Math.ceil(this.visible.length / this.size));
  };

  Pager.prototype.filter = function () {
    var narrow = this.always || (onlyBox !== null && onlyBox.checked);
    this.visible = narrow ? this.rows.filter(function (tr) {
      return firstOn(tr.getAttribute("data-k")) !== "";
    }) : this.rows;
    this.show(0);
  };

  Pager.prototype.show = function (page) {
    var pages = this.pages();
    page = Math.max(0, Math.min(page, pages - 1));
    this.shown.forEach(function (tr) {
      tr.classList.remove("on");
    });
    this.shown = this.visible.slice(page * this.size, (page + 1) * this.size);
    this.shown.forEach(function (tr) {
      tr.classList.add("on");
    });
    this.page = page;
    var scroller = this.table.closest ? this.table.closest(".scroller") : null;
    if (scroller !== null) {
      scroller.scrollTop = 0;
    }
    var n = this.visible.length;
    var text;
    if (n === 0) {
      text = "No " + this.noun + " match the filters";
    } else {
      text = fmt(page * this.size + 1) + "\u2013" + fmt(Math.min(n, (page + 1) * this.size)) + " of " + fmt(n) +
        " " + this.noun + " \u00b7 page " + fmt(page + 1) + " of " + fmt(pages);
    }
    if (n !== this.rows.length) {
      text += " (filtered from " + fmt(this.rows.length) + ")";
    }
    this.navs.forEach(function (nav) {
      var status = nav.querySelector(".status");
      if (status) {
        status.textContent = text;
      }
      Array.prototype.forEach.call(nav.querySelectorAll("button[data-go]"), function (button) {
        var go = button.getAttribute("data-go");
        button.disabled = (go === "first" || go === "prev") ? page === 0 : page >= pages - 1;
      });
    });
  };

  function readFilters() {
    Array.prototype.forEach.call(doc.querySelectorAll("input.flt"), function (box) {
      active[box.getAttribute("data-tok")] = box.checked;
    });
  }

  function apply() {
    readFilters();
    highlights.forEach(function (el) {
      var show = firstOn(el.getAttribute("data-k"));
      if (show) {
        el.setAttribute("data-show", show);
      } else {
        el.removeAttribute("data-show");
      }
    });
    pagers.forEach(function (pager) {
      pager.filter();
    });
  }

  /* Follow a link to a row (#g0-u12, #f3): turn to its page, widening the filter if it hides the row. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id ? doc.getElementById(id) : null;
    if (!row || !row.classList.contains("r")) {
      return;
    }
    for (var p = 0; p < pagers.length; p++) {
      var pager = pagers[p];
      if (pager.rows.indexOf(row) < 0) {
        continue;
      }
      var at = pager.visible.indexOf(row);
      if (at < 0) {
        Array.prototype.forEach.call(doc.querySelectorAll("input.flt"), function (box) {
          box.checked = true;
        });
        if (onlyBox !== null) {
          onlyBox.checked = false;
        }
        apply();
        at = pager.visible.indexOf(row);
      }
      if (at >= 0) {
        pager.show(Math.floor(at / pager.size));
        row.scrollIntoView({block: "center"});
        row.classList.add("flash");
        window.setTimeout(function () {
          row.classList.remove("flash");
        }, 2000);
      }
      return;
    }
  }

  Array.prototype.forEach.call(doc.querySelectorAll("table.paged"), function (table) {
    pagers.push(new Pager(table));
  });
  Array.prototype.forEach.call(doc.querySelectorAll("input.flt"), function (box) {
    box.addEventListener("change", apply);
  });
  if (onlyBox !== null) {
    onlyBox.addEventListener("change", apply);
  }
  var reset = doc.getElementById("reset-filters");
  if (reset !== null) {
    reset.addEventListener("click", function () {
      Array.prototype.forEach.call(doc.querySelectorAll("input.flt"), function (box) {
        box.checked = true;
      });
      if (onlyBox !== null) {
        onlyBox.checked = false;
      }
      apply();
    });
  }
  doc.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.go") : null;
    if (link && link.getAttribute("href") === location.hash) {
      reveal();
    }
  });
  window.addEventListener("hashchange", reveal);

  /* A link can preset the filters: report.html?hide=minor,info,format&only=1 */
  location.search.slice(1).split("&").forEach(function (part) {
    var eq = part.indexOf("=");
    var name = eq < 0 ? part : part.slice(0, eq);
    var value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
    if (name === "only" && onlyBox !== null) {
      onlyBox.checked = value === "1";
    } else if (name === "hide") {
      value.split(",").forEach(function (word) {
        Array.prototype.forEach.call(doc.querySelectorAll("input.flt"), function (box) {
          var tok = box.getAttribute("data-tok");
          if (tok === "s:" + word || tok === "c:" + word) {
            box.checked = false;
          }
        });
      });
    }
  });
  apply();
  reveal();
}());
