"""Auditing a corpus: many groups, blocked, run as tasks of an executor, written as an index with shards.

The corpus layout of ``audit`` (``--layout corpus``, or ``auto`` past :data:`CORPUS_LAYOUT_GROUPS`
groups): the files are read as tasks, blocked and grouped (:mod:`aligner.align.blocking`), each
group is run (:func:`aligner.pipeline.run_group`) and finished where it ran (its findings in force,
scores and report page), kept in a cache for the next run, and written as an index page linking to
one report per group, findings as JSON lines and one SARIF, units as Parquet and TMX per language
pair (:func:`write_corpus`). Orchestration only, like :mod:`aligner.pipeline`; no printing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .align import AlignSettings, alignment_settings, alignment_signature
from .align.blocking import (
    block_documents,
    block_keys,
    corpus_grouping,
    group_blocks,
    group_corpus,
    grouping_jobs,
    placed,
    second_chance,
)
from .align.grouping import group_documents
from .checks.config import check_signature
from .checks.policy import filter_baseline, load_baseline, sort_findings
from .detect import detection_settings, detection_signature
from .errors import AlignerError
from .executor import Executor, TaskQueue, batches, task_queue
from .heap import long_lived
from .io.formats import read_paths
from .model import AuditResult, Document, Finding
from .options import RunOptions
from .pipeline import (
    CHARS_PER_GROUP_TASK,
    GROUPS_PER_TASK,
    GroupResult,
    GroupTask,
    Progress,
    _noop,
    _options,
    group_tasks,
    run_audit,
    run_group,
)

if TYPE_CHECKING:
    from .export.shards import TmxPiece, UnitsPiece
    from .report.findings import SarifResults
    from .report.html import UntitledPage

#: ``audit --layout auto`` writes the corpus layout past this many groups (one page for all up to it).
CORPUS_LAYOUT_GROUPS = 100
#: Groups per Parquet and JSON-lines shard: files stay a few MB however large the corpus.
GROUPS_PER_SHARD = 100
#: Where, inside the output directory, the result of each group is kept for the next run.
CACHE_DIR = ".aligner-cache"
#: Past this many documents the corpus layout groups block by block (:func:`group_corpus`), not all pairs.
BLOCK_ABOVE = 200


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
    # Its SARIF results, its units of the TMX of each language pair and its Parquet rows, rendered where the
    # group ran (``None``: :func:`write_corpus` renders them; see :func:`~aligner.report.findings.format_sarif`)
    sarif: SarifResults | None = None
    tmx: tuple[tuple[tuple[str, str], TmxPiece], ...] | None = None
    units: UnitsPiece | None = None


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
    page: UntitledPage | None = None
    sarif: SarifResults | None = None
    tmx: tuple[tuple[tuple[str, str], TmxPiece], ...] | None = None
    units: UnitsPiece | None = None


def run_group_or_error(task: GroupTask) -> _Outcome:
    """:func:`run_group`, with a bad input turned into its one-line error rather than raised."""
    try:
        return _Outcome(run_group(task), None)
    except Exception as exc:  # noqa: BLE001 - one group's failure, whatever it is, must not end the corpus
        text = str(exc).splitlines()[0] if str(exc) else ""
        return _Outcome(None, text if isinstance(exc, AlignerError) else f"{type(exc).__name__}: {text}")


@dataclass(frozen=True)
class _Finish:
    """What finishing a group needs beyond its task: the baseline file, the signatures, ``fail_on``, and the
    directory the SARIF's paths are relative to (this process's, wherever the group runs)."""

    baseline: Any
    signatures: dict
    fail_on: object
    root: str | None = None


def _finish_group(task: GroupTask, outcome: _Outcome, finish: _Finish, baseline: Any = None) -> _Outcome:
    """The group's findings in force (sorted, the baseline's taken out), its scores and its report page.

    Runs where the group ran (a worker renders its own groups' pages) or, for a result kept by an
    earlier run, here: the same function either way, so the same bytes. The alignment comes back
    without its documents, with the group's SARIF results and TMX units rendered for the corpus's files
    (:func:`write_corpus` puts them together). The page comes without its title (:func:`_page_title`:
    the group's number, known only once the whole corpus is grouped, and a group may run before that).
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
    page = _group_page(task.documents, result, tuple(findings), tuple(scores), task.reasons, finish.signatures,
                       finish.fail_on)
    from .export.shards import tmx_pieces, units_piece
    from .report.findings import render_sarif_results

    sarif = render_sarif_results(findings, root=finish.root)
    tmx, units = (), None
    if result.alignment is not None:
        tmx, units = tuple(sorted(tmx_pieces(result.alignment).items())), units_piece(result.alignment)
        result = dataclasses.replace(result, alignment=dataclasses.replace(result.alignment, documents=()))
    return _Outcome(result, None, tuple(findings), tuple(scores), page, sarif, tmx, units)


def _run_group_batch(job: tuple[tuple[GroupTask, ...], _Finish]) -> list[_Outcome]:
    """Several groups in one task (one round trip for all), each run and finished (:func:`_finish_group`)."""
    tasks, finish = job
    baseline = load_baseline(finish.baseline) if finish.baseline is not None else None
    return [_finish_group(task, run_group_or_error(task), finish, baseline) for task in tasks]


def _group_page(documents: Sequence[Document], result: GroupResult, findings: tuple[Finding, ...],
                scores: tuple, reasons: tuple[str, ...], signatures: dict, fail_on: object) -> UntitledPage:
    """The one-page report of one group, without its title (:func:`_page_title`)."""
    from .report.html import render_untitled

    audit = AuditResult(
        documents=tuple(documents),
        document_languages={d.id: d.guess for d in result.detections},
        groups=(result.alignment,) if result.alignment is not None else (),
        unmatched=tuple(zip(documents, reasons)),
        findings=findings, scores=scores, signatures=signatures,
    )
    return render_untitled(audit, fail_on=fail_on)


def _page_title(number: int) -> str:
    """The title of a group's report (``number`` 0: the ungrouped documents)."""
    return f"aligner audit: group {number}" if number else "aligner audit: ungrouped documents"


def group_key(task: GroupTask, settings: str) -> str:
    """What a group's result depends on, hashed: its documents (path, language, segments) and the ``settings``.

    Not the group's number (only whether it is a group or the ungrouped documents): a group is looked
    up before the corpus is numbered, and its result does not depend on its number.
    """
    import hashlib
    import pickle

    from ._version import __version__

    digest = hashlib.sha256()
    glossary = task.glossary
    for part in (__version__, settings, task.index >= 0, task.reasons, repr(task.candidates),
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

    Past :data:`BLOCK_ABOVE` documents the corpus is grouped block by block, and each block's
    groups are run as soon as that block is grouped, near where it was grouped (a
    :class:`~aligner.executor.TaskQueue`): no stage waits for the whole of the one before. The groups
    are numbered once every block is grouped; the pages, rendered where their groups ran, get their
    titles and names then. ``progress``: ``read``, ``group`` (grouping tasks done of all), ``groups``
    (group tasks done of those sent so far: the total grows while blocks are grouped).
    """
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
    check_sig = check_signature(config, align=alignment_settings(settings, grouping=True),
                                lid=detection_settings(candidates, True))
    signatures = {
        "detect": detection_signature(candidates, True),
        "align": alignment_signature(settings, grouping=True),
        "check": check_sig,
        "score": quality_signature(),
    }
    with long_lived():
        docs, keys = _read_corpus_keyed(paths, opts, executor)
        progress("read", len(docs), len(docs))
        run = _CorpusRun(docs, directory, opts, glossary, settings, signatures, layout, progress)
        with task_queue(executor) as queue:
            grouping = run.run(queue, len(docs) > BLOCK_ABOVE, keys)
        if grouping is None:  # (auto, and few groups: the one-page layout)
            result, written = run_audit(paths, directory, opts, progress=progress, executor=executor)
            return CorpusAudit((), tuple(written), result.signatures, result)
        rows = run.rows(grouping)
        written = write_corpus(rows, directory, signatures=signatures, fail_on=config.fail_on,
                               pages_written=run.pages)
        progress("score", 1, 1)
        return CorpusAudit(tuple(rows), tuple(written), signatures)


class _CorpusRun:
    """The group tasks of one corpus audit, sent as their blocks are grouped, and what came back.

    Keeps each group's outcome by its members (document places), writes its cache entry as it
    arrives, and its page as soon as the groups are numbered (:meth:`numbered`).
    """

    def __init__(self, docs: Sequence[Document], directory: str, opts: RunOptions, glossary: Any,
                 settings: AlignSettings, signatures: dict, layout: str, progress: Progress) -> None:
        import os

        self.docs = docs
        self.directory = directory
        self.opts = opts
        self.glossary = glossary
        self.settings = settings
        self.signatures = signatures
        self.layout = layout
        self.progress = progress
        self.cache = os.path.join(directory, CACHE_DIR)
        self.finish = _Finish(opts.config.baseline, signatures, opts.config.fail_on, os.getcwd())
        self.baseline = load_baseline(opts.config.baseline) if opts.config.baseline is not None else None
        self.outcomes: dict[tuple[int, ...], tuple[GroupTask, _Outcome]] = {}
        self.cached: set[tuple[int, ...]] = set()
        self.held: dict[tuple[int, ...], UntitledPage] = {}  # pages that came back before the numbering
        self.numbers: dict[tuple[int, ...], int] | None = None
        self.pages: set[str] = set()
        self.jobs: dict[int, tuple[GroupTask, ...]] = {}  # ticket -> the group tasks it runs
        self.sent = 0
        self.done = 0

    def run(self, queue: TaskQueue, blocked: bool, keys: Sequence[frozenset[str]] | None) -> Any:
        """Group (``blocked``: block by block, by the documents' ``keys`` when made already) and run every group;
        the grouping, or ``None`` when ``layout`` is auto and the groups are too few for the corpus layout
        (then no group has run)."""
        if not blocked:
            grouping = group_documents(self.docs)
            self.progress("group", 1, 1)
            if not self._numbered(queue, grouping):
                return None
            self._drain(queue, {})
            return grouping
        blocks, runs, jobs = grouping_jobs(self.docs, keys)
        grouping_tickets = {queue.submit(group_blocks, job, stage=0): k for k, job in enumerate(jobs)}
        return self._drain(queue, grouping_tickets, blocks, runs)

    def _drain(self, queue: TaskQueue, grouping_tickets: dict[int, int], blocks: Sequence[Sequence[int]] = (),
               runs: Sequence[Sequence[int]] = ()) -> Any:
        """Take every result as it comes: a block's groups are sent on at once (or held until ``auto`` knows
        it writes the corpus layout), a group task's outcomes kept; the grouping once all blocks are in."""
        groups: list = []
        unmatched: list = []
        waiting: list[tuple[int, list]] = []  # (auto, not yet decided) blocks' groups, with their ticket
        decided = self.layout == "corpus"
        grouped = 0
        grouping = None
        for ticket, result in queue.results():
            k = grouping_tickets.get(ticket)
            if k is None:
                self._arrived(ticket, result)
                continue
            found_groups, found_unmatched = placed(blocks, runs[k], result)
            groups.extend(found_groups)
            unmatched.extend(found_unmatched)
            grouped += 1
            self.progress("group", grouped, len(runs))
            waiting.append((ticket, found_groups))
            decided = decided or len(groups) > CORPUS_LAYOUT_GROUPS
            if decided:
                for near, members in waiting:
                    self._send(queue, [g.members for g in members], near)
                waiting = []
            if grouped == len(runs):
                grouping = second_chance(self.docs, corpus_grouping(self.docs, groups, unmatched))
                if not self._numbered(queue, grouping):
                    return None
        return grouping

    def _numbered(self, queue: TaskQueue, grouping: Any) -> bool:
        """The whole corpus is grouped: number the groups, write the pages held so far, send the groups not
        yet sent and the ungrouped documents. False (nothing sent) for ``auto`` with few groups."""
        if self.layout == "auto" and len(grouping.groups) <= CORPUS_LAYOUT_GROUPS:
            return False
        self.numbers = {tuple(g.members): i + 1 for i, g in enumerate(grouping.groups)}
        for members, page in sorted(self.held.items()):
            if members in self.numbers:  # (a piece that the second chance joined to another: its page is stale)
                self._write_page(members, page)
        self.held.clear()
        sent = {members for task in self.jobs.values() for members in [t.members for t in task]} | set(self.outcomes)
        self._send(queue, [tuple(g.members) for g in grouping.groups if tuple(g.members) not in sent], None)
        if grouping.unmatched:
            self._send(queue, [], None, unmatched=grouping.unmatched)
        return True

    def _tasks(self, members_list: Sequence[tuple[int, ...]], unmatched: Sequence = ()) -> list[GroupTask]:
        """The group tasks (a group's ``index`` is its number less one once numbered; 0 before: any group
        index makes :func:`run_group` align and check it, the number only titles its page, which is done here)."""
        opts = self.opts
        common = {"signature": self.signatures["align"], "settings": self.settings, "check": True,
                  "config": opts.config, "candidates": opts.candidates, "glossary": self.glossary}
        tasks = [GroupTask(self.numbers[m] - 1 if self.numbers else 0, m, tuple(self.docs[j] for j in m), **common)
                 for m in members_list]
        if unmatched:
            members = tuple(u.index for u in unmatched)
            tasks.append(GroupTask(-1, members, tuple(self.docs[j] for j in members),
                                   reasons=tuple(u.reason for u in unmatched), **common))
        return tasks

    def _send(self, queue: TaskQueue, members_list: Sequence[tuple[int, ...]], near: int | None,
              unmatched: Sequence = ()) -> None:
        """Send these groups' tasks (those an earlier run kept are finished here), ``near`` their block's grouping."""
        import os
        import pickle

        todo = []
        for task in self._tasks([tuple(m) for m in members_list], unmatched):
            key = group_key(task, self.signatures["check"])
            kept = os.path.join(self.cache, f"{key}.pickle")
            if os.path.exists(kept):
                try:
                    with open(kept, "rb") as fh:
                        outcome = _finish_group(task, _Outcome(pickle.load(fh), None), self.finish, self.baseline)
                except Exception:  # noqa: BLE001 - a damaged cache entry is computed again
                    pass
                else:
                    self.cached.add(task.members)
                    self._keep(task, outcome, key=None)
                    continue
            todo.append(task)
        for run in batches([t.weight for t in todo], CHARS_PER_GROUP_TASK, GROUPS_PER_TASK):
            tasks = tuple(todo[k] for k in run)
            self.jobs[queue.submit(_run_group_batch, (tasks, self.finish), stage=1, near=near)] = tasks
            self.sent += 1

    def _arrived(self, ticket: int, found: list[_Outcome]) -> None:
        """A group task's outcomes: each kept (its cache entry written, its page written or held)."""
        tasks = self.jobs.pop(ticket)
        for task, outcome in zip(tasks, found):
            self._keep(task, outcome, key=group_key(task, self.signatures["check"]))
        self.done += 1
        self.progress("groups", self.done, self.sent)

    def _keep(self, task: GroupTask, outcome: _Outcome, key: str | None) -> None:
        import os
        import pickle

        from .io.writer import atomic_write

        if key is not None and outcome.result is not None:
            atomic_write(os.path.join(self.cache, f"{key}.pickle"), pickle.dumps(outcome.result, 4))
        if outcome.page is not None:
            if self.numbers is None and task.index >= 0:
                self.held[task.members] = outcome.page
            elif task.index >= 0 and task.members not in self.numbers:
                pass  # (a piece that the second chance joined to another, sent before the corpus was grouped)
            else:
                self._write_page(task.members if task.index >= 0 else None, outcome.page)
            outcome = dataclasses.replace(outcome, page=None)  # (written or held: not kept twice)
        self.outcomes[task.members] = (task, outcome)

    def _write_page(self, members: tuple[int, ...] | None, page: UntitledPage) -> None:
        import os

        from .io.writer import atomic_write

        number = self.numbers[members] if members is not None and self.numbers is not None else 0
        name = _page_name(number)
        atomic_write(os.path.join(self.directory, name), page.titled(_page_title(number)))
        self.pages.add(name)

    def rows(self, grouping: Any) -> list[CorpusGroup]:
        """A row per group in the order of their numbers, then the ungrouped documents."""
        members_list = [tuple(g.members) for g in grouping.groups]
        if grouping.unmatched:
            members_list.append(tuple(u.index for u in grouping.unmatched))
        rows = []
        for number, members in enumerate(members_list, 1):
            task, outcome = self.outcomes[members]
            number = number if task.index >= 0 else 0
            documents = tuple(self.docs[j] for j in members)
            if outcome.result is None:
                rows.append(CorpusGroup(number, documents, None, error=outcome.error, reasons=task.reasons))
                continue
            result = dataclasses.replace(outcome.result, index=number - 1)
            if result.alignment is not None:  # (this process's documents, as merge_groups does)
                result = dataclasses.replace(result, alignment=dataclasses.replace(result.alignment,
                                                                                   documents=documents))
            rows.append(CorpusGroup(number, documents, result, outcome.findings, outcome.scores,
                                    cached=members in self.cached, reasons=task.reasons, sarif=outcome.sarif,
                                    tmx=outcome.tmx, units=outcome.units))
        return rows


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

    from .export.shards import (
        findings_jsonl,
        language_pairs,
        tmx_pair,
        tmx_pair_from_pieces,
        units_parquet,
        units_parquet_from_pieces,
        version_columns,
    )
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
                g.documents, result, g.findings, g.scores, g.reasons, signatures, fail_on,
            ).titled(_page_title(g.number)))
        rows.append(_index_row(g, page if result is not None else ""))
    put("index.json", to_json({"groups": rows, "signatures": signatures}))
    put("index.html", _index_html(rows, signatures))
    every = sort_findings(f for g in groups for f in g.findings)
    rendered = [(g.findings, g.sarif) for g in groups if g.findings]  # (results rendered where the groups ran)
    put("findings.sarif", format_sarif(every, signature=signatures.get("check", ""), root=os.getcwd(),
                                       rendered=rendered))
    done = [g for g in groups if g.result is not None]
    aligned = [(g.number, g.result.alignment) for g in done if g.result.alignment is not None]
    columns = version_columns(a for _, a in aligned)
    shards = {}
    for g in done:
        shards.setdefault(max(g.number - 1, 0) // GROUPS_PER_SHARD, []).append(g)
    for shard, members in sorted(shards.items()):
        put(f"findings/{shard:04d}.jsonl", findings_jsonl([(g.number, g.findings) for g in members]))
        units = [g for g in members if g.result.alignment is not None]
        if units and all(g.units is not None for g in units):  # (rows made where the groups ran)
            put(f"units/{shard:04d}.parquet", units_parquet_from_pieces([(g.number, g.units) for g in units], columns))
        elif units:
            put(f"units/{shard:04d}.parquet", units_parquet([(g.number, g.result.alignment) for g in units], columns))
    ahead = [g for g in done if g.result.alignment is not None]
    pieces = [dict(g.tmx) if g.tmx is not None else None for g in ahead]
    for pair in language_pairs(a for _, a in aligned):
        # (the units as rendered where the groups ran, when each group holding the pair has them)
        held = [p[pair] for p in pieces if p is not None and pair in p]
        if len(held) >= 2 and all(p is not None for p in pieces):
            put(f"tmx/{pair[0]}-{pair[1]}.tmx", tmx_pair_from_pieces(held, pair))
        else:
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


__all__ = [
    "BLOCK_ABOVE",
    "CORPUS_LAYOUT_GROUPS",
    "CorpusAudit",
    "CorpusGroup",
    "block_documents",
    "block_keys",
    "group_corpus",
    "read_corpus",
    "run_corpus_audit",
    "warm_up",
    "write_corpus",
]
