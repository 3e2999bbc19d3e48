from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Commandes")

    def ready(self):
        # Orders fills profiles' hooks in orders/wagtail_hooks.py; signals serve only cache
        # invalidation.
        from orders.reviews import signals  # noqa: F401
