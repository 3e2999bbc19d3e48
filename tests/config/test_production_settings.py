"""The production settings refuse to start without their secrets and are secure when they do."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "dummy-but-long-enough-8a1f0c3e9b7d45f2a6c81e0d93b4f7a2c5e18d6b",
    "ALLOWED_HOSTS": "www.retoucherie.fr",
    "DATABASE_URL": "postgres://retoucherie@db.internal/retoucherie",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "FIELD_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
}
S3_ENV = {"S3_BUCKET": "retoucherie-media", "S3_PRIVATE_BUCKET": "retoucherie-private"}


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and not key.startswith("DJANGO_")
    }
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


@pytest.mark.policy("P6.2", "P6.5")
def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.policy("P6.4")
def test_media_storage_outside_the_eu_is_refused():
    env = {**PRODUCTION_ENV, "S3_BUCKET": "retoucherie-media", "S3_REGION": "us-east-1"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "outside the European Union" in result.stderr


@pytest.mark.policy("P6.4")
def test_media_storage_defaults_to_an_eu_region():
    env = {**PRODUCTION_ENV, **S3_ENV}
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.AWS_S3_REGION_NAME)",
        env_overrides=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("eu-west-3")


@pytest.mark.policy("P6.1")
def test_private_files_get_a_private_bucket_of_their_own():
    # Without a private bucket, or with the public one, production refuses to start
    missing = run_manage("check", env_overrides={**PRODUCTION_ENV, "S3_BUCKET": "media"})
    assert missing.returncode != 0
    assert "The environment variable S3_PRIVATE_BUCKET is required" in missing.stderr
    same = {**PRODUCTION_ENV, "S3_BUCKET": "media", "S3_PRIVATE_BUCKET": "media"}
    assert "must differ" in run_manage("check", env_overrides=same).stderr
    # With one, private files go there: private objects, URLs presigned for a minute
    result = run_manage(
        "shell",
        "-c",
        "from profiles.private_files import private_storage as p; s = p(); "
        "print(s.bucket_name, s.default_acl, s.querystring_auth, s.querystring_expire)",
        env_overrides={**PRODUCTION_ENV, **S3_ENV},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["retoucherie-private", "private", "True", "60"]


def test_production_security_settings():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)",
        env_overrides=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-8:] == [
        "True",
        "31536000",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "False",
    ]


SHOW_CLIENT_IP_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
)


@pytest.mark.policy("P6.5")
def test_the_trusted_proxies_come_from_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW_CLIENT_IP_SETTINGS,
        env_overrides={
            **PRODUCTION_ENV,
            "TRUSTED_PROXY_COUNT": "1",
            "TRUSTED_CLIENT_IP_HEADER": "X-Real-IP",
        },
    )
    assert result.stdout.split() == ["1", "X-Real-IP"], result.stderr
    # Unset: forwarding headers are not trusted at all.
    result = run_manage(
        "shell", "--no-imports", "-c", SHOW_CLIENT_IP_SETTINGS, env_overrides=PRODUCTION_ENV
    )
    assert result.stdout.split() == ["0", "None"], result.stderr


@pytest.mark.policy("P6.3")
def test_a_malformed_field_encryption_key_fails_check_deploy_without_showing_the_key():
    env = {
        **PRODUCTION_ENV,
        "FIELD_ENCRYPTION_KEYS": PRODUCTION_ENV["FIELD_ENCRYPTION_KEYS"] + ",not-a-fernet-key",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode != 0
    assert "profiles.E002" in result.stderr
    assert "Key 2 of 2 in FIELD_ENCRYPTION_KEYS is not a Fernet key" in result.stderr
    assert "not-a-fernet-key" not in result.stderr + result.stdout
