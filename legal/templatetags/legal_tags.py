from django import template
from django.utils import translation

from legal import dates, selectors
from legal.views import NOTICE_SESSION_KEY

register = template.Library()


@register.filter
def long_date(value) -> str:
    """A date in a sentence: "1er juin 2026", "12 juin 2026" (legal.dates)."""
    return dates.long_date(value)


@register.simple_tag
def legal_links():
    """The live legal documents in the visitor's language, for the footer."""
    return selectors.legal_state().links.get(translation.get_language(), [])


@register.inclusion_tag("legal/includes/privacy_change_notice.html", takes_context=True)
def privacy_change_notice(context):
    """The dismissible notice of a material privacy-policy change, for logged-in users."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"change": None}
    change = selectors.legal_state().privacy_changes.get(translation.get_language())
    if change is None or user.date_joined >= change.published_at:
        return {"change": None}
    if request.session.get(NOTICE_SESSION_KEY) == change.version:
        return {"change": None}
    if selectors.privacy_notice_dismissed(user=user, version=change.version):
        request.session[NOTICE_SESSION_KEY] = change.version
        return {"change": None}
    return {"change": change, "request": request, "csrf_token": context.get("csrf_token")}
