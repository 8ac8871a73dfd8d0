"""The structure and language analyses read whole documents at once; they must answer what the plain,
segment-by-segment computation answers, finding for finding and in the same order.

The plain computations below are the analyses as first written (one text at a time).
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.checks import language, structure
from aligner.checks.registry import default_severity
from aligner.model import Alignment, Document, Finding, LanguageGuess, Segment, SegmentKind, Unit

# --- the plain computations ------------------------------------------------------------------------


def _plain_norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _plain_duplicates(alignment: Alignment) -> list[Finding]:
    docs = alignment.documents
    unit_of: list[dict[int, int]] = [{} for _ in docs]
    for u_idx, unit in enumerate(alignment.units):
        for k, ids in enumerate(unit.segments):
            for i in ids:
                unit_of[k][i] = u_idx

    def text_of(u: int, k: int) -> str:
        return _plain_norm(alignment.texts(alignment.units[u], k))

    def others_repeat(version: int, u1: int, u2: int) -> bool:
        others = [k for k in range(len(docs)) if k != version]
        if not others:
            return False
        same = sum(1 for k in others if (a := text_of(u1, k)) and a == text_of(u2, k))
        return same > len(others) / 2

    out: list[Finding] = []
    for k, doc in enumerate(docs):
        seen: dict[str, int] = {}
        for seg in doc.segments:
            if seg.kind is not SegmentKind.SENTENCE or len(seg.text.split()) < structure._MIN_DUP_WORDS:
                continue
            key = _plain_norm(seg.text)
            if key not in seen:
                seen[key] = seg.id
                continue
            first = doc.segments[seen[key]]
            u1, u2 = unit_of[k].get(first.id), unit_of[k].get(seg.id)
            if u1 is not None and u2 is not None and u1 != u2 and others_repeat(k, u1, u2):
                continue
            out.append(Finding(
                "DUP001", "duplication", default_severity("DUP001"), doc.path, doc.language, seg.line, seg.column,
                f"sentence repeated from line {first.line}: {structure._snippet(seg.text)!r}",
                {"text": seg.text, "first_line": first.line}, 0.9, seg.start, seg.end, u2,
            ))
    return out


def _plain_structure(alignment: Alignment) -> list[Finding]:
    """check_structure as first written: every unit looked at, document counts made text by text."""
    docs = alignment.documents
    n = len(docs)
    out: list[Finding] = []
    if n < 2:
        return out
    for u_idx, unit in enumerate(alignment.units):
        present = unit.present()
        if len(present) == n:
            continue
        kinds = {docs[k].segments[i].kind for k in present for i in unit.segments[k]}
        furniture = kinds <= {SegmentKind.TITLE, SegmentKind.BOILERPLATE}
        sample = " ".join(docs[present[0]].segments[i].text for i in unit.segments[present[0]])
        if len(present) == 1 and n >= 3:
            k = present[0]
            doc = docs[k]
            first = doc.segments[unit.segments[k][0]]
            text = " ".join(doc.segments[i].text for i in unit.segments[k])
            counts = Counter(_plain_norm(s.text) for s in doc.segments)
            if not furniture and structure._repeats_elsewhere(doc, unit.segments[k], counts):
                continue
            code = "ADD002" if furniture else "ADD001"
            what = "page furniture" if furniture else "a passage"
            out.append(Finding(
                code, "addition", default_severity(code), doc.path, doc.language, first.line, first.column,
                f"{what} only this version has: {structure._snippet(text)!r}",
                {"text": text, "versions_with": 1, "versions": n}, 0.8, first.start,
                doc.segments[unit.segments[k][-1]].end, u_idx,
            ))
            continue
        majority = len(present) > n / 2
        conf = 0.9 if majority and len(present) >= 2 else 0.5
        holders = ", ".join(docs[k].language or docs[k].name for k in present)
        for k in [k for k in range(n) if not unit.segments[k]]:
            doc = docs[k]
            line, column, start, end = structure._anchor(doc, alignment, k, u_idx)
            tie = "" if majority else " (no majority: omission is likelier than addition)"
            out.append(Finding(
                "OMI001", "omission", default_severity("OMI001"), doc.path, doc.language, line, column,
                f"a passage {len(present)} of {n} versions have ({holders}) is missing here: "
                f"{structure._snippet(sample)!r}{tie}",
                {"text": sample, "versions_with": len(present), "versions": n,
                 "present": [docs[j].path for j in present]},
                conf, start, end, u_idx,
            ))
    return out


def _plain_segment_languages(doc: Document, guesses: tuple[LanguageGuess, ...]) -> list[Finding]:
    out: list[Finding] = []
    if not doc.language:
        return out
    for seg, g in zip(doc.segments, guesses):
        if g.language in ("und", doc.language) or g.confidence < language.MIN_CONFIDENCE \
                or not language._judgeable(seg.text) or language._names_only(seg.text):
            continue
        out.append(Finding(
            "LNG001", "language", default_severity("LNG001"), doc.path, doc.language, seg.line, seg.column,
            f"segment is in {g.language} (confidence {g.confidence:.2f}), not {doc.language}",
            {"text": seg.text, "detected": g.language, "expected": doc.language,
             "confidence": round(g.confidence, 3)},
            g.confidence, seg.start, seg.end, None,
        ))
    return out


def _plain_untranslated(alignment: Alignment, segment_languages: dict) -> list[Finding]:
    docs = alignment.documents
    out: list[Finding] = []
    for u_idx, unit in enumerate(alignment.units):
        texts: dict[str, list[int]] = {}
        for k in unit.present():
            texts.setdefault(_plain_norm(alignment.texts(unit, k)), []).append(k)
        for t, same in texts.items():
            if len(same) < 2 or len({docs[k].language for k in same}) < 2 or not language._judgeable(t):
                continue
            if language._names_only(docs[same[0]].segments[unit.segments[same[0]][0]].text):
                continue
            for k in same:
                doc = docs[k]
                ids = unit.segments[k]
                guesses = segment_languages.get(doc.path, ())
                seg_lang = guesses[ids[0]].language if guesses and ids[0] < len(guesses) else None
                if seg_lang == doc.language:
                    continue
                seg = doc.segments[ids[0]]
                twins = [docs[j].path for j in same if j != k]
                out.append(Finding(
                    "LNG002", "language", default_severity("LNG002"), doc.path, doc.language, seg.line, seg.column,
                    f"left untranslated: the same text as in {', '.join(twins)}"
                    + (f" (it reads as {seg_lang})" if seg_lang and seg_lang != "und" else ""),
                    {"text": seg.text, "same_as": twins, "detected": seg_lang}, 0.9,
                    seg.start, doc.segments[ids[-1]].end, u_idx,
                ))
    return out


# --- generated documents and alignments ------------------------------------------------------------

#: Every whitespace character, the mark of the separator the whole-document reading joins texts with, and
#: characters whose case folding changes their length or needs the full folding (ß, ŉ, İ, ﬁ, final sigma).
_ODD = [*structure._OTHER_SPACES, " ", structure._MARK, "ß", "ẞ", "S", "s", "ŉ", "İ", "ﬁ", "Σ", "ς", "µ", "ǅ", "ఈ"]
_BASE = ["The wage rose by four percent.", "Die Löhne STIEGEN um vier Prozent.", "Short one.", "Prices fell again.",
         "Wages rose in May.",
         "Straße und STRASSE sind gleich geschrieben", "ΟΔΥΣΣΕΥΣ και οδυσσευς ηταν εδω", "ఈ వాక్యం తెలుగులో ఉంది అని",
         "", "   "]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    """A sentence from a small pool (so that texts repeat), sometimes re-cased or re-spaced."""
    text = draw(st.sampled_from(_BASE))
    how = draw(st.integers(0, 7))
    if how == 1:
        text = text.upper()
    elif how == 2:
        space = draw(st.sampled_from([*structure._OTHER_SPACES, "  ", " \t"]))
        text = draw(st.sampled_from(["", " ", space])) + text.replace(" ", space, draw(st.integers(1, 3)))
    elif how == 3:
        text = draw(st.text(st.sampled_from(_ODD + list("ab .")), max_size=12))
    elif how == 4:
        text = " " + text
    elif how == 5:
        text += " "
    return text


_KINDS = [SegmentKind.SENTENCE, SegmentKind.SENTENCE, SegmentKind.SENTENCE, SegmentKind.TITLE,
          SegmentKind.HEADING, SegmentKind.BOILERPLATE]


@st.composite
def _documents(draw: st.DrawFn, path: str) -> Document:
    texts = draw(st.lists(_texts(), max_size=8))
    segs = []
    offset = 0
    for i, text in enumerate(texts):
        segs.append(Segment(i, draw(st.sampled_from(_KINDS)), text, i + 1, 1 + i % 3, offset, offset + len(text)))
        offset += len(text) + 1
    return Document(path, "\n".join(texts), tuple(segs), (), draw(st.sampled_from(["en", "de", "fr", None])))


@st.composite
def _alignments(draw: st.DrawFn) -> Alignment:
    """Versions cut into units of 0 to 2 consecutive segments each; sometimes a segment left out of every
    unit, or put in a second one (what a faulty aligner could give: the analyses read them the same way)."""
    n = draw(st.integers(1, 4))
    docs = [draw(_documents(f"v{k}.txt")) for k in range(n)]
    nxt = [0] * n
    units = []
    while any(nxt[k] < len(docs[k].segments) for k in range(n)):
        row = []
        for k in range(n):
            take = min(draw(st.integers(0, 2)), len(docs[k].segments) - nxt[k])
            ids = tuple(range(nxt[k], nxt[k] + take))
            nxt[k] += take
            fault = draw(st.integers(0, 12))
            if fault == 0 and ids:
                ids = ids[1:]  # the first one in no unit
            elif fault == 2:
                ids = ()  # none in any unit
            elif fault == 1 and units and units[-1][k]:
                ids = (units[-1][k][-1], *ids)  # the previous unit's last one again
            row.append(ids)
        if any(row):
            units.append(tuple(row))
    return Alignment(tuple(docs), tuple(Unit(r) for r in units))


@st.composite
def _parallel_alignments(draw: st.DrawFn) -> Alignment:
    """Versions of one text: each unit holds the same sentence in most versions (re-cased, re-spaced,
    or cut in two segments), so that a repeat may be the source's, shared by the other versions."""
    n = draw(st.integers(2, 4))
    base = draw(st.lists(st.sampled_from(_BASE[:6]), min_size=2, max_size=7))
    texts: list[list[str]] = [[] for _ in range(n)]
    units = []
    for sentence in base:
        row = []
        for k in range(n):
            how = draw(st.integers(0, 6))
            text = {1: sentence.upper(), 2: "  " + sentence, 3: draw(_texts())}.get(how, sentence)
            parts = [text] if how != 4 or " " not in text else text.split(" ", 1)
            row.append(tuple(range(len(texts[k]), len(texts[k]) + len(parts))) if how != 5 else ())
            if how != 5:
                texts[k].extend(parts)
        if any(row):
            units.append(Unit(tuple(row)))
    docs = []
    for k in range(n):
        segs = tuple(Segment(i, SegmentKind.SENTENCE, t, i + 1, 1, 0, len(t)) for i, t in enumerate(texts[k]))
        docs.append(Document(f"p{k}.txt", "\n".join(texts[k]), segs, (), draw(st.sampled_from(["en", "de", None]))))
    return Alignment(tuple(docs), tuple(units))


_ANY_ALIGNMENT = st.one_of(_alignments(), _parallel_alignments())


@st.composite
def _guesses(draw: st.DrawFn, alignment: Alignment) -> dict[str, tuple[LanguageGuess, ...]]:
    out = {}
    for doc in alignment.documents:
        if draw(st.integers(0, 4)) == 0:
            continue
        size = max(0, len(doc.segments) - draw(st.integers(0, 2)))
        languages = st.sampled_from(["und", "en", "de", "fr"])
        confidences = st.sampled_from([0.5, 0.79, 0.8, 0.97])
        out[doc.path] = tuple(LanguageGuess(draw(languages), draw(confidences), "Latn") for _ in range(size))
    return out


# --- the shortcuts answer what the plain computations answer -----------------------------------------


def test_other_spaces_are_every_whitespace_but_the_space() -> None:
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(structure._OTHER_SPACES) == every - {" "}
    assert len(structure._OTHER_SPACES) == len(set(structure._OTHER_SPACES))


def test_case_folding_keeps_whitespace_and_the_separator() -> None:
    """Folding works character by character (so the joined texts fold as each text), never turns a
    character into whitespace or the separator's mark nor whitespace into anything else: word counts
    and separators survive it."""
    for c in map(chr, range(0x110000)):
        folded = c.casefold()
        if folded == c:
            continue
        assert not c.isspace() and c != structure._MARK, repr(c)
        assert not any(x.isspace() or x == structure._MARK for x in folded), repr(c)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(_texts(), st.text(st.sampled_from(_ODD + list("aB. ")), max_size=8)), max_size=12))
def test_norms_equal_the_plain_normal_form(texts: list[str]) -> None:
    got = structure.norms(texts)
    assert got == [_plain_norm(t) for t in texts]
    assert [structure._words(t) for t in got] == [len(t.split()) for t in texts]


def test_norms_cases() -> None:
    texts = [" a  B\t", "a b", "\x00A b", "", " ", "ẞ\xa0x", "a b"]
    assert structure.norms(texts) == [_plain_norm(t) for t in texts]  # a text holds the separator
    texts = ["A\u3000b ", "a b", " a\u2028b", "x", "ß  SS"]
    assert structure.norms(texts) == [_plain_norm(t) for t in texts]
    for texts in (["a", " b", "c"], ["a", "b ", "c"], [" a", "b"], ["a", "b "], ["a", "b  c", "d"]):
        assert structure.norms(texts) == [_plain_norm(t) for t in texts], texts
    assert structure.norms([]) == [] and structure.norms(["  X "]) == ["x"]


@settings(max_examples=200, deadline=None)
@given(alignment=_ANY_ALIGNMENT)
def test_unit_texts_join_the_segment_forms(alignment: Alignment) -> None:
    for k, doc in enumerate(alignment.documents):
        table = structure.unit_texts(alignment, k, structure.doc_norms(doc), absent=None)
        assert table == [_plain_norm(alignment.texts(u, k)) if u.segments[k] else None for u in alignment.units]


@settings(max_examples=400, deadline=None)
@given(alignment=_ANY_ALIGNMENT)
def test_duplicates_equal_the_plain_scan(alignment: Alignment) -> None:
    assert structure.check_duplicates(alignment) == _plain_duplicates(alignment)


@settings(max_examples=200, deadline=None)
@given(alignment=_ANY_ALIGNMENT)
def test_structure_equals_the_plain_scan(alignment: Alignment) -> None:
    """The fast path visits every unit the plain scan does and places each finding the same way.

    Which code a null unit gets (OMI001 or OMI002, ADD001 or ADD003) is the coverage model's decision,
    tested in ``test_coverage.py`` and the YAML cases; here only where and what kind.
    """
    def where(findings: list[Finding]) -> list[tuple]:
        return [(f.category, f.path, f.line, f.column, f.start, f.end, f.unit, f.evidence["text"]) for f in findings]

    assert where(structure.check_structure(alignment)) == where(_plain_structure(alignment))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), alignment=_ANY_ALIGNMENT)
def test_language_checks_equal_the_plain_scans(data: st.DataObject, alignment: Alignment) -> None:
    guesses = data.draw(_guesses(alignment))
    assert language.check_untranslated(alignment, guesses) == _plain_untranslated(alignment, guesses)
    for doc in alignment.documents:
        if doc.path in guesses:
            got = language.check_segment_languages(doc, guesses[doc.path])
            assert got == _plain_segment_languages(doc, guesses[doc.path])


def test_repeats_in_every_version_are_not_reported_but_one_sided_ones_are() -> None:
    """The common cases spelt out: a repeat all versions share (a repeat in the source), and one only
    one version has."""
    same = "The wage rose by four percent in May."
    other = "Prices fell in the spring of that year."

    def doc(path: str, texts: list[str]) -> Document:
        segs = tuple(Segment(i, SegmentKind.SENTENCE, t, i + 1, 1, 0, len(t)) for i, t in enumerate(texts))
        return Document(path, "\n".join(texts), segs, (), "en")

    a = doc("a.txt", [same, other, same])
    b = doc("b.txt", [same, other, "  " + same.upper()])
    c = doc("c.txt", [same, other, same])
    d = doc("d.txt", [same, other, other])
    alignment = Alignment((a, b, c, d), tuple(Unit(((i,), (i,), (i,), (i,))) for i in range(3)))
    found = structure.check_duplicates(alignment)
    assert [(f.path, f.line) for f in found] == [("d.txt", 3)]
    assert found == _plain_duplicates(alignment)


def test_repeats_outside_every_unit_are_reported() -> None:
    """A sentence and its repeat that no unit holds: no unit to compare, so a finding (as the plain scan)."""
    same = "The wage rose by four percent in May."
    segs = tuple(Segment(i, SegmentKind.SENTENCE, same, i + 1, 1, 0, len(same)) for i in range(3))
    a = Document("a.txt", same, segs, (), "en")
    b = Document("b.txt", same, segs, (), "de")
    alignment = Alignment((a, b), (Unit(((0,), (0,))), Unit(((), (1,)))))
    found = structure.check_duplicates(alignment)
    assert [(f.path, f.line, f.unit) for f in found] == [("a.txt", 2, None), ("a.txt", 3, None), ("b.txt", 2, 1),
                                                         ("b.txt", 3, None)]
    assert found == _plain_duplicates(alignment)
