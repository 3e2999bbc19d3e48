from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _showcase_take_offline(user):
    from profiles.showcase.services import showcase_unpublish

    showcase_unpublish(user=user, for_restriction=True)


def _showcase_back_online(user):
    from profiles.showcase.services import showcase_restriction_lift

    showcase_restriction_lift(user=user)


def _showcase_delete(user):
    from profiles.showcase.services import showcase_delete

    showcase_delete(user=user)


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

        # Restricting processing takes the showcase off line at once, lifting the restriction
        # puts it back; deleting the account deletes it in every language.
        hooks.register(hooks.on_restrict, _showcase_take_offline)
        hooks.register(hooks.on_lift_restriction, _showcase_back_online)
        hooks.register(hooks.on_erase, _showcase_delete)

        # Cache invalidation of the public showcase and directory pages.
        from profiles.showcase import signals  # noqa: F401
