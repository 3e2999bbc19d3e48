"""Demo content for `manage.py seed_demo`: locales, the home page in both languages, the
navigation, the admin and editor accounts. The company identity is legal's (legal.demo)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from home.models import HomePage, NavigationSettings
from legal.demo_accounts import demo_user
from legal.localization import page_translate

ADMIN_EMAIL = "admin@retoucherie.test"
EDITOR_EMAIL = "editeur@retoucherie.test"

HOME_FR = {
    "title": "Accueil",
    "hero_title": "Des retoucheurs photo indépendants pour sublimer vos images",
    "hero_text": "Décrivez votre projet, recevez des devis et payez en toute sécurité : "
    "le paiement n’est versé au retoucheur qu’une fois le travail validé.",
    "clients_title": "Vous avez des photos à retoucher ?",
    "clients_text": "Particuliers et entreprises : trouvez le retoucheur qui vous convient, "
    "échangez par la messagerie sécurisée et validez le résultat avant paiement.",
    "clients_cta_label": "Je suis client",
    "retouchers_title": "Vous êtes retoucheur photo ?",
    "retouchers_text": "Présentez votre portfolio, recevez des demandes de clients "
    "professionnels ou particuliers et soyez payé en toute sécurité.",
    "retouchers_cta_label": "Je suis retoucheur",
}
HOME_EN = {
    "title": "Home",
    "slug": "home",
    "hero_title": "Independent photo retouchers to bring out the best in your images",
    "hero_text": "Describe your project, receive quotes and pay securely: the retoucher "
    "is paid only once you have approved the work.",
    "clients_title": "Do you have photos to retouch?",
    "clients_text": "Individuals and companies: find the retoucher who suits you, talk "
    "through the secure messaging and approve the result before payment.",
    "clients_cta_label": "I am a client",
    "retouchers_title": "Are you a photo retoucher?",
    "retouchers_text": "Show your portfolio, receive requests from business or private "
    "clients and get paid securely.",
    "retouchers_cta_label": "I am a retoucher",
}


def seed(stdout):
    fr = Locale.objects.get_or_create(language_code="fr")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    home = _home_page(fr)
    if not home.get_translations().filter(locale=en).exists():
        translated = HomePage(**{**HOME_FR, **HOME_EN})
        page_translate(source_page=home, locale=en, translated_page=translated)
        stdout.write("Home page translated into English.")
    site = Site.objects.get(is_default_site=True)
    _site_at_public_address(site, stdout)
    NavigationSettings.objects.get_or_create(site=site)
    demo_user(ADMIN_EMAIL, "Alice", "Martin", is_staff=True, is_superuser=True)
    editor = demo_user(EDITOR_EMAIL, "Étienne", "Durand", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))


def _site_at_public_address(site: Site, stdout) -> None:
    """Wagtail builds full page addresses (canonical, hreflang, sitemap) from its Site: it
    answers at SITE_URL, not at Wagtail's default "localhost"."""
    address = urlsplit(settings.SITE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save()
        stdout.write(f"Site answers at {settings.SITE_URL}.")


def _home_page(fr: Locale) -> HomePage:
    existing = HomePage.objects.filter(locale=fr).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(locale=fr, slug="accueil", **HOME_FR))
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.site_name = "Retoucherie"
    site.save()
    if old_root.specific_class is Page:  # Wagtail's "Welcome" placeholder
        old_root.delete()
    return home
