"""Each person's home shows their to-do list (« À faire »): late items first, due dates in
plain French, each linking to where to act; the OPCO sees the decisions to take on its
queue. Pinned today: 22 November 2026; the world's sessions S1 (M2, interne, F1) and S2
(M1, externe) were two days ago."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from parcours.dossiers.enums import Status
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def todo_block(response) -> str:
    body = text(response)
    found = re.search(r'<section class="todo-panel".*?</section>', body, re.S)
    assert found, "no « À faire » block"
    return found.group(0)


def entries(block: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", li).split()).replace(" )", ")").replace("( ", "(")
        for li in re.findall(r'<li class="todo-item.*?</li>', block, re.S)
    ]


@pytest.fixture
def running(world):
    row = world.dossier
    row.status = Status.RUNNING
    content = dict(row.content)
    reviews = [dict(r) for r in content["reviews"]]
    reviews[0]["planned_date"] = "2026-11-30"  # B1 in eight days: the tutor's to-do
    content["reviews"] = reviews
    row.content = content
    row.save(update_fields=["status", "content"])
    factories.add_sessions(row)
    return world


def test_the_learner_sees_the_sessions_to_sign_late_first(login, running):
    block = todo_block(login(running.users["learner"]).get(reverse("web:dashboard")))
    found = entries(block)
    assert found[0].startswith("Signer 2 séances (la plus ancienne le 20 novembre 2026)")
    assert "En retard : échéance le 20 novembre 2026" in found[0]
    assert found[1].startswith("Préparer le bilan de suivi B1 avec votre tuteur")
    assert "Échéance le 30 novembre 2026" in found[1]
    pk = running.dossier.pk
    assert f'href="/dossiers/{pk}/emargement/"' in block
    assert "dont 1 en retard" in block


def test_the_home_keeps_mes_prochaines_seances_above_the_to_do_list(login, running):
    body = text(login(running.users["learner"]).get(reverse("web:dashboard")))
    assert body.index("Mes prochaines séances") < body.index('id="a-faire"')


def test_the_trainer_sees_their_own_line_to_sign(login, running):
    block = todo_block(login(running.users["trainer"]).get(reverse("web:dashboard")))
    [line] = entries(block)
    assert line.startswith("Signer la séance du 20 novembre 2026 (M2 « Processus internes")
    assert f"/dossiers/{running.dossier.pk}/emargement/#ligne-S1-trainer" in block


def test_a_trainer_not_mapped_to_the_sessions_trainer_has_nothing_to_sign(login, running):
    other = factories.user("trainer", running.company)
    running.dossier.trainers.add(other)
    block = todo_block(login(other).get(reverse("web:dashboard")))
    assert entries(block) == []
    assert "Rien à faire pour l'instant" in block


def test_the_tutor_sees_the_review_to_hold(login, running):
    block = todo_block(login(running.users["tutor"]).get(reverse("web:dashboard")))
    [line] = entries(block)
    assert line.startswith("Tenir le bilan de suivi B1 avec Nadia Exemple (prévu le 30 novembre")
    assert f'href="/dossiers/{running.dossier.pk}/bilans/B1/tenir/"' in block


@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_the_company_side_sees_the_draft_to_submit(login, world, role):
    block = todo_block(login(world.users[role]).get(reverse("web:dashboard")))
    [line] = entries(block)
    assert line.startswith("Compléter le dossier et le soumettre à l'OPCO (la formation commence")
    assert "Échéance le 4 janvier 2027" in line
    assert f'href="/dossiers/{world.dossier.pk}/soumission/"' in block


@pytest.mark.parametrize("role", ["company_admin_other", "facilitator_other"])
def test_nobody_sees_the_to_do_of_a_dossier_that_is_not_theirs(login, world, role):
    block = todo_block(login(world.users[role]).get(reverse("web:dashboard")))
    assert entries(block) == []


def test_the_opco_sees_the_decisions_to_take_on_its_queue(login, world):
    # The queue itself lists the decisions with their deadline (summary columns), and counts
    # the late ones, instead of a to-do line per submitted dossier.
    from parcours.dossiers.summary import refresh_summary

    world.dossier.status = Status.SUBMITTED
    world.dossier.save(update_fields=["status"])
    refresh_summary(world.dossier)
    world.dossier.refresh_from_db()
    world.dossier.submitted_at = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
    world.dossier.decision_deadline = dt.date(2026, 10, 21)
    world.dossier.save(update_fields=["submitted_at", "decision_deadline"])
    body = text(login(world.users["opco_staff"]).get(reverse("web:opco_queue")))
    assert f'href="/opco/dossiers/{world.dossier.pk}/"' in body
    assert "En retard : avant le 21/10/2026" in body
    assert "1</strong> à décider en retard" in body


def edited(row):
    from parcours.dossiers.models import DossierEvent

    DossierEvent.objects.create(dossier=row, kind="edit", section="rupture")


def test_the_opco_is_asked_to_acknowledge_a_rupture_notified_in_writing(login, world):
    content = dict(world.dossier.content)
    rupture = {"date": "2026-11-02", "reason": "Démission", "opco_informed_on": None}
    world.dossier.status = Status.TERMINATED
    world.dossier.content = content | {"rupture": rupture}
    world.dossier.save(update_fields=["status", "content"])
    opco = login(world.users["opco_staff"])
    assert "Accuser réception" not in todo_block(opco.get(reverse("web:opco_queue")))
    world.dossier.content = content | {"rupture": rupture | {"opco_informed_on": "2026-11-05"}}
    world.dossier.save(update_fields=["content"])
    edited(world.dossier)  # as the closing actions do: the queue's to-do follows the history
    [line] = entries(todo_block(opco.get(reverse("web:opco_queue"))))
    assert line.startswith("Accuser réception de la rupture du contrat de Nadia Exemple")
    acknowledged = rupture | {"opco_informed_on": "2026-11-05", "acknowledged_on": "2026-11-06"}
    world.dossier.content = content | {"rupture": acknowledged}
    world.dossier.save(update_fields=["content"])
    edited(world.dossier)  # as the closing actions do: the queue's to-do follows the history
    assert "Accuser réception" not in todo_block(opco.get(reverse("web:opco_queue")))
