"""Orders' models live in one sub-package per domain; Django finds them through these imports."""

from orders.reviews.models import Review  # noqa: F401
