from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
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
    current_language = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = paths.get(code)
        else:
            url = translate_url(current_path, code)
            if url == current_path and code != current_language:
                url = None
        links.append({"url": url or f"/{code}/", "code": code, "name": name})
    return {"links": links, "current_language": current_language}
