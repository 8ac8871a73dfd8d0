"""Where findings on localization files point: the entry (``key``), the target's region and the source text, in
JSON, SARIF, the HTML report and the baseline; markup inside a target never breaks any output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree
from typer.testing import CliRunner

from aligner.checks.policy import fingerprint
from aligner.cli import app
from aligner.pipeline import check_paths

runner = CliRunner()

NASTY = 'Öffne <b>{name}</b> im Jahr 2018 ]]> </script><script>alert(1)</script> \\"q\\" \' & <x/>'
PO = f'''msgid ""
msgstr ""
"Language: de\\n"

msgctxt "menu"
msgid "Open <b>{{name}}</b> in 2019 ]]> </script><script>alert(1)</script> \\"q\\" ' & <x/>"
msgstr "{NASTY}"

msgid "Keep it for 30 days"
msgstr "Behalten Sie es 31 Tage"
'''


def _po(tmp_path: Path, text: str = PO, name: str = "de.po") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_finding_on_an_entry_names_it_and_carries_its_source(tmp_path: Path) -> None:
    run = check_paths([str(_po(tmp_path))])
    # a number check's finding: named by name_entries, not by the check
    num = next(f for f in run.findings if f.code == "NUM002" and "2018" in f.message)
    assert num.key == "menu\x04Open <b>{name}</b> in 2019 ]]> </script><script>alert(1)</script> \"q\" ' & <x/>"
    assert num.evidence["source"].startswith("Open <b>{name}</b> in 2019")
    assert (num.line, num.column) == (7, 9 + NASTY.index("2018"))  # the msgstr line, at the number
    days = [f for f in run.findings if f.key == "Keep it for 30 days"]
    assert days and days[0].evidence["source"] == "Keep it for 30 days" and days[0].line == 10


def test_json_and_sarif_keep_markup_intact(tmp_path: Path) -> None:
    po = _po(tmp_path)
    out = runner.invoke(app, ["check", str(po), "--format", "json"])
    rows = json.loads(out.stdout)["findings"]
    assert any(r.get("key", "").startswith("menu\x04") and r["evidence"]["text"] == NASTY.replace('\\"', '"')
               for r in rows)
    sarif = json.loads(runner.invoke(app, ["check", str(po), "--format", "sarif"]).stdout)
    results = sarif["runs"][0]["results"]
    num = next(r for r in results if r["ruleId"] == "NUM002")
    loc = num["locations"][0]
    assert loc["physicalLocation"]["region"]["startLine"] == 7
    assert loc["physicalLocation"]["region"]["snippet"]["text"] == NASTY.replace('\\"', '"')
    assert loc["logicalLocations"][0]["name"] == num["properties"]["unit"]
    assert num["properties"]["source"].startswith("Open <b>{name}</b> in 2019 ]]>")
    junit = runner.invoke(app, ["check", str(po), "--format", "junit"])
    etree.fromstring(junit.stdout.encode())


def test_the_report_and_tmx_survive_markup_and_show_the_source(tmp_path: Path) -> None:
    po = _po(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(po), "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output
    html = (out / "report.html").read_text()
    assert "<script>alert(1)" not in html
    body = html.split('id="findings-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in body  # the embedded JSON cannot close its element
    json.loads(body)
    pair = re.search(r'<span class="pair">.*?</span></span>', html)
    assert pair and "entry</span> <code>menu · Open &lt;b&gt;" in pair.group(0)
    assert '<q class="src">Open &lt;b&gt;{name}&lt;/b&gt; in 2019 ]]&gt; &lt;/script&gt;' in pair.group(0)
    tmx = etree.parse(str(out / "alignment.tmx"))
    segs = [s.text for s in tmx.iter("seg")]
    assert NASTY.replace('\\"', '"') in segs
    sarif = json.loads((out / "findings.sarif").read_text())
    assert any(r["properties"].get("unit", "").startswith("menu") for r in sarif["runs"][0]["results"])
    audit = json.loads((out / "audit.json").read_text())
    assert any(f.get("key") == "Keep it for 30 days" for f in audit["findings"])


def test_baseline_fingerprints_use_the_entry(tmp_path: Path) -> None:
    two = PO + '\nmsgctxt "other"\nmsgid "Keep it for 30 days"\nmsgstr "Behalten Sie es 31 Tage"\n'
    run = check_paths([str(_po(tmp_path, two))])
    nums = [f for f in run.findings if f.code == "NUM002" and "Tage" in f.evidence["text"]]
    assert len(nums) == 2 and len({fingerprint(f) for f in nums}) == 2  # one text, two entries: two findings
    # moving the entries (every line changes) keeps every fingerprint: the baseline still silences them all
    moved = two.replace('msgid "Keep it for 30 days"\nmsgstr "Behalten Sie es 31 Tage"\n',
                        '\n\n\nmsgid "Keep it for 30 days"\nmsgstr "Behalten Sie es 31 Tage"\n', 1)
    po, base = tmp_path / "de.po", tmp_path / "baseline.json"
    assert runner.invoke(app, ["check", str(po), "--write-baseline", str(base)]).exit_code == 1
    po.write_text(moved, encoding="utf-8")
    res = runner.invoke(app, ["check", str(po), "--baseline", str(base), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["findings"] == [], res.stdout
