from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from profiles.models import Skill


class SkillViewSet(SnippetViewSet):
    """The controlled list of professional skills retouchers choose from (no free-form)."""

    model = Skill
    icon = "tag"
    menu_label = _("Compétences")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(SkillViewSet)
