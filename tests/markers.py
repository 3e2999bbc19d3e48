"""Skips with a visible reason for tests that need a real service."""

import os
import shutil

import pytest

requires_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis: set REDIS_URL (CI does)"
)
requires_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL: set DATABASE_URL=postgres://… (CI does)",
)
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
requires_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM_PATH),
    reason=f"needs Chromium at {CHROMIUM_PATH} (set CHROMIUM_PATH; CI installs Debian's)",
)
