"""The demo's ways to the directory (seeded by profiles.showcase_demo, so this runs after it):
the header menu's link and the home page's "Je suis client" button. "Comment ça marche" and
"Devenir retoucheur" are fixed links of the header."""

from wagtail.models import Site

from home.models import HomePage, NavigationSettings
from profiles.models import ProviderIndexPage


def seed(stdout):
    directory = ProviderIndexPage.objects.filter(locale__language_code="fr").first()
    if directory is None:
        return
    _header_link(directory, stdout)
    for home in HomePage.objects.filter(clients_cta_page__isnull=True):
        home.clients_cta_page = directory.get_translation_or_none(home.locale) or directory
        home.save_revision().publish()
        stdout.write(
            f"Home page ({home.locale.language_code}): the client button opens the directory."
        )


def _header_link(directory, stdout) -> None:
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.objects.get_or_create(site=site)[0]
    if any(
        block.value["page"] and block.value["page"].pk == directory.pk
        for block in navigation.header_links
    ):
        return
    navigation.header_links.append(("link", {"page": directory}))
    navigation.save()
    stdout.write("Header menu: the directory.")
