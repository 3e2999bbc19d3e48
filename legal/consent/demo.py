"""Demo cookie registry for `manage.py seed_demo`: every cookie the site sets, in both languages.

Names and lifetimes come from the settings, so the registry describes the cookies this
configuration really sets."""

from django.conf import settings
from wagtail.models import Locale

from legal.consent.services import cookie_registry_revise
from legal.models import CookieCategory, CookieDefinition, CookieService

DAY = 24 * 3600
COMPANY = {"fr": "Retoucherie SAS (le site lui-même)", "en": "Retoucherie SAS (this site)"}


def _services():
    return [
        {
            "key": "site_session",
            "category": CookieCategory.NECESSARY,
            "policy_url": "",
            "fr": {
                "name": "Session et sécurité",
                "purpose": "Vous garder connecté d’une page à l’autre et protéger les "
                "formulaires contre la falsification de requêtes.",
            },
            "en": {
                "name": "Session and security",
                "purpose": "Keep you logged in from page to page and protect forms "
                "against cross-site request forgery.",
            },
            "cookies": [
                (
                    settings.SESSION_COOKIE_NAME,
                    settings.SESSION_COOKIE_AGE // DAY,
                    "Identifie votre session, déposé quand vous vous connectez.",
                    "Identifies your session, set when you log in.",
                ),
                (
                    settings.CSRF_COOKIE_NAME,
                    settings.CSRF_COOKIE_AGE // DAY,
                    "Jeton de sécurité des formulaires.",
                    "Security token for forms.",
                ),
            ],
        },
        {
            "key": "cookie_consent",
            "category": CookieCategory.NECESSARY,
            "policy_url": "",
            "fr": {
                "name": "Mémorisation de vos choix de cookies",
                "purpose": "Retenir vos choix de cookies pour ne pas vous les redemander "
                "à chaque page.",
            },
            "en": {
                "name": "Your cookie choices",
                "purpose": "Remember your cookie choices so that you are not asked again "
                "on every page.",
            },
            "cookies": [
                (
                    settings.CONSENT_COOKIE_NAME,
                    settings.CONSENT_COOKIE_AGE // DAY,
                    "Un identifiant de consentement aléatoire, vos choix et la version du "
                    "registre des cookies.",
                    "A random consent id, your choices and the version of the cookie registry.",
                ),
            ],
        },
        {
            "key": "language",
            "category": CookieCategory.NECESSARY,
            "policy_url": "",
            "fr": {
                "name": "Langue",
                "purpose": "Afficher le site dans la langue que vous avez choisie.",
            },
            "en": {
                "name": "Language",
                "purpose": "Show the site in the language you chose.",
            },
            "cookies": [
                (
                    settings.LANGUAGE_COOKIE_NAME,
                    settings.LANGUAGE_COOKIE_AGE // DAY,
                    "La langue choisie.",
                    "The language you chose.",
                ),
            ],
        },
        {
            "key": "google_analytics",
            "category": CookieCategory.ANALYTICS,
            "policy_url": "https://policies.google.com/privacy",
            "provider": {"fr": "Google Ireland Limited", "en": "Google Ireland Limited"},
            "fr": {
                "name": "Google Analytics",
                "purpose": "Mesurer l’audience du site (pages vues, parcours, type "
                "d’appareil) avec des statistiques anonymes, pour l’améliorer.",
            },
            "en": {
                "name": "Google Analytics",
                "purpose": "Measure the site's audience (pages viewed, paths, kind of "
                "device) with anonymous statistics, to improve it.",
            },
            "cookies": [
                (
                    "_ga",
                    395,
                    "Distingue les visiteurs de façon anonyme.",
                    "Tells visitors apart anonymously.",
                ),
                (
                    "_ga_*",
                    395,
                    "Conserve l’état de la visite pour la mesure d’audience.",
                    "Keeps the state of the visit for audience measurement.",
                ),
            ],
        },
    ]


def seed(stdout):
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    for order, spec in enumerate(_services()):
        provider = spec.get("provider", COMPANY)
        service, created = CookieService.objects.update_or_create(
            key=spec["key"],
            locale=fr,
            defaults={
                "category": spec["category"],
                "policy_url": spec["policy_url"],
                "sort_order": order,
                "provider": provider["fr"],
                **spec["fr"],
            },
        )
        _set_cookies(service, spec["cookies"], language=0)
        translated = CookieService.objects.filter(
            translation_key=service.translation_key, locale=en
        ).first()
        if translated is None:
            translated = service.copy_for_translation(en)
        for field in ("category", "policy_url", "sort_order", "key"):
            setattr(translated, field, getattr(service, field))
        translated.provider = provider["en"]
        translated.name = spec["en"]["name"]
        translated.purpose = spec["en"]["purpose"]
        translated.save()
        _set_cookies(translated, spec["cookies"], language=1)
        if created:
            stdout.write(f"Cookie registry: {service.name} added.")
    version = cookie_registry_revise()
    stdout.write(f"Cookie registry at version {version.number}.")


def _set_cookies(service: CookieService, cookies, *, language: int) -> None:
    wanted = {name for name, *_rest in cookies}
    service.cookies.exclude(name__in=wanted).delete()
    for order, (name, days, description_fr, description_en) in enumerate(cookies):
        cookie = service.cookies.filter(name=name).first() or CookieDefinition(
            service=service, name=name, locale=service.locale
        )
        cookie.lifetime_days = days
        cookie.sort_order = order
        cookie.description = (description_fr, description_en)[language]
        cookie.full_clean(exclude=["service", "translation_key"])
        cookie.save()
