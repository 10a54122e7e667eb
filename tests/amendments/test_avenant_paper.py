"""« Avenant à la convention »: the parties, what changes (before / after per module and
competence), the new totals and share, a signature box per original party with its date."""

import copy
import datetime as dt

import pytest

from parcours.amendments import actions
from parcours.amendments.models import Kind
from parcours.domain.documents.avenant import AvenantInfo, avenant_paper, render_avenant
from parcours.domain.documents.blocks import Signatures, Table
from tests.amendments.conftest import AFTER_B1, B1_HELD, changed, hold
from tests.documents.conftest import assert_contains, demo_data, dossier_from, pdf_text, squash

INFO = AvenantInfo(
    number=1,
    version=3,
    explanation="Le bilan B1 a montré que la DSN demande plus de pratique.",
    submitted_on=dt.date(2027, 3, 1),
    accepted_on=dt.date(2027, 3, 10),
    signatures={
        "company": dt.date(2027, 3, 12),
        "facilitator": None,
        "opco": None,
        "learner": dt.date(2027, 3, 11),
    },  # fmt: skip
)


def _versions():
    data = demo_data()
    before = dossier_from(data)
    after_data = copy.deepcopy(data)
    after_data["modules"][2]["hours"] = 70
    after_data["modules"][2]["modality"] = "distance"
    after_data["competences"][2]["level"] = 4
    return before, dossier_from(after_data)


def test_the_paper_says_what_changes_per_module_and_competence_before_and_after():
    before, after = _versions()
    paper = avenant_paper(before, after, INFO)
    assert paper.title == "Avenant n° 1 à la convention de formation"
    modules = next(b for b in paper.blocks if isinstance(b, Table))
    assert modules.header == ("Module", "Avant", "Après", "Changement")
    m3 = next(r for r in modules.rows if r[0].startswith("M3"))
    assert m3[1].startswith("56\u00a0h · formation externe")
    assert m3[2].startswith("70\u00a0h · formation à distance")
    assert "durée portée de 56\u00a0h à 70\u00a0h" in m3[3]
    assert next(r for r in modules.rows if r[0].startswith("M1"))[3] == "Inchangé"
    competences = [b for b in paper.blocks if isinstance(b, Table)][1]
    assert [r[0] for r in competences.rows] == ["C3"]
    assert "niveau attendu 3 – maîtrise → 4 – expertise" in competences.rows[0][3]


def test_the_paper_has_a_box_per_original_party_with_its_signature_date():
    before, after = _versions()
    boxes = next(b for b in avenant_paper(before, after, INFO).blocks if isinstance(b, Signatures))
    labels = [label for label, _, _ in boxes.boxes]
    assert labels == [
        "L'Entreprise",
        "Le Tiers facilitateur",
        "L'OPCO Atlas",
        "Le salarié apprenant",
    ]
    signed = {label: (name, done) for label, name, done in boxes.boxes}
    assert signed["L'Entreprise"][1] and "le 12/03/2027" in signed["L'Entreprise"][0]
    assert not signed["L'OPCO Atlas"][1]
    no_facilitator = before.model_copy(update={"facilitator": None})
    after_alone = after.model_copy(update={"facilitator": None})
    alone = next(
        b
        for b in avenant_paper(no_facilitator, after_alone, INFO).blocks
        if isinstance(b, Signatures)
    )
    assert [label for label, _, _ in alone.boxes] == [
        "L'Entreprise", "L'OPCO Atlas", "Le salarié apprenant",
    ]  # fmt: skip


def test_the_pdf_text():
    before, after = _versions()
    text = pdf_text(render_avenant(before, after, INFO))
    assert_contains(
        text,
        "Avenant n° 1 à la convention de formation",
        "Entre l'Entreprise,",
        "Le Tiers facilitateur,",
        "L'Opérateur de Compétences,",
        "Et le salarié apprenant,",
        "En application de l'article 10 de la convention de formation",
        "Motif : Le bilan B1 a montré que la DSN demande plus de pratique.",
        "Article 2 : Modules du parcours de formation (annexe 2)",
        "56 h · formation externe",
        "70 h · formation à distance",
        "Article 3 : Compétences visées (annexe 1)",
        "Article 4 : Durée et répartition du parcours",
        "Durée totale du parcours 308 h 322 h",
        "Part du parcours dans le contrat 16,9 % 17,7 %",
        "soumis à l'OPCO Atlas le 01/03/2027 et accepté par lui le 10/03/2027",
        "Les autres clauses de la convention demeurent inchangées.",
        "Le salarié apprenant",
    )
    assert "None" not in text and "True" not in text


@pytest.mark.django_db
def test_the_paper_of_a_live_dossier_compares_with_the_version_in_force_before_it(live, at, client):
    """Its « avant » is `document_at` the avenant's submission, not the version 1: an
    adaptation came into force in between."""
    row = live.dossier
    opco, admin = live.users["opco_staff"], live.users["company_admin"]
    actions.propose_adaptation(row, opco, changed(row, M1=120), "Logiciel.", row.version)
    actions.accept_adaptation(row, admin, 2, row.version)
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    draft = actions.save_draft(row, admin, Kind.AVENANT, changed(row, M3=70), "DSN.", row.version)
    actions.submit(row, admin, draft.number, row.version)
    actions.accept_avenant(row, opco, 3, row.version)
    for party in ("company", "facilitator", "opco", "learner"):
        actions.record_signature(row, admin, 3, party, row.version)
    client.force_login(live.users["learner"])
    response = client.get(f"/dossiers/{row.pk}/versions/3/avenant.pdf")
    assert response.status_code == 200
    text = squash(pdf_text(response.content))
    # M1 is 120 h before and after (the adaptation), only M3 changes.
    assert squash("M1 – Maîtrise du logiciel de paie 120 h · formation externe") in text
    assert squash("durée portée de 56 h à 70 h") in text
    assert squash("Durée totale du parcours 323 h 337 h") in text
    assert squash("prend effet à la date de sa dernière signature : le 15/03/2027") in text
    assert text.count(squash("le 15/03/2027")) >= 4  # each party's box
