"""Cache invalidation only (STYLE.md)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from home.middleware import sites_forget


@receiver(post_save, sender=Site, dispatch_uid="home_sites_saved")
@receiver(post_delete, sender=Site, dispatch_uid="home_sites_deleted")
def _site_changed(sender, **kwargs):
    sites_forget()
