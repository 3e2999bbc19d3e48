"""Browser tests: Debian's Chromium, driven by Playwright, against a real seeded server.

The server runs in its own process (config.settings.e2e: DEBUG off, like production) on a
throw-away database — a SQLite file, or a fresh PostgreSQL database when DATABASE_URL points
at PostgreSQL — migrated and seeded with the demo data once per session. E-mails land as
files in a folder the tests read.
"""

import contextlib
import email
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest

from tests.markers import CHROMIUM_PATH, requires_chromium

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(requires_chromium)


@dataclass
class LiveSite:
    url: str
    mail_dir: Path
    env: dict

    def mails(self, to: str | None = None) -> list[email.message.EmailMessage]:
        """E-mails the site sent (oldest first), optionally only those to one address."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=os.path.getmtime):
            for raw in path.read_text().split("-" * 79 + "\n"):
                if raw.strip():
                    message = email.message_from_string(raw, policy=policy.default)
                    if to is None or to in str(message["To"]):
                        messages.append(message)
        return messages

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp: Path) -> tuple[str, str | None]:
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        name = f"retoucherie_e2e_{uuid.uuid4().hex[:8]}"
        admin = base.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(
            ["psql", admin, "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True
        )
        return base.rsplit("/", 1)[0] + f"/{name}", name
    return f"sqlite:///{tmp / 'e2e.sqlite3'}", None


@contextlib.contextmanager
def _seeded_server(tmp: Path):
    """A migrated, seeded gunicorn server on its own throw-away database."""
    database_url, pg_name = _database_url(tmp)
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings.e2e",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp / "var"),
        "E2E_MAIL_DIR": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    port = _free_port()
    # Links in pages and e-mails point at the server itself, as with `make run PORT=…`.
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    site = LiveSite(url=env["SITE_URL"], mail_dir=mail_dir, env=env)
    site.manage("migrate", "--noinput")
    site.manage("seed_demo")
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(site.url + "/healthz", server)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        if pg_name:
            admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
            subprocess.run(
                ["psql", admin, "-c", f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)"],
                capture_output=True,
            )


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    if not Path(CHROMIUM_PATH).exists():
        pytest.skip(f"needs Chromium at {CHROMIUM_PATH}")
    with _seeded_server(tmp_path_factory.mktemp("e2e")) as site:
        yield site


@pytest.fixture(scope="module")
def private_live_site(tmp_path_factory):
    """A seeded server of its own, for a test module that changes what every user sees
    (for example publishing terms that everyone must accept again)."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.skip(f"needs Chromium at {CHROMIUM_PATH}")
    with _seeded_server(tmp_path_factory.mktemp("e2e-private")) as site:
        yield site


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the e2e server exited; see server.log in the pytest tmp folder")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the e2e server did not answer {url} within {seconds} s")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, request):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
