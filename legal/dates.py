"""Dates as the site writes them in sentences."""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format


def long_date(value) -> str:
    """ "1er juin 2026" in French (the ordinal French writes for the first day of a month,
    which Django's date formats cannot say), "1 June 2026" in English; "" for no date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    text = date_format(value, "j F Y")
    if value.day == 1 and (translation.get_language() or "").startswith("fr"):
        text = "1er" + text[1:]
    return text
