"""The pipelines behind ``check`` and ``audit``: read -> detect -> group -> align -> check (-> score).

Pure orchestration over library verbs; no printing. Progress is reported through an
optional callback so the CLI can show a bar and a notebook can ignore it. The settings the
path pipelines share (how to read the files, the check configuration, the termbase) travel
together in one :class:`RunOptions`; each verb also takes them as keyword arguments.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
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
from .executor import Executor, batches
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


#: Characters of text per group task of a corpus run, and at most this many groups: small groups share a
#: task, so its round trip (sending the documents, the results back) is paid once for several.
CHARS_PER_GROUP_TASK = 48_000
GROUPS_PER_TASK = 16




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
    "GroupResult",
    "GroupTask",
    "ReferenceRun",
    "RunOptions",
    "align_paths",
    "audit_paths",
    "auto_jobs",
    "check_documents",
    "check_paths",
    "detect_all",
    "group_tasks",
    "merge_groups",
    "reference_lines",
    "replace_config",
    "run_audit",
    "run_group",
    "run_groups",
    "score_paths",
    "score_run",
    "score_with_reference",
    "write_audit",
]
