"""`parcours plan`: sessions for a dossier's modules, written to a new dossier file."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

from parcours.domain.planning.options import (
    REGION_LABELS,
    RHYTHM_DESCRIPTIONS,
    RHYTHM_LABELS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    DateRange,
    HalfDay,
    Region,
    Rhythm,
)

EXIT_OK, EXIT_INFEASIBLE, EXIT_INVALID = 0, 1, 2
HALF_DAY = re.compile(r"^(?P<label>[^=]+)=(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide « {value} » (attendu AAAA-MM-JJ)"
        ) from None


def _range(value: str) -> DateRange:
    """AAAA-MM-JJ:AAAA-MM-JJ, or a single day."""
    start, _, end = value.partition(":")
    first = _date(start)
    last = _date(end) if end else first
    if last < first:
        raise argparse.ArgumentTypeError(f"période « {value} » : la fin précède le début")
    return DateRange(first, last)


def _unavailable(value: str) -> tuple[str, DateRange]:
    """F1:AAAA-MM-JJ:AAAA-MM-JJ (or F1:AAAA-MM-JJ for a single day)."""
    trainer, sep, dates = value.partition(":")
    if not sep or not trainer:
        raise argparse.ArgumentTypeError(
            f"indisponibilité « {value} » : attendu FORMATEUR:AAAA-MM-JJ:AAAA-MM-JJ"
        )
    return trainer, _range(dates)


def _weekdays(value: str) -> frozenset[int]:
    days = set()
    for word in value.split(","):
        word = word.strip().lower().rstrip(".")
        if word in WEEKDAY_ABBREVIATIONS:
            days.add(WEEKDAY_ABBREVIATIONS.index(word))
        elif word in WEEKDAY_NAMES:
            days.add(WEEKDAY_NAMES.index(word))
        else:
            raise argparse.ArgumentTypeError(
                f"jour inconnu « {word} » (possibles : {','.join(WEEKDAY_ABBREVIATIONS)})"
            )
    return frozenset(days)


def _half_day(value: str) -> HalfDay:
    match = HALF_DAY.match(value)
    try:
        if not match:
            raise ValueError
        try:
            start, end = (dt.time.fromisoformat(match[k].zfill(5)) for k in ("start", "end"))
        except ValueError:
            raise ValueError("heure impossible (de 00:00 à 23:59)") from None
        return HalfDay(match["label"].strip(), start, end)
    except ValueError as exc:  # InvalidOptions and the hour above speak French
        detail = f" : {exc}" if str(exc) else ""
        raise argparse.ArgumentTypeError(
            f"demi-journée « {value} » invalide (attendu NOM=HH:MM-HH:MM){detail}"
        ) from None


def _hours(value: str) -> float:
    try:
        hours = float(value.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre d'heures invalide « {value} »") from None
    if not 0 < hours <= 24:
        raise argparse.ArgumentTypeError(f"nombre d'heures « {value} » hors de 0 à 24")
    return hours


def add_plan_command(sub) -> None:
    rhythms = " ; ".join(f"{r.value} : {RHYTHM_DESCRIPTIONS[r]}" for r in Rhythm)
    p = sub.add_parser(
        "plan",
        help="planifie les séances d'un dossier (rythme, jours fériés, fermetures)",
        description="Place les heures de chaque module (non dispensé) en séances d'une "
        "demi-journée dans la période de l'action et les dates du module, selon le rythme, "
        "les jours de formation, les jours fériés de la région, les fermetures et les "
        "indisponibilités des formateurs, au plus --max-daily-hours heures par jour ; "
        "le calendrier des séquences des modules internes et AFEST reprend les dates des "
        "séances. Écrit le dossier planifié (-o). Code de sortie : 0 planifié, 1 aucun "
        "planning possible (les raisons sont données), 2 dossier ou argument invalide. "
        f"Rythmes — {rhythms}.",
    )
    p.add_argument("file", metavar="FICHIER", type=Path)
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="SORTIE.json",
        required=True,
        help="le dossier planifié (format parcours-dossier/1)",
    )
    p.add_argument(
        "--rhythm",
        choices=[r.value for r in Rhythm],
        default=Rhythm.ONE_DAY_A_WEEK,
        help="rythme de l'alternance (par défaut : jour-par-semaine)",
    )
    p.add_argument(
        "--region",
        choices=[r.value for r in Region],
        default=Region.METROPOLE,
        help="région dont les jours fériés sont exclus (par défaut : metropole)",
    )
    p.add_argument(
        "--weekdays",
        type=_weekdays,
        metavar="lun,mar,…",
        help="jours de formation possibles (par défaut : lun,mar,mer,jeu,ven)",
    )
    p.add_argument(
        "--half-day",
        type=_half_day,
        action="append",
        metavar="NOM=HH:MM-HH:MM",
        help="une demi-journée de formation, à répéter (par défaut : "
        "matin=09:00-12:30 et après-midi=13:30-17:00)",
    )
    p.add_argument(
        "--max-daily-hours",
        type=_hours,
        default=7.0,
        metavar="H",
        help="heures de formation au plus par jour (par défaut : 7)",
    )
    p.add_argument(
        "--closure",
        type=_range,
        action="append",
        default=[],
        metavar="AAAA-MM-JJ:AAAA-MM-JJ",
        help="fermeture de l'entreprise, à répéter",
    )
    p.add_argument(
        "--unavailable",
        type=_unavailable,
        action="append",
        default=[],
        metavar="FORMATEUR:AAAA-MM-JJ:AAAA-MM-JJ",
        help="indisponibilité d'un formateur (son identifiant, ex. F1), à répéter",
    )
    p.add_argument(
        "--start-from",
        type=_date,
        metavar="AAAA-MM-JJ",
        help="replanifie à partir de ce jour : les séances du dossier avant ce "
        "jour sont conservées telles quelles",
    )
    p.set_defaults(handler=run_plan)


def _options(args, dossier):
    from parcours.domain.planning import PlanOptions

    unknown = sorted({t for t, _ in args.unavailable} - {t.id for t in dossier.trainers})
    if unknown:
        known = ", ".join(t.id for t in dossier.trainers) or "aucun"
        raise ValueError(
            f"formateur inconnu : {', '.join(unknown)} (formateurs du dossier : {known})"
        )
    unavailability: dict[str, list[DateRange]] = defaultdict(list)
    for trainer, period in args.unavailable:
        unavailability[trainer].append(period)
    extra = {}
    if args.weekdays:
        extra["weekdays"] = args.weekdays
    if args.half_day:
        extra["half_days"] = tuple(args.half_day)
    keep = ()
    if args.start_from:
        keep = tuple(s for s in dossier.sessions if s.date < args.start_from)
    return PlanOptions(
        rhythm=Rhythm(args.rhythm),
        region=Region(args.region),
        max_daily_hours=args.max_daily_hours,
        closures=tuple(args.closure),
        trainer_unavailability={t: tuple(r) for t, r in unavailability.items()},
        keep=keep,
        start_from=args.start_from,
        **extra,
    )


def run_plan(args) -> int:
    from parcours.cli import os_error, read_dossier
    from parcours.domain.loading import dump_dossier
    from parcours.domain.planning import Infeasible, InvalidOptions, apply_plan, plan

    dossier = read_dossier(args.file)
    if dossier is None:
        return EXIT_INVALID
    try:
        options = _options(args, dossier)
    except (InvalidOptions, ValueError) as exc:
        print(f"parcours plan : {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        result = plan(dossier, options)
    except Infeasible as exc:
        print(f"Aucun planning possible pour {args.file.name} :")
        for reason in exc.reasons:
            print(f"  - {reason}")
        return EXIT_INFEASIBLE
    planned = apply_plan(dossier, result)
    try:
        args.output.write_text(dump_dossier(planned) + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"{args.output} : écriture impossible ({os_error(exc)})", file=sys.stderr)
        return EXIT_INVALID
    print(summary(planned, result, options, args.output))
    return EXIT_OK


def summary(dossier, result, options, output: Path) -> str:
    """The plan in a few French lines: sessions, hours per module, what the rules still say."""
    from parcours.domain import text
    from parcours.domain.rules import Severity, check

    hours: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for s in result.sessions:
        hours[s.module] += s.hours
        count[s.module] += 1
    lines = [
        f"{len(result.sessions)} séances planifiées ({RHYTHM_LABELS[options.rhythm]}, "
        f"jours fériés : {REGION_LABELS[options.region]}) → {output}",
    ]
    if result.sessions:
        first, last = result.sessions[0].date, result.sessions[-1].date
        lines[0] += f", {text.period(first, last)}"
    for module in dossier.modules:
        if count.get(module.id):
            lines.append(
                f"  {module.id} {module.title} : {count[module.id]} séances, "
                f"{text.hours(hours[module.id])} sur {text.hours(module.hours)}"
            )
    findings = check(dossier).findings
    blocking = sum(f.severity == Severity.BLOQUANT for f in findings)
    alerts = sum(f.severity == Severity.ALERTE for f in findings)
    lines.append(f"Points restants au dossier : {blocking} bloquant(s), {alerts} alerte(s).")
    lines.extend(f"  [{f.rule}] {f.message}" for f in findings if f.severity != Severity.INFO)
    return "\n".join(lines)
