import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from profiles.models.accounts import public_name_of


class Review(models.Model):
    """A review one user gives another (P2.6): a client reviews a retoucher, or the reverse.

    A *personalised* review carries a rating (1–5) and a comment written by its author. An
    *automatic* review is a platform event (for example "project validated on time"): it has
    no rating and is never counted in the retoucher's average or review count, so silence is
    never turned into a rating.
    """

    class Kind(models.TextChoices):
        PERSONALISED = "personalised", _("Avis personnalisé")
        AUTOMATIC = "automatic", _("Avis automatique")

    class Status(models.TextChoices):
        # Written, waiting for the moderation check; not shown.
        PENDING = "pending", _("En attente de vérification")
        # Checked and shown on the subject's public page.
        PUBLISHED = "published", _("Publié")
        # Taken down by moderation; kept (P2.15), never shown.
        REMOVED = "removed", _("Retiré")

    class Event(models.TextChoices):
        """What an automatic review records; the label is what the public page shows."""

        DELIVERED_ON_TIME = "delivered_on_time", _("Projet validé dans les délais")
        PROJECT_VALIDATED = "project_validated", _("Projet validé par le client")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The author's account may be deleted while the review stays visible (P7.9): it is then
    # shown as written by a "verified client".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_given",
    )
    # A review is about its subject: once the subject's account is gone, so is the page that
    # showed it, and keeping it would serve no purpose (policy §5).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.CASCADE,
        related_name="reviews_received",
    )
    kind = models.CharField(_("type d’avis"), max_length=20, choices=Kind.choices)
    rating = models.PositiveSmallIntegerField(
        _("note"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("commentaire"), max_length=2000, blank=True)
    event = models.CharField(_("événement"), max_length=40, choices=Event.choices, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # The orders issue turns this into a ForeignKey to the order the review is about.
    order_id = models.UUIDField(_("commande"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = _("avis")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["subject", "status", "kind", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                name="review_personalised_has_rating",
                condition=(
                    Q(
                        kind="personalised",
                        rating__isnull=False,
                        rating__gte=1,
                        rating__lte=5,
                        event="",
                    )
                    | Q(kind="automatic", rating__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="review_not_about_oneself",
                condition=~Q(author=models.F("subject")),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.subject}"

    def clean(self):
        if self.kind == self.Kind.PERSONALISED and self.rating is None:
            raise ValidationError({"rating": _("Donnez une note de 1 à 5 étoiles.")})
        if self.kind == self.Kind.AUTOMATIC and self.rating is not None:
            raise ValidationError(
                {"rating": _("Un avis automatique ne porte jamais de note : laissez-la vide.")}
            )

    @property
    def author_public_name(self) -> str:
        author = self.author
        return review_author_name(
            author.first_name if author else None, author and author.last_name
        )


def review_author_name(first_name: str | None, last_name: str | None) -> str:
    """How a review's author is shown: "Prénom N." (User.public_name's rule), or "Client
    vérifié" once the author's account is deleted (P7.9)."""
    if not first_name:
        return gettext("Client vérifié")
    return public_name_of(first_name, last_name)


# Cache invalidation only (STYLE.md): a public showcase shows its reviews.
