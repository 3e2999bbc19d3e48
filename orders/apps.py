from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Commandes")

    def ready(self):
        # Orders tells the privacy centre (profiles) about its personal data; profiles never
        # imports orders.
        from orders import privacy

        privacy.register()
