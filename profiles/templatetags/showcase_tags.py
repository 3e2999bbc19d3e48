import datetime
import functools

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext, ngettext

from profiles.showcase.renditions import (
    PORTFOLIO_FALLBACK,
    PORTFOLIO_SIZES,
    PORTFOLIO_WEBP,
    ready_renditions,
)

register = template.Library()


@register.simple_tag
def portfolio_picture(image, alt: str = "", eager: bool = False) -> str:
    """A responsive <picture> (WebP srcset, JPEG fallback) from renditions made ahead of time.

    Reads only the renditions the selector attached: when one is missing the image is left
    out rather than generated during the visitor's request. Built here rather than in an
    included template: a portfolio shows up to thirty of them, and each include costs a
    template render.
    """
    if image is None:
        return ""
    found = ready_renditions(image)
    fallback = found.get(PORTFOLIO_FALLBACK)
    if fallback is None:
        return ""
    webp_srcset = ", ".join(
        f"{found[spec].url} {found[spec].width}w" for spec in PORTFOLIO_WEBP if spec in found
    )
    source = (
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', webp_srcset, PORTFOLIO_SIZES
        )
        if webp_srcset
        else ""
    )
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return format_html(
        '<picture>{}<img src="{}" width="{}" height="{}" alt="{}" {} decoding="async"></picture>',
        source,
        fallback.url,
        fallback.width,
        fallback.height,
        alt if alt is not None else image.default_alt_text,
        mark_safe(loading),  # noqa: S308 - a constant
    )


@register.filter
def rating_display(value) -> str:
    """4.67 → "4,7" in French, "4.7" in English: one decimal, as the issue asks."""
    if value is None:
        return ""
    return number_format(round(float(value), 1), decimal_pos=1)


@register.filter
def stars(value) -> str:
    """Rounded number of filled stars as text, for a decorative (aria-hidden) display."""
    if value is None:
        return ""
    filled = int(round(float(value)))
    return "★" * filled + "☆" * (5 - filled)


# Review lists are built here rather than with template tags: a showcase lists up to ten
# reviews, and each `blocktranslate` and `date` filter in a template loop costs more than
# the whole line does. Same messages, same local day.


@functools.lru_cache(maxsize=2048)
def _day_text(day: datetime.date, language: str) -> str:
    return date_format(day)  # in the active language, which is part of the cache key


def _when(moment: datetime.datetime) -> tuple[str, str]:
    """A moment as an ISO timestamp and as the day it was in the site's time zone."""
    local = localtime(moment)
    return local.isoformat(), _day_text(local.date(), get_language())


@register.simple_tag
def review_items(reviews) -> str:
    """The reviews as list items: author, rating, publication day and comment."""
    rating_text = gettext("Note : %(rating)s sur 5")
    published_text = gettext("publié le %(date)s")

    def values():
        for review in reviews:
            timestamp, day = _when(review.published_at)
            comment = (
                format_html('<p class="review__comment">{}</p>', linebreaksbr(review.comment))
                if review.comment
                else ""
            )
            yield (
                review.author_name,
                stars(review.rating),
                rating_text % {"rating": review.rating},
                timestamp,
                published_text % {"date": day},
                comment,
            )

    return format_html_join(
        "",
        '<li class="review"><p class="review__meta"><strong>{}</strong> · '
        '<span aria-hidden="true" class="stars">{}</span> '
        '<span class="visually-hidden">{}</span> · <time datetime="{}">{}</time></p>{}</li>',
        values(),
    )


@register.simple_tag
def review_event_items(events) -> str:
    """The platform's automatic reviews as list items: what happened, how often, and when last."""
    badge = gettext("Avis automatique")
    last_text = gettext("(dernier le %(date)s)")

    def values():
        for event in events:
            timestamp, day = _when(event.last_at)
            tally = ngettext(
                "%(label)s : %(counter)s fois", "%(label)s : %(counter)s fois", event.count
            ) % {"label": event.label, "counter": event.count}
            yield badge, tally, timestamp, last_text % {"date": day}

    return format_html_join(
        "", '<li><span class="badge">{}</span> {} <time datetime="{}">{}</time></li>', values()
    )
