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

__all__ = [
    "ClientProfile",
    "Clientele",
    "LegalStructure",
    "PortfolioImage",
    "ProviderProfile",
    "Skill",
    "User",
    "UserManager",
]
