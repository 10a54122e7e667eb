from django.core.management import call_command

from parcours.accounts.models import User
from parcours.dossiers.models import Dossier, DossierEvent


def test_it_loads_every_role_and_state_and_is_idempotent(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    call_command("load_demo")
    assert sorted(Dossier.objects.values_list("status", flat=True)) == [
        "accepted",
        "draft",
        "running",
        "submitted",
    ]
    assert set(User.objects.values_list("role", flat=True)) == {
        "company_admin",
        "tutor",
        "trainer",
        "learner",
        "facilitator",
        "opco_staff",
    }
    assert Dossier.objects.count() == 4
    assert DossierEvent.objects.filter(kind="transition").count() == 6
    assert "mot de passe pour tous : demo-parcours" in out
    assert "conseiller.opco" in out


def test_the_demo_passwords_work(db, client):
    call_command("load_demo")
    assert client.login(username="dirigeante", password="demo-parcours")


def test_create_api_token_prints_a_working_token(db, client, capsys):
    call_command("load_demo")
    call_command("create_api_token", "facilitateur")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    response = client.get("/api/dossiers", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [d["status"] for d in response.json()] != []


def test_the_summary_gives_the_address_make_run_serves(db, capsys):
    call_command("load_demo", "--url", "http://127.0.0.1:8765")
    out = capsys.readouterr().out
    assert "Ouvrez http://127.0.0.1:8765/ et connectez-vous" in out
    assert "API : http://127.0.0.1:8765/api/docs" in out
    assert ":8000" not in out


def test_the_running_dossier_has_a_held_review_an_evaluation_and_a_first_claim(db):
    call_command("load_demo")
    row = Dossier.objects.get(status="running")
    b1 = next(r for r in row.content["reviews"] if r["id"] == "B1")
    assert b1["held_date"] and b1["decision"] == "continue"
    assert {s["competence"]: s["level"] for s in b1["scores"]}["C6"] == 2
    assert len(b1["scores"]) == len(row.content["competences"])
    (evaluation,) = row.content["evaluations"]
    assert evaluation["module"] == "M2" and evaluation["evaluator"]["quality"] == "formateur"
    (claim,) = row.claims.exclude(state="due")
    assert (claim.kind, claim.state) == ("first_payment", "claimed")
    assert claim.invoice_number
    assert DossierEvent.objects.filter(dossier=row, section="reviews").exists()
