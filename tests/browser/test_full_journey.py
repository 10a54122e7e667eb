"""A company admin builds a dossier from nothing to submission through the pages; the learner
self-assesses from their own account; the OPCO accepts it."""

import pytest
from playwright.sync_api import expect

from parcours.accounts.enums import Role
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.organisations.models import Kind
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = factories.PDF


@pytest.fixture
def people():
    factories.organisation(Kind.OPCO, name="Atlas", siret="85129663200017")
    company = factories.organisation(name="Boulangerie Exemple", internal_training_service=False)
    return {
        "admin": factories.user(Role.COMPANY_ADMIN, company, username="rh"),
        "learner": factories.user(
            Role.LEARNER, company, username="salarie", first_name="Léa", last_name="Martin"
        ),
        "opco": factories.user(Role.OPCO_STAFF, None, username="conseiller"),
    }


def log_in(page, base, username):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def save(page):
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_selector(".message-success")


def fill(page, values: dict):
    for name, value in values.items():
        page.fill(f"[name='{name}']", value)


def test_from_nothing_to_acceptance(live_server, browser_page, shoot, people, tmp_path):
    page, base = browser_page, live_server.url
    log_in(page, base, "rh")
    page.wait_for_selector("text=Mes dossiers")
    shoot("01-tableau-de-bord")

    # Création: the learner and the contract (6 months, 35 h)
    page.get_by_role("link", name="Créer un dossier").click()
    page.select_option("[name='learner_account']", label="Léa Martin")
    fill(
        page,
        {
            "learner-first_name": "Léa",
            "learner-last_name": "Martin",
            "learner-birth_date": "2005-03-01",
            "contract-job_title": "Vendeuse en boulangerie",
            "contract-start_date": "2027-01-04",
            "contract-end_date": "2027-07-03",
            "contract-action_start": "2027-01-04",
            "contract-action_end": "2027-07-03",
        },
    )
    shoot("02-creation")
    page.get_by_role("button", name="Créer le dossier").click()
    page.wait_for_selector("h1:has-text('Entreprise')")
    pk = Dossier.objects.get().pk
    step = f"{base}/dossiers/{pk}"

    # Entreprise: confirm the company block
    fill(page, {"company-address": "3 place du Marché, 69001 Lyon"})
    save(page)
    shoot("03-entreprise")

    # Référentiel: a badly written competence is flagged live, then corrected
    page.goto(f"{step}/referentiel/")
    fill(page, {"competences-0-id": "C1"})
    page.select_option("[name='competences-0-importance']", "indispensable")
    page.select_option("[name='competences-0-level']", "3")
    page.fill("[name='competences-0-statement']", "Connaître les pains")
    page.wait_for_selector("#id_competences-0-statement-live .finding-alerte")
    shoot("04-referentiel-controle-en-direct")
    page.fill("[name='competences-0-statement']", "Être capable de façonner les pains du jour")
    page.wait_for_selector("#id_competences-0-statement-live .finding-alerte", state="detached")
    save(page)
    # No blank row once the list holds one: the button adds one, from the keyboard too,
    # and the new row's first field takes the focus.
    assert page.locator("[name='competences-1-id']").count() == 0
    page.get_by_role("button", name="Ajouter une compétence").focus()
    page.keyboard.press("Enter")
    # htmx moves the focus once the new row has settled, a few milliseconds after the
    # swap: expect() retries where a one-shot read of document.activeElement would race.
    expect(page.locator("[name='competences-1-id']")).to_be_focused()
    expect(page.locator("[name='competences-TOTAL_FORMS']")).to_have_value("2")
    fill(
        page,
        {
            "competences-1-id": "C2",
            "competences-1-statement": "Être capable de conseiller les clients sur les produits",
        },
    )
    page.select_option("[name='competences-1-importance']", "necessaire")
    page.select_option("[name='competences-1-level']", "2")
    save(page)
    shoot("05-referentiel")

    # Positionnement: the learner self-assesses from her own account…
    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, base, "salarie")
    page.get_by_role("link", name="MARTIN Léa", exact=True).click()
    page.goto(f"{step}/positionnement/")
    page.select_option("[name='entries-0-self_level']", "1")
    page.select_option("[name='entries-1-self_level']", "2")
    assert page.locator("[name='entries-0-assessed_level']").is_disabled()
    save(page)
    shoot("06-auto-positionnement")
    page.get_by_role("button", name="Se déconnecter").click()

    # … and the company records the assessed levels
    log_in(page, base, "rh")
    page.goto(f"{step}/positionnement/")
    page.select_option("[name='entries-0-assessed_level']", "1")
    page.select_option("[name='entries-1-assessed_level']", "1")
    save(page)

    # Tuteur et formateurs
    page.goto(f"{step}/tuteurs/")
    fill(
        page,
        {
            "tutor-name": "Paul Boulanger",
            "tutor-job_title": "Chef boulanger",
            "tutor-experience_years": "12",
            "tutor-learners_followed": "1",
            "trainers-0-id": "F1",
            "trainers-0-name": "Marie Fournil",
            "trainers-0-job_title": "Boulangère",
            "trainers-0-experience_years": "6",
        },
    )
    page.check("[name='tutor-volunteer']")
    page.check("[name='trainers-0-volunteer']")
    save(page)
    shoot("07-tuteurs")

    # Parcours: two external modules; the figures and the matrix follow the input
    page.goto(f"{step}/parcours/")
    objective = "À l'issue du module, le salarié sera capable de "
    fill(
        page,
        {
            "modules-0-id": "M1",
            "modules-0-title": "Techniques de panification",
            "modules-0-objective": objective + "façonner les pains",
            "modules-0-hours": "100",
            "modules-0-provider": "CFA Exemple",
            "modules-0-start": "2027-01-11",
            "modules-0-end": "2027-06-25",
            "modules-0-evaluation_methods": "Mise en situation",
        },
    )
    page.check("[name='modules-0-competences'][value='C1']")
    page.select_option("[name='modules-0-modality']", "externe")
    save(page)
    expect(page.locator(".matrix .uncovered").first).to_contain_text("C2")
    shoot("08-parcours-competence-non-couverte")
    page.get_by_role("button", name="Ajouter un module").click()
    page.wait_for_selector("[name='modules-1-id']")
    fill(
        page,
        {
            "modules-1-id": "M2",
            "modules-1-title": "Conseil et vente",
            "modules-1-objective": objective + "conseiller un client",
            "modules-1-hours": "60",
            "modules-1-provider": "CFA Exemple",
            "modules-1-start": "2027-01-18",
            "modules-1-end": "2027-06-25",
        },
    )
    page.check("[name='modules-1-competences'][value='C2']")
    page.select_option("[name='modules-1-modality']", "externe")
    page.wait_for_selector("text=Toutes les compétences sont couvertes.")
    save(page)
    shoot("09-parcours")

    # Bilans prévus: month 2 and the final one in the last month (6th)
    page.goto(f"{step}/bilans/")
    fill(page, {"reviews-0-id": "B1", "reviews-0-planned_date": "2027-02-15"})
    save(page)
    page.get_by_role("button", name="Ajouter un bilan").click()
    expect(page.locator("[name='reviews-1-id']")).to_be_focused()
    fill(page, {"reviews-1-id": "B2", "reviews-1-planned_date": "2027-06-25"})
    page.select_option("[name='reviews-1-kind']", "final")
    save(page)

    # Documents: the signed CERFA and convention
    page.goto(f"{step}/documents/")
    for kind, name in (("cerfa_12434", "cerfa.pdf"), ("convention", "convention.pdf")):
        file = tmp_path / name
        file.write_bytes(PDF)
        page.select_option("[name='kind']", kind)
        page.set_input_files("[name='file']", str(file))
        page.fill("[name='signed_on']", "2026-11-20")
        page.check("[name='signed_by'][value='company']")
        page.get_by_role("button", name="Déposer").click()
        page.wait_for_selector(".message-success")
    shoot("10-documents")

    # Soumission: M2 plans no evaluation (EVA-01, an alerte) which needs a justification
    page.goto(f"{step}/soumission/")
    shoot("11-soumission-avant-justification")
    assert (
        page.locator("text=Anomalies bloquantes")
        .locator("xpath=following-sibling::dd[1]")
        .inner_text()
        == "0"
    )
    page.get_by_label("Justification de l'alerte EVA-01").fill(
        "L'évaluation du module M2 se fait lors du bilan final, en situation de vente."
    )
    page.get_by_role("button", name="Enregistrer la justification").click()
    page.wait_for_selector("text=Justifié par")
    page.get_by_role("button", name="Soumettre le dossier à l'OPCO").click()
    page.wait_for_selector("text=Dossier envoyé à l'OPCO")
    shoot("12-soumis")
    assert Dossier.objects.get().status == Status.SUBMITTED

    # OPCO: the queue, the review with the justification, the acceptance
    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, base, "conseiller")
    page.wait_for_selector('h1:has-text("File d\'instruction")')
    shoot("13-file-instruction")
    page.get_by_role("link", name="MARTIN Léa", exact=True).click()
    page.wait_for_selector("text=L'évaluation du module M2 se fait lors du bilan final")
    fill(page, {"agreement_number": "ATLAS-2027-0042", "agreement_date": "2026-12-15"})
    shoot("14-instruction")
    page.get_by_role("button", name="Accepter le dossier").click()
    page.wait_for_selector("text=Prise en charge accordée.")
    shoot("15-accepte")
    row = Dossier.objects.get()
    assert (row.status, row.agreement_number) == (Status.ACCEPTED, "ATLAS-2027-0042")
    page.goto(f"{step}/historique/")
    shoot("16-historique")
