"""The human-translation damage of ``scripts/damage.py``: each generator does what it says, and only that.

No checker runs here (``tests/checks/test_damage.py`` does that): these tests pin the damage itself, so a
benchmark figure means what its row says.
"""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from tests.conftest import ROOT


def _damage_module():  # noqa: ANN202 - a module object
    if "damage" not in sys.modules:
        spec = importlib.util.spec_from_file_location("damage", ROOT / "scripts" / "damage.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["damage"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["damage"]


damage = _damage_module()
GROUPS = damage.load_groups()
NEW = ("number_words", "changed_words", "split_sentence", "join_sentences", "drop_joined")
CASES = damage.make_cases(GROUPS, per_type=12, damages=NEW)
BY_TYPE = {d: [c for c in CASES if c.damage == d] for d in NEW}
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+")


def _clean(case):  # noqa: ANN001, ANN202 - a damage.Case -> its undamaged Version
    group = next(g for g in GROUPS if g.name == case.group)
    return next(v for v in group.versions if v.name == case.file)


def _damaged(case):  # noqa: ANN001, ANN202
    return next(v for v in case.versions if v.name == case.file)


def _line(version, line: int) -> str:  # noqa: ANN001
    return version.render().split("\n")[line - 1]


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def test_new_types_come_after_the_old_ones_so_old_cases_keep_their_ids() -> None:
    assert damage.DAMAGES[-len(NEW):] == NEW
    old = damage.DAMAGES[:-len(NEW)]
    before = damage.make_cases(GROUPS, per_type=3, damages=old)
    everything = damage.make_cases(GROUPS, per_type=3)
    assert [(c.to_dict(), [v.render() for v in c.versions]) for c in everything[:len(before)]] == \
        [(c.to_dict(), [v.render() for v in c.versions]) for c in before]


def test_controls_expect_nothing_and_damages_expect_a_code() -> None:
    assert set(damage.CONTROLS) == {"format_only", "number_words", "split_sentence", "join_sentences"}
    for d in damage.DAMAGES:
        assert bool(damage.EXPECTED[d]) == (d not in damage.CONTROLS)
        assert set(damage.EXPECTED[d]) <= set(damage.ACCEPTED[d])
    assert damage.EXPECTED["changed_words"] == ("NUM002",) and "NUM001" in damage.ACCEPTED["changed_words"]
    assert damage.EXPECTED["drop_joined"] == ("OMI001",)


@pytest.mark.parametrize("kind", NEW)
def test_every_type_has_cases_in_every_group(kind: str) -> None:
    assert {c.group for c in BY_TYPE[kind]} == {g.name for g in GROUPS}


@pytest.mark.parametrize("kind", NEW)
def test_only_the_damaged_lines_change_and_no_line_moves(kind: str) -> None:
    for case in BY_TYPE[kind]:
        group = next(g for g in GROUPS if g.name == case.group)
        for clean, new in zip(group.versions, case.versions):
            a, b = clean.render().split("\n"), new.render().split("\n")
            assert len(a) == len(b), case.id
            changed = {i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y}
            assert changed == ({case.line} if new.name == case.file else set()), (case.id, new.name, changed)


def test_spell_uses_the_plain_cldr_cardinal() -> None:
    assert damage.spell(5, "lt") == "penki"  # masculine, not the feminine "penkios"
    assert damage.spell(75, "da") == "femoghalvfjerds"
    assert damage.spell(6, "en") == "six"
    assert damage.spell(75, "tl") == "pitumpu’t lima"  # modern tens, no stress accents
    assert damage.spell(32300, "tl") == "tatlumpu’t dalawang libo’t tatlong daan"
    assert damage.spell(5, "te") is None  # CLDR has no Telugu spell-out


def test_spellable_skips_years_ordinals_decimals_and_telugu() -> None:
    assert damage.spellable("In 2024 we had 12 rooms.", (3, 7), "en") is None
    text = "am 14. März kamen 86 Leute."
    assert damage.spellable(text, (3, 5), "de") is None
    assert damage.spellable(text, (18, 20), "de") == 86
    assert damage.spellable("kostede 12,4 mio.", (8, 12), "da") is None
    assert damage.spellable("2.048 borgere", (0, 5), "da") == 2048
    assert damage.spellable("75 శాతం", (0, 2), "te") is None
    assert damage.spellable("1.250.000 Fahrgäste", (0, 9), "de") is None  # above SPELL_MAX


def test_number_words_removes_the_digits_and_writes_the_same_value_in_words() -> None:
    for case in BY_TYPE["number_words"]:
        assert case.language != "te"
        value = int(damage.digits_key(case.before))
        assert case.after.lower() == damage.spell(value, case.language).lower()
        assert not re.search(r"\d", case.after)
        old, new = _line(_clean(case), case.line), _line(_damaged(case), case.line)
        assert len(damage.find_numbers(new)) == len(damage.find_numbers(old)) - 1, case.id
        assert case.after in new and case.variant == ("small" if value <= damage.SMALL_MAX else "large")


def test_changed_words_writes_another_value_that_the_unit_does_not_hold() -> None:
    for case in BY_TYPE["changed_words"]:
        value = int(damage.digits_key(case.before))
        assert not re.search(r"\d", case.after)
        assert case.after.lower() != damage.spell(value, case.language).lower()
        group = next(g for g in GROUPS if g.name == case.group)
        held = {int(damage.digits_key(s)) for v in group.versions for s in damage._unit_numbers(v, case.unit)}
        spelled_held = {damage.spell(n, case.language) for n in held if 1 <= n <= damage.SPELL_MAX}
        assert case.after.lower() not in {s.lower() for s in spelled_held if s}, case.id
        assert case.after in _line(_damaged(case), case.line)


def test_split_sentence_keeps_every_word_and_adds_one_sentence() -> None:
    for case in BY_TYPE["split_sentence"]:
        old, new = _line(_clean(case), case.line), _line(_damaged(case), case.line)
        assert _words(old) == _words(new), case.id
        assert new.count(". ") == old.count(". ") + 1 and new.count(",") == old.count(",") - 1
        first, second = case.after.split(". ", 1) if ". " in case.after else (case.after, "")
        assert first and second[:1] == second[:1].upper()


def test_join_sentences_keeps_every_word_and_removes_one_sentence_end() -> None:
    for case in BY_TYPE["join_sentences"]:
        old, new = _line(_clean(case), case.line), _line(_damaged(case), case.line)
        assert _words(old) == _words(new), case.id
        mark = "," if case.variant == "comma" else ";"
        assert new.count(mark) == old.count(mark) + 1 and new.count(". ") == old.count(". ") - 1


def test_join_lowers_the_first_word_except_names_and_german_nouns() -> None:
    group = next(g for g in GROUPS if g.name == "harbour")
    de = next(v for v in group.versions if v.language == "de")
    en = next(v for v in group.versions if v.language == "en")
    keep_de, keep_en = damage.keeps_capital(de), damage.keeps_capital(en)
    assert damage.join("Ende.", "Die Stadt zahlt.", ",", keep_de) == ("Ende,", "die Stadt zahlt.")
    assert damage.join("Ende.", "Busse fahren.", ";", keep_de) == ("Ende;", "Busse fahren.")
    assert damage.join("End.", "The Old Harbour Bridge is open.", ",", keep_en)[1].startswith("the ")
    assert damage.join("End.", "Harbour news.", ",", keep_en)[1].startswith("Harbour")  # a name inside


def test_drop_joined_drops_one_unit_and_keeps_the_neighbours_words() -> None:
    for case in BY_TYPE["drop_joined"]:
        clean, new = _clean(case), _damaged(case)
        assert case.unit in clean.unit_texts() and case.unit not in new.unit_texts(), case.id
        dropped = " ".join(t for _, t in clean.unit_texts()[case.unit])
        old_words, new_words = _words(_line(clean, case.line)), _words(_line(new, case.line))
        assert len(new_words) == len(old_words) - len(_words(dropped))
        ends = [sum(p.text.endswith(".") for p in v.lines[case.line - 1]) for v in (clean, new)]
        if case.variant == "join":  # the dropped sentence's end and the first neighbour's are gone
            assert ends[1] == ends[0] - 2, case.id
        else:  # one neighbour split: as many sentences as before
            assert ends[1] == ends[0], case.id
