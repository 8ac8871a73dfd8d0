"""Check configuration: keys, values and codes validated; discovery of aligner.toml / pyproject.toml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligner.checks.config import (
    CheckConfig,
    check_signature,
    find_config,
    load_config,
    parse_config,
    parse_fail_on,
)
from aligner.errors import ConfigError
from aligner.model import Severity

CODES = ("FMT002", "NUM001", "NUM004")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    config = CheckConfig()
    assert config.fail_on is Severity.MAJOR
    assert dict(config.severity) == {} and config.disable == frozenset()
    assert config.glossary is None and config.baseline is None and config.source is None
    assert parse_config({}, known_codes=CODES) == CheckConfig()


def test_parse_every_key(tmp_path: Path) -> None:
    config = parse_config(
        {
            "fail-on": "minor",
            "severity": {"NUM004": "minor", "NUM001": "critical"},
            "disable": ["FMT002"],
            "glossary": "terms/glossary.tbx",
            "baseline": "/abs/baseline.json",
        },
        "aligner.toml",
        known_codes=CODES,
        base_dir=tmp_path,
    )
    assert config.fail_on is Severity.MINOR
    assert dict(config.severity) == {"NUM004": Severity.MINOR, "NUM001": Severity.CRITICAL}
    assert config.disable == frozenset({"FMT002"})
    assert config.glossary == tmp_path / "terms" / "glossary.tbx"
    assert config.baseline == Path("/abs/baseline.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fial-on": "major"}, "unknown key 'fial-on' (did you mean 'fail-on'?)"),
        ({"fail_on": "major"}, "unknown key 'fail_on' (did you mean 'fail-on'?)"),
        ({"tool": {"aligner": {}}}, "without [tool.aligner]"),
        ({"fail-on": "error"}, "fail-on must be one of never, critical, major, minor, info, not 'error'"),
        ({"fail-on": 2}, "fail-on must be one of"),
        ({"fail-on": "MAJOR"}, "fail-on must be one of"),
        ({"severity": "minor"}, "severity must be a table"),
        ({"severity": {"NUM999": "minor"}}, "severity: unknown check code 'NUM999'"),
        ({"severity": {"num001": "minor"}}, "unknown check code 'num001' (did you mean 'NUM001'?)"),
        ({"severity": {"NUM001": "high"}}, "severity.NUM001 must be one of info, minor, major, critical, not 'high'"),
        ({"severity": {"NUM001": "off"}}, "use disable to turn a check off"),
        ({"disable": "FMT002"}, "disable must be a list of check codes"),
        ({"disable": ["FMT002", "XYZ123"]}, "disable: unknown check code 'XYZ123'"),
        ({"disable": [1]}, "disable: unknown check code 1"),
        ({"glossary": ""}, "glossary must be a non-empty path string"),
        ({"baseline": 3}, "baseline must be a non-empty path string, not 3"),
    ],
)
def test_bad_settings_name_the_file_and_the_key(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        parse_config(data, "conf/aligner.toml", known_codes=CODES)
    assert info.value.path == "conf/aligner.toml"
    assert str(info.value).startswith("conf/aligner.toml: ")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('fail-on = "sometimes"', "tool.aligner.fail-on must be one of"),
        ('failon = "major"', "unknown key 'tool.aligner.failon' (did you mean 'fail-on'?)"),
        ('disable = ["NUM0001"]', "tool.aligner.disable: unknown check code 'NUM0001' (did you mean 'NUM001'?)"),
    ],
)
def test_pyproject_errors_name_the_full_key(tmp_path: Path, table: str, message: str) -> None:
    _write(tmp_path / "pyproject.toml", f'[project]\nname = "x"\n\n[tool.aligner]\n{table}\n')
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_config(cwd=tmp_path, known_codes=CODES)
    assert info.value.path.endswith("pyproject.toml")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("never", None), ("critical", Severity.CRITICAL), ("major", Severity.MAJOR), ("minor", Severity.MINOR),
     ("info", Severity.INFO), (Severity.MINOR, Severity.MINOR)],
)
def test_parse_fail_on(value: object, expected: Severity | None) -> None:
    assert parse_fail_on(value) is expected


def test_parse_fail_on_names_the_option() -> None:
    with pytest.raises(ConfigError, match=r"^--fail-on: must be one of"):
        parse_fail_on("warning")


# ----------------------------------------------------------------------------------- discovery

FILES = {
    "own": ("aligner.toml", 'fail-on = "critical"\n'),
    "pyproject": ("pyproject.toml", '[project]\nname = "x"\n\n[tool.aligner]\nfail-on = "minor"\n'),
    "bare-pyproject": ("pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 99\n'),
}


@pytest.mark.parametrize(
    ("present", "found", "fail_on"),
    [
        ((), None, Severity.MAJOR),
        (("own",), "aligner.toml", Severity.CRITICAL),
        (("pyproject",), "pyproject.toml", Severity.MINOR),
        (("bare-pyproject",), None, Severity.MAJOR),
        (("own", "pyproject"), "aligner.toml", Severity.CRITICAL),
        (("own", "bare-pyproject"), "aligner.toml", Severity.CRITICAL),
    ],
)
def test_discovery(tmp_path: Path, present: tuple[str, ...], found: str | None, fail_on: Severity) -> None:
    for key in present:
        name, text = FILES[key]
        _write(tmp_path / name, text)
    path = find_config(tmp_path)
    assert (path.name if path else None) == found
    config = load_config(cwd=tmp_path, known_codes=CODES)
    assert config.fail_on is fail_on
    assert config.source == path


def test_discovery_defaults_to_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "aligner.toml", 'baseline = "ci/baseline.json"\n')
    monkeypatch.chdir(tmp_path)
    config = load_config(known_codes=CODES)
    assert config.source == Path("aligner.toml")
    assert config.baseline == Path("ci/baseline.json")


def test_explicit_config_wins_and_resolves_paths_beside_it(tmp_path: Path) -> None:
    _write(tmp_path / "aligner.toml", 'fail-on = "critical"\n')
    conf = tmp_path / "ci" / "checks.toml"
    conf.parent.mkdir()
    _write(conf, 'fail-on = "info"\nglossary = "terms.csv"\nbaseline = "../baseline.json"\n'
                 'disable = ["NUM004"]\n[severity]\nNUM001 = "minor"\n')
    config = load_config(conf, cwd=tmp_path, known_codes=CODES)
    assert config.fail_on is Severity.INFO
    assert config.glossary == conf.parent / "terms.csv"
    assert config.baseline == conf.parent / "../baseline.json"
    assert config.disable == frozenset({"NUM004"}) and dict(config.severity) == {"NUM001": Severity.MINOR}
    assert config.source == conf


def test_explicit_pyproject_reads_its_tool_table_and_may_lack_it(tmp_path: Path) -> None:
    with_table = _write(tmp_path / "pyproject.toml", '[tool.aligner]\nfail-on = "never"\n')
    assert load_config(with_table, known_codes=CODES).fail_on is None
    _write(with_table, '[project]\nname = "x"\n')
    assert load_config(with_table, known_codes=CODES).fail_on is Severity.MAJOR


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail-on = \n", "invalid TOML"),
        ("[tool.aligner]\nfail-on = \"major\"\n", "without [tool.aligner]"),
        ("fail-on = \"major\"\nfail-on = \"minor\"\n", "invalid TOML"),
    ],
)
def test_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path / "aligner.toml", text)
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_config(path, known_codes=CODES)
    assert info.value.path == str(path)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "nope.toml", known_codes=CODES)


def test_non_utf8_config_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "aligner.toml"
    path.write_bytes(b'glossary = "\xff"\n')
    with pytest.raises(ConfigError, match="aligner.toml"):
        load_config(path, known_codes=CODES)


def test_codes_default_to_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.checks import registry as registry_module

    from .test_registry import make_registry

    monkeypatch.setattr(registry_module, "REGISTRY", make_registry())
    assert parse_config({"disable": ["NUM901"]}).disable == frozenset({"NUM901"})
    with pytest.raises(ConfigError, match="NUM001"):
        parse_config({"disable": ["NUM001"]})


def test_to_dict_and_signature_are_sorted_and_location_free(tmp_path: Path) -> None:
    config = CheckConfig(
        fail_on=None,
        severity={"NUM004": Severity.MINOR, "FMT002": Severity.INFO},
        disable=frozenset({"NUM001", "FMT002"}),
        glossary=tmp_path / "terms" / "glossary.tbx",
        baseline=tmp_path / "baseline.json",
    )
    assert config.to_dict()["severity"] == {"FMT002": "info", "NUM004": "minor"}
    assert config.to_dict()["fail-on"] == "never"
    sig = check_signature(config)
    assert sig.startswith("aligner:check|baseline:yes|disable:FMT002,NUM001|fail-on:never|glossary:glossary.tbx|")
    assert "severity:FMT002=info,NUM004=minor|version:" in sig
    assert str(tmp_path) not in sig
    assert check_signature(CheckConfig()).startswith("aligner:check|baseline:no|disable:-|fail-on:major|glossary:-|")
    assert "|lid:combo|" in check_signature(CheckConfig(), lid="combo")
