"""Check settings from ``aligner.toml`` or ``pyproject.toml``; every key and value is validated.

Where settings are read from (the first that applies):

1. the file given with ``--config FILE``: a file named ``pyproject.toml`` is read in its
   ``[tool.aligner]`` table, any other file at its top level;
2. ``aligner.toml`` in the current directory (top-level keys);
3. ``pyproject.toml`` in the current directory, in its ``[tool.aligner]`` table (a
   ``pyproject.toml`` without that table is fine: the defaults apply);
4. otherwise the defaults.

``aligner.toml`` takes its keys at the top level only, as ``ruff.toml`` does: one way to write
a file is easier to read and review; a ``[tool.aligner]`` table there is an error that says so.
Files are not merged: the first found is the whole configuration.

Keys (see ``docs/ci.md``)::

    fail-on  = "major"                      # critical | major | minor | info | never
    severity = { NUM004 = "minor" }         # per-code severity override
    disable  = ["FMT002"]                   # codes not to run or report
    glossary = "terms/glossary.tbx"         # termbase for the term checks
    baseline = ".aligner-baseline.json"     # known findings to suppress

Relative ``glossary`` and ``baseline`` paths are taken relative to the directory of the file
they are written in, so a configuration means the same from any working directory.
An unknown key, an unknown check code or a bad value is a :class:`~aligner.errors.ConfigError`
naming the file and the key (OpusFilter's silent acceptance of typos is what we avoid).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import NEVER, Severity
from ..signature import make_signature

try:  # Python >= 3.11
    import tomllib as _toml
except ModuleNotFoundError:  # pragma: no cover - Python 3.10 without tomli
    try:
        import tomli as _toml  # type: ignore[no-redef]
    except ModuleNotFoundError:
        _toml = None  # type: ignore[assignment]

__all__ = [
    "CONFIG_FILES",
    "FAIL_ON_CHOICES",
    "KEYS",
    "CheckConfig",
    "check_signature",
    "find_config",
    "load_config",
    "parse_config",
    "parse_fail_on",
]

#: Values of ``fail-on`` / ``--fail-on``, strictest last.
FAIL_ON_CHOICES = Severity.fail_on_choices()

#: The keys a configuration may have.
KEYS = ("fail-on", "severity", "disable", "glossary", "baseline", "source")

#: File names looked for in the current directory, in order.
CONFIG_FILES = ("aligner.toml", "pyproject.toml")

_SEVERITIES = tuple(s.value for s in Severity)


@dataclass(frozen=True)
class CheckConfig:
    """Settings of a check run.

    ``fail_on`` is the lowest severity that fails the run (``None``: never fail);
    ``severity`` maps codes to the severity that replaces their default; ``disable``
    holds codes not to run; ``glossary`` and ``baseline`` are resolved paths or ``None``;
    ``source`` is the file the settings came from (``None`` for the defaults).
    """

    fail_on: Severity | None = Severity.MAJOR
    severity: Mapping[str, Severity] = field(default_factory=dict)
    disable: frozenset[str] = frozenset()
    glossary: Path | None = None
    baseline: Path | None = None
    source: Path | None = None
    #: The source version (``source = "en"``: a language code, a file or a document id); ``None``: none.
    source_version: str | None = None

    def to_dict(self) -> dict:
        return {
            "fail-on": self.fail_on.value if self.fail_on is not None else "never",
            "severity": {code: self.severity[code].value for code in sorted(self.severity)},
            "disable": sorted(self.disable),
            "glossary": self.glossary.as_posix() if self.glossary else None,
            "baseline": self.baseline.as_posix() if self.baseline else None,
            "source": self.source.as_posix() if self.source else None,
        }


def parse_fail_on(value: object, where: str = "--fail-on", key: str = "") -> Severity | None:
    """Read a ``fail-on`` value (``never`` gives ``None``); :class:`ConfigError` on anything else."""
    if isinstance(value, Severity):
        return value
    if isinstance(value, str) and value in FAIL_ON_CHOICES:
        return None if value == NEVER else Severity(value)
    label = f"{key} " if key else ""
    raise ConfigError(where, f"{label}must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}")


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close and isinstance(word, str):
        close = [c for c in choices if c.lower() == word.lower()]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _known_codes() -> tuple[str, ...]:
    from .registry import REGISTRY

    return REGISTRY.codes()


def _check_code(code: object, known: tuple[str, ...], where: str, key: str) -> str:
    if not isinstance(code, str) or code not in known:
        hint = _suggest(code, known) if isinstance(code, str) else ""
        raise ConfigError(where, f"{key}: unknown check code {code!r}{hint}; `aligner checks` lists them")
    return code


def _path(value: object, where: str, key: str, base: Path | None) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(where, f"{key} must be a non-empty path string, not {value!r}")
    path = Path(value)
    return path if path.is_absolute() or base is None else base / path


def parse_config(
    data: Mapping[str, Any],
    where: str = "<config>",
    *,
    prefix: str = "",
    known_codes: Iterable[str] | None = None,
    base_dir: Path | None = None,
) -> CheckConfig:
    """Validate a mapping of settings (already parsed TOML) and return a :class:`CheckConfig`.

    ``where`` names the file in errors and ``prefix`` the table the keys sit in
    (``tool.aligner.`` for pyproject.toml), so a message reads
    ``pyproject.toml: tool.aligner.fail-on must be one of ...``. ``known_codes`` defaults to the
    registered checks; relative paths are joined to ``base_dir``.
    """
    known = tuple(sorted(known_codes)) if known_codes is not None else _known_codes()
    for key in data:
        if key not in KEYS:
            hint = _suggest(key, KEYS)
            if key == "tool" and not prefix:
                hint = " (in aligner.toml write the keys at the top level, without [tool.aligner])"
            raise ConfigError(where, f"unknown key {prefix + key!r}{hint}; known keys: {', '.join(KEYS)}")

    fail_on: Severity | None = Severity.MAJOR
    if "fail-on" in data:
        fail_on = parse_fail_on(data["fail-on"], where, f"{prefix}fail-on")

    severity: dict[str, Severity] = {}
    if "severity" in data:
        table = data["severity"]
        key = f"{prefix}severity"
        if not isinstance(table, Mapping):
            raise ConfigError(where, f"{key} must be a table of code = severity, e.g. {{ NUM004 = \"minor\" }}")
        for code, value in table.items():
            _check_code(code, known, where, key)
            if value not in _SEVERITIES:
                raise ConfigError(
                    where, f"{key}.{code} must be one of {', '.join(_SEVERITIES)}, not {value!r}"
                    + (" (use disable to turn a check off)" if value in ("never", "off", "none") else ""),
                )
            severity[code] = Severity(value)

    disable: frozenset[str] = frozenset()
    if "disable" in data:
        codes = data["disable"]
        key = f"{prefix}disable"
        if not isinstance(codes, list):
            raise ConfigError(where, f"{key} must be a list of check codes, e.g. [\"FMT002\"], not {codes!r}")
        disable = frozenset(_check_code(code, known, where, key) for code in codes)

    glossary = _path(data["glossary"], where, f"{prefix}glossary", base_dir) if "glossary" in data else None
    baseline = _path(data["baseline"], where, f"{prefix}baseline", base_dir) if "baseline" in data else None
    source_version = None
    if "source" in data:
        source_version = data["source"]
        if not isinstance(source_version, str) or not source_version.strip():
            raise ConfigError(where, f"{prefix}source must be a language code such as \"en\" or a file name, "
                                     f"not {source_version!r}")
        source_version = source_version.strip()
    return CheckConfig(fail_on, severity, disable, glossary, baseline, source_version=source_version)


def find_config(cwd: str | Path | None = None) -> Path | None:
    """The configuration file that applies in ``cwd`` (default: the current directory), or ``None``.

    ``aligner.toml`` wins over ``pyproject.toml``; a ``pyproject.toml`` counts only when it
    has a ``[tool.aligner]`` table.
    """
    base = Path(cwd) if cwd is not None else Path(".")
    own = base / "aligner.toml"
    if own.is_file():
        return own
    pyproject = base / "pyproject.toml"
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool")
        if isinstance(tool, Mapping) and "aligner" in tool:
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    if _toml is None:  # pragma: no cover - only on Python 3.10 without tomli
        raise ConfigError(str(path), "reading TOML needs Python 3.11 or newer, or `pip install tomli`")
    try:
        with path.open("rb") as fh:
            return _toml.load(fh)
    except FileNotFoundError:
        raise ConfigError(str(path), "configuration file not found") from None
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read configuration ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "configuration is not UTF-8 text") from None
    except _toml.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None


def load_config(
    path: str | Path | None = None,
    *,
    cwd: str | Path | None = None,
    known_codes: Iterable[str] | None = None,
) -> CheckConfig:
    """Load the settings for ``aligner check``.

    ``path`` is ``--config FILE`` (a missing file is an error); without it the file is
    discovered in ``cwd`` by :func:`find_config`, and without one the defaults are returned.
    """
    if path is not None:
        file = Path(path)
    else:
        found = find_config(cwd)
        if found is None:
            return CheckConfig()
        file = found
    where = str(file)
    data = _read_toml(file)
    prefix = ""
    if file.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("aligner", {}) if isinstance(tool, Mapping) else {}
        prefix = "tool.aligner."
        if not isinstance(data, Mapping):
            raise ConfigError(where, "tool.aligner must be a table")
    config = parse_config(data, where, prefix=prefix, known_codes=known_codes, base_dir=file.parent)
    return CheckConfig(config.fail_on, config.severity, config.disable, config.glossary, config.baseline, file)


def check_signature(config: CheckConfig, **extra: object) -> str:
    """The signature of a check run under ``config`` (plus any ``extra`` settings the caller adds).

    ``aligner:check|baseline:yes|disable:FMT002|fail-on:major|glossary:-|severity:NUM004=minor|version:0.1.0``;
    paths are reduced to yes/no or their file name so the signature does not depend on where
    the repository is checked out.
    """
    settings: dict[str, object] = {
        "fail-on": config.fail_on.value if config.fail_on is not None else "never",
        "severity": [f"{code}={config.severity[code].value}" for code in sorted(config.severity)],
        "disable": sorted(config.disable),
        "glossary": config.glossary.name if config.glossary else None,
        "baseline": config.baseline is not None,
    }
    if config.source_version:
        settings["source"] = config.source_version.replace("\\", "/").rsplit("/", 1)[-1]
    settings.update(extra)
    return make_signature("check", settings)
