"""Decoupled hooks: each receiver only hands the event to a service."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from legal import services
from legal.models import CookieDefinition, CookieRegistryVersion, CookieService, LegalPage
from legal.site_cache import site_cache_forget


@receiver(page_published, sender=LegalPage)
def record_published_version(sender, instance, revision, **kwargs):
    # The only event that also fires when a scheduled page goes live (publish_scheduled).
    # Wagtail also sends it when a never-published page is merely scheduled: not live yet.
    if not instance.live:
        return
    services.policy_version_record(page=instance, user=revision.user if revision else None)


@receiver(page_unpublished, sender=LegalPage)
def forget_legal_state(sender, instance, **kwargs):
    site_cache_forget()  # legal_state() is built again


def forget_cookie_registry(sender, **kwargs):
    # Cache invalidation only: the banner and the cookie table read the cached registry.
    site_cache_forget()


for _model in (CookieService, CookieDefinition, CookieRegistryVersion):
    post_save.connect(
        forget_cookie_registry, sender=_model, dispatch_uid=f"forget-{_model.__name__}"
    )
    post_delete.connect(
        forget_cookie_registry, sender=_model, dispatch_uid=f"forget-del-{_model.__name__}"
    )
