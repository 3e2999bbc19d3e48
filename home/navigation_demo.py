"""The header menu of the demo: the directory (seeded by profiles.showcase_demo, so this runs
after it). "Comment ça marche" and "Devenir retoucheur" are fixed links of the header."""

from wagtail.models import Site

from home.models import NavigationSettings
from profiles.models import ProviderIndexPage


def seed(stdout):
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.objects.get_or_create(site=site)[0]
    directory = ProviderIndexPage.objects.filter(locale__language_code="fr").first()
    if directory is None or any(
        block.value["page"] and block.value["page"].pk == directory.pk
        for block in navigation.header_links
    ):
        return
    navigation.header_links.append(("link", {"page": directory}))
    navigation.save()
    stdout.write("Header menu: the directory.")
