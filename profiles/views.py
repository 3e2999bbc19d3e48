"""The two sign-up journeys and the account area. Views stay thin: forms validate, services act."""

import datetime
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from profiles import selectors, services
from profiles.adapters import PREVIOUS_LOGIN_SESSION_KEY
from profiles.forms import (
    BankDetailsForm,
    ClientSignupForm,
    CompanyDetailsForm,
    EmailLanguageForm,
    PersonalDetailsForm,
    PortfolioImageAddForm,
    PortfolioImageForm,
    ProviderActivityForm,
    ProviderSignupForm,
    ShowcaseTextForm,
)
from profiles.models import ClientProfile, ProviderProfile
from profiles.private_files import private_file_response
from profiles.services import PORTFOLIO_MAX_IMAGES
from profiles.showcase import selectors as showcase_selectors

# --- Sign-up -------------------------------------------------------------------------------


class SignupChoiceView(TemplateView):
    """allauth's sign-up address offers the two journeys instead of a bare form."""

    template_name = "account/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("account_overview")
        return super().dispatch(request, *args, **kwargs)


class JourneySignupView(SignupView):
    def get_form_class(self):
        # ACCOUNT_FORMS never overrides a journey: each URL has its own form.
        return self.form_class


class ClientSignupView(JourneySignupView):
    form_class = ClientSignupForm
    template_name = "account/signup_client.html"


class ProviderSignupView(JourneySignupView):
    form_class = ProviderSignupForm
    template_name = "account/signup_provider.html"


def admin_login(request):
    """Wagtail's own login form is never used: the admin signs in through allauth, with the
    same rate limits and the same second factor as everyone else."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "/admin/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    query = urlencode({REDIRECT_FIELD_NAME: next_url})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


# --- Account area --------------------------------------------------------------------------


def _profile_or_404(user, model=None):
    profile = selectors.profile_for_user(user)
    if profile is None or (model is not None and not isinstance(profile, model)):
        raise Http404
    return profile


def _previous_login(request):
    value = request.session.get(PREVIOUS_LOGIN_SESSION_KEY)
    return datetime.datetime.fromisoformat(value) if value else None


@login_required
def account_overview(request):
    profile = selectors.profile_for_user(request.user)
    context = {
        "profile": profile,
        "is_provider": isinstance(profile, ProviderProfile),
        "is_client": isinstance(profile, ClientProfile),
        "previous_login": _previous_login(request),
        "language_form": EmailLanguageForm(instance=request.user),
    }
    if isinstance(profile, ProviderProfile):
        context["skills"] = selectors.skills_display(profile, get_language())
        context["portfolio_count"] = profile.portfolio_images.count()
    return render(request, "profiles/account_overview.html", context)


@login_required
@never_cache
def client_photo(request):
    """A client's profile photo, in the private storage: shown to that client only."""
    profile = ClientProfile.objects.filter(user=request.user).exclude(photo="").first()
    if profile is None:
        raise Http404
    return private_file_response(
        profile.photo.name, filename=profile.photo.name.rsplit("/", 1)[-1], as_attachment=False
    )


@login_required
@require_POST
def email_language_edit(request):
    form = EmailLanguageForm(request.POST, instance=request.user)
    if form.is_valid():
        services.user_language_set(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("La langue de nos e-mails est enregistrée."))
    else:
        messages.error(request, _("Choisissez une des langues proposées."))
    return redirect("account_overview")


def _edit(request, *, form_class, template, title, success, form_kwargs, **context):
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            try:
                form.save()
            except ValidationError as error:
                _add_model_errors(form, error)
            else:
                messages.success(request, success)
                return None
    else:
        form = form_class(**form_kwargs)
    profile = context.get("profile")
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "is_provider": isinstance(profile, ProviderProfile),
            "is_client": isinstance(profile, ClientProfile),
            **context,
        },
    )


def _add_model_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def personal_details_edit(request):
    profile = _profile_or_404(request.user)
    response = _edit(
        request,
        form_class=PersonalDetailsForm,
        template="profiles/account_form.html",
        title=_("Mes informations personnelles"),
        success=_("Vos informations personnelles sont enregistrées."),
        form_kwargs={"profile": profile},
        profile=profile,
    )
    return response or redirect("account_overview")


@login_required
def company_details_edit(request):
    profile = _profile_or_404(request.user)
    response = _edit(
        request,
        form_class=CompanyDetailsForm,
        template="profiles/account_form.html",
        title=_("Mon entreprise"),
        success=_("Les informations de votre entreprise sont enregistrées."),
        form_kwargs={"profile": profile},
        profile=profile,
    )
    return response or redirect("account_overview")


@login_required
def provider_activity_edit(request):
    provider = _profile_or_404(request.user, ProviderProfile)
    response = _edit(
        request,
        form_class=ProviderActivityForm,
        template="profiles/account_form.html",
        title=_("Mon activité"),
        success=_("Votre activité est enregistrée."),
        form_kwargs={"provider": provider},
        profile=provider,
    )
    return response or redirect("account_overview")


@login_required
@reauthentication_required
def bank_details_edit(request):
    provider = _profile_or_404(request.user, ProviderProfile)
    response = _edit(
        request,
        form_class=BankDetailsForm,
        template="profiles/bank_details_form.html",
        title=_("Mes coordonnées bancaires"),
        success=_(
            "Vos coordonnées bancaires sont enregistrées. Un e-mail de sécurité vous a été envoyé."
        ),
        form_kwargs={"provider": provider},
        profile=provider,
    )
    if response is not None:
        return response
    provider.refresh_from_db()
    get_adapter(request).send_notification_mail(
        "account/email/bank_details_changed",
        request.user,
        {"masked_iban": provider.masked_iban},
    )
    return redirect("account_overview")


@login_required
def portfolio(request):
    provider = _profile_or_404(request.user, ProviderProfile)
    items = list(selectors.portfolio_for_provider(provider))
    if request.method == "POST":
        form = PortfolioImageAddForm(request.POST, request.FILES, provider=provider)
        if form.is_valid():
            try:
                form.save()
            except ValidationError as error:
                _add_model_errors(form, error)
            else:
                messages.success(request, _("L’image est ajoutée à votre portfolio."))
                return redirect("account_portfolio")
    else:
        form = PortfolioImageAddForm(provider=provider)
    return render(
        request,
        "profiles/portfolio.html",
        {
            "form": form,
            "items": items,
            "max_images": PORTFOLIO_MAX_IMAGES,
            "is_full": len(items) >= PORTFOLIO_MAX_IMAGES,
            "title": _("Mon portfolio"),
            "profile": provider,
            "is_provider": True,
        },
    )


@login_required
def portfolio_item_edit(request, item_id):
    item = selectors.portfolio_item_for_owner(user=request.user, item_id=item_id)
    initial = {"title": item.image.title, "alt_text": item.image.description}
    if request.method == "POST":
        form = PortfolioImageForm(request.POST, initial=initial)
        if form.is_valid():
            services.portfolio_image_update(
                item=item, title=form.cleaned_data["title"], alt_text=form.cleaned_data["alt_text"]
            )
            messages.success(request, _("L’image est modifiée."))
            return redirect("account_portfolio")
    else:
        form = PortfolioImageForm(initial=initial)
    return render(
        request,
        "profiles/portfolio_item_form.html",
        {"form": form, "item": item, "title": _("Modifier l’image")},
    )


@login_required
@require_POST
def portfolio_item_move(request, item_id):
    item = selectors.portfolio_item_for_owner(user=request.user, item_id=item_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.portfolio_image_move(item=item, offset=offset)
    return redirect("account_portfolio")


@login_required
@require_POST
def portfolio_item_delete(request, item_id):
    item = selectors.portfolio_item_for_owner(user=request.user, item_id=item_id)
    services.portfolio_image_delete(item=item)
    messages.success(request, _("L’image est retirée de votre portfolio."))
    return redirect("account_portfolio")


@login_required
def showcase_edit(request):
    """The retoucher's own showcase: its text, where it stands in moderation, its address."""
    provider = _profile_or_404(request.user, ProviderProfile)
    own = showcase_selectors.showcase_of_owner(provider=provider)
    missing = showcase_selectors.showcase_missing(provider=provider)
    initial = {}
    if own.draft is not None:
        initial = {"service_title": own.draft.service_title, "intro": own.draft.intro}
    form_kwargs = {"provider": provider, "user": request.user, "initial": initial}
    if request.method == "POST":
        submit = "submit" in request.POST
        form = ShowcaseTextForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                form.save(submit=submit)
            except ValidationError as error:
                _add_model_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Votre vitrine est envoyée à la modération. Vous recevrez un e-mail dès "
                        "qu’elle sera validée."
                    )
                    if submit
                    else _("Votre texte est enregistré. Il sera visible après validation."),
                )
                return redirect("account_showcase")
    else:
        form = ShowcaseTextForm(**form_kwargs)
    return render(
        request,
        "profiles/showcase_edit.html",
        {
            "form": form,
            "own": own,
            "missing": missing,
            "title": _("Ma vitrine"),
            "profile": provider,
            "is_provider": True,
        },
    )
