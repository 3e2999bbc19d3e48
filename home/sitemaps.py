from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from profiles.showcase.selectors import showcases_hidden_from_search


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap lists one language tree; ours lists the site's pages in every language."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True)
        in_any_tree = Q()
        for tree_root in roots:
            in_any_tree |= Q(path__startswith=tree_root.path)
        return (
            Page.objects.filter(in_any_tree)
            .live()
            .public()
            # Showcases of retouchers who opted out of indexing, or are no longer public.
            .exclude(pk__in=showcases_hidden_from_search().values("pk"))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
