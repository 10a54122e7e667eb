"""`manage.py remind [--date AAAA-MM-JJ] [--dry-run]`: the reminders of the day
(`parcours.reminders.remind`); the same as `parcours remind`."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from parcours.reminders.remind import remind


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"date invalide « {value} » (attendu AAAA-MM-JJ)") from None


class Command(BaseCommand):
    help = (
        "Envoie à chacun, en un seul courriel, les rappels de ce qui lui est dû (une fois par "
        "élément ; jamais ce qui est fait). À lancer chaque jour (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, help="simule ce jour (AAAA-MM-JJ)")
        parser.add_argument(
            "--dry-run", action="store_true", help="affiche les rappels sans rien envoyer"
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        summary = remind(date, dry_run=dry_run)
        self.stdout.write(summary.text(dry_run))
