"""The package's layers: a module imports only from its own part of the package or from a lower layer.

Every module's imports are read with :mod:`ast` (imports inside functions too: a lazy import is
still a dependency), resolved to absolute names, and mapped to a *unit* (a subpackage such as
``facts``, or a top-level module such as ``cli``). A unit may import itself and units of lower
layers, never a unit of its own layer or of a higher one. A new subpackage or top-level module
must be given a layer here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pytest

PACKAGE = "aligner"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE

#: Lowest first. ``base`` is what everything may use: the data model, errors, signatures, the version.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"base"}),
    frozenset({"text"}),  # scripts and case, folding, transliteration, acronyms, tokens
    frozenset({"langid", "segment", "io", "l10n"}),  # language identification, segmentation, reading/writing files,
    # parsing localization files
    frozenset({"facts"}),  # numbers, glossaries, names found in a text
    frozenset({"align"}),  # grouping and sentence alignment
    frozenset({"checks", "formats"}),  # the QA checks; the file-format readers (io.formats: they segment and detect)
    frozenset({"documents", "options"}),  # reading documents through the readers; the settings of a run
    frozenset({"score", "detect"}),  # quality scores; language detection of documents
    frozenset({"export", "report"}),  # what is written from the above
    frozenset({"pipeline"}),
    frozenset({"corpus"}),  # a corpus audit: blocks, group tasks on an executor, the corpus layout
    frozenset({"cli"}),
)
#: Top-level modules of the base layer (the package's ``__init__`` is ``aligner`` itself); ``executor`` runs
#: tasks in processes and ``cluster`` on a Dask cluster; both know nothing of what they compute.
BASE = frozenset({PACKAGE, "_version", "errors", "model", "signature", "heap", "executor", "cluster"})


def unit_of(module: str) -> str:
    """``aligner.facts.names`` -> ``facts``; ``aligner.model`` -> ``base``; ``aligner.cli`` -> ``cli``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "base"
    if parts[1:3] == ["io", "formats"]:
        return "formats"  # the readers build documents (segmenting, detecting): above the rest of io
    return "base" if parts[1] in BASE else parts[1]


def module_name(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> list[str]:
    """The absolute names of the package's modules that ``source`` (module ``module``) imports."""
    here = module.split(".") if is_package else module.split(".")[:-1]
    out: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == PACKAGE or (node.module is None and node.level):
                # ``from .. import x`` / ``from . import x``: x may be a module
                out.extend(f"{target}.{a.name}" for a in node.names)
            else:
                out.append(target)
    return [name for name in out if name == PACKAGE or name.startswith(PACKAGE + ".")]


def package_imports(root: Path = ROOT) -> dict[str, list[str]]:
    """Every module of the package and the package modules it imports."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        found[module] = imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    return found


def layer_violations(
    imports: Mapping[str, Iterable[str]], layers: Sequence[frozenset[str]] = LAYERS
) -> list[str]:
    """Each import that goes up (or sideways to another unit of the same layer), and each unit without a layer."""
    level = {unit: i for i, units in enumerate(layers) for unit in units}
    problems: list[str] = []
    for module, targets in sorted(imports.items()):
        unit = unit_of(module)
        if unit not in level:
            problems.append(f"{module}: unit {unit!r} has no layer")
            continue
        for target in targets:
            other = unit_of(target)
            if other == unit:
                continue
            if other not in level:
                problems.append(f"{module} imports {target}: unit {other!r} has no layer")
            elif level[other] >= level[unit]:
                problems.append(
                    f"{module} ({unit}, layer {level[unit]}) imports {target} ({other}, layer {level[other]})"
                )
    return problems


def test_no_module_imports_upward() -> None:
    imports = package_imports()
    assert "aligner.text.tokens" in imports and "aligner.cli" in imports  # the walk found the package
    assert layer_violations(imports) == []


def test_text_layer_imports_only_base() -> None:
    for module, targets in package_imports().items():
        if unit_of(module) == "text":
            assert {unit_of(t) for t in targets} <= {"text", "base"}, module


@pytest.mark.parametrize(
    ("imports", "expected"),
    [
        ({"aligner.text.fold": ["aligner.align.grouping"]},
         ["aligner.text.fold (text, layer 1) imports aligner.align.grouping (align, layer 4)"]),
        ({"aligner.facts.names": ["aligner.align.grouping"]},
         ["aligner.facts.names (facts, layer 3) imports aligner.align.grouping (align, layer 4)"]),
        ({"aligner.langid.script": ["aligner.io.reader"]},  # sideways: same layer, another unit
         ["aligner.langid.script (langid, layer 2) imports aligner.io.reader (io, layer 2)"]),
        ({"aligner.novel.x": ["aligner.model"]}, ["aligner.novel.x: unit 'novel' has no layer"]),
        ({"aligner.align.grouping": ["aligner.facts.numbers", "aligner.text.translit", "aligner.model"]}, []),
        ({"aligner.cli": ["aligner.pipeline", "aligner.checks.policy", "aligner"]}, []),
    ],
)
def test_checker_catches_upward_imports(imports: dict[str, list[str]], expected: list[str]) -> None:
    assert layer_violations(imports) == expected


def test_checker_reads_relative_and_lazy_imports() -> None:
    source = (
        "from __future__ import annotations\n"
        "import regex\n"
        "from ..model import Document\n"
        "from . import fold\n"
        "from .. import errors\n"
        "def f():\n"
        "    from ..align.grouping import skeleton\n"
        "    import aligner.cli\n"
    )
    found = imports_of(source, "aligner.text.names", is_package=False)
    assert found == ["aligner.model", "aligner.text.fold", "aligner.errors", "aligner.align.grouping", "aligner.cli"]
    assert layer_violations({"aligner.text.names": found}) == [
        "aligner.text.names (text, layer 1) imports aligner.align.grouping (align, layer 4)",
        "aligner.text.names (text, layer 1) imports aligner.cli (cli, layer 11)",
    ]
    package_init = imports_of("from .registry import REGISTRY\nfrom . import builtin\n", "aligner.checks", True)
    assert package_init == ["aligner.checks.registry", "aligner.checks.builtin"]
