"""The papers of the contract's end, read back from the PDF: the notice of rupture to the
OPCO (parties, contract, date, reason, hours followed so far) and the attestation de fin de
contrat (each competence, level reached, acquired or not; hours followed, signed only, the
facilitator's 14 h never among them)."""

from __future__ import annotations

import datetime as dt

import pytest

from parcours.domain.documents import DocumentNotReady, render_document
from tests.closing.conftest import TODAY, hold, sign_learner, version
from tests.closing.test_actions import FINAL, declare
from tests.documents.conftest import (
    assert_contains,
    completed_data,
    demo_data,
    dossier_from,
    pdf_text,
    squash,
)
from tests.factories import add_sessions


def terminated_data() -> dict:
    """The demo contract broken off on 2027-05-14 (demission), B1 held, S1 and S2 signed
    (7 h + 3,5 h attended), S3 not signed."""
    data = completed_data()
    data.update(status="terminated", as_of="2027-05-20")
    for review in data["reviews"][1:]:
        review.update(held_date=None, scores=[], comment=None)
    data["reviews"][0]["scores"] = [
        {"competence": c, "level": v}
        for c, v in {"C1": 1, "C2": 2, "C3": 1, "C4": 2, "C5": 0, "C6": 1, "C7": 2}.items()
    ]
    data["agreement"] = {"number": "ACC-2027-117", "date": "2026-12-10"}
    data["rupture"] = {"date": "2027-05-14", "reason": "Démission", "reason_code": "demission",
                       "opco_informed_on": "2027-05-15"}  # fmt: skip
    return data


def test_the_notice_names_the_parties_the_contract_the_date_the_reason_and_the_hours():
    text = pdf_text(render_document(dossier_from(terminated_data()), "notification-rupture"))
    assert_contains(
        text,
        "Notification de rupture",
        "Atlas", "851 296 632 00017",
        "Cabinet Exemple Expertise Comptable", "412 345 688 00011", "Claire Martin",
        "Nadia Exemple", "17/04/1985",
        "Gestionnaire de paie", "du 04/01/2027 au 03/01/2028",
        "EXP-2027-0042", "ACC-2027-117",
        "a pris fin le 14/05/2027", "Démission",
        "Heures de formation suivies par le salarié au 14/05/2027 : 10,5 h",
        "bilan de suivi B1 du 25/02/2027",
        "1 000 €", "première facture",
        "le 15/05/2027",
    )  # fmt: skip


def test_the_notice_never_counts_the_facilitators_hours():
    text = squash(pdf_text(render_document(dossier_from(terminated_data()),
                                           "notification-rupture")))  # fmt: skip
    assert squash("10,5 h (séances émargées") in text
    assert squash("24,5 h") not in text  # 10,5 h + the facilitator's 14 h
    assert squash("ne sont pas des heures de formation du salarié") in text


def test_the_notice_prints_the_opcos_acknowledgment_once_recorded():
    data = terminated_data()
    data["rupture"]["acknowledged_on"] = "2027-05-18"
    text = pdf_text(render_document(dossier_from(data), "notification-rupture"))
    assert_contains(text, "Accusé de réception de l'OPCO Atlas le 18/05/2027")


def test_no_notice_without_a_rupture():
    with pytest.raises(DocumentNotReady) as caught:
        render_document(dossier_from(demo_data()), "notification-rupture")
    assert "Aucune rupture" in caught.value.reason


def test_the_attestation_gives_each_level_the_acquired_column_and_signed_hours():
    data = completed_data()
    data["attestation"] = {
        "date": "2028-01-03",
        "competences": [
            {"competence": c, "level": v}
            for c, v in {"C1": 3, "C2": 2, "C3": 4, "C4": 2, "C5": 1, "C6": 3, "C7": 2}.items()
        ],
    }
    text = pdf_text(render_document(dossier_from(data), "attestation"))
    assert_contains(text, "Niveau atteint", "Acquise", "a suivi 10,5 h de formation",
                    "4 – expertise", "1 – notion",
                    "5 compétence(s) sur 7 atteignent le niveau attendu",
                    "le 03/01/2028")  # fmt: skip
    rows = squash(text)
    # C2 expected 3, reached 2: not acquired; C3 expected 3, reached 4: acquired.
    assert squash("3 – maîtrise2 – applicationnon") in rows
    assert squash("3 – maîtrise4 – expertiseoui") in rows
    assert squash("308 h") not in rows  # the parcours' hours with the facilitator's 14 h


def test_the_attestation_after_a_rupture_rests_on_the_last_held_review():
    text = pdf_text(render_document(dossier_from(terminated_data()), "attestation"))
    assert_contains(text, "du 04/01/2027 au 14/05/2027", "pris fin de manière anticipée",
                    "d'après le bilan de suivi B1 du 25/02/2027", "a suivi 10,5 h",
                    "2 compétence(s) sur 7")  # fmt: skip
    # Not prepared yet, it is dated no earlier than the rupture it follows.
    assert squash("le 14/05/2027.") in squash(text) and squash("le 25/02/2027.") not in squash(text)


def test_the_attestation_after_a_rupture_without_review_rests_on_the_positioning():
    data = terminated_data()
    data["reviews"][0].update(held_date=None, scores=[])
    text = pdf_text(render_document(dossier_from(data), "attestation"))
    assert_contains(text, "d'après le positionnement initial du 20/11/2026",
                    "0 compétence(s) sur 7")  # fmt: skip


@pytest.mark.django_db
def test_the_papers_of_a_real_rupture_count_the_signed_records_only(live, login):
    """Through the pages: S1 signed by the learner (3,5 h), S2 not; a rupture declared;
    both papers say 3,5 h."""
    add_sessions(live.dossier)
    sign_learner(live, "S1")
    hold(live.dossier, 0, "2026-02-26", FINAL)
    declare(live, date=TODAY, opco_informed_on=TODAY)
    from parcours.closing import actions as closing

    closing.prepare_attestation(live.dossier, live.users["company_admin"], TODAY,
                                version(live.dossier))  # fmt: skip
    client = login(live.users["company_admin"])
    base = f"/dossiers/{live.dossier.pk}/documents/du-dossier"
    notice = pdf_text(client.get(f"{base}/notification-rupture.pdf").content)
    assert_contains(notice, "au 22/11/2026 : 3,5 h", "Démission", "le 22/11/2026")
    attestation = pdf_text(client.get(f"{base}/attestation.pdf").content)
    assert_contains(attestation, "a suivi 3,5 h de formation",
                    f"le {dt.date(2026, 11, 22):%d/%m/%Y}")  # fmt: skip
