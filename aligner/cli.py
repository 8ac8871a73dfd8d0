"""The ``aligner`` command line: options, one library call, rendering, exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, TypeVar

import typer

from ._version import __version__
from .errors import AlignerError, ConfigError, InputError

app = typer.Typer(
    name="aligner",
    help="Translation quality and multilingual alignment: detect, group, align, check, score.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., object])


def _fail(message: str) -> None:
    typer.echo(f"aligner: error: {message}", err=True)


def handle_errors(func: F) -> F:
    """Map library errors to one stderr line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except (InputError, ConfigError) as exc:
            _fail(str(exc))
            raise typer.Exit(2) from None
        except AlignerError as exc:
            _fail(str(exc))
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"aligner {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Translation quality and multilingual alignment."""


def _languages(value: str | None) -> list[str] | None:
    if not value:
        return None
    langs = [v.strip() for v in value.split(",") if v.strip()]
    for lang in langs:
        if not lang.isalpha() or not 2 <= len(lang) <= 3:
            raise InputError("--languages", f"{lang!r} is not an ISO 639 code; give codes like lt,da,tl,te")
    return langs


def _emit(text: str, output: str | None) -> None:
    if output:
        from .io.writer import atomic_write

        atomic_write(output, text)
    else:
        sys.stdout.write(text)


class DetectFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
@handle_errors
def detect(
    files: Annotated[list[str], typer.Argument(help="Text files, or directories of *.txt files.")],
    segments: Annotated[bool, typer.Option("--segments", help="Also detect each segment's language.")] = False,
    presegmented: Annotated[
        bool, typer.Option("--presegmented", help="Each non-empty line is one segment, untouched.")
    ] = False,
    languages: Annotated[
        str | None, typer.Option("--languages", help="Comma-separated ISO 639-1 candidates, e.g. lt,da,tl,te.")
    ] = None,
    fmt: Annotated[DetectFormat, typer.Option("--format", help="Output format.")] = DetectFormat.table,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Encoding of the input files (default: UTF-8).")
    ] = None,
    output: Annotated[str | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
) -> None:
    """Detect the language and script of each document (and segment)."""
    from .detect import detect_document, detection_signature
    from .documents import read_documents
    from .io.render import to_csv, to_json

    candidates = _languages(languages)
    docs = read_documents(files, presegmented=presegmented, encoding=encoding, candidates=candidates)
    results = [detect_document(d, segments=segments, candidates=candidates) for d in docs]
    if fmt is DetectFormat.json:
        payload = {
            "documents": [r.to_dict() for r in results],
            "signature": detection_signature(candidates, segments),
        }
        _emit(to_json(payload), output)
    elif fmt is DetectFormat.csv:
        if segments:
            rows = [
                (r.path, s.id, s.line, s.column, s.guess.language, f"{s.guess.confidence:.4f}",
                 s.guess.script, "yes" if s.differs else "no", s.text)
                for r in results for s in (r.segments or ())
            ]
            header = ["path", "segment", "line", "column", "language", "confidence", "script", "differs", "text"]
        else:
            rows = [(r.path, r.guess.language, f"{r.guess.confidence:.4f}", r.guess.script) for r in results]
            header = ["path", "language", "confidence", "script"]
        _emit(to_csv(header, rows), output)
    else:
        from .report.terminal import detection_table

        _emit(detection_table(results, segments), output)


def main() -> None:
    """Console-script entry point."""
    app()
