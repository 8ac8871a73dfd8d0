"""Findings outputs: text, JSON, SARIF 2.1.0, JUnit XML and GitHub workflow commands.

The SARIF log is checked against a hand-written structural validator of the SARIF 2.1.0 JSON
schema (the objects aligner emits: required properties, ``additionalProperties: false``, types,
enums, minimums and ``uniqueItems``), because the ``jsonschema`` package and the schema file are
not available offline.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest
from lxml import etree

from aligner.checks.policy import FINGERPRINT_KEY, fingerprint
from aligner.checks.registry import Registry
from aligner.model import Finding, Severity
from aligner.report.findings import (
    FORMATS,
    SARIF_SCHEMA,
    format_github,
    format_json,
    format_junit,
    format_sarif,
    format_text,
    render_findings,
    sarif_level,
    sarif_uri,
    summarize,
)

from ..checks.test_registry import make_registry

NASTY = 'a <script>alert("x")</script> & \'q\' %0A 50% a:b,c\r\nnext\x00\x1b[31mred\x07\u202eevil\ufffe'


def _f(code: str = "NUM901", severity: Severity = Severity.MAJOR, path: str = "docs/lt.txt", line: int = 3,
       column: int = 5, message: str = "number 25 is missing", category: str = "number",
       text: str = "Sumokėkite EUR.") -> Finding:
    return Finding(code, category, severity, path, "lt", line, column, message, {"text": text, "value": "25"})


FINDINGS = [
    _f(),
    _f("LNG901", Severity.MINOR, line=4, column=1, message="left untranslated", category="language"),
    _f("NUM901", Severity.CRITICAL, path="docs/da.txt", line=10, column=2, message="number 7 differs"),
    _f("DOC001", Severity.INFO, path="docs/da.txt", line=1, column=1, message="not a version", category="document"),
]


def _shuffled(items: list[Finding]) -> list[Finding]:
    out = list(items)
    random.Random(7).shuffle(out)
    return out


# ------------------------------------------------------------------------------------------ text


def test_text_lines_sorted_with_summary() -> None:
    assert format_text(FINDINGS) == (
        "docs/da.txt:1:1: DOC001 info not a version\n"
        "docs/da.txt:10:2: NUM901 critical number 7 differs\n"
        "docs/lt.txt:3:5: NUM901 major number 25 is missing\n"
        "docs/lt.txt:4:1: LNG901 minor left untranslated\n"
        "4 findings (1 critical, 1 major, 1 minor, 1 info)\n"
    )
    assert format_text([]) == "No findings.\n"
    assert format_text([], summary=False) == ""
    assert format_text(FINDINGS[:1], summary=False) == "docs/lt.txt:3:5: NUM901 major number 25 is missing\n"


def test_text_colour_only_when_asked() -> None:
    plain = format_text(FINDINGS)
    coloured = format_text(FINDINGS, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mcritical\x1b[0m" in coloured and "\x1b[33mminor\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_escapes_control_and_bidi_characters() -> None:
    out = format_text([_f(message=NASTY)], summary=False, color=True)
    body = re.sub(r"\x1b\[[0-9;]*m", "", out)  # our own colour codes
    assert "\x1b" not in body and "\x00" not in body and "\u202e" not in body and "\x07" not in body
    assert out.count("\n") == 1  # a CR/LF in a message cannot forge a second finding line
    assert "\\x1b[31mred" in out and "\\u202eevil" in out and "\\r\\nnext" not in out and "\\x0d\\x0anext" in out
    assert '<script>alert("x")</script>' in out  # text output is not HTML: shown as is


# ------------------------------------------------------------------------------------------ json


def test_json_document() -> None:
    doc = json.loads(format_json(FINDINGS, signature="aligner:check|version:0.1.0", suppressed=2))
    assert doc["signature"] == "aligner:check|version:0.1.0"
    assert [(f["path"], f["line"], f["code"]) for f in doc["findings"]] == [
        ("docs/da.txt", 1, "DOC001"), ("docs/da.txt", 10, "NUM901"), ("docs/lt.txt", 3, "NUM901"),
        ("docs/lt.txt", 4, "LNG901"),
    ]
    first = doc["findings"][2]
    for key in ("code", "category", "severity", "path", "language", "line", "column", "message", "evidence"):
        assert key in first
    assert first["severity"] == "major" and first["evidence"] == {"text": "Sumokėkite EUR.", "value": "25"}
    assert first["fingerprint"] == fingerprint(FINDINGS[0])
    assert doc["summary"] == {
        "total": 4,
        "by_severity": {"critical": 1, "major": 1, "minor": 1, "info": 1},
        "by_category": {"document": 1, "language": 1, "number": 2},
        "by_path": {"docs/da.txt": 2, "docs/lt.txt": 2},
        "by_code": {"DOC001": 1, "LNG901": 1, "NUM901": 2},
        "fail_on": "major",
        "failed": True,
        "suppressed": 2,
    }


@pytest.mark.parametrize(
    ("fail_on", "failed", "label"),
    [(Severity.CRITICAL, False, "critical"), ("minor", True, "minor"), (None, False, "never"),
     ("never", False, "never")],
)
def test_summary_fail_on(fail_on: object, failed: bool, label: str) -> None:
    summary = summarize([_f(severity=Severity.MAJOR)], fail_on)  # type: ignore[arg-type]
    assert (summary["failed"], summary["fail_on"]) == (failed, label)


def test_json_survives_any_text() -> None:
    out = format_json([_f(message=NASTY, text=NASTY)])
    doc = json.loads(out)
    assert doc["findings"][0]["message"] == NASTY and doc["findings"][0]["evidence"]["text"] == NASTY


# ----------------------------------------------------------------------------------------- sarif

# The SARIF 2.1.0 schema, restricted to what aligner emits: allowed keys per object
# (every one of these objects has additionalProperties: false), and the required ones.
SARIF_OBJECTS: dict[str, tuple[set[str], set[str]]] = {
    "log": ({"$schema", "version", "runs", "inlineExternalProperties", "properties"}, {"version", "runs"}),
    "run": ({"tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
             "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates",
             "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences",
             "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
             "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"}, {"tool"}),
    "tool": ({"driver", "extensions", "properties"}, {"driver"}),
    "toolComponent": ({"guid", "name", "organization", "product", "productSuite", "shortDescription",
                       "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
                       "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications",
                       "rules", "taxa", "locations", "language", "contents", "isComprehensive",
                       "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
                       "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"}, {"name"}),
    "reportingDescriptor": ({"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
                             "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
                             "helpUri", "help", "relationships", "properties"}, {"id"}),
    "reportingConfiguration": ({"enabled", "level", "rank", "parameters", "properties"}, set()),
    "multiformatMessageString": ({"text", "markdown", "properties"}, {"text"}),
    "message": ({"text", "markdown", "id", "arguments", "properties"}, set()),
    "result": ({"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
                "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows",
                "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
                "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
                "webResponse", "properties"}, {"message"}),
    "location": ({"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships",
                  "properties"}, set()),
    "physicalLocation": ({"address", "artifactLocation", "region", "contextRegion", "properties"}, set()),
    "artifactLocation": ({"uri", "uriBaseId", "index", "description", "properties"}, set()),
    "region": ({"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
                "byteLength", "snippet", "message", "sourceLanguage", "properties"}, set()),
}
LEVELS = {"none", "note", "warning", "error"}
# RFC 3986 URI-reference characters: unreserved, reserved, and percent-encoded octets only.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _obj(value: Any, kind: str, where: str) -> dict:
    allowed, required = SARIF_OBJECTS[kind]
    assert isinstance(value, dict), f"{where}: {kind} must be an object"
    assert not set(value) - allowed, f"{where}: {kind} does not allow {sorted(set(value) - allowed)}"
    assert required <= set(value), f"{where}: {kind} requires {sorted(required - set(value))}"
    return value


def _property_bag(value: Any, where: str) -> None:
    assert isinstance(value, dict), f"{where}: properties must be an object"
    if "tags" in value:
        tags = value["tags"]
        assert isinstance(tags, list) and all(isinstance(t, str) for t in tags), f"{where}: tags are strings"
        assert len(tags) == len(set(tags)), f"{where}: tags must be unique"


def _mms(value: Any, where: str) -> None:
    _obj(value, "multiformatMessageString", where)
    assert isinstance(value["text"], str)


def _nonneg_int(value: Any, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def validate_sarif(log: Any) -> None:
    """Assert ``log`` conforms to SARIF 2.1.0 in every object aligner emits, and to GitHub's needs."""
    _obj(log, "log", "$")
    assert log["version"] == "2.1.0"
    assert isinstance(log.get("$schema", ""), str) and ABSOLUTE_URI.match(log["$schema"])
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    for r, run in enumerate(log["runs"]):
        w = f"runs[{r}]"
        _obj(run, "run", w)
        if "columnKind" in run:
            assert run["columnKind"] in {"utf16CodeUnits", "unicodeCodePoints"}
        if "properties" in run:
            _property_bag(run["properties"], w)
        tool = _obj(run["tool"], "tool", f"{w}.tool")
        driver = _obj(tool["driver"], "toolComponent", f"{w}.tool.driver")
        assert isinstance(driver["name"], str) and driver["name"]
        for key in ("version", "semanticVersion"):
            assert isinstance(driver.get(key, ""), str)
        assert ABSOLUTE_URI.match(driver["informationUri"]) and URI_REFERENCE.match(driver["informationUri"])
        rules = driver.get("rules", [])
        assert isinstance(rules, list)
        assert len({json.dumps(x, sort_keys=True) for x in rules}) == len(rules), "rules: uniqueItems"
        assert len({x["id"] for x in rules}) == len(rules), "rule ids must be distinct for ruleIndex to mean anything"
        for i, rule in enumerate(rules):
            rw = f"{w}.rules[{i}]"
            _obj(rule, "reportingDescriptor", rw)
            assert isinstance(rule["id"], str) and rule["id"]
            assert isinstance(rule.get("name", ""), str)
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule:
                    _mms(rule[key], f"{rw}.{key}")
            if "defaultConfiguration" in rule:
                conf = _obj(rule["defaultConfiguration"], "reportingConfiguration", f"{rw}.defaultConfiguration")
                assert conf.get("level", "warning") in LEVELS
            if "properties" in rule:
                _property_bag(rule["properties"], rw)
        assert isinstance(run["results"], list), "results must be present for a scan (may be empty)"
        for j, result in enumerate(run["results"]):
            rw = f"{w}.results[{j}]"
            _obj(result, "result", rw)
            message = _obj(result["message"], "message", f"{rw}.message")
            assert isinstance(message.get("text"), str) and message["text"], "GitHub needs message.text"
            assert isinstance(result["ruleId"], str)
            assert _nonneg_int(result["ruleIndex"], -1)
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"], f"{rw}: ruleIndex points elsewhere"
            assert result.get("level", "warning") in LEVELS
            fps = result.get("partialFingerprints", {})
            assert isinstance(fps, dict) and all(isinstance(v, str) for v in fps.values())
            assert isinstance(result["locations"], list) and len(result["locations"]) == 1
            for k, loc in enumerate(result["locations"]):
                lw = f"{rw}.locations[{k}]"
                _obj(loc, "location", lw)
                phys = _obj(loc["physicalLocation"], "physicalLocation", f"{lw}.physicalLocation")
                art = _obj(phys["artifactLocation"], "artifactLocation", f"{lw}.artifactLocation")
                assert isinstance(art["uri"], str) and URI_REFERENCE.match(art["uri"]), art["uri"]
                region = _obj(phys["region"], "region", f"{lw}.region")
                assert _nonneg_int(region["startLine"], 1) and _nonneg_int(region.get("startColumn", 1), 1)
            if "properties" in result:
                _property_bag(result["properties"], rw)


def test_sarif_is_valid_and_complete() -> None:
    reg = make_registry()
    log = json.loads(format_sarif(FINDINGS, registry=reg, signature="aligner:check|version:0.1.0"))
    validate_sarif(log)
    assert log["$schema"] == SARIF_SCHEMA
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "aligner" and driver["version"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["signature"] == "aligner:check|version:0.1.0"
    assert [r["id"] for r in driver["rules"]] == ["DOC001", "LNG901", "NUM901"]  # DOC001: not registered here
    num = driver["rules"][2]
    assert num["name"] == "missing-number"
    assert num["shortDescription"]["text"] == "A number of the source is missing from the translation."
    assert "Bad:" in num["help"]["text"] and "Good:" in num["help"]["text"]
    assert num["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][1]["properties"]["tags"] == ["language"]  # category == family, listed once
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("DOC001", "note"), ("NUM901", "error"), ("NUM901", "error"), ("LNG901", "warning"),
    ]
    first = run["results"][2]
    assert first["message"]["text"] == "number 25 is missing"
    phys = first["locations"][0]["physicalLocation"]
    assert phys == {"artifactLocation": {"uri": "docs/lt.txt"}, "region": {"startLine": 3, "startColumn": 5}}
    assert first["partialFingerprints"] == {FINGERPRINT_KEY: fingerprint(FINDINGS[0]) + ":1"}


def test_sarif_with_no_findings_is_still_a_scan() -> None:
    log = json.loads(format_sarif([], registry=make_registry()))
    validate_sarif(log)
    assert log["runs"][0]["results"] == [] and len(log["runs"][0]["tool"]["driver"]["rules"]) == 2


def test_sarif_partial_fingerprints_are_distinct_for_repeats() -> None:
    repeats = [_f(line=3), _f(line=9), _f(line=15)]
    results = json.loads(format_sarif(repeats, registry=Registry()))["runs"][0]["results"]
    values = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    assert len(set(values)) == 3 and [v.rsplit(":", 1)[1] for v in values] == ["1", "2", "3"]


def test_sarif_survives_any_text_and_odd_positions() -> None:
    odd = _f(message=NASTY, text=NASTY, path="dir with space/ä:b#c.txt", line=0, column=0)
    log = json.loads(format_sarif([odd], registry=Registry()))
    validate_sarif(log)
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == NASTY
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "dir%20with%20space/%C3%A4%3Ab%23c.txt"
    )
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}


@pytest.mark.parametrize(
    ("path", "root", "uri"),
    [
        ("docs/lt.txt", None, "docs/lt.txt"),
        ("./docs/lt.txt", None, "docs/lt.txt"),
        ("docs\\lt.txt", None, "docs/lt.txt"),
        ("/repo/docs/lt.txt", "/repo", "docs/lt.txt"),
        ("/repo/docs/lt.txt", "/repo/", "docs/lt.txt"),
        ("/elsewhere/lt.txt", "/repo", "file:///elsewhere/lt.txt"),
        ("/repository/lt.txt", "/repo", "file:///repository/lt.txt"),
        ("C:\\work\\lt.txt", None, "file:///C:/work/lt.txt"),
        ("../up/lt.txt", None, "../up/lt.txt"),
    ],
)
def test_sarif_uri(path: str, root: str | None, uri: str) -> None:
    assert sarif_uri(path, root) == uri
    assert URI_REFERENCE.match(uri)


@pytest.mark.parametrize(
    ("severity", "level"),
    [(Severity.CRITICAL, "error"), (Severity.MAJOR, "error"), (Severity.MINOR, "warning"), (Severity.INFO, "note")],
)
def test_sarif_levels(severity: Severity, level: str) -> None:
    assert sarif_level(severity) == level


# ----------------------------------------------------------------------------------------- junit


def _junit(findings: list[Finding], **kwargs: Any) -> etree._Element:
    out = format_junit(findings, registry=make_registry(), **kwargs)
    assert out.startswith("<?xml version='1.0' encoding='UTF-8'?>\n")
    return etree.fromstring(out.encode("utf-8"))


def test_junit_suite_per_document_case_per_family() -> None:
    root = _junit(FINDINGS, fail_on="major", documents=["docs/lt.txt", "docs/da.txt", "./docs/clean.txt"])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["docs/clean.txt", "docs/da.txt", "docs/lt.txt"]
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert all(c.get("file") == c.get("classname") for c in cases.values())  # GitLab links the file
    # Families: the registry's (language, numbers) plus a category for unregistered codes (document).
    assert sorted(cases) == [
        ("docs/clean.txt", "language"), ("docs/clean.txt", "numbers"),
        ("docs/da.txt", "document"), ("docs/da.txt", "language"), ("docs/da.txt", "numbers"),
        ("docs/lt.txt", "language"), ("docs/lt.txt", "numbers"),
    ]
    failed = sorted(k for k, c in cases.items() if c.find("failure") is not None)
    assert failed == [("docs/da.txt", "numbers"), ("docs/lt.txt", "numbers")]
    failure = cases[("docs/da.txt", "numbers")].find("failure")
    assert failure.get("message") == "1 numbers finding at or above major" and failure.get("type") == "NUM901"
    assert failure.text == "10:2: NUM901 critical number 7 differs"
    # Below the threshold: listed, not failed.
    assert cases[("docs/lt.txt", "language")].findtext("system-out") == "4:1: LNG901 minor left untranslated"
    assert cases[("docs/da.txt", "document")].find("failure") is None
    assert [(s.get("tests"), s.get("failures")) for s in suites] == [("2", "0"), ("3", "1"), ("2", "1")]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "2", "0")


def test_junit_families_can_be_limited_to_the_checks_that_ran() -> None:
    root = _junit(FINDINGS[:1], fail_on="major", documents=["docs/da.txt"], families=["numbers"])
    assert sorted((c.get("classname"), c.get("name")) for c in root.iter("testcase")) == [
        ("docs/da.txt", "numbers"), ("docs/lt.txt", "numbers"),
    ]


@pytest.mark.parametrize(("fail_on", "failures"), [("info", "4"), ("minor", "3"), ("critical", "1"), ("never", "0")])
def test_junit_failures_follow_fail_on(fail_on: str, failures: str) -> None:
    assert _junit(FINDINGS, fail_on=fail_on).get("failures") == failures


def test_junit_is_valid_xml_for_any_text() -> None:
    root = _junit([_f(message=NASTY, path="docs/<b>&\"x\".txt")], fail_on="major", signature="sig|x")
    failure = next(root.iter("failure"))
    assert '<script>alert("x")</script>' in failure.text  # escaped on the way out, intact on the way in
    assert "\x00" not in failure.text and "\ufffe" not in failure.text and "\\x00" in failure.text
    assert "\x1b" not in failure.text  # XML 1.0 forbids it; shown as \x1b
    assert root.find("testsuite").get("name") == 'docs/<b>&"x".txt'
    assert root.find("testsuite/properties/property").get("value") == "sig|x"


def test_junit_has_no_timestamps_and_is_deterministic() -> None:
    a = format_junit(FINDINGS, registry=make_registry(), documents=["docs/lt.txt"])
    assert a == format_junit(_shuffled(FINDINGS), registry=make_registry(), documents=["docs/lt.txt"])
    assert "timestamp" not in a and 'time="0"' in a


# ---------------------------------------------------------------------------------------- github


def test_github_commands() -> None:
    assert format_github(FINDINGS) == (
        "::notice file=docs/da.txt,line=1,col=1,title=DOC001::not a version\n"
        "::error file=docs/da.txt,line=10,col=2,title=NUM901::number 7 differs\n"
        "::error file=docs/lt.txt,line=3,col=5,title=NUM901::number 25 is missing\n"
        "::warning file=docs/lt.txt,line=4,col=1,title=LNG901::left untranslated\n"
    )
    assert format_github([]) == ""


@pytest.mark.parametrize(
    ("message", "data"),
    [
        ("50% done", "50%25 done"),
        ("a\nb", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab"),
        ("%0A literal", "%250A literal"),
        ("a::b, c:d", "a::b, c:d"),  # data keeps : and , (only properties escape them)
        ("\x1b[31mred", "\\x1b[31mred"),
    ],
)
def test_github_data_escaping(message: str, data: str) -> None:
    assert format_github([_f(message=message)]) == f"::error file=docs/lt.txt,line=3,col=5,title=NUM901::{data}\n"


def test_github_property_escaping() -> None:
    out = format_github([_f(path="we,ird:dir/100%\nx.txt")])
    assert out.startswith("::error file=we%2Cird%3Adir/100%25%0Ax.txt,line=3,")
    assert out.count("\n") == 1


# -------------------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_deterministic_and_order_free(fmt: str) -> None:
    kwargs = {"registry": make_registry(), "documents": ["docs/lt.txt"], "signature": "s"}
    first = render_findings(fmt, FINDINGS, **kwargs)  # type: ignore[arg-type]
    assert first == render_findings(fmt, _shuffled(FINDINGS), **kwargs)  # type: ignore[arg-type]
    assert first.endswith("\n")


def test_render_findings_dispatches_and_rejects_unknown_formats() -> None:
    assert render_findings("text", FINDINGS) == format_text(FINDINGS)
    assert render_findings("text", FINDINGS, color=True) == format_text(FINDINGS, color=True)
    assert render_findings("github", FINDINGS) == format_github(FINDINGS)
    assert json.loads(render_findings("json", FINDINGS, fail_on="never"))["summary"]["failed"] is False
    assert "<failure" not in render_findings("junit", FINDINGS, fail_on="never", registry=Registry())
    with pytest.raises(ValueError, match="unknown findings format 'xml'"):
        render_findings("xml", FINDINGS)


def test_findings_formats_are_a_registry_that_refuses_duplicates() -> None:
    from aligner.report.findings import FINDINGS_FORMATS, FindingsFormat, get_findings_format, register_format

    assert list(FINDINGS_FORMATS) == ["text", "json", "sarif", "junit", "github"]
    assert sorted(FORMATS) == sorted(FINDINGS_FORMATS)
    with pytest.raises(ValueError, match="already registered"):
        register_format(FindingsFormat("json", ".json", format_json))
    assert get_findings_format("junit").option_names() == (
        "fail_on", "documents", "registry", "signature", "families")
    assert get_findings_format("github").option_names() == ()


def test_each_format_takes_the_run_options_it_uses_and_typos_are_refused() -> None:
    run = {"fail_on": "never", "color": False, "signature": "s", "documents": ["docs/lt.txt"], "suppressed": 0,
           "registry": make_registry(), "root": "/", "families": None}
    assert render_findings("github", FINDINGS, **run) == format_github(FINDINGS)
    assert render_findings("text", FINDINGS, **run) == format_text(FINDINGS)
    with pytest.raises(ValueError, match="take no option colour"):
        render_findings("text", FINDINGS, colour=True)
