"""``audit --layout corpus``: an index and a report per group, sharded findings and units, TMX per pair;
resumable; a failing group reported in the index (exit 2) while the rest completes; the same bytes on a cluster.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyarrow")

import pyarrow.parquet as pq  # noqa: E402

import aligner.corpus as corpus_module  # noqa: E402
import aligner.pipeline as pipeline  # noqa: E402
from aligner.cli import app  # noqa: E402
from aligner.corpus import run_corpus_audit  # noqa: E402
from aligner.errors import InputError  # noqa: E402
from aligner.pipeline import audit_paths  # noqa: E402
from tests.cluster_corpus import make_corpus  # noqa: E402

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "c", 6)


def _outputs(directory: Path) -> dict[str, bytes]:
    """Every file of the layout but the cache of group results."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and ".aligner-cache" not in p.parts}


def test_the_corpus_layout_holds_the_run_of_one_page(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_corpus_audit([str(corpus)], str(out))
    one = audit_paths([str(corpus)], jobs=1)
    assert result.findings == one.findings  # the same findings, in the same order
    assert sorted((s.path, s.score) for g in result.groups for s in g.scores) == sorted(
        (s.path, s.score) for s in one.scores)
    index = json.loads((out / "index.json").read_text())
    assert [r["group"] for r in index["groups"]] == [1, 2, 3, 4, 5, 6, 7, 0]  # groups in order, then the ungrouped
    for row in index["groups"]:
        assert (out / row["page"]).is_file() and row["error"] is None
        assert row["page"] in (out / "index.html").read_text()
    sarif = json.loads((out / "findings.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == len(one.findings)
    lines = (out / "findings" / "0000.jsonl").read_text().splitlines()
    assert len(lines) == len(one.findings) and all("group" in json.loads(line) for line in lines)
    table = pq.read_table(out / "units" / "0000.parquet")
    assert table.num_rows == sum(len(g.units) for g in one.groups)
    assert {"group", "unit", "score", "lt", "lt.line", "lt.file", "lt.segments", "en", "sv"} <= set(table.column_names)
    first = table.slice(0, 1).to_pylist()[0]
    assert first["group"] == 1 and first["unit"] == 1 and first["en"] is None and first["en.file"] is None
    assert any(first[f"{c}.line"] for c in ("lt", "da", "tl", "te"))
    from translate.storage import tmx

    pair = tmx.tmxfile.parsefile(str(out / "tmx" / "de-en.tmx"))
    assert len(pair.units) >= 3 * 10  # three de/en groups


@pytest.mark.parametrize("block_above", [corpus_module.BLOCK_ABOVE, 8])
def test_a_second_run_computes_no_group_and_writes_the_same_bytes(corpus: Path, tmp_path: Path, block_above: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "BLOCK_ABOVE", block_above)  # (8: blocked, groups sent as blocks come back)
    out = tmp_path / "out"
    run_corpus_audit([str(corpus)], str(out))
    before = _outputs(out)

    def never(task: object) -> None:
        raise AssertionError("a group was computed again")

    monkeypatch.setattr(corpus_module, "run_group", never)
    again = run_corpus_audit([str(corpus)], str(out))
    assert all(g.cached for g in again.groups) and not again.failed
    assert _outputs(out) == before


def test_a_changed_document_reruns_its_group_only(corpus: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    copy = tmp_path / "c"
    shutil.copytree(corpus, copy)
    out = tmp_path / "out"
    run_corpus_audit([str(copy)], str(out))
    path = copy / "set0003_it.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("a", "à", 1), encoding="utf-8")
    ran: list[str] = []
    real = corpus_module.run_group
    monkeypatch.setattr(corpus_module, "run_group", lambda task: ran.append(task.label) or real(task))
    again = run_corpus_audit([str(copy)], str(out))
    assert len(ran) == 1 and "set0003" in ran[0]
    assert sum(not g.cached for g in again.groups) == 1


def test_a_failing_group_is_listed_and_the_rest_completes_with_exit_2(corpus: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.align_group

    def align_group(docs, **kwargs):  # noqa: ANN001, ANN202 - a stand-in that fails on one group's input
        if any("set0002" in d.path for d in docs):
            raise InputError(docs[0].path, "cannot be aligned (a bad input for this test)")
        return real(docs, **kwargs)

    monkeypatch.setattr(pipeline, "align_group", align_group)
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(corpus), "-o", str(out), "-q", "--layout", "corpus"])
    assert result.exit_code == 2, result.output
    assert "1 group(s) failed" in result.stderr and "set0002" in result.stderr
    index = json.loads((out / "index.json").read_text())
    failed = [r for r in index["groups"] if r["error"]]
    assert len(failed) == 1 and "cannot be aligned" in failed[0]["error"] and not failed[0]["page"]
    assert "failed: " in (out / "index.html").read_text()
    assert sum(1 for r in index["groups"] if r["page"]) == 7  # every other group has its report


def test_auto_keeps_one_page_for_a_few_groups(corpus: Path, tmp_path: Path) -> None:
    one = runner.invoke(app, ["audit", str(corpus), "-o", str(tmp_path / "single"), "-q", "--layout", "single"])
    auto = runner.invoke(app, ["audit", str(corpus), "-o", str(tmp_path / "auto"), "-q"])
    assert one.exit_code == auto.exit_code == 1
    assert _outputs(tmp_path / "single") == _outputs(tmp_path / "auto")


def test_the_corpus_layout_on_a_cluster_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from aligner.cluster import connect

    run_corpus_audit([str(corpus)], str(tmp_path / "one"))
    with connect("local:2", timeout=120) as executor:
        run_corpus_audit([str(corpus)], str(tmp_path / "cluster"), executor=executor)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "cluster")


def test_a_blocked_corpus_numbers_and_titles_its_groups_as_the_run_of_all_pairs(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Blocked, each block's groups run as soon as it is grouped, before the corpus is numbered; the pages are
    # titled and named once it is. The blocks group these documents as all pairs do (checked), so every
    # output is the all-pairs run's but for the ungrouped document's reason (its block held it alone): in
    # its page and in its finding (DOC001, in the JSON lines and the SARIF).
    from aligner.align import group_documents
    from aligner.align.blocking import group_corpus
    from aligner.io.formats import read_paths

    docs = read_paths([str(corpus)], {"candidates": None})
    by_blocks, all_pairs = group_corpus(docs), group_documents(docs)
    assert by_blocks.groups == all_pairs.groups and len(docs) > 8
    reasons = [(u.index, u.reason) for u in by_blocks.unmatched], [(u.index, u.reason) for u in all_pairs.unmatched]
    assert len(reasons[0]) == 1 and reasons[0] != reasons[1]
    run_corpus_audit([str(corpus)], str(tmp_path / "all-pairs"))
    monkeypatch.setattr(corpus_module, "BLOCK_ABOVE", 8)
    seen: list[tuple[str, int, int]] = []
    blocked = run_corpus_audit([str(corpus)], str(tmp_path / "blocked"), progress=lambda *a: seen.append(a))
    one, other = _outputs(tmp_path / "all-pairs"), _outputs(tmp_path / "blocked")
    assert one.keys() == other.keys() and "groups/000007.html" in one
    assert {name for name in one if one[name] != other[name]} == {
        "groups/ungrouped.html", "findings/0000.jsonl", "findings.sarif"}
    assert reasons[0][0][1].encode() in other["findings/0000.jsonl"]
    assert b"<title>aligner audit: group 7</title>" in other["groups/000007.html"]
    assert [g.number for g in blocked.groups] == [1, 2, 3, 4, 5, 6, 7, 0]
    assert [g.result.index for g in blocked.groups] == [0, 1, 2, 3, 4, 5, 6, -1]
    stages = [s for s, _, _ in seen]  # every block grouped before the first group task ends, in this process
    assert stages.index("groups") > max(i for i, s in enumerate(stages) if s == "group")


def test_a_blocked_corpus_on_a_cluster_with_a_worker_killed_writes_the_same_bytes(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import os
    import signal

    from aligner.cluster import connect

    monkeypatch.setattr(corpus_module, "BLOCK_ABOVE", 8)
    monkeypatch.setattr(pipeline, "GROUPS_PER_TASK", 1)  # (a task per group: several still to run at the kill)
    monkeypatch.setattr(corpus_module, "GROUPS_PER_TASK", 1)
    run_corpus_audit([str(corpus)], str(tmp_path / "one"))
    killed: list[int] = []
    with connect("local:2", timeout=120) as executor:
        def kill_one(stage: str, done: int, total: int) -> None:
            if stage == "groups" and done == 1 and not killed:
                pid = sorted(executor.client.run(os.getpid).values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        result = run_corpus_audit([str(corpus)], str(tmp_path / "cluster"), executor=executor, progress=kill_one)
    assert killed and not result.failed
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "cluster")


def test_keys_made_where_the_documents_were_read_block_as_keys_made_here(tmp_path: Path) -> None:
    import pickle

    from aligner.corpus import _read_corpus_keyed, block_documents, block_keys, group_corpus
    from aligner.executor import InProcess
    from aligner.io.formats import read_paths
    from aligner.options import RunOptions

    where = make_corpus(tmp_path / "c30", 30, seeds=False)
    docs = read_paths([str(where)], {"candidates": None})
    read, keys = _read_corpus_keyed([str(where)], RunOptions(), InProcess())
    assert [d.id for d in read] == [d.id for d in docs] and keys == [block_keys(d) for d in docs]
    keys = pickle.loads(pickle.dumps(keys))  # (as they come back from a worker)
    assert block_documents(docs, keys) == block_documents(docs)
    assert group_corpus(docs, keys=keys).groups == group_corpus(docs).groups


def test_the_sarif_tmx_and_parquet_rendered_where_the_groups_ran_are_the_bytes_rendered_whole(corpus: Path,
                                                                                     tmp_path: Path) -> None:
    import dataclasses

    from aligner.corpus import write_corpus

    result = run_corpus_audit([str(corpus)], str(tmp_path / "ahead"))
    groups = [g for g in result.groups if g.result is not None]
    assert all(g.sarif is not None and g.tmx is not None for g in groups)
    assert sum(len(g.sarif.texts) for g in groups) == len(result.findings) and any(g.tmx for g in groups)
    assert all((g.units is not None) == (g.result.alignment is not None) for g in groups)
    whole = [dataclasses.replace(g, sarif=None, tmx=None, units=None) for g in result.groups]
    write_corpus(whole, str(tmp_path / "whole"), signatures=result.signatures)
    ahead = _outputs(tmp_path / "ahead")
    assert {k: v for k, v in _outputs(tmp_path / "whole").items() if not k.startswith("groups/")} == {
        k: v for k, v in ahead.items() if not k.startswith("groups/")}


def test_tmx_pieces_keep_text_that_looks_like_their_markup() -> None:
    # A unit's text with line breaks, "<body>", a TMX head and the piece's own group place: the pieces, put
    # together, are the file rendered whole.
    import dataclasses

    from aligner.export.shards import tmx_pair, tmx_pair_from_pieces, tmx_pieces
    from aligner.model import Alignment, Unit
    from aligner.pipeline import align_paths

    aligned = align_paths([str(Path(__file__).resolve().parents[1] / "corpora" / "seeds")])
    alignment = aligned.groups[0]
    odd = '\n<body>\n  <tu tuid="0.1">\n<prop type="x-aligner-group">0</prop> & "0." \r\n'
    doc = alignment.documents[1]
    doc = dataclasses.replace(doc, segments=tuple(dataclasses.replace(s, text=s.text + odd) for s in doc.segments))
    tricky = dataclasses.replace(alignment, documents=(alignment.documents[0], doc, *alignment.documents[2:]))
    other = Alignment(alignment.documents, alignment.units[:3], "another signature")
    for alignments in ([tricky, other], [other, tricky, tricky], [tricky, Alignment(tricky.documents, (), "")]):
        for pair in tmx_pieces(alignments[0]):
            pieces = [dict(tmx_pieces(a))[pair] for a in alignments]
            assert tmx_pair_from_pieces(pieces, pair) == tmx_pair(alignments, pair)
    assert Unit  # (the units are the seeds' own)


def test_sarif_results_rendered_by_part_make_the_log_rendered_whole(corpus: Path) -> None:
    import dataclasses
    import os

    from aligner.checks.policy import sort_findings
    from aligner.report.findings import format_sarif, render_sarif_results

    findings = audit_paths([str(corpus)], jobs=1).findings
    by_path: dict[str, list] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    whole = format_sarif(findings, root=os.getcwd(), signature="s")
    parts = [(sort_findings(fs), render_sarif_results(fs, root=os.getcwd())) for fs in by_path.values()]
    assert len(parts) > 3 and all(r is not None for _, r in parts)
    assert format_sarif(findings, root=os.getcwd(), signature="s", rendered=parts) == whole
    # a code no check registers moves every rule's index: rendered whole then, the same bytes
    odd = [dataclasses.replace(findings[0], code="ZZZ999"), *findings[1:]]
    odd_parts = [(sort_findings(fs), render_sarif_results(fs, root=os.getcwd())) for fs in ([odd[0]], odd[1:])]
    assert odd_parts[0][1] is None
    assert format_sarif(odd, root=os.getcwd(), rendered=odd_parts) == format_sarif(odd, root=os.getcwd())
    # one file's findings in two parts: their occurrence counters run over both, so rendered whole
    first = by_path[findings[0].path]
    halves = [(sort_findings(h), render_sarif_results(h, root=os.getcwd())) for h in (first[:1], first[1:])]
    rest = [p for p in parts if p[0][0].path != findings[0].path]
    assert format_sarif(findings, root=os.getcwd(), signature="s", rendered=halves + rest) == whole
