"""Every URL of the project and every API endpoint, requested as every role, with the
HTTP status each must get. A URL pattern or an endpoint missing from the tables FAILS
`test_every_url_and_endpoint_has_an_entry`: access rules are decided, never defaulted.

To add a page, add ONE line to PAGES, keyed by its URL name:

    "web:overview": E(anon=302, default=200, outsider=404),

A page taking several methods lists one entry per method: `"web:x": [E(...), E("POST", ...)]`
(a list also tells apart arguments that change the rule, e.g. a funding paper's name).

To add an API endpoint, add ONE line to API, keyed by "METHOD /api/path" (OpenAPI path):

    "GET /api/dossiers/{id}": E(anon=401, default=200, outsider=404),

`E(method="GET", default=…, anon=…, outsider=…, <role>=…, status="draft", body=…, kwargs=…)`:
- roles: anonymous (`anon`), company_admin, company_admin_other, facilitator,
  facilitator_other, tutor, trainer, learner, opco_staff; `outsider` sets both `*_other`
  (an admin of another company, a facilitator not assigned to the dossier's company);
- `status`: the state the dossier is put in before the request;
- `body`: form data (pages) or JSON (API), or a function of the `World` returning it;
  `multipart=True` sends an API body as multipart/form-data (file uploads);
- `setup`: a function of the `World` run once before the requests (e.g. `_sessions`: a
  running dossier's sessions, one of them two days ago, for the signing endpoints);
- URL arguments come from `url_kwargs` below (pk/id → the dossier, doc_id → its signed
  convention…); `kwargs={"slug": "parcours"}` overrides them for one entry.
Each role's request runs in a rolled-back savepoint: POSTs do not leak into each other.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from parcours.api import api
from parcours.dossiers.uploads import upload_signed_document
from tests import factories

ROLES = ("anonymous", *factories.ROLE_KEYS)
OUTSIDERS = ("company_admin_other", "facilitator_other")
# Not ours to test, said explicitly: Django's admin has its own staff-only permission
# system; static files are served by the web server in production.
EXCLUDED_NAMESPACES = {"admin": "Django admin: is_staff and Django's model permissions"}
EXCLUDED_PREFIXES = {"static/": "static files, public by design"}


@dataclass
class E:
    method: str = "GET"
    default: int | None = None
    anon: int | None = None
    outsider: int | None = None
    status: str = "draft"
    body: Any = None
    kwargs: dict[str, str] = field(default_factory=dict)
    multipart: bool = False
    setup: Callable | None = None
    roles: dict[str, int] = field(default_factory=dict)

    def __init__(self, method="GET", default=None, anon=None, outsider=None, status="draft",
                 body=None, kwargs=None, multipart=False, setup=None, **roles):  # fmt: skip
        self.method, self.status, self.body, self.kwargs = method, status, body, kwargs or {}
        self.multipart, self.setup = multipart, setup
        expected = dict.fromkeys(ROLES, default)
        expected |= {"anonymous": anon} if anon is not None else {}
        expected |= dict.fromkeys(OUTSIDERS, outsider) if outsider is not None else {}
        self.roles = expected | roles
        missing = [r for r, s in self.roles.items() if s is None]
        assert not missing, f"no expected status for {missing}"


def _contract(w):
    return {"version": 1, "data": w.dossier.content["contract"]}


def _import(w):
    data = factories.example()
    data["company"] = w.company.as_party()
    return data


def _sheet(w):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["C1", "Être capable de lire une fiche de paie", "indispensable", 2])
    out = io.BytesIO()
    book.save(out)
    out.name = "referentiel.xlsx"
    out.seek(0)
    return {"version": 1, "file": out}


def _signed_pdf(w):
    out = io.BytesIO(factories.PDF)
    out.name = "convention.pdf"
    return {"kind": "convention", "signed_on": "2026-11-20", "signed_by": ["company"], "file": out}


def _create(w):
    data = factories.example()
    return {"document": {"learner": data["learner"], "contract": data["contract"]}}


def _readiness(w):
    from parcours.domain.readiness import QUESTION_IDS

    return dict.fromkeys(QUESTION_IDS, "oui")


def _sessions(w):
    factories.add_sessions(w.dossier)


def _provider_sheet(w):
    out = io.BytesIO(factories.PDF)
    out.name = "feuille.pdf"
    return {"session_ids": ["S2"], "file": out}


FEED_TOKEN, FEED_PK = "pcal_jeton-du-tableau", 424242


def _learners_feed(w):
    """A working subscription address of the learner's (token FEED_TOKEN, id FEED_PK)."""
    from parcours.accounts.models import hash_token
    from parcours.calendars.models import CalendarFeed

    CalendarFeed.objects.create(
        pk=FEED_PK, owner=w.users["learner"], token_hash=hash_token(FEED_TOKEN)
    )


CLAIM_PK = 525252


def _signed(w):
    """Money (tests/funding): the accord 30 days ago, S1, S2 two days ago (the learner signed
    S2: the first payment is due), S3 in a week."""
    import datetime as dt

    from django.utils import timezone

    from parcours.attendance import actions as attendance

    factories.Dossier.objects.filter(pk=w.dossier.pk).update(
        agreement_number="ACC-1", agreement_date=timezone.localdate() - dt.timedelta(days=30)
    )
    factories.add_sessions(w.dossier)
    w.dossier.refresh_from_db()
    attendance.sign_session(w.dossier, w.users["learner"], "S2", signer="learner")


def _claimed(w):
    """The company's first payment claimed today (id CLAIM_PK), for the OPCO's decision."""
    from django.utils import timezone

    from parcours.funding.models import FundingClaim

    _signed(w)
    FundingClaim.objects.create(
        pk=CLAIM_PK, dossier=w.dossier, kind="first_payment", amount=1000, state="claimed",
        due_on=timezone.localdate(), claimed_on=timezone.localdate(), issuer=w.company,
        invoice_number="2026-0001",
    )  # fmt: skip


def _noticed(w):
    """Convention art. 10 (tests/convention_ending): the company put the facilitator in
    formal notice 20 days ago (15 days' delay: the convention may end)."""
    import datetime as dt

    from django.utils import timezone

    _signed(w)
    row = factories.Dossier.objects.get(pk=w.dossier.pk)
    sent = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    content = {**row.content, "convention_ending": {
        "notice_sent_on": sent, "notice_by": "company", "notice_to": "facilitator",
        "breach": "Aucun bilan", "delay_days": 15, "ended_on": None}}  # fmt: skip
    factories.Dossier.objects.filter(pk=row.pk).update(content=content)


def _today(**fields):
    def body(w):
        from django.utils import timezone

        return {k: (timezone.localdate().isoformat() if v is None else v)
                for k, v in fields.items()}  # fmt: skip

    return body


def _live_review(w):
    """Reviews and evaluations (tests/reviews): the action started on 1 October 2026, B1 is
    planned in its 2nd month (November 2026) and M2 started on 5 October, so that the pinned
    today (22 November 2026) may hold B1 and evaluate M2."""
    content = w.dossier.content
    content["contract"]["action_start"] = "2026-10-01"
    content["reviews"][0]["planned_date"] = "2026-11-20"
    next(m for m in content["modules"] if m["id"] == "M2")["start"] = "2026-10-05"
    w.dossier.save(update_fields=["content"])


def _hold_form(w):
    data = {
        "version": 1,
        "held_date": "2026-11-20",
        "participants": ["tuteur|Sophie Bernard"],
        "decision": "continue",
    }
    return data | {f"level_C{n}": "1" for n in range(1, 8)}


# The planner answers at once that no day is left (the request is checked, nothing planned).
NO_DAY_LEFT = [{"start": "2026-01-01", "end": "2028-12-31"}]


def _plan_form(w):
    return {"version": 1, "rhythm": "jour-par-semaine", "weekdays": ["0", "1", "2", "3", "4"],
            "morning_start": "09:00", "morning_end": "12:30", "afternoon_start": "13:30",
            "afternoon_end": "17:00", "max_daily_hours": "7", "region": "metropole",
            "closures-TOTAL_FORMS": "1", "closures-INITIAL_FORMS": "0",
            "closures-0-start": NO_DAY_LEFT[0]["start"], "closures-0-end": NO_DAY_LEFT[0]["end"],
            "unavailability-TOTAL_FORMS": "0", "unavailability-INITIAL_FORMS": "0"}  # fmt: skip


SESSION_FORM = {"version": 1, "date": "2027-01-20", "start_time": "09:00", "end_time": "12:30",
                "hours": "3.5", "trainer": ""}  # fmt: skip


def _provider_sheet_page(w):
    return {"sessions": ["S2"], "file": _provider_sheet(w)["file"]}


def _tablet(w):
    """The learner signs S1 on the shared tablet with her own password."""
    learner = w.users["learner"].username
    return {"session": "S1", "signer": "learner", "username": learner,
            "password": factories.PASSWORD}  # fmt: skip


def _started(w):
    """The end of the contract (tests/closing): the example moved 52 weeks back, so that at
    the pinned today (22 November 2026) the contract runs since 5 January 2026."""
    from tests.closing.conftest import shifted

    w.dossier.content = shifted(w.dossier.content)
    w.dossier.save(update_fields=["content"])


def _final_held(w):
    """Started, and its final review B3 held on 16 November 2026 (every competence at 2)."""
    _started(w)
    w.dossier.content["reviews"][2].update(
        held_date="2026-11-16", scores=[{"competence": f"C{n}", "level": 2} for n in range(1, 8)]
    )
    w.dossier.save(update_fields=["content"])


def _onboarded(w):
    """The welcome checklist's « accueil » ticked."""
    w.dossier.content["onboarding"] = {
        "ticks": [{"item": "accueil", "done_on": "2026-11-20", "by": "Sophie Bernard"}]
    }
    w.dossier.save(update_fields=["content"])


ONBOARDING_TICK = {"version": 1, "item": "pieces-rassemblees"}


def _staff_trained(w):
    """The tutor's « fondamentaux du tutorat » planned for 1 December 2026."""
    w.dossier.content["staff_training"] = {
        "trainings": [
            {"person": "tuteur", "course": "fondamentaux-tutorat", "planned_on": "2026-12-01"}
        ]
    }
    w.dossier.save(update_fields=["content"])


STAFF_PLAN = {
    "version": 1,
    "prefix": "nouvelle",
    "nouvelle-person": "tuteur",
    "nouvelle-course": "fondamentaux-tutorat",
    "nouvelle-planned_on": "2026-12-01",
}
STAFF_REMOVE = {"version": 1, "person": "tuteur", "course": "fondamentaux-tutorat"}
STAFF_TIME = {
    "version": 1,
    "prefix": "temps-tuteur--",
    "temps-tuteur---person": "tuteur",
    "temps-tuteur---hours_per_month": "8",
}
STAFF_PLAN_API = {
    "version": 1,
    "person": "tuteur",
    "course": "fondamentaux-tutorat",
    "planned_on": "2026-12-01",
}


def _notified(w):
    """Terminated on 20 November 2026, the OPCO informed the same day."""
    _started(w)
    w.dossier.content["rupture"] = {
        "date": "2026-11-20",
        "reason": "Démission",
        "reason_code": "demission",
        "opco_informed_on": "2026-11-20",
    }
    w.dossier.save(update_fields=["content"])


def _signed_session(w):
    """Started, and its session S1 (20 November 2026) signed by the learner."""
    from parcours.attendance import actions as attendance

    _started(w)
    factories.add_sessions(w.dossier)
    attendance.sign_session(w.dossier, w.users["learner"], "S1", signer="learner")


RUPTURE = {"version": 1, "date": "2026-11-20", "reason_code": "demission"}


# Versions of the parcours (tests/amendments): version 1 from 1 November 2026, version 2 an
# adaptation or an avenant (M1 at 120 h) in the state the entry needs; an avenant follows B1,
# held on 20 November 2026.
def _version(kind, state):
    def setup(w):
        from tests.amendments.factories import version

        version(w.dossier, kind, state)

    return setup


def _changed_modules(w):
    from tests.amendments.factories import changed_sections

    return {"version": 1, "explanation": "Plus d'heures sur le logiciel de paie.",
            "sections": {"modules": changed_sections(w.dossier, M1=120)["modules"]}}  # fmt: skip


def _held(w):
    from tests.amendments.factories import hold_review

    hold_review(w.dossier)


V_ACCEPT = {"version": 1, "accepter-on": "2026-11-22"}
V_SIGN = {"version": 1, "party": "learner", "signer-learner-on": "2026-11-22"}


# Guide action 1 ③ and action 5 ⑤ (tests/referentiel_confirmation, tests/lessons).
RC_CONFIRM = {"version": 1, "confirmed_on": "2026-11-20",
              "people": "Anne Martin — cheffe d'équipe"}  # fmt: skip
LESSON_ANSWER = {"version": 1, "again": "oui", "worked": "Le tutorat."}
LESSON_DEBRIEF = {"version": 1, "held_on": "2026-11-20", "participants": "Anne Martin",
                  "opco_invited": "on"}  # fmt: skip
COMPANY_SIDE = {"company_admin": 200, "facilitator": 200}
# The parties of the dossier (outsiders get 404: the dossier does not exist for them).
PARTIES = {"anon": 302, "default": 200, "outsider": 404}
OPCO_ONLY = {"anon": 302, "default": 403, "opco_staff": 200}
# The money: the company side and the OPCO read it; tutor, trainer and learner never.
MONEY = {"anon": 302, "default": 403, "outsider": 404, "company_admin": 200,
         "facilitator": 200, "opco_staff": 200}  # fmt: skip
MONEY_API = {**MONEY, "anon": 401}
COMPANY_SIDE_302 = {"company_admin": 302, "facilitator": 302}
PAGES: dict[str, E | list[E]] = {
    # Pages (parcours/web): statuses as of the data-layer commit; the pages engineer owns
    # these lines and refines the POST bodies.
    "web:login": E(anon=200, default=302),
    "web:login_default": E(anon=200, default=302),
    "web:logout": E("POST", default=302),
    "web:dashboard": E(anon=302, default=200, opco_staff=302),
    "web:team": [
        E(anon=302, default=403, company_admin=200, company_admin_other=200),
        E(
            "POST",
            anon=302,
            default=403,
            company_admin=302,
            company_admin_other=302,
            body=lambda w: {
                "first_name": "Ana",
                "last_name": "Lima",
                "username": "ana.lima",
                "role": "tutor",
            },
        ),
    ],
    # API tokens (tests/hardening/test_accounts.py): each account its own; another's token
    # does not exist for them.
    "web:api_tokens": [E(anon=302, default=200), E("POST", anon=302, default=200)],
    "web:api_token_revoke": E("POST", anon=302, default=404, kwargs={"token_id": "999999"}),
    # Calendars (tests/calendars): the page for every party but the OPCO; « mes séances » and
    # subscriptions for the people named on contracts; a feed or subscription that is not
    # the user's does not exist for them; the subscription address needs no login (a
    # working one: tests/calendars/test_calendar_pages.py).
    "web:calendars": E(anon=302, default=200, opco_staff=403),
    "web:calendar_create": E("POST", anon=302, default=403, tutor=302, trainer=302, learner=302),
    "web:calendar_revoke": [
        E("POST", anon=302, default=404, kwargs={"feed_id": "999999"}),
        E(
            "POST",
            anon=302,
            default=404,
            learner=302,
            setup=_learners_feed,
            kwargs={"feed_id": str(FEED_PK)},
        ),
    ],
    "web:my_ics": E(anon=302, default=403, tutor=200, trainer=200, learner=200),
    "web:calendar_feed": [
        E(default=404, kwargs={"token": "pcal_inconnu"}),
        E(default=200, status="running", setup=_learners_feed, kwargs={"token": FEED_TOKEN}),
    ],
    "web:dossier_ics": E(**PARTIES),
    # Émargement pages (tests/web/test_attendance_pages.py): a running dossier with S1
    # (interne, F1 = `trainer`) and S2 (externe) two days ago. One signs one's own line;
    # absences and links by the company side or the session's trainer; the public link
    # page needs no login (an unknown token: 404).
    "web:attendance": E(**PARTIES, status="running", setup=_sessions),
    "web:attendance_sign": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        learner=302,
        status="running",
        setup=_sessions,
        body={"session": "S1", "signer": "learner"},
    ),
    "web:attendance_absence": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        learner=302,
        trainer=302,
        company_admin=302,
        facilitator=302,
        status="running",
        setup=_sessions,
        body={"session": "S1", "signer": "learner", "reason": "Malade"},
    ),
    "web:attendance_link": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        trainer=200,
        **COMPANY_SIDE,
        status="running",
        setup=_sessions,
        body={"session": "S1", "signer": "learner"},
    ),
    "web:attendance_sheet": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        status="running",
        setup=_sessions,
        body=_provider_sheet_page,
    ),
    "web:attendance_tablet": [
        E(
            anon=302,
            default=403,
            outsider=404,
            trainer=200,
            **COMPANY_SIDE,
            status="running",
            setup=_sessions,
            kwargs={"session": "S1"},
        ),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            trainer=200,
            **COMPANY_SIDE,
            status="running",
            setup=_sessions,
            kwargs={"session": "S1"},
            body=_tablet,
        ),
    ],
    "web:sign_link": [
        E(default=404, kwargs={"token": "sig_inconnu"}),
        E("POST", default=404, kwargs={"token": "sig_inconnu"}),
    ],
    # An unknown link: the page says so (anyone, logged in or not, may follow a link).
    "web:set_password": E(default=200, kwargs={"uidb64": "MQ", "token": "faux-jeton"}),
    # « Mot de passe oublié » is public: the same answer for everyone, whatever the address.
    "web:password_reset": [
        E(default=200),
        E("POST", default=302, body={"email": "personne@exemple.fr"}),
    ],
    "web:password_reset_done": E(default=200),
    # « Êtes-vous prêt ? » is public: the test for anyone; starting a dossier with its
    # answers for whoever may create one (then the login, or the creation page).
    "web:readiness": [E(default=200), E("POST", default=200, body=_readiness)],
    "web:readiness_start": E(
        "POST",
        anon=302,
        default=403,
        company_admin=302,
        company_admin_other=302,
        facilitator=302,
        facilitator_other=302,
        body=lambda w: _readiness(w) | {"consent": "on"},
    ),
    "web:readiness_forget": E("POST", default=302),
    "web:create": E(
        anon=302,
        default=403,
        company_admin=200,
        company_admin_other=200,
        facilitator=200,
        facilitator_other=200,
    ),
    "web:import_json": E(
        "POST",
        anon=302,
        default=403,
        company_admin=302,
        company_admin_other=302,
        facilitator=302,
        facilitator_other=302,
    ),
    "web:overview": E(**PARTIES),
    "web:history": E(**PARTIES),
    "web:export_json": E(**PARTIES),
    "web:step": E(**PARTIES),
    "web:step_row": E(anon=302, default=403, outsider=404, **COMPANY_SIDE),
    "web:submission": E(**PARTIES),
    "web:people": [
        E(**PARTIES),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            facilitator=302,
            body={"version": 1},
        ),
    ],
    "web:documents": E(**PARTIES),
    "web:import_xlsx": [
        E(anon=302, default=405),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            facilitator=302,
            body=_sheet,
        ),
    ],
    "web:download": E(
        anon=302, default=403, outsider=404, company_admin=200, facilitator=200, opco_staff=200
    ),
    "web:papers": E(**PARTIES),
    "web:paper": [
        E(**PARTIES, kwargs={"name": "referentiel", "fmt": "pdf"}),
        E(
            anon=302,
            default=403,
            outsider=404,
            company_admin=200,
            facilitator=200,
            opco_staff=200,
            kwargs={"name": "financement", "fmt": "pdf"},
        ),
        E(
            anon=302,
            default=403,
            outsider=404,
            company_admin=200,
            opco_staff=200,
            kwargs={"name": "cerfa-12434", "fmt": "pdf"},
        ),  # the benefits roles only
        E(
            **MONEY,
            status="running",
            setup=_noticed,
            kwargs={"name": "mise-en-demeure", "fmt": "pdf"},
        ),  # the signatories (art. 10)
    ],
    "web:livret": [
        E(**PARTIES),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            facilitator=302,
            body={"version": 1},
        ),
    ],
    "web:justify": E(
        "POST", anon=302, default=403, outsider=404, company_admin=302, facilitator=302
    ),
    "web:submit": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        body={"version": 1},
    ),
    # Reviews and evaluations (tests/reviews): the progress for every party; a review held
    # by the tutor or the company side, a module evaluated by its trainer (M2: F1, the
    # `trainer` account), the tutor or the company side, while the contract runs.
    "web:progress": E(**PARTIES, status="running"),
    "web:review_hold": [
        E(
            anon=302,
            default=403,
            outsider=404,
            tutor=200,
            **COMPANY_SIDE,
            status="running",
            kwargs={"review_id": "B1"},
        ),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            tutor=302,
            company_admin=302,
            facilitator=302,
            status="running",
            setup=_live_review,
            body=_hold_form,
            kwargs={"review_id": "B1"},
        ),
    ],
    "web:evaluation_record": [
        E(
            anon=302,
            default=403,
            outsider=404,
            tutor=200,
            trainer=200,
            **COMPANY_SIDE,
            status="running",
            kwargs={"module_id": "M2"},
        ),
        E(
            anon=302,
            default=403,
            outsider=404,
            tutor=200,
            **COMPANY_SIDE,
            status="running",
            kwargs={"module_id": "M1"},
        ),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            tutor=302,
            trainer=302,
            company_admin=302,
            facilitator=302,
            status="running",
            setup=_live_review,
            body={"version": 1, "date": "2026-11-20", "level_C5": "2"},
            kwargs={"module_id": "M2"},
        ),
    ],
    # The end of the contract (tests/closing): every party reads the rupture and closing
    # pages; the company side declares and prepares; the OPCO acknowledges; closing is
    # refused (400) while the closing rules block.
    "web:rupture": [
        E(**PARTIES, status="running"),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            facilitator=302,
            status="running",
            setup=_started,
            body=RUPTURE,
        ),
    ],
    "web:rupture_acknowledge": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        opco_staff=302,
        status="terminated",
        setup=_notified,
        body={"version": 1, "acknowledged_on": "2026-11-21"},
    ),
    "web:closing": [E(**PARTIES, status="running"), E(**PARTIES, status="terminated")],
    "web:attestation_prepare": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        status="running",
        setup=_final_held,
        body={"version": 1, "date": "2026-11-20"},
    ),
    "web:certificate_record": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        status="running",
        setup=_signed_session,
        body={"version": 1, "certificate_date": "2026-11-21"},
    ),
    "web:close": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=400,
        facilitator=400,
        opco_staff=400,
        status="running",
        body={"version": 1},
    ),
    # Guide step 4 (tests/staff_training): every party reads; the company side plans the
    # trainings and the time set aside, from the draft while the contract runs (not while
    # the OPCO instructs).
    "web:staff_training": [E(**PARTIES), E(**PARTIES, status="running")],
    "web:staff_training_plan": [
        E("POST", anon=302, default=403, outsider=404, **COMPANY_SIDE_302, body=STAFF_PLAN),
        E("POST", anon=302, default=403, outsider=404, status="submitted", body=STAFF_PLAN),
    ],
    "web:staff_training_remove": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        **COMPANY_SIDE_302,
        status="running",
        setup=_staff_trained,
        body=STAFF_REMOVE,
    ),
    "web:staff_training_time": E(
        "POST", anon=302, default=403, outsider=404, **COMPANY_SIDE_302, body=STAFF_TIME
    ),
    # Guide action 6 (tests/onboarding): every party reads the welcome checklist; the tutor
    # and the company side tick it, from the draft while the contract runs (not while the
    # OPCO instructs).
    "web:onboarding": [E(**PARTIES), E(**PARTIES, status="running")],
    "web:onboarding_tick": [
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            tutor=302,
            **COMPANY_SIDE_302,
            body=ONBOARDING_TICK,
        ),
        E("POST", anon=302, default=403, outsider=404, status="submitted", body=ONBOARDING_TICK),
    ],  # fmt: skip
    "web:onboarding_untick": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        tutor=302,
        **COMPANY_SIDE_302,
        status="running",
        setup=_onboarded,
        body={"version": 1, "item": "accueil"},
    ),  # fmt: skip
    # Guide action 1 ③ (tests/referentiel_confirmation): the company side records the work
    # team's confirmation of the référentiel, from the draft while the contract runs.
    "web:referentiel_confirm": [
        E("POST", anon=302, default=403, outsider=404, **COMPANY_SIDE_302, body=RC_CONFIRM),
        E("POST", anon=302, default=403, outsider=404, status="submitted", body=RC_CONFIRM),
    ],
    # Guide action 5 ⑤, step 6 (tests/lessons): every party reads; once ended, the company
    # admin, the tutor, the learner and the facilitator each give their own lessons (not the
    # trainer, not the OPCO, which is invited to the debrief); the company side records it.
    "web:lessons": [E(**PARTIES), E(**PARTIES, status="completed")],
    "web:lessons_answer": [
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            **COMPANY_SIDE_302,
            tutor=302,
            learner=302,
            status="completed",
            body=LESSON_ANSWER,
        ),
        E("POST", anon=302, default=403, outsider=404, status="running", body=LESSON_ANSWER),
    ],  # fmt: skip
    "web:lessons_debrief": [
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            **COMPANY_SIDE_302,
            status="terminated",
            body=LESSON_DEBRIEF,
        ),
        E("POST", anon=302, default=403, outsider=404, status="running", body=LESSON_DEBRIEF),
    ],  # fmt: skip
    "web:opco_queue": E(**OPCO_ONLY),
    # The portfolio (issue 9): exports of the filtered queue, « suivi par », private notes.
    "web:opco_export_csv": E(**OPCO_ONLY),
    "web:opco_export_xlsx": E(**OPCO_ONLY),
    "web:opco_assign": E(
        "POST",
        anon=302,
        default=403,
        opco_staff=302,
        status="submitted",
        body={"assigned_to": "moi"},
    ),  # fmt: skip
    "web:opco_add_note": E(
        "POST",
        anon=302,
        default=403,
        opco_staff=302,
        status="submitted",
        body={"text": "À rappeler lundi."},
    ),  # fmt: skip
    "web:opco_review": E(**OPCO_ONLY, status="submitted"),
    "web:opco_summary": E(**OPCO_ONLY, status="submitted"),
    "web:opco_decide": E(
        "POST",
        anon=302,
        default=403,
        opco_staff=302,
        status="submitted",
        kwargs={"decision": "accepter"},
        body={"version": 1, "agreement_number": "A1", "agreement_date": "2026-12-10"},
    ),
    # Calendrier des séances (tests/web/test_planning_pages.py): read by every party, planned
    # by the company side once accepted; S3 (setup) is a session nobody signed.
    "web:planning": E(**PARTIES, status="accepted"),
    "web:planning_generate": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=422,
        facilitator=422,
        status="accepted",
        body=_plan_form,
    ),
    "web:planning_range_row": E(
        anon=302,
        default=403,
        outsider=404,
        **COMPANY_SIDE,
        status="accepted",
        kwargs={"name": "closures"},
    ),
    "web:planning_add": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        status="accepted",
        body={**SESSION_FORM, "module": "M1"},
    ),
    "web:planning_session": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        status="accepted",
        setup=_sessions,
        kwargs={"session_id": "S3"},
        body=SESSION_FORM,
    ),
    "web:planning_delete": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        status="accepted",
        setup=_sessions,
        kwargs={"session_id": "S3"},
        body={"version": 1},
    ),
    # « Démarrer le contrat » (the one-click transitions of the dossier's page).
    "web:transition": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=302,
        opco_staff=302,
        status="accepted",
        kwargs={"name": "start"},
        body={"version": 1},
    ),
    # The séquences' « Ajouter une date »: who edits the séquences (a draft: the trainer too).
    "web:sequence_date": E(
        anon=302,
        default=403,
        outsider=404,
        **COMPANY_SIDE,
        trainer=200,
        kwargs={"name": "sequences-0-calendar_added"},
    ),
    # Versions du parcours (tests/amendments/test_pages.py): read by every party; the OPCO
    # writes adaptations, the company side avenants; each answers the other's.
    "web:amendments": E(**PARTIES, status="accepted"),
    "web:amendment_new": [
        E(
            anon=302,
            default=403,
            outsider=404,
            opco_staff=200,
            status="accepted",
            kwargs={"kind": "adaptation"},
        ),
        E(
            anon=302,
            default=403,
            outsider=404,
            **COMPANY_SIDE,
            status="accepted",
            kwargs={"kind": "avenant"},
        ),
    ],
    "web:amendment_row": E(
        anon=302,
        default=403,
        outsider=404,
        **COMPANY_SIDE,
        opco_staff=200,
        status="accepted",
        kwargs={"name": "modules"},
    ),
    "web:amendment_edit": E(
        anon=302,
        default=403,
        outsider=404,
        **COMPANY_SIDE,
        status="accepted",
        setup=_version("avenant", "draft"),
        kwargs={"number": "2"},
    ),
    "web:amendment_paper": E(
        **PARTIES, status="running", setup=_version("avenant", "accepted"), kwargs={"number": "2"}
    ),
    "web:amendment_action": [
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            facilitator=302,
            status="accepted",
            setup=_version("adaptation", "proposed"),
            kwargs={"number": "2", "action": "accepter"},
            body=V_ACCEPT,
        ),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            opco_staff=302,
            status="running",
            setup=_version("avenant", "proposed"),
            kwargs={"number": "2", "action": "accepter"},
            body=V_ACCEPT,
        ),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            facilitator=302,
            learner=302,
            status="running",
            setup=_version("avenant", "accepted"),
            kwargs={"number": "2", "action": "signer"},
            body=V_SIGN,
        ),
    ],
    # Money (tests/funding/test_pages.py): the company side and the OPCO; the company admin
    # makes its payments, a facilitator its invoices and logs its hours, the OPCO decides.
    "web:funding": E(**MONEY, status="running"),
    "web:funding_claim": [
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            company_admin=302,
            status="running",
            setup=_signed,
            kwargs={"kind": "first_payment"},
        ),
        E(
            "POST",
            anon=302,
            default=403,
            outsider=404,
            facilitator=302,
            status="running",
            setup=_signed,
            kwargs={"kind": "facilitator_invoice_1"},
        ),
    ],
    "web:funding_paid": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        opco_staff=302,
        status="running",
        setup=_claimed,
        body=_today(paid_on=None),
        kwargs={"claim_id": str(CLAIM_PK)},
    ),
    "web:funding_reject": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        opco_staff=302,
        status="running",
        setup=_claimed,
        body={"reason": "SIRET absent"},
        kwargs={"claim_id": str(CLAIM_PK)},
    ),
    "web:funding_hours": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        facilitator=302,
        status="running",
        body=_today(date=None, hours="2", activity="Bilan"),
    ),
    "web:funding_costs": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        **COMPANY_SIDE_302,
        status="running",
        body={"version": 1, "cout-M1": "1200"},
    ),
    # The OPCO alone sets the hourly rate (tests/financing_profiles/test_pages.py).
    "web:funding_rate": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        opco_staff=302,
        status="running",
        body={"version": 1, "taux": "40"},
    ),
    # Convention art. 10 (tests/convention_ending): its signatories only; each puts another
    # party in formal notice (the facilitator cannot name itself: 400); the sender or the
    # OPCO ends it.
    "web:convention_ending": E(**MONEY, status="running"),
    "web:convention_notice": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        facilitator=400,
        opco_staff=302,
        status="running",
        setup=_signed,
        body=_today(version="1", notice_to="facilitator", breach="Absences", sent_on=None),
    ),
    "web:convention_end": E(
        "POST",
        anon=302,
        default=403,
        outsider=404,
        company_admin=302,
        opco_staff=302,
        status="running",
        setup=_noticed,
        body=_today(version="1", ended_on=None),
    ),
    "web:opco_claims": E(**OPCO_ONLY),
    "web:opco_dashboard": E(**OPCO_ONLY),
    "web:opco_dashboard_export": [
        E(**OPCO_ONLY, kwargs={"key": "ages", "fmt": "csv"}),
        E(**OPCO_ONLY, kwargs={"key": "tout", "fmt": "xlsx"}),
    ],
    "api:openapi-json": E(default=200),
    "api:openapi-view": E(default=200),
    "api:api-root": E(default=404),
}
API: dict[str, E | list[E]] = {
    "GET /api/dossiers": E(anon=401, default=200),
    "GET /api/opco/dossiers": E(anon=401, default=403, opco_staff=200),
    "POST /api/dossiers": E("POST", anon=401, default=403, company_admin=201,
                            company_admin_other=201, facilitator=201, facilitator_other=201,
                            body=_create),
    "POST /api/dossiers/import": E("POST", anon=401, default=403, outsider=422,
                                   company_admin=201, facilitator=201, body=_import),
    "GET /api/dossiers/{id}": E(anon=401, default=200, outsider=404),
    "GET /api/dossiers/{id}/export": E(anon=401, default=200, outsider=404),
    "GET /api/dossiers/{id}/report": E(anon=401, default=200, outsider=404),
    "GET /api/dossiers/{id}/history": E(anon=401, default=200, outsider=404),
    "PUT /api/dossiers/{id}/sections/{section}": E("PUT", anon=401, default=403, outsider=404,
                                                   **COMPANY_SIDE, body=_contract),
    "POST /api/dossiers/{id}/justifications": E(
        "POST", anon=401, default=403, outsider=404, company_admin=422, facilitator=422,
        body={"rule": "REF-02", "path": "competences[0].statement", "text": "Parce que."}),
    "POST /api/dossiers/{id}/submit": E("POST", anon=401, default=403, outsider=404,
                                        **COMPANY_SIDE, body={"version": 1}),
    "POST /api/dossiers/{id}/accept": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="submitted",
        body={"version": 1, "agreement_number": "A1", "agreement_date": "2026-12-10"}),
    "POST /api/dossiers/{id}/request-changes": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="submitted",
        body={"version": 1, "comments": {"modules": "Détaillez."}}),
    "POST /api/dossiers/{id}/refuse": E("POST", anon=401, default=403, outsider=404,
                                        opco_staff=200, status="submitted",
                                        body={"version": 1, "reason": "Hors champ."}),
    "POST /api/dossiers/{id}/start": E("POST", anon=401, default=403, outsider=404,
                                       **COMPANY_SIDE, opco_staff=200, status="accepted",
                                       body={"version": 1}),
    "POST /api/dossiers/{id}/complete": E("POST", anon=401, default=403, outsider=404,
                                          company_admin=409, facilitator=409, opco_staff=409,
                                          status="running", body={"version": 1}),
    "POST /api/dossiers/{id}/terminate": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, opco_staff=200,
        status="running", setup=_started,
        body={"version": 1, "date": "2026-11-20", "reason": "Démission"}),
    # The end of the contract (tests/closing): the company side declares the rupture and
    # prepares the attestation, the OPCO acknowledges the notice.
    "POST /api/dossiers/{id}/rupture": E("POST", anon=401, default=403, outsider=404,
                                         **COMPANY_SIDE, status="running", setup=_started,
                                         body=RUPTURE),
    "POST /api/dossiers/{id}/rupture/acknowledge": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="terminated",
        setup=_notified, body={"version": 1, "date": "2026-11-21"}),
    "POST /api/dossiers/{id}/certificate/record": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="running",
        setup=_signed_session, body={"version": 1, "date": "2026-11-21"}),
    "POST /api/dossiers/{id}/attestation/prepare": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="running",
        setup=_final_held, body={"version": 1, "date": "2026-11-20"}),
    # Guide step 4 (tests/staff_training): read by every party, written by the company side.
    "GET /api/dossiers/{id}/staff-training": E(anon=401, default=200, outsider=404),
    "POST /api/dossiers/{id}/staff-training/trainings": [
        E("POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, body=STAFF_PLAN_API),
        E("POST", anon=401, default=403, outsider=404, status="submitted",
          body=STAFF_PLAN_API),
    ],
    "POST /api/dossiers/{id}/staff-training/trainings/remove": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="running",
        setup=_staff_trained, body={"version": 1, "person": "tuteur",
                                    "course": "fondamentaux-tutorat"}),
    "POST /api/dossiers/{id}/staff-training/time": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE,
        body={"version": 1, "person": "tuteur", "hours_per_month": 8}),
    # Guide action 6 (tests/onboarding): read by every party, ticked by the tutor and the
    # company side.
    "GET /api/dossiers/{id}/onboarding": E(anon=401, default=200, outsider=404),
    "POST /api/dossiers/{id}/onboarding/ticks": [
        E("POST", anon=401, default=403, outsider=404, tutor=200, **COMPANY_SIDE,
          body=ONBOARDING_TICK),
        E("POST", anon=401, default=403, outsider=404, status="submitted",
          body=ONBOARDING_TICK),
    ],
    "POST /api/dossiers/{id}/onboarding/ticks/remove": E(
        "POST", anon=401, default=403, outsider=404, tutor=200, **COMPANY_SIDE,
        status="running", setup=_onboarded, body={"version": 1, "item": "accueil"}),
    "GET /api/dossiers/{id}/documents": E(anon=401, default=200, outsider=404),
    "GET /api/dossiers/{id}/documents/{name}": [
        E(anon=401, default=200, outsider=404),
        E(anon=401, default=403, outsider=404, company_admin=200, facilitator=200,
          opco_staff=200, kwargs={"name": "financement"}),
        E(anon=401, default=403, outsider=404, company_admin=200, opco_staff=200,
          kwargs={"name": "cerfa-12434"}),
    ],
    "GET /api/dossiers/{id}/signed-documents": E(anon=401, default=200, outsider=404),
    "POST /api/dossiers/{id}/signed-documents": E(
        "POST", anon=401, default=403, outsider=404, company_admin=201, facilitator=201,
        body=_signed_pdf, multipart=True),
    # The convention of url_kwargs: the company side and the OPCO; the CERFA follows the
    # benefits rule (tests/api/test_api_signed_documents.py).
    "GET /api/dossiers/{id}/signed-documents/{doc_id}": E(
        anon=401, default=403, outsider=404, company_admin=200, facilitator=200,
        opco_staff=200),
    "PUT /api/dossiers/{id}/people": E("PUT", anon=401, default=403, outsider=404,
                                       **COMPANY_SIDE, body={"version": 1}),
    "GET /api/dossiers/{id}/livret": E(anon=401, default=200, outsider=404),
    "PUT /api/dossiers/{id}/livret": E("PUT", anon=401, default=403, outsider=404,
                                       **COMPANY_SIDE, body={"version": 1, "sections": {}}),
    # Money (tests/funding/test_api.py).
    "GET /api/dossiers/{id}/claims": E(**MONEY_API, status="running", setup=_signed),
    "POST /api/dossiers/{id}/claims": [
        E("POST", anon=401, default=403, outsider=404, company_admin=201, status="running",
          setup=_signed, body={"kind": "first_payment"}),
        E("POST", anon=401, default=403, outsider=404, facilitator=201, status="running",
          setup=_signed, body={"kind": "facilitator_invoice_1"}),
    ],
    "POST /api/dossiers/{id}/claims/{claim_id}/paid": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="running",
        setup=_claimed, body=_today(paid_on=None), kwargs={"claim_id": str(CLAIM_PK)}),
    "POST /api/dossiers/{id}/claims/{claim_id}/rejected": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="running",
        setup=_claimed, body={"reason": "SIRET absent"}, kwargs={"claim_id": str(CLAIM_PK)}),
    "GET /api/dossiers/{id}/facilitator-hours": E(**MONEY_API, status="running"),
    "POST /api/dossiers/{id}/facilitator-hours": E(
        "POST", anon=401, default=403, outsider=404, facilitator=201, status="running",
        body=_today(date=None, hours=2, activity="Bilan")),
    "PUT /api/dossiers/{id}/real-costs": E(
        "PUT", anon=401, default=403, outsider=404, company_admin=200, facilitator=200,
        status="running", body={"version": 1, "costs": {"M1": 1200}}),
    # Convention art. 10 and the hourly rate (tests/convention_ending/test_api.py): the
    # signatories; the facilitator cannot put itself in notice (422); the OPCO sets the rate.
    "GET /api/dossiers/{id}/convention-ending": E(**MONEY_API, status="running"),
    "POST /api/dossiers/{id}/convention-ending/notice": E(
        "POST", anon=401, default=403, outsider=404, company_admin=200, facilitator=422,
        opco_staff=200, status="running", setup=_signed,
        body=_today(version=1, notice_to="facilitator", breach="Absences", sent_on=None)),
    "POST /api/dossiers/{id}/convention-ending/end": E(
        "POST", anon=401, default=403, outsider=404, company_admin=200, opco_staff=200,
        status="running", setup=_noticed, body=_today(version=1, ended_on=None)),
    "POST /api/dossiers/{id}/funding/hourly-rate": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="running",
        body={"version": 1, "hourly_rate": 40}),
    "POST /api/check": E("POST", anon=401, default=200, body=lambda w: factories.example()),
    # Reviews and evaluations (tests/reviews/test_api.py), as the pages: `_live_review` lets
    # the pinned today hold B1 and evaluate M2.
    "GET /api/dossiers/{id}/progress": E(anon=401, default=200, outsider=404, status="running"),
    "POST /api/dossiers/{id}/reviews/{review_id}/hold": E(
        "POST", anon=401, default=403, outsider=404, tutor=200, company_admin=200,
        facilitator=200, status="running", setup=_live_review, kwargs={"review_id": "B1"},
        body={"version": 1, "held_date": "2026-11-20", "decision": "continue",
              "scores": [{"competence": f"C{n}", "level": 1} for n in range(1, 8)],
              "participants": [{"name": "Sophie Bernard", "quality": "tuteur"}]}),
    "POST /api/dossiers/{id}/evaluations": E(
        "POST", anon=401, default=403, outsider=404, tutor=201, trainer=201, company_admin=201,
        facilitator=201, status="running", setup=_live_review,
        body={"version": 1, "module": "M2", "date": "2026-11-20",
              "results": [{"competence": "C5", "level": 2}]}),
    # The sessions' calendar (tests/api/test_api_planning.py).
    "GET /api/dossiers/{id}/sessions": E(anon=401, default=200, outsider=404,
                                         status="running", setup=_sessions),
    "POST /api/dossiers/{id}/plan": E("POST", anon=401, default=403, outsider=404,
                                      company_admin=422, facilitator=422, status="accepted",
                                      body={"version": 1, "closures": NO_DAY_LEFT}),
    "POST /api/dossiers/{id}/sessions": E(
        "POST", anon=401, default=403, outsider=404, company_admin=201, facilitator=201,
        status="accepted", body={"version": 1, "module": "M1", "date": "2027-01-26",
                                 "start_time": "09:00", "end_time": "12:30"}),
    "PUT /api/dossiers/{id}/sessions/{session_id}": E(
        "PUT", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="accepted",
        setup=_sessions, kwargs={"session_id": "S3"}, body={"version": 1, "date": "2027-01-20"}),
    "DELETE /api/dossiers/{id}/sessions/{session_id}": E(
        "DELETE", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="accepted",
        setup=_sessions, kwargs={"session_id": "S3"}, body={"version": 1}),
    # Attendance (tests/attendance): a running dossier, S1 (interne, run by F1, whose
    # account is `trainer`) and S2 (externe) two days ago. One's own line only.
    "POST /api/dossiers/{id}/sessions/{session_id}/signatures": [
        E("POST", anon=401, default=403, outsider=404, learner=201, status="running",
          setup=_sessions, kwargs={"session_id": "S1"}, body={"signer": "learner"}),
        E("POST", anon=401, default=403, outsider=404, trainer=201, status="running",
          setup=_sessions, kwargs={"session_id": "S1"}, body={"signer": "trainer"}),
    ],
    "POST /api/dossiers/{id}/sessions/{session_id}/absences": [
        E("POST", anon=401, default=403, outsider=404, learner=201, trainer=201,
          company_admin=201, facilitator=201, status="running", setup=_sessions,
          kwargs={"session_id": "S1"}, body={"signer": "learner", "reason": "Malade"}),
        E("POST", anon=401, default=403, outsider=404, trainer=201, status="running",
          setup=_sessions, kwargs={"session_id": "S1"},
          body={"signer": "trainer", "reason": "Formation annulée"}),
    ],
    "POST /api/dossiers/{id}/sessions/{session_id}/links": E(
        "POST", anon=401, default=403, outsider=404, trainer=201, company_admin=201,
        facilitator=201, status="running", setup=_sessions, kwargs={"session_id": "S1"},
        body={"signer": "learner"}),
    "POST /api/dossiers/{id}/provider-sheets": E(
        "POST", anon=401, default=403, outsider=404, company_admin=201, facilitator=201,
        status="running", setup=_sessions, body=_provider_sheet, multipart=True),
    "GET /api/dossiers/{id}/attendance": E(anon=401, default=200, outsider=404,
                                           status="running", setup=_sessions),
    "GET /api/dossiers/{id}/attendance/verify": E(anon=401, default=200, outsider=404,
                                                  status="running", setup=_sessions),
    # Versions of the parcours (tests/amendments/test_api.py).
    "GET /api/dossiers/{id}/versions": E(anon=401, default=200, outsider=404, status="accepted"),
    "POST /api/dossiers/{id}/adaptations": E("POST", anon=401, default=403, outsider=404,
                                             opco_staff=201, status="accepted",
                                             body=_changed_modules),
    "POST /api/dossiers/{id}/avenants": E("POST", anon=401, default=403, outsider=404,
                                          company_admin=201, facilitator=201, status="running",
                                          setup=_held, body=_changed_modules),
    "PUT /api/dossiers/{id}/versions/{number}": E(
        "PUT", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="running",
        setup=_version("avenant", "draft"), kwargs={"number": "2"}, body=_changed_modules),
    "DELETE /api/dossiers/{id}/versions/{number}": E(
        "DELETE", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="running",
        setup=_version("avenant", "draft"), kwargs={"number": "2"}, body={"version": 1}),
    "POST /api/dossiers/{id}/versions/{number}/submit": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="running",
        setup=_version("avenant", "draft"), kwargs={"number": "2"}, body={"version": 1}),
    "POST /api/dossiers/{id}/versions/{number}/accept": [
        E("POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="accepted",
          setup=_version("adaptation", "proposed"), kwargs={"number": "2"}, body={"version": 1}),
        E("POST", anon=401, default=403, outsider=404, opco_staff=200, status="running",
          setup=_version("avenant", "proposed"), kwargs={"number": "2"}, body={"version": 1}),
    ],
    "POST /api/dossiers/{id}/versions/{number}/decline": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, status="accepted",
        setup=_version("adaptation", "proposed"), kwargs={"number": "2"},
        body={"version": 1, "reason": "Le module est déjà chargé."}),
    "POST /api/dossiers/{id}/versions/{number}/refuse": E(
        "POST", anon=401, default=403, outsider=404, opco_staff=200, status="running",
        setup=_version("avenant", "proposed"), kwargs={"number": "2"},
        body={"version": 1, "reason": "Hors du champ de l'accord."}),
    "POST /api/dossiers/{id}/versions/{number}/signatures": E(
        "POST", anon=401, default=403, outsider=404, **COMPANY_SIDE, learner=200,
        status="running", setup=_version("avenant", "accepted"), kwargs={"number": "2"},
        body={"version": 1, "party": "learner"}),
    "GET /api/dossiers/{id}/versions/{number}/avenant": E(
        anon=401, default=200, outsider=404, status="running",
        setup=_version("avenant", "accepted"), kwargs={"number": "2"}),
}  # fmt: skip


# --- discovering every URL -----------------------------------------------------------


def _route(pattern) -> str:
    return str(pattern.pattern)


def walk(patterns, prefix="", namespace=""):
    """(key, route, namespace) of every URL pattern, included ones too; the key is the
    namespaced URL name, or the route for an unnamed pattern."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + _route(p), ns)
        elif isinstance(p, URLPattern):
            route = prefix + _route(p)
            yield (f"{namespace}{p.name}" if p.name else route), route, namespace


def api_endpoints() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{m.upper()} {path}" for path, ops in schema["paths"].items() for m in ops}


def _openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def page_patterns() -> dict[str, str]:
    """Every named URL except the excluded ones and those the API table covers."""
    api_paths = {e.split(" ", 1)[1] for e in api_endpoints()}
    return {
        name: route
        for name, route, namespace in walk(get_resolver().url_patterns)
        if namespace.split(":")[0] not in EXCLUDED_NAMESPACES
        and not route.startswith(tuple(EXCLUDED_PREFIXES))
        and _openapi_path(route) not in api_paths
    }


def test_every_url_and_endpoint_has_an_entry():
    assert sorted(set(page_patterns()) - set(PAGES)) == []
    assert sorted(api_endpoints() - set(API)) == []


def test_the_tables_hold_no_stale_entry():
    assert sorted(set(PAGES) - set(page_patterns())) == []
    assert sorted(set(API) - api_endpoints()) == []


# --- requesting them -----------------------------------------------------------------


def url_kwargs(world, signed) -> dict[str, Any]:
    return {"pk": world.dossier.pk, "id": world.dossier.pk, "dossier_id": world.dossier.pk,
            "doc_id": signed.pk, "section": "contract", "slug": "referentiel",
            "decision": "accept", "name": "referentiel", "fmt": "pdf"}  # fmt: skip


def _url(route: str, kwargs: dict) -> str:
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    return "/" + re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), route.lstrip("/"))


def _request(client, entry: E, url: str, body, is_api: bool, user, token):
    call: Callable = getattr(client, entry.method.lower())
    if is_api:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        if entry.method == "GET":
            return call(url, **headers)
        if entry.multipart:
            return call(url, body, **headers)
        return call(url, body or {}, content_type="application/json", **headers)
    if user is not None:
        client.force_login(user)
    return call(url, body or {}) if entry.method != "GET" else call(url)


def _statuses(client, entry: E, route: str, is_api: bool) -> dict[str, int]:
    world = factories.world(status=entry.status)
    # A deposit is refused on a read-only dossier: the convention is deposited as a draft's.
    world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(status="draft")
    world.dossier.refresh_from_db()
    signed = upload_signed_document(
        world.dossier, world.users["company_admin"], "convention",
        io.BytesIO(factories.PDF), dt.date(2026, 11, 20), ["company", "facilitator"],
    )  # fmt: skip
    world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(status=entry.status)
    if entry.setup is not None:
        entry.setup(world)
    world.dossier.refresh_from_db()
    world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(version=1)
    kwargs = url_kwargs(world, signed) | entry.kwargs
    url = _url(route, kwargs)
    tokens = {role: factories.token_for(u) for role, u in world.users.items()}
    seen = {}
    for role in ROLES:
        user = world.users.get(role)
        # Built per request: an uploaded file is read by the request that sends it.
        body = entry.body(world) if callable(entry.body) else entry.body
        with transaction.atomic():
            client.logout()
            response = _request(client, entry, url, body, is_api, user, tokens.get(role))
            seen[role] = response.status_code
            transaction.set_rollback(True)
    return seen


DOSSIER_ARGUMENT = re.compile(r"<(?:\w+:)?(?:pk|id|dossier_id)>|\{(?:pk|id|dossier_id)\}")


def _expected(entry: E, route: str) -> dict[str, int]:
    """The entry's statuses, with one rule for every dossier URL: the OPCO sees a dossier
    from its first submission, so a draft does not exist for it (404; a method the URL
    does not take is refused first, 405)."""
    if (
        entry.status == "draft"
        and DOSSIER_ARGUMENT.search(route)
        and entry.roles["opco_staff"] != 405
    ):
        return entry.roles | {"opco_staff": 404}
    return entry.roles


def _entries(table: dict) -> list[tuple[str, E]]:
    return [
        (name, entry)
        for name, entries in sorted(table.items())
        for entry in (entries if isinstance(entries, list) else [entries])
    ]


def _ids(table: dict) -> list[str]:
    return [f"{n} {e.method} {e.kwargs or ''}".strip() for n, e in _entries(table)]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "entry"), _entries(PAGES), ids=_ids(PAGES))
def test_page_access(client, name, entry):
    route = page_patterns()[name]
    expected = _expected(entry, route)
    assert _statuses(client, entry, route, name.startswith("api:")) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "entry"), _entries(API), ids=_ids(API))
def test_api_access(client, endpoint, entry):
    path = endpoint.split(" ", 1)[1]
    assert _statuses(client, entry, path, True) == _expected(entry, path)
