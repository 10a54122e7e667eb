"""The `parcours` command: check dossiers, list the rules, print the JSON Schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

EXIT_OK, EXIT_BLOCKING, EXIT_INVALID = 0, 1, 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide « {value} » (attendu AAAA-MM-JJ)"
        ) from None


BUILT_IN = frozenset({"check", "rules", "schema"})


ARGPARSE_MESSAGES = (
    (r"the following arguments are required: ", "arguments obligatoires manquants : "),
    (r"unrecognized arguments: ", "arguments inconnus : "),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"choix invalide \1 (possibles : \2)"),
    (r"expected one argument", "une valeur est attendue"),
    (r"one of the arguments (.*) is required", r"l'un des arguments \1 est obligatoire"),
    (r"not allowed with argument", "incompatible avec l'argument"),
    (r"^argument (\S+): ", r"argument \1 : "),
)


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it builds a sub-command's name: keep that.
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse with its own words in French; sub-commands inherit it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message):
        for english, french in ARGPARSE_MESSAGES:
            message = re.sub(english, french, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog} : erreur : {message}\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; the sub-commands of other parts of parcours are added only when the
    command line may need them (`parcours check` must start fast, SPEC targets)."""
    parser = FrenchArgumentParser(
        prog="parcours",
        description="Contrats de professionnalisation expérimentaux : vérification des dossiers "
        "au format parcours-dossier/1.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    check = sub.add_parser(
        "check",
        help="vérifie un ou plusieurs dossiers contre toutes les règles",
        description="Vérifie chaque dossier contre le catalogue des règles. Code de sortie : "
        "0 sans point bloquant, 1 si un point est bloquant, 2 si un fichier n'est pas un "
        "dossier valide. Avec plusieurs fichiers et --format json, imprime une liste de rapports.",
    )
    check.add_argument("files", nargs="+", metavar="FICHIER", type=Path)
    check.add_argument(
        "--as-of",
        type=_date,
        metavar="AAAA-MM-JJ",
        help="date de référence (par défaut : celle du dossier, sinon aujourd'hui)",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--params",
        type=Path,
        metavar="FICHIER",
        help="paramètres des règles propres à un OPCO ou une branche (JSON)",
    )
    check.set_defaults(handler=run_check)

    rules = sub.add_parser("rules", help="affiche le catalogue des règles")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=run_rules)

    schema = sub.add_parser("schema", help="imprime le schéma JSON du format parcours-dossier/1")
    schema.set_defaults(handler=run_schema)

    if not _is_built_in(argv):
        for extra in _extra_commands():
            extra(sub)
    return parser


def _is_built_in(argv: list[str] | None) -> bool:
    args = sys.argv[1:] if argv is None else argv
    command = next((a for a in args if not a.startswith("-")), None)
    return command in BUILT_IN


def _extra_commands():
    """Sub-commands contributed by other parts of parcours (documents, attendance…)."""
    from parcours.attendance.cli import add_verify_command
    from parcours.domain.planning.cli import add_plan_command
    from parcours.reminders.cli import add_remind_command

    try:
        from parcours.domain.documents.cli import add_render_command
    except ImportError:
        return [add_verify_command, add_plan_command, add_remind_command]
    return [add_render_command, add_verify_command, add_plan_command, add_remind_command]


def _load_params(path: Path | None):
    from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters

    if path is None:
        return DEFAULT_PARAMETERS
    try:
        return RuleParameters.from_overrides(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        # Exit 2 as for an invalid dossier: 1 would read as "a blocking finding".
        print(f"parcours: paramètres illisibles dans {path} : {exc}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID) from None


def run_check(args) -> int:
    from parcours.domain.loading import InvalidDossier, parse_dossier
    from parcours.domain.report_text import render
    from parcours.domain.rules import check

    params = _load_params(args.params)
    status, reports = EXIT_OK, []
    for path in args.files:
        try:
            dossier = parse_dossier(path.read_bytes())
        except OSError as exc:
            print(f"{path} : fichier illisible ({exc.strerror})", file=sys.stderr)
            status = EXIT_INVALID
            continue
        except InvalidDossier as exc:
            print(f"{path} n'est pas un dossier parcours-dossier/1 valide :", file=sys.stderr)
            for error in exc.errors:
                print(f"  - {error}", file=sys.stderr)
            status = EXIT_INVALID
            continue
        report = check(dossier, as_of=args.as_of, params=params)
        if report.blocking and status == EXIT_OK:
            status = EXIT_BLOCKING
        if args.format == "json":
            reports.append(report.as_dict())
        else:
            print(render(report, path.name), end="\n\n" if len(args.files) > 1 else "\n")
    if args.format == "json" and reports:
        out = reports[0] if len(args.files) == 1 else reports
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return status


def run_rules(args) -> int:
    from parcours.domain.rules import CATALOGUE

    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "severity": r.severity.value,
                "stage": r.stage.value,
                "title": r.title,
                "source": r.source,
            }
            for r in CATALOGUE.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{'Règle':<8} {'Gravité':<9} {'Étape':<11} {'Énoncé':<80} Source")
    for r in CATALOGUE.values():
        print(f"{r.id:<8} {r.severity.value:<9} {r.stage.value:<11} {r.title:<80} {r.source}")
    return EXIT_OK


def run_schema(args) -> int:
    from parcours.domain.dossier import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
