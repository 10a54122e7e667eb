"""`manage.py refresh_summaries [--status ÉTAT…] [--company ID] [--chunk N] [--quiet]`:
recompute the dossiers' summary columns (`parcours.dossiers.summary.refresh_rows`).

The actions layer keeps them up to date on every save; run this after an upgrade that
changes how they are computed, after a change of the rules' parameters, or nightly so that
the findings counts follow the calendar (a rule about an unsigned session finds it once
the day has passed, without anyone saving the dossier)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.dossiers.summary import CHUNK, refresh_rows


def _status(value: str) -> str:
    if value not in Status.values:
        choices = ", ".join(Status.values)
        raise CommandError(f"état inconnu « {value} » (états possibles : {choices})")
    return value


class Command(BaseCommand):
    help = (
        "Recalcule les colonnes de synthèse des dossiers (noms, heures, anomalies, dates "
        "d'envoi et de décision) à partir de leurs documents et de leur historique."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--status", type=_status, action="append", help="seulement les dossiers dans cet état"
        )
        parser.add_argument("--company", type=int, help="seulement les dossiers de l'entreprise")
        parser.add_argument(
            "--chunk", type=int, default=CHUNK, help=f"dossiers par lot (défaut : {CHUNK})"
        )
        parser.add_argument("--quiet", action="store_true", help="sans barre de progression")

    def handle(self, *args, status=None, company=None, chunk=CHUNK, quiet=False, **options):
        if chunk < 1:
            raise CommandError("--chunk doit être un nombre entier positif")
        rows = Dossier.objects.all()
        if status:
            rows = rows.filter(status__in=status)
        if company is not None:
            rows = rows.filter(company_id=company)
        total = rows.count()
        bar = tqdm(total=total, unit=" dossiers", file=sys.stderr, disable=quiet or not total)
        done = [0]

        def progress(count: int) -> None:
            bar.update(count - done[0])
            done[0] = count

        started = time.perf_counter()
        count = refresh_rows(rows, chunk_size=chunk, progress=progress)
        bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(f"{count} dossier(s) recalculé(s) en {seconds:.1f} s.")
