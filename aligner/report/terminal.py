"""Terminal tables (rich), rendered to text so the CLI only prints."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table


def render(table: Table, color: bool | None = None) -> str:
    """Render a rich table to a string; colour only when stdout is a terminal."""
    buf = io.StringIO()
    if color is None:
        color = sys.stdout.isatty()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=120, soft_wrap=False)
    console.print(table)
    return buf.getvalue()


def detection_table(results: Sequence, segments: bool) -> str:
    """One row per document (and, with ``segments``, a table of odd segments)."""
    table = Table(title="Languages")
    for col in ("file", "language", "confidence", "script"):
        table.add_column(col)
    for r in results:
        table.add_row(r.path, r.guess.language, f"{r.guess.confidence:.3f}", r.guess.script)
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
                    seg.add_row(r.path, str(s.line), s.guess.language, f"{s.guess.confidence:.3f}", text)
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
