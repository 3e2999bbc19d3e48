from django import template
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

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


@register.simple_tag
def review_meta(review) -> str:
    """A review's author, rating and publication date (in the visitor's time zone and
    language). Built here rather than with template tags: a showcase lists ten reviews, and
    each `blocktranslate` and `date` filter in the loop costs more than the whole line does."""
    published = localtime(review.published_at)
    return format_html(
        '<strong>{}</strong> · <span aria-hidden="true" class="stars">{}</span> '
        '<span class="visually-hidden">{}</span> · <time datetime="{}">{}</time>',
        review.author_name,
        stars(review.rating),
        gettext("Note : %(rating)s sur 5") % {"rating": review.rating},
        published.isoformat(),
        gettext("publié le %(date)s") % {"date": date_format(published)},
    )
