"""A small base for the audit: dossiers in several states, with signatures and a claim, one
whose stored document the model refuses and one whose content is not even an object."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from parcours.attendance import actions as attendance
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.funding.models import FundingClaim
from tests import factories

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def base(world):
    """world's draft dossier, a running one with signatures, absences and a claim, a
    submitted one with blocking findings, an unreadable one and a broken one."""
    running = factories.dossier(
        world.company, Status.RUNNING, tutor=world.users["tutor"],
        learner=world.users["learner"], trainers=(world.users["trainer"],),
    )  # fmt: skip
    running.trainer_accounts = {"F1": world.users["trainer"].pk}
    running.save(update_fields=["trainer_accounts"])
    factories.add_sessions(running)
    attendance.sign_session(running, world.users["learner"], "S1", signer="learner")
    attendance.sign_session(running, world.users["trainer"], "S1", signer="trainer")
    attendance.record_absence(running, world.users["company_admin"], "S2", signer="learner",
                              reason="malade")  # fmt: skip
    FundingClaim.objects.create(dossier=running, kind="first_payment", amount=1000,
                                state="claimed", due_on=TODAY, claimed_on=TODAY,
                                invoice_number="2026-0001")  # fmt: skip
    short = factories.dossier(world.other_company, Status.SUBMITTED,
                              data=factories.example("volume-insuffisant"))  # fmt: skip
    unreadable = factories.dossier(world.company, Status.DRAFT)
    content = dict(unreadable.content)
    content["modules"] = "pas une liste"
    content["contract"] = {**content["contract"], "start_date": "le 3 mars"}
    Dossier.objects.filter(pk=unreadable.pk).update(content=content)
    broken = factories.dossier(world.company, Status.DRAFT)
    Dossier.objects.filter(pk=broken.pk).update(content=["pas", "un", "objet"])
    return {
        "draft": world.dossier,
        "running": running,
        "short": short,
        "unreadable": unreadable,
        "broken": broken,
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))
