"""legal's models, one module per domain; Django finds them all through this package."""

from legal.consent.models import (
    MAX_COOKIE_LIFETIME_DAYS,
    ConsentAction,
    ConsentRecord,
    CookieCategory,
    CookieDefinition,
    CookieRegistryVersion,
    CookieService,
)
from legal.models.acceptance import AcceptanceMethod, PolicyAcceptance, PolicyChangeNotice
from legal.models.company import CachedSiteSetting, CompanySettings
from legal.models.pages import (
    DocumentKind,
    LegalPage,
    LegalPageForm,
    PolicyVersion,
    next_minor_version,
    parse_version,
    version_label_validator,
)

__all__ = [
    "MAX_COOKIE_LIFETIME_DAYS",
    "AcceptanceMethod",
    "CachedSiteSetting",
    "CompanySettings",
    "ConsentAction",
    "ConsentRecord",
    "CookieCategory",
    "CookieDefinition",
    "CookieRegistryVersion",
    "CookieService",
    "DocumentKind",
    "LegalPage",
    "LegalPageForm",
    "PolicyAcceptance",
    "PolicyChangeNotice",
    "PolicyVersion",
    "next_minor_version",
    "parse_version",
    "version_label_validator",
]
