"""The site's URLs plus /media/ served from MEDIA_ROOT, as `make run` (SERVE_MEDIA) does: what
an anonymous visitor can fetch in development, and from the public bucket in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]
