"""`parcours remind`: the reminders of the day, from cron (sets up Django; the settings
come from the environment, DJANGO_SETTINGS_MODULE default `parcours.settings`)."""

from __future__ import annotations

import os


def add_remind_command(sub) -> None:
    from parcours.cli import _date

    command = sub.add_parser(
        "remind",
        help="envoie les rappels du jour par courriel (à lancer chaque jour)",
        description="Envoie à chaque personne, en un seul courriel, ce qui lui est dû : bilans, "
        "séances à signer, séquences, demandes de paiement, fin du contrat, décisions de "
        "l'OPCO. Chaque rappel n'est envoyé qu'une fois, et jamais pour ce qui est fait.",
    )
    command.add_argument("--date", type=_date, metavar="AAAA-MM-JJ", help="simule ce jour")
    command.add_argument(
        "--dry-run", action="store_true", help="affiche les rappels sans rien envoyer"
    )
    command.set_defaults(handler=run_remind)


def run_remind(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    import django

    django.setup()
    from parcours.reminders.remind import remind

    summary = remind(args.date, dry_run=args.dry_run)
    print(summary.text(args.dry_run))
    return 0
