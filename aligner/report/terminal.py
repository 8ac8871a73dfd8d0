"""Terminal tables (rich), rendered to text so the CLI only prints."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table


def render(table: Table, color: bool | None = None, width: int = 120) -> str:
    """Render a rich table to a string; colour only when stdout is a terminal."""
    buf = io.StringIO()
    if color is None:
        color = sys.stdout.isatty()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, soft_wrap=False)
    console.print(table)
    return buf.getvalue()


def detection_table(results: Sequence, segments: bool) -> str:
    """One row per document (and, with ``segments``, a table of odd segments)."""
    table = Table(title="Languages")
    for col in ("file", "language", "confidence", "script"):
        table.add_column(col)
    for r in results:
        table.add_row(r.id, r.guess.language, f"{r.guess.confidence:.3f}", r.guess.script)
    out = render(table)
    if segments:
        seg = Table(title="Segments in another language than their document")
        for col in ("file", "line", "language", "confidence", "text"):
            seg.add_column(col)
        n = 0
        for r in results:
            for s in r.segments or ():
                if s.differs:
                    n += 1
                    text = s.text if len(s.text) <= 60 else s.text[:57] + "..."
                    seg.add_row(r.id, str(s.line), s.guess.language, f"{s.guess.confidence:.3f}", text)
        out += render(seg) if n else "No segment differs from its document's language.\n"
    return out


def scores_table(scores: Sequence) -> str:
    """One row per version: rank, score and the main components."""
    table = Table(title="Quality (reference-free, 0-100)")
    for col in ("rank", "file", "language", "score", "components"):
        table.add_column(col)
    for s in sorted(scores, key=lambda x: (x.rank, x.path)):
        comps = ", ".join(
            f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
            for k, v in s.components.items() if not isinstance(v, (dict, list))
        )
        table.add_row(str(s.rank), s.path, s.language or "", f"{s.score:.1f}", comps)
    return render(table)


def reference_table(run) -> str:  # noqa: ANN001 - a pipeline.ReferenceRun
    """Scores against a reference: one row per hypothesis and metric with its signature, then the paired test (JSON)."""
    from ..io.render import to_json

    table = Table(title=f"Against {run.reference} ({run.lines} lines{', aligned' if run.aligned else ''})")
    for col in ("hypothesis", "metric", "score", "signature"):
        table.add_column(col)
    for path, sc in zip(run.hypotheses, run.scores):
        for m in sc.metrics:
            table.add_row(path, m.name, f"{m.score:.2f}", m.signature)
    text = render(table)
    if run.comparison is not None:
        text += to_json(run.comparison.to_dict())
    return text


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


def audit_summary(result, written: Sequence[str], fail_on: object) -> str:  # noqa: ANN001
    """The table printed after an audit: one row per version with score and findings by severity."""
    from collections import Counter

    from ..model import Severity
    from ..score.quality import finding_of

    table = Table(title="Audit")
    table.add_column("file", no_wrap=True)  # a path is shown whole, never cut to an ellipsis
    for col in ("language", "group", "score", *(s.value for s in Severity.descending())):
        table.add_column(col)
    group_of = {d.id: str(g + 1) for g, al in enumerate(result.groups) for d in al.documents}
    score_of = {(s.path, s.language): s.score for s in result.scores}
    counts = {d.id: Counter(f.severity.value for f in result.findings if finding_of(f, d)) for d in result.documents}
    for d in result.documents:
        c = counts[d.id]
        key = (d.path, d.language)
        score = f"{score_of[key]:.1f}" if key in score_of else "-"
        table.add_row(d.id, d.language or "", group_of.get(d.id, "none"), score,
                      *(str(c.get(s.value, 0)) for s in Severity.descending()))
    # the other columns take about 60 characters: widen the table rather than cut a long path
    out = render(table, width=max(120, 60 + max((len(d.id) for d in result.documents), default=0)))
    out += "".join(f"wrote {p}\n" for p in written)
    return out
