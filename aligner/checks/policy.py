"""Deciding, apart from measuring: configuration, the exit code, and the baseline of known findings.

Checks record what they measured (OpusFilter's ``score``); this module decides what that means
for a run (OpusFilter's ``accept``): which codes are off, what severity each has, whether the
run fails, and which findings are already known and so suppressed.

Baseline fingerprints do not depend on line or column numbers, so adding a paragraph above a
known finding does not turn it into a new one. A fingerprint is the SHA-256 of

* a format tag (``v1``), so a future change of recipe cannot silently match old baselines;
* the check code;
* the path **as given on the command line**, normalised to POSIX form without a leading
  ``./`` (not the basename: translations often share a file name across language folders,
  ``en/index.txt`` and ``lt/index.txt``). Write and use a baseline from the same directory with
  the same path arguments, as CI does from the repository root;
* the language of the document;
* the text of the offending segment, ``evidence["text"]`` (falling back to the message),
  NFC-normalised with runs of white space collapsed;
* ``evidence["value"]`` when present (the number a number check is about), so two findings
  about one sentence stay apart;
* on a localization file, the entry's key (``Finding.key``: msgctxt+msgid, trans-unit id, key path),
  so one translation used by two entries gives two findings, and moving entries in the file changes
  nothing. (Findings on running text have no key and keep the fingerprints they had.)

Other evidence (confidences, line numbers of other versions) is left out on purpose. Findings
with equal fingerprints are counted: a baseline that knows two suppresses two, and a third
is new.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io.writer import atomic_write
from ..model import Finding, Severity
from .config import CheckConfig, parse_fail_on
from .registry import Check, Registry, all_checks, regrade

__all__ = [
    "BASELINE_VERSION",
    "FINGERPRINT_KEY",
    "Baseline",
    "apply_config",
    "baseline_json",
    "display_path",
    "exit_code",
    "filter_baseline",
    "fingerprint",
    "load_baseline",
    "parse_baseline",
    "reaches",
    "select_checks",
    "sort_findings",
    "write_baseline",
]

#: Version of the baseline file format and of the fingerprint recipe.
BASELINE_VERSION = 1

#: The key under which SARIF ``partialFingerprints`` carry :func:`fingerprint`.
FINGERPRINT_KEY = "alignerFingerprint/v1"

_SPACE = re.compile(r"\s+")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def select_checks(config: CheckConfig, registry: Registry | None = None) -> list[Check]:
    """Instances of the registered checks that ``config`` leaves on, with its severity overrides."""
    return [
        cls(config.severity.get(cls.code))
        for cls in all_checks(registry)
        if cls.code not in config.disable
    ]


def apply_config(findings: Iterable[Finding], config: CheckConfig) -> list[Finding]:
    """Drop findings of disabled codes and set overridden severities; order is kept.

    For findings made outside a run, e.g. stored from an earlier one and re-graded under another
    configuration. A run does not need it: :func:`select_checks` leaves disabled checks out and
    gives each check its severity in force, which the check stamps on its findings.
    """
    out = []
    for f in findings:
        if f.code in config.disable:
            continue
        out.append(regrade(f, config.severity.get(f.code)))
    return out


def display_path(path: str) -> str:
    """``path`` in POSIX form, normalised, without a leading ``./`` (the same string on every OS)."""
    text = path.replace("\\", "/")
    return posixpath.normpath(text) if text else text


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order every output uses: path, line, column, code, then message."""
    return sorted(
        findings,
        key=lambda f: (display_path(f.path), f.line, f.column, f.code, -f.severity.rank, f.message,
                       f.language or ""),
    )


def reaches(finding: Finding, fail_on: Severity | str | None) -> bool:
    """True when ``finding`` is at or above ``fail_on`` (never, for ``None``/``"never"``)."""
    threshold = parse_fail_on(fail_on) if isinstance(fail_on, str) else fail_on
    return threshold is not None and finding.severity >= threshold


def exit_code(findings: Iterable[Finding], fail_on: Severity | str | None) -> int:
    """1 when any finding reaches ``fail_on``, else 0 (always 0 for ``never``/``None``)."""
    threshold = parse_fail_on(fail_on) if isinstance(fail_on, str) else fail_on
    return int(any(reaches(f, threshold) for f in findings))


def _normal_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fingerprint(finding: Finding) -> str:
    """A SHA-256 hex digest of the finding that ignores where in the file it is (see module docs)."""
    evidence = finding.evidence or {}
    text = evidence.get("text")
    if not isinstance(text, str):
        text = finding.message
    value = evidence.get("value")
    parts = [
        f"v{BASELINE_VERSION}",
        finding.code,
        display_path(finding.path),
        finding.language or "",
        _normal_text(text),
        "" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str),
    ]
    if finding.key is not None:  # a localization entry: the same text in two entries is two findings
        parts.append(finding.key)
    payload = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Baseline:
    """Known findings: how many times each fingerprint may be suppressed."""

    counts: Mapping[str, int]
    path: str = ""

    def __len__(self) -> int:
        return sum(self.counts.values())


def baseline_json(findings: Iterable[Finding]) -> str:
    """The baseline file for ``findings``: JSON, one entry per fingerprint, sorted, newline-terminated.

    Each entry keeps the code, path and first message beside the fingerprint so a reviewer
    can read what a baseline change accepts.
    """
    entries: dict[str, dict] = {}
    counts: Counter[str] = Counter()
    for f in sort_findings(findings):
        fp = fingerprint(f)
        counts[fp] += 1
        entries.setdefault(fp, {"fingerprint": fp, "code": f.code, "path": display_path(f.path),
                                "message": f.message})
    rows = []
    for fp, entry in entries.items():
        rows.append({**entry, "count": counts[fp]})
    rows.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    doc = {"aligner-baseline": BASELINE_VERSION, "findings": rows}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_baseline(findings: Iterable[Finding], path: str | os.PathLike[str]) -> int:
    """Write the baseline of ``findings`` to ``path`` atomically; return how many findings it holds."""
    findings = list(findings)
    atomic_write(path, baseline_json(findings))
    return len(findings)


def parse_baseline(text: str, where: str = "<baseline>") -> Baseline:
    """Read a baseline from its JSON text; :class:`InputError` naming ``where`` if it is not one."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"baseline is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(doc, dict) or "aligner-baseline" not in doc:
        raise InputError(where, "not an aligner baseline; write one with --write-baseline")
    if doc["aligner-baseline"] != BASELINE_VERSION:
        found = doc["aligner-baseline"]
        raise InputError(where, f"baseline format {found!r} is not {BASELINE_VERSION}; rewrite with --write-baseline")
    rows = doc.get("findings")
    if not isinstance(rows, list):
        raise InputError(where, "baseline has no list of findings")
    counts: Counter[str] = Counter()
    for i, row in enumerate(rows):
        fp = row.get("fingerprint") if isinstance(row, dict) else None
        count = row.get("count", 1) if isinstance(row, dict) else None
        if not isinstance(fp, str) or not _HEX64.match(fp):
            raise InputError(where, f"findings[{i}] has no valid fingerprint")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InputError(where, f"findings[{i}].count must be a positive integer")
        counts[fp] += count
    return Baseline(dict(sorted(counts.items())), where)


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read the baseline file at ``path`` (:class:`InputError` if missing or malformed)."""
    where = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(where, "baseline file not found; create it with --write-baseline") from None
    except UnicodeDecodeError:
        raise InputError(where, "baseline is not UTF-8 JSON") from None
    except OSError as exc:
        raise InputError(where, f"cannot read baseline ({exc.strerror})") from None
    return parse_baseline(text, where)


def filter_baseline(findings: Iterable[Finding], baseline: Baseline) -> tuple[list[Finding], list[Finding]]:
    """Split ``findings`` into ``(kept, suppressed)``, both sorted; each baseline entry suppresses at most its count."""
    left = dict(baseline.counts)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in sort_findings(findings):
        fp = fingerprint(f)
        if left.get(fp, 0) > 0:
            left[fp] -= 1
            suppressed.append(f)
        else:
            kept.append(f)
    return kept, suppressed
