"""Dates in sentences: "1er juin", as the French write the first day of a month."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from legal.dates import long_date


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", datetime.date(2026, 6, 1), "1er juin 2026"),
        ("fr", datetime.date(2026, 6, 12), "12 juin 2026"),
        ("en", datetime.date(2026, 6, 1), "1 June 2026"),
    ],
)
def test_long_date_writes_the_first_of_the_month_as_french_does(language, day, expected):
    with translation.override(language):
        assert long_date(day) == expected
        rendered = Template("{% load legal_tags %}{{ day|long_date }}").render(
            Context({"day": day})
        )
        assert rendered == expected
