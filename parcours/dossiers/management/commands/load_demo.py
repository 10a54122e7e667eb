"""`python manage.py load_demo`: demo organisations, one account per role and dossiers in
draft, submitted, accepted and running states. Running it twice changes nothing.

The running dossier lives around today: its dates are moved (by whole weeks, so weekdays
stay) so that the contract began ten weeks ago; its sessions come from the planner through
the planning writer, and the past ones carry signatures made through the attendance
actions (learner and trainer, one absence), the last one left to sign; the first review is
held with its scores, the trainer has evaluated his module M2 and the company has made its
first funding claim (reviews and funding actions)."""

import copy
import datetime as dt
import json
import re

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.attendance import actions as attendance
from parcours.attendance import perms as attendance_perms
from parcours.domain.dossier import Signer
from parcours.domain.planning import PlanOptions, Rhythm
from parcours.dossiers import actions, convert
from parcours.dossiers.models import Dossier
from parcours.organisations.models import Kind, Organisation

PASSWORD = "demo-parcours"
# The running dossier's contract began this many weeks before today.
RUNNING_WEEKS_AGO = 10
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORGANISATIONS = {
    "opco": dict(kind=Kind.OPCO, name="Atlas", siret="85129663200017"),
    "cabinet": dict(
        kind=Kind.COMPANY,
        name="Cabinet Exemple Expertise Comptable",
        siret="41234568800011",
        address="12 rue des Exemples, 69002 Lyon",
        representative_name="Claire Martin",
        representative_role="Associée gérante",
        internal_training_service=True,
        first_contract=True,
    ),
    "boulangerie": dict(
        kind=Kind.COMPANY,
        name="Boulangerie du Modèle",
        siret="73282932000074",
        address="3 place du Marché, 69100 Villeurbanne",
        representative_name="Karim Haddad",
        representative_role="Gérant",
        internal_training_service=True,
        first_contract=True,
    ),
    "facilitateur": dict(
        kind=Kind.FACILITATOR,
        name="Conseil Facilitation Exemple",
        siret="52345679600011",
        address="5 place du Modèle, 69003 Lyon",
        representative_name="Paul Durand",
        representative_role="Consultant",
    ),
}
# username: (role, organisation, first name, last name)
USERS = {
    "conseiller.opco": (Role.OPCO_STAFF, "opco", "Hélène", "Roux"),
    "dirigeante": (Role.COMPANY_ADMIN, "cabinet", "Claire", "Martin"),
    "facilitateur": (Role.FACILITATOR, "facilitateur", "Paul", "Durand"),
    "tutrice": (Role.TUTOR, "cabinet", "Sophie", "Bernard"),
    "formateur": (Role.TRAINER, "cabinet", "Marc", "Petit"),
    "apprenante.nadia": (Role.LEARNER, "cabinet", "Nadia", "Exemple"),
    "apprenant.lucas": (Role.LEARNER, "cabinet", "Lucas", "Moreau"),
    "apprenante.ines": (Role.LEARNER, "cabinet", "Inès", "Garcia"),
    "dirigeant.boulangerie": (Role.COMPANY_ADMIN, "boulangerie", "Karim", "Haddad"),
    "tuteur.boulangerie": (Role.TUTOR, "boulangerie", "Jean", "Lefèvre"),
    "formatrice.boulangerie": (Role.TRAINER, "boulangerie", "Amélie", "Blanc"),
    "apprenant.boulangerie": (Role.LEARNER, "boulangerie", "Yanis", "Benali"),
}
# learner username: (company, admin, tutor, trainer, birth date, target state)
DOSSIERS = {
    "apprenante.nadia": ("cabinet", "dirigeante", "tutrice", "formateur", "1985-04-17", "running"),
    "apprenant.lucas": ("cabinet", "dirigeante", "tutrice", "formateur", "1990-09-02", "accepted"),
    "apprenante.ines": ("cabinet", "dirigeante", "tutrice", "formateur", "1979-02-11", "submitted"),
    "apprenant.boulangerie": (
        "boulangerie",
        "dirigeant.boulangerie",
        "tuteur.boulangerie",
        "formatrice.boulangerie",
        "1988-06-23",
        "draft",
    ),
}


class Command(BaseCommand):
    help = "Charge les données de démonstration (sans effet si elles sont déjà là)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="adresse où l'application sera servie, rappelée dans le résumé",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        orgs = {key: self.organisation(fields) for key, fields in ORGANISATIONS.items()}
        orgs["cabinet"].facilitators.add(orgs["facilitateur"])
        users = {name: self.user(name, orgs[spec[1]], *spec) for name, spec in USERS.items()}
        for learner, spec in DOSSIERS.items():
            self.dossier(orgs, users, learner, *spec)
        self.stdout.write(self.summary(options["url"].rstrip("/") + "/"))

    def organisation(self, fields):
        org, _ = Organisation.objects.get_or_create(siret=fields["siret"], defaults=fields)
        return org

    def user(self, username, organisation, role, _org, first_name, last_name):
        if not hasattr(self, "password_hash"):  # hashing is slow by design: once per run
            self.password_hash = make_password(PASSWORD)
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(
                role=role,
                organisation=organisation,
                first_name=first_name,
                last_name=last_name,
                password=self.password_hash,
            ),
        )
        return user

    def dossier(self, orgs, users, learner, company, admin, tutor, trainer, birth, state):
        if Dossier.objects.filter(learner=users[learner]).exists():
            return
        data = copy.deepcopy(json.loads(settings.DEMO_DOSSIER.read_text(encoding="utf-8")))
        company_org, person = orgs[company], users[learner]
        data["company"] = company_org.as_party()
        helper = company_org.facilitators.first()
        data["facilitator"] = helper.as_party() if helper else None
        if state == "running":
            data = shift_dates(data, running_offset(data))
        data["learner"] |= {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_date": birth,
        }
        row = actions.import_dossier(
            users[admin],
            company_org,
            data,
            tutor=users[tutor],
            learner=person,
            trainers=[users[trainer]],
        )
        self.advance(row, users[admin], users["conseiller.opco"], state)
        if state == "running":
            self.run(row, users[admin], users[trainer])

    def advance(self, row, admin, opco, state):
        steps = ["draft", "submitted", "accepted", "running"]
        target = steps.index(state)
        if target >= 1:
            actions.submit_dossier(row, admin, row.version)
        if target >= 2:
            number = f"ATLAS-2026-{row.pk:05d}"
            agreed = dt.date(2026, 12, 10)
            if state == "running":  # before its (moved) start
                agreed = dt.date.fromisoformat(row.content["contract"]["start_date"])
                agreed -= dt.timedelta(days=21)
            actions.accept_dossier(row, opco, row.version, number, agreed)
        if target >= 3:
            actions.start_contract(row, admin, row.version)

    def run(self, row, admin, trainer):
        """The contract's life so far: the trainer account is the document's trainer F1,
        sessions planned for the whole action, signatures of the past ones."""
        from parcours.planning import actions as planning

        row.refresh_from_db()
        actions.assign_people(
            row,
            admin,
            row.version,
            tutor=row.tutor,
            learner=row.learner,
            trainers=list(row.trainers.all()),
            trainer_accounts={"F1": trainer},
        )
        options = PlanOptions(rhythm=Rhythm.ONE_DAY_A_WEEK)
        planning.generate_plan(row, admin, options, row.version)
        sign_past_sessions(row, admin, trainer)
        follow_up(row, admin, trainer)

    def summary(self, url: str) -> str:
        lines = [
            "",
            "Données de démonstration prêtes.",
            f"Ouvrez {url} et connectez-vous avec l'un de ces comptes",
            f"(mot de passe pour tous : {PASSWORD}) :",
        ]
        for username, (role, org, first, last) in USERS.items():
            label = f"{first} {last}, {Role(role).label} ({ORGANISATIONS[org]['name']})"
            lines.append(f"  {username:<24} {label}")
        lines.append(
            f"API : {url}api/docs ; un jeton : python manage.py create_api_token <identifiant>"
        )
        return "\n".join(lines) + "\n"


def running_offset(data: dict) -> int:
    """Days (a whole number of weeks) moving the demo contract so that it began
    RUNNING_WEEKS_AGO weeks before today."""
    start = dt.date.fromisoformat(data["contract"]["action_start"])
    target = timezone.localdate() - dt.timedelta(weeks=RUNNING_WEEKS_AGO)
    return (target - start).days // 7 * 7


def shift_dates(value, days: int):
    """Every ISO date of the document moved by `days`."""
    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if isinstance(value, str) and ISO_DATE.match(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    return value


def sign_past_sessions(row, admin, trainer) -> None:
    """Through the attendance actions, as each signer: the learner signs every past
    session but the last (left for her to sign, « en retard »), one of them recorded absent
    by the company; the trainer signs his lines of the internal and AFEST sessions."""
    row.refresh_from_db()
    learner = row.learner
    today = timezone.localdate()
    schedule = convert.schedule(row)
    past = sorted(
        (s for s in schedule.sessions.values() if s.date < today),
        key=lambda s: (s.date, s.start_time or dt.time(0)),
    )
    absent = past[len(past) // 2].id if len(past) > 2 else None
    for session in past[:-1]:
        if session.id == absent:
            attendance.record_absence(
                row, admin, session.id, signer=Signer.LEARNER, reason="Arrêt maladie"
            )
        else:
            attendance.sign_session(row, learner, session.id, signer=Signer.LEARNER)
        if attendance_perms.has_line(schedule, session, Signer.TRAINER):
            attendance.sign_session(row, trainer, session.id, signer=Signer.TRAINER)


# The first review as the tutor held it, and the trainer's evaluation of M2.
B1_LEVELS = {"C1": 1, "C2": 1, "C3": 0, "C4": 1, "C5": 1, "C6": 2, "C7": 0}
B1_COMMENTS = {
    "C1": "Paramètre seule un dossier simple, demande de l'aide pour les cas particuliers",
    "C6": "Applique les procédures de contrôle sans rappel",
}
M2_RESULTS = {"C5": (1, "Répond aux questions simples des clients"),
              "C6": (2, "Cas pratique d'archivage réussi sans aide")}  # fmt: skip


def follow_up(row, admin, trainer) -> None:
    """Through the reviews and funding actions: B1 held by the tutor on its planned day
    (or yesterday, if that is still to come), M2 evaluated by its trainer, the first
    payment claimed by the company (due once the learner has signed a session)."""
    from parcours.domain.dossier import Quality
    from parcours.funding import actions as funding
    from parcours.reviews import actions as reviews

    row.refresh_from_db()
    today = timezone.localdate()
    document = row.content
    b1 = next(r for r in document["reviews"] if r["id"] == "B1")
    held = min(dt.date.fromisoformat(b1["planned_date"]), today - dt.timedelta(days=1))
    learner = document["learner"]
    trainer_name = next(t["name"] for t in document["trainers"] if t["id"] == "F1")
    participants = [
        {"name": document["tutor"]["name"], "quality": Quality.TUTOR},
        {"name": f"{learner['first_name']} {learner['last_name']}", "quality": Quality.LEARNER},
        {"name": trainer_name, "quality": Quality.TRAINER},
    ]
    scores = [
        {"competence": c, "level": level, "comment": B1_COMMENTS.get(c)}
        for c, level in B1_LEVELS.items()
    ]
    reviews.hold_review(
        row, row.tutor, "B1", held, scores, participants, "continue", row.version,
        comment="Bonne intégration dans l'équipe ; la DSN reste à découvrir.",
    )  # fmt: skip
    row.refresh_from_db()
    results = [
        {"competence": c, "level": level, "comment": note}
        for c, (level, note) in M2_RESULTS.items()
    ]
    reviews.record_evaluation(row, trainer, "M2", today - dt.timedelta(days=2), results,
                              row.version)  # fmt: skip
    row.refresh_from_db()
    funding.make_claim(row, admin, "first_payment")
