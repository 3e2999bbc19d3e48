"""Demo reviews for `manage.py seed_demo`: what clients wrote about the demo retouchers.

Runs after profiles.showcase_demo (which makes the retouchers and their showcases) and goes
through the review services, so each retoucher's rating is refreshed as in real use. The
clients who wrote them (client-avis01… in README.md) are made here too.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from legal.demo_accounts import demo_password_hash
from orders.reviews.models import Review
from orders.reviews.services import review_create, review_publish
from profiles.models import User
from profiles.showcase_demo import DEMO_PROVIDER_COUNT, PROVIDER_EMAIL

CLIENT_EMAIL = "client-avis{n:02d}@retoucherie.test"
REVIEW_COMMENTS = [
    (5, "Travail soigné et rendu avant la date prévue. Je recommande vivement."),
    (5, "Très à l’écoute, les retouches sont naturelles. Parfait pour notre catalogue."),
    (4, "Bon résultat, un aller-retour a été nécessaire mais la communication était claire."),
    (4, "Photos de famille restaurées avec beaucoup de délicatesse."),
    (3, "Résultat correct, délai un peu long."),
    (5, "Réactif et professionnel, je referai appel à ce retoucheur."),
]
REVIEWER_NAMES = [
    ("Paul", "Sanchez"),
    ("Julie", "Bertin"),
    ("Marc", "Olivier"),
    ("Sophie", "Lacroix"),
    ("Karim", "Benali"),
    ("Anne", "Poirier"),
]


def seed(stdout):
    _editors_may_moderate()
    # As many as profiles.showcase_demo made (config/settings/test.py seeds fewer).
    count = getattr(settings, "SHOWCASE_DEMO_COUNT", DEMO_PROVIDER_COUNT)
    reviewed = sum(demo_reviews_create(n) for n in range(1, count + 1))
    if reviewed:
        stdout.write(f"Reviews of {reviewed} demo retouchers.")


def _editors_may_moderate() -> None:
    """The demo editor moderates reviews ("Avis" in the admin)."""
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="orders", codename__in=["view_review", "change_review"]
            )
        )


def demo_reviews_create(n: int) -> bool:
    """The reviews of demo retoucher number n, unless they have some (idempotent)."""
    subject = User.objects.filter(email=PROVIDER_EMAIL.format(n=n)).first()
    if subject is None or Review.objects.filter(subject=subject).exists():
        return False
    rng = random.Random(n)  # noqa: S311 - demo data, not secrets
    count = n % 7
    reviews_create(subject, rng=rng, count=count)
    return count > 0


def reviews_create(subject: User, *, rng: random.Random, count: int) -> None:
    """`count` personalised reviews (one in five anonymous) and half as many automatic ones."""
    now = timezone.now()
    for i in range(count):
        rating, comment = REVIEW_COMMENTS[(i + rng.randint(0, 5)) % len(REVIEW_COMMENTS)]
        author = _reviewer(i % len(REVIEWER_NAMES) + 1) if i % 5 != 4 else None
        review = review_create(
            author=author,
            subject=subject,
            kind=Review.Kind.PERSONALISED,
            rating=rating,
            comment=comment,
        )
        review_publish(review=review, published_at=now - datetime.timedelta(days=7 * i + 3))
    for i in range(count // 2):
        review = review_create(
            author=None,
            subject=subject,
            kind=Review.Kind.AUTOMATIC,
            event=Review.Event.DELIVERED_ON_TIME,
        )
        review_publish(review=review, published_at=now - datetime.timedelta(days=5 * i + 1))


def _reviewer(n: int) -> User:
    first_name, last_name = REVIEWER_NAMES[n - 1]
    user, created = User.objects.get_or_create(
        email=CLIENT_EMAIL.format(n=n), defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
    return user
