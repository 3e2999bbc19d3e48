"""Role × object matrix (policy §6: access controls protect every personal record).

Every URL of ours that takes an id is requested by each role with *another* user's object:
a client, a company client and a retoucher get 404 on account pages (the object's existence
is not even confirmed), a refusal in staff areas; anonymous visitors are sent to log in (or
get 404); staff roles are refused what their role does not cover.

The URLs are discovered from the URL resolver: every pattern with a converter whose view
lives in our apps, under the admin namespaces of our viewsets and snippets. A new URL with an
id that MATRIX does not know fails test_every_url_with_an_id_is_in_the_matrix: add it, with
how to build another user's object, so that the matrix grows with each feature.

Wagtail's own admin URLs (pages, images, documents, users, settings) are Wagtail's
permission system's business and are not listed; the image library's portfolio rules are in
tests/profiles/test_portfolio_image_admin.py.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from legal.demo_accounts import DEMO_PASSWORD
from legal.models import ConsentAction, ConsentRecord, CookieService
from orders.reviews.models import Review
from profiles.models import DataExport, PortfolioImage, Skill
from profiles.models.privacy import (
    ExportPurpose,
    Newsletter,
    RequestChannel,
    RequestKind,
    SupportRequest,
)
from profiles.privacy import services as privacy_services

pytestmark = pytest.mark.django_db

OUR_APPS = ("home", "legal", "profiles", "orders")
VICTIM = "utilisateur@retoucherie.test"  # Léa Dupont: no role of the matrix
VICTIM_RETOUCHER = "retoucheur001@retoucherie.test"

ROLES = {
    "client": "client@retoucherie.test",
    "company_client": "entreprise@retoucherie.test",
    "retoucher": "retoucheur@retoucherie.test",
    "legal_editor": "juriste@retoucherie.test",
    "editor": "editeur@retoucherie.test",
    "support": "support@retoucherie.test",
    "dpo": "dpo@retoucherie.test",
    "anonymous": None,
}
STAFF_ROLES = {"legal_editor", "editor", "support", "dpo"}


def _user(email):
    return get_user_model().objects.get(email=email)


# How to build another user's object, per kind of object. ----------------------------------


def victim_export():
    return DataExport.objects.create(user=_user(VICTIM), purpose=ExportPurpose.PORTABILITY)


def export_status():
    return {"export_id": victim_export().pk}


def export_download():
    """The victim's real e-mailed link: an opaque token only its hash is stored for."""
    return resolve(privacy_services.data_export_link_issue(victim_export())).kwargs


def portfolio_item():
    item = PortfolioImage.objects.filter(provider__user__email=VICTIM_RETOUCHER).first()
    return {"item_id": item.pk}


def forged_token():
    return {"token": "eyJmb3JnZWQiOnRydWV9:1vForged:NotASignature"}


def data_subject_request():
    dsr = privacy_services.dsr_create(
        kind=RequestKind.ACCESS,
        channel=RequestChannel.EMAIL,
        requester_name="Léa Dupont",
        requester_email=VICTIM,
        user=_user(VICTIM),
        identity_confirmed=True,
    )
    return {"pk": dsr.pk}


def support_request():
    row = SupportRequest.objects.create(
        user=_user(VICTIM), subject="Ma facture", message="Je ne trouve pas ma facture."
    )
    return {"pk": row.pk}


def newsletter():
    return {"pk": Newsletter.objects.create(subject="Nouveautés", body="Bonjour").pk}


def user_data():
    return {"user_id": _user(VICTIM).pk}


def authority_export():
    export = DataExport.objects.create(user=_user(VICTIM), purpose=ExportPurpose.AUTHORITY)
    return {"export_id": export.pk}


def consent_record():
    record = ConsentRecord.objects.create(
        consent_id="00000000-0000-4000-8000-000000000001",
        action=ConsentAction.ACCEPT_ALL,
        choices={},
        registry_version=1,
        cookie_policy_version="1.0",
        language_code="fr",
        user=_user(VICTIM),
        user_agent_family="Firefox",
    )
    return {"pk": record.pk}


def cookie_service():
    return {"pk": CookieService.objects.first().pk}


def skill():
    return {"pk": Skill.objects.first().pk}


def review():
    return {"pk": Review.objects.first().pk}


def portfolio_image_admin():
    return {"pk": PortfolioImage.objects.filter(provider__user__email=VICTIM_RETOUCHER)[0].pk}


@dataclass(frozen=True)
class Entry:
    """One URL: how to build another user's object and who may open it.

    kind: "account" (a user's own pages: 404 to anyone else), "link" (a user's own
    e-mailed link: refused to anyone else, logged in or not), "staff" (the admin: refused
    to every role not in `allowed`), "bearer" (a secret link that is the proof itself: a
    forged one is refused, whoever asks).
    """

    build: Callable[[], dict]
    kind: str
    allowed: frozenset[str] = field(default_factory=frozenset)
    method: str = "get"


def _staff(build, *allowed):
    return Entry(build, "staff", frozenset(allowed))


def _viewset(namespace, build, views, *allowed):
    return {f"{namespace}:{view}": _staff(build, *allowed) for view in views}


GENERIC = ["edit", "delete", "history", "history_results", "usage"]

MATRIX: dict[str, Entry] = {
    # Account pages
    "privacy_export_status": Entry(export_status, "account"),
    "privacy_export_file": Entry(export_status, "account"),
    # The download link is mailed to its owner; anyone else holding it gets the refused-link
    # page (400), the owner only a file.
    "privacy_export_download": Entry(export_download, "link"),
    "account_portfolio_item": Entry(portfolio_item, "account"),
    "account_portfolio_move": Entry(portfolio_item, "account", method="post"),
    "account_portfolio_delete": Entry(portfolio_item, "account", method="post"),
    # Secret links sent by e-mail
    "rights_request_confirm": Entry(forged_token, "bearer"),
    "marketing_unsubscribe": Entry(forged_token, "bearer"),
    # Admin: the privacy centre
    **_viewset("demandes_rgpd", data_subject_request, GENERIC, "dpo"),
    **_viewset("assistance", support_request, GENERIC, "dpo", "support"),
    **_viewset("newsletters", newsletter, [*GENERIC, "copy", "send"], "dpo"),
    "privacy_user_data:detail": _staff(user_data, "dpo"),
    "privacy_user_data:authority_download": _staff(authority_export, "dpo"),
    # Admin: cookies and consent proofs
    **_viewset(
        "wagtailsnippets_legal_cookieservice", cookie_service, [*GENERIC, "copy"], "legal_editor"
    ),
    **_viewset(
        "wagtailsnippets_legal_consentrecord",
        consent_record,
        [*GENERIC, "copy", "inspect"],
        "dpo",
    ),
    # Admin: showcases
    **_viewset("wagtailsnippets_profiles_skill", skill, [*GENERIC, "copy"], "editor"),
    **_viewset("portfolio_images", portfolio_image_admin, [*GENERIC, "copy"], "editor"),
    **_viewset("reviews", review, [*GENERIC, "copy", "inspect"], "editor"),
}


# Discovery ----------------------------------------------------------------------------------


def _our_admin_namespaces() -> set[str]:
    names = set()
    for register in hooks.get_hooks("register_admin_viewset"):
        if register.__module__.split(".")[0] not in OUR_APPS:
            continue
        result = register()
        for viewset in result if isinstance(result, list | tuple) else [result]:
            if isinstance(viewset, ViewSetGroup):
                names.update(item.name for item in viewset.registerables)
            else:
                names.add(viewset.name)
    return names


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern), pattern.lookup_str


def urls_with_an_id() -> set[str]:
    admin_namespaces = _our_admin_namespaces()
    snippets = re.compile(rf"^wagtailsnippets_({'|'.join(OUR_APPS)})_")
    found = set()
    for name, route, view in _walk(get_resolver().url_patterns):
        if "<" not in route and "(?P" not in route:
            continue
        ours = view.split(".")[0] in OUR_APPS
        namespace = name.rsplit(":", 1)[0] if name and ":" in name else ""
        if ours or namespace in admin_namespaces or snippets.match(namespace):
            found.add(name or route)
    return found


def test_every_url_with_an_id_is_in_the_matrix():
    discovered = urls_with_an_id()
    assert discovered - MATRIX.keys() == set(), (
        "New URLs take an id: add them to MATRIX with how to build another user's object"
    )
    assert MATRIX.keys() - discovered == set(), "MATRIX lists URLs that no longer exist"


# The matrix ---------------------------------------------------------------------------------


def _refused(role: str, entry: Entry, response) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    to_login = status == 302 and "login" in location
    if entry.kind == "bearer":
        return status in (400, 404, 410)
    if role == "anonymous":
        return to_login or status == 404
    if entry.kind == "account":
        return status == 404
    if entry.kind == "link":
        return status in (400, 404, 410)
    # Staff areas: a refusal page, Wagtail's redirect to its dashboard, or (for accounts
    # that are not staff) the login page.
    return status in (403, 404) or (status == 302 and (location == "/admin/" or to_login))


@pytest.mark.policy("P6.1", "P4.6")
@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_other_users_objects(client, demo_site, role):
    if ROLES[role]:
        client.force_login(_user(ROLES[role]))
        # Recently authenticated, so that pages asking for it answer for the object itself.
        client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    failures = []
    for name, entry in sorted(MATRIX.items()):
        if role in entry.allowed:
            continue
        url = reverse(name, kwargs=entry.build())
        response = getattr(client, entry.method)(url)
        if not _refused(role, entry, response):
            failures.append(f"{name} {url} → {response.status_code} {response.get('Location', '')}")
    assert failures == [], f"{role} reached another user's object:\n" + "\n".join(failures)
