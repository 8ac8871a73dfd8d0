"""The language-ID benchmark's measure of word-for-word ambiguity between close languages
(``scripts/bench_detect.py``), on made-up catalogs so that it does not depend on the machine."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_detect", ROOT / "scripts" / "bench_detect.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _fragment(lang: str, text: str) -> dict:
    return {"source": "heldout", "lang": lang, "kind": "fragment", "text": text}


def test_shared_fragments_counts_only_fragments_whose_every_word_is_attested(bench, monkeypatch) -> None:
    catalogs = {"nb": ["Til disse filene", "Navn på mappen"], "da": ["Til disse filer"]}
    monkeypatch.setattr(bench, "catalog_messages", lambda lang: catalogs.get(lang, []))
    monkeypatch.setattr(bench, "AMBIGUOUS_PAIRS", (("da", "nb"), ("nb", "da"), ("lt", "lv")))
    items = [_fragment("da", "til disse"), _fragment("da", "Navn på"), _fragment("da", "intern fejl"),
             _fragment("da", "filer på"), _fragment("nb", "disse filene"),
             {"source": "dev", "lang": "da", "kind": "fragment", "text": "intern fejl"},
             {"source": "heldout", "lang": "da", "kind": "sentence", "text": "til disse"}]
    # da: "til disse" and "Navn på" (case folded) are Bokmål word for word; "intern fejl" and "filer på" are not.
    # nb: "filene" is not in the Danish catalog. lt: no fragments, so no row. Dev items and sentences are ignored.
    assert bench.shared_fragments(items) == [("da", "nb", 4, 50.0), ("nb", "da", 1, 0.0)]
