"""Cache invalidation only (STYLE.md): whatever a public page shows, when it changes, drops
the cached directory and showcase pages. Reviews do the same from orders.reviews.models."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from legal.site_cache import site_cache_forget
from profiles.models import (
    PortfolioImage,
    ProviderIndexPage,
    ProviderProfile,
    ProviderShowcasePage,
    Skill,
    User,
)
from profiles.showcase.cache import showcase_cache_invalidate
from profiles.showcase.renditions import PORTFOLIO_SPECS

Image = get_image_model()
Rendition = Image.get_rendition_model()

# Saving only these fields changes nothing a visitor sees.
INVISIBLE_USER_FIELDS = {"last_login", "password"}


@receiver(post_save, sender=ProviderProfile, dispatch_uid="showcase_profile_saved")
@receiver(post_delete, sender=ProviderProfile, dispatch_uid="showcase_profile_deleted")
@receiver(post_save, sender=PortfolioImage, dispatch_uid="showcase_portfolio_saved")
@receiver(post_delete, sender=PortfolioImage, dispatch_uid="showcase_portfolio_deleted")
@receiver(post_save, sender=Image, dispatch_uid="showcase_image_saved")
@receiver(post_delete, sender=Image, dispatch_uid="showcase_image_deleted")
@receiver(post_save, sender=Skill, dispatch_uid="showcase_skill_saved")
@receiver(post_delete, sender=Skill, dispatch_uid="showcase_skill_deleted")
def _public_data_changed(sender, **kwargs):
    showcase_cache_invalidate()


@receiver(m2m_changed, sender=ProviderProfile.skills.through, dispatch_uid="showcase_skills")
def _skills_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        showcase_cache_invalidate()


@receiver(post_save, sender=User, dispatch_uid="showcase_user_saved")
@receiver(post_delete, sender=User, dispatch_uid="showcase_user_deleted")
def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= INVISIBLE_USER_FIELDS:
        return
    if ProviderProfile.objects.filter(user_id=instance.pk).exists():
        showcase_cache_invalidate()


@receiver(post_save, sender=Rendition, dispatch_uid="showcase_rendition_saved")
@receiver(post_delete, sender=Rendition, dispatch_uid="showcase_rendition_deleted")
def _rendition_changed(sender, instance, **kwargs):
    """A portfolio size made after upload (or by an editor) shows the image; the admin's
    thumbnails show nowhere public."""
    if instance.filter_spec in PORTFOLIO_SPECS:
        showcase_cache_invalidate()


@receiver(page_published, dispatch_uid="showcase_page_published")
@receiver(page_unpublished, dispatch_uid="showcase_page_unpublished")
def _page_changed(sender, instance, **kwargs):
    if issubclass(sender, ProviderShowcasePage | ProviderIndexPage):
        showcase_cache_invalidate()


@receiver(post_page_move, dispatch_uid="showcase_page_moved")
def _page_moved(sender, instance, **kwargs):
    """Any move: moving the directory or one of its ancestors changes every showcase's
    address (and the links to it), not only the moved page's."""
    showcase_cache_invalidate()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="showcase_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="showcase_restriction_deleted")
def _view_restriction_changed(sender, **kwargs):
    """A page put behind a password or a login must leave the anonymous cache at once."""
    site_cache_forget()  # view_restrictions_exist() asks the database again
    showcase_cache_invalidate()
