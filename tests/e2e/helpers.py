"""Helpers for browser tests: log in through allauth, second factor included."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

DEMO_PASSWORD = "Demo-Retoucherie-2026"  # legal.demo_accounts.DEMO_PASSWORD, documented in README
DEMO_TOTP_SECRET = "RETOUCHERIEDEMOSTAFFTOTPSECRET22"  # profiles.demo.DEMO_TOTP_SECRET
TOTP_PERIOD = 30


# allauth accepts only the current period's code (MFA_TOTP_TOLERANCE 0): a code typed in the
# last seconds of its period may reach the server in the next one and be refused.
TOTP_MARGIN = 5


def totp_code(secret: str, at: float | None = None) -> str:
    """The current code of a TOTP secret, computed as allauth checks it."""
    counter = int(at if at is not None else time.time()) // TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def fresh_totp_code(secret: str, margin: float = TOTP_MARGIN, sleep=time.sleep) -> str:
    """A code that stays valid for at least `margin` seconds: when its period is about to
    end, wait for the next one first."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < margin:
        sleep(left + 0.1)
    return totp_code(secret)


def login(page, live_site, email, password=DEMO_PASSWORD, totp_secret=None, next_url=None):
    """Log in through the real form; with `totp_secret`, answer the second-factor step.

    A TOTP code is accepted once: if another test just used it for the same account, the
    step is retried with the next period's code.
    """
    url = live_site.url + "/fr/compte/login/"
    if next_url:
        url += f"?next={next_url}"
    page.goto(url)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    if totp_secret is None:
        expect(page).not_to_have_url(re.compile(r"/login/"))
        return
    expect(page).to_have_url(re.compile(r"/2fa/authenticate/"))
    for _attempt in range(3):
        page.locator("input[name=code]").fill(fresh_totp_code(totp_secret))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_load_state()
        if "/2fa/authenticate/" not in page.url:
            return
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 1)
    raise AssertionError("the TOTP code was refused three times")
