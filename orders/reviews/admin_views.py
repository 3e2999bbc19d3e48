from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from orders.reviews.models import Review
from orders.reviews.services import review_publish, review_remove


class ReviewModerationView(generic.EditView):
    """Moderators only change a review's status; the services keep the rating true."""

    def save_instance(self):
        review = Review.objects.get(pk=self.object.pk)
        status = self.form.cleaned_data["status"]
        if status == Review.Status.PUBLISHED:
            return review_publish(review=review)
        if status == Review.Status.REMOVED:
            return review_remove(review=review)
        return review


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "openquote"
    menu_label = _("Avis")
    add_to_admin_menu = True
    add_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ReviewModerationView
    form_fields = ["status"]
    list_display = ["subject", "kind", "rating", "status", "published_at"]
    list_filter = ["status", "kind"]
    ordering = ["-created_at"]
