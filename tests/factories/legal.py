"""Published legal pages, as the legal engineer's publish hook will leave them."""

import datetime

from wagtail.models import Locale

from home.models import HomePage
from legal.models import LegalPage
from legal.services import policy_version_record


def legal_page_publish(*, kind: str = "terms", language_code: str = "fr", version: str = "1.0"):
    locale = Locale.objects.get(language_code=language_code)
    home = HomePage.objects.get(locale=locale)
    slug = {"terms": "cgu", "privacy_policy": "confidentialite"}.get(kind, kind)
    page = home.add_child(
        instance=LegalPage(
            title={"terms": "Conditions générales", "privacy_policy": "Politique"}.get(kind, kind),
            slug=f"{slug}-{language_code}",
            locale=locale,
            kind=kind,
            version=version,
            effective_date=datetime.date(2026, 1, 1),
            change_summary="Première version.",
            body=[("paragraph", "<p>Texte.</p>")],
        )
    )
    page.save_revision().publish()
    return page, policy_version_record(page=page)
