"""Whether a reference and its hypotheses are in one language (BLEU across languages means nothing)."""

from __future__ import annotations

from collections.abc import Sequence

#: Characters of each file read for the check (enough for a sure answer, cheap on big files).
SAMPLE_CHARS = 20_000


def reference_languages(reference: str, hypotheses: Sequence[str], encoding: str | None = None) -> dict[str, str]:
    """The detected language of the reference and of each hypothesis, by path."""
    from ..io.reader import read_text
    from ..langid import detect_language

    return {path: detect_language(read_text(path, encoding)[:SAMPLE_CHARS]).language
            for path in dict.fromkeys([reference, *hypotheses])}


def language_warnings(reference: str, languages: dict[str, str]) -> list[str]:
    """A sentence per hypothesis whose language is not the reference's (undetermined ones are not judged)."""
    ref = languages.get(reference, "und")
    if ref == "und":
        return []
    return [
        f"{path} is in {lang} but the reference {reference} is in {ref}: the scores compare different languages"
        for path, lang in languages.items() if path != reference and lang not in ("und", ref)
    ]
