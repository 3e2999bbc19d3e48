from django import template
from django.utils.formats import number_format

register = template.Library()


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
