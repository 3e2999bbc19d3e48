"""The demo accounts' shared password and maker, for every app's `demo.py` (dev only).

It lives in `legal`, the app every other one may import, so that each app's demo seeds its
own accounts without importing an app above it. README.md documents the password.
"""

from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

DEMO_PASSWORD = "Demo-Retoucherie-2026"  # noqa: S105 - dev only, in README.md


def demo_user(email: str, first_name: str, last_name: str, **flags):
    """The demo account with this e-mail (verified), created with the demo password."""
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@cache
def demo_password_hash() -> str:
    """The demo password hashed once: hundreds of bench accounts share it."""
    return make_password(DEMO_PASSWORD)
