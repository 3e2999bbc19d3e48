#!/usr/bin/env python
"""Run the test suite and say, for each privacy-policy clause, whether a test proves it.

Clause IDs come from docs/policy-conformance.md (one table row per clause). A clause is
`proven` when at least one test marked `@pytest.mark.policy("ID")` passed and none failed,
`failing` when one failed, `unproven` when no marked test passed (none exists, or all skipped).
Extra arguments go to pytest (e.g. `-k legal`).
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT / "docs" / "policy-conformance.md"
ROW = re.compile(r"^\|\s*(P\d+\.\d+)\s*\|")


def clause_ids() -> list[str]:
    ids = []
    for line in CONFORMANCE.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match.group(1) not in ids:
            ids.append(match.group(1))
    return ids


class PolicyCollector:
    def __init__(self):
        self.tests_by_clause = defaultdict(list)
        self.outcomes = {}

    def pytest_collection_modifyitems(self, items):
        for item in items:
            for marker in item.iter_markers("policy"):
                for clause in marker.args:
                    self.tests_by_clause[clause].append(item.nodeid)

    def pytest_runtest_logreport(self, report):
        previous = self.outcomes.get(report.nodeid)
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and previous != "failed":
            self.outcomes[report.nodeid] = "skipped"
        elif report.when == "call" and report.passed and previous is None:
            self.outcomes[report.nodeid] = "passed"


def main(argv: list[str]) -> int:
    collector = PolicyCollector()
    exit_code = pytest.main(["-q", "-p", "no:cacheprovider", *argv], plugins=[collector])
    ids = clause_ids()
    proven = 0
    print()
    for clause in ids:
        tests = collector.tests_by_clause.get(clause, [])
        outcomes = [collector.outcomes.get(test, "not run") for test in tests]
        if "failed" in outcomes:
            status = "failing"
        elif "passed" in outcomes:
            status = "proven"
            proven += 1
        else:
            status = "unproven"
        listed = ", ".join(
            f"{test} [{outcome}]" for test, outcome in zip(tests, outcomes, strict=True)
        )
        print(f"{clause} {status}" + (f" — {listed}" if listed else ""))
    unknown = sorted(set(collector.tests_by_clause) - set(ids))
    if unknown:
        print(f"unknown clause IDs in markers: {', '.join(unknown)}")
    print(f"policy clauses: {proven}/{len(ids)} proven")
    return 0 if exit_code in (0, pytest.ExitCode.OK) and not unknown else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
