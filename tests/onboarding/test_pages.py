"""« Accueil du salarié »: what each party reads, ticking with and without htmx, French
errors beside the item, the link in the step menu and the guide's step 5."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from parcours.dossiers import convert


def _url(w, name="web:onboarding"):
    return reverse(name, args=[w.dossier.pk])


def _ticks(w):
    w.dossier.refresh_from_db()
    block = convert.to_domain(w.dossier).onboarding
    return {t.item.value: t for t in block.ticks} if block else {}


def test_the_tutor_reads_the_checklist_with_due_dates_and_forms(world, login):
    html = unescape(login(world.users["tutor"]).get(_url(world)).content.decode())
    assert "<h1>Accueil du salarié</h1>" in html
    assert "Étape 5 sur 6" in html
    assert 'aria-current="step"><span class="label">Accueil du salarié' in html
    assert "Avant l'arrivée" in html and "Un mois après l'arrivée" in html
    assert "À faire au plus tard le 3 janvier 2027" in html  # the day before the start
    assert "À faire au plus tard le 4 février 2027" in html  # a month after
    assert "0 sur 8</strong> fait" in html
    assert html.count("C'est fait<span") == 8
    assert 'id="id_accueil_done_on"' in html  # one id per item


def test_the_learner_reads_without_any_form(world, login):
    html = unescape(login(world.users["learner"]).get(_url(world)).content.decode())
    assert "Ce que votre entreprise et votre tuteur préparent pour votre arrivée" in html
    assert "C'est fait" not in html and "onboarding_tick" not in html
    assert "/accueil/cocher/" not in html


def test_ticking_without_js_then_the_page_says_who_and_when(world, login):
    client = login(world.users["tutor"])
    body = {"item": "accueil", "version": world.dossier.version, "comment": "Café d'accueil"}
    response = client.post(_url(world, "web:onboarding_tick"), body)
    assert response.status_code == 302
    assert response["Location"].endswith("/accueil/#accueil")
    html = unescape(client.get(_url(world)).content.decode())
    name = world.users["tutor"].get_full_name()
    assert f"Fait le 22 novembre 2026, par {name}." in html
    assert "« Café d'accueil »" in html
    assert "1 sur 8</strong> fait" in html
    assert "Décocher<span" in html


def test_ticking_with_htmx_answers_the_list_with_the_new_version(world, login):
    client = login(world.users["company_admin"])
    body = {"item": "poste-pret", "version": world.dossier.version}
    response = client.post(_url(world, "web:onboarding_tick"), body, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert html.lstrip().startswith('<div id="liste-accueil">') and "<html" not in html
    assert "« Préparer le poste de travail » : c'est fait." in html
    world.dossier.refresh_from_db()
    assert f'name="version" value="{world.dossier.version}"' in html
    assert "poste-pret" in _ticks(world)


def test_a_date_in_the_future_is_refused_beside_its_item(world, login):
    client = login(world.users["tutor"])
    body = {"item": "accueil", "version": world.dossier.version, "done_on": "2026-12-25"}
    response = client.post(_url(world, "web:onboarding_tick"), body)
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "La date ne peut pas être dans le futur." in html
    htmx = client.post(_url(world, "web:onboarding_tick"), body, headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and "La date ne peut pas être dans le futur." in unescape(
        htmx.content.decode()
    )
    assert _ticks(world) == {}


def test_a_stale_page_is_told_and_nothing_is_written(world, login):
    client = login(world.users["tutor"])
    old = world.dossier.version
    client.post(_url(world, "web:onboarding_tick"), {"item": "accueil", "version": old})
    response = client.post(
        _url(world, "web:onboarding_tick"), {"item": "poste-pret", "version": old}
    )
    assert response.status_code == 409
    assert set(_ticks(world)) == {"accueil"}


def test_untick_from_the_page(world, login):
    client = login(world.users["facilitator"])
    client.post(
        _url(world, "web:onboarding_tick"), {"item": "accueil", "version": world.dossier.version}
    )
    world.dossier.refresh_from_db()
    response = client.post(
        _url(world, "web:onboarding_untick"), {"item": "accueil", "version": world.dossier.version}
    )
    assert response.status_code == 302
    assert _ticks(world) == {}


def test_an_unknown_item_is_a_french_400(world, login):
    client = login(world.users["tutor"])
    response = client.post(
        _url(world, "web:onboarding_tick"), {"item": "cafe", "version": world.dossier.version}
    )
    assert response.status_code == 400
    assert "Élément de la liste d'accueil inconnu." in unescape(response.content.decode())
