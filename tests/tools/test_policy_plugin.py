"""The conformance report (tests/policy_plugin.py) counts only what passed and asserted, gives
the same answer under pytest-xdist, and its ratchet fails a run that loses a proven clause."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.policy_plugin import ROOT, asserts_something, clause_ids, matrix_path

MATRIX = """\
| ID | § | promise |
| --- | --- | --- |
| P1.1 | 1 | asserted and passed |
| P1.2 | 1 | passed without asserting |
| P1.3 | 1 | an XPASS |
| P1.4 | 1 | skipped for lack of Redis |
| P1.5 | 1 | skipped for another reason |
| P1.6 | 1 | failed |
| P1.7 | 1 | asserted in a helper |
| P1.8 | 1 | rests on a browser test that skipped |
| P1.9 | 1 | no test at all |
"""

SAMPLE = """\
import pytest


def assert_shown(value):
    assert value


def check_twice(value):
    assert_shown(value)
    assert_shown(value)


@pytest.mark.policy("P1.1")
def test_asserts():
    assert 1 + 1 == 2


@pytest.mark.policy("P1.2", "P1.1")
def test_asserts_nothing():
    sum([1, 2])


@pytest.mark.policy("P1.4")
@pytest.mark.skipif(True, reason="needs Redis: set REDIS_URL (CI does)")
def test_needs_redis():
    assert True


@pytest.mark.policy("P1.5")
def test_skipped_otherwise():
    pytest.skip("not today")


@pytest.mark.policy("P1.7")
def test_asserts_through_a_helper():
    check_twice(True)
"""

BROKEN = """\
import pytest


@pytest.mark.policy("P1.3")
@pytest.mark.xfail(reason="not built yet")
def test_xpass():
    assert True


@pytest.mark.policy("P1.6")
def test_fails():
    assert 1 == 2
"""

BROWSER = """\
import pytest


@pytest.mark.policy("P1.8")
def test_in_a_browser():
    pytest.skip("needs Chromium at /nowhere/chromium")
"""


def make_project(path: Path) -> Path:
    (path / "POLICY_MATRIX.md").write_text(MATRIX)
    (path / "pytest.ini").write_text(
        "[pytest]\nmarkers =\n    policy(*ids): clauses\nxfail_strict = true\n"
    )
    (path / "conftest.py").write_text('pytest_plugins = ["tests.policy_plugin"]\n')
    (path / "test_sample.py").write_text(SAMPLE)
    (path / "test_broken.py").write_text(BROKEN)
    (path / "tests" / "e2e").mkdir(parents=True)
    (path / "tests" / "e2e" / "test_browser.py").write_text(BROWSER)
    return path


@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory):
    """The sample's report from one process and from two xdist workers."""
    project = make_project(tmp_path_factory.mktemp("sample"))
    _, alone, _ = run_pytest(project, "-n", "0")
    _, shared, output = run_pytest(project, "-n", "2")
    assert "2 workers" in output, output
    return alone, shared


@pytest.fixture
def green_project(tmp_path):
    """The sample without its failing tests: pytest alone would pass."""
    project = make_project(tmp_path)
    (project / "test_broken.py").unlink()
    return project


def run_pytest(project: Path, *args: str, proven: str | None = None, **env: str):
    """pytest in a child process on the sample project, with the plugin; returns
    (exit code, report text, output)."""
    options = [f"--policy-matrix={project / 'POLICY_MATRIX.md'}", "--policy-report=report.txt"]
    if proven is not None:
        (project / "proven.txt").write_text(proven)
        options.append("--policy-ratchet=proven.txt")
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CI", "POLICY_STRICT", "PYTEST_ADDOPTS", "DJANGO_SETTINGS_MODULE"}
    }
    # Only the plugins the sample needs: a quicker start than the whole set of the venv.
    environ.update(PYTHONPATH=str(ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", **env)
    result = subprocess.run(  # noqa: S603 - our own interpreter on a test project
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "xdist.plugin"]
        + options
        + list(args),
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = project / "report.txt"
    text = report.read_text() if report.exists() else ""
    return result.returncode, text, result.stdout + result.stderr


def status_of(report: str) -> dict[str, str]:
    statuses = {}
    for line in report.splitlines():
        head = line.split(" — ")[0]
        if head.startswith("P1."):
            clause, status = head.split(" ", 1)
            statuses[clause] = status
    return statuses


def test_only_a_passed_test_that_asserts_proves_its_clause(sample_reports):
    report, _ = sample_reports
    assert status_of(report) == {
        "P1.1": "proven",
        "P1.2": "unproven",  # passed, but its body asserts nothing
        "P1.3": "failing",  # an XPASS fails (xfail_strict) and proves nothing
        "P1.4": "not checked here",  # Redis is absent, nothing is wrong
        "P1.5": "unproven",  # a skip for any other reason proves nothing
        "P1.6": "failing",
        "P1.7": "proven",  # the assertion is in a helper the test calls
        "P1.8": "not checked here",
        "P1.9": "unproven",
    }, report
    assert "test_sample.py::test_asserts_nothing [passed, asserts nothing]" in report
    assert report.splitlines()[-1] == "policy clauses: 2/9 proven"


def test_the_report_names_clauses_resting_on_a_skipped_browser_test(sample_reports):
    report, _ = sample_reports
    section = report.split("clauses resting on a browser test that skipped here:")[1]
    assert "P1.8 (not checked here) — tests/e2e/test_browser.py::test_in_a_browser" in section


def test_two_xdist_workers_give_the_same_report_as_one_process(sample_reports):
    alone, shared = sample_reports
    assert "P1.1 proven" in shared
    assert shared == alone


def test_the_ratchet_passes_while_every_listed_clause_is_proven(green_project):
    code, _, output = run_pytest(green_project, proven="# proven today\nP1.1\nP1.7  # helper\n")
    assert code == 0, output


def test_the_ratchet_fails_a_green_run_that_no_longer_proves_a_listed_clause(green_project):
    code, _, output = run_pytest(green_project, proven="P1.1\nP1.2\n")
    assert code == 1, output
    assert "P1.2 was proven and is now unproven" in output


def test_a_clause_not_checked_for_lack_of_a_service_passes_here_but_not_in_ci(green_project):
    code, _, output = run_pytest(green_project, proven="P1.4\n")
    assert code == 0, output
    assert "not checked here (a service is absent): P1.4, P1.8" in output

    for strict in ({"POLICY_STRICT": "1"}, {"CI": "true"}):
        code, _, output = run_pytest(green_project, proven="P1.4\n", **strict)
        assert code == 1, output
        assert "P1.4 was proven and is now not checked here" in output
        assert "test(s) skipped, and nothing may skip here" in output
        assert "test_sample.py::test_skipped_otherwise" in output  # any skip, not only P1.4's


def test_a_narrowed_run_is_not_judged_by_the_ratchet(green_project):
    code, _, output = run_pytest(green_project, "-k", "asserts", proven="P1.1\nP1.2\n")
    assert code == 0, output
    assert "policy ratchet not applied" in output


def test_a_run_that_collects_no_test_keeps_its_exit_code_5(green_project):
    for test_file in green_project.rglob("test_*.py"):
        test_file.unlink()
    code, _, output = run_pytest(green_project, proven="P1.1\n")
    assert code == pytest.ExitCode.NO_TESTS_COLLECTED, output


def test_a_mark_naming_a_clause_the_matrix_lacks_fails_the_ratchet(green_project):
    (green_project / "test_typo.py").write_text(
        "import pytest\n\n\n@pytest.mark.policy('P9.9')\ndef test_typo():\n    assert True\n"
    )
    code, report, output = run_pytest(green_project, proven="P1.1\n")
    assert code == 1, output
    assert "unknown clause IDs in policy marks: P9.9" in report


def _no_assertion():
    sum([1, 2])


def _raises():
    with pytest.raises(ValueError):
        int("x")


def _playwright(page, expect):
    expect(page.locator("h1")).to_have_text("Retoucherie")


def _query_budget(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        sum([1])


def _calls_a_helper_that_asserts():
    _helper_that_asserts(1)


def _helper_that_asserts(value):
    assert value


@pytest.mark.parametrize(
    "function, expected",
    [
        (_no_assertion, False),
        (_raises, True),
        (_playwright, True),
        (_query_budget, True),
        (_calls_a_helper_that_asserts, True),
    ],
)
def test_what_counts_as_an_assertion(function, expected):
    assert asserts_something(function) is expected


def test_the_conformance_document_lists_the_clauses_of_the_matrix_in_its_order():
    # docs/policy-conformance.md says how each clause is kept; it may not drift from the
    # specification's table (../shared/POLICY_MATRIX.md).
    matrix = matrix_path()
    assert matrix.exists(), f"the policy matrix is missing at {matrix}"
    assert clause_ids(ROOT / "docs" / "policy-conformance.md") == clause_ids(matrix)


def test_every_clause_of_the_ratchet_file_is_in_the_matrix():
    from tests.policy_plugin import ratchet_ids

    listed = ratchet_ids(ROOT / "docs" / "policy-proven.txt")
    assert listed
    assert set(listed) <= set(clause_ids(matrix_path()))
