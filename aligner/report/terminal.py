"""Terminal tables (rich), rendered to text so the CLI only prints."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Mapping, Sequence

from rich import box
from rich.console import Console
from rich.table import Table

#: ``--color`` choices.
COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str = "auto", stream: object = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output for ``stream`` (default stdout): ``always``, ``never``, or ``auto``.

    ``auto`` follows the conventions: ``NO_COLOR`` (https://no-color.org) set and not empty turns
    colour off, ``FORCE_COLOR`` set and not empty (and not ``0``) turns it on (CI logs that render
    ANSI), else colour when ``stream`` is a terminal.
    """
    if choice not in COLOR_CHOICES:
        raise ValueError(f"unknown colour choice {choice!r}; choose {', '.join(COLOR_CHOICES)}")
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR") and env.get("FORCE_COLOR") != "0":
        return True
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width(stream: object = None) -> int | None:
    """The width of the terminal ``stream`` (default stdout) writes to, or ``COLUMNS``; None: rich's default (80)."""
    stream = sys.stdout if stream is None else stream
    try:
        if stream.isatty():  # type: ignore[attr-defined]
            return os.get_terminal_size(stream.fileno()).columns  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        pass
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def render(table: object, color: bool | None = None, width: int | None = None) -> str:
    """Render a rich renderable to a string, as wide as the terminal (``width`` overrides it).

    Colour as :func:`use_color` unless ``color`` says.
    """
    buf = io.StringIO()
    if color is None:
        color = use_color()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or terminal_width(),
                      soft_wrap=False, highlight=False)
    console.print(table)
    return buf.getvalue()


def short_paths(paths: Iterable[str]) -> tuple[dict[str, str], str]:
    """Each path without the directories all of them share, and that shared prefix ("" if none).

    What is left is the part that tells the files apart, whole: no ellipsis ever hides which
    file is which. A single path keeps its file name.
    """
    paths = list(dict.fromkeys(paths))
    if not paths:
        return {}, ""
    parts = [p.replace("\\", "/").split("/") for p in paths]
    common = 0
    for column in zip(*(q[:-1] for q in parts)):
        if len(set(column)) != 1:
            break
        common += 1
    prefix = "/".join(parts[0][:common]) + "/" if common else ""
    return {p: "/".join(q[common:]) for p, q in zip(paths, parts)}, prefix


def _table(title: str) -> Table:
    """A table that fits 80 columns: a rule under the header, no vertical borders."""
    return Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, title_justify="left",
                 caption_justify="left", min_width=len(title))  # (a title wider than its table would wrap)


def _file_column(table: Table, prefix: str, names: Iterable[str] = ()) -> None:
    """The file column: never cut (folded when it must be); the shared directory goes in the caption.

    It asks for the width of its longest name (up to 40), so that the other columns give way first.
    """
    table.add_column("file", overflow="fold", min_width=min(30, max((len(n) for n in names), default=4)))
    if prefix:
        table.caption = f"files in {prefix}"


def detection_table(results: Sequence, segments: bool, color: bool | None = None) -> str:
    """One row per document (and, with ``segments``, a table of odd segments)."""
    names, prefix = short_paths(r.id for r in results)
    table = _table(title="Languages")
    _file_column(table, prefix, names.values())
    for col in ("language", "confidence", "script"):
        table.add_column(col)
    for r in results:
        table.add_row(names[r.id], r.guess.language, f"{r.guess.confidence:.3f}", r.guess.script)
    out = render(table, color)
    if segments:
        seg = _table(title="Segments in another language than their document")
        _file_column(seg, prefix, names.values())
        for col in ("line", "language", "confidence"):
            seg.add_column(col)
        seg.add_column("text", overflow="fold")
        n = 0
        for r in results:
            for s in r.segments or ():
                if s.differs:
                    n += 1
                    text = s.text if len(s.text) <= 60 else s.text[:57] + "..."
                    seg.add_row(names[r.id], str(s.line), s.guess.language, f"{s.guess.confidence:.3f}", text)
        out += render(seg, color) if n else "No segment differs from its document's language.\n"
    return out


def scores_table(scores: Sequence, color: bool | None = None, segments: bool = False) -> str:
    """One row per version: rank, score and the components a reader can act on; with ``segments``, a row per segment."""
    from ..score.quality import explain_score

    names, prefix = short_paths(s.path for s in scores)
    table = _table(title="Quality (reference-free, 0-100)")
    table.add_column("rank")
    _file_column(table, prefix, names.values())
    for col in ("language", "score"):
        table.add_column(col)
    table.add_column("why", overflow="fold")
    ordered = sorted(scores, key=lambda x: (x.rank, x.path))
    for s in ordered:
        table.add_row(str(s.rank), names[s.path], s.language or "", f"{s.score:.1f}",
                      explain_score(s.score, s.components))
    out = render(table, color)
    if segments:
        seg = _table(title="Per segment (0-100; segments without findings score 100)")
        _file_column(seg, prefix, names.values())
        for col in ("language", "segment", "score"):
            seg.add_column(col)
        rows = 0
        for s in ordered:
            for i, value in enumerate(s.segments or ()):
                if value is None:
                    continue
                seg.add_row(names[s.path], s.language or "", str(i), f"{value:.1f}")
                rows += 1
        out += render(seg, color) if rows else "No per-segment scores.\n"
    return out


def reference_table(run, color: bool | None = None) -> str:  # noqa: ANN001 - a pipeline.ReferenceRun
    """Scores against a reference: one row per hypothesis and metric, then the paired test as a table."""
    names, prefix = short_paths([run.reference, *run.hypotheses])
    table = _table(title=f"Against {names[run.reference]} ({run.lines} lines{', aligned' if run.aligned else ''})")
    table.add_column("hypothesis", overflow="fold")
    for col in ("metric", "score"):
        table.add_column(col)
    table.add_column("signature", overflow="fold")
    for path, sc in zip(run.hypotheses, run.scores):
        for m in sc.metrics:
            table.add_row(names[path], m.name, f"{m.score:.2f}", m.signature)
    text = render(table, color)
    for path, sc in zip(run.hypotheses, run.scores):
        metrics = [m for m in sc.metrics if m.segments is not None]
        if metrics:
            seg = _table(title=f"Per segment: {names[path]}")
            seg.add_column("line")
            for m in metrics:
                seg.add_column(m.name)
            for i, values in enumerate(zip(*(m.segments for m in metrics))):
                seg.add_row(str(i + 1), *(f"{v:.2f}" for v in values))
            text += render(seg, color)
    if run.comparison is not None:
        text += comparison_table(run.comparison, names, run.hypotheses, color)
    return text


def comparison_table(comparison, names: Mapping[str, str], hypotheses: Sequence[str],  # noqa: ANN001
                     color: bool | None = None) -> str:
    """The paired significance test of two hypotheses (a ``SystemComparison``) as a table, one row per metric."""
    a, b = (names.get(h, h) for h in hypotheses[:2])
    table = _table(title=f"Paired test ({comparison.method}, {comparison.samples} samples, seed {comparison.seed}):"
                        f" {b} against {a}")
    table.add_column("metric")
    table.add_column(a, overflow="fold")
    table.add_column(b, overflow="fold")
    table.add_column("p-value")
    for m in comparison.metrics:
        base = f"{m.baseline:.2f}" + (f" ({m.baseline_mean:.2f} ± {m.baseline_ci:.2f})"
                                      if m.baseline_mean is not None and m.baseline_ci is not None else "")
        system = f"{m.system:.2f}" + (f" ({m.system_mean:.2f} ± {m.system_ci:.2f})"
                                      if m.system_mean is not None and m.system_ci is not None else "")
        table.add_row(m.name, base, system, f"{m.p_value:.4f}")
    return render(table, color) + f"{comparison.signature}\n"


class _Progress:
    """A rich progress bar driven by ``progress(stage, done, total)`` callbacks; silent when disabled."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None
        self._tasks: dict[str, object] = {}

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description:<8}"), BarColumn(), TextColumn("{task.completed}/"
                                 "{task.total}"), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=max(total, 1))
        self._bar.update(self._tasks[stage], completed=done, total=max(total, 1))

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def progress_bar(enabled: bool) -> _Progress:
    """A context manager yielding a progress callback (a no-op when ``enabled`` is false)."""
    return _Progress(enabled)


def audit_summary(result, written: Sequence[str], fail_on: object, color: bool | None = None) -> str:  # noqa: ANN001
    """The table printed after an audit: one row per version with score and findings by severity."""
    from collections import Counter

    from ..model import Severity
    from ..score.quality import finding_of

    names, prefix = short_paths(d.id for d in result.documents)
    table = _table(title="Audit")
    _file_column(table, prefix, names.values())  # whole, folded if it must be, never cut to an ellipsis
    for col in ("lang", "group", "score", *(s.value for s in Severity.descending())):
        table.add_column(col)
    group_of = {d.id: str(g + 1) for g, al in enumerate(result.groups) for d in al.documents}
    score_of = {(s.path, s.language): s.score for s in result.scores}
    counts = {d.id: Counter(f.severity.value for f in result.findings if finding_of(f, d)) for d in result.documents}
    for d in result.documents:
        c = counts[d.id]
        key = (d.path, d.language)
        score = f"{score_of[key]:.1f}" if key in score_of else "-"
        table.add_row(names[d.id], d.language or "", group_of.get(d.id, "none"), score,
                      *(str(c.get(s.value, 0)) for s in Severity.descending()))
    out = render(table, color)
    out += "".join(f"wrote {p}\n" for p in written)
    return out
