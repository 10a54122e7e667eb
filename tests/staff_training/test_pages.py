"""« Formation des tuteurs et formateurs »: what each party reads, the company side's forms,
French errors next to their field, the link in the step menu, the late trainings."""

from __future__ import annotations

from django.urls import reverse

from parcours.dossiers import convert

PREFIX = "tuteur--fondamentaux-tutorat"


def _url(w, name="web:staff_training"):
    return reverse(name, args=[w.dossier.pk])


def _plan_body(w, **fields):
    body = {"version": w.dossier.version, "prefix": PREFIX, f"{PREFIX}-person": "tuteur",
            f"{PREFIX}-course": "fondamentaux-tutorat"}  # fmt: skip
    return body | {f"{PREFIX}-{k}": v for k, v in fields.items()}


def test_the_company_reads_proposals_with_reasons_and_forms(world, login):
    html = login(world.users["company_admin"]).get(_url(world)).content.decode()
    assert "<h1>Formation des tuteurs et formateurs</h1>" in html
    assert "Étape 4 sur 6" in html
    assert "« Les fondamentaux du tutorat » (7 h)" in html
    assert "Sophie Bernard est le tuteur du contrat" in html
    assert "pour aller plus loin" in html
    assert "A déjà suivi une formation de formateur" in html  # Marc Petit, F1
    assert 'aria-current="step"><span class="label">Formation des tuteurs' in html
    assert "Planifier une autre formation" in html
    assert f'name="{PREFIX}-planned_on"' in html


def test_the_tutor_reads_without_any_form(world, login):
    html = login(world.users["tutor"]).get(_url(world)).content.decode()
    assert "« Les fondamentaux du tutorat » (7 h)" in html
    assert '<form method="post" action="/dossiers' not in html.split("<main")[-1]
    assert "Planifier une autre formation" not in html


def test_planning_from_the_page_then_the_state_reads_in_french(world, login):
    client = login(world.users["facilitator"])
    body = _plan_body(world, planned_on="2026-12-01", provider="Atlas")
    response = client.post(_url(world, "web:staff_training_plan"), body)
    assert response.status_code == 302
    html = client.get(_url(world)).content.decode()
    assert "Prévue le 01/12/2026 (Atlas)." in html
    assert "Retirer cette formation" in html


def test_a_done_date_in_the_future_is_refused_next_to_its_field(world, login):
    client = login(world.users["company_admin"])
    body = _plan_body(world, planned_on="2026-11-01", done_on="2027-01-10")
    response = client.post(_url(world, "web:staff_training_plan"), body)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{PREFIX}-done_on-erreurs"' in html
    assert "ne peut pas être dans le futur" in html
    world.dossier.refresh_from_db()
    assert convert.to_domain(world.dossier).staff_training is None


def test_hours_with_a_comma_and_a_late_training_shown(world, login):
    content = world.dossier.content
    content["staff_training"] = {"trainings": [
        {"person": "F1", "course": "referent-afest", "planned_on": "2026-11-02"}]}  # fmt: skip
    world.dossier.save(update_fields=["content"])
    client = login(world.users["company_admin"])
    body = {"version": world.dossier.version, "prefix": "temps-F1--",
            "temps-F1---person": "F1", "temps-F1---hours_per_month": "7,5"}  # fmt: skip
    assert client.post(_url(world, "web:staff_training_time"), body).status_code == 302
    html = client.get(_url(world)).content.decode()
    assert "7,5\u00a0h par mois" in html
    assert "Formations à confirmer" in html
    assert "« Référent AFEST » (35 h) de Marc Petit" in html
    body["temps-F1---hours_per_month"] = "beaucoup"
    response = client.post(_url(world, "web:staff_training_time"), body)
    assert response.status_code == 400
    assert "Indiquez un nombre d&#x27;heures" in response.content.decode()


def test_the_late_training_item_links_to_the_page(world):
    import datetime as dt

    from parcours.domain.todo import Kind, todo
    from parcours.reminders.lists import target_url

    content = world.dossier.content
    entry = {"person": "tuteur", "course": "fondamentaux-tutorat", "planned_on": "2026-11-02"}
    content["staff_training"] = {"trainings": [entry]}
    world.dossier.save(update_fields=["content"])
    items = todo(convert.to_domain(world.dossier), dt.date(2026, 11, 22))
    item = next(i for i in items if i.kind == Kind.STAFF_TRAINING)
    assert target_url(world.dossier, item) == _url(world)
