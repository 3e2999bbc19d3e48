from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("texte"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("titre de section")), ("h3", _("sous-titre"))],
        default="h2",
        label=_("niveau"),
    )

    class Meta:
        icon = "title"
        label = _("titre")
        template = "blocks/heading.html"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bullet", _("à puces")), ("numbered", _("numérotée"))],
        default="bullet",
        label=_("style"),
    )
    items = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("éléments")
    )

    class Meta:
        icon = "list-ul"
        label = _("liste")
        template = "blocks/list.html"


class CookieTableBlock(blocks.StaticBlock):
    """Where the cookie policy lists the cookies: rendered from the cookie registry."""

    class Meta:
        icon = "table"
        label = _("tableau des cookies")
        admin_text = _("La liste des cookies, tirée du registre des cookies.")
        template = "blocks/cookie_table.html"


class LegalBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link"], label=_("paragraphe"), template="blocks/paragraph.html"
    )
    list = ListBlock()
    table = TableBlock(label=_("tableau"))
    cookie_table = CookieTableBlock()
