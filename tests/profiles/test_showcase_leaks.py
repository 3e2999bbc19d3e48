"""Policy §4: anonymous visitors see a retoucher's first name and surname initial, photo,
city, portfolio, service title, rating, review count and reviews — and nothing else."""

import json
import re

import pytest
from django.utils import formats, translation

from profiles.models import ProviderProfile, ProviderShowcasePage
from profiles.showcase_demo import DEMO_PROVIDER_COUNT
from tests.conftest import seed_demo_in_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_demo(db, settings, django_capture_on_commit_callbacks):
    """Every demo retoucher of `make run` (the test settings seed only a few)."""
    settings.SHOWCASE_DEMO_COUNT = DEMO_PROVIDER_COUNT
    seed_demo_in_test(django_capture_on_commit_callbacks)


def _private_values(provider: ProviderProfile) -> dict[str, list[str]]:
    user = provider.user
    birth = provider.birth_date
    dates = [birth.isoformat(), birth.strftime("%d/%m/%Y"), birth.strftime("%d.%m.%Y")]
    for language in ("fr", "en"):
        with translation.override(language):
            dates.append(formats.date_format(birth, "DATE_FORMAT"))
    return {
        "surname": [user.last_name, *user.last_name.split("-")],
        # The whole address: a local part such as "retoucheur" is also an ordinary word.
        "e-mail": [user.email],
        "phone": [provider.phone, provider.phone.replace("+33", "0")],
        "address": [provider.address],
        "postcode": [provider.postcode],
        "birth date": dates,
        "SIRET": [provider.siret, provider.siret[:9]],
        "VAT number": [provider.vat_number],
        "IBAN": [provider.iban, provider.iban[-11:]],
        "company name": [provider.company_name],
    }


def _find(value: str, text: str) -> bool:
    # Whole tokens only: a postcode must not be "found" inside an image file's random name.
    pattern = rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.policy("P4.3", "P4.9")
def test_no_private_data_of_any_demo_retoucher_reaches_the_public(client, full_demo):
    providers = list(ProviderProfile.objects.select_related("user"))
    assert len(providers) >= DEMO_PROVIDER_COUNT
    showcases = list(ProviderShowcasePage.objects.live().specific())
    assert len(showcases) == 2 * DEMO_PROVIDER_COUNT  # French and English

    documents = {}
    for page in showcases:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        documents[page.url] = response.text
        provider = page.provider
        # The public data is there (so the page really rendered the retoucher)...
        assert provider.user.public_name in response.text
        assert provider.city in response.text
        # ...and the JSON-LD carries nothing beyond it (the breadcrumbs: pages and the name).
        data, breadcrumbs = _json_ld(response.text)
        assert data["@type"] == "ProfessionalService"
        assert breadcrumbs["@type"] == "BreadcrumbList"
        assert [item["name"] for item in breadcrumbs["itemListElement"]][-1] == (
            provider.user.public_name
        )
        assert set(data) <= {
            "@context", "@type", "name", "url", "description", "knowsAbout", "address",
            "image", "aggregateRating",
        }  # fmt: skip
        assert data.get("address", {}).keys() <= {"@type", "addressLocality"}
    for directory in ("/fr/retoucheurs/", "/en/retouchers/"):
        for query in ("", "?page=2", "?sort=newest", "?clientele=individuals", "?q=Lyon"):
            response = client.get(directory + query)
            assert response.status_code == 200
            documents[directory + query] = response.text
    documents["/fr/"] = client.get("/fr/").text
    documents["/en/"] = client.get("/en/").text
    documents["sitemap.xml"] = client.get("/sitemap.xml").content.decode()

    leaks = [
        f"{provider.user.public_name}: {label} {value!r} in {where}"
        for provider in providers
        for label, values in _private_values(provider).items()
        for value in values
        if value
        for where, text in documents.items()
        if _find(value, text)
    ]
    assert leaks == []


@pytest.mark.policy("P4.3")
def test_the_leak_check_would_notice_a_surname(client, full_demo):
    """The check above is not blind: the same search finds data that is on the page."""
    page = ProviderShowcasePage.objects.live().first().specific
    page.intro = f"Contact : {page.provider.user.last_name}, {page.provider.phone}"
    page.save_revision().publish()
    html = client.get(page.url).text
    found = _private_values(page.provider)
    assert _find(found["surname"][0], html)
    assert _find(found["phone"][0], html)


def test_public_pages_never_decrypt_bank_details(client, demo_site, monkeypatch):
    """Not only absent from the HTML: the public pages do not even load the IBAN and BIC."""
    from profiles import encryption

    page = ProviderShowcasePage.objects.live().first()

    def refuse(token):
        raise AssertionError("a public page decrypted bank details")

    monkeypatch.setattr(encryption, "decrypt", refuse)
    assert client.get(page.url).status_code == 200
    assert client.get("/fr/retoucheurs/").status_code == 200
    assert client.get("/fr/").status_code == 200


def test_public_pages_read_no_private_column_of_the_retoucher(client, demo_site):
    """Data minimisation in the queries themselves: the showcase, the directory and the home
    page select only what they show of the retoucher (PUBLIC_PROVIDER_FIELDS)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from profiles.models import ProviderProfile
    from profiles.models.showcase import PUBLIC_PROVIDER_FIELDS, PUBLIC_USER_FIELDS
    from profiles.showcase.cache import showcase_cache_invalidate

    private = [
        f'"{model._meta.db_table}"."{field.column}"'
        for model, public in (
            (ProviderProfile, PUBLIC_PROVIDER_FIELDS),
            (get_user_model(), PUBLIC_USER_FIELDS),
        )
        for field in model._meta.concrete_fields
        if field.name not in public
    ]
    assert '"profiles_providerprofile"."phone"' in private
    page = ProviderShowcasePage.objects.live().first()
    for url in (page.url, "/fr/retoucheurs/", "/fr/"):
        showcase_cache_invalidate()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert "profiles_providerprofile" in sql, url
        assert [column for column in private if column in sql] == [], url
