"""`parcours remind`: one e-mail per person with what became due for them since the last
run, each to-do item sent once (a `Reminder` row per person and item key), never an item
already done (the lists are recomputed from the dossiers at each run).

Runs daily from cron; `today` simulates another day, `dry_run` sends and records nothing.
The e-mails go through the task queue (`parcours.reminders.tasks.send_email`): with the
database backend, the reminders recorded and the e-mails queued commit together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parcours.dossiers import decision
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.reminders import lists, mail
from parcours.reminders.models import Reminder

# Dossiers in which someone may have something to do.
REMIND_STATES = (
    Status.DRAFT,
    Status.CHANGES_REQUESTED,
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.RUNNING,
    Status.COMPLETED,
    Status.TERMINATED,
)
CHUNK = 500  # people written per transaction
BATCH = 200  # reminders per INSERT
EMAILS_PER_TASK = 50  # e-mails sent by one task, through one connection


@dataclass
class Summary:
    today: dt.date
    dossiers: int = 0
    items: int = 0  # (person, item) pairs open today
    new: int = 0  # of which not reminded yet
    emails: int = 0
    without_email: list[str] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)
    tacit: list[str] = field(default_factory=list)  # dossiers accepted tacitly (DEC-01)
    outbox: list[tuple[str, list[lists.Entry]]] = field(default_factory=list)  # dry run

    def text(self, dry_run: bool) -> str:
        verb = "seraient envoyés" if dry_run else "mis en file d'envoi"
        lines = [
            f"Rappels du {self.today.strftime('%d/%m/%Y')} : {self.dossiers} dossier(s) "
            f"examiné(s), {self.new} nouveau(x) rappel(s) ({self.items} élément(s) à faire "
            f"en tout), {self.emails} courriel(s) {verb}."
        ]
        if self.tacit:
            verb = "seraient acceptés" if dry_run else "acceptés"
            names = " ; ".join(self.tacit[:20])
            lines.append(
                f"{len(self.tacit)} dossier(s) {verb} tacitement, faute de décision de l'OPCO "
                f"dans les 20 jours (article D6325-2 du Code du travail) : {names}"
                f"{' …' if len(self.tacit) > 20 else ''}."
            )
        if self.unreadable:
            ids = ", ".join(map(str, self.unreadable[:20]))
            lines.append(
                f"{len(self.unreadable)} dossier(s) illisible(s), sans rappel : n° {ids}"
                f"{' …' if len(self.unreadable) > 20 else ''}."
            )
        if self.without_email:
            names = ", ".join(sorted(self.without_email)[:20])
            lines.append(
                f"{len(self.without_email)} personne(s) sans adresse e-mail, non prévenue(s) : "
                f"{names}{' …' if len(self.without_email) > 20 else ''}."
            )
        for who, entries in self.outbox:
            lines.append(f"- {who} :")
            lines += [f"    {e.when} — {e.title}" for e in entries]
        return "\n".join(lines)


def remind(today: dt.date | None = None, *, dry_run: bool = False) -> Summary:
    today = today or timezone.localdate()
    summary = Summary(today)
    # First the law's own decisions: an OPCO silent for 20 days has accepted (D6325-2).
    summary.tacit = [str(row) for row in decision.record_tacit_acceptances(today, dry_run=dry_run)]
    directory = lists.Directory()
    sent = set(Reminder.objects.values_list("recipient_id", "key"))
    new: dict[int, list[tuple[Dossier, object]]] = defaultdict(list)
    rows = Dossier.objects.filter(status__in=REMIND_STATES)
    for row, items in lists.dossier_items(rows, today, summary.unreadable):
        summary.dossiers += 1
        for item in items:
            key = lists.reminder_key(row, item)
            for uid in directory.recipients(row, item):
                summary.items += 1
                if (uid, key) not in sent:
                    new[uid].append((row, item))
    people = sorted(new)
    for start in range(0, len(people), CHUNK):
        outbox = _Outbox(dry_run)
        for uid in people[start : start + CHUNK]:
            _notify(directory.users[uid], new[uid], today, summary, outbox)
        outbox.flush()
    return summary


class _Outbox:
    """The reminders recorded and the e-mails queued for a chunk of people, written together
    (one transaction: with the database task backend, both or neither)."""

    def __init__(self, dry_run: bool):
        self.dry_run = dry_run
        self.reminders: list[Reminder] = []
        self.messages: list[dict] = []

    def flush(self) -> None:
        if self.dry_run:
            return
        with transaction.atomic():
            Reminder.objects.bulk_create(self.reminders, batch_size=BATCH, ignore_conflicts=True)
            for start in range(0, len(self.messages), EMAILS_PER_TASK):
                mail.queue_batch(self.messages[start : start + EMAILS_PER_TASK])


def _notify(user, pairs, today: dt.date, summary: Summary, outbox: _Outbox) -> None:
    summary.new += len(pairs)
    if not user.email:
        summary.without_email.append(user.get_full_name() or user.username)
        return
    many = len({row.pk for row, _ in pairs}) > 1
    entries = lists.entries(pairs, today, many=many)
    summary.emails += 1
    if outbox.dry_run:
        summary.outbox.append((f"{user.get_full_name() or user.username} <{user.email}>", entries))
        return
    now = timezone.now()
    outbox.reminders += [
        Reminder(recipient_id=user.pk, dossier_id=row.pk, key=lists.reminder_key(row, item),
                 sent_at=now)
        for row, item in pairs
    ]  # fmt: skip
    linked = [(e, mail.site_url(e.url)) for e in entries]
    home = mail.site_url(reverse("web:dashboard"))
    subject, body, html = mail.reminder_message(user, linked, home)
    outbox.messages.append({"to": [user.email], "subject": subject, "body": body, "html": html})
