"""`manage.py demo_totp` prints a code the admin login accepts for a demo staff account."""

import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import CommandError, call_command

from profiles.demo import DEMO_TOTP_SECRET
from tests.factories.profiles import user_create

pytestmark = pytest.mark.django_db


def test_the_printed_code_opens_a_demo_staff_account(settings, locales):
    settings.DEBUG = True
    staff = user_create("admin-demo@example.test", is_staff=True)
    TOTP.activate(staff, DEMO_TOTP_SECRET)
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    assert TOTP(authenticator).validate_code(code)


def test_it_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_totp", stdout=io.StringIO())
