"""The to-do list on each home and « mot de passe oublié », in a browser at desktop (1280)
and phone (390) size: screenshots kept (test-output/screenshots/reminders-*.png, and
/work/notes/shots/ when it exists), no horizontal scrolling, no serious axe violation."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from parcours.dossiers.enums import Status
from tests import factories
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_signing_phone import (
    DESKTOP,
    NOTES,
    PHONE,
    accessible,
    browser,  # noqa: F401 (fixture)
    device,
    log_in,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"ordinateur": DESKTOP, "telephone": PHONE}


def shoot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"reminders-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if NOTES.parent.exists():
        NOTES.mkdir(exist_ok=True)
        shutil.copy(path, NOTES / path.name)
    return path


@pytest.fixture
def running():
    """A running dossier (learner Nadia Exemple, trainer Marc Petit = F1): sessions twelve
    and two days ago (one interne, one externe each), one in a week; review B1 in a week."""
    w = factories.world(Status.RUNNING)
    for key, (first, last) in {"learner": ("Nadia", "Exemple"), "trainer": ("Marc", "Petit"),
                               "tutor": ("Julie", "Bernard"),
                               "company_admin": ("Claire", "Martin")}.items():  # fmt: skip
        person = w.users[key]
        person.first_name, person.last_name = first, last
        person.email = f"{key}@exemple.fr"
        person.save()
    today = timezone.localdate()

    def day(n):
        return (today + dt.timedelta(days=n)).isoformat()

    times = {"start_time": "09:00", "end_time": "12:30", "hours": 3.5}
    row = w.dossier
    content = dict(row.content)
    reviews = [dict(r) for r in content["reviews"]]
    reviews[0]["planned_date"] = day(7)
    content["reviews"] = reviews
    row.content = content
    row.save()
    factories.add_sessions(row, [
        {"id": "S1", "module": "M2", "date": day(-12), **times},
        {"id": "S2", "module": "M1", "date": day(-12), **times},
        {"id": "S3", "module": "M2", "date": day(-2), **times},
        {"id": "S4", "module": "M1", "date": day(-2), **times},
        {"id": "S5", "module": "M4", "date": day(7), **times},
    ])  # fmt: skip
    return w


@pytest.mark.parametrize("who", ["learner", "company_admin", "tutor", "trainer"])
def test_each_home_shows_its_to_do_list(live_server, browser, running, who):  # noqa: F811
    for label, size in SIZES.items():
        page = device(browser, size)
        log_in(page, live_server.url, running.users[who].username)
        block = page.locator("section.todo-panel")
        block.wait_for()
        assert block.locator("h2").inner_text().startswith("À faire")
        items = block.locator("li.todo-item")
        assert items.count() >= 1
        first = items.first
        href = first.locator("a").get_attribute("href")
        assert href.startswith(f"/dossiers/{running.dossier.pk}/")
        no_horizontal_scroll(page)
        accessible(page)
        shoot(page, f"accueil-{who}-{label}")
        if who == "learner":  # late first, in plain French
            assert "En retard" in first.inner_text()
            body = page.locator("main").inner_text()
            assert body.index("Mes prochaines séances") < body.index("À faire")
        page.context.close()


def test_mot_de_passe_oublie_from_the_login_page(live_server, browser, running):  # noqa: F811
    tutor = running.users["tutor"]
    for label, size in SIZES.items():
        page = device(browser, size)
        page.goto(f"{live_server.url}/connexion/")
        page.get_by_role("link", name="Mot de passe oublié ?").click()
        page.wait_for_url("**/mot-de-passe-oublie/")
        no_horizontal_scroll(page)
        accessible(page)
        shoot(page, f"mot-de-passe-oublie-{label}")
        page.get_by_label("Adresse e-mail de votre compte").fill("tutor@exemple.fr")
        page.get_by_role("button", name="Recevoir le lien").click()
        page.wait_for_url("**/mot-de-passe-oublie/envoye/")
        assert "Regardez votre messagerie" in page.locator("h1").inner_text()
        no_horizontal_scroll(page)
        accessible(page)
        shoot(page, f"mot-de-passe-envoye-{label}")
        page.context.close()
    assert [m.to for m in mail.outbox] == [["tutor@exemple.fr"]] * 2
    link = re.search(r"https?://\S+/mot-de-passe/\S+/", mail.outbox[-1].body).group(0)
    page = device(browser, PHONE)
    page.goto(link)
    page.locator("#id_new_password1").wait_for()
    no_horizontal_scroll(page)
    accessible(page)
    shoot(page, "nouveau-mot-de-passe-telephone")
    page.get_by_label("Nouveau mot de passe").first.fill("Julie-Nouveau-2026!")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("Julie-Nouveau-2026!")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.wait_for_url("**/connexion/")
    assert "Mot de passe enregistré" in page.locator("main").inner_text()
    page.get_by_label("Identifiant").fill(tutor.username)
    page.get_by_label("Mot de passe").fill("Julie-Nouveau-2026!")
    page.get_by_role("button", name="Se connecter").click()
    page.locator("section.todo-panel").wait_for()
    page.goto(link)  # the link served once
    assert "n'est plus valable" in page.locator("main").inner_text()
    page.context.close()
