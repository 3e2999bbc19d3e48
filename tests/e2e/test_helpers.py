"""The browser tests' helpers themselves (no browser needed)."""

import datetime

import time_machine
from allauth.mfa.totp.internal.auth import validate_totp_code

from tests.e2e.helpers import DEMO_TOTP_SECRET, TOTP_PERIOD, fresh_totp_code, totp_code

# 29.5 seconds into a TOTP period: half a second before its code stops being accepted.
LATE_IN_A_PERIOD = datetime.datetime.fromtimestamp(TOTP_PERIOD * 59_000_000 + 29.5, tz=datetime.UTC)


def test_a_code_taken_late_in_its_period_is_refused_a_moment_later():
    # Why the helper waits: the plain current code would cross into the next period.
    with time_machine.travel(LATE_IN_A_PERIOD, tick=False) as clock:
        code = totp_code(DEMO_TOTP_SECRET)
        clock.shift(2)  # typing it and submitting the form
        assert not validate_totp_code(DEMO_TOTP_SECRET, code)


def test_the_login_code_is_still_accepted_when_it_reaches_the_server():
    with time_machine.travel(LATE_IN_A_PERIOD, tick=False) as clock:
        code = fresh_totp_code(DEMO_TOTP_SECRET, sleep=clock.shift)
        clock.shift(2)
        assert validate_totp_code(DEMO_TOTP_SECRET, code)


def test_early_in_a_period_the_code_is_given_at_once():
    waited = []
    with time_machine.travel(LATE_IN_A_PERIOD - datetime.timedelta(seconds=20), tick=False):
        code = fresh_totp_code(DEMO_TOTP_SECRET, sleep=waited.append)
        assert validate_totp_code(DEMO_TOTP_SECRET, code)
    assert waited == []
