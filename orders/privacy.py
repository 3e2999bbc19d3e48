"""Orders' part of the personal-data registry (profiles.privacy): declarations of orders'
models and what the privacy centre asks orders, registered as the hooks of
profiles/extension_points.py in orders/wagtail_hooks.py.
"""

from django.utils.translation import gettext_lazy as _

from profiles.privacy.registry import (
    Category,
    Erasure,
    LegalBasis,
    PersonalDataRegistry,
    PersonalField,
)

REVIEWS_PURPOSE = _("Avis et notations sur les prestations")


def declare(registry: PersonalDataRegistry):
    # Policy §7: reviews stay visible after the author's account is deleted; the author link
    # is set to NULL (on_delete=SET_NULL) and the review shows "utilisateur supprimé".
    registry.declare(
        "orders.Review",
        owner="author",
        purpose=REVIEWS_PURPOSE,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Tant que la prestation reste en ligne ; anonymisé à la clôture du compte"),
        recipients=_("Public : vitrine du retoucheur"),
        fields={
            "author": PersonalField(
                _("Avis : auteur"), Category.ACTIVITY, erasure=Erasure.ANONYMISE
            ),
            "rating": PersonalField(
                _("Avis : note"), Category.ACTIVITY, public=True, erasure=Erasure.ANONYMISE
            ),
            "comment": PersonalField(
                _("Avis : texte"), Category.ACTIVITY, public=True, erasure=Erasure.ANONYMISE
            ),
            "created_at": PersonalField(
                _("Avis : date"), Category.ACTIVITY, public=True, erasure=Erasure.ANONYMISE
            ),
            "published_at": PersonalField(
                _("Avis : publié le"), Category.ACTIVITY, public=True, erasure=Erasure.ANONYMISE
            ),
        },
        # The subject's reviews go with the subject's account (CASCADE); the rest describes
        # the review, not a person.
        not_personal=["id", "subject", "kind", "event", "status", "order_id"],
    )


def deletion_blockers(user) -> list[str]:
    """Open orders or payments prevent deletion; filled once orders and payments exist."""
    return []


def has_purchased(user) -> bool:
    """A client who paid for an order keeps a retention record (policy §5); no orders yet."""
    return False
