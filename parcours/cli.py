"""The `parcours` command: check dossiers, list the rules, print the JSON Schema."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
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
    (r"invalid (\S+) value: (.*)", r"valeur invalide : \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë : \1 (possibles : \2)"),
    (r"ignored explicit argument (.*)", r"valeur en trop : \1"),
    (r"expected at least one argument", "au moins une valeur est attendue"),
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
    from parcours.audit.cli import add_audit_command
    from parcours.domain.planning.cli import add_plan_command
    from parcours.reminders.cli import add_remind_command

    found = [add_verify_command, add_plan_command, add_remind_command, add_audit_command]
    try:
        from parcours.domain.documents.cli import add_render_command
    except ImportError:
        return found
    return [add_render_command, *found]


OS_ERRORS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EEXIST: "existe déjà",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "support en lecture seule",
    errno.ENAMETOOLONG: "nom trop long",
}


def os_error(exc: OSError) -> str:
    """What the system refused, in French (never Python's English strerror)."""
    return OS_ERRORS.get(exc.errno, f"erreur du système n° {exc.errno}")


def read_dossier(path: Path):
    """The dossier in `path`, or None after saying on stderr, in French, what is wrong
    (every command then exits 2)."""
    from parcours.domain.loading import InvalidDossier, parse_dossier

    try:
        return parse_dossier(path.read_bytes())
    except OSError as exc:
        print(f"{path} : fichier illisible ({os_error(exc)})", file=sys.stderr)
    except InvalidDossier as exc:
        print(f"{path} n'est pas un dossier parcours-dossier/1 valide :", file=sys.stderr)
        for error in exc.errors:
            print(f"  - {error}", file=sys.stderr)
    return None


def read_json(path: Path, what: str):
    """A JSON file given on the command line (BOM accepted), or SystemExit(2) with a French
    message naming `what` it was meant to be."""
    from parcours.domain.loading import load_json

    try:
        return load_json(path.read_bytes())
    except OSError as exc:
        message = f"fichier illisible ({os_error(exc)})"
    except ValueError as exc:
        message = str(exc)
    print(f"parcours : {what} illisibles dans {path} : {message}", file=sys.stderr)
    raise SystemExit(EXIT_INVALID)


def _load_params(path: Path | None):
    from pydantic import ValidationError

    from parcours.domain.loading import french_message, json_path
    from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters

    if path is None:
        return DEFAULT_PARAMETERS
    raw = read_json(path, "paramètres")
    accepted = "clés acceptées : " + ", ".join(RuleParameters.model_fields)
    # Exit 2 as for an invalid dossier: 1 would read as "a blocking finding".
    if not isinstance(raw, dict):
        problems = ['le fichier doit contenir un objet JSON {"clé": valeur}']
    elif unknown := [key for key in raw if key not in RuleParameters.model_fields]:
        problems = [f"clé inconnue « {key} »" for key in unknown]
    else:
        try:
            return RuleParameters.from_overrides(raw)
        except ValidationError as exc:
            problems = [f"{json_path(e['loc'])} : {french_message(e)}" for e in exc.errors()]
    print(f"parcours : paramètres illisibles dans {path} :", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    print(f"  ({accepted})", file=sys.stderr)
    raise SystemExit(EXIT_INVALID)


def run_check(args) -> int:
    from parcours.domain.report_text import render
    from parcours.domain.rules import check

    params = _load_params(args.params)
    status, reports = EXIT_OK, []
    for path in args.files:
        dossier = read_dossier(path)
        if dossier is None:
            status = EXIT_INVALID
            continue
        report = check(dossier, as_of=args.as_of, params=params)
        if report.blocking and status == EXIT_OK:
            status = EXIT_BLOCKING
        if args.format == "json":
            reports.append(report.as_dict())
        else:
            document = dossier.model_dump(mode="json")
            print(render(report, path.name, document), end="\n\n" if len(args.files) > 1 else "\n")
    if args.format == "json" and reports:
        out = reports[0] if len(args.files) == 1 else reports
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return status


# The stages of RULES.md, as `parcours rules` prints them (JSON keeps the format's codes).
STAGE_LABELS = {
    "design": "conception",
    "submission": "dépôt",
    "running": "exécution",
    "closing": "clôture",
}


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
    print(f"{'Règle':<8} {'Gravité':<9} {'À partir de':<12} {'Énoncé':<80} Source")
    for r in CATALOGUE.values():
        stage = STAGE_LABELS[r.stage.value]
        print(f"{r.id:<8} {r.severity.value:<9} {stage:<12} {r.title:<80} {r.source}")
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
    except Exception as exc:
        # Commands that read the database (remind, verify-attendance --database): a bad
        # setting or an unreachable database is said in French, without a traceback.
        message = _environment_error(exc)
        if message is None:
            raise
        print(f"parcours : {message}", file=sys.stderr)
        return EXIT_INVALID


def _environment_error(exc: Exception) -> str | None:
    kind = f"{type(exc).__module__}.{type(exc).__name__}"
    if kind == "django.core.exceptions.ImproperlyConfigured":
        return f"réglage invalide : {exc}"
    if kind == "django.db.utils.OperationalError":
        return (
            "base de données inaccessible : vérifiez DATABASE_URL et que le serveur "
            "de base de données est démarré"
        )
    return None


if __name__ == "__main__":
    sys.exit(main())
