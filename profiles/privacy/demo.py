"""Demo data of the privacy centre: the DPO role and account, a few requests to handle."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from legal.demo_accounts import DEMO_PASSWORD
from profiles.models.privacy import DataSubjectRequest, RequestChannel, RequestKind
from profiles.privacy import roles, services

DPO_EMAIL = "dpo@retoucherie.test"
SUPPORT_EMAIL = "support@retoucherie.test"

DEMO_REQUESTS = [
    # (kind, name, e-mail, days ago, identity confirmed, message)
    (
        RequestKind.ACCESS,
        "Camille Leroy",
        "camille.leroy@example.test",
        26,
        True,
        "Je souhaite connaître toutes les données que vous détenez sur moi.",
    ),
    (
        RequestKind.ERASURE,
        "Hugo Bernard",
        "hugo.bernard@example.test",
        40,
        True,
        "Merci de supprimer mon ancien compte.",
    ),
    (
        RequestKind.OBJECTION,
        "Inès Moreau",
        "ines.moreau@example.test",
        3,
        False,
        "Je m’oppose à l’utilisation de mes données pour des statistiques.",
    ),
]


def _staff(email, first_name, last_name, group):
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, "is_staff": True}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(group)
    return user


def seed(stdout):
    groups = roles.roles_ensure()
    _staff(DPO_EMAIL, "Dominique", "Petit", groups[roles.DPO_GROUP])
    _staff(SUPPORT_EMAIL, "Sacha", "Roux", groups[roles.SUPPORT_GROUP])
    if DataSubjectRequest.objects.exists():
        return
    for kind, name, email, days_ago, confirmed, message in DEMO_REQUESTS:
        request = services.dsr_create(
            kind=kind,
            channel=RequestChannel.EMAIL,
            requester_name=name,
            requester_email=email,
            message=message,
            identity_confirmed=confirmed,
        )
        # Backdate so the tracker shows one overdue and one due-soon request.
        received = timezone.now() - datetime.timedelta(days=days_ago)
        request.received_at = received
        if confirmed:
            request.clock_started_on = timezone.localdate(received)
            services._refresh_due(request)
        request.save()
    stdout.write("Privacy centre: DPO and support accounts, demo rights requests.")
