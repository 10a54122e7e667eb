"""Items 5, 6 and 7 of the review: writes on a read-only dossier, the facilitator inferring
the learner's benefits from a refusal, the OPCO reading drafts. Each: the refusal and
nothing changed."""

import copy
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import actions
from parcours.dossiers.models import Dossier, DossierEvent, Justification, SignedDocument
from parcours.dossiers.uploads import upload_signed_document
from tests import factories

pytestmark = pytest.mark.django_db
PDF = factories.PDF


def _snapshot(pk):
    row = Dossier.objects.get(pk=pk)
    return (
        row.status,
        row.version,
        copy.deepcopy(row.content),
        SignedDocument.objects.filter(dossier=row).count(),
        DossierEvent.objects.filter(dossier=row).count(),
    )


def _upload(client, token, pk):
    file = io.BytesIO(PDF)
    file.name = "convention.pdf"
    data = {"kind": "convention", "signed_on": "2026-11-20", "signed_by": ["company"]}
    return client.post(
        f"/api/dossiers/{pk}/signed-documents", data | {"file": file},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip


# --- 5. every write goes through the lifecycle's rules ----------------------------------


@pytest.mark.parametrize("status", ["submitted", "refused", "completed", "terminated"])
def test_a_signed_document_on_a_read_only_dossier_is_refused(client, status):
    world = factories.world(status=status)
    before = _snapshot(world.dossier.pk)
    token = factories.token_for(world.users["company_admin"])
    response = _upload(client, token, world.dossier.pk)
    assert response.status_code == 403
    assert "déposer" in response.json()["detail"]
    assert _snapshot(world.dossier.pk) == before


def test_a_signed_document_on_a_draft_or_running_dossier_is_kept(client):
    for status in ("draft", "running"):
        world = factories.world(status=status)
        token = factories.token_for(world.users["company_admin"])
        assert _upload(client, token, world.dossier.pk).status_code == 201


def test_the_upload_action_itself_refuses_a_submitted_dossier(tmp_path):
    world = factories.world(status="submitted")
    before = _snapshot(world.dossier.pk)
    with pytest.raises(PermissionDenied):
        upload_signed_document(
            world.dossier, world.users["company_admin"], "convention", io.BytesIO(PDF),
            dt.date(2026, 11, 20), ["company"],
        )  # fmt: skip
    assert _snapshot(world.dossier.pk) == before


def test_a_justification_on_a_submitted_dossier_is_refused():
    world = factories.world(status="submitted")
    before = _snapshot(world.dossier.pk)
    with pytest.raises(PermissionDenied):
        actions.justify_alert(world.dossier, world.users["company_admin"], "VOL-01", "", "x")
    assert _snapshot(world.dossier.pk) == before
    assert not Justification.objects.exists()


# --- 6. nothing the facilitator sees depends on the benefits ----------------------------


def _submit_as(client, world, role):
    token = factories.token_for(world.users[role])
    return client.post(
        f"/api/dossiers/{world.dossier.pk}/submit", {"version": world.dossier.version},
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip


def _world_eligible_only_by(benefits):
    """A learner of 41 who is not a job seeker: eligible only if they receive a benefit."""
    world = factories.world(benefits=benefits)
    content = copy.deepcopy(world.dossier.content)
    content["learner"]["job_seeker"] = False
    Dossier.objects.filter(pk=world.dossier.pk).update(content=content)
    world.dossier.refresh_from_db()
    return world


def _answer(response):
    body = response.json()
    return response.status_code, body.get("reasons"), body.get("status")


def test_the_facilitators_submission_does_not_depend_on_the_benefits(client):
    answers = {}
    for benefits in ((), ("rsa",)):
        world = _world_eligible_only_by(benefits)
        answers[benefits] = _answer(_submit_as(client, world, "facilitator"))
    assert answers[()] == answers[("rsa",)]
    assert "ELIG-01" not in str(answers[()])


def test_the_company_admin_is_still_stopped_by_elig_01(client):
    world = _world_eligible_only_by(())
    before = _snapshot(world.dossier.pk)
    response = _submit_as(client, world, "company_admin")
    assert response.status_code == 409
    assert any("ELIG-01" in r for r in response.json()["reasons"])
    assert _snapshot(world.dossier.pk) == before


def test_the_facilitators_submission_page_does_not_depend_on_the_benefits(client):
    pages = []
    for benefits in ((), ("rsa",)):
        world = _world_eligible_only_by(benefits)
        client.force_login(world.users["facilitator"])
        response = client.get(f"/dossiers/{world.dossier.pk}/soumission/")
        assert response.status_code == 200
        text = response.content.decode()
        pages.append(("ELIG-01" in text, text.count("bloquant"), "Soumettre" in text))
    assert pages[0] == pages[1]


# --- 7. the OPCO sees a dossier from its first submission -------------------------------


def _opco_sees(client, world):
    token = factories.token_for(world.users["opco_staff"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = [d["id"] for d in client.get("/api/dossiers", **headers).json()]
    detail = client.get(f"/api/dossiers/{world.dossier.pk}", **headers).status_code
    return world.dossier.pk in listed, detail


def test_the_opco_never_sees_a_draft(client):
    world = factories.world(status="draft")
    assert _opco_sees(client, world) == (False, 404)
    client.force_login(world.users["opco_staff"])
    assert client.get(f"/dossiers/{world.dossier.pk}/").status_code == 404
    assert (
        world.dossier.content["learner"]["last_name"] not in client.get("/opco/").content.decode()
    )


def test_the_opco_sees_a_dossier_from_its_submission_and_after_changes_requested(client):
    world = factories.world(status="draft")
    actions.submit_dossier(world.dossier, world.users["company_admin"], world.dossier.version)
    assert _opco_sees(client, world) == (True, 200)
    actions.request_changes(
        world.dossier, world.users["opco_staff"], world.dossier.version, {"contract": "À revoir"}
    )
    assert world.dossier.status == "changes_requested"
    assert _opco_sees(client, world) == (True, 200)


def test_a_change_of_the_benefits_alone_is_not_in_the_facilitators_history(client, world):
    row = world.dossier
    learner = {**row.content["learner"], "benefits": ["aah"]}
    actions.update_section(row, world.users["company_admin"], "learner", learner, row.version)
    learner = {**row.content["learner"], "first_name": "Nina"}
    actions.update_section(row, world.users["company_admin"], "learner", learner, row.version)
    token = factories.token_for(world.users["facilitator"])
    history = client.get(
        f"/api/dossiers/{row.pk}/history", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert [[c["path"] for c in e["changes"]] for e in history] == [["learner.first_name"]]
    admin = factories.token_for(world.users["company_admin"])
    full = client.get(f"/api/dossiers/{row.pk}/history", HTTP_AUTHORIZATION=f"Bearer {admin}")
    assert len(full.json()) == 2


# The audit of the dossiers' writers: on a dossier that is read-only (submitted, refused,
# completed) each refuses the company side, and nothing is written.
WRITERS = {
    "update_section": lambda w: actions.update_section(
        w.dossier, w.users["company_admin"], "contract", w.dossier.content["contract"], 1
    ),
    "assign_people": lambda w: actions.assign_people(
        w.dossier, w.users["company_admin"], 1, tutor=w.users["tutor"]
    ),
    "justify_alert": lambda w: actions.justify_alert(
        w.dossier, w.users["facilitator"], "REF-02", "competences[0].statement", "Parce que."
    ),
    "upload_signed_document": lambda w: upload_signed_document(
        w.dossier,
        w.users["facilitator"],
        "convention",
        io.BytesIO(PDF),
        dt.date(2026, 11, 20),
        ["company"],
    ),  # fmt: skip
}


@pytest.mark.parametrize("status", ["submitted", "refused", "completed"])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_no_writer_changes_a_read_only_dossier(status, writer):
    world = factories.world(status=status)
    Dossier.objects.filter(pk=world.dossier.pk).update(version=1)
    world.dossier.refresh_from_db()
    before = _snapshot(world.dossier.pk)
    with pytest.raises(PermissionDenied):
        WRITERS[writer](world)
    assert _snapshot(world.dossier.pk) == before
