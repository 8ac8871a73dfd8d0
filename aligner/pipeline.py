"""The pipelines behind ``check`` and ``audit``: read -> detect -> group -> align -> check (-> score).

Pure orchestration over library verbs; no printing. Progress is reported through an
optional callback so the CLI can show a bar and a notebook can ignore it. The settings the
path pipelines share (how to read the files, the check configuration, the termbase) travel
together in one :class:`RunOptions`; each verb also takes them as keyword arguments.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from .align import AlignResult, AlignSettings, align_documents, align_group, alignment_settings, alignment_signature
from .align.grouping import group_documents
from .checks.config import CheckConfig, check_signature
from .checks.context import CheckContext
from .checks.l10n import name_entries
from .checks.policy import filter_baseline, load_baseline, select_checks, sort_findings
from .checks.registry import run_all
from .detect import DocumentDetection, detect_document, detection_settings, detection_signature
from .errors import AlignerError
from .executor import Executor
from .heap import long_lived, settle
from .io.formats import read_paths
from .model import Alignment, AuditResult, Document, Finding
from .options import RunOptions

#: ``progress(stage, done, total)``; stages: read, detect, align, check, score.
Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    return None


def _options(options: RunOptions | None, changes: dict[str, Any]) -> RunOptions:
    """``options`` (default: :class:`RunOptions`) with keyword ``changes``; a bad keyword is a TypeError."""
    return (RunOptions() if options is None else options).replace(**changes)


@dataclass(frozen=True)
class CheckRun:
    """The result of a check run: findings in force, the ones a baseline silenced, and the inputs behind them."""

    documents: tuple[Document, ...]
    detections: tuple[DocumentDetection, ...]
    alignment: AlignResult
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    all_findings: tuple[Finding, ...]
    config: CheckConfig
    signature: str
    families: tuple[str, ...]


#: Below this many characters of input the checks run in this process (starting workers costs more).
AUTO_JOBS_MIN_CHARS = 1_000_000


def auto_jobs(chars: int) -> int:
    """Worker processes for checking ``chars`` characters: one per usable CPU (at most 4), or 1 for small inputs.

    Four: the checks run as a handful of independent analyses, the costliest of which bounds the time.
    Only on Linux: workers are forked, and on macOS forking a process that has loaded system
    frameworks is unsafe (``--jobs`` still asks for them anywhere fork exists).
    """
    if chars < AUTO_JOBS_MIN_CHARS or not sys.platform.startswith("linux"):
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, 4))


def detect_all(
    docs: Sequence[Document], candidates: Sequence[str] | None = None, progress: Progress = _noop
) -> list[DocumentDetection]:
    """Document and segment languages of every document.

    The entries of localization files (keyed documents) are short UI strings by the thousand: without the
    user's candidates they are told apart among the languages of the run and English (the usual stray),
    which keeps a stray English ``msgstr`` a finding and costs a fraction of an open detection.
    """
    run_languages = tuple(sorted({d.language for d in docs if d.language} | {"en"}))
    out = []
    for i, doc in enumerate(docs):
        chosen = candidates if candidates or not doc.keyed else run_languages
        out.append(detect_document(doc, segments=True, candidates=chosen, screen=True))
        progress("detect", i + 1, len(docs))
    return out


def check_documents(
    docs: Sequence[Document],
    options: RunOptions | None = None,
    *,
    settings: AlignSettings = AlignSettings(),
    progress: Progress = _noop,
    executor: Executor | None = None,
    **changes: Any,
) -> CheckRun:
    """Detect, group, align and check ``docs`` under ``options`` (baseline applied when the config names one).

    ``changes`` are :class:`RunOptions` fields as keywords (``config=``, ``candidates=``,
    ``glossary=``), applied over ``options``; the reading options do not apply to documents.
    With an ``executor`` (such as :class:`aligner.cluster.DaskExecutor`), each group is detected,
    aligned and checked as one task of it (:func:`run_group`) after grouping here; the run is the
    same, finding for finding.
    """
    opts = _options(options, changes)
    config, candidates, glossary = opts.config, opts.candidates, opts.glossary
    if glossary is None and config.glossary is not None:
        from .facts.glossary import load_glossary

        glossary = load_glossary(str(config.glossary))
    if executor is not None and not any(d.keyed for d in docs):  # (localization files group by key, here)
        return _check_by_group(docs, executor, settings, opts, glossary, progress)
    with long_lived():  # (the documents, then each stage's results, left out of the collector's walks)
        detections = detect_all(docs, candidates, progress)
        settle()
        progress("align", 0, 1)
        # (the same jobs as the checks': a long group's pairwise alignments and grouping evidence run in them too)
        jobs = opts.jobs if opts.jobs is not None else auto_jobs(sum(len(d.text) for d in docs))
        aligned = align_documents(docs, settings=settings, jobs=jobs)
        settle()
        progress("align", 1, 1)
        return _check_aligned(docs, detections, aligned, settings, opts, glossary, progress)


def _check_aligned(docs: Sequence[Document], detections: Sequence[DocumentDetection], aligned: AlignResult,
                   settings: AlignSettings, opts: RunOptions, glossary: Any, progress: Progress) -> CheckRun:
    config = opts.config
    ctx = CheckContext(
        groups=aligned.groups,
        unmatched=aligned.unmatched,
        document_languages={d.id: d.guess for d in detections},
        segment_languages={d.id: tuple(s.guess for s in d.segments or ()) for d in detections},
        glossary=glossary,
        source=config.source_version,
    )
    # The checks carry the configuration: disabled ones are left out, each stamps its severity in force.
    checks = select_checks(config)
    jobs = opts.jobs if opts.jobs is not None else auto_jobs(sum(len(d.text) for d in docs))
    progress("check", 0, 1)
    findings = sort_findings(name_entries(run_all(checks, ctx, jobs=jobs), aligned.groups, config.source_version))
    progress("check", 1, 1)
    return _check_run(docs, detections, aligned, settings, opts, checks, findings)


def _check_run(docs: Sequence[Document], detections: Sequence[DocumentDetection], aligned: AlignResult,
               settings: AlignSettings, opts: RunOptions, checks: Sequence[Any], findings: list[Finding]) -> CheckRun:
    """The :class:`CheckRun` of sorted ``findings``: the baseline applied, the signature made."""
    config, candidates = opts.config, opts.candidates
    suppressed: list[Finding] = []
    kept = findings
    if config.baseline is not None:
        kept, suppressed = filter_baseline(findings, load_baseline(config.baseline))
    signature = check_signature(config, align=alignment_settings(settings, grouping=aligned.grouping is not None),
                                lid=detection_settings(candidates, True))
    return CheckRun(
        tuple(docs), tuple(detections), aligned, tuple(kept), tuple(suppressed), tuple(findings), config, signature,
        tuple(sorted({c.family for c in checks})),
    )


# --------------------------------------------------------------------------- one group, one task


@dataclass(frozen=True)
class GroupTask:
    """The work on one group, self-contained so that it can be pickled to a worker: :func:`run_group` does it.

    ``index`` is the group's place in the grouping (``-1``: the documents no group took, with one
    ``reasons`` entry each, which are only detected and checked); ``members`` the documents'
    places in the run. ``check`` False only aligns (the ``align`` command).
    """

    index: int
    members: tuple[int, ...]
    documents: tuple[Document, ...]
    signature: str
    settings: AlignSettings = AlignSettings()
    reasons: tuple[str, ...] = ()
    check: bool = True
    config: CheckConfig = CheckConfig()
    candidates: tuple[str, ...] | None = None
    glossary: Any = None

    @property
    def label(self) -> str:
        """The group as error messages and the corpus index name it: its first document."""
        first = self.documents[0].id if self.documents else "?"
        return f"group {self.index + 1} ({first})" if self.index >= 0 else f"the ungrouped documents ({first})"

    @property
    def weight(self) -> int:
        return sum(len(d.text) for d in self.documents)


@dataclass(frozen=True)
class GroupResult:
    """What :func:`run_group` sends back: the alignment (``None`` for the ungrouped), detections, findings."""

    index: int
    alignment: Alignment | None
    detections: tuple[DocumentDetection, ...]
    findings: tuple[Finding, ...]


def run_group(task: GroupTask) -> GroupResult:
    """Align one group's versions, detect their languages and run every selected check on them alone.

    The checks see a context holding only this group (or only the ungrouped documents): every
    check analyses one group at a time, so the findings of all tasks, sorted, are those of one run
    over every group.
    """
    docs = task.documents
    alignment = align_group(docs, settings=task.settings, signature=task.signature) if task.index >= 0 else None
    if not task.check:
        return GroupResult(task.index, alignment, (), ())
    detections = tuple(detect_all(docs, task.candidates))
    ctx = CheckContext(
        groups=(alignment,) if alignment is not None else (),
        unmatched=tuple(zip(docs, task.reasons)) if alignment is None else (),
        document_languages={d.id: d.guess for d in detections},
        segment_languages={d.id: tuple(s.guess for s in d.segments or ()) for d in detections},
        glossary=task.glossary,
        source=task.config.source_version,
    )
    groups = (alignment,) if alignment is not None else ()
    findings = name_entries(run_all(select_checks(task.config), ctx, jobs=1), groups, task.config.source_version)
    return GroupResult(task.index, alignment, detections, tuple(findings))


def group_tasks(docs: Sequence[Document], grouping: Any, *, settings: AlignSettings = AlignSettings(),
                check: bool = True, opts: RunOptions | None = None, glossary: Any = None) -> list[GroupTask]:
    """One :class:`GroupTask` per group of ``grouping`` in its order, then one for the ungrouped (when checking)."""
    opts = opts or RunOptions()
    signature = alignment_signature(settings, grouping=True)
    common = {"signature": signature, "settings": settings, "check": check, "config": opts.config,
              "candidates": opts.candidates, "glossary": glossary}
    tasks = [GroupTask(i, tuple(g.members), tuple(docs[j] for j in g.members), **common)
             for i, g in enumerate(grouping.groups)]
    if check and grouping.unmatched:
        members = tuple(u.index for u in grouping.unmatched)
        tasks.append(GroupTask(-1, members, tuple(docs[j] for j in members),
                               reasons=tuple(u.reason for u in grouping.unmatched), **common))
    return tasks


def _run_group_list(tasks: tuple[GroupTask, ...]) -> list[GroupResult]:
    return [run_group(task) for task in tasks]


def run_groups(executor: Executor, tasks: Sequence[GroupTask], progress: Progress = _noop) -> list[GroupResult]:
    """Every task's result through ``executor``, in task order.

    Small groups share a task (:func:`batches`: one round trip for several), and the heaviest runs
    are handed out first (a long group last would idle the rest).
    """
    runs = batches([t.weight for t in tasks], CHARS_PER_GROUP_TASK, GROUPS_PER_TASK)
    found = executor.map_tasks(_run_group_list, [tuple(tasks[i] for i in run) for run in runs],
                               label=lambda j: j[0].label,
                               progress=lambda done, total: progress("groups", done, total))
    out: list[GroupResult | None] = [None] * len(tasks)
    for run, results in zip(runs, found):
        for i, result in zip(run, results):
            out[i] = result
    return out  # type: ignore[return-value]


def merge_groups(docs: Sequence[Document], grouping: Any, tasks: Sequence[GroupTask],
                 results: Sequence[GroupResult]) -> tuple[AlignResult, list[DocumentDetection], list[Finding]]:
    """The alignment, detections (in document order) and sorted findings of a run made of group tasks.

    The alignments are rebuilt over this process's documents (a worker sends back copies), so the
    merged run holds each document once, as :func:`align_documents` does.
    """
    groups = []
    detections: dict[int, DocumentDetection] = {}
    findings: list[Finding] = []
    for task, result in zip(tasks, results):
        if result.alignment is not None:
            groups.append(dataclasses.replace(result.alignment, documents=tuple(docs[j] for j in task.members)))
        detections.update(zip(task.members, result.detections))
        findings.extend(result.findings)
    signature = tasks[0].signature if tasks else alignment_signature(grouping=True)
    unmatched = tuple((docs[u.index], u.reason) for u in grouping.unmatched)
    aligned = AlignResult(tuple(groups), unmatched, grouping, signature)
    return aligned, [detections[i] for i in sorted(detections)], sort_findings(findings)


def _check_by_group(docs: Sequence[Document], executor: Executor, settings: AlignSettings, opts: RunOptions,
                    glossary: Any, progress: Progress) -> CheckRun:
    with long_lived():
        grouping = group_documents(docs)
        progress("group", 1, 1)
        tasks = group_tasks(docs, grouping, settings=settings, opts=opts, glossary=glossary)
        results = run_groups(executor, tasks, progress)
        aligned, detections, findings = merge_groups(docs, grouping, tasks, results)
        return _check_run(docs, detections, aligned, settings, opts, select_checks(opts.config), findings)


def check_paths(
    paths: Sequence[str], options: RunOptions | None = None, *, progress: Progress = _noop,
    executor: Executor | None = None, **changes: Any
) -> CheckRun:
    """Read files/directories and run :func:`check_documents` on them.

    ``changes`` are :class:`RunOptions` fields as keywords (``config=``, ``presegmented=``,
    ``encoding=``, ``candidates=``, ``glossary=``), applied over ``options``; ``executor`` as for
    :func:`check_documents`.
    """
    opts = _options(options, changes)
    with long_lived():
        docs = read_paths(paths, opts.reader_options())
        progress("read", len(docs), len(docs))
        settle()
        return check_documents(docs, opts, progress=progress, executor=executor)


def audit_paths(
    paths: Sequence[str], options: RunOptions | None = None, *, progress: Progress = _noop,
    executor: Executor | None = None, **changes: Any
) -> AuditResult:
    """The main job: detect -> group -> align -> check -> score, everything in one :class:`AuditResult`.

    ``options``, ``executor`` and ``changes`` as for :func:`check_paths`.
    """
    from .score.quality import quality_signature

    opts = _options(options, changes)
    with long_lived():
        run = check_paths(paths, opts, progress=progress, executor=executor)
        settle()
        scores = score_run(run, per_segment=True)
    progress("score", 1, 1)
    return AuditResult(
        documents=run.documents,
        document_languages={d.id: d.guess for d in run.detections},
        groups=run.alignment.groups,
        unmatched=run.alignment.unmatched,
        findings=run.findings,
        scores=tuple(scores),
        signatures={
            "detect": detection_signature(opts.candidates, True),
            "align": run.alignment.signature,
            "check": run.signature,
            "score": quality_signature(),
        },
    )


def align_paths(
    paths: Sequence[str],
    options: RunOptions | None = None,
    *,
    group: bool = True,
    exporter: Any = None,
    output: str | None = None,
    progress: Progress = _noop,
    executor: Executor | None = None,
    **changes: Any,
) -> AlignResult:
    """Read files/directories, group the versions of one text (unless ``group`` is False) and align them.

    With an ``exporter`` (:func:`aligner.export.get_exporter`), what it cannot hold (the document
    count, a missing ``output`` directory, several groups) is refused before the work is done.
    ``options`` and ``changes`` as for :func:`check_paths` (the check settings do not apply). With an
    ``executor``, each group is aligned as one task of it, after grouping here; the result is the same.
    """
    from .errors import InputError

    opts = _options(options, changes)
    first = paths[0] if paths else "FILES"
    docs = read_paths(paths, opts.reader_options())
    if len(docs) < 2:
        raise InputError(first, "alignment needs at least two documents; give more files")
    if exporter is not None:
        exporter.check_input(len(docs), output)
    progress("align", 0, 1)
    if executor is not None and group and not any(d.keyed for d in docs):
        grouping = group_documents(docs)
        tasks = group_tasks(docs, grouping, check=False)
        result, _, _ = merge_groups(docs, grouping, tasks, run_groups(executor, tasks))
    else:
        result = align_documents(docs, group=group)
    progress("align", 1, 1)
    if not result.groups:
        raise InputError(first, "no two documents are versions of one text; use --no-group to align them anyway")
    if exporter is not None:
        exporter.check_groups(len(result.groups))
    return result


# --------------------------------------------------------------------------- the corpus layout

#: ``audit --layout auto`` writes the corpus layout past this many groups (one page for all up to it).
CORPUS_LAYOUT_GROUPS = 100
#: Groups per Parquet and JSON-lines shard: files stay a few MB however large the corpus.
GROUPS_PER_SHARD = 100
#: Where, inside the output directory, the result of each group is kept for the next run.
CACHE_DIR = ".aligner-cache"


@dataclass(frozen=True)
class CorpusGroup:
    """One row of the corpus index: a group (``number`` from 1; 0 is the ungrouped documents) and its outcome.

    ``error`` is the one-line reason a group failed (its outputs are then missing); ``cached`` says its
    result came from an earlier run on the same inputs and settings; ``findings`` are those in force.
    """

    number: int
    documents: tuple[Document, ...]
    result: GroupResult | None
    findings: tuple[Finding, ...] = ()
    scores: tuple = ()
    error: str | None = None
    cached: bool = False
    reasons: tuple[str, ...] = ()
    page: str | None = None  # its report, when rendered where the group ran (else :func:`write_corpus` renders it)


@dataclass(frozen=True)
class CorpusAudit:
    """An audit in the corpus layout (``groups``), or, below the threshold of ``auto``, in one page (``audit``)."""

    groups: tuple[CorpusGroup, ...]
    written: tuple[str, ...]
    signatures: dict
    audit: AuditResult | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        if self.audit is not None:
            return self.audit.findings
        return tuple(sort_findings(f for g in self.groups for f in g.findings))

    @property
    def failed(self) -> tuple[CorpusGroup, ...]:
        return tuple(g for g in self.groups if g.error is not None)

    def summary(self) -> str:
        """What the command prints: the counts, then the files written (the index first)."""
        return (f"{len(self.groups)} groups, {len(self.failed)} failed, {len(self.findings)} findings\n"
                + "".join(f"wrote {p}\n" for p in sorted(self.written, key=lambda p: "index." not in p)))

    def failure(self) -> str:
        """One line naming every failed group, its first document and its error."""
        return f"{len(self.failed)} group(s) failed: " + "; ".join(
            f"{g.number or 'ungrouped'} ({g.documents[0].id}): {g.error}" for g in self.failed)


@dataclass(frozen=True)
class _Outcome:
    """A group task's result, or the one line that says why it failed (corpus runs go on past a bad group).

    Finished where the group ran (:func:`_finish_group`): its ``findings`` after the baseline, its
    ``scores`` and its report ``page``; ``result.alignment`` then travels without its documents
    (the driver holds them), so only what the driver could not make itself comes back.
    """

    result: GroupResult | None
    error: str | None
    findings: tuple[Finding, ...] = ()
    scores: tuple = ()
    page: str | None = None


def run_group_or_error(task: GroupTask) -> _Outcome:
    """:func:`run_group`, with a bad input turned into its one-line error rather than raised."""
    try:
        return _Outcome(run_group(task), None)
    except Exception as exc:  # noqa: BLE001 - one group's failure, whatever it is, must not end the corpus
        text = str(exc).splitlines()[0] if str(exc) else ""
        return _Outcome(None, text if isinstance(exc, AlignerError) else f"{type(exc).__name__}: {text}")


@dataclass(frozen=True)
class _Finish:
    """What finishing a group needs beyond its task: the baseline file, the signatures, ``fail_on``."""

    baseline: Any
    signatures: dict
    fail_on: object


def _finish_group(task: GroupTask, outcome: _Outcome, finish: _Finish, baseline: Any = None) -> _Outcome:
    """The group's findings in force (sorted, the baseline's taken out), its scores and its report page.

    Runs where the group ran (a worker renders its own groups' pages) or, for a result kept by an
    earlier run, here: the same function either way, so the same bytes. The alignment comes back
    without its documents.
    """
    result = outcome.result
    if result is None:
        return outcome
    if result.alignment is not None and not result.alignment.documents:
        result = dataclasses.replace(result, alignment=dataclasses.replace(result.alignment,
                                                                           documents=task.documents))
    findings = sort_findings(result.findings)
    if finish.baseline is not None:
        findings, _ = filter_baseline(findings, baseline if baseline is not None else load_baseline(finish.baseline))
    scores: list = []
    if result.alignment is not None:
        from .score.quality import finding_of, quality_scores

        seg_langs = {d.id: tuple(s.guess.language for s in d.segments or ()) for d in result.detections}
        own = [f for f in findings if any(finding_of(f, d) for d in result.alignment.documents)]
        scores = quality_scores(result.alignment, own, segment_languages=seg_langs, per_segment=True)
    page = _group_page(task.index + 1, task.documents, result, tuple(findings), tuple(scores), task.reasons,
                       finish.signatures, finish.fail_on)
    if result.alignment is not None:
        result = dataclasses.replace(result, alignment=dataclasses.replace(result.alignment, documents=()))
    return _Outcome(result, None, tuple(findings), tuple(scores), page)


def _run_group_batch(job: tuple[tuple[GroupTask, ...], _Finish]) -> list[_Outcome]:
    """Several groups in one task (one round trip for all), each run and finished (:func:`_finish_group`)."""
    tasks, finish = job
    baseline = load_baseline(finish.baseline) if finish.baseline is not None else None
    return [_finish_group(task, run_group_or_error(task), finish, baseline) for task in tasks]


def _group_page(number: int, documents: Sequence[Document], result: GroupResult, findings: tuple[Finding, ...],
                scores: tuple, reasons: tuple[str, ...], signatures: dict, fail_on: object) -> str:
    """The one-page report of one group (``number`` 0: the ungrouped documents)."""
    from .report.html import render_html

    audit = AuditResult(
        documents=tuple(documents),
        document_languages={d.id: d.guess for d in result.detections},
        groups=(result.alignment,) if result.alignment is not None else (),
        unmatched=tuple(zip(documents, reasons)),
        findings=findings, scores=scores, signatures=signatures,
    )
    title = f"aligner audit: group {number}" if number else "aligner audit: ungrouped documents"
    return render_html(audit, fail_on=fail_on, title=title)


#: Characters of text per group task of a corpus run, and at most this many groups: small groups share a
#: task, so its round trip (sending the documents, the results back) is paid once for several.
CHARS_PER_GROUP_TASK = 48_000
GROUPS_PER_TASK = 16
#: Weight (documents squared, as grouping a block costs) per grouping task of a corpus run.
GROUPING_WEIGHT_PER_TASK = 100


def batches(weights: Sequence[int], limit: int, most: int) -> list[list[int]]:
    """Indices cut into runs, heaviest first: a run ends before it would pass ``limit`` or hold ``most`` items.

    An item heavier than ``limit`` is a run of its own; the heaviest runs come first, so that a long
    one does not run alone at the end.
    """
    out: list[list[int]] = []
    run: list[int] = []
    weight = 0
    for i in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        if run and (weight + weights[i] > limit or len(run) >= most):
            out.append(run)
            run, weight = [], 0
        run.append(i)
        weight += weights[i]
    if run:
        out.append(run)
    return out


def group_key(task: GroupTask, settings: str) -> str:
    """What a group's result depends on, hashed: its documents (path, language, segments) and the ``settings``."""
    import hashlib
    import pickle

    from ._version import __version__

    digest = hashlib.sha256()
    glossary = task.glossary
    for part in (__version__, settings, task.index, task.reasons, repr(task.candidates),
                 _file_digest(task.config.glossary) if task.config.glossary else "",
                 type(glossary).__name__ if glossary is not None else ""):
        digest.update(repr(part).encode("utf-8") + b"\0")
    for doc in task.documents:
        # (segments and language hold every reading setting: encoding, pre-segmentation, candidates)
        digest.update(pickle.dumps((doc.path, doc.id, doc.language, doc.text, doc.segments), 4))
    return digest.hexdigest()


def _file_digest(path: Any) -> str:
    import hashlib
    from pathlib import Path

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return str(path)


#: Past this many documents the corpus layout groups block by block (:func:`group_corpus`), not all pairs.
BLOCK_ABOVE = 200
#: A key shared by more documents than this says nothing about which text they are versions of.
RARE_KEY_DOCUMENTS = 16
#: Past this many documents without 3 rare keys, they are blocked by their structure (see :func:`block_documents`).
LOOSE_BLOCK = 48
_DIGITS = re.compile(r"\d{2,}")


def block_keys(doc: Document) -> frozenset[str]:
    """The language-independent keys a document is blocked by: its numbers and its names, in Latin letters.

    ``#32``: a digit run of two or more digits (``32 300`` gives 32 and 300, whatever the separator).
    ``@brln``: a name, transliterated to Latin (:func:`aligner.text.translit.transliterate`) and cut to
    the first four letters of its consonant skeleton, so that ``Berlin``, ``Берлин`` and ``బెర్లిన్`` are
    one key and an inflected ``Trampas`` is ``Trump``'s. In a cased script a name is a capitalised word
    that does not open its sentence; in an uncased one (Telugu, Thai...) every word counts, and the
    rarity of keys (:func:`block_documents`) leaves the names.
    """
    from .text.scripts import CASED_SCRIPTS, dominant_script
    from .text.tokens import NAME_WORD
    from .text.translit import skeleton, transliterate

    keys = {"#" + d for d in _DIGITS.findall(doc.text)}
    cased = dominant_script(doc.text[:4000]) in CASED_SCRIPTS
    for seg in doc.segments:
        for k, word in enumerate(NAME_WORD.findall(seg.text)):
            if cased and (k == 0 or not word[:1].isupper()):
                continue
            key = skeleton(transliterate(word))[:4]
            if len(key) >= 3:
                keys.add("@" + key)
    return frozenset(keys)


def _paragraphs(doc: Document) -> int:
    return len({s.paragraph for s in doc.segments})


#: A block grows by a link only while it stays this small (links are taken strongest first).
MAX_BLOCK = 64


def block_documents(docs: Sequence[Document], keys: Sequence[frozenset[str]] | None = None) -> list[list[int]]:
    """Candidate blocks of ``docs``: documents linked by the rare keys they share, as connected components.

    The keys are language-independent (:func:`block_keys`: numbers, names in Latin letters); a key
    is rare when at most :data:`RARE_KEY_DOCUMENTS` documents hold it. Two documents are linked when
    they share at least 3 rare keys and those are at least 30% of the smaller one's (two documents
    of one language: rare numbers, as texts of one template share their names); then each
    document still alone joins the block it shares the most rare keys with, summed over the
    block's documents and weighted by how rare (at least two keys).
    Links are taken strongest first, and one that would make a block larger than :data:`MAX_BLOCK`
    is not taken (a common name must not chain a corpus into one block). The documents left alone
    form one block while they are at most :data:`LOOSE_BLOCK`; past that they are blocked by their
    structure: by paragraph count, then in runs of at most :data:`LOOSE_BLOCK` by segment count
    (versions of one text keep their paragraphs). Each block is then grouped as a whole by
    :func:`aligner.align.group_documents`, so a block only bounds which pairs are compared: 100,000
    files do not need 10^10 comparisons. ``keys``: each document's :func:`block_keys`, when they were
    computed already (where the documents were read).
    """
    from collections import defaultdict

    if keys is None:
        keys = [block_keys(d) for d in docs]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in sorted(ks):  # (sorted: the weights below are summed in one order, whatever the hash seed)
            holders[k].append(i)
    # (per document and pair: [rare keys, rare numbers] and [shared, shared numbers, weight, number weight])
    rare = [[0, 0] for _ in docs]
    shared: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for key, members in holders.items():
        if len(members) <= RARE_KEY_DOCUMENTS:
            number = key.startswith("#")
            weight = 1.0 / len(members)
            for a in range(len(members)):
                rare[members[a]][0] += 1
                rare[members[a]][1] += number
                for b in range(a + 1, len(members)):
                    pair = shared[members[a], members[b]]
                    pair[0] += 1
                    pair[2] += weight
                    if number:
                        pair[1] += 1
                        pair[3] += weight
    parent = list(range(len(docs)))
    size = [1] * len(docs)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb and size[ra] + size[rb] <= MAX_BLOCK:
            parent[ra] = rb
            size[rb] += size[ra]

    # Two documents in one language count only their numbers: texts of one template share their names,
    # and in an uncased script every word is a key; across languages a shared name is evidence.
    strong = []
    partners: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for (a, b), (n_all, n_num, w_all, w_num) in shared.items():
        same = docs[a].language is not None and docs[a].language == docs[b].language
        n, w = (n_num, w_num) if same else (n_all, w_all)
        smaller = min(rare[a][same], rare[b][same])
        if n >= 3 and n >= 0.3 * smaller:
            strong.append((-n / smaller, a, b))
        if n:
            partners[a].append((b, n, w))
            partners[b].append((a, n, w))
    for _, a, b in sorted(strong):
        link(a, b)
    # A document still alone joins the block it shares most with, summed over the block's documents
    # (one coincidence with one document weighs less than a few names shared with a whole set).
    lone = [x for x in range(len(docs)) if size[root(x)] == 1]
    choice = []
    for x in lone:
        score: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
        for y, n, w in partners.get(x, ()):
            entry = score[root(y)]
            entry[0] += n
            entry[1] += w
        found = [(-w, r) for r, (n, w) in score.items() if n >= 2]
        if found:
            choice.append((min(found), x))
    for (_, r), x in sorted(choice):
        link(x, r)
    blocks: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        blocks[root(i)].append(i)
    out = [b for b in blocks.values() if len(b) > 1]
    loose = [b[0] for b in blocks.values() if len(b) == 1]
    if len(loose) <= LOOSE_BLOCK:
        out.append(loose)
    else:
        by_shape: dict[int, list[int]] = defaultdict(list)
        for i in loose:
            by_shape[_paragraphs(docs[i])].append(i)
        for members in by_shape.values():
            members.sort(key=lambda i: (len(docs[i].segments), i))
            out.extend(sorted(members[k:k + LOOSE_BLOCK]) for k in range(0, len(members), LOOSE_BLOCK))
    return sorted((b for b in out if b), key=lambda b: b[0])


def _group_blocks(blocks: tuple[tuple[Document, ...], ...]) -> list[tuple[tuple, tuple]]:
    """:func:`aligner.align.group_documents` on each block: its groups and unmatched (indices in the block)."""
    out = []
    for block in blocks:
        part = group_documents(list(block))
        out.append((part.groups, part.unmatched))
    return out


def group_corpus(docs: Sequence[Document], executor: Executor | None = None,
                 keys: Sequence[frozenset[str]] | None = None) -> Any:
    """:func:`aligner.align.group_documents` block by block (:func:`block_documents`); groups by first document.

    With an ``executor`` the blocks are grouped as its tasks (several small blocks to a task); the
    grouping is the same. The :class:`~aligner.align.grouping.Grouping` has no similarity matrix (it
    would hold n² numbers). ``keys`` as for :func:`block_documents`.
    """
    from .align.grouping import Grouping
    from .executor import InProcess

    blocks = block_documents(docs, keys)
    runs = batches([len(b) ** 2 for b in blocks], GROUPING_WEIGHT_PER_TASK, len(docs) + 1)
    jobs = [tuple(tuple(docs[i] for i in blocks[k]) for k in run) for run in runs]
    parts = (executor or InProcess()).map_tasks(_group_blocks, jobs, label=lambda j: f"grouping {j[0][0].id}")
    groups, unmatched = [], []
    for run, found in zip(runs, parts):
        for k, (part_groups, part_unmatched) in zip(run, found):
            block = blocks[k]
            groups.extend(dataclasses.replace(g, members=tuple(block[m] for m in g.members)) for g in part_groups)
            unmatched.extend(dataclasses.replace(u, index=block[u.index], closest=tuple(block[c] for c in u.closest))
                             for u in part_unmatched)
    groups.sort(key=lambda g: g.members)
    unmatched.sort(key=lambda u: u.index)
    return Grouping(tuple(groups), tuple(unmatched), (), paths=tuple(d.path for d in docs),
                    languages=tuple(d.language for d in docs))


#: Three versions of a short text, audited by :func:`warm_up` (two scripts, numbers and a name to check).
_WARM_UP_TEXTS = (
    ("en", "The harbour of Klaipeda opened in 1998 with 25 berths.\n\nIt handled 3,400 ships last year.\n"),
    ("de", "Der Hafen von Klaipeda wurde 1998 mit 25 Liegeplätzen eröffnet.\n\n"
           "Im letzten Jahr fertigte er 3.400 Schiffe ab.\n"),
    ("ru", "Порт Клайпеды открылся в 1998 году с 25 причалами.\n\nВ прошлом году он принял 3 400 судов.\n"),
)


def warm_up() -> None:
    """Read, group, align, check, score and render three short texts here, so a worker's first task does not.

    A fresh worker process pays its imports and its models (language identification, sentence
    splitters) on first use: run once per worker as it starts (``DaskExecutor.warm_up``) rather
    than inside its first tasks. Caches it fills only ever hold what a later call would compute,
    so results do not depend on it.
    """
    from .io.formats.build import document_from_text

    docs = [document_from_text(text, f"<warm-up {lang}>") for lang, text in _WARM_UP_TEXTS]
    grouping = group_documents(docs)
    finish = _Finish(None, {}, "major")
    _run_group_batch((tuple(group_tasks(docs, grouping)), finish))
    block_documents(docs)


#: Files per reading task of a corpus run on an executor (a task costs a round trip; a few dozen files pay it).
FILES_PER_READ_TASK = 32


def _read_files(job: tuple[tuple[str, ...], dict]) -> list[Document]:
    files, options = job
    from .io.formats import read_path

    return [doc for path in files for doc in read_path(path, options)]


def _read_files_keyed(job: tuple[tuple[str, ...], dict]) -> list[tuple[Document, frozenset[str]]]:
    """:func:`_read_files`, each document with its :func:`block_keys` (made where it was read, in parallel)."""
    return [(doc, block_keys(doc)) for doc in _read_files(job)]


def _read_corpus_keyed(paths: Sequence[str], options: RunOptions,
                       executor: Executor | None) -> tuple[list[Document], list[frozenset[str]] | None]:
    """:func:`read_corpus`, and with an ``executor`` the documents' blocking keys, made in its tasks."""
    if executor is None:
        return read_paths(paths, options.reader_options()), None
    read = [item for items in executor.map_tasks(_read_files_keyed, _read_jobs(paths, options),
                                                 label=lambda j: j[0][0]) for item in items]
    return [doc for doc, _ in read], [keys for _, keys in read]


def read_corpus(paths: Sequence[str], options: RunOptions, executor: Executor | None = None) -> list[Document]:
    """:func:`~aligner.io.formats.read_paths` with the files read (and segmented) as tasks of ``executor``.

    The same documents in the same order: the files are listed here and read in runs of
    :data:`FILES_PER_READ_TASK`; reading is a tenth to a fifth of a corpus audit, too much to leave serial.
    """
    if executor is None:
        return read_paths(paths, options.reader_options())
    return [doc for docs in executor.map_tasks(_read_files, _read_jobs(paths, options), label=lambda j: j[0][0])
            for doc in docs]


def _read_jobs(paths: Sequence[str], options: RunOptions) -> list[tuple[tuple[str, ...], dict]]:
    """The files of ``paths``, listed here, in runs of :data:`FILES_PER_READ_TASK` with the reader's options."""
    from .io.formats import expand_paths

    files = list(expand_paths(paths))
    return [(tuple(files[i:i + FILES_PER_READ_TASK]), options.reader_options())
            for i in range(0, len(files), FILES_PER_READ_TASK)]


def run_corpus_audit(
    paths: Sequence[str], directory: str, options: RunOptions | None = None, *, layout: str = "corpus",
    progress: Progress = _noop, executor: Executor | None = None, **changes: Any,
) -> CorpusAudit:
    """Audit a corpus group by group and write the corpus layout into ``directory`` (see :func:`write_corpus`).

    ``layout="auto"`` writes the one-page layout of :func:`run_audit` instead up to
    :data:`CORPUS_LAYOUT_GROUPS` groups. A group whose inputs and settings hash to a result kept
    by an earlier run in ``directory`` is not computed again; a group that fails is listed with
    its error and the rest completes. ``executor`` runs the groups (default: this process).
    """
    import os
    import pickle

    from .executor import InProcess
    from .io.writer import atomic_write
    from .score.quality import quality_signature

    if layout not in ("corpus", "auto"):
        raise ValueError(f"layout must be corpus or auto, not {layout!r}")
    opts = _options(options, changes)
    config, candidates = opts.config, opts.candidates
    glossary = opts.glossary
    if glossary is None and config.glossary is not None:
        from .facts.glossary import load_glossary

        glossary = load_glossary(str(config.glossary))
    settings = AlignSettings()
    warm = getattr(executor, "warm_up", None)
    if warm is not None:  # (a cluster's workers load what every task needs once each, before the first)
        warm(warm_up)
    with long_lived():
        docs, keys = _read_corpus_keyed(paths, opts, executor)
        progress("read", len(docs), len(docs))
        grouping = group_corpus(docs, executor, keys) if len(docs) > BLOCK_ABOVE else group_documents(docs)
        progress("group", 1, 1)
        if layout == "auto" and len(grouping.groups) <= CORPUS_LAYOUT_GROUPS:
            result, written = run_audit(paths, directory, opts, progress=progress, executor=executor)
            return CorpusAudit((), tuple(written), result.signatures, result)
        check_sig = check_signature(config, align=alignment_settings(settings, grouping=True),
                                    lid=detection_settings(candidates, True))
        tasks = group_tasks(docs, grouping, settings=settings, opts=opts, glossary=glossary)
        signatures = {
            "detect": detection_signature(candidates, True),
            "align": tasks[0].signature if tasks else alignment_signature(settings, grouping=True),
            "check": check_sig,
            "score": quality_signature(),
        }
        finish = _Finish(config.baseline, signatures, config.fail_on)
        cache = os.path.join(directory, CACHE_DIR)
        keys = [group_key(t, check_sig) for t in tasks]
        outcomes: dict[int, _Outcome] = {}
        baseline = load_baseline(config.baseline) if config.baseline is not None else None
        for i, key in enumerate(keys):
            kept = os.path.join(cache, f"{key}.pickle")
            if os.path.exists(kept):
                try:
                    with open(kept, "rb") as fh:
                        outcomes[i] = _finish_group(tasks[i], _Outcome(pickle.load(fh), None), finish, baseline)
                except Exception:  # noqa: BLE001 - a damaged cache entry is computed again
                    pass
        cached = set(outcomes)
        todo = [i for i in range(len(tasks)) if i not in outcomes]
        runs = batches([tasks[i].weight for i in todo], CHARS_PER_GROUP_TASK, GROUPS_PER_TASK)
        jobs = [(tuple(tasks[todo[k]] for k in run), finish) for run in runs]
        pages: set[str] = set()

        def arrived(run: int, found: list[_Outcome]) -> None:
            """Keep each group's result and write its page as its task comes back, while the others run."""
            for k, outcome in zip(runs[run], found):
                i = todo[k]
                if outcome.result is not None:
                    atomic_write(os.path.join(cache, f"{keys[i]}.pickle"), pickle.dumps(outcome.result, 4))
                if outcome.page is not None:
                    name = _page_name(tasks[i].index + 1)
                    atomic_write(os.path.join(directory, name), outcome.page)
                    pages.add(name)
                    outcome = dataclasses.replace(outcome, page=None)  # (written: not held to the end)
                outcomes[i] = outcome

        (executor or InProcess()).map_tasks(
            _run_group_batch, jobs, label=lambda j: j[0][0].label,
            progress=lambda done, total: progress("groups", done, total), each=arrived)
        rows = []
        for i, task in enumerate(tasks):
            outcome = outcomes[i]
            number = task.index + 1
            if outcome.result is None:
                rows.append(CorpusGroup(number, task.documents, None, error=outcome.error, reasons=task.reasons))
                continue
            result = outcome.result
            if result.alignment is not None:  # (this process's documents, as merge_groups does)
                result = dataclasses.replace(result, alignment=dataclasses.replace(result.alignment,
                                                                                   documents=task.documents))
            rows.append(CorpusGroup(number, task.documents, result, outcome.findings, outcome.scores,
                                    cached=i in cached, reasons=task.reasons, page=outcome.page))
        written = write_corpus(rows, directory, signatures=signatures, fail_on=config.fail_on, pages_written=pages)
        progress("score", 1, 1)
        return CorpusAudit(tuple(rows), tuple(written), signatures)


def _page_name(number: int) -> str:
    """A group's report in the corpus layout (``number`` 0: the ungrouped documents)."""
    return "groups/ungrouped.html" if number == 0 else f"groups/{number:06d}.html"


def write_corpus(groups: Sequence[CorpusGroup], directory: str, *, signatures: dict,
                 fail_on: object = "major", pages_written: Collection[str] = ()) -> list[str]:
    """The corpus layout in ``directory``; the files written.

    ``index.html`` and ``index.json`` (a row per group: languages, score, findings by severity,
    its error if it failed) link to ``groups/NNNNNN.html`` (the report of one group;
    ``groups/ungrouped.html`` for the documents no group took); ``findings.sarif`` holds every
    finding; ``findings/NNNN.jsonl`` and ``units/NNNN.parquet`` are shards of
    :data:`GROUPS_PER_SHARD` groups; ``tmx/A-B.tmx`` one translation memory per language pair.
    ``pages_written`` names the group pages already written (as their groups came back); they are
    listed among the files written, in their place, and not written again.
    """
    import os

    from .export.shards import findings_jsonl, language_pairs, tmx_pair, units_parquet, version_columns
    from .io.render import to_json
    from .io.writer import atomic_write
    from .report.findings import format_sarif

    written: list[str] = []

    def put(name: str, data: str | bytes) -> None:
        path = os.path.join(directory, name)
        atomic_write(path, data)
        written.append(path)

    rows = []
    for g in groups:
        page = _page_name(g.number)
        result = g.result
        if result is not None and page in pages_written:
            written.append(os.path.join(directory, page))
        elif result is not None:
            put(page, g.page if g.page is not None else _group_page(
                g.number, g.documents, result, g.findings, g.scores, g.reasons, signatures, fail_on))
        rows.append(_index_row(g, page if result is not None else ""))
    put("index.json", to_json({"groups": rows, "signatures": signatures}))
    put("index.html", _index_html(rows, signatures))
    every = sort_findings(f for g in groups for f in g.findings)
    put("findings.sarif", format_sarif(every, signature=signatures.get("check", ""), root=os.getcwd()))
    done = [g for g in groups if g.result is not None]
    aligned = [(g.number, g.result.alignment) for g in done if g.result.alignment is not None]
    columns = version_columns(a for _, a in aligned)
    shards = {}
    for g in done:
        shards.setdefault(max(g.number - 1, 0) // GROUPS_PER_SHARD, []).append(g)
    for shard, members in sorted(shards.items()):
        put(f"findings/{shard:04d}.jsonl", findings_jsonl([(g.number, g.findings) for g in members]))
        units = [(g.number, g.result.alignment) for g in members if g.result.alignment is not None]
        if units:
            put(f"units/{shard:04d}.parquet", units_parquet(units, columns))
    for pair in language_pairs(a for _, a in aligned):
        put(f"tmx/{pair[0]}-{pair[1]}.tmx", tmx_pair([a for _, a in aligned], pair))
    _remove_stale(directory, ("findings", "units", "tmx", "groups"), set(written))
    return written


def _remove_stale(directory: str, folders: Sequence[str], written: set[str]) -> None:
    """Shards and pages an earlier run on a larger corpus left behind (they would be read as this run's)."""
    import os

    for folder in folders:
        where = os.path.join(directory, folder)
        if os.path.isdir(where):
            for name in os.listdir(where):
                path = os.path.join(where, name)
                if path not in written and os.path.isfile(path) and not name.startswith("."):
                    os.remove(path)


def _index_row(group: CorpusGroup, page: str) -> dict:
    from collections import Counter

    from .model import Severity

    counts = Counter(f.severity.value for f in group.findings)
    scores = [s.score for s in group.scores]
    return {
        "group": group.number,
        "documents": [d.id for d in group.documents],
        "languages": [d.language or "und" for d in group.documents],
        "score": round(min(scores), 2) if scores else None,
        "findings": {s.value: counts.get(s.value, 0) for s in Severity.descending()},
        "page": page,
        "error": group.error,
    }


def _index_html(rows: Sequence[dict], signatures: dict) -> str:
    """The corpus index: one row per group with a link to its report; failed groups with their error."""
    from html import escape

    from .model import Severity

    sev = [s.value for s in Severity.descending()]
    head = "".join(f"<th>{escape(h)}</th>" for h in ("group", "documents", "languages", "lowest score", *sev))
    body = []
    for r in rows:
        name = "ungrouped" if r["group"] == 0 else str(r["group"])
        link = f'<a href="{escape(r["page"])}">{name}</a>' if r["page"] else name
        docs = escape(", ".join(r["documents"][:4]) + (f" (+{len(r['documents']) - 4})" if len(r["documents"]) > 4
                                                         else ""))
        if r["error"] is not None:
            cells = f'<td colspan="{1 + len(sev)}" class="error">failed: {escape(r["error"])}</td>'
        else:
            score = "-" if r["score"] is None else f"{r['score']:.1f}"
            cells = f"<td>{score}</td>" + "".join(f"<td>{r['findings'][s]}</td>" for s in sev)
        body.append(f"<tr><td>{link}</td><td>{docs}</td><td>{escape(' '.join(r['languages']))}</td>{cells}</tr>")
    failed = sum(1 for r in rows if r["error"] is not None)
    sigs = "".join(f"<li><code>{escape(k)}: {escape(str(v))}</code></li>" for k, v in sorted(signatures.items()))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>aligner corpus audit</title>"
            "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:2px 6px;text-align:left}.error{color:#a00}</style></head><body>"
            f"<h1>aligner corpus audit</h1><p>{len(rows)} groups, {failed} failed. Findings: "
            '<a href="findings.sarif">SARIF</a>, <a href="findings/">JSON lines</a>; units: '
            '<a href="units/">Parquet</a>, <a href="tmx/">TMX per language pair</a>.</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"<h2>Signatures</h2><ul>{sigs}</ul></body></html>\n")


def replace_config(config: CheckConfig, **changes: object) -> CheckConfig:
    """A copy of ``config`` with ``changes`` (CLI options override file settings)."""
    return dataclasses.replace(config, **changes)


@dataclass(frozen=True)
class ReferenceRun:
    """Reference-based scores of one or two hypotheses, on the lines they were compared on."""

    reference: str
    hypotheses: tuple[str, ...]
    scores: tuple[object, ...]
    comparison: object | None
    lines: int
    aligned: bool

    def to_dict(self) -> dict:
        out: dict = {
            "reference": self.reference,
            "lines": self.lines,
            "aligned": self.aligned,
            "hypotheses": [
                {"path": p, **s.to_dict()} for p, s in zip(self.hypotheses, self.scores)  # type: ignore[attr-defined]
            ],
        }
        if self.comparison is not None:
            out["comparison"] = self.comparison.to_dict()  # type: ignore[attr-defined]
        return out


def reference_lines(
    reference: str, hypotheses: Sequence[str], *, presegmented: bool = False, encoding: str | None = None
) -> tuple[list[str], list[list[str]], bool]:
    """Lines to score: as given when pre-segmented, else segment and align all files at once.

    Pre-segmented files must have the same number of lines. Otherwise the reference and
    the hypotheses are aligned multi-way, and each unit becomes one line of each (empty
    where a version has nothing), so every hypothesis is scored on the same reference lines.
    """
    from .align import align_group
    from .documents import read_documents
    from .errors import InputError
    from .io.reader import read_text

    if presegmented:
        ref = [line for line in read_text(reference, encoding).split("\n") if line.strip()]
        hyps = []
        for h in hypotheses:
            lines = [line for line in read_text(h, encoding).split("\n") if line.strip()]
            if len(lines) != len(ref):
                raise InputError(h, f"has {len(lines)} lines but the reference has {len(ref)}; "
                                    "drop --presegmented to align them first")
            hyps.append(lines)
        return ref, hyps, False
    docs = read_documents([reference, *hypotheses], encoding=encoding)
    alignment = align_group(docs)
    ref_lines = [alignment.texts(u, 0) for u in alignment.units]
    hyp_lines = [[alignment.texts(u, k) for u in alignment.units] for k in range(1, len(docs))]
    return ref_lines, hyp_lines, True


def score_with_reference(
    reference: str,
    hypotheses: Sequence[str],
    options: RunOptions | None = None,
    *,
    segments: bool = False,
    tokenize: str | None = None,
    seed: int = 12345,
    method: str = "bs",
    **changes: Any,
) -> ReferenceRun:
    """BLEU, chrF, chrF++ and TER of each hypothesis against ``reference`` (sacrebleu); with two, a paired test.

    One or two hypotheses; ``method`` is the paired test, ``bs`` (bootstrap) or ``ar``
    (approximate randomization). The reading settings come from ``options`` (``presegmented``,
    ``encoding``) and ``changes``, as for :func:`check_paths`.
    """
    from .errors import InputError
    from .io.reader import read_text
    from .langid import detect_language
    from .score.reference import compare_systems, reference_scores

    opts = _options(options, changes)
    if len(hypotheses) > 2:
        raise InputError(hypotheses[2], "score against a reference takes one or two hypotheses")
    if method not in ("bs", "ar"):
        raise InputError("--paired", f"{method!r} is not bs or ar")
    ref, hyps, aligned = reference_lines(reference, hypotheses, presegmented=opts.presegmented,
                                         encoding=opts.encoding)
    language = detect_language(read_text(hypotheses[0], opts.encoding)[:20000]).language
    lang = None if language == "und" else language
    scores = tuple(reference_scores(h, ref, tokenize=tokenize, language=lang, segments=segments) for h in hyps)
    comparison = None
    if len(hyps) == 2:
        comparison = compare_systems(ref, hyps[0], hyps[1], method=method, seed=seed, tokenize=tokenize,
                                     language=lang)
    return ReferenceRun(reference, tuple(hypotheses), scores, comparison, len(ref), aligned)


def score_paths(
    paths: Sequence[str], options: RunOptions | None = None, *, per_segment: bool = False, **changes: Any
) -> tuple[list, str]:
    """Reference-free quality scores of every grouped version (ranked), and the signature.

    ``options`` and ``changes`` as for :func:`check_paths`.
    """
    from .score.quality import quality_signature

    run = check_paths(paths, _options(options, changes))
    return score_run(run, per_segment=per_segment), quality_signature()


def score_run(run: CheckRun, *, per_segment: bool = False) -> list:
    """Reference-free quality scores of every grouped version of a check run (findings in force).

    With a source version (``--source``, or a bilingual file's own), the scores rank the targets only: the
    source is what they are measured against, not a translation to score.
    """
    from .checks.context import source_version
    from .score.quality import finding_of, quality_scores

    seg_langs = {d.id: tuple(s.guess.language for s in d.segments or ()) for d in run.detections}
    scores = []
    for group in run.alignment.groups:
        own = [f for f in run.findings if any(finding_of(f, d) for d in group.documents)]
        found = quality_scores(group, own, segment_languages=seg_langs, per_segment=per_segment)
        k = source_version(group, run.config.source_version)
        if k is not None:
            src = group.documents[k]
            found = [q for q in found if (q.path, q.language) != (src.path, src.language)]
            order = {id(q): r for r, q in enumerate(sorted(found, key=lambda q: q.rank), 1)}
            found = [dataclasses.replace(q, rank=order[id(q)]) for q in found]
        scores.extend(found)
    return scores


def run_audit(
    paths: Sequence[str], directory: str, options: RunOptions | None = None, *, progress: Progress = _noop,
    executor: Executor | None = None, **changes: Any,
) -> tuple[AuditResult, list[str]]:
    """:func:`audit_paths`, then :func:`write_audit` into ``directory``: the result and the files written.

    The whole run, report included, stays out of the garbage collector's full walks (see :mod:`aligner.heap`).
    """
    opts = _options(options, changes)
    with long_lived():
        result = audit_paths(paths, opts, progress=progress, executor=executor)
        settle()  # (the report is written beside the whole run, which stays)
        written = write_audit(result, directory, fail_on=opts.config.fail_on, source=opts.config.source_version)
    return result, written


def write_audit(result: AuditResult, directory: str, *, fail_on: object = "major", source: str | None = None
                ) -> list[str]:
    """Write ``report.html``, ``audit.json``, ``alignment.tmx`` and ``findings.sarif`` into ``directory``.

    ``source``: the source version (``--source``), whose language is the TMX ``srclang``.

    Every file is written atomically; the same result gives the same bytes.
    """
    import os

    from .export import get_exporter
    from .io.render import to_json
    from .io.writer import atomic_write
    from .report.findings import format_sarif
    from .report.html import render_html

    os.makedirs(directory, exist_ok=True)
    out = []
    html_path = os.path.join(directory, "report.html")
    atomic_write(html_path, render_html(result, fail_on=fail_on))
    out.append(html_path)
    json_path = os.path.join(directory, "audit.json")
    atomic_write(json_path, to_json(result.to_dict()))
    out.append(json_path)
    if result.groups:
        tmx_path = os.path.join(directory, "alignment.tmx")
        get_exporter("tmx", source=source).write(list(result.groups), tmx_path, unmatched=result.unmatched)
        out.append(tmx_path)
    sarif_path = os.path.join(directory, "findings.sarif")
    atomic_write(sarif_path, format_sarif(list(result.findings), signature=result.signatures.get("check", ""),
                                          root=os.getcwd()))
    out.append(sarif_path)
    return out


__all__ = [
    "CheckRun",
    "CorpusAudit",
    "CorpusGroup",
    "GroupResult",
    "GroupTask",
    "ReferenceRun",
    "RunOptions",
    "align_paths",
    "audit_paths",
    "auto_jobs",
    "block_documents",
    "check_documents",
    "check_paths",
    "detect_all",
    "group_corpus",
    "group_tasks",
    "merge_groups",
    "read_corpus",
    "reference_lines",
    "replace_config",
    "run_audit",
    "run_corpus_audit",
    "run_group",
    "run_groups",
    "score_paths",
    "score_run",
    "score_with_reference",
    "write_audit",
    "write_corpus",
]
