from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Comptes et profils")

    def ready(self):
        # Cache invalidation of the public showcase and directory pages.
        from profiles.showcase import signals  # noqa: F401
