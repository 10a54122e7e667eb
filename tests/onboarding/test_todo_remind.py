"""The welcome checklist's items in everyone's to-do list (home) and in `parcours remind`'s
e-mails: once per item and person, never once done. The world's dossier starts on
4 January 2027; the items before the arrival open two weeks ahead (20 December 2026)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from parcours.dossiers.enums import Status
from parcours.onboarding import actions
from parcours.reminders.remind import remind

pytestmark = pytest.mark.django_db
NOTICE = dt.date(2026, 12, 21)
DAY_ONE = dt.date(2027, 1, 4)


@pytest.fixture
def accepted(world):
    world.dossier.status = Status.ACCEPTED
    world.dossier.save(update_fields=["status"])
    for key, person in world.users.items():
        person.email = f"{key}@exemple.fr"
        person.save(update_fields=["email"])
    return world


def _bodies(address: str) -> str:
    return "\n".join(m.body for m in mail.outbox if m.to == [address])


def test_remind_sends_each_item_once_and_never_once_done(accepted, at):
    remind(NOTICE)
    tutor = _bodies("tutor@exemple.fr")
    assert "Accueil de Nadia Exemple : rassembler les pièces à remettre à l'arrivée" in tutor
    assert "préparer le poste de travail" in tutor
    assert f"/dossiers/{accepted.dossier.pk}/accueil/#pieces-rassemblees" in tutor
    assert "rassembler les pièces" in _bodies("company_admin@exemple.fr")
    assert "rassembler les pièces" in _bodies("facilitator@exemple.fr")
    assert "Accueil de" not in _bodies("learner@exemple.fr") + _bodies("trainer@exemple.fr")
    assert "Accueil de" not in _bodies("opco_staff@exemple.fr")

    mail.outbox.clear()
    remind(NOTICE)  # run twice: nothing new
    remind(NOTICE + dt.timedelta(days=1))
    assert "Accueil de" not in "".join(m.body for m in mail.outbox)

    at(NOTICE)
    actions.tick(accepted.dossier, accepted.users["tutor"], accepted.dossier.version,
                 item="poste-pret")  # fmt: skip
    mail.outbox.clear()
    remind(DAY_ONE)  # the first day's items open a week ahead; the workstation is done
    tutor = _bodies("tutor@exemple.fr")
    assert "accueillir le salarié" in tutor and "remettre le livret d'accueil" in tutor
    assert "préparer le poste" not in tutor  # done
    assert "rassembler les pièces" not in tutor  # not done, but already reminded


def test_the_home_to_do_lists_the_items_until_they_are_ticked(accepted, login, at):
    at(NOTICE)
    client = login(accepted.users["tutor"])
    html = client.get(reverse("web:dashboard")).content.decode()
    assert "Accueil de Nadia Exemple : rassembler les pièces" in html
    assert f"/dossiers/{accepted.dossier.pk}/accueil/#pieces-rassemblees" in html
    client.post(
        reverse("web:onboarding_tick", args=[accepted.dossier.pk]),
        {"item": "pieces-rassemblees", "version": accepted.dossier.version},
    )
    html = client.get(reverse("web:dashboard")).content.decode()
    assert "rassembler les pièces" not in html
    assert "préparer le poste de travail" in html
