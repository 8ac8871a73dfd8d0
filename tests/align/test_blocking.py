"""Blocking a corpus (:mod:`aligner.align.blocking`): blocks hold what all-pairs grouping puts together, in small
blocks; names in Latin letters block texts without numbers across scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cluster_corpus import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "c", 6)


def test_blocked_grouping_finds_the_groups_all_pairs_find(corpus: Path, tmp_path: Path) -> None:
    from aligner.align import group_documents
    from aligner.align.blocking import block_documents, group_corpus
    from aligner.io.formats import read_paths

    docs = read_paths([str(corpus)], {"candidates": None})
    naive = group_documents(docs)
    blocked = group_corpus(docs)
    assert sorted(g.members for g in blocked.groups) == sorted(g.members for g in naive.groups)
    assert [u.index for u in blocked.unmatched] == sorted(u.index for u in naive.unmatched)
    # 30 sets are compared in small blocks, though the ten sets of one base text share every name in one language
    # (the names of two documents in one language do not link them). (All pairs are not run on them: the
    # generator has three base texts, and past a few sets two sets of one base text with few figures are one
    # text to the alignment evidence.)
    many = read_paths([str(make_corpus(tmp_path / "c30", 30, seeds=False))], {"candidates": None})
    assert max(len(b) for b in block_documents(many)) < len(many) / 4


# (three short news items in three languages and scripts, without a digit: only names can block them)
_NEWS = {
    "a": {"en": "Yesterday the chancellor Olaf Scholz met Emmanuel Macron in Berlin. Later Scholz flew to Warsaw "
                "with Annalena Baerbock.",
          "ru": "Вчера канцлер Олаф Шольц встретился с Эммануэлем Макроном в Берлине. Потом Шольц улетел в Варшаву "
                "с Анналеной Бербок.",
          "de": "Gestern traf Kanzler Olaf Scholz in Berlin Emmanuel Macron. Danach flog Scholz mit Annalena "
                "Baerbock nach Warschau."},
    "b": {"en": "On Monday the minister Fumio Kishida visited Osaka and Kyoto. In Kyoto Kishida opened a museum "
                "with Yoko Kamikawa.",
          "ru": "В понедельник министр Фумио Кисида посетил Осаку и Киото. В Киото Кисида открыл музей с Йоко "
                "Камикавой.",
          "de": "Am Montag besuchte Minister Fumio Kishida Osaka und Kyoto. In Kyoto eröffnete Kishida mit Yoko "
                "Kamikawa ein Museum."},
    "c": {"en": "The striker Lionel Messi signed for Miami. Messi will play beside Sergio Busquets and Jordi Alba "
                "in Florida.",
          "ru": "Нападающий Лионель Месси подписал контракт с Майами. Месси будет играть рядом с Серхио Бускетсом "
                "и Жорди Альбой во Флориде.",
          "de": "Der Stürmer Lionel Messi unterschrieb in Miami. Messi spielt in Florida neben Sergio Busquets und "
                "Jordi Alba."},
}


def _news(tmp_path: Path) -> list:
    from aligner.io.formats import read_paths

    for text, versions in _NEWS.items():
        for lang, body in versions.items():
            (tmp_path / f"{text}_{lang}.txt").write_text(body + "\n", encoding="utf-8")
    return read_paths([str(tmp_path)], {"candidates": None})


def test_names_in_latin_letters_block_texts_without_numbers_across_scripts(tmp_path: Path) -> None:
    from aligner.align.blocking import block_documents, block_keys

    docs = _news(tmp_path)
    keys = {Path(d.path).stem: block_keys(d) for d in docs}
    assert not any(k.startswith("#") for ks in keys.values() for k in ks)  # no number to go by
    assert {"@brln", "@mkrn"} <= keys["a_en"] & keys["a_ru"] & keys["a_de"]  # Berlin = Берлин, Macron = Макроном
    blocks = [sorted(Path(docs[i].path).stem for i in b) for b in block_documents(docs)]
    assert sorted(blocks) == [[f"{t}_{lang}" for lang in ("de", "en", "ru")] for t in "abc"]


def _split(grouping, docs, group: int, apart: tuple[int, ...]):
    """``grouping`` with the members ``apart`` (positions in group ``group``) taken out: as a group of their own
    when two or more, else left in no group (what a block that held them without their text would do)."""
    import dataclasses

    from aligner.align.grouping import Group, Unmatched

    members = grouping.groups[group].members
    out = tuple(members[k] for k in apart)
    rest = tuple(i for i in members if i not in out)
    groups = [g for k, g in enumerate(grouping.groups) if k != group] + [Group(rest, ("kept",) * len(rest))]
    unmatched = list(grouping.unmatched)
    if len(out) > 1:
        groups.append(Group(out, ("kept",) * len(out)))
    else:
        unmatched.append(Unmatched(out[0], "refused in its block", docs[out[0]].path, docs[out[0]].language))
    return dataclasses.replace(grouping, groups=tuple(sorted(groups, key=lambda g: g.members)),
                               unmatched=tuple(sorted(unmatched, key=lambda u: u.index)))


def test_a_version_its_block_refused_joins_its_text_in_a_second_chance(corpus: Path) -> None:
    """A version that blocking put among other texts (refused there) or a piece of a text grouped apart (two
    versions that met in a stray block) joins the rest of its text; other texts' groups stay as they were."""
    from aligner.align import group_documents
    from aligner.align.blocking import second_chance
    from aligner.io.formats import read_paths

    docs = read_paths([str(corpus)], {"candidates": None})
    whole = group_documents(docs)
    assert len(whole.groups) >= 3
    for apart in ((0,), (1, 2)):
        split = _split(whole, docs, 1, apart)
        assert sorted(g.members for g in split.groups) != sorted(g.members for g in whole.groups)
        healed = second_chance(docs, split)
        assert sorted(g.members for g in healed.groups) == sorted(g.members for g in whole.groups)
        assert [u.index for u in healed.unmatched] == [u.index for u in whole.unmatched]
        joined = next(g for g in healed.groups if g.members == whole.groups[1].members)
        assert all(r != "kept" for r in joined.reasons)  # (the joined group's reasons are its own grouping's)


def test_the_second_chance_tries_nothing_where_no_text_holds_the_pieces_languages(corpus: Path) -> None:
    """Only pieces whose languages together are those of a group of the corpus are grouped again: complete
    groups, and a lone document whose language its closest texts already hold (the seeds' unrelated Lithuanian
    article), cost no alignment and stay as the blocks decided."""
    from aligner.align import blocking, group_documents
    from aligner.io.formats import read_paths

    docs = read_paths([str(corpus)], {"candidates": None})
    whole = group_documents(docs)
    assert whole.unmatched  # (the seeds' 003)
    calls = []
    original = blocking.group_documents
    try:
        blocking.group_documents = lambda ds, **kw: calls.append(ds) or original(ds, **kw)
        assert blocking.second_chance(docs, whole) is whole
    finally:
        blocking.group_documents = original
    assert calls == []
