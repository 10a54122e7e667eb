"""`parcours verify-attendance`: is the attendance chain whole?

On export files (`parcours verify-attendance FILE…`) it is pure domain: no database, no
Django. With `--database [--dossier N]` it sets up Django (DJANGO_SETTINGS_MODULE, default
`parcours.settings`) and checks the chains kept in the database, with the head and length
each dossier row keeps. Exit code: 0 every chain whole, 1 a chain is broken, 2 a file is not
a valid dossier (or the dossier asked for does not exist).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_BROKEN, EXIT_INVALID = 0, 1, 2


def add_verify_command(sub) -> None:
    command = sub.add_parser(
        "verify-attendance",
        help="vérifie la chaîne des émargements (fichiers exportés ou base de données)",
        description="Vérifie que la chaîne des émargements est intacte : aucun enregistrement "
        "modifié, supprimé, inséré ni déplacé. Nomme chaque enregistrement en cause. Code de "
        "sortie : 0 chaîne intacte, 1 chaîne rompue, 2 fichier invalide.",
    )
    command.add_argument("files", nargs="*", metavar="FICHIER", type=Path)
    command.add_argument(
        "--database",
        action="store_true",
        help="vérifie les dossiers de la base de données (réglages Django) au lieu de fichiers",
    )
    command.add_argument(
        "--dossier", type=int, metavar="N", help="avec --database : ce dossier seulement"
    )
    command.set_defaults(handler=run_verify)


def _print_breaks(label: str, breaks, count: int) -> None:
    if not breaks:
        print(f"{label} : chaîne d'émargement intacte ({count} enregistrement(s)).")
        return
    print(f"{label} : chaîne d'émargement ROMPUE ({len(breaks)} anomalie(s)) :")
    for found in breaks:
        print(f"  - {found}")


def _verify_file(path: Path) -> int:
    from parcours.attendance.verify import named_breaks
    from parcours.cli import read_dossier

    dossier = read_dossier(path)
    if dossier is None:
        return EXIT_INVALID
    records = [r.model_dump(mode="json", exclude_none=True) for r in dossier.attendance]
    try:
        breaks = named_breaks(records)
    except ValueError as exc:  # e.g. a signed_at without a time zone
        print(f"{path} : émargements illisibles ({exc})", file=sys.stderr)
        return EXIT_INVALID
    _print_breaks(str(path), breaks, len(records))
    return EXIT_BROKEN if breaks else EXIT_OK


def _verify_database(dossier_id: int | None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    import django

    django.setup()
    from parcours.attendance.verify import verify_dossier
    from parcours.dossiers.models import Dossier

    rows = Dossier.objects.order_by("pk")
    if dossier_id is not None:
        rows = rows.filter(pk=dossier_id)
        if not rows.exists():
            print(f"dossier {dossier_id} introuvable", file=sys.stderr)
            return EXIT_INVALID
    status, checked, broken = EXIT_OK, 0, 0
    for row in rows.only("pk", "reference", "attendance_head", "attendance_count"):
        breaks = verify_dossier(row)
        checked += 1
        label = f"dossier {row.pk}" + (f" ({row.reference})" if row.reference else "")
        if breaks or dossier_id is not None or row.attendance_count:
            _print_breaks(label, breaks, row.signatures.count())
        if breaks:
            status, broken = EXIT_BROKEN, broken + 1
    print(
        f"{checked} dossier(s) vérifié(s) : "
        + (f"{broken} chaîne(s) rompue(s)." if broken else "chaînes d'émargement intactes.")
    )
    return status


def run_verify(args: argparse.Namespace) -> int:
    if args.database == bool(args.files):
        print(
            "parcours verify-attendance : donnez des fichiers exportés, ou --database "
            "(pas les deux)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if args.dossier is not None and not args.database:
        print("parcours verify-attendance : --dossier va avec --database", file=sys.stderr)
        return EXIT_INVALID
    if args.database:
        return _verify_database(args.dossier)
    status = EXIT_OK
    for path in args.files:
        status = max(status, _verify_file(path))
    return status
