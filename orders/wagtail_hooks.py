from wagtail import hooks

from orders.reviews.admin_views import ReviewViewSet


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet("reviews")
