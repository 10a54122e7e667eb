"""The API of convention art. 10 and of the hourly rate: the same rules as the pages."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def ago(n):
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


def test_notice_then_end_through_the_api(api_as, running):
    path = f"/api/dossiers/{running.dossier.pk}/convention-ending"
    company, opco = api_as("company_admin"), api_as("opco_staff")
    got = company("get", path).json()
    assert got["can_send_notice"] and got["notice_sent_on"] is None
    body = {"version": got["version"], "notice_to": "opco", "breach": "Aucune réponse",
            "sent_on": ago(3)}  # fmt: skip
    sent = company("post", f"{path}/notice", body)
    assert sent.status_code == 200 and sent.json()["earliest_end"] == ago(3 - 15)
    early = opco("post", f"{path}/end", {"version": sent.json()["version"], "ended_on": ago(0)})
    assert early.status_code == 422
    assert early.json()["errors"][0]["path"] == "convention_ending.ended_on"
    assert api_as("tutor")("get", path).status_code == 403


def test_the_opco_sets_the_hourly_rate(api_as, running):
    path = f"/api/dossiers/{running.dossier.pk}/funding/hourly-rate"
    done = api_as("opco_staff")("post", path, {"version": running.dossier.version,
                                              "hourly_rate": 12.5})  # fmt: skip
    assert done.status_code == 200 and done.json()["hourly_rate"] == 12.5
    body = {"version": done.json()["version"], "hourly_rate": 99}
    assert api_as("company_admin")("post", path, body).status_code == 403
