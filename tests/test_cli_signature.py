"""Signatures: one class renders them all, the version once and last; a check names its alignment settings."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aligner._version import __version__
from aligner.align import AlignSettings, alignment_settings, alignment_signature
from aligner.cli import app
from aligner.signature import Signature, make_signature
from tests.conftest import SEED_FILES, SEEDS

runner = CliRunner()


def test_signature_renders_name_settings_and_one_version_last() -> None:
    sig = Signature("score", (("tok", "13a"), ("case", True), ("langs", ("lt", "da")), ("glossary", None)), "9.9")
    assert str(sig) == "aligner:score|tok:13a|case:yes|langs:lt,da|glossary:-|version:9.9"
    assert Signature.of("x", {"b": 1, "a": []}, version="1").render() == "aligner:x|a:-|b:1|version:1"
    assert make_signature("x", {"b": 1}) == f"aligner:x|b:1|version:{__version__}"


def test_nested_settings_are_bracketed_without_name_or_version() -> None:
    inner = Signature.of("pair", {"band": 6, "passes": 2})
    outer = Signature.of("align", {"pair": inner, "group": True}, version="1")
    assert outer.render() == "aligner:align|group:yes|pair:[band:6;passes:2]|version:1"
    assert Signature.of("check", {"align": outer}, version="1").render() == (
        "aligner:check|align:[group:yes;pair:[band:6;passes:2]]|version:1"
    )


def test_align_signature_has_one_version_and_follows_the_settings() -> None:
    text = alignment_signature()
    assert text.count("version:") == 1 and text.endswith(f"|version:{__version__}")
    assert "pair:[band:6;" in text and "group:yes" in text
    assert alignment_signature(AlignSettings(band=9), grouping=False) != text
    assert alignment_settings().render() == text


def test_check_signature_names_the_alignment_and_detection_settings() -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--format", "json", "-j", "1"])
    signature = json.loads(result.stdout)["signature"]
    nested = alignment_settings().render_settings(";")
    assert signature.startswith(f"aligner:check|align:[{nested}]|")
    assert "|lid:[candidates:all;segments:yes]|" in signature
    assert signature.count("version:") == 1 and signature.endswith(f"|version:{__version__}")


def test_align_json_signature_has_one_version() -> None:
    result = runner.invoke(app, ["align", str(SEED_FILES["lt"]), str(SEED_FILES["da"]), "--no-group"])
    assert result.exit_code == 0, result.output
    signature = json.loads(result.stdout)["signature"]
    assert signature.count("version:") == 1 and "group:no" in signature
