"""The OPCO's one-page summary of a dossier (« Synthèse »): every section condensed, the
findings and justifications beside their section, the changes since the previous
submission, OPCO staff only, a bounded number of queries."""

import copy
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from parcours.dossiers import actions
from parcours.dossiers.models import Dossier
from parcours.dossiers.uploads import upload_signed_document
from parcours.portfolio.models import InstructorNote
from tests import factories


def url(row):
    return reverse("web:opco_summary", args=[row.pk])


def text_of(response) -> str:
    """The page's text without tags nor repeated spaces (what a reader sees)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"')
    return " ".join(words.split())


def section(response, key: str) -> str:
    """The HTML of one section block of the page (`id="s-<key>"`)."""
    html = response.content.decode()
    start = html.index(f'id="s-{key}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def submit(w):
    row = w.dossier
    row.refresh_from_db()
    actions.submit_dossier(row, w.users["company_admin"], row.version)


def save(w, name, data):
    row = w.dossier
    row.refresh_from_db()
    actions.update_section(row, w.users["company_admin"], name, data, row.version)


def ask_changes(w, comments):
    row = w.dossier
    row.refresh_from_db()
    actions.request_changes(row, w.users["opco_staff"], row.version, comments)


@pytest.fixture
def submitted(db):
    w = factories.world()
    submit(w)
    return w


def test_every_section_is_condensed_on_the_page(submitted, login):
    response = login(submitted.users["opco_staff"]).get(url(submitted.dossier))
    assert response.status_code == 200
    words = text_of(response)
    for title in (
        "Entreprise",
        "Salarié apprenant",
        "Contrat",
        "Référentiel métier",
        "Positionnement initial",
        "Parcours de formation",
        "Séquences pédagogiques",
        "Tuteur",
        "Formateurs internes",
        "Bilans prévus",
        "Documents signés",
    ):
        assert f">{title}" in response.content.decode(), title
    assert "Compétences visées 7" in words
    assert "12 mois, 35 h par semaine" in words
    assert "Part du parcours 16,92 %" in words
    assert "M1 Maîtrise du logiciel de paie — 105 h · formation externe" in words
    assert "C1 : niveau attendu 3 ; évalué 0 par le tuteur, 0 par le salarié — écart 3" in words
    assert "B3 · Bilan final prévu le 20/12/2027 — à tenir" in words
    assert "Convention tripartite : signée le 25/11/2026" in words
    # The OPCO reads the learner's benefits.
    assert "Minima sociaux RSA" in words
    assert "Première soumission" in words
    assert "'" not in re.findall(r"parcours-dossier|\w+\[\d+\]", words)  # never a JSON path


def test_findings_and_justifications_stand_beside_their_section(db, login):
    """The example with two alertes: REF-02 on a competence's wording (not justified) and
    TRN-02 on the trainer (justified)."""
    w = factories.world()
    row = factories.dossier(w.company, "draft", factories.example("alertes-redaction-et-formateur"))
    actions.justify_alert(
        row,
        w.users["company_admin"],
        "TRN-02",
        "trainers[0].trainer_training",
        "Marc Petit forme nos salariés depuis six ans.",
    )
    row.status = "submitted"  # as if sent (REF-02 unjustified would stop the sending)
    row.save(update_fields=["status"])
    response = login(w.users["opco_staff"]).get(url(row))
    trainers, competences = section(response, "trainers"), section(response, "competences")
    assert "<strong>TRN-02</strong>" in trainers
    assert "Marc Petit forme nos salariés depuis six ans." in trainers
    assert "<strong>REF-02</strong>" in competences
    assert "Aucune justification." in competences
    assert "Concerne : l&#x27;énoncé de la compétence n° 1" in competences
    assert "REF-02" not in trainers and "TRN-02" not in competences
    assert "2 alertes" in text_of(response)


def test_what_changed_since_the_previous_submission(submitted, login):
    w = submitted
    ask_changes(
        w,
        {
            "modules": "Allongez le module M1.",
            "tutor": "Précisez l'expérience.",
            "learner": "Le diplôme ?",
        },
    )
    modules = copy.deepcopy(w.dossier.content["modules"])
    modules[0]["hours"] = 112
    save(w, "modules", modules)
    tutor = copy.deepcopy(w.dossier.content["tutor"])
    tutor["experience_years"] = 10
    save(w, "tutor", tutor)
    tutor["job_title"] = "Cheffe du service paie"
    save(w, "tutor", tutor)
    w.dossier.refresh_from_db()
    pdf = io.BytesIO(factories.PDF)
    pdf.name = "convention.pdf"
    upload_signed_document(
        w.dossier,
        w.users["company_admin"],
        "convention",
        pdf,
        dt.date(2026, 11, 21),
        ["company", "facilitator", "learner"],
    )
    submit(w)

    response = login(w.users["opco_staff"]).get(url(w.dossier))
    words = text_of(response)
    assert "Soumission n° 2" in words
    assert "Module M1 « Maîtrise du logiciel de paie » : durée portée de 105 h à 112 h." in words
    assert "Durée totale du parcours : 308 h → 315 h." in words
    assert "Demande de l'OPCO : Allongez le module M1." in words
    # Field by field, before → now, in words (two saves of the tutor: one line each field).
    assert re.search(r"Les années d'expérience du tuteur 8 10", words)
    assert re.search(
        r"L'emploi occupé du tuteur Responsable du service paie Cheffe du service paie", words
    )
    assert (
        "Convention tripartite signée le 25/11/2026 par l'entreprise, le tiers facilitateur "
        "signée le 21/11/2026 par l'entreprise, le tiers facilitateur, le salarié" in words
    )
    # Asked and not done: said.
    assert "l'OPCO avait demandé « Le diplôme ? » — aucun changement dans cette section" in words
    # The sections that changed say so beside their title.
    assert "modifié depuis la soumission précédente" in section(response, "tutor")
    assert "modifié depuis la soumission précédente" not in section(response, "learner")
    # The hours follow the modules: said apart, the contract itself is not marked changed.
    assert "Heures et part du parcours" in words
    assert "modifié depuis la soumission précédente" not in section(response, "contract")


def test_changes_after_the_latest_submission_are_not_counted_as_resubmitted(submitted, login):
    """The comparison is between the two documents as sent, not the one of today."""
    w = submitted
    ask_changes(w, {"tutor": "Précisez l'expérience."})
    tutor = copy.deepcopy(w.dossier.content["tutor"])
    tutor["experience_years"] = 10
    save(w, "tutor", tutor)
    submit(w)
    w.dossier.refresh_from_db()
    actions.accept_dossier(
        w.dossier, w.users["opco_staff"], w.dossier.version, "ACC-1", dt.date(2026, 11, 22)
    )
    # A later save (the company's, on the accepted contract's reviews).
    w.dossier.refresh_from_db()
    reviews = copy.deepcopy(w.dossier.content["reviews"])
    reviews[0]["planned_date"] = "2027-03-04"
    save(w, "reviews", reviews)
    words = text_of(login(w.users["opco_staff"]).get(url(w.dossier)))
    changes = re.search(r"Ce qui a changé.*?Le dossier, section par section", words)[0]
    assert re.search(r"Les années d'expérience du tuteur 8 10", changes)
    assert "Bilans" not in changes
    # The sections themselves show the dossier of today.
    assert "B1 · Bilan de suivi prévu le 04/03/2027" in words


@pytest.mark.parametrize(
    "role",
    [
        "company_admin",
        "facilitator",
        "tutor",
        "trainer",
        "learner",
        "company_admin_other",
        "facilitator_other",
    ],
)
def test_only_the_opco_reads_the_summary(submitted, login, role):
    assert login(submitted.users[role]).get(url(submitted.dossier)).status_code == 403


def test_the_opco_does_not_see_a_draft(db, login):
    w = factories.world()
    assert login(w.users["opco_staff"]).get(url(w.dossier)).status_code == 404


def test_the_review_page_links_to_the_summary(submitted, login):
    review = reverse("web:opco_review", args=[submitted.dossier.pk])
    page = login(submitted.users["opco_staff"]).get(review).content.decode()
    assert f'href="{url(submitted.dossier)}"' in page


def _busy(w, saves: int, modules: int):
    """A dossier sent twice, with `saves` saves between and `modules` modules."""
    ask_changes(w, {"modules": "Détaillez.", "tutor": "Expérience ?"})
    rows = copy.deepcopy(w.dossier.content["modules"])
    base = rows[0]
    for n in range(len(rows), modules):
        rows.append({**copy.deepcopy(base), "id": f"M{n + 1}", "hours": 1, "title": f"Module {n}"})
    save(w, "modules", rows)
    tutor = copy.deepcopy(w.dossier.content["tutor"])
    for n in range(saves):
        tutor["experience_years"] = 3 + n % 20
        save(w, "tutor", tutor)
    submit(w)


def test_the_number_of_queries_does_not_grow_with_events_and_modules(
    db, login, django_assert_max_num_queries
):
    small, large = factories.world(), factories.world()
    submit(small), submit(large)
    _busy(small, saves=1, modules=5)
    _busy(large, saves=30, modules=12)
    # The large one is followed by an instructor, with notes and a justified alerte.
    opco = small.users["opco_staff"]
    Dossier.objects.filter(pk=large.dossier.pk).update(assigned_to=opco)
    InstructorNote.objects.bulk_create(
        InstructorNote(dossier=large.dossier, author=opco, text=f"Note {n}") for n in range(20)
    )
    client = login(opco)
    bound = 17
    for w in (small, large):
        with django_assert_max_num_queries(bound):
            assert client.get(url(w.dossier)).status_code == 200


def _deposit(w, day, signed_by):
    w.dossier.refresh_from_db()
    pdf = io.BytesIO(factories.PDF)
    pdf.name = "convention.pdf"
    upload_signed_document(w.dossier, w.users["company_admin"], "convention", pdf, day, signed_by)


def test_a_deposit_recorded_before_its_replaced_entry_was_kept_reads_the_previous_file(db, login):
    """History written before deposits kept the entry they replaced (`before` None): the
    previous file of the same kind stands for it."""
    w = factories.world()
    _deposit(w, dt.date(2026, 11, 10), ["company", "facilitator"])
    submit(w)
    ask_changes(w, {"documents": "La convention doit être signée du salarié aussi."})
    _deposit(w, dt.date(2026, 11, 21), ["company", "facilitator", "learner"])
    last = w.dossier.events.filter(kind="upload").order_by("pk").last()
    last.changes = [{**last.changes[0], "before": None}]
    last.save(update_fields=["changes"])
    submit(w)
    words = text_of(login(w.users["opco_staff"]).get(url(w.dossier)))
    assert (
        "Convention tripartite signée le 10/11/2026 par l'entreprise, le tiers facilitateur "
        "signée le 21/11/2026 par l'entreprise, le tiers facilitateur, le salarié" in words
    )


def test_while_the_company_makes_the_changes_asked_no_decision_is_due(submitted, login):
    ask_changes(submitted, {"tutor": "Précisez l'expérience."})
    tutor = copy.deepcopy(submitted.dossier.content["tutor"])
    tutor["experience_years"] = 10
    save(submitted, "tutor", tutor)
    response = login(submitted.users["opco_staff"]).get(url(submitted.dossier))
    assert response.status_code == 200
    words = text_of(response)
    assert "Première soumission" in words
    assert "Modifications demandées" in words
    assert "Décision attendue" not in words  # no decision is due while it is back


def test_each_queue_row_links_to_its_summary(submitted, login):
    page = login(submitted.users["opco_staff"]).get(reverse("web:opco_queue")).content.decode()
    assert f'href="{url(submitted.dossier)}"' in page
