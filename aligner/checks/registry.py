"""The registry of checks: one class per code, registered explicitly, listed in code order.

Modelled on sqlfluff's rules: each check is a class with a stable ``code`` (``NUM001``), a
``name``, a ``category`` (one of :data:`aligner.model.CATEGORIES`), a ``default_severity``, a
``family`` (``numbers``, ``structure``, ``language``, ``terms``: one JUnit test case per document
and family) and a docstring whose first line is its title and which shows a ``Bad:`` and a
``Good:`` example. A check *measures*: ``run(ctx)`` yields findings with the measured values in
their evidence; what fails a build is decided later by :mod:`aligner.checks.policy`.

Severity has one source: the registered class's ``default_severity``, replaced per run by the
configuration (:func:`aligner.checks.policy.select_checks` gives each instance its severity in
force). A finding is built through its class, so code, category and severity are written once:
``self.finding(...)`` in a check's ``run``; :meth:`Check.make_finding` (the default severity) in an
analysis that several codes share (:class:`SharedAnalysisCheck`: memoised once per run), whose
check instances then re-grade their own findings with :meth:`Check.own_findings`.

Registration happens in one place (``aligner/checks/__init__.py`` imports the family modules,
each of which holds its analysis and decorates its check classes with :func:`register`); a
duplicate code or name, an unknown category, a missing example or a malformed code is refused at
import time with :class:`RegistrationError`, a programming error rather than a user error. Every
registered code has its bad and good cases in ``tests/checks/cases/<CODE>.yml``.

:func:`run_all` plans the tasks of a run (one per shared analysis, or part of one); running them,
here or in worker processes, is :mod:`aligner.executor`'s business.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, NamedTuple, TypeVar

from ..executor import InProcess, can_fork, executor_for
from ..heap import long_lived
from ..model import CATEGORIES, Finding, Severity
from .context import CheckContext

__all__ = [
    "Check",
    "CheckRow",
    "Registry",
    "RegistrationError",
    "REGISTRY",
    "SharedAnalysisCheck",
    "all_checks",
    "default_severity",
    "describe_checks",
    "get_check",
    "regrade",
    "register",
    "run_all",
]

_CODE = re.compile(r"^[A-Z]{3}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$")
_FAMILY = re.compile(r"^[a-z][a-z0-9_]*$")
_BAD = re.compile(r"^\s*Bad:", re.MULTILINE)
_GOOD = re.compile(r"^\s*Good:", re.MULTILINE)


class RegistrationError(ValueError):
    """A check class cannot be registered (duplicate code, unknown category, no examples...).

    This is a bug in aligner (or a plug-in), not a user error, so it is not an
    :class:`~aligner.errors.AlignerError` and the CLI does not turn it into exit code 2.
    """


class Check:
    """Base class of every check; subclasses set the class attributes and implement :meth:`run`.

    The instance carries the severity in force (the default, or the one configuration set),
    so :meth:`finding` stamps every finding with the check's code, category and that severity.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    default_severity: ClassVar[Severity]
    family: ClassVar[str]
    #: The shared analysis this check reads its findings from (the memo key on the context), if any:
    #: checks naming one analysis run in one job when :func:`run_all` runs jobs in parallel.
    analysis: ClassVar[str | None] = None
    #: Relative cost of the check (or of its analysis), a hint for scheduling parallel jobs: heaviest first.
    weight: ClassVar[int] = 1
    #: Whether the check (with its analysis) reads only the units of ``ctx.part``
    #: (:meth:`~aligner.checks.context.CheckContext.unit_ranges`), so that a parallel run may split it
    #: into parts run by different processes. Its findings on the parts, concatenated in part order,
    #: must be its findings on the whole (the tests hold the built-in ones to that).
    parts: ClassVar[bool] = False

    def __init__(self, severity: Severity | None = None) -> None:
        self.severity: Severity = severity if severity is not None else self.default_severity

    @classmethod
    def title(cls) -> str:
        """The first line of the docstring."""
        return inspect.cleandoc(cls.__doc__ or "").split("\n", 1)[0].strip()

    @classmethod
    def description(cls) -> str:
        """The docstring without its title: explanation and the bad/good examples."""
        parts = inspect.cleandoc(cls.__doc__ or "").split("\n", 1)
        return parts[1].strip("\n") if len(parts) > 1 else ""

    def run(self, ctx: Any) -> Iterable[Finding]:
        """Measure ``ctx`` (the lead's :class:`~aligner.checks.context.CheckContext`) and yield findings."""
        raise NotImplementedError

    def own_findings(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """This check's findings among a shared analysis's (any codes), with the severity in force.

        For checks whose findings come from an analysis shared by several codes (memoised once
        per run): the analysis stamps each code's :func:`default_severity`, this re-grades when
        the configuration overrides it. Unchanged findings are passed through, not copied.
        """
        for f in findings:
            if f.code == self.code:
                yield regrade(f, self.severity)

    @classmethod
    def make_finding(
        cls,
        path: str,
        language: str | None,
        line: int,
        column: int,
        message: str,
        evidence: dict,
        confidence: float = 1.0,
        start: int | None = None,
        end: int | None = None,
        unit: int | None = None,
        key: str | None = None,
    ) -> Finding:
        """A :class:`Finding` of this check's code and category with its *default* severity.

        What a shared analysis (one run, findings for several codes) builds: it runs once per
        context whatever severities are in force, and each check instance then re-grades its
        own findings (:meth:`own_findings`). Code, category and severity are so written once, here.
        ``key``: the localization entry the finding is about, where the file has keys.
        """
        return Finding(cls.code, cls.category, cls.default_severity, path, language, line, column, message,
                       evidence, confidence, start, end, unit, key)

    def finding(
        self,
        *,
        path: str,
        line: int,
        column: int,
        message: str,
        language: str | None = None,
        evidence: dict | None = None,
        confidence: float = 1.0,
        start: int | None = None,
        end: int | None = None,
        unit: int | None = None,
        key: str | None = None,
    ) -> Finding:
        """Build a :class:`Finding` with this check's code, category and severity in force.

        Put the text of the offending segment in ``evidence["text"]``: the baseline
        fingerprints it (see :func:`aligner.checks.policy.fingerprint`).
        """
        return Finding(
            code=self.code,
            category=self.category,
            severity=self.severity,
            path=path,
            language=language,
            line=line,
            column=column,
            message=message,
            evidence=dict(evidence or {}),
            confidence=confidence,
            start=start,
            end=end,
            unit=unit,
            key=key,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} severity={self.severity.value}>"


def regrade(finding: Finding, severity: Severity | None) -> Finding:
    """``finding`` with the severity in force (``None``: keep its own); unchanged findings are not copied.

    The one place a configured severity replaces a finding's: in a run (:meth:`Check.own_findings`)
    and on stored findings (:func:`aligner.checks.policy.apply_config`).
    """
    if severity is None or finding.severity == severity:
        return finding
    return dataclasses.replace(finding, severity=severity)


class SharedAnalysisCheck(Check):
    """A check whose findings come from an analysis shared with other codes of its family.

    The family's base class names the memo key (:attr:`Check.analysis`) and implements
    :meth:`analyse`; the analysis runs once per context and every code picks its own findings,
    with the severity in force.
    """

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        """Every finding of the shared analysis on ``ctx`` (any of the family's codes)."""
        raise NotImplementedError

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        assert self.analysis is not None, f"{type(self).__name__} names no shared analysis"
        yield from self.own_findings(ctx.memo(self.analysis, lambda: self.analyse(ctx)))


C = TypeVar("C", bound=type[Check])


class CheckRow(NamedTuple):
    """One line of ``aligner checks``."""

    code: str
    category: str
    severity: str
    title: str


class Registry:
    """A set of check classes keyed by code; refuses anything malformed or duplicated."""

    def __init__(self) -> None:
        self._checks: dict[str, type[Check]] = {}

    def register(self, cls: C) -> C:
        """Add ``cls`` (usable as a class decorator); raise :class:`RegistrationError` if it is malformed."""
        _validate(cls)
        if cls.code in self._checks:
            other = self._checks[cls.code]
            raise RegistrationError(
                f"check code {cls.code} is already registered by {other.__module__}.{other.__qualname__}"
            )
        for other in self._checks.values():
            if other.name == cls.name:
                raise RegistrationError(f"check name {cls.name!r} is already used by {other.code}")
        self._checks[cls.code] = cls
        return cls

    def all(self) -> list[type[Check]]:
        """Every registered check class, in code order."""
        return [self._checks[code] for code in sorted(self._checks)]

    def get(self, code: str) -> type[Check]:
        """The check class with ``code``; :class:`KeyError` naming the code when there is none."""
        try:
            return self._checks[code]
        except KeyError:
            raise KeyError(f"no check with code {code!r}") from None

    def codes(self) -> tuple[str, ...]:
        """Registered codes, sorted."""
        return tuple(sorted(self._checks))

    def __contains__(self, code: object) -> bool:
        return code in self._checks

    def __iter__(self) -> Iterator[type[Check]]:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self._checks)


def _validate(cls: type) -> None:
    where = f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', cls)}"
    if not (isinstance(cls, type) and issubclass(cls, Check)):
        raise RegistrationError(f"{where}: a check must be a subclass of aligner.checks.registry.Check")
    for attr in ("code", "name", "category", "default_severity", "family"):
        if attr not in {k for klass in cls.__mro__ if klass is not Check for k in vars(klass)}:
            raise RegistrationError(f"{where}: missing class attribute {attr!r}")
    if not isinstance(cls.code, str) or not _CODE.match(cls.code):
        raise RegistrationError(f"{where}: code {cls.code!r} is not three capitals and three digits (e.g. NUM001)")
    if not isinstance(cls.name, str) or not _NAME.match(cls.name):
        raise RegistrationError(f"{where}: name {cls.name!r} must be lower-case words joined by - _ or .")
    if cls.category not in CATEGORIES:
        raise RegistrationError(f"{where}: unknown category {cls.category!r}; use one of {', '.join(CATEGORIES)}")
    if not isinstance(cls.default_severity, Severity):
        raise RegistrationError(f"{where}: default_severity must be a Severity, not {cls.default_severity!r}")
    if not isinstance(cls.family, str) or not _FAMILY.match(cls.family):
        raise RegistrationError(f"{where}: family {cls.family!r} must be a lower-case word (e.g. numbers)")
    if cls.run is Check.run:
        raise RegistrationError(f"{where}: does not implement run(ctx)")
    if issubclass(cls, SharedAnalysisCheck) and (
        cls.analysis is None or cls.analyse.__func__ is SharedAnalysisCheck.analyse.__func__
    ):
        raise RegistrationError(f"{where}: a shared-analysis check needs an 'analysis' key and analyse(ctx)")
    doc = inspect.cleandoc(cls.__doc__ or "")
    if not doc or not cls.title():
        raise RegistrationError(f"{where}: needs a docstring whose first line is its title")
    if not (_BAD.search(doc) and _GOOD.search(doc)):
        raise RegistrationError(f"{where}: the docstring must show a 'Bad:' and a 'Good:' example")


#: The registry the CLI and the pipeline use; filled by the imports in ``aligner/checks/__init__.py``.
REGISTRY = Registry()


def _pick(registry: Registry | None) -> Registry:
    # An empty Registry is falsy (it has __len__), so "registry or REGISTRY" would be wrong.
    return REGISTRY if registry is None else registry


def register(cls: C) -> C:
    """Register ``cls`` in :data:`REGISTRY`; use as a class decorator."""
    return REGISTRY.register(cls)


def all_checks(registry: Registry | None = None) -> list[type[Check]]:
    """Every registered check class in code order."""
    return _pick(registry).all()


def get_check(code: str, registry: Registry | None = None) -> type[Check]:
    """The check class with ``code`` (:class:`KeyError` if unknown)."""
    return _pick(registry).get(code)


def default_severity(code: str, registry: Registry | None = None) -> Severity:
    """The default severity of the registered check ``code`` (:class:`KeyError` if unknown).

    What a shared analysis stamps on the findings it builds, so that calling it directly gives
    the same severities as ``aligner checks`` lists; configuration overrides act in the check.
    """
    return get_check(code, registry).default_severity


def describe_checks(registry: Registry | None = None) -> list[CheckRow]:
    """Rows ``(code, category, default severity, title)`` for ``aligner checks``, in code order."""
    return [CheckRow(c.code, c.category, c.default_severity.value, c.title()) for c in all_checks(registry)]


def run_all(checks: Sequence[Check], ctx: Any, *, jobs: int = 1) -> list[Finding]:
    """Run each check instance on ``ctx`` and collect the findings, in check order then emission order.

    ``jobs`` > 1 runs the checks through an :mod:`~aligner.executor` (this process and up to
    ``jobs - 1`` forked workers, which see ``ctx`` without copying it; where the platform cannot
    fork, all run here), one task per shared analysis (:attr:`Check.analysis`) or part of one,
    heaviest first; the result is the same list, finding for finding.
    """
    plan = _plan(checks, _tasks(checks), ctx, jobs) if jobs > 1 and can_fork() else []
    executor = executor_for(jobs, len(plan))
    if isinstance(executor, InProcess):
        out: list[Finding] = []
        # The checks make many short-lived objects, and each full collection of the garbage collector
        # would walk every object already there: in an audit, the whole aligned corpus, none of it
        # garbage (0.15 s a collection on a 1.3 GB heap). Frozen, they are left out of its walks.
        with long_lived():
            for check in checks:
                out.extend(check.run(ctx))
        return out

    def run_task(task: _Task) -> dict[int, list[Finding]]:
        """The findings of one task's checks, by check index (on the task's part of the units)."""
        part_ctx = ctx
        if task.part != (0, 1):  # a context of its own: the part, and a memo for the part's analysis
            part_ctx = dataclasses.replace(ctx, part=task.part, cache={})
        return {i: list(checks[i].run(part_ctx)) for i in task.checks}

    def label(task: _Task) -> str:
        return ", ".join(checks[i].code for i in task.checks)

    results = executor.map_tasks(run_task, plan, label=label)
    per_check: dict[int, list[Finding]] = {i: [] for i in range(len(checks))}
    for found in results:  # (the plan lists a task's parts in part order)
        for i, findings in found.items():
            per_check[i].extend(findings)
    return [f for i in range(len(checks)) for f in per_check[i]]


class _Task(NamedTuple):
    """A unit of parallel work: some checks (indices) sharing an analysis, on one part of the units."""

    checks: tuple[int, ...]
    part: tuple[int, int]
    weight: float


#: Parts per process an analysis that can be split is cut into: more parts balance the processes'
#: loads better at the end of the run, each costs what the analysis does once per part.
PARTS_PER_JOB = 2


def _plan(checks: Sequence[Check], tasks: list[list[int]], ctx: Any, jobs: int) -> list[_Task]:
    """The tasks of a parallel run, heaviest first: analyses that can be split, in ``PARTS_PER_JOB * jobs`` parts."""
    count = PARTS_PER_JOB * jobs if isinstance(ctx, CheckContext) and ctx.part == (0, 1) else 1
    out: list[_Task] = []
    for task in tasks:
        weight = max(checks[i].weight for i in task)
        if count > 1 and all(checks[i].parts for i in task):
            out.extend(_Task(tuple(task), (p, count), weight / count) for p in range(count))
        else:
            out.append(_Task(tuple(task), (0, 1), weight))
    out.sort(key=lambda t: -t.weight)  # stable: a task's parts stay in order, equal weights in check order
    return out


def _tasks(checks: Sequence[Check]) -> list[list[int]]:
    """Indices of ``checks`` grouped by shared analysis (a check without one is its own), heaviest first."""
    groups: dict[str, list[int]] = {}
    for i, check in enumerate(checks):
        groups.setdefault(check.analysis or f"code:{check.code}", []).append(i)
    tasks = list(groups.values())
    # stable: equal weights keep check order
    tasks.sort(key=lambda idx: -max(checks[i].weight for i in idx))
    return tasks
