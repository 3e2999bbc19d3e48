import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from legal import selectors, services
from legal.forms import TermsAcceptanceForm
from legal.middleware import SESSION_KEY
from legal.models import AcceptanceMethod, DocumentKind, PolicyVersion
from legal.text_diff import text_diff

NOTICE_SESSION_KEY = "legal_privacy_notice_dismissed"


def _next_url(request, default="/"):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@login_required
def terms_accept(request):
    """The interstitial: what changed in the terms, and the new version to accept."""
    required = selectors.legal_state().terms_required
    language_code = translation.get_language()
    next_url = _next_url(request, default=f"/{language_code}/")
    if required is None or selectors.terms_accepted(user=request.user, version=required):
        return redirect(next_url)
    version = selectors.terms_version_to_accept(language_code=language_code, required=required)
    form = TermsAcceptanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.terms_accept(
            user=request.user, version=version, method=AcceptanceMethod.REACCEPTANCE
        )
        request.session[SESSION_KEY] = required
        return redirect(next_url)
    previous = version.previous()
    return render(
        request,
        "legal/terms_interstitial.html",
        {
            "form": form,
            "version": version,
            "previous_version": previous,
            "diff": text_diff(previous.text, version.text) if previous else None,
            "next_url": next_url,
        },
    )


@login_required
@require_POST
def privacy_notice_dismiss(request):
    try:
        version_id = uuid.UUID(request.POST.get("version", ""))
    except ValueError as error:
        raise Http404 from error
    version = get_object_or_404(PolicyVersion, pk=version_id, kind=DocumentKind.PRIVACY_POLICY)
    if not version.is_material_change:
        raise Http404
    services.privacy_notice_dismiss(user=request.user, version=version)
    request.session[NOTICE_SESSION_KEY] = version.version
    return redirect(_next_url(request, default=f"/{translation.get_language()}/"))
