"""Test data for every role. Factories write rows directly (they are not the code under
test); the code under test writes only through `parcours.*.actions`."""

from __future__ import annotations

import copy
import functools
import io
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from stdnum import luhn

from parcours.accounts.actions import create_api_token
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.dossiers import convert
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.dossiers.summary import refresh_summary
from parcours.organisations.models import Kind, Organisation

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "examples"
PASSWORD = "mot-de-passe-de-test"


# A real one-page PDF (uploads are opened with pypdf: a file that only starts with %PDF- is
# refused), as a scanned signed paper would be.
def _one_page_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _small_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 20), "white").save(out, "PNG")
    return out.getvalue()


PDF = _one_page_pdf()
PNG = _small_png()  # a real PNG (a drawn signature, a photo of a sheet): it decodes
_counter = itertools.count(1)


def example(name: str = "gestionnaire-paie-valide") -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def siret() -> str:
    """A fresh SIRET whose Luhn key is right."""
    base = f"4{next(_counter):012d}"
    return base + luhn.calc_check_digit(base)


def organisation(kind: str = Kind.COMPANY, **fields) -> Organisation:
    n = next(_counter)
    defaults = {
        "name": f"{Kind(kind).label} {n}",
        "siret": siret(),
        "address": f"{n} rue de l'Exemple, 69002 Lyon",
        "representative_name": f"Représentant {n}",
        "representative_role": "Gérant",
        "internal_training_service": True,
    }
    return Organisation.objects.create(kind=kind, **(defaults | fields))


@functools.cache
def _password_hash() -> str:
    # Hashing costs about a second by design; one hash shared by every test user.
    return make_password(PASSWORD)


def user(role: str, organisation: Organisation | None = None, **fields) -> User:
    n = next(_counter)
    username = fields.pop("username", f"{role}-{n}")
    person = User(username=username, role=role, organisation=organisation, **fields)
    person.first_name = person.first_name or Role(role).label.split(" ")[0]
    person.last_name = person.last_name or str(n)
    person.password = _password_hash()
    person.save()
    return person


def token_for(person: User) -> str:
    return create_api_token(person, "tests")[1]


def dossier(
    company: Organisation,
    status: str = Status.DRAFT,
    data: dict | None = None,
    tutor: User | None = None,
    learner: User | None = None,
    trainers: tuple[User, ...] = (),
) -> Dossier:
    data = copy.deepcopy(data or example())
    data["company"] = company.as_party()
    row = Dossier(company=company, status=status, tutor=tutor, learner=learner)
    convert.apply_document(row, data)
    row.save()
    row.trainers.set(trainers)
    # The summary columns as the actions layer would leave them (lists, filters, figures).
    refresh_summary(row)
    return row


@dataclass
class World:
    """Two companies; the dossier belongs to `company`, which `facilitator_org` helps.
    `users` holds one user per role key of ROLE_KEYS (anonymous excluded)."""

    company: Organisation
    other_company: Organisation
    facilitator_org: Organisation
    opco: Organisation
    dossier: Dossier
    users: dict[str, User] = field(default_factory=dict)


ROLE_KEYS = (
    "company_admin",
    "company_admin_other",
    "facilitator",
    "facilitator_other",
    "tutor",
    "trainer",
    "learner",
    "opco_staff",
)


def world(status: str = Status.DRAFT, benefits: tuple[str, ...] = ("rsa",)) -> World:
    opco = organisation(Kind.OPCO, name="Atlas", siret="85129663200017")
    company, other = organisation(), organisation()
    helper, other_helper = organisation(Kind.FACILITATOR), organisation(Kind.FACILITATOR)
    company.facilitators.add(helper)
    other.facilitators.add(other_helper)
    users = {
        "company_admin": user(Role.COMPANY_ADMIN, company),
        "company_admin_other": user(Role.COMPANY_ADMIN, other),
        "facilitator": user(Role.FACILITATOR, helper),
        "facilitator_other": user(Role.FACILITATOR, other_helper),
        "tutor": user(Role.TUTOR, company),
        "trainer": user(Role.TRAINER, company),
        "learner": user(Role.LEARNER, company),
        "opco_staff": user(Role.OPCO_STAFF, opco),
    }
    data = example()
    data["learner"]["benefits"] = list(benefits)
    row = dossier(company, status, data, users["tutor"], users["learner"], (users["trainer"],))
    # The trainer account is the document's trainer F1 (it signs F1's sessions).
    row.trainer_accounts = {"F1": users["trainer"].pk}
    row.save(update_fields=["trainer_accounts"])
    return World(company, other, helper, opco, row, users)


def add_sessions(row: Dossier, sessions: list[dict] | None = None) -> Dossier:
    """Give the dossier sessions (written directly, like every factory): by default S1
    (M2, interne, run by F1) and S2 (M1, externe) two days ago, S3 (M4, AFEST) in a week,
    relative to the (pinned) today."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    past, future = (today - dt.timedelta(days=2)).isoformat(), (today + dt.timedelta(days=7))
    times = {"start_time": "09:00", "end_time": "12:30", "hours": 3.5}
    sessions = sessions or [
        {"id": "S1", "module": "M2", "date": past, **times},
        {"id": "S2", "module": "M1", "date": past, **times},
        {"id": "S3", "module": "M4", "date": future.isoformat(), **times},
    ]
    row.content = {**row.content, "sessions": sessions}
    row.save(update_fields=["content"])
    return row
