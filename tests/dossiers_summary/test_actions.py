"""Every action that writes a dossier leaves its summary columns equal to a fresh
computation from the stored document and history (`summary_fields`), and the dates of the
OPCO's queue (submission, decision, deadline) follow the transitions."""

import datetime as dt

import pytest

from parcours.amendments import actions as amendments
from parcours.amendments.models import Kind as VersionKind
from parcours.attendance import actions as attendance
from parcours.closing import actions as closing
from parcours.dossiers import actions, convert
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import StaleDossier
from parcours.dossiers.models import Dossier
from parcours.dossiers.summary import COLUMNS, events_info_of, summary_fields
from parcours.planning import actions as planning
from parcours.reviews import actions as reviews
from tests import factories

pytestmark = pytest.mark.django_db

# The example's action runs from 4 January 2027 to 3 January 2028 (B1 planned 25 Feb 2027).
ACCEPTED_ON = dt.date(2026, 12, 10)


def fresh(row: Dossier) -> dict:
    """What the columns should hold, computed from scratch from what is stored."""
    row = Dossier.objects.select_related("company").get(pk=row.pk)
    info = events_info_of([row.pk])[row.pk]
    for column, value in info.items():
        setattr(row, column, value)
    return summary_fields(convert.document(row), row.status, info, company_name=row.company.name)


def stored(row: Dossier) -> dict:
    return Dossier.objects.filter(pk=row.pk).values(*COLUMNS).get()


def assert_fresh(row: Dossier) -> dict:
    columns = stored(row)
    assert columns == fresh(row)
    return columns


def version(row: Dossier) -> int:
    row.refresh_from_db()
    return row.version


def test_a_created_dossier_is_summarised(world):
    admin = world.users["company_admin"]
    data = factories.example()
    del data["company"], data["opco"], data["facilitator"]
    row = actions.create_dossier(admin, world.company, data)
    columns = assert_fresh(row)
    assert columns["learner_name"] == "EXEMPLE Nadia"
    assert columns["company_name"] == world.company.name
    assert columns["age_band"] == "30-44" and columns["training_share"] == 16.92
    # A draft waits since its creation; nothing submitted nor decided yet.
    assert columns["status_changed_at"] is not None
    assert columns["submitted_at"] is None and columns["decision_deadline"] is None


def test_an_imported_dossier_is_summarised(world):
    data = factories.example()
    data["company"] = world.company.as_party()
    row = actions.import_dossier(world.users["company_admin"], world.company, data)
    assert assert_fresh(row)["competences_targeted"] == 7


def test_saving_a_section_updates_names_search_and_counts(world):
    row = world.dossier
    learner = {**row.content["learner"], "first_name": "Élodie", "last_name": "Durand"}
    actions.update_section(row, world.users["company_admin"], "learner", learner, row.version)
    columns = assert_fresh(row)
    assert columns["learner_name"] == "DURAND Élodie"
    assert "elodie durand" in columns["search_text"]
    modules = [dict(m) for m in row.content["modules"]]
    modules[0]["hours"] = 20  # below the 150 h of teaching: VOL-01 blocks
    actions.update_section(row, world.users["company_admin"], "modules", modules, row.version)
    columns = assert_fresh(row)
    assert columns["bloquant_count"] >= 1
    assert columns["training_hours"] < 210


def test_the_opco_queue_dates_follow_the_transitions(world, at):
    row, admin, opco = world.dossier, world.users["company_admin"], world.users["opco_staff"]
    at(dt.date(2026, 11, 23))
    actions.submit_dossier(row, admin, version(row))
    first = assert_fresh(row)
    assert first["first_submitted_at"] == first["submitted_at"] == first["status_changed_at"]
    assert first["decision_deadline"] == dt.date(2026, 12, 13)
    assert first["decided_at"] is None

    at(dt.date(2026, 11, 30))
    actions.request_changes(row, opco, version(row), {"modules": "Précisez M2."})
    back = assert_fresh(row)
    assert back["decided_at"] is not None and back["decided_at"].date() == dt.date(2026, 11, 30)
    assert back["decision_deadline"] is None  # not waiting for the OPCO any more

    at(dt.date(2026, 12, 2))
    actions.submit_dossier(row, admin, version(row))
    again = assert_fresh(row)
    assert again["first_submitted_at"] == first["first_submitted_at"]
    assert again["submitted_at"].date() == dt.date(2026, 12, 2)
    assert again["decided_at"] is None  # the decision was on the earlier submission
    assert again["decision_deadline"] == dt.date(2026, 12, 22)

    at(ACCEPTED_ON)
    actions.accept_dossier(row, opco, version(row), "A-42", ACCEPTED_ON, reference="OPCO-77")
    accepted = assert_fresh(row)
    assert accepted["decided_at"].date() == ACCEPTED_ON
    assert "a-42" in accepted["search_text"] and "opco-77" in accepted["search_text"]

    at(dt.date(2027, 1, 4))
    actions.start_contract(row, admin, version(row))
    running = assert_fresh(row)
    assert running["status_changed_at"].date() == dt.date(2027, 1, 4)
    assert running["decided_at"] == accepted["decided_at"]


def test_a_refusal_is_a_decision(world):
    row = world.dossier
    actions.submit_dossier(row, world.users["company_admin"], version(row))
    actions.refuse_dossier(row, world.users["opco_staff"], version(row), "Hors champ.")
    columns = assert_fresh(row)
    assert columns["decided_at"] is not None and columns["decision_deadline"] is None


@pytest.fixture
def live(world, at):
    row = world.dossier
    actions.submit_dossier(row, world.users["company_admin"], version(row))
    at(ACCEPTED_ON)
    actions.accept_dossier(row, world.users["opco_staff"], version(row), "A-42", ACCEPTED_ON)
    at(dt.date(2027, 1, 4))
    actions.start_contract(row, world.users["company_admin"], version(row))
    row.refresh_from_db()
    return world


def test_sessions_reviews_and_signatures_keep_the_columns_fresh(live, at):
    row = live.dossier
    at(dt.date(2027, 1, 27))
    session = {"module": "M2", "date": "2027-01-26", "start_time": "09:00", "end_time": "12:30"}
    planning.add_session(row, live.users["company_admin"], session, version(row))
    unsigned = assert_fresh(row)
    assert unsigned["alerte_count"] >= 1  # ATT-01: the past session is not signed
    attendance.sign_session(row, live.users["learner"], "S1", signer="learner")
    attendance.sign_session(row, live.users["trainer"], "S1", signer="trainer")
    signed = assert_fresh(row)  # refreshed by the task queue (immediate in tests)
    assert signed["alerte_count"] == unsigned["alerte_count"] - 2

    at(dt.date(2027, 3, 1))
    scores = {c["id"]: {"level": 4} for c in row.content["competences"]}
    people = [{"name": "Sophie Bernard", "quality": "tuteur"}]
    reviews.hold_review(
        row, live.users["tutor"], "B1", dt.date(2027, 2, 25), scores, people, "continue",
        version(row),
    )  # fmt: skip
    assert assert_fresh(row)["competences_acquired"] == 7


def test_an_avenant_in_force_changes_the_hours(live, at):
    row = live.dossier
    at(dt.date(2027, 3, 1))
    scores = {c["id"]: {"level": 1} for c in row.content["competences"]}
    people = [{"name": "Sophie Bernard", "quality": "tuteur"}]
    reviews.hold_review(
        row, live.users["tutor"], "B1", dt.date(2027, 2, 25), scores, people, "continue",
        version(row),
    )  # fmt: skip
    at(dt.date(2027, 3, 15))
    modules = [dict(m) for m in row.content["modules"]]
    m3 = next(m for m in modules if m["id"] == "M3")
    m3["hours"] += 14
    admin = live.users["company_admin"]
    draft = amendments.save_draft(
        row, admin, VersionKind.AVENANT, {"modules": modules}, "Plus de DSN.", version(row)
    )
    amendments.submit(row, admin, draft.number, version(row))
    before = stored(row)["total_hours"]
    amendments.accept_avenant(row, live.users["opco_staff"], draft.number, version(row))
    for party in ("company", "facilitator", "opco", "learner"):
        amendments.record_signature(row, admin, draft.number, party, version(row))
    columns = assert_fresh(row)
    assert columns["total_hours"] == before + 14


def test_a_rupture_ends_the_contract_and_its_acknowledgment_keeps_the_columns_fresh(live, at):
    row = live.dossier
    at(dt.date(2027, 3, 2))
    closing.declare_rupture(
        row, live.users["company_admin"], version(row), date=dt.date(2027, 3, 1),
        reason_code="demission", opco_informed_on=dt.date(2027, 3, 1),
    )  # fmt: skip
    ended = assert_fresh(row)
    assert ended["status_changed_at"].date() == dt.date(2027, 3, 2)
    closing.acknowledge_rupture(row, live.users["opco_staff"], version(row), dt.date(2027, 3, 2))
    assert_fresh(row)


def test_an_uploaded_signed_paper_keeps_the_columns_fresh(live):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parcours.dossiers import uploads

    row = live.dossier
    paper = SimpleUploadedFile("convention.pdf", factories.PDF, "application/pdf")
    uploads.upload_signed_document(
        row, live.users["company_admin"], "convention", paper, dt.date(2027, 1, 4),
        ["company", "facilitator", "opco", "learner"],
    )  # fmt: skip
    assert_fresh(row)


def test_a_stale_save_writes_no_summary(world):
    row = world.dossier
    before = stored(row)
    learner = {**row.content["learner"], "last_name": "Autre"}
    with pytest.raises(StaleDossier):  # the version read is not the stored one
        actions.update_section(row, world.users["company_admin"], "learner", learner, 99)
    assert stored(row) == before


def test_a_renamed_company_renames_its_dossiers(world):
    company = world.company
    company.name = "Cabinet Renommé"
    company.save()
    columns = assert_fresh(world.dossier)
    assert columns["company_name"] == "Cabinet Renommé"
    assert "cabinet renomme" in columns["search_text"]


def test_the_status_stays_what_the_transition_wrote(world):
    row = world.dossier
    actions.submit_dossier(row, world.users["company_admin"], version(row))
    assert Dossier.objects.get(pk=row.pk).status == Status.SUBMITTED


def test_naming_the_people_keeps_the_columns_fresh(world):
    """The tutor's account counts in the tutor's load (TUT-05), hence in the findings."""
    row = world.dossier
    other_tutor = factories.user("tutor", world.company)
    actions.assign_people(
        row, world.users["company_admin"], version(row), tutor=other_tutor,
        learner=world.users["learner"], trainers=[world.users["trainer"]],
    )  # fmt: skip
    assert_fresh(row)


def test_the_backfill_reads_the_signatures_too(live, at):
    """The chunked path (records prefetched, historical model) counts as the action did."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    row = live.dossier
    at(dt.date(2027, 1, 27))
    session = {"module": "M2", "date": "2027-01-26", "start_time": "09:00", "end_time": "12:30"}
    planning.add_session(row, live.users["company_admin"], session, version(row))
    attendance.sign_session(row, live.users["learner"], "S1", signer="learner")
    attendance.record_absence(row, live.users["trainer"], "S1", signer="trainer", reason="Malade")
    expected = assert_fresh(row)
    Dossier.objects.filter(pk=row.pk).update(alerte_count=99, learner_name="")
    state = MigrationLoader(connection).project_state(("dossiers", "0005_backfill_summaries"))
    migration = importlib.import_module("parcours.dossiers.migrations.0005_backfill_summaries")
    migration.backfill(state.apps, None)
    assert stored(row) == expected
