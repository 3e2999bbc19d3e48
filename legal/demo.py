"""Demo legal documents for `manage.py seed_demo`, published the way an editor would.

Every version listed in demo_content/versions.json is published in French by the demo legal
editor (so Wagtail's `page_published` writes its PolicyVersion through the service), then
translated into English through wagtail-localize. The privacy policy has two versions, so
its archive and diff have something to show. The company identity and DPO contact they
name are seeded here first (CompanySettings). The pages go under the default site's root
page, which home.demo (run before) makes the French home page.
"""

import datetime
import json
import uuid
from pathlib import Path

from django.contrib.auth.models import Group
from wagtail.models import Locale, Site

from legal import services
from legal.demo_accounts import demo_user
from legal.localization import page_translate
from legal.models import AcceptanceMethod, CompanySettings, DocumentKind, LegalPage, PolicyVersion

CONTENT = Path(__file__).resolve().parent / "demo_content"
LEGAL_EDITOR_EMAIL = "juriste@retoucherie.test"
DEMO_USER_EMAIL = "utilisateur@retoucherie.test"
COMPANY = {
    "name": "Retoucherie SAS",
    "address": "12 rue des Photographes, 75011 Paris, France",
    "siret": "73282932000074",
    "contact_email": "contact@retoucherie.test",
    "dpo_email": "dpo@retoucherie.test",
    "analytics_measurement_id": "G-DEMO000000",
}


def _body(kind: str, language: str, version: str, placeholders: dict[str, str]) -> list:
    suffix = "" if version == "1.0" else f".v{version.replace('.', '_')}"
    raw = (CONTENT / f"{kind}.{language}{suffix}.json").read_text(encoding="utf-8")
    for key, value in placeholders.items():
        raw = raw.replace("{" + key + "}", json.dumps(value, ensure_ascii=False)[1:-1])
    body = json.loads(raw)
    for block in body:
        if block["type"] == "list":
            # Each item with its own id, stored: an item without one gets a new id each time
            # the page is read, so wagtail-localize could never match its translation.
            block["value"]["items"] = [
                {"type": "item", "value": item, "id": str(uuid.uuid4())}
                for item in block["value"]["items"]
            ]
    return body


def company_ensure() -> CompanySettings:
    """Who runs the demo site: named by the legal notice, the footer and the privacy pages."""
    site = Site.objects.get(is_default_site=True)
    return CompanySettings.objects.update_or_create(site=site, defaults=COMPANY)[0]


def _placeholders(company: CompanySettings) -> dict[str, str]:
    return {
        "company_name": company.name,
        "company_address": company.address,
        "company_siret": company.siret,
        "contact_email": company.contact_email,
        "dpo_email": company.dpo_email,
    }


def seed(stdout):
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    home = Site.objects.get(is_default_site=True).root_page
    editor = demo_user(LEGAL_EDITOR_EMAIL, "Julie", "Bernard", is_staff=False)
    editor.groups.add(Group.objects.get(name=services.LEGAL_EDITORS_GROUP))
    catalogue = json.loads((CONTENT / "versions.json").read_text(encoding="utf-8"))
    placeholders = _placeholders(company_ensure())
    for kind in DocumentKind.values:
        names = catalogue["pages"][kind]
        page = LegalPage.objects.filter(locale=fr, kind=kind).first()
        for entry in catalogue[kind]:
            label = entry["version"]
            common = {
                "kind": kind,
                "version": label,
                "effective_date": datetime.date.fromisoformat(entry["effective_date"]),
                "is_material_change": entry["is_material_change"],
            }
            if page is None or not PolicyVersion.objects.filter(page=page, version=label).exists():
                page = _publish_french(home, page, names, entry, common, placeholders, editor)
                stdout.write(f"{names['title_fr']} {label} published.")
            english = page.get_translations().filter(locale=en).first()
            if (
                english is None
                or not PolicyVersion.objects.filter(page=english, version=label).exists()
            ):
                translated = LegalPage(
                    title=names["title_en"],
                    slug=names["slug_en"],
                    change_summary=entry["change_summary_en"],
                    body=_same_block_ids(page, _body(kind, "en", label, placeholders)),
                    **common,
                )
                page_translate(source_page=page, locale=en, translated_page=translated)
                stdout.write(f"{names['title_en']} {label} translated.")
        for legal_page in [page, *page.get_translations()]:
            services.legal_editors_grant(page=legal_page)
    _demo_user_accepts_terms()


def _same_block_ids(source: LegalPage, body: list) -> list:
    """The translation's blocks are the source's blocks, position for position, down to the
    items of each list."""
    for block, source_block in zip(body, source.body.raw_data, strict=True):
        block["id"] = source_block["id"]
        if block["type"] == "list":
            items = zip(block["value"]["items"], source_block["value"]["items"], strict=True)
            for item, source_item in items:
                item["id"] = source_item["id"]
    return body


def _publish_french(home, page, names, entry, common, placeholders, editor) -> LegalPage:
    fields = {
        "title": names["title_fr"],
        "slug": names["slug_fr"],
        "change_summary": entry["change_summary_fr"],
        "body": _body(common["kind"], "fr", common["version"], placeholders),
        **common,
    }
    if page is None:
        page = home.add_child(instance=LegalPage(locale=home.locale, live=False, **fields))
        services.legal_editors_grant(page=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    # A fresh user object: Wagtail caches a user's page permissions on the instance.
    editor = type(editor).objects.get(pk=editor.pk)
    page.save_revision(user=editor).publish(user=editor)
    page.refresh_from_db()
    return page


def _demo_user_accepts_terms():
    user = demo_user(DEMO_USER_EMAIL, "Léa", "Dupont", is_staff=False)
    if user.policy_acceptances.exists():
        return
    terms = PolicyVersion.objects.get(
        kind=DocumentKind.TERMS, version="1.0", locale__language_code="fr"
    )
    services.terms_accept(user=user, version=terms, method=AcceptanceMethod.SIGNUP)
