"""The site's URLs plus the benchmark's baseline: a constant 10 KB page (bench settings only)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from config.urls import urlpatterns as site_urlpatterns

BASELINE_BODY = ("<!DOCTYPE html><title>baseline</title><p>" + "x" * 10_180 + "</p>").encode()


@require_GET
def baseline(request):
    return HttpResponse(BASELINE_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline), *site_urlpatterns]
