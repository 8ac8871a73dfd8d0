"""Structure checks stay linear: repeated text and long one-sided runs are located without rescans.

The shortcuts (a per-document count of texts, a per-version table of the next segment) must
answer exactly what scanning the document and the units would.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.checks import structure
from aligner.documents import document_from_text
from aligner.model import Alignment, Unit

_SENTENCES = ["The wage rose by four percent.", "The median wage was high in May.", "Short one.",
              "Prices fell in the spring of that year."]


def _naive_repeats(doc, ids) -> bool:  # noqa: ANN001 - the scan the shortcut replaces
    texts = {structure._norm(doc.segments[i].text) for i in ids}
    if not all(len(t.split()) >= structure._MIN_DUP_WORDS for t in texts):
        return False
    return texts <= {structure._norm(s.text) for s in doc.segments if s.id not in ids}


def _naive_anchor(doc, alignment, version, unit_index):  # noqa: ANN001
    for u in alignment.units[unit_index + 1:]:
        if u.segments[version]:
            s = doc.segments[u.segments[version][0]]
            return s.line, s.column, s.start, s.start
    s = doc.segments[-1]
    return s.line, s.column + len(s.text), s.end, s.end


@settings(max_examples=150, deadline=None)
@given(picks=st.lists(st.integers(0, len(_SENTENCES) - 1), min_size=2, max_size=12), data=st.data())
def test_shortcuts_equal_the_scans(picks: list[int], data: st.DataObject) -> None:
    text = "\n\n".join(_SENTENCES[p] for p in picks) + "\n"
    doc = document_from_text(text, "a.txt", language="en", presegmented=True)
    other = document_from_text(text, "b.txt", language="en", presegmented=True)
    n = len(doc.segments)
    # units: version 0 runs in chunks, version 1 present only in some of them
    cuts = sorted(set(data.draw(st.lists(st.integers(1, n - 1), max_size=n - 1))))
    bounds = [0, *cuts, n]
    chunks = [tuple(range(a, b)) for a, b in zip(bounds, bounds[1:])]
    keep = data.draw(st.lists(st.booleans(), min_size=len(chunks), max_size=len(chunks)))
    units = [Unit((c, c if k else ())) for c, k in zip(chunks, keep)]
    if not any(keep):
        units.append(Unit(((), tuple(range(n)))))
    else:
        missing = [i for c, k in zip(chunks, keep) if not k for i in c]
        units = [Unit((u.segments[0], u.segments[1])) for u in units]
        if missing:  # put version 1's segments of dropped chunks where version 0 lacks them
            units.append(Unit(((), tuple(missing))))
    # validity is not the point here; the helpers only read the units
    alignment = Alignment((doc, other), tuple(units))
    counts = structure._counts(doc)
    for c in chunks:
        assert structure._repeats_elsewhere(doc, c, counts) == _naive_repeats(doc, c)
    table = structure._following(alignment, 1)
    for u in range(len(units)):
        assert structure._anchor(other, alignment, 1, u, table) == _naive_anchor(other, alignment, 1, u)
