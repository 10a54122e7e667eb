import datetime as dt

import pytest

from parcours.dossiers.enums import Status

# The example's action runs from 4 January 2027 to 3 January 2028; B1 is planned on
# 25 February 2027 (the 2nd month: 4 February – 3 March 2027).
DURING_B1 = dt.date(2027, 3, 1)


@pytest.fixture
def running(world, at):
    """The world's dossier running, on 1 March 2027."""
    world.dossier.status = Status.RUNNING
    world.dossier.save(update_fields=["status"])
    at(DURING_B1)
    return world
