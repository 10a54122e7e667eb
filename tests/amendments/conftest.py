import copy
import datetime as dt

import pytest

from parcours.dossiers import actions as dossier_actions
from parcours.dossiers.enums import Status

ACCEPTED_ON = dt.date(2026, 12, 10)
# The example's action runs from 4 January 2027 to 3 January 2028; B1 is planned on
# 25 February 2027, B2 on 24 June 2027.
BEFORE_B1 = dt.date(2027, 2, 1)
B1_HELD = dt.date(2027, 2, 25)
AFTER_B1 = dt.date(2027, 3, 15)


@pytest.fixture
def live(world, at):
    """The world's dossier accepted by the OPCO on 10 December 2026 (through the action:
    version 1 is recorded then), running from 4 January 2027; the clock on 1 February 2027."""
    row = world.dossier
    row.status = Status.SUBMITTED
    row.save(update_fields=["status"])
    at(ACCEPTED_ON)
    dossier_actions.accept_dossier(row, world.users["opco_staff"], row.version, "A-42", ACCEPTED_ON)
    at(dt.date(2027, 1, 4))
    dossier_actions.start_contract(row, world.users["company_admin"], row.version)
    at(BEFORE_B1)
    row.refresh_from_db()
    return world


def hold(row, review_id: str, day: dt.date, decision: str = "continue") -> None:
    """A review held (written directly, like a factory: `parcours.reviews` is tested apart)."""
    content = copy.deepcopy(row.content)
    for review in content["reviews"]:
        if review["id"] == review_id:
            review["held_date"] = day.isoformat()
            review["decision"] = decision
    row.content = content
    row.save(update_fields=["content"])


def changed(row, **hours) -> dict:
    """The version sections of the row with modules' hours changed (`M1=120`)."""
    modules = copy.deepcopy(row.content["modules"])
    for m in modules:
        if m["id"] in hours:
            m["hours"] = hours[m["id"]]
    return {"modules": modules}
