from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language: its translation, else that language's home."""
    request = context["request"]
    page = context.get("page")
    current_path = request.get_full_path()
    translations = {}
    if isinstance(page, Page):
        # A page's context may hold its live translations already (showcase and directory).
        live_translations = context.get("page_translations")
        if live_translations is None:
            live_translations = (
                page.get_translations(inclusive=True).live().select_related("locale")
            )
        translations = {p.locale.language_code: p for p in live_translations}
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            target = translations.get(code)
            url = target.get_url(request) if target else None
        else:
            url = translate_url(current_path, code)
            if url == current_path and code != translation.get_language():
                url = None
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or f"/{code}/",
                "current": code == translation.get_language(),
            }
        )
    return {"links": links}
