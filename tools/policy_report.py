#!/usr/bin/env python
"""Run the test suite and print, for each privacy-policy clause, whether a test proves it.

The judging is done by the pytest plugin `tests/policy_plugin.py` (see its docstring): the
clause list comes from `../shared/POLICY_MATRIX.md`, a clause is `proven`, `failing`,
`unproven` or `not checked here` (its tests skipped because a service is absent), and the
ratchet of `docs/policy-proven.txt` applies as in `make test`. Extra arguments go to pytest
(`-n 2`, `-k legal`…); `--last` prints the report of the last `make test` without running
anything.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "var" / "policy-report.txt"
PROVEN = ROOT / "docs" / "policy-proven.txt"


def main(argv: list[str]) -> int:
    if argv == ["--last"]:
        if not REPORT.exists():
            print(f"no report yet at {REPORT}: run `make test` or `make policy-report`")
            return 1
        print(REPORT.read_text(encoding="utf-8"), end="")
        return 0
    import pytest

    REPORT.unlink(missing_ok=True)
    exit_code = pytest.main(
        [
            "-q",
            "-p",
            "no:cacheprovider",
            f"--policy-report={REPORT}",
            f"--policy-ratchet={PROVEN}",
            *argv,
        ]
    )
    print()
    if REPORT.exists():
        print(REPORT.read_text(encoding="utf-8"), end="")
    else:
        print("no report was written: the run stopped before the end")
    return int(exit_code)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
