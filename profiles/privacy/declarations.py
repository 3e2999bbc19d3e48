"""Personal-data declarations of profiles, of legal (which imports nothing of ours) and of the
libraries whose rows hold a user's data (allauth). `declare_all` fills the hook
PERSONAL_DATA_DECLARATIONS (profiles/wagtail_hooks.py): the registry calls it on first read.

Orders declares its own models in orders/privacy.py, through the same hook.
"""

from django.utils.translation import gettext_lazy as _

from profiles.privacy.registry import Category as C
from profiles.privacy.registry import Erasure, LegalBasis, PersonalDataRegistry, PersonalField

P = PersonalField

ACCOUNT_PURPOSE = _("Accès et utilisation du site, gestion du compte")
SERVICE_PURPOSE = _("Mise en relation entre clients et retoucheurs, exécution des prestations")
SHOWCASE_PURPOSE = _("Vitrine publique du retoucheur")
PAYMENT_PURPOSE = _("Paiement des prestations et versements aux retoucheurs (Mangopay)")
MARKETING_PURPOSE = _("Newsletter, prospection commerciale et statistiques, selon vos préférences")
RIGHTS_PURPOSE = _("Exercice des droits sur les données personnelles")
SUPPORT_PURPOSE = _("Assistance aux utilisateurs")
LEGAL_PURPOSE = _("Obligations juridiques, légales et fiscales")
SECURITY_PURPOSE = _("Sécurité du compte et traçabilité des accès")

UNTIL_CLOSURE = _("Jusqu’à la clôture du compte")
SEVEN_DAYS = _("7 jours après sa préparation")
TEN_YEARS = _("10 ans après la clôture du compte (retoucheurs et clients ayant acheté)")
FIVE_YEARS_AFTER_CLOSING = _("5 ans après la clôture de la demande")
THIRTY_DAYS_UNVERIFIED = _(
    "Jusqu’à la clôture du compte ; 30 jours si l’adresse n’est jamais vérifiée"
)

PUBLIC_RECIPIENTS = _("Public : vitrine accessible sans compte, moteurs de recherche")
CLIENT_PROVIDER_RECIPIENTS = _(
    "La Société ; les retoucheurs et clients avec qui vous êtes en relation"
)
BANK_RECIPIENTS = _("La Société ; Mangopay (paiements et vérification KYC)")
CONTACT_DPO = _("Le délégué à la protection des données et l’équipe habilitée")

PERSONAL_DETAILS = {
    "birth_date": P(_("Date de naissance"), C.IDENTITY),
    "country_of_residence": P(_("Pays de résidence"), C.IDENTITY),
    "nationality": P(_("Nationalité"), C.IDENTITY),
    "address": P(_("Adresse"), C.CONTACT),
    "postcode": P(_("Code postal"), C.CONTACT),
    "city": P(_("Ville"), C.CONTACT),
}
COMPANY_DETAILS = {
    "legal_structure": P(_("Structure juridique"), C.PROFESSIONAL),
    "company_name": P(_("Nom de l’entreprise"), C.PROFESSIONAL),
    "company_country": P(_("Pays d’immatriculation"), C.PROFESSIONAL),
    "siret": P(_("Numéro SIRET"), C.PROFESSIONAL),
    "registration_number": P(_("Numéro d’immatriculation"), C.PROFESSIONAL),
    "vat_number": P(_("Numéro de TVA intracommunautaire"), C.PROFESSIONAL),
}


def declare_profiles(registry: PersonalDataRegistry):
    registry.declare(
        "profiles.User",
        owner="",
        purpose=ACCOUNT_PURPOSE,
        legal_basis=LegalBasis.CONTRACT,
        retention=THIRTY_DAYS_UNVERIFIED,
        fields={
            "first_name": P(_("Prénom"), C.IDENTITY, recipients=CLIENT_PROVIDER_RECIPIENTS),
            "last_name": P(_("Nom"), C.IDENTITY, recipients=CLIENT_PROVIDER_RECIPIENTS),
            "email": P(_("Adresse e-mail"), C.CONTACT),
            "language": P(_("Langue des e-mails"), C.ACCOUNT),
            "last_login": P(_("Date de dernière connexion"), C.ACCOUNT),
            "date_joined": P(_("Date d’inscription"), C.ACCOUNT),
            "is_active": P(_("Compte actif"), C.ACCOUNT),
            "is_staff": P(_("Membre de l’équipe"), C.ACCOUNT),
            "is_superuser": P(_("Administrateur"), C.ACCOUNT),
            "groups": P(_("Rôles"), C.ACCOUNT),
            "user_permissions": P(_("Permissions individuelles"), C.ACCOUNT),
            # A salted hash, never given back: it would only help an attacker.
            "password": P(
                _("Mot de passe (empreinte)"),
                C.ACCOUNT,
                purpose=SECURITY_PURPOSE,
                exported=False,
            ),
        },
    )
    common = dict(purpose=SERVICE_PURPOSE, legal_basis=LegalBasis.CONTRACT, retention=UNTIL_CLOSURE)
    registry.declare(
        "profiles.ClientProfile",
        owner="user",
        fields={
            **PERSONAL_DETAILS,
            **COMPANY_DETAILS,
            "photo": P(_("Photo de profil"), C.PUBLIC_PROFILE),
            "kind": P(_("Type de client"), C.PROFESSIONAL),
            "comment": P(_("Commentaire"), C.ACTIVITY),
            "created_at": P(_("Profil créé le"), C.ACCOUNT),
            "updated_at": P(_("Profil modifié le"), C.ACCOUNT),
        },
        not_personal=["user"],
        **common,
    )
    registry.declare(
        "profiles.ProviderProfile",
        owner="user",
        fields={
            **PERSONAL_DETAILS,
            **COMPANY_DETAILS,
            "photo": P(
                _("Photo de profil"),
                C.PUBLIC_PROFILE,
                public=True,
                purpose=SHOWCASE_PURPOSE,
                recipients=PUBLIC_RECIPIENTS,
            ),
            "city": P(
                _("Ville"),
                C.CONTACT,
                public=True,
                purpose=SHOWCASE_PURPOSE,
                recipients=PUBLIC_RECIPIENTS,
            ),
            "kind": P(_("Type de retoucheur"), C.PROFESSIONAL),
            "phone": P(_("Numéro de téléphone"), C.CONTACT),
            "website": P(_("Site internet"), C.PROFESSIONAL),
            "skills": P(
                _("Compétences professionnelles"),
                C.PUBLIC_PROFILE,
                public=True,
                purpose=SHOWCASE_PURPOSE,
                recipients=PUBLIC_RECIPIENTS,
            ),
            "preferred_clientele": P(_("Clientèle souhaitée"), C.PROFESSIONAL),
            "iban": P(_("IBAN"), C.BANK, purpose=PAYMENT_PURPOSE, recipients=BANK_RECIPIENTS),
            "bic": P(_("BIC"), C.BANK, purpose=PAYMENT_PURPOSE, recipients=BANK_RECIPIENTS),
            "bank_account_holder": P(
                _("Titulaire du compte"),
                C.BANK,
                purpose=PAYMENT_PURPOSE,
                recipients=BANK_RECIPIENTS,
            ),
            "rating_average": P(
                _("Note moyenne"),
                C.PUBLIC_PROFILE,
                public=True,
                purpose=SHOWCASE_PURPOSE,
                recipients=PUBLIC_RECIPIENTS,
            ),
            "review_count": P(
                _("Nombre d’avis"),
                C.PUBLIC_PROFILE,
                public=True,
                purpose=SHOWCASE_PURPOSE,
                recipients=PUBLIC_RECIPIENTS,
            ),
            "allow_search_indexing": P(
                _("Vitrine visible des moteurs de recherche"),
                C.PREFERENCES,
                purpose=SHOWCASE_PURPOSE,
            ),
            "created_at": P(_("Profil créé le"), C.ACCOUNT),
            "updated_at": P(_("Profil modifié le"), C.ACCOUNT),
        },
        # The Wagtail collection that holds the portfolio images (declared below).
        not_personal=["user", "portfolio_collection"],
        **common,
    )
    registry.declare(
        "profiles.PortfolioImage",
        owner="provider__user",
        purpose=SHOWCASE_PURPOSE,
        legal_basis=LegalBasis.CONTRACT,
        retention=UNTIL_CLOSURE,
        recipients=PUBLIC_RECIPIENTS,
        fields={
            "image": P(_("Image du portfolio"), C.PUBLIC_PROFILE, public=True),
            "hidden_by_editor": P(_("Masquée par la modération"), C.PUBLIC_PROFILE),
            "before_image": P(_("Image « avant » du portfolio"), C.PUBLIC_PROFILE, public=True),
            "created_at": P(_("Ajoutée le"), C.PUBLIC_PROFILE),
        },
        not_personal=["id", "provider", "sort_order"],
    )
    # The showcase page is written by editors; it describes the retoucher's service and is
    # deleted, in every language, when the account goes (its slug holds the first name).
    registry.declare(
        "profiles.ProviderShowcasePage",
        owner="provider__user",
        purpose=SHOWCASE_PURPOSE,
        legal_basis=LegalBasis.CONTRACT,
        retention=UNTIL_CLOSURE,
        recipients=PUBLIC_RECIPIENTS,
        fields={
            "service_title": P(
                _("Vitrine : titre de la prestation"),
                C.PUBLIC_PROFILE,
                public=True,
            ),
            "intro": P(
                _("Vitrine : présentation"),
                C.PUBLIC_PROFILE,
                public=True,
            ),
        },
        not_personal=["provider", "featured", "restriction_revision"],
    )

    # The privacy centre's own data.
    registry.declare(
        "profiles.PrivacySettings",
        owner="user",
        purpose=MARKETING_PURPOSE,
        legal_basis=LegalBasis.CONSENT,
        retention=UNTIL_CLOSURE,
        fields={
            "newsletter": P(_("Newsletter"), C.PREFERENCES),
            "commercial_email": P(_("Offres commerciales par e-mail"), C.PREFERENCES),
            "commercial_sms": P(_("Offres commerciales par SMS"), C.PREFERENCES),
            "personalised_ads": P(_("Publicité personnalisée"), C.PREFERENCES),
            "audience_statistics": P(_("Statistiques d’audience"), C.PREFERENCES),
            "restricted_at": P(
                _("Traitement limité depuis"),
                C.REQUESTS,
                purpose=RIGHTS_PURPOSE,
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
            "restriction_reason": P(
                _("Motif de la limitation"),
                C.REQUESTS,
                purpose=RIGHTS_PURPOSE,
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
            "updated_at": P(_("Préférences modifiées le"), C.PREFERENCES),
        },
        not_personal=["id", "user"],
    )
    registry.declare(
        "profiles.ConsentEvent",
        owner="user",
        purpose=MARKETING_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=UNTIL_CLOSURE,
        fields={
            "purpose": P(_("Consentement : finalité"), C.PREFERENCES),
            "granted": P(_("Consentement : accordé"), C.PREFERENCES),
            "source": P(_("Consentement : origine"), C.PREFERENCES),
            "created_at": P(_("Consentement : date"), C.PREFERENCES),
        },
        not_personal=["id", "user"],
    )
    registry.declare(
        "profiles.PostMortemDirective",
        owner="user",
        purpose=RIGHTS_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=UNTIL_CLOSURE,
        recipients=CONTACT_DPO,
        fields={
            "instructions": P(_("Directives post-mortem"), C.REQUESTS),
            "trusted_contact_name": P(_("Personne de confiance"), C.REQUESTS),
            "trusted_contact_email": P(_("E-mail de la personne de confiance"), C.REQUESTS),
            "updated_at": P(_("Directives modifiées le"), C.REQUESTS),
        },
        not_personal=["id", "user"],
    )
    registry.declare(
        "profiles.DataSubjectRequest",
        owner="user",
        purpose=RIGHTS_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=FIVE_YEARS_AFTER_CLOSING,
        recipients=CONTACT_DPO,
        fields={
            # On deletion the request stays as proof it was handled, without the person.
            "requester_name": P(
                _("Demande : nom du demandeur"), C.REQUESTS, erasure=Erasure.ANONYMISE
            ),
            "requester_email": P(
                _("Demande : e-mail du demandeur"), C.REQUESTS, erasure=Erasure.ANONYMISE
            ),
            "processing": P(_("Demande : traitement visé"), C.REQUESTS, erasure=Erasure.ANONYMISE),
            "message": P(_("Demande : texte"), C.REQUESTS, erasure=Erasure.ANONYMISE),
            "received_at": P(_("Demande : reçue le"), C.REQUESTS, erasure=Erasure.ANONYMISE),
            "kind": P(_("Demande : type"), C.REQUESTS, erasure=Erasure.ANONYMISE),
            "status": P(_("Demande : statut"), C.REQUESTS, erasure=Erasure.ANONYMISE),
            "due_on": P(_("Demande : échéance"), C.REQUESTS, erasure=Erasure.ANONYMISE),
            "notes": P(
                _("Demande : notes internes"), C.REQUESTS, exported=False, erasure=Erasure.ANONYMISE
            ),
            "assignee": P(
                _("Demande : responsable"),
                C.STAFF,
                exported=False,
                purpose=SECURITY_PURPOSE,
                erasure=Erasure.ANONYMISE,
            ),
        },
        not_personal=[
            "id",
            "number",
            "channel",
            "user",
            "identity_confirmed_at",
            "clock_started_on",
            "paused_since",
            "paused_days",
            "extension_months",
            "extension_reason",
            "closed_at",
        ],
    )
    registry.declare(
        "profiles.DataSubjectRequestEvent",
        owner="request__user",
        purpose=RIGHTS_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=FIVE_YEARS_AFTER_CLOSING,
        recipients=CONTACT_DPO,
        fields={
            "message": P(
                _("Suivi de demande"), C.REQUESTS, exported=False, erasure=Erasure.ANONYMISE
            ),
            "actor": P(
                _("Suivi de demande : auteur"),
                C.STAFF,
                exported=False,
                purpose=SECURITY_PURPOSE,
                erasure=Erasure.ANONYMISE,
            ),
        },
        not_personal=["id", "request", "at", "kind"],
    )
    registry.declare(
        "profiles.DataExport",
        owner="user",
        purpose=RIGHTS_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=SEVEN_DAYS,
        fields={
            "created_at": P(_("Export demandé le"), C.REQUESTS),
            "status": P(_("Export : statut"), C.REQUESTS),
            "file": P(_("Export : fichier"), C.REQUESTS, exported=False),
            "requested_by": P(
                _("Export demandé par"), C.STAFF, exported=False, purpose=SECURITY_PURPOSE
            ),
        },
        not_personal=[
            "id",
            "user",
            "purpose",
            "progress",
            "finished_at",
            "expires_at",
            "download_token_hash",
            "download_token_used_at",
            "downloaded_at",
        ],
    )
    registry.declare(
        "profiles.SupportRequest",
        owner="user",
        purpose=SUPPORT_PURPOSE,
        legal_basis=LegalBasis.CONTRACT,
        retention=UNTIL_CLOSURE,
        fields={
            "subject": P(_("Assistance : objet"), C.REQUESTS),
            "message": P(_("Assistance : message"), C.REQUESTS),
            "created_at": P(_("Assistance : envoyée le"), C.REQUESTS),
            "answer": P(_("Assistance : réponse"), C.REQUESTS),
            "answered_at": P(_("Assistance : répondue le"), C.REQUESTS),
            "answered_by": P(
                _("Assistance : répondue par"), C.STAFF, exported=False, purpose=SECURITY_PURPOSE
            ),
        },
        not_personal=["id", "user", "status"],
    )
    registry.declare(
        "profiles.StaffAccessLog",
        owner="staff",
        purpose=SECURITY_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=_("1 an"),
        recipients=CONTACT_DPO,
        fields={
            "staff": P(_("Accès : membre de l’équipe"), C.STAFF, erasure=Erasure.ANONYMISE),
            "staff_email": P(_("Accès : e-mail du membre"), C.STAFF, erasure=Erasure.ANONYMISE),
            "subject": P(_("Accès : personne concernée"), C.STAFF, erasure=Erasure.ANONYMISE),
            "at": P(_("Accès : date"), C.STAFF, erasure=Erasure.ANONYMISE),
            "what": P(_("Accès : données consultées"), C.STAFF, erasure=Erasure.ANONYMISE),
            "reason": P(_("Accès : motif"), C.STAFF, erasure=Erasure.ANONYMISE),
        },
        not_personal=["id", "subject_reference", "action"],
    )
    registry.declare(
        "profiles.Newsletter",
        owner="sent_by",
        purpose=SECURITY_PURPOSE,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=UNTIL_CLOSURE,
        fields={
            "sent_by": P(_("Newsletter envoyée par"), C.STAFF, erasure=Erasure.ANONYMISE),
        },
        not_personal=[
            "id",
            "subject",
            "body",
            "status",
            "created_at",
            "sent_at",
            "recipients_count",
            "last_recipient_id",
        ],
    )


def declare_legal(registry: PersonalDataRegistry):
    registry.declare(
        "legal.PolicyAcceptance",
        owner="user",
        purpose=LEGAL_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=TEN_YEARS,
        fields={
            "first_name": P(_("Acceptation : prénom"), C.LEGAL, erasure=Erasure.RETAIN),
            "last_name": P(_("Acceptation : nom"), C.LEGAL, erasure=Erasure.RETAIN),
            "accepted_at": P(_("Conditions acceptées le"), C.LEGAL, erasure=Erasure.RETAIN),
            "version": P(_("Version acceptée"), C.LEGAL, erasure=Erasure.RETAIN),
            "method": P(_("Acceptation : comment"), C.LEGAL, erasure=Erasure.RETAIN),
        },
        not_personal=["id", "user", "purge_after"],
    )
    registry.declare(
        "legal.PolicyVersion",
        owner="published_by",
        purpose=SECURITY_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=_("Tant que la version est conservée"),
        fields={
            "published_by": P(_("Version publiée par"), C.STAFF, erasure=Erasure.ANONYMISE),
        },
        not_personal=[
            "id",
            "page",
            "kind",
            "locale",
            "version",
            "version_major",
            "version_minor",
            "effective_date",
            "published_at",
            "change_summary",
            "is_material_change",
            "title",
            "text",
            "sha256",
        ],
    )
    registry.declare(
        "legal.PolicyChangeNotice",
        owner="user",
        purpose=LEGAL_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=_("Tant que le compte existe"),
        fields={
            "emailed_at": P(
                _("Changement de la politique : e-mail envoyé le"), C.LEGAL, erasure=Erasure.DELETE
            ),
            "dismissed_at": P(
                _("Changement de la politique : avis fermé le"), C.LEGAL, erasure=Erasure.DELETE
            ),
        },
        not_personal=["id", "user", "version"],
    )
    # The cookie consent log.
    registry.declare(
        "legal.ConsentRecord",
        owner="user",
        purpose=_("Preuve des choix de cookies"),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=_("25 mois"),
        fields={
            "consent_id": P(
                _("Cookies : identifiant de consentement"), C.PREFERENCES, erasure=Erasure.ANONYMISE
            ),
            "action": P(_("Cookies : choix"), C.PREFERENCES, erasure=Erasure.ANONYMISE),
            "choices": P(_("Cookies : détail des choix"), C.PREFERENCES, erasure=Erasure.ANONYMISE),
            "gpc": P(
                _("Cookies : signal Global Privacy Control"),
                C.PREFERENCES,
                erasure=Erasure.ANONYMISE,
            ),
            "user_agent_family": P(
                _("Cookies : navigateur"), C.PREFERENCES, erasure=Erasure.ANONYMISE
            ),
            "created_at": P(_("Cookies : date du choix"), C.PREFERENCES, erasure=Erasure.ANONYMISE),
        },
        not_personal=["id", "user", "registry_version", "cookie_policy_version", "language_code"],
    )


def declare_libraries(registry: PersonalDataRegistry):
    registry.declare(
        "account.EmailAddress",
        owner="user",
        purpose=ACCOUNT_PURPOSE,
        legal_basis=LegalBasis.CONTRACT,
        retention=UNTIL_CLOSURE,
        fields={
            "email": P(_("Adresse e-mail de connexion"), C.CONTACT),
            "verified": P(_("Adresse vérifiée"), C.ACCOUNT),
            "primary": P(_("Adresse principale"), C.ACCOUNT),
        },
        not_personal=["user"],
    )
    registry.declare(
        "account.EmailConfirmation",
        owner="email_address__user",
        purpose=ACCOUNT_PURPOSE,
        legal_basis=LegalBasis.CONTRACT,
        retention=_("Jusqu’à la vérification de l’adresse"),
        fields={
            "created": P(_("Vérification d’adresse : créée le"), C.ACCOUNT),
            "sent": P(_("Vérification d’adresse : envoyée le"), C.ACCOUNT),
            # A one-time secret: never exported.
            "key": P(_("Vérification d’adresse : clé"), C.ACCOUNT, exported=False),
        },
        not_personal=["email_address"],
    )
    registry.declare(
        "mfa.Authenticator",
        owner="user",
        purpose=SECURITY_PURPOSE,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=UNTIL_CLOSURE,
        fields={
            "type": P(_("Double authentification : méthode"), C.ACCOUNT),
            # Secrets (TOTP seed, recovery codes): never exported.
            "data": P(_("Double authentification : secret"), C.ACCOUNT, exported=False),
            "created_at": P(_("Double authentification : activée le"), C.ACCOUNT),
            "last_used_at": P(_("Double authentification : dernière utilisation"), C.ACCOUNT),
        },
        not_personal=["user"],
    )
    editorial = _(
        "Outil éditorial de Wagtail : seul le personnel y a accès ; le lien vers l’auteur "
        "est mis à NULL à la clôture de son compte."
    )
    for label in (
        "wagtailcore.Page",
        "wagtailcore.Revision",
        "wagtailcore.PageLogEntry",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.PageSubscription",
        "wagtailcore.WorkflowState",
        "wagtailcore.TaskState",
        "wagtailcore.UploadedFile",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailcore.APIToken",
        "wagtailimages.Image",
        "wagtailimages.UploadedImage",
        "wagtaildocs.Document",
        "wagtailusers.UserProfile",
        "wagtail_localize.StringTranslation",
        "wagtail_localize.OverridableSegment",
        "wagtail_localize.SegmentOverride",
        "wagtail_localize.TranslationLog",
        "wagtail_localize.Translation",
        "wagtail_localize.TranslationSource",
    ):
        registry.exempt_model(label, editorial)
    registry.exempt_model(
        "wagtailimages.Rendition",
        _("Vignette générée d’une image : supprimée avec l’image du portfolio."),
    )


def declare_all(registry: PersonalDataRegistry):
    declare_profiles(registry)
    declare_legal(registry)
    declare_libraries(registry)
