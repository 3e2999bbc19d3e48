from django import template
from django.utils.formats import number_format

from profiles.showcase.renditions import (
    PORTFOLIO_FALLBACK,
    PORTFOLIO_SIZES,
    PORTFOLIO_WEBP,
    ready_renditions,
)

register = template.Library()


@register.inclusion_tag("profiles/includes/portfolio_picture.html")
def portfolio_picture(image, alt: str = "", eager: bool = False):
    """A responsive <picture> (WebP srcset, JPEG fallback) from renditions made ahead of time.

    Reads only the renditions the selector attached: when one is missing the image is left
    out rather than generated during the visitor's request.
    """
    if image is None:
        return {"ready": False}
    found = ready_renditions(image)
    fallback = found.get(PORTFOLIO_FALLBACK)
    webp = [found[spec] for spec in PORTFOLIO_WEBP if spec in found]
    if fallback is None:
        return {"ready": False}
    return {
        "ready": True,
        "fallback": fallback,
        "webp_srcset": ", ".join(f"{r.url} {r.width}w" for r in webp),
        "sizes": PORTFOLIO_SIZES,
        "alt": alt if alt is not None else image.default_alt_text,
        "eager": eager,
    }


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
