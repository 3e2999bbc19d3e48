from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Commandes")

    def ready(self):
        # Orders tells profiles about its data through their registries; profiles never
        # imports orders.
        from orders import privacy
        from orders.reviews import signals  # noqa: F401
        from orders.reviews.selectors import PublishedReviews
        from profiles.showcase.reviews import register_review_source

        privacy.register()
        register_review_source(PublishedReviews())
