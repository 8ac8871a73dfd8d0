"""Findings rendered for people and for CI: text, JSON, SARIF 2.1.0, JUnit XML, GitHub workflow commands.

Every function here is pure: findings in, one string out; the CLI writes it (stdout or
``atomic_write``). Output is deterministic (findings sorted by path, line, column, code; no
timestamps) and safe for any document text: control characters and bidirectional overrides
never reach a terminal raw, XML-illegal characters never reach the XML, and GitHub's
workflow-command escaping is applied to data and properties.

Pick a format by name with :func:`render_findings` (``--format``); the formats register in
:data:`FINDINGS_FORMATS`, like the exporters in :data:`aligner.export.EXPORTERS`.
"""

from __future__ import annotations

import inspect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from .._version import __version__
from ..checks.policy import FINGERPRINT_KEY, display_path, fingerprint, reaches, sort_findings
from ..checks.registry import Check, Registry, all_checks
from ..io.render import pretty_json
from ..model import Finding, Severity

__all__ = [
    "FINDINGS_FORMATS",
    "FORMATS",
    "FindingsFormat",
    "INFORMATION_URI",
    "SARIF_SCHEMA",
    "format_github",
    "format_json",
    "format_junit",
    "format_sarif",
    "format_text",
    "get_findings_format",
    "register_format",
    "render_findings",
    "run_summary",
    "sarif_level",
    "sarif_uri",
    "summarize",
]

#: The ``$schema`` of the SARIF log (the OASIS 2.1.0 errata 01 schema).
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#: ``tool.driver.informationUri`` in SARIF: where users learn about the tool (the registry page of its
#: distribution name, ``aligner-qa``: ``aligner`` there is another project; pass ``information_uri`` to change it).
INFORMATION_URI = "https://pypi.org/project/aligner-qa/"

_SEVERITY_ORDER = Severity.descending()

# Characters that must not reach a terminal raw: C0/C1 controls, DEL, and the bidirectional
# overrides/isolates of "Trojan Source" (they reorder what a reviewer sees).
_UNSAFE_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Characters XML 1.0 does not allow at all (lxml refuses them).
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_ANSI = {
    Severity.CRITICAL: "\x1b[1;31m",
    Severity.MAJOR: "\x1b[31m",
    Severity.MINOR: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _visible(text: str) -> str:
    """``text`` with control and bidi-override characters written as ``\\xNN``/``\\uNNNN``."""
    return _UNSAFE_TEXT.sub(_escape_char, text)


def _xml_safe(text: str) -> str:
    """``text`` without characters XML 1.0 forbids (written as ``\\xNN``/``\\uNNNN`` instead)."""
    return _XML_ILLEGAL.sub(_escape_char, text)


# --------------------------------------------------------------------------------------- summary


def summarize(
    findings: Iterable[Finding], fail_on: Severity | str | None = Severity.MAJOR, suppressed: int = 0
) -> dict:
    """Counts by severity (all four, critical first), category, path and code, and whether the run fails."""
    findings = list(findings)
    by_sev = Counter(f.severity for f in findings)
    failed = any(reaches(f, fail_on) for f in findings)
    threshold = fail_on.value if isinstance(fail_on, Severity) else (fail_on or "never")
    return {
        "total": len(findings),
        "by_severity": {s.value: by_sev.get(s, 0) for s in _SEVERITY_ORDER},
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        "by_path": dict(sorted(Counter(display_path(f.path) for f in findings).items())),
        "by_code": dict(sorted(Counter(f.code for f in findings).items())),
        "fail_on": threshold,
        "failed": failed,
        "suppressed": suppressed,
    }


def run_summary(
    findings: Iterable[Finding], fail_on: Severity | str | None = Severity.MAJOR, destination: str | None = None,
) -> str:
    """One line for a CI log: how many findings, of what severity, where they went, and why the exit code.

    ``17 findings (6 major, 11 minor) -> findings.sarif; exit 1: 6 findings at or above major, see --fail-on``
    """
    findings = list(findings)
    by_sev = Counter(f.severity for f in findings)
    parts = ", ".join(f"{by_sev[s]} {s.value}" for s in _SEVERITY_ORDER if by_sev.get(s))
    line = f"{len(findings)} finding{'' if len(findings) == 1 else 's'}" + (f" ({parts})" if parts else "")
    if destination:
        line += f" -> {destination}"
    threshold = fail_on.value if isinstance(fail_on, Severity) else (fail_on or "never")
    failing = sum(1 for f in findings if reaches(f, fail_on))
    if failing:
        line += f"; exit 1: {failing} at or above {threshold}, see --fail-on"
    else:
        line += "; exit 0" + (" (--fail-on never)" if threshold == "never" else f": nothing at or above {threshold}")
    return line


# ------------------------------------------------------------------------------------------ text


def format_text(findings: Iterable[Finding], *, color: bool = False, summary: bool = True) -> str:
    """One line per finding, ``file:line:col: CODE severity message``, then a summary line.

    With ``color`` the code is bold and the severity coloured (ANSI); document text is shown
    with control characters escaped either way, so it cannot move the cursor or recolour.
    """
    rows = sort_findings(findings)
    lines = []
    for f in rows:
        where = f"{_visible(display_path(f.path))}:{f.line}:{f.column}:"
        message = _visible(f.message)
        if color:
            sev = f"{_ANSI[f.severity]}{f.severity.value}{_RESET}"
            lines.append(f"{_BOLD}{where}{_RESET} {_BOLD}{f.code}{_RESET} {sev} {message}")
        else:
            lines.append(f"{where} {f.code} {f.severity.value} {message}")
    if summary:
        if rows:
            counts = Counter(f.severity for f in rows)
            parts = ", ".join(f"{counts[s]} {s.value}" for s in _SEVERITY_ORDER if counts[s])
            noun = "finding" if len(rows) == 1 else "findings"
            lines.append(f"{len(rows)} {noun} ({parts})")
        else:
            lines.append("No findings.")
    return "\n".join(lines) + "\n" if lines else ""


# ------------------------------------------------------------------------------------------ json


def format_json(
    findings: Iterable[Finding],
    *,
    signature: str = "",
    fail_on: Severity | str | None = Severity.MAJOR,
    suppressed: int = 0,
) -> str:
    """``{"findings": [...], "summary": {...}, "signature": ...}``.

    Each finding is its ``to_dict()`` plus its baseline ``fingerprint``.
    """
    rows = sort_findings(findings)
    doc = {
        "findings": [{**f.to_dict(), "fingerprint": fingerprint(f)} for f in rows],
        "summary": summarize(rows, fail_on, suppressed),
        "signature": signature,
    }
    return pretty_json(doc, default=str) + "\n"


# ----------------------------------------------------------------------------------------- sarif


def sarif_level(severity: Severity) -> str:
    """SARIF ``level``: critical and major are ``error``, minor ``warning``, info ``note``."""
    return {"critical": "error", "major": "error", "minor": "warning", "info": "note"}[severity.value]


def sarif_uri(path: str, root: str | None = None) -> str:
    """A URI reference for ``path``: relative POSIX and percent-encoded, ``file://`` when absolute outside ``root``."""
    p = display_path(path)
    is_abs = p.startswith("/") or bool(re.match(r"^[A-Za-z]:/", p))
    if is_abs and root:
        base = display_path(root).rstrip("/")
        if p.startswith(base + "/"):
            p, is_abs = p[len(base) + 1:], False
    if not is_abs:
        # Percent-encode everything but unreserved characters and "/": a ":" in the first
        # segment would otherwise read as a URI scheme.
        return quote(p, safe="/")
    return "file://" + ("" if p.startswith("/") else "/") + quote(p, safe="/:")


def _rule(cls: type[Check]) -> dict:
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.title()},
        "fullDescription": {"text": cls.title() + ("\n\n" + cls.description() if cls.description() else "")},
        "help": {"text": cls.description() or cls.title()},
        "defaultConfiguration": {"level": sarif_level(cls.default_severity)},
        # SARIF tags must be distinct ("language" can be both the category and the family).
        "properties": {"tags": sorted({cls.category, cls.family}), "category": cls.category, "family": cls.family},
    }


def _unregistered_rule(code: str, example: Finding) -> dict:
    return {
        "id": code,
        "name": code.lower(),
        "shortDescription": {"text": code},
        "fullDescription": {"text": f"{code} ({example.category})"},
        "help": {"text": f"{code} is not in the check registry; see `aligner checks`."},
        "defaultConfiguration": {"level": sarif_level(example.severity)},
        "properties": {"tags": [example.category], "category": example.category},
    }


def _sarif_rules(rows: Sequence[Finding], registry: Registry | None) -> tuple[list[dict], dict[str, int]]:
    """Every registered check as a rule, and any other code the findings carry; each code's place among them."""
    rules = [_rule(cls) for cls in all_checks(registry)]
    known = {r["id"] for r in rules}
    for f in rows:
        if f.code not in known:
            known.add(f.code)
            rules.append(_unregistered_rule(f.code, f))
    rules.sort(key=lambda r: r["id"])
    return rules, {r["id"]: i for i, r in enumerate(rules)}


def _sarif_result(f: Finding, fp: str, n: int, index: dict[str, int], root: str | None) -> dict:
    region: dict = {"startLine": max(1, f.line), "startColumn": max(1, f.column)}
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": sarif_uri(f.path, root)}, "region": region}}
    properties: dict = {
        "severity": f.severity.value,
        "category": f.category,
        "language": f.language,
        "confidence": round(f.confidence, 3),
        "evidence": f.evidence,
    }
    if f.key is not None:  # a localization entry: the region starts at its target text, shown as the snippet
        text, source = f.evidence.get("text"), f.evidence.get("source")
        if isinstance(text, str):
            region["snippet"] = {"text": text}
        location["logicalLocations"] = [{"name": f.key, "kind": "element"}]
        properties["unit"] = f.key
        if isinstance(source, str):
            properties["source"] = source
    return {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": sarif_level(f.severity),
        "message": {"text": f.message or f.code},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: f"{fp}:{n}"},
        "properties": properties,
    }


#: Where a result sits in the log :func:`format_sarif` writes (``runs[0].results[i]``): its indentation there.
_RESULT_INDENT = " " * 8
_NO_RESULTS = '"results": []'


@dataclass(frozen=True)
class SarifResults:
    """Findings' SARIF results rendered ahead (where their group ran), to be put into :func:`format_sarif`'s log.

    ``texts[i]`` is the result of the ``i``-th finding (in :func:`~aligner.checks.policy.sort_findings`
    order) as the log holds it, indented; ``fingerprints[i]`` its fingerprint, whose occurrence counter
    counts only these findings: the log can take them as they are when no fingerprint is also among
    another part's (a fingerprint holds the file's path, so the findings of one file's group are all
    its findings). ``None`` from :func:`render_sarif_results` when a code is not registered (its rule
    index depends on every finding of the log).
    """

    texts: tuple[str, ...]
    fingerprints: tuple[str, ...]


def render_sarif_results(findings: Iterable[Finding], *, registry: Registry | None = None,
                         root: str | None = None) -> SarifResults | None:
    """The :class:`SarifResults` of ``findings`` (one group's), or ``None`` if one of their codes is not registered."""
    rows = sort_findings(findings)
    rules, index = _sarif_rules((), registry)
    if any(f.code not in index for f in rows):
        return None
    seen: Counter[str] = Counter()
    texts, fps = [], []
    for f in rows:
        fp = fingerprint(f)
        seen[fp] += 1
        text = pretty_json(_sarif_result(f, fp, seen[fp], index, root), default=str)
        texts.append(_RESULT_INDENT + text.replace("\n", "\n" + _RESULT_INDENT))
        fps.append(fp)
    return SarifResults(tuple(texts), tuple(fps))


def format_sarif(
    findings: Iterable[Finding],
    *,
    registry: Registry | None = None,
    signature: str = "",
    root: str | None = None,
    tool_version: str = __version__,
    information_uri: str = INFORMATION_URI,
    rendered: Sequence[tuple[Sequence[Finding], SarifResults | None]] = (),
) -> str:
    """A SARIF 2.1.0 log that GitHub code scanning accepts (one run, every registered check as a rule).

    Columns count Unicode code points (``columnKind: unicodeCodePoints``), as aligner's do. A finding on a
    localization entry also gives the entry (``properties.unit``, a ``logicalLocation``), the target text as the
    region's ``snippet`` and the source text (``properties.source``).
    ``partialFingerprints`` carry :func:`~aligner.checks.policy.fingerprint` with an occurrence
    counter (``<sha256>:<n>``) so equal findings stay distinct, as GitHub's own line hashes do.

    ``rendered``: parts whose results were rendered ahead (:func:`render_sarif_results`, with the same
    ``registry`` and ``root``), each with its findings, sorted; ``findings`` are then all of theirs. They are
    taken as they are when every part has its results and no fingerprint is in two parts; else every
    result is rendered here. The same bytes either way.
    """
    rows = sort_findings(findings)
    rules, index = _sarif_rules(rows, registry)
    texts = _rendered_texts(rows, rendered) if rendered else None
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "aligner",
                "version": tool_version,
                "semanticVersion": tool_version,
                "informationUri": information_uri,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": [] if texts is not None else _sarif_results(rows, index, root),
            "properties": {"signature": signature},
        }],
    }
    text = pretty_json(log, default=str) + "\n"
    if texts:
        head, tail = text.split(_NO_RESULTS, 1)  # (the one unquoted place: in a string the quotes are escaped)
        text = head + '"results": [\n' + ",\n".join(texts) + "\n" + _RESULT_INDENT[:-2] + "]" + tail
    return text


def _sarif_results(rows: Sequence[Finding], index: dict[str, int], root: str | None) -> list[dict]:
    seen: Counter[str] = Counter()
    results = []
    for f in rows:
        fp = fingerprint(f)
        seen[fp] += 1
        results.append(_sarif_result(f, fp, seen[fp], index, root))
    return results


def _rendered_texts(rows: Sequence[Finding], rendered: Sequence[tuple[Sequence[Finding], SarifResults | None]]
                    ) -> list[str] | None:
    """The results of ``rows`` in their order from the parts rendered ahead, or ``None`` where they cannot serve."""
    by_finding: dict[int, str] = {}
    owner: dict[str, int] = {}
    for k, (part, results) in enumerate(rendered):
        if results is None or len(results.texts) != len(part):
            return None
        for f, text, fp in zip(part, results.texts, results.fingerprints):
            if owner.setdefault(fp, k) != k:
                return None  # (one fingerprint in two parts: its occurrences are counted over both)
            by_finding[id(f)] = text
    try:
        return [by_finding[id(f)] for f in rows]
    except KeyError:
        return None


# ----------------------------------------------------------------------------------------- junit


def _families(registry: Registry | None) -> dict[str, str]:
    return {cls.code: cls.family for cls in all_checks(registry)}


def _finding_line(f: Finding) -> str:
    return f"{f.line}:{f.column}: {f.code} {f.severity.value} {f.message}"


def format_junit(
    findings: Iterable[Finding],
    *,
    fail_on: Severity | str | None = Severity.MAJOR,
    documents: Sequence[str] = (),
    registry: Registry | None = None,
    signature: str = "",
    families: Iterable[str] | None = None,
) -> str:
    """JUnit XML for Jenkins and GitLab: a ``<testsuite>`` per document, a ``<testcase>`` per check family.

    ``documents`` lists every checked path so clean documents show as passing tests. A test case
    has a ``<failure>`` when its family has findings at or above ``fail_on``; findings below it are
    listed in ``<system-out>``. Codes map to families through the registry (a finding whose code
    is not registered counts under its category). Every document gets a test case for each of
    ``families`` (default: every registered family; pass the families of the checks that ran, so
    a disabled family does not show as passed) and for each family it has findings in.
    No timestamps: the same findings give the same bytes.
    """
    rows = sort_findings(findings)
    family_of = _families(registry)
    all_families = set(family_of.values()) if families is None else set(families)
    by_doc: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for doc in documents:
        by_doc.setdefault(display_path(doc), defaultdict(list))
    for f in rows:
        by_doc[display_path(f.path)][family_of.get(f.code, f.category)].append(f)

    root = etree.Element("testsuites", name="aligner check")
    total_tests = total_failures = 0
    for doc in sorted(by_doc):
        families = by_doc[doc]
        suite = etree.SubElement(root, "testsuite", name=_xml_safe(doc))
        if signature:
            props = etree.SubElement(suite, "properties")
            etree.SubElement(props, "property", name="signature", value=_xml_safe(signature))
        failures = 0
        names = sorted(all_families | set(families))
        for family in names:
            found = families.get(family, [])
            case = etree.SubElement(suite, "testcase", classname=_xml_safe(doc), name=family,
                                    file=_xml_safe(doc), time="0")
            failing = [f for f in found if reaches(f, fail_on)]
            passing = [f for f in found if not reaches(f, fail_on)]
            if failing:
                failures += 1
                codes = sorted({f.code for f in failing})
                noun = "finding" if len(failing) == 1 else "findings"
                threshold = fail_on.value if isinstance(fail_on, Severity) else fail_on
                failure = etree.SubElement(
                    case, "failure",
                    message=f"{len(failing)} {family} {noun} at or above {threshold}",
                    type=",".join(codes),
                )
                failure.text = _xml_safe("\n".join(_finding_line(f) for f in failing))
            if passing:
                out = etree.SubElement(case, "system-out")
                out.text = _xml_safe("\n".join(_finding_line(f) for f in passing))
        suite.set("tests", str(len(names)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += len(names)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", "0")
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


# ---------------------------------------------------------------------------------------- github


def _gh_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message (``%``, CR, LF), then other controls made visible."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _visible(text)


def _gh_property(text: str) -> str:
    """GitHub's escaping of a workflow command property (``%``, CR, LF, ``:``, ``,``)."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _gh_command(severity: Severity) -> str:
    return {"critical": "error", "major": "error", "minor": "warning", "info": "notice"}[severity.value]


def format_github(findings: Iterable[Finding]) -> str:
    """GitHub Actions workflow commands, one per finding: ``::error file=…,line=…,col=…,title=CODE::message``.

    ``error`` for critical and major, ``warning`` for minor, ``notice`` for info.
    """
    lines = []
    for f in sort_findings(findings):
        props = ",".join([
            f"file={_gh_property(display_path(f.path))}",
            f"line={max(1, f.line)}",
            f"col={max(1, f.column)}",
            f"title={_gh_property(f.code)}",
        ])
        lines.append(f"::{_gh_command(f.severity)} {props}::{_gh_data(f.message)}")
    return "\n".join(lines) + "\n" if lines else ""


# -------------------------------------------------------------------------------------- dispatch

@dataclass(frozen=True)
class FindingsFormat:
    """One findings format: its ``name`` (``--format``), file ``extension`` and pure ``function``.

    ``function(findings, **options) -> str`` declares the options it uses as keyword parameters;
    :meth:`options` keeps those of a run's options and refuses names that no format knows.
    """

    name: str
    extension: str
    function: Callable[..., str]

    def option_names(self) -> tuple[str, ...]:
        """The keyword options ``function`` takes."""
        params = inspect.signature(self.function).parameters.values()
        return tuple(p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY)

    def options(self, given: Mapping[str, object]) -> dict[str, object]:
        """The options in ``given`` this format uses; a name no registered format takes is a :class:`ValueError`."""
        unknown = sorted(set(given) - RUN_OPTIONS)
        if unknown:
            raise ValueError(f"findings formats take no option {', '.join(unknown)}; "
                             f"they take {', '.join(sorted(RUN_OPTIONS))}")
        mine = self.option_names()
        return {k: v for k, v in given.items() if k in mine}

    def render(self, findings: Iterable[Finding], **options: object) -> str:
        """``findings`` in this format, given a run's options (those this format does not use are left out)."""
        return self.function(list(findings), **self.options(options))


#: ``--format`` name -> format; the single place findings formats are listed.
FINDINGS_FORMATS: dict[str, FindingsFormat] = {}

#: Every option some findings format takes (filled by :func:`register_format`).
RUN_OPTIONS: set[str] = set()


def register_format(fmt: FindingsFormat) -> FindingsFormat:
    """Add ``fmt`` under its name; a second format with the same name is refused."""
    if fmt.name in FINDINGS_FORMATS:
        raise ValueError(f"findings format {fmt.name!r} is already registered")
    FINDINGS_FORMATS[fmt.name] = fmt
    RUN_OPTIONS.update(fmt.option_names())
    return fmt


for _fmt in (
    FindingsFormat("text", ".txt", format_text),
    FindingsFormat("json", ".json", format_json),
    FindingsFormat("sarif", ".sarif", format_sarif),
    FindingsFormat("junit", ".xml", format_junit),
    FindingsFormat("github", ".txt", format_github),
):
    register_format(_fmt)
del _fmt

#: ``--format`` names and the function that renders each.
FORMATS: dict[str, Callable[..., str]] = {name: fmt.function for name, fmt in FINDINGS_FORMATS.items()}


def get_findings_format(name: str) -> FindingsFormat:
    """The findings format called ``name``; a bad name is a :class:`ValueError`."""
    fmt = FINDINGS_FORMATS.get(name)
    if fmt is None:
        raise ValueError(f"unknown findings format {name!r}; use one of {', '.join(FINDINGS_FORMATS)}")
    return fmt


def render_findings(fmt: str, findings: Iterable[Finding], **options: object) -> str:
    """Render ``findings`` in format ``fmt`` (one of :data:`FINDINGS_FORMATS`), passing each format the options it uses.

    ``options`` are a run's: ``fail_on``, ``color``, ``signature``, ``documents``, ``suppressed``,
    ``registry``, ``root``, ``families``, ``summary``, ... (see each ``format_*``). A bad ``fmt``
    or an option no format takes is a :class:`ValueError` (the CLI offers only the registered names).
    """
    return get_findings_format(fmt).render(findings, **options)
