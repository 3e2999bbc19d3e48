"""Retouchers with a published showcase, a portfolio and reviews, for the showcase tests.

Built on profiles.showcase_demo (the one place that creates retouchers on this branch).
"""

import random

from django.utils import timezone

from orders.reviews.models import Review
from orders.reviews.services import provider_rating_refresh
from profiles.models import ProviderShowcasePage
from profiles.showcase.services import portfolio_renditions_generate
from profiles.showcase_demo import (
    directory_ensure,
    portfolio_create,
    provider_create,
    skills_ensure,
)

_numbers = iter(range(500, 10_000))


def showcase_create(
    *,
    images: int = 3,
    reviews: int = 0,
    automatic: int = 0,
    city: str | None = None,
    clientele: str | None = None,
    rating: int = 5,
    publish: bool = True,
    service_title: str = "Retouche de portraits",
    **provider_fields,
) -> ProviderShowcasePage:
    """A retoucher (full private data) with a showcase under the French directory."""
    n = next(_numbers)
    rng = random.Random(n)
    provider = provider_create(n, rng=rng, skills=skills_ensure())
    changed = dict(provider_fields)
    if city:
        changed["city"] = city
    if clientele:
        changed["preferred_clientele"] = clientele
    for name, value in changed.items():
        setattr(provider, name, value)
    if changed:
        provider.save()
    portfolio_create(provider, count=images, rng=rng)
    portfolio_renditions_generate(provider=provider)
    directory = directory_ensure()
    page = ProviderShowcasePage(
        title=service_title,
        service_title=service_title,
        intro="Portraits et beauté.",
        slug=f"test-{n}",
        provider=provider,
        locale=directory.locale,
        live=publish,
    )
    directory.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    reviews_add(page, count=reviews, automatic=automatic, rating=rating)
    page.refresh_from_db()
    return page


def reviews_add(page, *, count: int, automatic: int = 0, rating: int = 5, author=None) -> None:
    """Published reviews in bulk (services are tested on their own), then the rating refresh."""
    now = timezone.now()
    subject = page.provider.user
    Review.objects.bulk_create(
        [
            Review(
                author=author,
                subject=subject,
                kind=Review.Kind.PERSONALISED,
                rating=rating,
                comment=f"Avis numéro {i}",
                status=Review.Status.PUBLISHED,
                published_at=now,
            )
            for i in range(count)
        ]
        + [
            Review(
                subject=subject,
                kind=Review.Kind.AUTOMATIC,
                event=Review.Event.DELIVERED_ON_TIME,
                status=Review.Status.PUBLISHED,
                published_at=now,
            )
            for _ in range(automatic)
        ]
    )
    provider_rating_refresh(user=subject)
