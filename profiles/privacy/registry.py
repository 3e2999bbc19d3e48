"""The personal-data registry: every field that holds personal data, declared once.

A declaration says, for one model, how its rows belong to a user (`owner`, an ORM path to
the user: "user", "provider__user"; "" for the user model itself) and, for each field, what it
is (category, export label), why it is processed (purpose, legal basis), who receives it,
how long it is kept and what becomes of it when the account is deleted. Fields that hold
nothing personal are listed as such, so that a new field cannot slip in unclassified: the
completeness check (`undeclared_fields`) walks every model linked to a user.

From the declarations come the access page, the export, the erasure check, the record of
processing ("Registre des traitements") and the retention purge. Each app declares its own
models through the hook `PERSONAL_DATA_DECLARATIONS` (profiles/extension_points.py), which
the registry calls on its first read; extra export records come from `PERSONAL_DATA_EXPORT`.
`profiles` never imports the apps above it.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from profiles.extension_points import PERSONAL_DATA_DECLARATIONS, PERSONAL_DATA_EXPORT


class Category(models.TextChoices):
    IDENTITY = "identity", _("Identité")
    CONTACT = "contact", _("Coordonnées")
    ACCOUNT = "account", _("Compte et connexion")
    PROFESSIONAL = "professional", _("Informations professionnelles")
    BANK = "bank", _("Coordonnées bancaires")
    PUBLIC_PROFILE = "public_profile", _("Profil public et portfolio")
    ACTIVITY = "activity", _("Activité sur le site")
    PREFERENCES = "preferences", _("Préférences et consentements")
    REQUESTS = "requests", _("Demandes et assistance")
    LEGAL = "legal", _("Preuves légales")
    STAFF = "staff", _("Traçabilité des actions de l’équipe")


class LegalBasis(models.TextChoices):
    CONTRACT = "contract", _("Exécution du contrat (art. 6.1.b RGPD)")
    LEGAL_OBLIGATION = "legal_obligation", _("Obligation légale (art. 6.1.c RGPD)")
    CONSENT = "consent", _("Consentement (art. 6.1.a RGPD)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Intérêt légitime (art. 6.1.f RGPD)")


class Erasure(models.TextChoices):
    # Deleted with the account (row or value).
    DELETE = "delete", _("supprimée à la clôture du compte")
    # Kept, but no longer linked to the person (a review shown as written by a deleted user).
    ANONYMISE = "anonymise", _("conservée sans lien avec la personne")
    # Kept for the legal period after closure, then purged (policy §5), only for those the
    # policy names (retouchers, clients who bought); deleted for everyone else.
    RETAIN = (
        "retain",
        _("conservée 10 ans après la clôture pour les retoucheurs et clients ayant acheté"),
    )


DEFAULT_RECIPIENTS = _("La Société (personnel habilité selon son rôle)")


@dataclass(frozen=True)
class PersonalField:
    label: str | Promise
    category: str
    purpose: str | Promise | None = None
    legal_basis: str | None = None
    retention: str | Promise | None = None
    recipients: str | Promise | None = None
    public: bool = False
    erasure: str = Erasure.DELETE
    # False for secrets the user must not receive back in clear (password hash, MFA seeds).
    exported: bool = True


@dataclass
class ModelDeclaration:
    model_label: str
    owner: str
    fields: dict[str, PersonalField]
    not_personal: frozenset[str]

    @property
    def model(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    def rows_of(self, user) -> models.QuerySet:
        lookup = f"{self.owner}__pk" if self.owner else "pk"
        return self.model._default_manager.filter(**{lookup: user.pk})


@dataclass
class ExportedValue:
    name: str
    label: str
    value: object  # JSON-safe
    display: str
    public: bool


@dataclass
class ExportedRecord:
    category: str
    model_label: str
    model_name: str
    pk: str
    values: list[ExportedValue]
    # (storage, name) pairs of the files that belong to this record.
    files: list[tuple[object, str]] = field(default_factory=list)


class PersonalDataRegistry:
    def __init__(self, *, declarations_hook: str | None = None):
        self._declarations: dict[str, ModelDeclaration] = {}
        self._exempt: dict[str, str] = {}
        # The site's registry asks every app for its declarations on first read (apps are
        # loaded by then); a registry made by hand (tests) holds only what it is given.
        self._declarations_hook = declarations_hook
        self._declared = declarations_hook is None

    def _declare_apps(self) -> None:
        if self._declared:
            return
        self._declared = True
        for declare in hooks.get_hooks(self._declarations_hook):
            declare(self)

    @property
    def declarations(self) -> dict[str, ModelDeclaration]:
        self._declare_apps()
        return self._declarations

    @declarations.setter
    def declarations(self, value: dict[str, ModelDeclaration]) -> None:
        self._declarations = value

    @property
    def exempt(self) -> dict[str, str]:
        """Models linked to users that the registry does not cover, and why."""
        self._declare_apps()
        return self._exempt

    @exempt.setter
    def exempt(self, value: dict[str, str]) -> None:
        self._exempt = value

    # Declaring ------------------------------------------------------------------------------

    def declare(
        self,
        model_label: str,
        *,
        owner: str,
        fields: dict[str, PersonalField],
        not_personal: Iterable[str] = (),
        purpose=None,
        legal_basis=None,
        retention=None,
        recipients=None,
    ) -> ModelDeclaration:
        """Declare a model's personal fields; model-level defaults fill what a field omits."""
        if model_label in self._declarations:
            raise ValueError(f"{model_label} is already declared in the personal-data registry.")
        filled = {}
        for name, spec in fields.items():
            filled[name] = dataclasses.replace(
                spec,
                purpose=spec.purpose or purpose,
                legal_basis=spec.legal_basis or legal_basis,
                retention=spec.retention or retention,
                recipients=spec.recipients or recipients or DEFAULT_RECIPIENTS,
            )
            missing = [
                a for a in ("purpose", "legal_basis", "retention") if not getattr(filled[name], a)
            ]
            if missing:
                raise ValueError(f"{model_label}.{name}: no {', '.join(missing)}.")
        declaration = ModelDeclaration(
            model_label=model_label,
            owner=owner,
            fields=filled,
            not_personal=frozenset(not_personal),
        )
        self._declarations[model_label] = declaration
        return declaration

    def exempt_model(self, model_label: str, reason: str) -> None:
        """A model linked to users that the registry does not cover, and why."""
        self._exempt[model_label] = reason

    # Reading --------------------------------------------------------------------------------

    def active_declarations(self) -> list[ModelDeclaration]:
        """Declarations of installed models (a guarded declaration may name a missing one)."""
        return [d for d in self.declarations.values() if d.model is not None]

    def all_fields(self) -> list[tuple[ModelDeclaration, str, PersonalField]]:
        return [
            (d, name, spec) for d in self.active_declarations() for name, spec in d.fields.items()
        ]

    def collect(self, user) -> list[ExportedRecord]:
        """Every declared value held about `user`, record by record, then the handlers' own."""
        records: list[ExportedRecord] = []
        for declaration in self.active_declarations():
            model = declaration.model
            queryset = declaration.rows_of(user)
            m2m = [n for n in declaration.fields if model._meta.get_field(n).many_to_many]
            if m2m:
                queryset = queryset.prefetch_related(*m2m)
            # Linked rows (portfolio images, accepted versions) in the same query, not one each.
            fks = [
                n
                for n, spec in declaration.fields.items()
                if spec.exported and model._meta.get_field(n).many_to_one
            ]
            if fks:
                queryset = queryset.select_related(*fks)
            for row in queryset:
                records.extend(_records_for_row(declaration, row))
        for export in hooks.get_hooks(PERSONAL_DATA_EXPORT):
            records.extend(export(user))
        return records

    def processing_record(self) -> list[dict]:
        """The record of processing (GDPR art. 30), one entry per purpose."""
        by_purpose: dict[str, dict] = {}
        for declaration, _name, spec in self.all_fields():
            model = declaration.model
            entry = by_purpose.setdefault(
                str(spec.purpose),
                {
                    "purpose": str(spec.purpose),
                    "legal_bases": set(),
                    "categories": set(),
                    "recipients": set(),
                    "retention": set(),
                    "fields": [],
                },
            )
            entry["legal_bases"].add(str(LegalBasis(spec.legal_basis).label))
            entry["categories"].add(str(Category(spec.category).label))
            entry["recipients"].add(str(spec.recipients))
            if spec.public:
                entry["recipients"].add(str(_("Public (vitrine accessible sans compte)")))
            entry["retention"].add(str(spec.retention))
            entry["fields"].append(f"{model._meta.verbose_name} · {spec.label}")
        return [
            {
                **entry,
                **{
                    k: sorted(entry[k])
                    for k in ("legal_bases", "categories", "recipients", "retention")
                },
            }
            for entry in sorted(by_purpose.values(), key=lambda e: e["purpose"])
        ]

    # Completeness ---------------------------------------------------------------------------

    def user_linked_models(self, model_list=None) -> list[type[models.Model]]:
        """Models with a relation to the user model, directly or through a linked model of ours
        (a profile): PortfolioImage → ProviderProfile → User."""
        user_model = get_user_model()
        candidates = [
            m
            for m in (model_list if model_list is not None else apps.get_models())
            if not m._meta.proxy
        ]
        linked = {user_model}
        changed = True
        while changed:
            changed = False
            for model in candidates:
                if model in linked:
                    continue
                for f in _own_fields(model):
                    target = f.related_model if f.is_relation else None
                    if target in linked and (
                        target is user_model or target._meta.label not in self.exempt
                    ):
                        linked.add(model)
                        changed = True
                        break
        return [m for m in candidates if m in linked]

    def undeclared_fields(self, model_list=None) -> list[str]:
        """ "app.Model.field" for each field of a user-linked model that is neither declared
        personal nor listed as not personal (and whose model is not exempt)."""
        problems = []
        for model in self.user_linked_models(model_list):
            label = model._meta.label
            if label in self.exempt:
                continue
            declaration = self.declarations.get(label)
            declared = set(declaration.fields) | declaration.not_personal if declaration else set()
            for f in _own_fields(model):
                if f.name not in declared:
                    problems.append(f"{label}.{f.name}")
            if declaration:
                unknown = (
                    (set(declaration.fields) | declaration.not_personal)
                    - {f.name for f in _own_fields(model)}
                    - {f.name for f in model._meta.concrete_fields}
                )
                problems.extend(f"{label}.{name} (declared but no such field)" for name in unknown)
        return problems


def _own_fields(model) -> list[models.Field]:
    """Concrete and many-to-many fields the model defines itself (not a parent's, not the
    automatic id or parent link)."""
    return [
        f
        for f in model._meta.get_fields(include_parents=False)
        if (getattr(f, "concrete", False) or f.many_to_many)
        and not f.auto_created
        and getattr(f, "model", model) is model
    ]


def _json_value(model_field, value):
    if value is None:
        return None
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if hasattr(value, "code") and model_field.__class__.__name__ == "CountryField":
        return value.code or None
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _display_value(row, model_field, value) -> str:
    if value in (None, "") or (isinstance(value, FieldFile) and not value):
        return ""
    if model_field.choices:
        return str(getattr(row, f"get_{model_field.name}_display")())
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if model_field.__class__.__name__ == "CountryField":
        return str(value.name)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1]
    if isinstance(value, datetime.datetime):
        from django.utils import formats, timezone

        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        from django.utils import formats

        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _records_for_row(declaration: ModelDeclaration, row) -> list[ExportedRecord]:
    model = declaration.model
    values = []
    files = []
    for name, spec in declaration.fields.items():
        if not spec.exported:
            continue
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            related = list(getattr(row, name).all())
            raw = [str(o) for o in related]
            values.append(ExportedValue(name, str(spec.label), raw, ", ".join(raw), spec.public))
            continue
        value = getattr(row, name)
        if (
            isinstance(value, models.Model)
            and hasattr(value, "file")
            and isinstance(value.file, FieldFile)
        ):
            # A Wagtail image or document: the file itself is the personal data.
            if value.file:
                files.append((value.file.storage, value.file.name))
            values.append(
                ExportedValue(
                    name,
                    str(spec.label),
                    value.file.name,
                    value.file.name.rsplit("/", 1)[-1],
                    spec.public,
                )
            )
            continue
        if isinstance(value, FieldFile) and value:
            files.append((value.storage, value.name))
        values.append(
            ExportedValue(
                name,
                str(spec.label),
                _json_value(model_field, value),
                _display_value(row, model_field, value),
                spec.public,
            )
        )
    # One record per category, so that each category's CSV holds only its own columns.
    by_category: dict[str, list[ExportedValue]] = {}
    for value in values:
        by_category.setdefault(declaration.fields[value.name].category, []).append(value)
    records = []
    for category, category_values in by_category.items():
        category_files = [f for f in files if any(v.value == f[1] for v in category_values)]
        records.append(
            ExportedRecord(
                category=category,
                model_label=declaration.model_label,
                model_name=str(model._meta.verbose_name),
                pk=str(row.pk),
                values=category_values,
                files=category_files,
            )
        )
    return records


registry = PersonalDataRegistry(declarations_hook=PERSONAL_DATA_DECLARATIONS)
