"""Cache invalidation only (STYLE.md)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Site

from home.models import HomePage
from legal.site_cache import site_cache_forget


@receiver(post_save, sender=Site, dispatch_uid="home_sites_saved")
@receiver(post_delete, sender=Site, dispatch_uid="home_sites_deleted")
@receiver(post_save, sender=HomePage, dispatch_uid="home_pages_saved")
@receiver(post_delete, sender=HomePage, dispatch_uid="home_pages_deleted")
@receiver(post_save, sender=Locale, dispatch_uid="home_locales_saved")
@receiver(post_delete, sender=Locale, dispatch_uid="home_locales_deleted")
def _routing_changed(sender, **kwargs):
    site_cache_forget()
