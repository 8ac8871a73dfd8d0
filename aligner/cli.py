"""The ``aligner`` command line: options, one library call, rendering, exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand

from ._version import __version__
from .errors import AlignerError, ConfigError, InputError
from .model import NEVER, Severity

app = typer.Typer(
    name="aligner",
    help="Translation quality and multilingual alignment: detect, group, align, check, score.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., object])


class _FilesArgument(TyperArgument):
    """An argument shown as ``FILE...`` in the usage line and the help, without a Python type."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return f"{name}..." if self.required else f"[{name}...]"

    def _rich_display_name(self) -> str:
        return self._usage_display_name()

    def display_type_rich(self, ctx: object) -> str | None:  # noqa: ARG002 - the metavar says it
        return None


class _Command(TyperCommand):
    """A command whose arguments read as metavars (``FILE...``), not as ``{files}... <list[str]>``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _FilesArgument


def _choice(enum: type[Enum], what: str = "format") -> Callable[[object], Enum]:
    """A parser for an enum option that says "unknown format 'sarf'; choose sarif, json, ..." on a typo."""

    def parse(value: object) -> Enum:
        if isinstance(value, enum):
            return value
        try:
            return enum(value)
        except ValueError:
            raise typer.BadParameter(
                f"unknown {what} {value!r}; choose {', '.join(str(e.value) for e in enum)}") from None

    return parse


def _at_least_one(value: object, option: str) -> int:
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise typer.BadParameter(f"{option} takes a whole number, not {value!r}") from None
    if n < 1:
        raise typer.BadParameter(f"{option} takes 1 or more, not {n}")
    return n


def _choices(enum: type[Enum]) -> str:
    values = [str(e.value) for e in enum]
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]

# Options several commands share, defined once.
PresegmentedOption = Annotated[
    bool, typer.Option("--presegmented", help="Each non-empty line is one segment, untouched.")
]
LanguagesOption = Annotated[
    str | None,
    typer.Option("--languages", metavar="CODES", help="Comma-separated ISO 639-1 candidates, e.g. lt,da,tl,te."),
]
EncodingOption = Annotated[
    str | None, typer.Option("--encoding", metavar="NAME", help="Encoding of the input files (default: UTF-8).")
]
KeepGoingOption = Annotated[
    bool, typer.Option("--keep-going", "-k", help="Name every file that cannot be read (one line each) and check the "
                       "rest; exit 2 at the end. Without it the first such file stops the run.")
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", parser=lambda v: _at_least_one(v, "--jobs"), metavar="N",
                 help="Processes for the checks (default on Linux: one per CPU, up to 4, for inputs of 1 MB or "
                 "more; 1: this one only). The findings are the same whatever the number."),
]
BaselineOption = Annotated[
    str | None, typer.Option("--baseline", metavar="FILE", help="Silence the findings recorded in FILE.")
]
GlossaryOption = Annotated[
    str | None, typer.Option("--glossary", metavar="FILE", help="Termbase (TBX or CSV) for the key-term checks.")
]
ConfigOption = Annotated[
    str | None, typer.Option("--config", metavar="FILE", help="Settings file (aligner.toml or pyproject.toml).")
]


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    Color,
    typer.Option("--color", parser=_choice(Color, "colour choice"), metavar="WHEN",
                 help="Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on), always "
                 "or never."),
]


def _color(choice: Color, stream: object = None) -> bool:
    from .report.terminal import use_color

    return use_color(choice.value, stream)


def _progress():  # noqa: ANN202 - a report.terminal progress context (imported lazily)
    """A progress bar on stderr while the work runs, only when stderr is a terminal (never in a CI log)."""
    from .report.terminal import progress_bar

    return progress_bar(enabled=sys.stderr.isatty())


def _note(message: str) -> None:
    """One line for the person or the CI log watching stderr."""
    typer.echo(f"aligner: {message}", err=True)


def _say_what_was_read(paths: list[str], readable: list[str] | None = None) -> None:
    """For directories: one line on stderr with the files read (by kind) and those left out and why.

    ``readable``: with ``--keep-going``, the files that could be read (the others are counted apart)."""
    from .io.formats import expand_paths, survey_line

    unreadable = () if readable is None else set(expand_paths(paths)) - set(readable)
    line = survey_line(paths, unreadable)
    if line:
        _note(line)


def _readable(files: list[str], keep_going: bool, options: object) -> tuple[list[str], int]:
    """``--keep-going``: the files that can be read, and how many cannot (each named on stderr, one line).

    Without ``keep_going`` the arguments go on untouched (the first unreadable file stops the run); with it and
    nothing readable left, the run ends here with exit 2."""
    if not keep_going:
        return files, 0
    from .io.formats import readable_files

    good, bad = readable_files(files, options.reader_options())  # type: ignore[attr-defined]
    for exc in bad:
        _fail(str(exc))
    if not good:
        _fail(f"none of the {len(bad)} files could be read; fix them (named above)")
        raise typer.Exit(2)
    return good, len(bad)


def _end(code: int, unread: int) -> None:
    """Exit with ``code``, or 2 when ``--keep-going`` left files unread (the run is not a whole one)."""
    if unread:
        _fail(f"exit 2: {unread} file{'s' if unread != 1 else ''} could not be read (named above); the rest was "
              "checked")
        raise typer.Exit(2)
    raise typer.Exit(code)


def _writable_file(path: str | None, option: str = "-o") -> None:
    """Refuse an output file that cannot be one (an existing directory) before any work is done."""
    from pathlib import Path

    if path and Path(path).is_dir():
        raise InputError(path, f"is a directory; {option} takes a file name")


def _two_versions(documents: object, files: list[str]) -> None:
    """Grouping and cross-version checks need two versions: one is a usage mistake, not a finding.

    (A localization file counts as the versions it holds: a catalog with nothing translated yet is checked
    and simply has nothing to report.)"""
    if len(documents) < 2 and not any(getattr(d, "keyed", False) for d in documents):  # type: ignore[attr-defined]
        raise InputError(files[0] if files else "FILES",
                         "grouping needs two or more versions of a text; give the other language versions too")


ClusterOption = Annotated[
    str | None,
    typer.Option("--cluster", metavar="SPEC", help="Run each group on a Dask cluster: local[:N] (start N worker "
                 "processes) or tcp://HOST:PORT (a running scheduler). Same results as without."),
]
ClusterTimeoutOption = Annotated[
    float, typer.Option("--cluster-timeout", min=0.1, metavar="SECONDS",
                        help="Seconds to wait for the cluster's scheduler and workers.")
]


class Layout(str, Enum):
    auto = "auto"
    single = "single"
    corpus = "corpus"


def _cluster(cluster: str | None, timeout: float):  # noqa: ANN202 - a context manager of an executor or None
    """The executor ``--cluster`` names, open for the command's run (none: in this process)."""
    import contextlib

    if cluster is None:
        return contextlib.nullcontext(None)
    from .cluster import connect

    return connect(cluster, timeout=timeout)



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
        except OSError as exc:  # an output path that cannot be written, found too late to check up front
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            _fail(f"{where}{exc.strerror or exc}")
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
    from .langid import unknown_candidates

    unknown = unknown_candidates(langs)
    if unknown:
        raise InputError("--languages", f"no language has the code {', '.join(map(repr, unknown))}; "
                         "give ISO 639 codes like lt,da,tl,te")
    return langs


def _emit(text: str, output: str | None) -> None:
    if output:
        from .io.writer import atomic_write

        atomic_write(output, text)
    else:
        sys.stdout.write(text)


def _emit_bytes(data: bytes) -> None:
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data.decode("utf-8"))


class DetectFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command(cls=_Command)
@handle_errors
def detect(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help=f"Files: {_FILES}.")],
    segments: Annotated[bool, typer.Option("--segments", help="Also detect each segment's language.")] = False,
    presegmented: PresegmentedOption = False,
    languages: LanguagesOption = None,
    fmt: Annotated[DetectFormat, typer.Option("--format", parser=_choice(DetectFormat), metavar="FORMAT",
                                              help=f"Output format: {_choices(DetectFormat)}.")] = DetectFormat.table,
    encoding: EncodingOption = None,
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE", help="Write to this file.")] = None,
    color: ColorOption = Color.auto,
    keep_going: KeepGoingOption = False,
) -> None:
    """Detect the language and script of each document (and segment)."""
    from .detect import detect_paths, detection_csv, detection_signature
    from .io.render import to_json

    _writable_file(output)
    opts = _read_options(presegmented=presegmented, languages=languages, encoding=encoding)
    files, unread = _readable(files, keep_going, opts)
    with _progress() as progress:
        results = detect_paths(files, opts, segments=segments, progress=progress)
    for r in results:
        if r.note:
            _note(f"{r.id}: {r.note}")
    if fmt is DetectFormat.json:
        payload = {
            "documents": [r.to_dict() for r in results],
            "signature": detection_signature(opts.candidates, segments),
        }
        _emit(to_json(payload), output)
    elif fmt is DetectFormat.csv:
        _emit(detection_csv(results, segments), output)
    else:
        from .report.terminal import detection_table

        _emit(detection_table(results, segments, color=not output and _color(color)), output)
    if unread:
        _end(0, unread)


class AlignFormat(str, Enum):
    json = "json"
    tsv = "tsv"
    tmx = "tmx"
    moses = "moses"
    jsonl = "jsonl"
    vecalign = "vecalign"


@app.command(cls=_Command)
@handle_errors
def align(
    files: Annotated[list[str], typer.Argument(metavar="FILE",
                                               help=f"Versions of one text: {_FILES}.")],
    fmt: Annotated[AlignFormat, typer.Option("--format", parser=_choice(AlignFormat), metavar="FORMAT",
                                             help=f"Output format: {_choices(AlignFormat)}.")] = AlignFormat.json,
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="PATH", help="Output file (a directory for --format moses)."),
    ] = None,
    presegmented: PresegmentedOption = False,
    no_group: Annotated[
        bool, typer.Option("--no-group", help="Treat all files as versions of one text (skip grouping).")
    ] = False,
    languages: LanguagesOption = None,
    encoding: EncodingOption = None,
    source: SourceOption = None,
    cluster: ClusterOption = None,
    cluster_timeout: ClusterTimeoutOption = 60.0,
    keep_going: KeepGoingOption = False,
) -> None:
    """Group the versions of one text and align them all at once; export the aligned corpus."""
    from .export import get_exporter
    from .pipeline import align_paths

    exporter = get_exporter(fmt.value, **({"source": source} if fmt is AlignFormat.tmx and source else {}))
    read_opts = _read_options(presegmented=presegmented, languages=languages, encoding=encoding)
    files, unread = _readable(files, keep_going, read_opts)
    with _cluster(cluster, cluster_timeout) as executor, _progress() as progress:
        result = align_paths(files, read_opts,
                             group=not no_group, exporter=exporter, output=output, progress=progress,
                             executor=executor)
    data = exporter.export(result.groups, output, unmatched=result.grouping.unmatched if result.grouping else ())
    if data is not None:
        _emit_bytes(data)
    if unread:
        _end(0, unread)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


#: --fail-on's choices, from the one Severity enum: critical ... info, then never.
FailOn = Enum("FailOn", {v: v for v in (*Severity.fail_on_choices()[1:], NEVER)}, type=str)


FailOnOption = Annotated[
    FailOn | None,
    typer.Option("--fail-on", parser=_choice(FailOn, "severity"), metavar="SEVERITY",
                 help=f"Exit 1 when a finding reaches this severity: {_choices(FailOn)} (default: major)."),
]


#: What the file arguments may be.
_FILES = "text or localization files (PO, XLIFF, JSON, ...), or directories of them"

SourceOption = Annotated[
    str | None,
    typer.Option("--source", metavar="LANG|FILE",
                 help="The source version: a language code (en) or a file; the others are its translations and "
                 "are blamed when they depart from it."),
]


def _read_options(*, presegmented: bool = False, languages: str | None = None, encoding: str | None = None):  # noqa: ANN202
    """The :class:`~aligner.options.RunOptions` of a command that only reads (no check settings)."""
    from .options import RunOptions

    return RunOptions(presegmented=presegmented, encoding=encoding, candidates=_languages(languages))


def _run_options(
    *,
    config: str | None = None,
    fail_on: FailOn | None = None,
    baseline: str | None = None,
    glossary: str | None = None,
    presegmented: bool = False,
    languages: str | None = None,
    encoding: str | None = None,
    jobs: int | None = None,
    source: str | None = None,
):  # noqa: ANN202 - a RunOptions (imported lazily to keep --help fast)
    """The one :class:`~aligner.options.RunOptions` of a command, from its options (they override the settings file)."""
    from pathlib import Path

    from .checks.config import load_config, parse_fail_on
    from .pipeline import replace_config

    cfg = load_config(config)
    if fail_on is not None:
        cfg = replace_config(cfg, fail_on=parse_fail_on(fail_on.value))
    if baseline is not None:
        if not Path(baseline).is_file():
            raise InputError(baseline, "baseline file not found; create it with --write-baseline FILE")
        cfg = replace_config(cfg, baseline=Path(baseline))
    if glossary is not None:
        if not Path(glossary).is_file():
            raise InputError(glossary, "glossary file not found; give a .tbx or .csv termbase")
        cfg = replace_config(cfg, glossary=Path(glossary))
    if source is not None:
        cfg = replace_config(cfg, source_version=source)
    return _read_options(presegmented=presegmented, languages=languages, encoding=encoding).replace(
        config=cfg, jobs=jobs)


@app.command(cls=_Command)
@handle_errors
def check(
    files: Annotated[list[str], typer.Argument(metavar="FILE",
                                               help=f"Versions to check: {_FILES}.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", parser=_choice(CheckFormat), metavar="FORMAT",
                                             help=f"Output format: {_choices(CheckFormat)}.")] = CheckFormat.text,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help="Write the report to this file.")
    ] = None,
    fail_on: FailOnOption = None,
    baseline: BaselineOption = None,
    glossary: GlossaryOption = None,
    write_baseline: Annotated[
        str | None, typer.Option("--write-baseline", metavar="FILE", help="Record the current findings in FILE.")
    ] = None,
    config: ConfigOption = None,
    presegmented: PresegmentedOption = False,
    languages: LanguagesOption = None,
    encoding: EncodingOption = None,
    jobs: JobsOption = None,
    source: SourceOption = None,
    color: ColorOption = Color.auto,
    cluster: ClusterOption = None,
    cluster_timeout: ClusterTimeoutOption = 60.0,
    keep_going: KeepGoingOption = False,
) -> None:
    """Check that numbers and facts agree across all versions; blame the version that is wrong."""
    import os

    from .checks.policy import exit_code
    from .checks.policy import write_baseline as save_baseline
    from .pipeline import check_paths
    from .report.findings import render_findings, run_summary

    _writable_file(output)
    _writable_file(write_baseline, "--write-baseline")
    opts = _run_options(config=config, fail_on=fail_on, baseline=baseline, glossary=glossary,
                        presegmented=presegmented, languages=languages, encoding=encoding, jobs=jobs, source=source)
    readable, unread = _readable(files, keep_going, opts)
    with _cluster(cluster, cluster_timeout) as executor, _progress() as progress:
        run = check_paths(readable, opts, progress=progress, executor=executor)
    _two_versions(run.documents, files)
    _say_what_was_read(files, readable if unread else None)  # (after the run: a bad input stays one line)
    if write_baseline:
        save_baseline(run.all_findings, write_baseline)
        _note(f"recorded {len(run.all_findings)} findings in {write_baseline}; --baseline {write_baseline} "
              "silences them")
    color_on = fmt is CheckFormat.text and not output and _color(color)
    text = render_findings(
        fmt.value, run.findings, fail_on=opts.config.fail_on, color=color_on, signature=run.signature,
        documents=[d.path for d in run.documents], suppressed=len(run.suppressed), root=os.getcwd(),
        families=run.families,
    )
    _emit(text, output)
    if output:
        _note(run_summary(run.findings, opts.config.fail_on, output))
    _end(exit_code(run.findings, opts.config.fail_on), unread)


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"


@app.command(cls=_Command)
@handle_errors
def score(
    files: Annotated[list[str], typer.Argument(metavar="FILE",
                                               help="Hypotheses (with --ref), or the versions to score.")],
    ref: Annotated[
        str | None, typer.Option("--ref", metavar="FILE", help="Reference translation: BLEU, chrF++, TER.")
    ] = None,
    segments: Annotated[bool, typer.Option("--segments", help="Also give per-segment scores.")] = False,
    presegmented: PresegmentedOption = False,
    tokenize: Annotated[
        str | None,
        typer.Option("--tokenize", metavar="NAME", help="BLEU tokenizer (default 13a; char for Telugu)."),
    ] = None,
    paired: Annotated[
        str, typer.Option("--paired", metavar="TEST", help="With two hypotheses: bs (bootstrap) or ar.")
    ] = "bs",
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed of the paired test.")] = 12345,
    fmt: Annotated[ScoreFormat, typer.Option("--format", parser=_choice(ScoreFormat), metavar="FORMAT",
                                             help=f"Output format: {_choices(ScoreFormat)}.")] = ScoreFormat.table,
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE", help="Write to this file.")] = None,
    encoding: EncodingOption = None,
    glossary: GlossaryOption = None,
    config: ConfigOption = None,
    languages: LanguagesOption = None,
    jobs: JobsOption = None,
    source: SourceOption = None,
    color: ColorOption = Color.auto,
    keep_going: KeepGoingOption = False,
) -> None:
    """Score translations: against a reference (sacrebleu), or reference-free (MQM-style, 0-100).

    Reference-free scores count the findings in force, so they follow the same settings as
    check and audit (aligner.toml, [tool.aligner], --config, --glossary).
    """
    from .io.render import to_json
    from .report.terminal import reference_table, scores_table

    _writable_file(output)
    color_on = not output and _color(color)
    if ref is not None:
        from .pipeline import score_with_reference
        from .score.languages import language_warnings, reference_languages

        with _progress() as progress:
            progress("score", 0, 1)
            run = score_with_reference(ref, files, _read_options(presegmented=presegmented, encoding=encoding),
                                       segments=segments, tokenize=tokenize, seed=seed, method=paired)
            langs = reference_languages(ref, files, encoding)
            progress("score", 1, 1)
        warnings = language_warnings(ref, langs)
        for warning in warnings:
            _note(f"warning: {warning}")
        if fmt is ScoreFormat.json:
            _emit(to_json({**run.to_dict(), "languages": langs, "warnings": warnings}), output)
        else:
            _emit(reference_table(run, color_on), output)
        return
    from .pipeline import check_paths, score_run
    from .score.quality import quality_signature

    opts = _run_options(config=config, glossary=glossary, presegmented=presegmented, languages=languages,
                        encoding=encoding, jobs=jobs, source=source)
    readable, unread = _readable(files, keep_going, opts)
    with _progress() as progress:
        run = check_paths(readable, opts, progress=progress)
        scores = score_run(run, per_segment=segments)
        progress("score", 1, 1)
    _two_versions(run.documents, files)
    signature = quality_signature()
    if fmt is ScoreFormat.json:
        _emit(to_json({"documents": [s.to_dict() for s in scores], "signature": signature}), output)
    else:
        _emit(scores_table(scores, color_on, segments=segments) + signature + "\n", output)
    if unread:
        _end(0, unread)


@app.command(cls=_Command)
@handle_errors
def audit(
    paths: Annotated[list[str], typer.Argument(metavar="FILE",
                                               help=f"Language versions: {_FILES}.")],
    output: Annotated[
        str, typer.Option("-o", "--output", metavar="DIR", help="Directory for report.html, audit.json, ...")
    ],
    fail_on: FailOnOption = None,
    baseline: BaselineOption = None,
    glossary: GlossaryOption = None,
    config: ConfigOption = None,
    presegmented: PresegmentedOption = False,
    languages: LanguagesOption = None,
    encoding: EncodingOption = None,
    jobs: JobsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    source: SourceOption = None,
    color: ColorOption = Color.auto,
    cluster: ClusterOption = None,
    cluster_timeout: ClusterTimeoutOption = 60.0,
    layout: Annotated[Layout, typer.Option(
        "--layout", metavar="LAYOUT", help="single: one report for everything; corpus: an index page, a report per "
        "group, sharded findings and units, resumable; auto: corpus past 100 groups.")] = Layout.auto,
    keep_going: KeepGoingOption = False,
) -> None:
    """The main job: detect, group, align, check and score; write the report, JSON, TMX and SARIF to a directory."""
    from pathlib import Path

    from .checks.policy import exit_code
    from .corpus import run_corpus_audit
    from .pipeline import run_audit
    from .report.findings import run_summary
    from .report.terminal import audit_summary, progress_bar

    if Path(output).exists() and not Path(output).is_dir():
        raise InputError(output, "is a file; -o takes a directory for the report, JSON, TMX and SARIF")
    opts = _run_options(config=config, fail_on=fail_on, baseline=baseline, glossary=glossary,
                        presegmented=presegmented, languages=languages, encoding=encoding, jobs=jobs, source=source)
    readable, unread = _readable(paths, keep_going, opts)
    with _cluster(cluster, cluster_timeout) as executor, \
            progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        if layout is Layout.single:
            result, written = run_audit(readable, output, opts, progress=progress, executor=executor)
        else:
            corpus = run_corpus_audit(readable, output, opts, layout=layout.value, progress=progress, executor=executor)
            result, written = corpus.audit, list(corpus.written)
    _say_what_was_read(paths, readable if unread else None)  # (after the run: a bad input stays one line)
    if result is None:  # the corpus layout
        _emit(corpus.summary(), None)
        if corpus.failed:
            _fail(corpus.failure())
            raise typer.Exit(2)
        _end(exit_code(corpus.findings, opts.config.fail_on), unread)
    _emit(audit_summary(result, written, opts.config.fail_on, color=_color(color)), None)
    report = next((p for p in written if p.endswith(".html")), output)
    _note(run_summary(result.findings, opts.config.fail_on, report))
    _end(exit_code(result.findings, opts.config.fail_on), unread)


@app.command("checks", cls=_Command)
def list_checks(
    fmt: Annotated[DetectFormat, typer.Option("--format", parser=_choice(DetectFormat), metavar="FORMAT",
                                              help=f"Output format: {_choices(DetectFormat)}.")] = DetectFormat.table,
    color: ColorOption = Color.auto,
) -> None:
    """List the checks: code, category, default severity and description."""
    from .checks import describe_checks
    from .io.render import to_csv, to_json

    rows = describe_checks()
    if fmt is DetectFormat.json:
        _emit(to_json({"checks": [r._asdict() for r in rows]}), None)
    elif fmt is DetectFormat.csv:
        _emit(to_csv(["code", "category", "severity", "title"], rows), None)
    else:
        from rich.table import Table

        from .report.terminal import render

        table = Table(title="Checks")
        for col in ("code", "category", "severity", "description"):
            table.add_column(col)
        for r in rows:
            table.add_row(r.code, r.category, r.severity, r.title)
        _emit(render(table, _color(color)), None)


def main() -> None:
    """Console-script entry point."""
    app()

if __name__ == "__main__":  # python -m aligner.cli
    main()
