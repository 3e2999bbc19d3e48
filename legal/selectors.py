from django.utils import timezone

from legal.models import PolicyVersion


def current_version(*, kind: str, language_code: str) -> PolicyVersion | None:
    """The version in force today for a document in a language (the latest already effective)."""
    return (
        PolicyVersion.objects.filter(
            kind=kind,
            locale__language_code=language_code,
            effective_date__lte=timezone.localdate(),
        )
        .select_related("page", "locale")
        .first()
    )
