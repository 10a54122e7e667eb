"""`manage.py seed --dossiers N`: fictitious but realistic dossiers at scale, for the OPCO's
portfolio, its load test and its benchmarks.

Adds an OPCO (the first one found, else « Atlas »), its instructors (`seed-opco-1`…), tiers
facilitateurs (`seed-fac-1`…), companies with valid SIRET numbers, each with its HR manager,
tutor and trainer accounts (`seed-c<n>-rh`, `-tuteur`, `-formateur`; one password for all,
`PASSWORD`), and N dossiers in every state with their history (the transitions, dated), the
funding claims, the justifications of their alertes and the summary columns.

Fast: the documents are generated and checked by the rules engine in worker processes
(`seed_dossiers.generate`, pure), and the rows go in by `bulk_create`, one transaction per
batch. The summary columns come from `parcours.dossiers.summary.summary_fields`, the same
function the actions layer uses, on the very document stored.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, connections, transaction
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.domain.rules import Severity
from parcours.domain.rules import check as check_rules
from parcours.dossiers import convert
from parcours.dossiers.models import Dossier, DossierEvent, Justification, SectionComment
from parcours.dossiers.summary import DECISIONS, summary_fields
from parcours.funding.models import FundingClaim
from parcours.organisations.models import Kind, Organisation
from parcours.portfolio import seed_data
from parcours.portfolio.seed_documents import Company
from parcours.portfolio.seed_dossiers import Generated, generate

PREFIX = "seed-"
PASSWORD = "demo-parcours"
OPCO = {"kind": Kind.OPCO, "name": "Atlas", "siret": "85129663200017"}
TUTOR_DOSSIERS = 3
# The OPCO's own delay (DEC-01) is not the company's to justify.
NOT_JUSTIFIED = frozenset({"DEC-01"})
JUSTIFICATION = "Point vu avec le tiers facilitateur : justifié par l'organisation de l'entreprise."


@dataclass
class Options:
    dossiers: int
    seed: int = 1
    companies: int | None = None
    facilitators: int | None = None
    instructors: int | None = None
    batch: int = 1000
    processes: int | None = None

    def __post_init__(self):
        n = self.dossiers
        self.companies = self.companies or max(3, n // 25)
        self.facilitators = self.facilitators or min(60, max(2, n // 2000))
        self.instructors = self.instructors or min(40, max(3, n // 5000))
        if self.processes is None:
            self.processes = 1 if n < 2000 else os.cpu_count() or 1


@dataclass
class World:
    opco: dict  # the format's `opco` block
    instructors: list[int]  # user ids
    facilitators: list[tuple[int, dict, int]]  # (organisation id, party, user id)
    companies: list[Company]
    company_ids: list[int]
    company_users: list[tuple[int, int]]  # (HR manager, trainer) ids
    # Each company's tutors (id, name): a tutor follows at most 3 contracts (TUT-05).
    tutors: list[list[tuple[int, str]]]


def not_seeded() -> int:
    """Dossiers of the database that `seed` did not make (real ones, or the demo's)."""
    return Dossier.objects.exclude(created_by__username__startswith=PREFIX).count()


@contextmanager
def given_dates():
    """`bulk_create` keeps the dates given (creation, history), instead of « now »."""
    fields = [
        f
        for model in (Dossier, DossierEvent, SectionComment, Justification, FundingClaim)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def _users(rows: list[dict], password: str) -> list[int]:
    made = User.objects.bulk_create(User(password=password, **row) for row in rows)
    return [u.pk for u in made]


def _get_users(names: list[str], role: str, org_of: Callable[[int], Organisation], password):
    """The accounts `names` (made when missing), in order, with their organisations."""
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    out = []
    for k, name in enumerate(names):
        if name not in found:
            first, last = seed_data.person(random.Random(name))
            found[name] = User.objects.create(
                username=name, role=role, organisation=org_of(k),
                first_name=first, last_name=last, password=password,
            )  # fmt: skip
        out.append(found[name])
    return out


def build_world(options: Options, password: str) -> World:
    opco_org = Organisation.objects.filter(kind=Kind.OPCO).first()
    opco_org = opco_org or Organisation.objects.create(**OPCO)
    names = [f"{PREFIX}opco-{k + 1}" for k in range(options.instructors)]
    instructors = _get_users(names, Role.OPCO_STAFF, lambda k: opco_org, password)
    taken = set(Organisation.objects.values_list("siret", flat=True))
    rng = random.Random(f"{options.seed}:world:{User.objects.count()}")

    def new_facilitator(k):
        town = rng.choice(seed_data.TOWNS)
        first, last = seed_data.person(rng)
        return Organisation.objects.create(
            kind=Kind.FACILITATOR, siret=seed_data.siret(rng, taken),
            name=f"{rng.choice(seed_data.FACILITATOR_KINDS)} {town[0]} {k + 1}",
            address=f"{rng.randint(1, 90)} {town[2]}, {town[1]} {town[0]}",
            representative_name=f"{first} {last}", representative_role="Consultant",
        )  # fmt: skip

    names = [f"{PREFIX}fac-{k + 1}" for k in range(options.facilitators)]
    fac_users = _get_users(names, Role.FACILITATOR, new_facilitator, password)
    facilitators = [(u.organisation_id, u.organisation.as_party(), u.pk) for u in fac_users]

    start = User.objects.filter(username__startswith=f"{PREFIX}c", role=Role.COMPANY_ADMIN)
    offset = start.count()
    orgs, specs = [], []
    for _ in range(options.companies):
        job = rng.randrange(len(seed_data.JOBS))
        town = rng.choice(seed_data.TOWNS)
        first, last = seed_data.person(rng)
        orgs.append(
            Organisation(
                kind=Kind.COMPANY,
                siret=seed_data.siret(rng, taken),
                name=seed_data.company_name(rng, seed_data.JOBS[job][1], town[0]),
                address=f"{rng.randint(1, 120)} {town[2]}, {town[1]} {town[0]}",
                representative_name=f"{first} {last}",
                representative_role="Gérant",
                internal_training_service=True,
                first_contract=rng.random() < 0.7,
            )  # fmt: skip
        )
        helper = rng.randrange(len(facilitators)) if rng.random() < 0.7 else None
        specs.append((job, helper, (first, last)))
    orgs = Organisation.objects.bulk_create(orgs)
    links = Organisation.facilitators.through
    links.objects.bulk_create(
        links(from_organisation_id=org.pk, to_organisation_id=facilitators[helper][0])
        for org, (_, helper, _) in zip(orgs, specs, strict=True)
        if helper is not None
    )
    rows = []
    # Dossiers go to companies in turn: each tutor account takes three of its company's.
    per_tutor = TUTOR_DOSSIERS * len(orgs)
    tutors = -(-options.dossiers // per_tutor)
    for k, (org, (_, _, (first, last))) in enumerate(zip(orgs, specs, strict=True)):
        base = f"{PREFIX}c{offset + k + 1}"
        people = [("rh", Role.COMPANY_ADMIN, (first, last))]
        people.append(("formateur", Role.TRAINER, seed_data.person(rng)))
        people += [(f"tuteur-{t + 1}", Role.TUTOR, seed_data.person(rng)) for t in range(tutors)]
        for suffix, role, (f, la) in people:
            rows.append(
                dict(
                    username=f"{base}-{suffix}",
                    role=role,
                    organisation_id=org.pk,
                    first_name=f,
                    last_name=la,
                )
            )
    ids = _users(rows, password)
    size = 2 + tutors
    names = [f"{r['first_name']} {r['last_name']}" for r in rows]
    return World(
        opco={"name": opco_org.name, "siret": opco_org.siret},
        instructors=[u.pk for u in instructors],
        facilitators=facilitators,
        companies=[
            Company(k, org.as_party(), job, helper)
            for k, (org, (job, helper, _)) in enumerate(zip(orgs, specs, strict=True))
        ],
        company_ids=[org.pk for org in orgs],
        company_users=[(ids[size * k], ids[size * k + 1]) for k in range(len(orgs))],
        tutors=[
            list(
                zip(
                    ids[size * k + 2 : size * (k + 1)],
                    names[size * k + 2 : size * (k + 1)],
                    strict=True,
                )
            )
            for k in range(len(orgs))
        ],
    )


# --- generation, in worker processes -------------------------------------------------

_job: dict = {}


def _init(world: World, seed: int, first: int, today: dt.date, now: dt.datetime) -> None:
    _job.update(world=world, seed=seed, first=first, today=today, now=now)


def events_info(events: list[tuple]) -> dict:
    """What `summary.events_info_of` reads from the stored history, from the generated one."""
    sent = [e[3] for e in events if e[0] == "transition" and e[2] == "submitted"]
    decided = [e[3] for e in events if e[0] == "transition" and e[2] in DECISIONS]
    info = {
        "first_submitted_at": min(sent, default=None),
        "submitted_at": max(sent, default=None),
        "decided_at": max(decided, default=None),
        "status_changed_at": max((e[3] for e in events if e[2]), default=None),
    }
    if info["decided_at"] and info["submitted_at"] and info["decided_at"] < info["submitted_at"]:
        info["decided_at"] = None
    return info


def _one(index: int) -> tuple[Generated, dict, dict, list[tuple[str, str]]]:
    """A dossier, its stored content (as the actions layer stores it), its summary columns
    and the (rule, path) of its alertes, checked once by the engine."""
    w: World = _job["world"]
    local = index - _job["first"]
    company = w.companies[local % len(w.companies)]
    tutor = w.tutors[company.index][local // len(w.companies) // TUTOR_DOSSIERS]
    helper = w.facilitators[company.facilitator][1] if company.facilitator is not None else None
    g = generate(
        index, _job["seed"], company, helper, w.opco, len(w.instructors),
        _job["today"], _job["now"], tutor[1],
    )  # fmt: skip
    g.tutor_id = tutor[0]
    info = events_info(g.events)
    if info["submitted_at"]:  # what `convert.submission_block` derives from the history
        day = timezone.localdate
        block = {
            "submitted_on": day(info["submitted_at"]).isoformat(),
            "first_submitted_on": day(info["first_submitted_at"]).isoformat(),
        }
        if info["decided_at"]:
            block["decided_on"] = day(info["decided_at"]).isoformat()
        g.document["submission"] = block
    scratch = Dossier(status=g.status)
    dossier = convert.apply_document(scratch, g.document)
    report = check_rules(dossier)
    fields = summary_fields(g.document, g.status, info, report)
    alertes = {
        (f.rule, f.path) for f in report.of_severity(Severity.ALERTE) if f.rule not in NOT_JUSTIFIED
    }
    return g, scratch.content, fields, sorted(alertes)


def _chunk(indices: list[int]) -> list:
    return [_one(i) for i in indices]


# --- the rows --------------------------------------------------------------------------


def _claim_row(dossier_id: int, c: dict, g: Generated, w: World, users) -> FundingClaim:
    invoice = c["kind"].startswith("facilitator")
    issuer = w.facilitators[g.facilitator][0] if invoice else w.company_ids[g.company]
    claimed_by = w.facilitators[g.facilitator][2] if invoice else users[0]
    claimed = c.get("claimed_on")
    stamp = dt.datetime.combine(dt.date.fromisoformat(c["due_on"]), dt.time(9), dt.UTC)
    return FundingClaim(
        dossier_id=dossier_id, kind=c["kind"], amount=c["amount"], state=c["state"],
        due_on=c["due_on"], issuer_id=issuer if claimed else None,
        invoice_number=c.get("invoice_number", ""), claimed_on=claimed,
        claimed_by_id=claimed_by if claimed else None, paid_on=c.get("paid_on"),
        decided_by_id=w.instructors[0] if c.get("paid_on") else None,
        created_at=stamp, updated_at=stamp,
    )  # fmt: skip


def _lz4() -> None:
    """On PostgreSQL, the documents of this session are compressed with lz4 rather than
    pglz when the server has it: the dossiers' INSERT takes ~40 % less time (measured on
    1,000 dossiers); readers do not see the difference."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone():
            cursor.execute("SET default_toast_compression = 'lz4'")


def insert(results: list, world: World) -> None:
    """One batch of generated dossiers into the database, in one transaction."""
    w = world
    _lz4()
    rows = []
    for g, content, fields, _ in results:
        users = w.company_users[g.company]
        helper = w.facilitators[g.facilitator][0] if g.facilitator is not None else None
        rows.append(
            Dossier(
                company_id=w.company_ids[g.company],
                facilitator_id=helper,
                tutor_id=g.tutor_id,
                status=g.status,
                version=len(g.events),
                reference=g.reference,
                agreement_number=g.agreement_number,
                agreement_date=g.agreement_date,
                content=content,
                trainer_accounts={"F1": users[1]},
                created_by_id=users[0],
                created_at=g.created_at,
                updated_at=g.updated_at,
                assigned_to_id=w.instructors[g.instructor] if g.instructor is not None else None,
                **fields,
            )  # fmt: skip
        )
    with transaction.atomic():
        rows = Dossier.objects.bulk_create(rows)
        trainers = Dossier.trainers.through
        trainers.objects.bulk_create(
            trainers(dossier_id=row.pk, user_id=w.company_users[r[0].company][1])
            for row, r in zip(rows, results, strict=True)
        )
        events, claims, notes, last_events = [], [], [], {}
        for row, (g, _, _, alertes) in zip(rows, results, strict=True):
            users = w.company_users[g.company]
            opco = w.instructors[g.instructor if g.instructor is not None else 0]
            for version, (kind, before, after, moment, actor, comment) in enumerate(g.events, 1):
                events.append(
                    DossierEvent(
                        dossier_id=row.pk,
                        actor_id=opco if actor == "opco" else users[0],
                        at=moment,
                        kind=kind,
                        from_status=before,
                        to_status=after,
                        comment=comment,
                        version=version,
                    )  # fmt: skip
                )
            last_events[row.pk] = len(events) - 1
            claims += [_claim_row(row.pk, c, g, w, users) for c in g.claims]
            if g.status != "draft":  # a sent dossier has every alerte justified
                notes += [
                    Justification(
                        dossier_id=row.pk,
                        rule=rule,
                        path=path,
                        text=JUSTIFICATION,
                        author_id=users[0],
                        at=g.events[1][3],
                    )  # fmt: skip
                    for rule, path in alertes
                ]
        events = DossierEvent.objects.bulk_create(events)
        SectionComment.objects.bulk_create(
            SectionComment(
                dossier_id=row.pk,
                event_id=events[last_events[row.pk]].pk,
                section=section,
                text=text,
                author_id=events[last_events[row.pk]].actor_id,
                at=events[last_events[row.pk]].at,
            )  # fmt: skip
            for row, (g, _, _, _) in zip(rows, results, strict=True)
            for section, text in g.section_comments
        )
        FundingClaim.objects.bulk_create(claims)
        Justification.objects.bulk_create(notes)


def seed(options: Options, progress: Callable[[int], None] | None = None) -> dict:
    """Add `options.dossiers` generated dossiers; returns what was added and how long it took."""
    started = time.perf_counter()
    password = make_password(PASSWORD)  # hashing is slow by design: once for all accounts
    with transaction.atomic():
        world = build_world(options, password)
    first = Dossier.objects.filter(created_by__username__startswith=PREFIX).count()
    indices = list(range(first, first + options.dossiers))
    chunks = [indices[i : i + options.batch] for i in range(0, len(indices), options.batch)]
    today, now = timezone.localdate(), timezone.now()
    done = 0
    with given_dates():
        if options.processes > 1:
            connections.close_all()  # the workers must not share the parent's connection
            context = multiprocessing.get_context("fork")
            with context.Pool(
                options.processes, _init, (world, options.seed, first, today, now)
            ) as pool:
                for results in pool.imap(_chunk, chunks):
                    insert(results, world)
                    done += len(results)
                    if progress:
                        progress(len(results))
        else:
            _init(world, options.seed, first, today, now)
            for chunk in chunks:
                results = _chunk(chunk)
                insert(results, world)
                done += len(results)
                if progress:
                    progress(len(results))
    return {
        "dossiers": done,
        "companies": len(world.companies),
        "facilitators": len(world.facilitators),
        "instructors": len(world.instructors),
        "seconds": time.perf_counter() - started,
    }
