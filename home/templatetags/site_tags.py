from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switcher(context) -> str:
    """Links to the current page in each language: its translation, else that language's home."""
    request = context["request"]
    page = context.get("page")
    current_path = request.get_full_path()
    paths = {}
    if isinstance(page, Page):
        # The showcase and the directory put their live translations in the context already.
        known = context.get("translations")
        if known is not None:
            paths = {t.code: t.path for t in known}
        else:
            for target in page.get_translations(inclusive=True).live().select_related("locale"):
                paths[target.locale.language_code] = target.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = paths.get(code)
        else:
            url = translate_url(current_path, code)
            if url == current_path and code != translation.get_language():
                url = None
        current = ' aria-current="true"' if code == translation.get_language() else ""
        links.append((url or f"/{code}/", code, code, mark_safe(current), name))  # noqa: S308 - a constant
    # Built here rather than in an included template: it is on every page.
    return format_html(
        '<nav class="language-switcher" aria-label="{}"><ul>{}</ul></nav>',
        gettext("Choix de la langue"),
        format_html_join("", '<li><a href="{}" hreflang="{}" lang="{}"{}>{}</a></li>', links),
    )
