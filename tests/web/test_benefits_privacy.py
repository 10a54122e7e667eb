"""Whether ELIG-01 fires can tell that a 26+ learner who is not a job seeker receives a social
benefit: only the company admin and the OPCO (who see the benefits) get its findings, in
pages and API alike, so that the others see the same thing with or without a benefit."""

import re

import pytest
from django.urls import reverse

from parcours.dossiers import lifecycle, perms
from tests import factories

pytestmark = pytest.mark.django_db
ROLES = ["company_admin", "opco_staff", "facilitator", "tutor", "trainer", "learner"]
SEES = {"company_admin", "opco_staff"}
# What differs between two requests of the same page anyway: the CSRF tokens and the version.
VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|name="version" value=")[^"]*')


def learner_aged_40(world, benefits):
    row = world.dossier
    row.content["learner"] |= {"birth_date": "1986-05-02", "job_seeker": False}
    row.content["learner"]["benefits"] = benefits
    row.save()
    return row


@pytest.mark.parametrize("role", ROLES)
def test_elig01_reaches_only_who_sees_the_benefits(world, role):
    row = learner_aged_40(world, [])
    if role == "opco_staff":  # the OPCO sees a dossier from its first submission
        row.status = "submitted"
        row.save()
    full = lifecycle.report_at(row)
    assert "ELIG-01" in {f.rule for f in full.findings}  # the rule does fire
    shown = perms.report_for(world.users[role], row, full)
    assert ("ELIG-01" in {f.rule for f in shown.findings}) is (role in SEES)


@pytest.mark.parametrize("role", sorted(set(ROLES) - SEES))
def test_the_others_see_the_same_page_with_or_without_a_benefit(client, world, role):
    client.force_login(world.users[role])
    url = reverse("web:step", args=[world.dossier.pk, "salarie"])
    pages = []
    for benefits in ([], ["rsa"]):
        learner_aged_40(world, benefits)
        body = client.get(url).content.decode()
        pages.append(VOLATILE.sub(r"\1", body))
    assert "ELIG-01" not in pages[0]
    assert pages[0] == pages[1]


def test_the_company_admin_page_shows_elig01(client, world):
    learner_aged_40(world, [])
    client.force_login(world.users["company_admin"])
    body = client.get(reverse("web:step", args=[world.dossier.pk, "salarie"])).content.decode()
    assert "ELIG-01" in body


@pytest.mark.parametrize("role", ROLES)
def test_the_api_report_follows_the_same_rule(client, world, role):
    row = learner_aged_40(world, [])
    if role == "opco_staff":  # the OPCO sees a dossier from its first submission
        row.status = "submitted"
        row.save()
    token = factories.token_for(world.users[role])
    url = f"/api/dossiers/{row.pk}/report"
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    rules = {f["rule"] for f in response.json()["findings"]}
    assert ("ELIG-01" in rules) is (role in SEES)
