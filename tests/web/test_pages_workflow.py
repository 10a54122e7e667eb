"""Pages around the steps: dashboard, creation, xlsx import, documents, submission, OPCO."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from parcours.dossiers.enums import Status
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db
PDF = factories.PDF


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "tutor", "trainer", "learner"])
def test_the_dashboard_lists_my_dossier(world, login, role):
    body = text(login(world.users[role]).get(reverse("web:dashboard")))
    assert "EXEMPLE Nadia" in body  # the summary's « NOM Prénom »


def test_another_company_does_not_see_the_dossier_on_its_dashboard(world, login):
    body = text(login(world.users["company_admin_other"]).get(reverse("web:dashboard")))
    assert "EXEMPLE Nadia" not in body


def test_the_opco_lands_on_its_instruction_queue(world, login):
    world.dossier.status = Status.SUBMITTED
    world.dossier.save()
    client = login(world.users["opco_staff"])
    assert client.get(reverse("web:dashboard")).url == reverse("web:opco_queue")
    assert "EXEMPLE Nadia" in text(client.get(reverse("web:opco_queue")))


def test_the_queue_searches_by_company(world, login):
    world.dossier.status = Status.SUBMITTED
    world.dossier.save()
    client = login(world.users["opco_staff"])
    body = text(client.get(reverse("web:opco_queue"), {"q": "nulle part"}))
    assert "EXEMPLE Nadia" not in body
    body = text(client.get(reverse("web:opco_queue"), {"q": world.company.name[:6]}))
    assert "EXEMPLE Nadia" in body


def test_the_queue_is_the_opco_s_only(world, login):
    assert login(world.users["company_admin"]).get(reverse("web:opco_queue")).status_code == 403


def test_a_company_admin_creates_a_dossier_from_the_learner_and_the_contract(world, login):
    client = login(world.users["company_admin"])
    data = {
        "company": world.company.pk,
        "learner-first_name": "Léa",
        "learner-last_name": "Martin",
        "learner-birth_date": "2004-05-01",
        "contract-type": "CDD",
        "contract-job_title": "Assistante paie",
        "contract-start_date": "2027-01-04",
        "contract-end_date": "2027-12-31",
        "contract-action_start": "2027-01-04",
        "contract-action_end": "2027-12-31",
        "contract-weekly_hours": "35",
    }
    response = client.post(reverse("web:create"), data)
    assert response.status_code == 302
    body = text(client.get(response.url))
    assert "Léa Martin" in body
    assert "Entreprise" in body


def test_the_tutor_cannot_create_a_dossier(world, login):
    assert login(world.users["tutor"]).get(reverse("web:create")).status_code == 403


def xlsx(*rows) -> bytes:
    book = Workbook()
    book.active.append(["id", "énoncé", "importance", "niveau"])
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_an_xlsx_with_a_bad_row_is_refused_row_by_row_and_saves_nothing(world, login):
    row = world.dossier
    data = xlsx(("C1", "Être capable de lire", "indispensable", 2), ("C2", "", "majeure", 2))
    response = login(world.users["company_admin"]).post(
        reverse("web:import_xlsx", args=[row.pk]),
        {"file": upload("ref.xlsx", data), "version": row.version},
    )
    assert response.status_code == 400
    body = text(response)
    assert "Ligne 3 : l'énoncé de la compétence (colonne B) est vide" in body
    assert "importance (colonne C) « majeure » non reconnue" in body
    row.refresh_from_db()
    assert len(row.content["competences"]) == 7


def test_a_good_xlsx_replaces_the_referentiel(world, login):
    row = world.dossier
    data = xlsx(("C1", "Être capable de lire", "indispensable", 2))
    response = login(world.users["company_admin"]).post(
        reverse("web:import_xlsx", args=[row.pk]),
        {"file": upload("ref.xlsx", data), "version": row.version},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert [c["statement"] for c in row.content["competences"]] == ["Être capable de lire"]


def test_the_json_export_hides_the_benefits_from_the_tutor(world, login):
    response = login(world.users["tutor"]).get(reverse("web:export_json", args=[world.dossier.pk]))
    assert response.status_code == 200
    assert "benefits" not in response.json()["learner"]


def test_an_exported_dossier_imports_back_as_a_draft(world, login):
    client = login(world.users["company_admin"])
    exported = client.get(reverse("web:export_json", args=[world.dossier.pk])).content
    response = client.post(reverse("web:import_json"), {"file": upload("d.json", exported)})
    assert response.status_code == 302
    assert "Dossier importé" in text(client.get(response.url))


def test_an_invalid_json_import_names_the_bad_field(world, login):
    client = login(world.users["company_admin"])
    bad = b'{"format": "parcours-dossier/1", "status": "draft"}'
    response = client.post(reverse("web:import_json"), {"file": upload("d.json", bad)}, follow=True)
    assert "Import refusé" in text(response)
    assert "L'OPCO : champ obligatoire absent" in text(response)


def test_a_signed_cerfa_is_uploaded_and_downloaded_by_permission(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    response = client.post(
        reverse("web:documents", args=[row.pk]),
        {
            "kind": "cerfa_12434",
            "file": upload("cerfa.pdf", PDF),
            "signed_on": "2026-11-20",
            "signed_by": ["company", "learner"],
            "version": row.version,
        },
    )
    assert response.status_code == 302
    document = row.signed_documents.get()
    link = reverse("web:download", args=[row.pk, document.pk])
    assert link in text(client.get(reverse("web:documents", args=[row.pk])))
    assert b"".join(client.get(link).streaming_content) == PDF
    assert login(world.users["learner"]).get(link).status_code == 403


def test_a_file_that_is_not_a_pdf_is_refused_next_to_the_file_field(world, login):
    row = world.dossier
    response = login(world.users["company_admin"]).post(
        reverse("web:documents", args=[row.pk]),
        {
            "kind": "convention",
            "file": upload("x.pdf", b"MZ not a pdf"),
            "signed_on": "2026-11-20",
            "signed_by": ["company"],
            "version": row.version,
        },
    )
    assert response.status_code == 400
    assert 'id="id_file-erreurs"' in text(response)


def test_submission_is_refused_while_a_bloquant_finding_remains(world, login):
    row = factories.dossier(world.company, data=factories.example("volume-insuffisant"))
    client = login(world.users["company_admin"])
    page = text(client.get(reverse("web:submission", args=[row.pk])))
    assert "VOL-01" in page
    response = client.post(reverse("web:submit", args=[row.pk]), {"version": row.version})
    assert response.status_code == 400
    assert "Envoi refusé" in text(response)
    row.refresh_from_db()
    assert row.status == Status.DRAFT


def test_an_alerte_is_justified_then_the_dossier_is_submitted(world, login):
    row = factories.dossier(world.company, data=factories.example("alertes-redaction-et-formateur"))
    client = login(world.users["company_admin"])
    response = client.get(reverse("web:submission", args=[row.pk]))
    alerts = [a for a, _ in response.context["alerts"]]
    assert alerts and not response.context["blocking"]
    for a in alerts:
        client.post(
            reverse("web:justify", args=[row.pk]),
            {"rule": a.rule, "path": a.path, "text": "Assumé."},
        )
    row.refresh_from_db()
    response = client.post(reverse("web:submit", args=[row.pk]), {"version": row.version})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Status.SUBMITTED


def submitted(world):
    row = world.dossier
    row.status = Status.SUBMITTED
    row.save()
    return row


def test_the_opco_accepts_with_an_agreement_number_and_date(world, login):
    row = submitted(world)
    client = login(world.users["opco_staff"])
    assert "Accepter le dossier" in text(client.get(reverse("web:opco_review", args=[row.pk])))
    response = client.post(
        reverse("web:opco_decide", args=[row.pk, "accepter"]),
        {"version": row.version, "agreement_number": "ACC-42", "agreement_date": "2026-12-10"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.agreement_number) == (Status.ACCEPTED, "ACC-42")


def test_the_opco_gives_its_dossier_number_at_acceptance_and_the_papers_carry_it(world, login):
    row = submitted(world)
    client = login(world.users["opco_staff"])
    assert "Numéro de dossier OPCO" in text(client.get(reverse("web:opco_review", args=[row.pk])))
    client.post(
        reverse("web:opco_decide", args=[row.pk, "accepter"]),
        {"version": row.version, "agreement_number": "ACC-42", "agreement_date": "2026-11-20",
         "reference": " EXP-2026-0042 "},
    )  # fmt: skip
    row.refresh_from_db()
    assert (row.status, row.reference) == (Status.ACCEPTED, "EXP-2026-0042")
    paper = client.get(reverse("web:paper", args=[row.pk, "positionnement", "pdf"]))
    from tests.documents.conftest import pdf_text

    assert "Dossier Atlas n° EXP-2026-0042" in pdf_text(paper.content)


def test_the_opco_asks_for_changes_section_by_section(world, login):
    row = submitted(world)
    client = login(world.users["opco_staff"])
    client.post(
        reverse("web:opco_decide", args=[row.pk, "modifications"]),
        {"version": row.version, "comment-modules": "Préciser les dates de M3."},
    )
    row.refresh_from_db()
    assert row.status == Status.CHANGES_REQUESTED
    body = text(
        login(world.users["company_admin"]).get(reverse("web:step", args=[row.pk, "parcours"]))
    )
    assert "Préciser les dates de M3." in body


def test_a_refusal_needs_a_reason(world, login):
    row = submitted(world)
    client = login(world.users["opco_staff"])
    response = client.post(
        reverse("web:opco_decide", args=[row.pk, "refuser"]), {"version": row.version, "reason": ""}
    )
    assert response.status_code == 400
    client.post(
        reverse("web:opco_decide", args=[row.pk, "refuser"]),
        {"version": row.version, "reason": "Hors champ."},
    )
    row.refresh_from_db()
    assert row.status == Status.REFUSED


def test_the_company_cannot_reach_the_decisions(world, login):
    row = submitted(world)
    client = login(world.users["company_admin"])
    assert client.get(reverse("web:opco_review", args=[row.pk])).status_code == 403
    response = client.post(
        reverse("web:opco_decide", args=[row.pk, "accepter"]), {"version": row.version}
    )
    assert response.status_code == 403


def test_the_history_says_who_changed_what(world, login):
    row = world.dossier
    from parcours.dossiers import actions

    contract = {**row.content["contract"], "job_title": "Paie et social"}
    actions.update_section(row, world.users["company_admin"], "contract", contract, row.version)
    body = text(login(world.users["tutor"]).get(reverse("web:history", args=[row.pk])))
    assert "L'emploi occupé du contrat" in body and "contract.job_title" not in body
    assert "Paie et social" in body
    assert str(world.users["company_admin"]) in body
    assert "« Contrat »" in body and "« contract »" not in body
