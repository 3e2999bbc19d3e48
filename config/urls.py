from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from profiles import views as profiles_views
from profiles.privacy import admin_views as privacy_admin_views

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    # Before Wagtail's admin: its login form would bypass allauth's rate limits and MFA.
    path("admin/login/", profiles_views.admin_login, name="admin_login"),
    # Before Wagtail's admin too: its site history (every staff action) is for the DPO only.
    path("admin/reports/site-history/", privacy_admin_views.site_history),
    path("admin/reports/site-history/results/", privacy_admin_views.site_history_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    # The privacy centre comes before every other compte/ include.
    path(_("compte/confidentialite/"), include("profiles.privacy.urls")),
    path(_("compte/"), include("profiles.urls")),
    path(_("compte/"), include("allauth.urls")),
    path(_("juridique/"), include("legal.urls")),
    # Legal page archives (versions/1.1/, versions/1.1/diff/): Wagtail's own pattern takes
    # no dot in a path, so these addresses are handed to its page view here.
    re_path(
        r"^((?:[\w\-]+/)*versions/\d{1,3}\.\d{1,3}/(?:diff/)?)$",
        wagtail_views.serve,
        name="legal_version_serve",
    ),
    path(_("cookies/"), include("legal.consent.urls")),
    path("", include("profiles.privacy.public_urls")),
    # Wagtail's catch-all comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if getattr(settings, "SERVE_MEDIA", False):
    # Dev and browser tests only; production serves media from object storage.
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
