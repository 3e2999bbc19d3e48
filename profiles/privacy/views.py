"""The privacy centre (/fr/compte/confidentialite/) and the public rights pages. Thin views:
forms validate, services change state, selectors read."""

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.hooks import get_hooks

from legal.client_ip import client_ip
from profiles.extension_points import RECTIFICATION_LINKS
from profiles.models import ClientProfile, ProviderProfile
from profiles.models.privacy import ConsentPurpose, DataExport, ExportPurpose
from profiles.privacy import selectors, services
from profiles.privacy.exports import export_filename
from profiles.privacy.forms import (
    AccountDeletionForm,
    MarketingPreferencesForm,
    ObjectionForm,
    PostMortemDirectiveForm,
    RestrictionForm,
    RightsRequestForm,
    SupportRequestForm,
)
from profiles.private_files import private_file_response
from profiles.selectors import profile_for_user

LINK_REFUSALS = {
    "invalid": gettext_lazy(
        "Ce lien n’est pas valide : il a peut-être été modifié ou mal copié. Rien n’a été changé."
    ),
    "expired": gettext_lazy("Ce lien a expiré. Rien n’a été changé."),
    "used": gettext_lazy("Ce lien a déjà été utilisé. Rien n’a été changé."),
}

# Where each piece of data is corrected (policy §7: from the account settings), by who the
# user is; other apps add theirs through the hook RECTIFICATION_LINKS. A name that does not
# resolve is skipped.
COMMON_RECTIFICATION_LINKS = [
    ("account_personal", gettext_lazy("Mes informations personnelles")),
    ("account_email", gettext_lazy("Mon adresse e-mail")),
    ("account_change_password", gettext_lazy("Mon mot de passe")),
]
COMPANY_RECTIFICATION_LINKS = [("account_company", gettext_lazy("Mon entreprise"))]
PROVIDER_RECTIFICATION_LINKS = [
    ("account_activity", gettext_lazy("Mon activité et ma clientèle")),
    ("account_bank", gettext_lazy("Mes coordonnées bancaires")),
    ("account_portfolio", gettext_lazy("Mon portfolio")),
]


def _link_refused(request, reason: str, status: int):
    return render(
        request,
        "profiles/privacy/link_refused.html",
        {"message": LINK_REFUSALS[reason]},
        status=status,
    )


def rectification_links(user):
    profile = profile_for_user(user)
    names = list(COMMON_RECTIFICATION_LINKS) if profile else COMMON_RECTIFICATION_LINKS[1:]
    if isinstance(profile, ProviderProfile):
        names += COMPANY_RECTIFICATION_LINKS + PROVIDER_RECTIFICATION_LINKS
    elif isinstance(profile, ClientProfile) and profile.kind == ClientProfile.Kind.COMPANY:
        names += COMPANY_RECTIFICATION_LINKS
    links = []
    names += [link for hook in get_hooks(RECTIFICATION_LINKS) for link in hook(user)]
    for name, label in names:
        try:
            links.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return links


def _export_context(user):
    export = selectors.current_export(user)
    context = {"export": export, "download_path": None}
    if export and export.is_available:
        context["download_path"] = services.data_export_owner_path(export)
    return context


@login_required
@never_cache
def privacy_centre(request):
    row = selectors.privacy_settings_for(request.user)
    return render(
        request,
        "profiles/privacy/centre.html",
        {
            "privacy_settings": row,
            "rectification_links": rectification_links(request.user),
            **_export_context(request.user),
        },
    )


@login_required
@never_cache
def privacy_data(request):
    """Right of access (policy §7): everything held about the user, by category."""
    return render(
        request,
        "profiles/privacy/data.html",
        {
            "sections": selectors.personal_data_by_category(request.user),
            "rectification_links": rectification_links(request.user),
        },
    )


@login_required
@require_POST
def privacy_export_start(request):
    services.data_export_request(user=request.user)
    messages.success(
        request,
        _(
            "La préparation de vos données a commencé. Vous recevrez aussi un e-mail quand elles seront prêtes."
        ),
    )
    return redirect(reverse("privacy_centre") + "#export")


@login_required
@never_cache
def privacy_export_status(request, export_id):
    export = get_object_or_404(
        DataExport, pk=export_id, user=request.user, purpose=ExportPurpose.PORTABILITY
    )
    body = {
        "status": export.status,
        "label": export.get_status_display(),
        "progress": export.progress,
        "download_url": None,
    }
    if export.is_available:
        body["download_url"] = services.data_export_owner_path(export)
    return JsonResponse(body)


def _export_response(export):
    return private_file_response(
        export.file.name,
        filename=export_filename(export),
        content_type="application/zip",
        encrypted=True,
    )


@never_cache
@login_required
@reauthentication_required
def privacy_export_download(request, token):
    """The e-mailed link: an opaque token, used once, valid 7 days, for its owner after a
    recent re-authentication; anyone else gets a 404."""
    try:
        export = services.data_export_claim(user=request.user, token=token)
    except DataExport.DoesNotExist as error:
        raise Http404 from error
    except services.LinkRefused as refusal:
        return _link_refused(request, refusal.reason, status=410)
    return _export_response(export)


@never_cache
@login_required
@reauthentication_required
def privacy_export_file(request, export_id):
    """The privacy centre's button: the logged-in owner's export while it is available."""
    export = get_object_or_404(
        DataExport, pk=export_id, user=request.user, purpose=ExportPurpose.PORTABILITY
    )
    if not export.is_available:
        return _link_refused(request, "expired", status=410)
    services.data_export_downloaded(export)
    return _export_response(export)


@login_required
@never_cache
def privacy_preferences(request):
    row = selectors.privacy_settings_for(request.user)
    form = MarketingPreferencesForm(
        request.POST if request.method == "POST" else None, settings_row=row
    )
    if request.method == "POST" and form.is_valid():
        changes = services.marketing_preferences_set(
            user=request.user, choices=form.cleaned_data, source="settings"
        )
        if changes:
            messages.success(request, _("Vos préférences ont été enregistrées."))
        else:
            messages.info(request, _("Aucune préférence n’a changé."))
        return redirect("privacy_preferences")
    return render(
        request,
        "profiles/privacy/preferences.html",
        {
            "form": form,
            "privacy_settings": row,
            "history": request.user.consent_events.all()[:100],
        },
    )


@login_required
@never_cache
def privacy_restriction(request):
    row = selectors.privacy_settings_for(request.user)
    form = RestrictionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if request.POST.get("action") == "lift":
            services.processing_restriction_lift(user=request.user)
            messages.success(request, _("La limitation du traitement est levée."))
            if selectors.showcase_online(request.user):
                messages.success(request, _("Votre vitrine est de nouveau en ligne."))
            return redirect("privacy_restriction")
        if form.is_valid():
            services.processing_restrict(user=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _(
                    "Le traitement de vos données est limité. Notre délégué à la protection des données est prévenu."
                ),
            )
            return redirect("privacy_restriction")
    return render(
        request, "profiles/privacy/restriction.html", {"form": form, "privacy_settings": row}
    )


@login_required
@never_cache
def privacy_objection(request):
    form = ObjectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        dsr = services.objection_submit(
            user=request.user,
            processing=form.cleaned_data["processing"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _(
                "Votre opposition est enregistrée sous le numéro %(number)s. Nous vous répondrons au plus tard le %(due)s."
            )
            % {"number": dsr.number, "due": dsr.due_on.strftime("%d/%m/%Y")},
        )
        return redirect("privacy_centre")
    return render(request, "profiles/privacy/objection.html", {"form": form})


@login_required
@never_cache
def privacy_directives(request):
    directive = getattr(request.user, "post_mortem_directive", None)
    form = PostMortemDirectiveForm(
        request.POST if request.method == "POST" else None, instance=directive
    )
    if request.method == "POST" and form.is_valid():
        services.post_mortem_directive_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Vos directives sont enregistrées."))
        return redirect("privacy_directives")
    return render(request, "profiles/privacy/directives.html", {"form": form})


@login_required
@never_cache
@reauthentication_required(allow_get=True)
def privacy_delete(request):
    """Explain what goes and what stays; delete after re-authentication and confirmation."""
    blockers = selectors.deletion_blockers(request.user)
    form = AccountDeletionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.account_erase(user=request.user)
        except services.AccountDeletionRefused as refusal:
            blockers = refusal.reasons
        else:
            logout(request)
            return redirect("account_deleted")
    return render(
        request,
        "profiles/privacy/delete.html",
        {"form": form, "blockers": blockers, "summary": selectors.deletion_summary(request.user)},
        status=409 if request.method == "POST" and blockers else 200,
    )


@login_required
@never_cache
def support_requests(request):
    form = SupportRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.support_request_submit(user=request.user, **form.cleaned_data)
        messages.success(request, _("Votre demande est envoyée. Nous vous répondrons par e-mail."))
        return redirect("support_requests")
    return render(
        request,
        "profiles/privacy/support.html",
        {"form": form, "support_requests": request.user.support_requests.all()},
    )


# Public pages -------------------------------------------------------------------------------


def _rate_limited(request) -> bool:
    limit, window = settings.PRIVACY_PUBLIC_FORM_RATE
    key = f"privacy:rights-form:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


@never_cache
def rights_request(request):
    """Exercise a right without an account (policy §7); confirmed by an e-mail link."""
    form = RightsRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _rate_limited(request):
            return render(
                request,
                "profiles/privacy/rights_request.html",
                {"form": form, "rate_limited": True},
                status=429,
            )
        if form.is_valid():
            data = form.cleaned_data
            services.rights_request_submit(
                name=data["name"], email=data["email"], kind=data["kind"], message=data["message"]
            )
            return render(
                request, "profiles/privacy/rights_request_sent.html", {"email": data["email"]}
            )
    return render(request, "profiles/privacy/rights_request.html", {"form": form})


@never_cache
def rights_request_confirm(request, token):
    try:
        dsr = services.rights_request_confirm(token=token)
    except services.LinkRefused as refusal:
        return _link_refused(
            request, refusal.reason, status=400 if refusal.reason == "invalid" else 410
        )
    return render(request, "profiles/privacy/rights_request_confirmed.html", {"dsr": dsr})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def marketing_unsubscribe(request, token):
    """The unsubscribe link of every marketing e-mail: works without login, idempotent.

    GET shows a one-button page (link scanners must not unsubscribe people by visiting);
    POST unsubscribes — from that button, or from a mail client's one-click button (RFC 8058,
    body "List-Unsubscribe=One-Click", hence no CSRF token: the signed token is the proof).
    """
    from django.core import signing

    from profiles.privacy.emails import UNSUBSCRIBE_SALT

    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        purpose = ConsentPurpose(payload["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return _link_refused(request, "invalid", status=400)
    if request.method == "GET":
        return render(
            request, "profiles/privacy/unsubscribe.html", {"purpose": purpose, "token": token}
        )
    try:
        _user, purpose, changed = services.marketing_unsubscribe(token=token)
    except services.LinkRefused as refusal:
        return _link_refused(request, refusal.reason, status=400)
    return render(
        request,
        "profiles/privacy/unsubscribed.html",
        {"purpose": ConsentPurpose(purpose), "changed": changed},
    )


def account_deleted(request):
    return render(request, "profiles/privacy/account_deleted.html")
