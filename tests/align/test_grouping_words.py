"""Grouping reads a document's names and vocabulary from its words in one pass over the joined text, judging
each distinct word once; it must find what the sentence-by-sentence reading (as first written) finds."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import grouping
from aligner.model import Segment, SegmentKind
from aligner.text.acronyms import is_capitals
from aligner.text.scripts import CASED_SCRIPTS, char_script
from aligner.text.tokens import NAME_WORD


def _plain_names(sentences: list[Segment], script: str) -> tuple[str, ...]:
    words_per_sentence = [NAME_WORD.findall(s.text) for s in sentences]
    names: set[str] = set()
    if script in CASED_SCRIPTS:
        lower = {w.casefold() for words in words_per_sentence for w in words if w[:1].islower()}
        for words in words_per_sentence:
            for word in words[1:]:
                if not word[:1].isupper():
                    continue
                letters = word.replace(".", "")
                if is_capitals(word, min_len=2):
                    names.add(word)
                elif len(letters) >= 3 and word.casefold() not in lower:
                    names.add(word)
    else:
        for words in words_per_sentence:
            for word in words:
                if len(word.replace(".", "")) >= 2 and all(char_script(ch) == "Latn" for ch in word if ch.isalpha()):
                    names.add(word)
    return tuple(sorted(names))


_WORDS = st.sampled_from([
    "Berlin", "berlin", "the", "The", "NATO", "U.S.", "U.S.A.", "Vilnius", "vilniuje", "ir", "EU", "Ok", "iPhone",
    "O'Neil", "d'Artagnan", "బెర్లిన్", "లో", "Trump", "Трамп", "42", "3,5", "—", "«Kaunas»", "A.", "x",
])
_TEXTS = st.lists(st.lists(_WORDS, min_size=0, max_size=9).map(" ".join), min_size=1, max_size=8)


def _segments(texts: list[str]) -> list[Segment]:
    return [Segment(i, SegmentKind.SENTENCE, t, i + 1, 1, 0, len(t)) for i, t in enumerate(texts)]


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["Latn", "Cyrl", "Telu"]))
def test_names_are_those_of_the_sentence_by_sentence_reading(texts: list[str], script: str) -> None:
    segments = _segments(texts)
    assert grouping._names(segments, script) == _plain_names(segments, script)


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.sampled_from(["Latn", "Telu"]), st.lists(st.booleans(), min_size=8, max_size=8))
def test_vocabulary_is_that_of_the_sentence_by_sentence_reading(texts: list[str], script: str,
                                                               headings: list[bool]) -> None:
    segments = [Segment(i, SegmentKind.HEADING if headings[i] else SegmentKind.SENTENCE, t, i + 1, 1, 0, len(t))
                for i, t in enumerate(texts)]
    words = {w for s in segments for w in NAME_WORD.findall(s.text)}
    vocab = grouping._vocabulary(segments, script)
    assert vocab.acronyms == frozenset(w.replace(".", "") for w in words if is_capitals(w, min_len=2))
    keys = {grouping.transliterate(w) for w in words} - {""}
    assert vocab.keys == tuple(sorted(keys))
    # the words of the sentences read once for the names and given to the vocabulary: the same vocabulary
    sentences = [s for s in segments if s.kind is SegmentKind.SENTENCE]
    assert grouping._vocabulary(segments, script, set(grouping._words(sentences))) == vocab
    assert grouping._names(sentences, script, grouping._words(sentences)) == _plain_names(sentences, script)


def test_a_word_opening_one_sentence_and_inside_another_is_a_name() -> None:
    segments = _segments(["Vilnius is big.", "They went to Vilnius today.", "Kaunas too."])
    assert grouping._names(segments, "Latn") == ("Vilnius",)


_NAMES = st.sampled_from([
    "Berlin", "Berlyn", "Berlinas", "Vilnius", "Vilniaus", "Trump", "Trampas", "Трамп", "NATO", "NASA", "U.S.",
    "EU", "Kaunas", "Kaunui", "Merkel", "Merkelis", "Macron", "Makronas", "Al", "Ng", "Schwarzenegger",
    "Švarcnegeris", "Mxyzptlk", "Qq", "Ostrowski", "Ostrovskis", "Hamburg", "Homburg",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, max_size=12), st.lists(_NAMES, max_size=16), st.sampled_from(["Latn", "Telu"]),
       st.integers(1, 4))
def test_names_are_looked_up_in_bulk_as_one_by_one(names: list[str], words: list[str], script: str,
                                                  block: int) -> None:
    """The bulk lookup (``cdist`` over blocks of names) counts what ``_find_name`` finds name by name."""
    vocab = grouping._vocabulary(_segments([" ".join(words)]), script)
    wanted = [n for n in names if vocab.romanisable or grouping._is_acronym(n)]
    expected = (sum(1 for n in wanted if grouping._find_name(n, vocab)), len(wanted))
    old_block = grouping._FUZZY_BLOCK
    grouping._FUZZY_BLOCK = block  # several blocks, as a long document's names make
    try:
        assert grouping._lookup(names, vocab) == expected
    finally:
        grouping._FUZZY_BLOCK = old_block


def test_a_near_spelling_is_found_only_by_the_fuzzy_comparison() -> None:
    vocab = grouping._vocabulary(_segments(["Ostrowski was there."]), "Latn")
    key = grouping.transliterate("Ostrowsmi")
    assert key not in vocab.key_set and grouping.skeleton(key) not in vocab.skeletons  # neither shortcut
    assert grouping._find_name("Ostrowsmi", vocab)
    assert grouping._lookup(["Ostrowsmi", "Mxyzptlk"], vocab) == (1, 2)


_SPELLINGS = st.text(alphabet="abcdeko", min_size=1, max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, max_size=10), st.lists(st.lists(_NAMES, max_size=12), min_size=1, max_size=4),
       st.sampled_from(["Latn", "Telu"]))
def test_a_runs_fuzzy_matches_find_what_each_pairs_lookup_finds(names: list[str], vocabularies: list[list[str]],
                                                               script: str) -> None:
    """The run's names compared once with every vocabulary (:func:`_run_fuzzy_matches`) count what each
    pair's own ``cdist`` counts, for every name and vocabulary of the run."""
    vocabs = [grouping._vocabulary(_segments([" ".join(words)]), script) for words in vocabularies]
    keys = grouping._name_keys(names)
    fuzzy = grouping._fuzzy_matches((k for a, k, _ in keys if a is None and len(k) >= 3),
                                    (k for v in vocabs if v.romanisable for k in v.keys))
    for vocab in vocabs:
        assert grouping._lookup_keys(keys, vocab, fuzzy) == grouping._lookup_keys(keys, vocab)


def _edited(word: str, edits: list[tuple[int, int, str]]) -> str:
    """``word`` with characters inserted (0), dropped (1) or replaced (2) at the given places."""
    for op, at, ch in edits:
        at = at % (len(word) + 1)
        word = word[:at] + ch + word[at:] if op == 0 else word[:at] + word[at + 1:] if op == 1 else \
            word[:at] + ch + word[at + 1:]
    return word


_EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20), st.sampled_from("abcdeko")), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPELLINGS, min_size=1, max_size=8), st.lists(st.tuples(st.integers(0, 7), _EDITS), max_size=30),
       st.lists(_SPELLINGS, max_size=5))
def test_fuzzy_matches_skip_only_lengths_that_cannot_reach_the_cut_off(names: list[str],
                                                                       edited: list[tuple[int, list]],
                                                                       others: list[str]) -> None:
    """Every name scored with every key one by one: the length bound leaves out no match. The keys are the
    names with up to four characters inserted, dropped or replaced (so that many pairs of other lengths sit
    near the cut-off), and other spellings."""
    keys = [_edited(names[i % len(names)], edits) for i, edits in edited] + others
    keys = [k for k in keys if k]
    found = grouping._fuzzy_matches(names, keys)
    for name in names:
        expected = {k for k in keys if grouping.fuzz.ratio(name, k) >= grouping._FUZZY_CUTOFF}
        assert found[name] == expected


def test_a_documents_numbers_are_read_from_each_distinct_text_with_a_digit() -> None:
    """The features read each distinct segment text once, and only those with a digit: the same values, in the
    same order and with the same weights, as reading every segment (a repeated text, a text without digits)."""
    from aligner.documents import read_documents
    from tests.conftest import SEEDS

    for doc in read_documents([str(SEEDS)]):
        repeated = dataclasses.replace(doc, segments=doc.segments + doc.segments[::-1])
        for d in (doc, repeated):
            expected: dict[str, float] = {}
            for seg in d.segments:
                for value in grouping.number_values(seg.text, d.language):
                    expected[value] = grouping._number_weight(value)
            found = grouping._features(d).numbers
            assert list(found.items()) == list(expected.items())
            assert found or not expected
