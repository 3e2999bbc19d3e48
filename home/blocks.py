from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        icon = "link"
        label = _("lien")
        template = "blocks/navigation_link.html"
