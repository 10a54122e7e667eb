"""`manage.py audit` and `parcours audit`: the same options, the same run.

Exit code: 0 audit done (whatever it found: the findings are in the file), 1 the run asked
for with --collect is not finished yet, 2 a bad option, an unknown run or a file that cannot
be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_PENDING, EXIT_INVALID = 0, 1, 2


def _date(value: str):
    from parcours.cli import _date as french_date

    return french_date(value)


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"nombre de processus invalide « {value} » (1 ou plus)")
    return n


STATUS_CODES = (
    "draft", "submitted", "changes_requested", "accepted", "refused", "running", "completed",
    "terminated",
)  # fmt: skip
DESCRIPTION = (
    "Revérifie chaque dossier de la base avec toutes les règles et écrit les constats dans "
    "un fichier CSV (un constat par ligne : dossier, n° OPCO, entreprise, salarié, état, "
    "règle, gravité, message, ce qu'il concerne, étape), puis affiche un résumé. Un dossier "
    "illisible devient une ligne « FORMAT ». Code de sortie : 0 audit terminé, 1 audit "
    "réparti pas encore terminé (--collect), 2 option invalide."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--workers", type=_workers, metavar="N",
        help="nombre de processus en parallèle (par défaut : un par cœur)",
    )  # fmt: skip
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FICHIER",
        help="fichier CSV des constats (par défaut : audit-AAAAMMJJ.csv)",
    )  # fmt: skip
    parser.add_argument(
        "--status", action="append", choices=STATUS_CODES, metavar="ÉTAT",
        help="seulement les dossiers dans cet état (répétable) : " + ", ".join(STATUS_CODES),
    )  # fmt: skip
    parser.add_argument(
        "--since", type=_date, metavar="AAAA-MM-JJ",
        help="seulement les dossiers modifiés depuis ce jour",
    )  # fmt: skip
    parser.add_argument(
        "--as-of", type=_date, metavar="AAAA-MM-JJ",
        help="vérifie les dossiers à cette date (par défaut : aujourd'hui)",
    )  # fmt: skip
    parser.add_argument(
        "--refresh-summaries", action="store_true",
        help="réécrit aussi les colonnes de synthèse des dossiers (points bloquants, alertes…)",
    )  # fmt: skip
    parser.add_argument(
        "--via-tasks", action="store_true",
        help="répartit le travail en tâches de la file d'attente, exécutées par "
        "`manage.py db_worker` sur une ou plusieurs machines partageant la base",
    )  # fmt: skip
    parser.add_argument(
        "--wait", action="store_true",
        help="avec --via-tasks ou --collect : attend la fin des tâches puis écrit le fichier",
    )  # fmt: skip
    parser.add_argument(
        "--collect", type=int, metavar="N",
        help="écrit le fichier de l'audit réparti n° N (terminé)",
    )  # fmt: skip
    parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")


def say(stream, text: str) -> None:
    # write(), not print(): Django's command output adds its own line ending to each write.
    stream.write(text + "\n")


def execute(args, out=None, err=None) -> int:
    """Run the audit the parsed `args` ask for; prints the summary on `out`."""
    from django.utils import timezone

    from parcours.audit import distributed, runner
    from parcours.audit.audit import Options
    from parcours.audit.models import AuditRun
    from parcours.audit.report import summary, time_spent
    from parcours.cli import os_error

    out, err = out or sys.stdout, err or sys.stderr
    output = args.output or Path(f"audit-{timezone.localdate():%Y%m%d}.csv")
    progress = not args.no_progress
    if not output.parent.is_dir() or output.is_dir():
        say(err, f"audit : impossible d'écrire {output} (dossier introuvable)")
        return EXIT_INVALID
    options = Options(
        as_of=args.as_of or timezone.localdate(),
        statuses=tuple(args.status or ()),
        since=args.since,
        refresh_summaries=args.refresh_summaries,
    )
    workers = None
    try:
        if args.collect is not None:
            run = AuditRun.objects.filter(pk=args.collect).first()
            if run is None:
                say(err, f"audit : l'audit n° {args.collect} n'existe pas")
                return EXIT_INVALID
        elif args.via_tasks:
            run = distributed.start(options)
            say(
                out,
                f"Audit n° {run.pk} : {run.chunk_count} morceau(x) mis en file d'attente. "
                "Lancez `manage.py db_worker` sur une ou plusieurs machines partageant la "
                f"base, puis `manage.py audit --collect {run.pk}`.",
            )
            if not args.wait:
                return EXIT_OK
        else:
            run = None
        if run is None:
            tally, seconds, workers = runner.run(options, output, args.workers, progress)
        else:
            if args.wait:
                distributed.wait(run, progress)
            tally, seconds = distributed.collect(run, output)
    except distributed.NotFinished as exc:
        say(err, f"audit : {exc}")
        return EXIT_PENDING
    except OSError as exc:
        say(err, f"audit : impossible d'écrire {output} ({os_error(exc)})")
        return EXIT_INVALID
    say(out, summary(tally, seconds, output, workers))
    if args.verbosity > 1:
        say(out, time_spent(tally))
    return EXIT_OK


def add_audit_command(sub) -> None:
    """`parcours audit`: sets up Django (DJANGO_SETTINGS_MODULE, default
    `parcours.settings`), like `parcours remind`."""
    command = sub.add_parser(
        "audit", help="revérifie tous les dossiers de la base (fichier CSV des constats)",
        description=DESCRIPTION,
    )  # fmt: skip
    add_arguments(command)
    command.add_argument(
        "--verbose", "-v", dest="verbosity", action="store_const", const=2, default=1,
        help="dit aussi où le temps est passé",
    )  # fmt: skip
    command.set_defaults(handler=run_audit)


def run_audit(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    import django

    django.setup()
    return execute(args)
