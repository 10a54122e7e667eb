"""The parcours month by month: the planning grid of the parcours paper (annexe 2) and the
planning calendar annex (every session, month by month).

The grid shows the alternance at a glance: one row per module, one column per month of the
action, the module's training hours in that month (from the sessions when the dossier has
them, else the module's hours spread over its working days, as the ALT rules count them);
a month without any training hour reads « — ».
"""

from __future__ import annotations

from collections import defaultdict

from parcours.domain import text
from parcours.domain.calendar import calendar_months, working_days_per_month
from parcours.domain.documents.blocks import Block, Fields, Filled, Heading, Paper, Table, p
from parcours.domain.documents.common import MODALITY, header, learner_name
from parcours.domain.dossier import Dossier
from parcours.domain.figures import Figures

MONTHS_PER_TABLE = 12
ABBREVIATIONS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                 "oct.", "nov.", "déc.")  # fmt: skip


def month_label(ym: tuple[int, int]) -> str:
    return f"{ABBREVIATIONS[ym[1] - 1]} {ym[0] % 100:02d}"


def module_months(d: Dossier, f: Figures) -> dict[str, dict[tuple[int, int], float]]:
    """Training hours per module and calendar month."""
    out: dict[str, dict[tuple[int, int], float]] = defaultdict(lambda: defaultdict(float))
    if d.sessions:
        for s in d.sessions:
            out[s.module][s.date.year, s.date.month] += s.hours
        return out
    subdivision = f.params.holiday_subdivision
    for module, count in f.spread_modules:
        for ym, days in working_days_per_month(module.start, module.end, subdivision):
            out[module.id][ym] += module.hours * days / count
    return out


def _hours(value: float) -> str:
    return text.number(round(value, 1), 1) if value > 0.05 else ""


def planning_grid(d: Dossier, f: Figures) -> list[Block]:
    """The grid, a table per 12 months (a landscape page holds them legibly)."""
    c = d.contract
    months = list(calendar_months(c.action_start, c.action_end))
    per_module = module_months(d, f)
    modules = [m for m in d.modules if not m.dispensed and m.id in per_module]
    out: list[Block] = []
    tables = -(-len(months) // MONTHS_PER_TABLE)
    size = -(-len(months) // tables) if months else MONTHS_PER_TABLE  # 13 months: 7 + 6
    for start in range(0, len(months), size):
        chunk = months[start : start + size]
        rows = tuple(
            (f"{m.id} – {m.title}", *(_hours(per_module[m.id].get(ym, 0.0)) for ym in chunk))
            for m in modules
        )
        totals = [sum(per_module[m.id].get(ym, 0.0) for m in modules) for ym in chunk]
        label_width = 100 - 6 * len(chunk)
        out.append(
            Table(
                ("Module", *(month_label(ym) for ym in chunk)),
                rows,
                widths=(label_width, *(6,) * len(chunk)),
                footer=("Heures de formation du mois", *(_hours(t) or "—" for t in totals)),
                numeric=tuple(range(1, len(chunk) + 1)),
            )
        )
    out.append(
        p(
            "Heures de formation par mois"
            + (
                " (séances du calendrier)"
                if d.sessions
                else " (heures de chaque module réparties sur ses jours ouvrés)"
            )
            + " ; le reste du temps de travail se passe dans l'entreprise. Un mois sans "
            "formation est marqué « — » : l'alternance ne laisse pas plusieurs mois de suite "
            "sans formation.",
            style="note",
        )  # fmt: skip
    )
    return out


def calendar_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    """The planning calendar annex: the grid, then each month's sessions (date, times,
    module, hours) or, before the calendar is generated, each module's period."""
    blocks: list[Block] = [
        Fields(
            (
                ("Salarié apprenant", Filled(learner_name(d))),
                ("Emploi visé", Filled(d.contract.job_title)),
                (
                    "Action de formation",
                    Filled(text.period(d.contract.action_start, d.contract.action_end)),
                ),
                ("Heures de formation", Filled(text.hours(f.parcours_hours - f.facilitator_hours))),
            )
        ),  # fmt: skip
        Heading("Répartition mensuelle"),
        *planning_grid(d, f),
    ]
    if d.sessions:
        by_month: dict[tuple[int, int], list] = defaultdict(list)
        for s in sorted(d.sessions, key=lambda s: (s.date, s.start_time or 0)):
            by_month[s.date.year, s.date.month].append(s)
        blocks.append(Heading("Séances, mois par mois"))
        for (year, month), sessions in sorted(by_month.items()):
            blocks.append(Heading(text.month(year, month).capitalize(), 3))
            blocks.append(
                Table(
                    ("Date", "Horaires", "Module", "Modalité", "Durée"),
                    tuple(_session_row(d, s) for s in sessions),
                    widths=(16, 16, 40, 16, 12),
                    footer=("Total du mois", "", "", "",
                            text.hours(sum(s.hours for s in sessions))),
                    numeric=(4,),
                )
            )  # fmt: skip
    else:
        blocks.append(Heading("Périodes des modules"))
        blocks.append(
            Table(
                ("Module", "Modalité", "Durée", "Période"),
                tuple(
                    (f"{m.id} – {m.title}", MODALITY.get(m.modality, "—") if m.modality else "—",
                     text.hours(m.hours),
                     text.period(m.start, m.end) if m.start and m.end else "dates à fixer")
                    for m in d.modules if not m.dispensed
                ),
                widths=(44, 20, 10, 26),
                numeric=(2,),
            )
        )  # fmt: skip
        blocks.append(
            p(
                "Le calendrier des séances n'est pas encore établi : il se génère une fois le "
                "dossier accepté par l'OPCO.",
                style="note",
            )  # fmt: skip
        )
    return Paper("Calendrier de la formation", "Annexe de la convention de formation",
                 header(d), tuple(blocks), landscape=True)  # fmt: skip


def _session_row(d: Dossier, s) -> tuple[str, ...]:
    m = d.module(s.module)
    times = (
        f"{s.start_time:%H:%M}–{s.end_time:%H:%M}".replace(":", " h ")
        if s.start_time and s.end_time
        else "—"
    )
    return (
        text.date(s.date),
        times,
        f"{s.module} – {m.title}" if m else s.module,
        MODALITY.get(m.modality, "—") if m and m.modality else "—",
        text.hours(s.hours),
    )
