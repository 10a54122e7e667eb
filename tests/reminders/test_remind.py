"""`parcours remind`: one e-mail per person and run, each reminder sent once, never one for
what is done. The world's running dossier has S1 (M2, interne, trainer F1) and S2 (M1,
externe) two days before the pinned today (22 November 2026), S3 in a week."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from parcours import cli
from parcours.attendance import actions as attendance
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.reminders.models import Reminder
from parcours.reminders.remind import remind
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
A_WEEK_AFTER_S1 = dt.date(2026, 11, 27)


@pytest.fixture
def running(world):
    world.dossier.status = Status.RUNNING
    world.dossier.save(update_fields=["status"])
    factories.add_sessions(world.dossier)
    for key, person in world.users.items():
        person.email = f"{key}@exemple.fr"
        person.save(update_fields=["email"])
    return world


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_each_person_gets_one_french_e_mail_listing_what_is_due(running):
    summary = remind(TODAY)
    assert sorted(m.to[0] for m in mail.outbox) == ["learner@exemple.fr", "trainer@exemple.fr"]
    assert summary.emails == 2
    learner = sent_to("learner@exemple.fr")[0]
    assert learner.subject == "parcours : 1 chose à faire, en retard"
    assert "Signer 2 séances (la plus ancienne le 20 novembre 2026)" in learner.body
    assert "Bonjour Salarié" in learner.body
    assert "http://localhost:8000/dossiers/" in learner.body
    html = learner.alternatives[0][0]
    assert '<html lang="fr">' in html and "En retard : échéance le 20 novembre 2026" in html
    trainer = sent_to("trainer@exemple.fr")[0]
    assert "Signer la séance du 20 novembre 2026 (M2 « Processus internes du cabinet »)" in (
        trainer.body
    )
    assert "M1" not in trainer.body  # an external session has no trainer line


def test_run_twice_the_same_day_sends_each_reminder_once(running):
    remind(TODAY)
    first = len(mail.outbox)
    assert first == 2
    again = remind(TODAY)
    assert len(mail.outbox) == first and again.emails == 0 and again.new == 0
    assert again.items > 0  # still to do, already reminded
    assert Reminder.objects.filter(recipient=running.users["learner"]).count() == 2


def test_a_new_item_on_a_later_day_is_sent_alone(running):
    remind(TODAY)
    mail.outbox.clear()
    remind(A_WEEK_AFTER_S1)  # the company is now asked for the missing signatures
    assert sorted(m.to[0] for m in mail.outbox) == [
        "company_admin@exemple.fr",
        "facilitator@exemple.fr",
    ]
    body = sent_to("company_admin@exemple.fr")[0].body
    assert "Obtenir 3 signatures manquantes (contrat de Nadia Exemple) ou déclarer" in body


def test_a_done_task_is_never_reminded(running):
    learner = running.users["learner"]
    attendance.sign_session(running.dossier, learner, "S1", signer="learner")
    remind(TODAY)
    body = sent_to("learner@exemple.fr")[0].body
    assert "Signer la séance du 20 novembre 2026 (M1" in body
    assert "M2" not in body  # S1 (M2) is signed
    # Signed after the first run but before the company's turn: never asked of the company.
    attendance.record_absence(
        running.dossier, running.users["company_admin"], "S2", signer="learner", reason="malade"
    )
    mail.outbox.clear()
    remind(A_WEEK_AFTER_S1)
    body = sent_to("company_admin@exemple.fr")[0].body
    assert "Nadia Exemple" not in body.split("Obtenir")[1].split("\n")[0]
    assert "Obtenir la signature du formateur Marc Petit" in body
    assert not Reminder.objects.filter(key__contains="S2/learner", recipient__role="company_admin")


def test_a_dry_run_sends_and_records_nothing(running):
    summary = remind(TODAY, dry_run=True)
    assert mail.outbox == [] and not Reminder.objects.exists()
    out = summary.text(dry_run=True)
    assert "2 courriel(s) seraient envoyés" in out
    assert "learner@exemple.fr" in out and "Signer 2 séances" in out


def test_a_person_without_e_mail_is_named_and_reminded_once_they_have_one(running):
    learner = running.users["learner"]
    learner.email = ""
    learner.save(update_fields=["email"])
    summary = remind(TODAY)
    assert sent_to("learner@exemple.fr") == []
    assert learner.get_full_name() in summary.text(dry_run=False)
    learner.email = "learner@exemple.fr"
    learner.save(update_fields=["email"])
    remind(TODAY)
    assert len(sent_to("learner@exemple.fr")) == 1


def test_the_opco_is_reminded_of_a_submitted_dossier(running):
    running.dossier.status = Status.SUBMITTED
    running.dossier.save(update_fields=["status"])
    remind(TODAY)
    assert [m.to[0] for m in mail.outbox] == ["opco_staff@exemple.fr"]
    assert "Instruire le dossier de Nadia Exemple" in mail.outbox[0].body


def test_manage_py_remind_and_parcours_remind(running, capsys):
    call_command("remind", "--date", "2026-11-22", "--dry-run")
    assert "2 courriel(s) seraient envoyés" in capsys.readouterr().out
    assert mail.outbox == []
    assert cli.main(["remind", "--date", "2026-11-22"]) == 0
    assert "2 courriel(s) mis en file d'envoi" in capsys.readouterr().out
    assert len(mail.outbox) == 2
    assert cli.main(["remind"]) == 0  # today: nothing new
    assert "0 courriel(s)" in capsys.readouterr().out


def test_an_unreadable_dossier_is_named_and_the_others_are_reminded(running):
    broken = factories.dossier(running.company, Status.RUNNING)
    content = dict(broken.content)
    content["contract"] = {**content["contract"], "weekly_hours": "beaucoup"}
    Dossier.objects.filter(pk=broken.pk).update(content=content)
    summary = remind(TODAY)
    assert summary.unreadable == [broken.pk]
    assert f"1 dossier(s) illisible(s), sans rappel : n° {broken.pk}." in summary.text(False)
    assert sorted(m.to[0] for m in mail.outbox) == ["learner@exemple.fr", "trainer@exemple.fr"]
