"""`parcours render`: the documents of a dossier as PDF or DOCX files."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_NOT_READY, EXIT_INVALID = 0, 2, 2


def add_render_command(sub) -> None:
    from parcours.domain.documents.registry import REGISTRY

    render = sub.add_parser(
        "render",
        help="produit les documents d'un dossier (PDF, DOCX)",
        description="Produit un document du dossier (--document) ou tous (--all). Un document "
        "qui ne peut pas encore être établi est signalé avec sa raison (code de sortie 2 avec "
        "--document ; ignoré et listé avec --all). Documents : " + ", ".join(REGISTRY) + ".",
    )
    render.add_argument("file", metavar="FICHIER", type=Path)
    which = render.add_mutually_exclusive_group(required=True)
    which.add_argument("--document", metavar="NOM", choices=list(REGISTRY))
    which.add_argument("--all", action="store_true", help="tous les documents, dans -o DOSSIER")
    which.add_argument("--list", action="store_true", help="liste les documents et leur état")
    render.add_argument(
        "--index",
        metavar="N|CLÉ",
        help="pour sequence, bilan, emargement, demande-paiement : le rang (0, 1…) ou la clé "
        "(M2, B1, entreprise-1…) ; pour emargement, le module (M1 : une page par mois) ou "
        "un seul mois (M1-2027-03) ; par défaut le premier",
    )
    render.add_argument(
        "--format", choices=("pdf", "docx"), help="par défaut : pdf (--all : les deux)"
    )
    render.add_argument("-o", "--output", type=Path, metavar="CHEMIN")
    render.add_argument(
        "--livret", type=Path, metavar="FICHIER.json",
        help="sections du livret d'accueil propres à l'entreprise : {titre: texte}",
    )  # fmt: skip
    render.set_defaults(handler=run_render)


def _output_problem(output: Path, folder: bool) -> str | None:
    """Why `-o` cannot be written, in French, before any work is done."""
    if folder:
        if output.exists() and not output.is_dir():
            return f"{output} est un fichier : avec --all, -o nomme un dossier"
        return None
    if output.is_dir():
        return f"{output} est un dossier : donnez le nom du fichier à écrire"
    if not output.parent.is_dir():
        return f"le dossier {output.parent} n'existe pas : créez-le, ou choisissez un autre chemin"
    return None


def run_render(args) -> int:
    from parcours.cli import read_dossier, read_json

    dossier = read_dossier(args.file)
    if dossier is None:
        return EXIT_INVALID
    sections = None
    if args.livret:
        sections = read_json(args.livret, "sections du livret")
        if not isinstance(sections, dict) or not all(isinstance(v, str) for v in sections.values()):
            print(
                f"parcours render : {args.livret} doit contenir un objet JSON "
                '{"titre": "texte", …}',
                file=sys.stderr,
            )
            return EXIT_INVALID
    if args.list:
        return _list(dossier)
    if args.output is None:
        print("parcours render : précisez le fichier ou le dossier de sortie (-o)", file=sys.stderr)
        return EXIT_INVALID
    if problem := _output_problem(args.output, folder=args.all):
        print(f"parcours render : {problem}", file=sys.stderr)
        return EXIT_INVALID
    try:
        if args.all:
            return _all(dossier, args, sections)
        return _one(dossier, args, sections)
    except OSError as exc:
        from parcours.cli import os_error

        where = exc.filename or args.output
        print(
            f"parcours render : écriture impossible dans {where} ({os_error(exc)})", file=sys.stderr
        )
        return EXIT_INVALID


def _list(dossier) -> int:
    from parcours.domain.documents.registry import REGISTRY, instances, parts

    for t in REGISTRY.values():
        for inst in instances(dossier, t.name):
            key = f" --index {inst.key}" if inst.key else ""
            state = "prêt" if inst.ready else f"pas encore : {inst.reason}"
            print(f"{t.name}{key} [{', '.join(t.formats)}] {inst.label} — {state}")
        if keys := parts(dossier, t.name):
            print(f"  {t.name} d'un seul mois : --index {' | '.join(keys)}")
    return EXIT_OK


def _one(dossier, args, sections) -> int:
    from parcours.domain.documents.registry import (
        DocumentNotReady,
        UnknownDocument,
        render_document,
    )

    try:
        content = render_document(
            dossier, args.document, args.format or "pdf", index=args.index,
            livret_sections=sections,
        )  # fmt: skip
    except DocumentNotReady as exc:
        print(f"{args.document} : document pas encore disponible. {exc.reason}", file=sys.stderr)
        return EXIT_NOT_READY
    except UnknownDocument as exc:
        print(f"parcours render : {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    args.output.write_bytes(content)
    print(f"{args.output} écrit ({len(content)} octets)")
    return EXIT_OK


def _all(dossier, args, sections) -> int:
    from parcours.domain.documents.batch import render_all

    args.output.mkdir(parents=True, exist_ok=True)
    formats = (args.format,) if args.format else ("pdf", "docx")
    written, skipped = 0, []
    for produced in render_all(dossier, formats, livret_sections=sections):
        if produced.content is None:
            skipped.append(produced)
            continue
        (args.output / produced.filename).write_bytes(produced.content)
        written += 1
    print(f"{written} fichier(s) écrit(s) dans {args.output}")
    if skipped:
        print("Non produits pour l'instant :")
        for s in skipped:
            print(f"  - {s.filename.removesuffix('.*')} : {s.reason}")
    return EXIT_OK
