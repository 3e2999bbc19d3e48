from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


def _showcase_take_offline(user):
    from profiles.showcase.services import showcase_unpublish

    showcase_unpublish(user=user)


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Comptes et profils")

    def ready(self):
        from profiles.privacy import declarations, hooks, roles

        declarations.declare_all()
        # Wagtail only autoloads <app>/wagtail_hooks.py: the privacy centre's admin lives in
        # its own subpackage and is loaded here.
        import profiles.privacy.wagtail_hooks  # noqa: F401

        post_migrate.connect(roles.roles_ensure_after_migrate)

        # Restricting processing or deleting the account takes the showcase off line at once.
        hooks.register(hooks.on_restrict, _showcase_take_offline)
        hooks.register(hooks.on_erase, _showcase_take_offline)

        # Every image file is stored without its metadata, whatever the path (policy §6).
        from wagtail.images import get_image_model

        from profiles.image_privacy import image_metadata_strip_before_save

        pre_save.connect(
            image_metadata_strip_before_save,
            sender=get_image_model(),
            dispatch_uid="profiles.image_metadata_strip",
        )

        # Cache invalidation of the public showcase and directory pages.
        from profiles.showcase import signals  # noqa: F401
