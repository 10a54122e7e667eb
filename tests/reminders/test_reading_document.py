"""The reminders read thousands of dossiers with a few queries per chunk
(`convert.attendance_lines`, `convert.reading_document`): what they read is what the rest of
parcours reads through `convert.to_domain` (signed flags, attended hours, claims), and the
to-do items are the same."""

from __future__ import annotations

import datetime as dt

import pytest

from parcours.attendance import actions as attendance
from parcours.domain.loading import parse_dossier
from parcours.domain.todo import Kind, todo
from parcours.dossiers import convert
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.funding.models import FundingClaim
from parcours.reminders import lists
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def signed(world):
    row = world.dossier
    row.status = Status.RUNNING
    row.save(update_fields=["status"])
    factories.add_sessions(row)
    attendance.sign_session(row, world.users["learner"], "S1", signer="learner")
    attendance.sign_session(row, world.users["trainer"], "S1", signer="trainer")
    attendance.record_absence(row, world.users["company_admin"], "S2", signer="learner",
                              reason="malade")  # fmt: skip
    FundingClaim.objects.create(dossier=row, kind="first_payment", amount=1000,
                                state="claimed", due_on=TODAY, claimed_on=TODAY,
                                invoice_number="2026-0001")  # fmt: skip
    return world


def test_the_light_reading_gives_the_same_sessions_and_claims(signed):
    row = Dossier.objects.get(pk=signed.dossier.pk)
    full = convert.to_domain(row)
    lines = convert.attendance_lines([row.pk])[row.pk]
    light = parse_dossier(convert.reading_document(row, lines))
    assert light.sessions == full.sessions
    assert [s.learner_signed for s in light.sessions] == [True, False, False]
    assert [s.attended_hours for s in light.sessions] == [3.5, 0.0, None]
    assert light.claims == full.claims and len(light.claims) == 1
    assert row.content == Dossier.objects.get(pk=row.pk).content  # nothing changed


def test_the_reminders_list_the_same_items_as_the_full_reading(signed):
    row = Dossier.objects.get(pk=signed.dossier.pk)
    [(found_row, items)] = list(lists.dossier_items(Dossier.objects.filter(pk=row.pk), TODAY))
    assert found_row.pk == row.pk
    assert items == todo(convert.to_domain(row), TODAY)
    kinds = {i.kind for i in items}
    assert Kind.PAYMENT in kinds  # the claim made waits for the OPCO
    assert Kind.SIGN not in kinds  # S1 signed by both, S2 (externe) declared absent
