# One module per domain; every model is importable from profiles.models.
from profiles.models.accounts import (
    Clientele,
    ClientProfile,
    LegalStructure,
    PortfolioImage,
    ProviderProfile,
    Skill,
    User,
    UserManager,
)
from profiles.models.showcase import ProviderIndexPage, ProviderShowcasePage

__all__ = [
    "ClientProfile",
    "Clientele",
    "LegalStructure",
    "PortfolioImage",
    "ProviderIndexPage",
    "ProviderProfile",
    "ProviderShowcasePage",
    "Skill",
    "User",
    "UserManager",
]
