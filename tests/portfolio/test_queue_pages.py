"""The instruction queue's page, its exports, « suivi par » and the private notes, as the
OPCO's instructor uses them; the other roles' home lists, paginated the same way."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.portfolio.models import Assignment, InstructorNote
from tests import factories
from tests.portfolio.queue_rows import clones, moment
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def _review_links(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/opco/dossiers/(\d+)/"', body)]


@pytest.fixture
def queue(world):
    """60 submitted dossiers (one page and a bit), submitted on days 1..60 from 1 October
    in a shuffled order, and 5 running ones."""
    Dossier.objects.filter(pk=world.dossier.pk).delete()
    order = [(i * 37) % 60 for i in range(60)]
    rows = clones(
        world,
        60,
        status=Status.SUBMITTED,
        learner_name=lambda i: f"NOM{order[i]:02d} Prénom",
        search_text=lambda i: f"nom{order[i]:02d} prenom",
        submitted_at=lambda i: moment(1, 0) + dt.timedelta(hours=order[i]),
        status_changed_at=lambda i: moment(1, 0) + dt.timedelta(hours=order[i]),
        decision_deadline=lambda i: dt.date(2026, 11, 1) + dt.timedelta(days=order[i] % 40),
        total_hours=lambda i: 150.0 + order[i],
    )
    running = clones(world, 5, status=Status.RUNNING, learner_name="EN COURS")
    return world, rows, running


def test_the_default_view_is_the_submitted_dossiers_oldest_first_50_a_page(login, queue):
    world, rows, running = queue
    client = login(world.users["opco_staff"])
    body = text(client.get(reverse("web:opco_queue")))
    by_submission = sorted(rows, key=lambda r: r.submitted_at)
    assert _review_links(body) == [r.pk for r in by_submission[:50]]
    assert "EN COURS" not in body
    assert "60 dossiers avec ces filtres." in body
    assert "Page précédente" not in body
    after = re.search(r'href="\?after=([\w-]+)"', body).group(1)
    body2 = text(client.get(reverse("web:opco_queue"), {"after": after}))
    assert _review_links(body2) == [r.pk for r in by_submission[50:]]
    assert "Page suivante" not in body2 and "Page précédente" in body2
    before = re.search(r'href="\?before=([\w-]+)"', body2).group(1)
    body3 = text(client.get(reverse("web:opco_queue"), {"before": before}))
    assert _review_links(body3) == _review_links(body)


def test_a_header_sorts_and_a_second_click_reverses(login, queue):
    world, rows, _ = queue
    client = login(world.users["opco_staff"])
    body = text(client.get(reverse("web:opco_queue"), {"sort": "hours"}))
    assert 'aria-sort="ascending"><a href="?sort=-hours">Heures' in body
    expected = [r.pk for r in sorted(rows, key=lambda r: r.total_hours)][:50]
    assert _review_links(body) == expected
    body = text(client.get(reverse("web:opco_queue"), {"sort": "-hours"}))
    expected = [r.pk for r in sorted(rows, key=lambda r: -r.total_hours)][:50]
    assert _review_links(body) == expected


def test_the_pager_keeps_the_filters_and_the_sort(login, queue):
    world, rows, _ = queue
    client = login(world.users["opco_staff"])
    body = text(client.get(reverse("web:opco_queue"), {"status": "submitted", "sort": "-learner"}))
    link = re.search(r'rel="next" href="\?([^"]+)"', body).group(1)
    assert link.startswith("status=submitted&amp;sort=-learner&amp;after=") or link.startswith(
        "status=submitted&sort=-learner&after="
    )


def test_late_decisions_say_so_in_words_and_are_counted(login, queue):
    world, rows, _ = queue
    body = text(login(world.users["opco_staff"]).get(reverse("web:opco_queue")))
    late = sum(1 for r in rows if r.decision_deadline < dt.date(2026, 11, 22))
    assert f"<strong>{late}</strong> à décider en retard" in body
    assert body.count("En retard : avant le ") == sum(
        1
        for r in sorted(rows, key=lambda r: r.submitted_at)[:50]
        if r.decision_deadline < dt.date(2026, 11, 22)
    )
    body = text(login(world.users["opco_staff"]).get(reverse("web:opco_queue"), {"overdue": "on"}))
    assert len(_review_links(body)) == late


def test_a_bad_filter_is_named_and_the_list_still_shows(login, queue):
    world, rows, _ = queue
    response = login(world.users["opco_staff"]).get(
        reverse("web:opco_queue"), {"status": "submitted", "bloquant_min": "beaucoup"}
    )
    body = text(response)
    assert response.status_code == 200
    assert "Un filtre n'a pas été compris" in body
    assert "Saisissez un nombre entier." in body
    assert len(_review_links(body)) == 50


def test_htmx_gets_only_the_results(login, queue):
    world, _, _ = queue
    response = login(world.users["opco_staff"]).get(
        reverse("web:opco_queue"), {"q": "nom01"}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert body.startswith('<div id="resultats"')
    assert len(_review_links(body)) == 1


# --- exports ---------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.reader(io.StringIO(raw[1:]), delimiter=";"))


def test_the_csv_export_is_exactly_the_filtered_list_in_french(login, queue):
    world, rows, _ = queue
    client = login(world.users["opco_staff"])
    params = {"status": "submitted", "overdue": "on", "sort": "-hours"}
    lines = _csv(client.get(reverse("web:opco_export_csv"), params))
    header, data = lines[0], lines[1:]
    assert header[:4] == ["N° de dossier OPCO", "N° d'accord", "État", "Salarié"]
    late = [r for r in rows if r.decision_deadline < dt.date(2026, 11, 22)]
    expected = [r.learner_name for r in sorted(late, key=lambda r: -r.total_hours)]
    assert [line[3] for line in data] == expected
    hours = header.index("Heures au total")
    assert data[0][hours] == f"{max(r.total_hours for r in late):.0f}"
    deadline = header.index("Décision attendue avant le")
    assert re.fullmatch(r"\d\d/\d\d/2026", data[0][deadline])
    assert data[0][header.index("État")] == "Soumis à l'OPCO"


def test_the_csv_writes_decimals_with_a_comma(login, world):
    world.dossier.status = Status.SUBMITTED
    world.dossier.save()
    Dossier.objects.filter(pk=world.dossier.pk).update(training_share=17.25)
    lines = _csv(login(world.users["opco_staff"]).get(reverse("web:opco_export_csv")))
    assert lines[1][lines[0].index("Part de formation (%)")] == "17,25"


def test_the_excel_export_has_numbers_and_dates(login, queue):
    world, rows, _ = queue
    response = login(world.users["opco_staff"]).get(reverse("web:opco_export_xlsx"), {"q": "nom0"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["Dossiers"]
    lines = list(sheet.iter_rows(values_only=True))
    header, data = lines[0], lines[1:]
    assert len(data) == 10  # NOM00 … NOM09
    assert isinstance(data[0][header.index("Heures au total")], (int, float))  # not text
    assert isinstance(data[0][header.index("Décision attendue avant le")], dt.datetime)
    assert (
        sheet.cell(2, header.index("Décision attendue avant le") + 1).number_format == "DD/MM/YYYY"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="dossiers-')


# --- suivi par and notes ---------------------------------------------------------------


@pytest.fixture
def submitted(world):
    world.dossier.status = Status.SUBMITTED
    world.dossier.save()
    return world


def test_an_instructor_takes_a_dossier_and_the_queue_shows_it(login, submitted):
    world = submitted
    me = world.users["opco_staff"]
    client = login(me)
    response = client.post(
        reverse("web:opco_assign", args=[world.dossier.pk]), {"assigned_to": "moi"}
    )
    assert response.status_code == 302
    world.dossier.refresh_from_db()
    assert world.dossier.assigned_to == me
    assert world.dossier.version == 1  # the document's version is not touched
    [history] = Assignment.objects.filter(dossier=world.dossier)
    assert (history.assignee, history.by) == (me, me)
    body = text(client.get(reverse("web:opco_queue"), {"assigned_to": "moi"}))
    assert _review_links(body) == [world.dossier.pk]
    assert me.get_full_name() in body


def test_a_dossier_is_assigned_to_an_opco_account_only(login, submitted):
    world = submitted
    client = login(world.users["opco_staff"])
    admin = world.users["company_admin"]
    response = client.post(
        reverse("web:opco_assign", args=[world.dossier.pk]), {"assigned_to": admin.pk}, follow=True
    )
    assert "Suivi par : choisissez un compte de conseiller OPCO actif." in text(response)
    world.dossier.refresh_from_db()
    assert world.dossier.assigned_to is None
    assert not Assignment.objects.exists()


def test_notes_are_written_and_read_by_the_opco_only(login, submitted):
    world = submitted
    opco = login(world.users["opco_staff"])
    url = reverse("web:opco_add_note", args=[world.dossier.pk])
    review = reverse("web:opco_review", args=[world.dossier.pk])
    response = opco.post(url, {"text": "Appeler l'entreprise au sujet du tuteur.", "next": review})
    assert response.url == review
    body = text(opco.get(review))
    assert "Appeler l'entreprise au sujet du tuteur." in body
    assert "Suivi interne de l'OPCO" in body
    assert InstructorNote.objects.get().author == world.users["opco_staff"]
    for role in ("company_admin", "facilitator", "tutor", "trainer", "learner"):
        client = login(world.users[role])
        for page in ("web:overview", "web:history"):
            page_text = text(client.get(reverse(page, args=[world.dossier.pk])))
            assert "Appeler l'entreprise" not in page_text, (role, page)
            assert "Suivi interne" not in page_text, (role, page)


def test_an_empty_note_is_refused_in_french(login, submitted):
    world = submitted
    response = login(world.users["opco_staff"]).post(
        reverse("web:opco_add_note", args=[world.dossier.pk]), {"text": "   "}, follow=True
    )
    assert "Note : écrivez le texte de la note." in text(response)
    assert not InstructorNote.objects.exists()


def test_next_never_leads_off_the_site(login, submitted):
    world = submitted
    response = login(world.users["opco_staff"]).post(
        reverse("web:opco_add_note", args=[world.dossier.pk]),
        {"text": "Note", "next": "https://ailleurs.example/"},
    )
    assert response.url == reverse("web:opco_review", args=[world.dossier.pk]) + "#suivi-opco"


def test_the_opco_never_assigns_or_notes_a_draft(login, world):
    client = login(world.users["opco_staff"])
    assert (
        client.post(
            reverse("web:opco_assign", args=[world.dossier.pk]), {"assigned_to": "moi"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("web:opco_add_note", args=[world.dossier.pk]), {"text": "x"}
        ).status_code
        == 404
    )


# --- the other roles' lists ------------------------------------------------------------


def test_a_company_with_many_dossiers_gets_pages_of_50_newest_first(login, world):
    made = clones(world, 59)
    rows = [world.dossier, *made]
    client = login(world.users["company_admin"])
    body = text(client.get(reverse("web:dashboard")))
    links = [int(pk) for pk in re.findall(r'href="/dossiers/(\d+)/"', body)]
    newest = sorted(rows, key=lambda r: (r.updated_at, r.pk), reverse=True)
    assert links[:50] == [r.pk for r in newest[:50]]
    after = re.search(r'rel="next" href="\?after=([\w-]+)"', body).group(1)
    body2 = text(client.get(reverse("web:dashboard"), {"after": after}))
    links2 = [int(pk) for pk in re.findall(r'href="/dossiers/(\d+)/"', body2)]
    assert links2[:10] == [r.pk for r in newest[50:]]
    assert 'id="id_q"' in body  # more than a page: a search box


def test_the_other_company_sees_none_of_them(login, world):
    clones(world, 3)
    body = text(login(world.users["company_admin_other"]).get(reverse("web:dashboard")))
    assert "EXEMPLE Nadia" not in body
    assert "Aucun dossier pour l'instant." in body


def test_the_home_search_looks_in_the_summary(login, world):
    other = factories.dossier(world.company, data=_learner("Paul", "Martin"))
    client = login(world.users["company_admin"])
    body = text(client.get(reverse("web:dashboard"), {"q": "martin"}))
    links = set(re.findall(r'href="/dossiers/(\d+)/"', body))
    assert str(other.pk) in links and str(world.dossier.pk) not in links


def _learner(first: str, last: str) -> dict:
    data = factories.example()
    data["learner"]["first_name"], data["learner"]["last_name"] = first, last
    return data
