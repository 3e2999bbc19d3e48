"""Every free-text field of every form of our apps warns against sensitive data (policy §2).

The forms are discovered, as the personal-data registry discovers models: each `forms` module
of `home`, `legal`, `profiles` and `orders` (sub-packages included) is imported and every
`Form`/`ModelForm` defined there is built and inspected. A new form with a free-text field and
no warning fails here without anyone having to add it to a list.
"""

import importlib
import inspect
import pkgutil
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from tests.factories.profiles import client_create, provider_create

APPS = ("home", "legal", "profiles", "orders")
WARNING = "aucune donnée sensible"

# Free-text fields that cannot hold anyone's personal data, each with its reason.
NOT_PERSONAL = {
    # The page a visitor returns to after choosing cookies: a URL the site itself puts there.
    ("ConsentChoiceForm", "next"): "an internal URL, never typed by a person",
}


@pytest.fixture
def locales(db):
    """French and English locales: the profile factories need them, the demo site is not."""
    from wagtail.models import Locale

    for code in ("fr", "en"):
        Locale.objects.get_or_create(language_code=code)


def _forms_modules():
    for app in APPS:
        package = importlib.import_module(app)
        names = [app] + [info.name for info in pkgutil.walk_packages(package.__path__, f"{app}.")]
        for name in names:
            if name.rsplit(".", 1)[-1] == "forms":
                yield importlib.import_module(name)


def discovered_form_classes():
    found = []
    for module in _forms_modules():
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
            ):
                found.append(obj)
    return found


def _keyword_variants(client_profile, provider):
    """Values for the keyword-only arguments our forms take; a form is built once per value,
    so a form that adds fields for one kind of profile only is inspected for each kind."""
    return {
        "profile": [client_profile, provider],
        "provider": [provider],
        "settings_row": [None],
        "skills": [()],
        "user": [provider.user],
        "registry": [SimpleNamespace(optional_keys=["analytics"])],
    }


def built_forms(form_class, variants):
    required = [
        parameter.name
        for parameter in inspect.signature(form_class.__init__).parameters.values()
        if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    ]
    missing = [name for name in required if name not in variants]
    assert not missing, f"{form_class.__name__} needs {missing}: add them to _keyword_variants"
    if not required:
        return [form_class()]
    built = []
    for name in required:
        for value in variants[name]:
            others = {other: variants[other][0] for other in required if other != name}
            built.append(form_class(**others, **{name: value}))
    return built


def _is_free_text(form, name, field) -> bool:
    if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
        return True
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is not None:
        try:
            return isinstance(model._meta.get_field(name), models.TextField)
        except FieldDoesNotExist:  # a form field of its own, not a model field
            return False
    return False


@pytest.mark.django_db
@pytest.mark.policy("P2.19")
def test_every_free_text_field_of_every_form_warns_against_sensitive_data(locales):
    # Given every form our apps define, built as the views build them
    variants = _keyword_variants(client_create(), provider_create())
    classes = discovered_form_classes()
    names = {cls.__name__ for cls in classes}
    # (the discovery reaches the privacy centre and the account forms)
    assert {"RestrictionForm", "RightsRequestForm", "ClientSignupForm"} <= names
    free_text, missing = set(), []
    for form_class in classes:
        for form in built_forms(form_class, variants):
            for name, field in form.fields.items():
                if (form_class.__name__, name) in NOT_PERSONAL:
                    continue
                if not _is_free_text(form, name, field):
                    continue
                free_text.add((form_class.__name__, name))
                if WARNING not in str(field.help_text):
                    missing.append((form_class.__name__, name))
    # Then each free-text field carries the warning in its help text
    assert not missing, f"free-text fields without the sensitive-data warning: {missing}"
    # the four fields of the privacy centre are among those checked
    assert {
        ("RestrictionForm", "reason"),
        ("ObjectionForm", "reason"),
        ("PostMortemDirectiveForm", "instructions"),
        ("RightsRequestForm", "message"),
        ("PersonalDetailsForm", "comment"),
    } <= free_text


@pytest.mark.policy("P2.19")
def test_the_allow_list_names_only_fields_that_exist():
    """An allow-list entry for a field that is gone would silently excuse its successor."""
    fields = {(cls.__name__, name) for cls in discovered_form_classes() for name in cls.base_fields}
    assert set(NOT_PERSONAL) <= fields
