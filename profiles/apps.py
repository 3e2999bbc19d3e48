from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Comptes et profils")

    def ready(self):
        # Wagtail only autoloads <app>/wagtail_hooks.py: the privacy centre's admin lives in
        # its own subpackage and is loaded here.
        import profiles.privacy.wagtail_hooks  # noqa: F401
        from profiles import checks  # noqa: F401 - registers the system checks
        from profiles.privacy import roles

        post_migrate.connect(roles.roles_ensure_after_migrate)

        # Every image file is stored without its metadata, whatever the path (policy §6).
        from wagtail.images import get_image_model

        from profiles.image_privacy import image_metadata_strip_before_save

        pre_save.connect(
            image_metadata_strip_before_save,
            sender=get_image_model(),
            dispatch_uid="profiles.image_metadata_strip",
        )

        # A retoucher hears of their showcase's moderation from us, in their language, never
        # through Wagtail's English e-mails with admin links (profiles/showcase/notifications.py).
        from profiles.showcase.notifications import workflow_notifiers_replace

        workflow_notifiers_replace()

        # Cache invalidation of the public showcase and directory pages.
        from profiles.showcase import signals  # noqa: F401
