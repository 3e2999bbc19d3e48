"""Who accepted which version, and the notices of a material change."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from legal.models.pages import PolicyVersion


class AcceptanceMethod(models.TextChoices):
    SIGNUP = "signup", _("à l’inscription")
    REACCEPTANCE = "reacceptance", _("nouvelle acceptation après un changement")


class PolicyAcceptance(models.Model):
    """Proof that a user accepted one exact version.

    It goes with the account. Where policy §5 keeps it ten years (retouchers, clients who
    bought), the erasure service detaches it from the user and dates its purge before the
    account is deleted; no other deletion path keeps it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="policy_acceptances",
    )
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("acceptée le"))
    method = models.CharField(_("comment"), max_length=20, choices=AcceptanceMethod.choices)
    # Snapshot so that the proof outlives the account (policy §5).
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    purge_after = models.DateField(
        _("à supprimer après le"),
        null=True,
        blank=True,
        help_text=_("Fixée à la clôture du compte : dix ans plus tard."),
    )

    class Meta:
        verbose_name = _("acceptation")
        verbose_name_plural = _("acceptations")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} — {self.version}"


class PolicyChangeNotice(models.Model):
    """A user told of a material change to the privacy policy: by e-mail, and on the site."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_change_notices"
    )
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="notices")
    emailed_at = models.DateTimeField(_("e-mail envoyé le"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("avis fermé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("information d’un changement")
        verbose_name_plural = _("informations des changements")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_notice_per_version"),
        ]

    def __str__(self):
        return f"{self.user_id} — {self.version}"
