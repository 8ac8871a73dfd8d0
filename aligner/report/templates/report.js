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
    var rows = narrow ? this.rows.filter(function (tr) {
      return firstOn(tr.getAttribute("data-k")) !== "";
    }) : this.rows;
    if (this.table.id === "findings-table") {
      rows = findingsFilter(rows);
      this.matching = rows;
      rows = groupRepeats(rows);
    }
    this.visible = rows;
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
    var matching = this.matching ? this.matching.length : n;
    if (matching > n) {
      text += " \u00b7 " + fmt(matching - n) + " repeats folded";
    }
    if (matching !== this.rows.length) {
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

  /* Findings: the file/language choice and the free-text search. */
  var where = doc.getElementById("ff-where");
  var query = doc.getElementById("ff-q");
  var grouping = doc.getElementById("ff-group");
  var expanded = {};
  var rowText = typeof WeakMap === "function" ? new WeakMap() : null;

  function textOf(tr) {
    var text = rowText !== null ? rowText.get(tr) : undefined;
    if (text === undefined) {
      text = tr.textContent.toLowerCase();
      if (rowText !== null) {
        rowText.set(tr, text);
      }
    }
    return text;
  }

  function findingsFilter(rows) {
    var choice = where !== null ? where.value : "";
    var words = query !== null ? query.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    if (!choice && !words.length) {
      return rows;
    }
    var kind = choice.slice(0, 2);
    var value = choice.slice(2);
    return rows.filter(function (tr) {
      if (kind === "l:" && tr.getAttribute("data-lang") !== value) {
        return false;
      }
      if (kind === "p:" && tr.getAttribute("data-p") !== value) {
        return false;
      }
      var text = textOf(tr);
      return words.every(function (word) {
        return text.indexOf(word) >= 0;
      });
    });
  }

  /* Repeats of one code and message collapse into their first row, which says how many more there are. */
  function groupRepeats(rows) {
    var count = {};
    rows.forEach(function (tr) {
      var rep = tr.getAttribute("data-rep");
      count[rep] = (count[rep] || 0) + 1;
    });
    var on = grouping === null || grouping.checked;
    var seen = {};
    var out = [];
    Array.prototype.forEach.call(doc.querySelectorAll("#findings-table button.more"), function (button) {
      button.hidden = true;
    });
    rows.forEach(function (tr) {
      var rep = tr.getAttribute("data-rep");
      var first = !seen[rep];
      seen[rep] = true;
      var button = tr.querySelector("button.more");
      if (first && count[rep] > 1 && on && button !== null) {
        button.hidden = false;
        button.setAttribute("data-rep", rep);
        button.textContent = expanded[rep] ? "show only this one" :
          "+" + fmt(count[rep] - 1) + " more like this";
      }
      if (first || !on || expanded[rep]) {
        out.push(tr);
      }
    });
    return out;
  }

  /* CSV of the findings that match the filters (all repeats), built from the data in the page. */
  function findingsCsv() {
    var data = doc.getElementById("findings-data");
    var all = data !== null ? JSON.parse(data.textContent) : [];
    var pager = null;
    pagers.forEach(function (p) {
      if (p.table.id === "findings-table") {
        pager = p;
      }
    });
    var rows = pager !== null && pager.matching ? pager.matching.map(function (tr) {
      return all[parseInt(tr.id.slice(1), 10)];
    }) : all;
    var columns = ["severity", "code", "category", "file", "language", "line", "column", "message", "evidence",
      "confidence", "unit", "entry"];
    function cell(value) {
      var text = value === null || value === undefined ? "" : String(value);
      return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
    }
    return [columns.join(",")].concat(rows.map(function (row) {
      return columns.map(function (c) {
        return cell(row[c]);
      }).join(",");
    })).join("\r\n") + "\r\n";
  }
  window.alignerFindingsCsv = findingsCsv;

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
        if (where !== null) {
          where.value = "";
        }
        if (query !== null) {
          query.value = "";
        }
        if (row.hasAttribute("data-rep")) {
          expanded[row.getAttribute("data-rep")] = true;
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
  [where, grouping].forEach(function (el) {
    if (el !== null) {
      el.addEventListener("change", apply);
    }
  });
  if (query !== null) {
    query.addEventListener("input", apply);
  }
  var findingsTable = doc.getElementById("findings-table");
  if (findingsTable !== null) {
    findingsTable.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.more") : null;
      if (button) {
        var rep = button.getAttribute("data-rep");
        expanded[rep] = !expanded[rep];
        apply();
      }
    });
  }
  var csv = doc.getElementById("ff-csv");
  if (csv !== null) {
    csv.addEventListener("click", function () {
      var blob = new Blob(["\ufeff" + findingsCsv()], {type: "text/csv;charset=utf-8"});
      var link = doc.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "findings.csv";
      doc.body.appendChild(link);
      link.click();
      doc.body.removeChild(link);
      window.setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, 1000);
    });
  }
  var toggle = doc.getElementById("toggle-filters");
  if (toggle !== null) {
    toggle.addEventListener("click", function () {
      var open = doc.documentElement.classList.toggle("filters-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

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
