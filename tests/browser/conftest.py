"""Playwright against Debian's chromium (never a downloaded browser) and pytest-django's
live server. Without chromium the browser tests skip, unless PARCOURS_REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--lang=fr",
]  # fmt: skip
MISSING = (
    "chromium absent : installez-le avec `apt-get install chromium` pour lancer les tests "
    "navigateur"
)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def require_chromium():
    if CHROMIUM.exists():
        return
    if os.environ.get("PARCOURS_REQUIRE_BROWSER") == "1":
        pytest.fail(MISSING)
    pytest.skip(MISSING)


@pytest.fixture
def browser_page():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Chromium's interface language (the jj/mm/aaaa order of date inputs in the
        # screenshots) comes from the environment and Debian's chromium-l10n package.
        env = {**os.environ, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=env)
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
        # ORM calls made by the test body while Playwright's loop runs get their own
        # connection (asgiref's Local follows the context); close it here, or PostgreSQL
        # refuses to drop the test database at the end of the session.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def shoot(browser_page):
    """`shoot("03-referentiel")` saves a full-page screenshot under test-output/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        browser_page.screenshot(path=str(path), full_page=True)
        return path

    return take
