"""State changes of legal documents: recording published versions and acceptances."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from legal.models import AcceptanceMethod, LegalPage, PolicyAcceptance, PolicyVersion


@transaction.atomic
def policy_version_record(*, page: LegalPage, user=None) -> PolicyVersion:
    """Write the immutable version row for a page that just went live."""
    page = page.specific
    with translation.override(page.locale.language_code):
        text = render_to_string("legal/legal_page_text.html", {"page": page})
    version = PolicyVersion(
        page=page,
        kind=page.kind,
        locale=page.locale,
        version=page.version,
        effective_date=page.effective_date,
        published_at=page.last_published_at or timezone.now(),
        published_by=user,
        change_summary=page.change_summary,
        is_material_change=page.is_material_change,
        title=page.title,
        text=text,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def terms_accept(
    *, user, version: PolicyVersion, method: str = AcceptanceMethod.SIGNUP
) -> PolicyAcceptance:
    """Record that `user` accepted `version` (idempotent: a second call returns the first record)."""
    acceptance, _created = PolicyAcceptance.objects.get_or_create(
        user=user,
        version=version,
        defaults={
            "accepted_at": timezone.now(),
            "method": method,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
    )
    return acceptance
