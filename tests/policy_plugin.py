"""The privacy-policy conformance report and its ratchet, as a pytest plugin.

Each test marked `@pytest.mark.policy("P…")` claims to prove those clauses. A clause is
`proven` only by a test whose call phase passed and whose body (or a test helper it calls)
asserts something; an XPASS, a skip, a deselected test or a test that asserts nothing proves
nothing. Marks are read on the worker that runs the test and travel in the report's
`user_properties`, so the report is the same with pytest-xdist as without.

`--policy-report=PATH` writes the report (`make test` writes `var/policy-report.txt`);
`--policy-ratchet=FILE` fails the run when a clause listed in FILE (`docs/policy-proven.txt`)
is no longer proven. A clause whose tests skipped only because a service is absent here
(Chromium, Redis, PostgreSQL, axe-core) reads `not checked here` and does not fail the
ratchet, unless `CI=true` or `POLICY_STRICT=1`: then it does, and so does any skipped test.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
import textwrap
import types
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MATRIX_NAME = "POLICY_MATRIX.md"
MATRIX_ROW = re.compile(r"^\|\s*(P\d+\.\d+)\s*\|")

CLAUSES_PROPERTY = "policy_clauses"
ASSERTS_PROPERTY = "policy_asserts"

# Skip reasons that only say a service or tool is missing on this machine (tests/markers.py,
# tests/e2e/conftest.py, the axe-core checks): such a clause is "not checked here".
ABSENT_SERVICE = re.compile(
    r"^(Skipped: )?(needs (Redis|PostgreSQL|Chromium)\b|axe-core is (missing|not installed))"
)

# Calls that are assertions: pytest.raises/warns, Playwright's expect, Django's and
# pytest-django's assert* helpers, and a project helper named assert_*/_assert_*.
ASSERTING_CALLS = {"raises", "warns", "expect", "fail"}
ASSERTING_PREFIXES = ("assert", "_assert", "django_assert")
HELPER_DEPTH = 3


# --- which clauses exist -----------------------------------------------------------------


def matrix_path(root: Path = ROOT) -> Path:
    """`<root>/../shared/POLICY_MATRIX.md` (CI clones sit beside `shared/`), or the one
    `POLICY_MATRIX` names; a git worktree one level deeper finds it one level up."""
    if os.environ.get("POLICY_MATRIX"):
        return Path(os.environ["POLICY_MATRIX"])
    candidates = [root.parent / "shared" / MATRIX_NAME, root.parent.parent / "shared" / MATRIX_NAME]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def clause_ids(path: Path) -> list[str]:
    """The clause IDs of a markdown table, in the table's order."""
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = MATRIX_ROW.match(line)
        if match and match.group(1) not in ids:
            ids.append(match.group(1))
    return ids


def ratchet_ids(path: Path) -> list[str]:
    """One clause ID per line; `#` starts a comment."""
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ids.append(line)
    return ids


# --- does a test assert anything ---------------------------------------------------------


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _resolve_helper(call: ast.Call, caller):
    """The test helper a call names (a function of the caller's module or of the test suite),
    if it can be found simply: `helper(…)` or `module.helper(…)`."""
    func, namespace = call.func, caller.__globals__
    target = None
    if isinstance(func, ast.Name):
        target = namespace.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = namespace.get(func.value.id)
        if isinstance(owner, types.ModuleType):
            target = getattr(owner, func.attr, None)
    target = inspect.unwrap(target) if callable(target) else None
    if not isinstance(target, types.FunctionType):
        return None
    module = target.__module__ or ""
    if module == caller.__module__ or module.split(".")[0] == "tests":
        return target
    return None


def asserts_something(function, _depth: int = 0, _seen: set | None = None) -> bool:
    """Whether the function's source holds an assertion, directly or in a test helper it calls."""
    seen = _seen if _seen is not None else set()
    function = inspect.unwrap(function)
    if function in seen or _depth > HELPER_DEPTH:
        return False
    seen.add(function)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    helpers = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in ASSERTING_CALLS or name.startswith(ASSERTING_PREFIXES):
                return True
            helper = _resolve_helper(node, function)
            if helper is not None:
                helpers.append(helper)
    return any(asserts_something(h, _depth + 1, seen) for h in helpers)


# --- one test's outcome ------------------------------------------------------------------


@dataclass
class TestOutcome:
    nodeid: str
    clauses: tuple[str, ...]
    asserts: bool
    status: str = "not run"  # passed | failed | skipped | xfailed | xpassed | not run
    reason: str = ""

    @property
    def proves(self) -> bool:
        return self.status == "passed" and self.asserts

    @property
    def absent_service(self) -> bool:
        return self.status == "skipped" and bool(ABSENT_SERVICE.match(self.reason))

    @property
    def browser(self) -> bool:
        return self.nodeid.startswith("tests/e2e/")

    def label(self) -> str:
        if self.status == "passed" and not self.asserts:
            return "passed, asserts nothing"
        if self.status == "skipped" and self.reason:
            return f"skipped: {self.reason}"
        return self.status


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple | list) and len(longrepr) == 3:
        reason = str(longrepr[2])
    else:
        reason = str(longrepr or "")
    return reason.removeprefix("Skipped: ").strip()


def record(outcome: TestOutcome, report) -> None:
    """Fold one phase's report into the test's outcome (a failure anywhere wins)."""
    if outcome.status == "failed":
        return
    if report.failed:
        outcome.status = "failed"
    elif hasattr(report, "wasxfail"):
        outcome.status = "xfailed" if report.skipped else "xpassed"
    elif report.skipped:
        outcome.status, outcome.reason = "skipped", _skip_reason(report)
    elif report.when == "call" and report.passed:
        outcome.status = "passed"


# --- the report --------------------------------------------------------------------------


@dataclass
class ClauseResult:
    clause: str
    status: str
    tests: list[TestOutcome] = field(default_factory=list)

    @property
    def skipped_browser_tests(self) -> list[TestOutcome]:
        return [t for t in self.tests if t.browser and t.status == "skipped"]


def judge(clause: str, tests: list[TestOutcome]) -> ClauseResult:
    if any(t.status in ("failed", "xpassed") for t in tests):
        status = "failing"
    elif any(t.proves for t in tests):
        status = "proven"
    elif any(t.absent_service for t in tests):
        status = "not checked here"
    else:
        status = "unproven"
    return ClauseResult(clause, status, tests)


def build_report(ids: list[str], outcomes: list[TestOutcome]) -> tuple[list[ClauseResult], list]:
    by_clause = defaultdict(list)
    for outcome in sorted(outcomes, key=lambda o: o.nodeid):
        for clause in outcome.clauses:
            by_clause[clause].append(outcome)
    results = [judge(clause, by_clause.get(clause, [])) for clause in ids]
    unknown = sorted(set(by_clause) - set(ids))
    return results, unknown


def format_report(results: list[ClauseResult], unknown: list[str]) -> str:
    lines = []
    for result in results:
        listed = ", ".join(f"{t.nodeid} [{t.label()}]" for t in result.tests)
        lines.append(f"{result.clause} {result.status}" + (f" — {listed}" if listed else ""))
    browser = [r for r in results if r.skipped_browser_tests]
    if browser:
        lines.append("")
        lines.append("clauses resting on a browser test that skipped here:")
        for result in browser:
            names = ", ".join(t.nodeid for t in result.skipped_browser_tests)
            lines.append(f"  {result.clause} ({result.status}) — {names}")
    if unknown:
        lines.append("")
        lines.append(f"unknown clause IDs in policy marks: {', '.join(unknown)}")
    proven = sum(r.status == "proven" for r in results)
    lines.append(f"policy clauses: {proven}/{len(results)} proven")
    return "\n".join(lines) + "\n"


def strict_mode() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("POLICY_STRICT") == "1"


def narrowed(config) -> bool:
    """Whether the run selected less than the whole suite (paths, -k, -m, --lf, --deselect)."""
    option = config.option
    return (
        config.args_source == pytest.Config.ArgsSource.ARGS
        or bool(option.keyword or option.markexpr or option.deselect)
        or bool(getattr(option, "lf", False))
    )


def ratchet_problems(
    results: list[ClauseResult], listed: list[str], unknown: list[str], *, strict: bool
) -> list[str]:
    by_clause = {r.clause: r for r in results}
    problems = [
        f"{clause} is listed but not in the policy matrix"
        for clause in listed
        if clause not in by_clause
    ]
    for clause in listed:
        result = by_clause.get(clause)
        if result is None or result.status == "proven":
            continue
        if result.status == "not checked here" and not strict:
            continue
        problems.append(f"{clause} was proven and is now {result.status}")
    problems += [
        f"policy mark names {clause}, which the policy matrix does not have" for clause in unknown
    ]
    return problems


# --- pytest hooks ------------------------------------------------------------------------


def pytest_addoption(parser):
    group = parser.getgroup("policy", "privacy-policy conformance report")
    group.addoption("--policy-report", metavar="PATH", help="write the conformance report to PATH")
    group.addoption(
        "--policy-ratchet",
        metavar="FILE",
        help="fail when a clause listed in FILE (docs/policy-proven.txt) is no longer proven",
    )
    group.addoption(
        "--policy-matrix",
        metavar="PATH",
        help="the clause table (default: ../shared/POLICY_MATRIX.md)",
    )


def pytest_configure(config):
    if config.getoption("policy_report") or config.getoption("policy_ratchet"):
        config.pluginmanager.register(PolicyReport(config), "policy-report")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """On the process that runs the tests (an xdist worker, or the only one): put each test's
    clauses and whether it asserts in its `user_properties`, which every report carries."""
    for item in items:
        clauses = [c for marker in item.iter_markers("policy") for c in marker.args]
        if not clauses:
            continue
        function = getattr(item, "function", None)
        item.user_properties.append((CLAUSES_PROPERTY, " ".join(dict.fromkeys(clauses))))
        item.user_properties.append(
            (ASSERTS_PROPERTY, bool(function and asserts_something(function)))
        )


class PolicyReport:
    """Gathers the reports on the controller and judges the clauses at the end of the run."""

    def __init__(self, config):
        self.config = config
        self.outcomes: dict[str, TestOutcome] = {}
        self.skipped: list[str] = []
        self.summary: list[str] = []
        self.is_worker = hasattr(config, "workerinput")

    def pytest_runtest_logreport(self, report):
        if report.skipped and not hasattr(report, "wasxfail"):
            self.skipped.append(report.nodeid)
        properties = dict(report.user_properties)
        if CLAUSES_PROPERTY not in properties:
            return
        outcome = self.outcomes.get(report.nodeid)
        if outcome is None:
            outcome = self.outcomes[report.nodeid] = TestOutcome(
                report.nodeid,
                tuple(properties[CLAUSES_PROPERTY].split()),
                bool(properties[ASSERTS_PROPERTY]),
            )
        record(outcome, report)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        if self.is_worker:
            return
        config = self.config
        matrix = Path(config.getoption("policy_matrix") or matrix_path(Path(config.rootpath)))
        if not matrix.exists():
            self._fail(session, [f"policy matrix not found at {matrix} (set POLICY_MATRIX)"])
            return
        results, unknown = build_report(clause_ids(matrix), list(self.outcomes.values()))
        text = format_report(results, unknown)
        report_path = config.getoption("policy_report")
        if report_path:
            path = Path(report_path)
            if not path.is_absolute():
                path = Path(config.invocation_params.dir) / path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.summary.append(f"{text.splitlines()[-1]} (report: {report_path})")
        ratchet = config.getoption("policy_ratchet")
        if not ratchet:
            return
        strict = strict_mode()
        if narrowed(config) and not strict:
            self.summary.append(
                "policy ratchet not applied: this run did not select the whole suite"
            )
            return
        problems = ratchet_problems(results, ratchet_ids(Path(ratchet)), unknown, strict=strict)
        if strict and self.skipped:
            problems.append(
                f"{len(self.skipped)} test(s) skipped, and nothing may skip here (CI/POLICY_STRICT): "
                + ", ".join(self.skipped[:10])
            )
        not_checked = [r.clause for r in results if r.status == "not checked here"]
        if not_checked and not strict:
            self.summary.append("not checked here (a service is absent): " + ", ".join(not_checked))
        self._fail(session, problems, ratchet)

    def _fail(self, session, problems: list[str], ratchet: str = "") -> None:
        if not problems:
            return
        self.summary.append(f"policy ratchet failed ({ratchet or 'no matrix'}):")
        self.summary += [f"  {problem}" for problem in problems]
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        if self.summary:
            terminalreporter.section("privacy policy")
            for line in self.summary:
                terminalreporter.write_line(line)
