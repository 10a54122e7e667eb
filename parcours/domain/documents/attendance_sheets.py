"""The papers of attendance: the feuilles d'émargement (one per module and calendar month)
and the certificat de réalisation (the hours the learner's émargement proves).

A line émargée electronically prints what its record holds (signer, date and time in
Paris, how, its place in the chain and a short hash) so that a controller can look it up
with `parcours verify-attendance`; a line without a record is left blank, to be signed by
hand. Nothing is ever printed as signed that the dossier cannot show.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from zoneinfo import ZoneInfo

from parcours.domain import text
from parcours.domain.documents.blocks import (
    Block,
    Cell,
    Fields,
    Filled,
    Heading,
    Inline,
    PageBreak,
    Paper,
    RunningTitle,
    Signatures,
    Table,
    p,
)
from parcours.domain.documents.common import (
    BLANK,
    MODALITY,
    city,
    date,
    header,
    learner_name,
    module_people,
    siret,
)
from parcours.domain.dossier import (
    AttendanceRecord,
    Dossier,
    Modality,
    Module,
    Presence,
    Session,
    Signer,
    SigningMethod,
)
from parcours.domain.figures import Figures

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
METHODS = {
    SigningMethod.ACCOUNT: "depuis son compte",
    SigningMethod.TABLET: "sur tablette (signature dessinée)",
    SigningMethod.LINK: "par lien à usage unique",
    SigningMethod.PROVIDER_SHEET: "feuille du prestataire",
    SigningMethod.DECLARED: "absence déclarée",
}
SHORT_HASH = 10
# The trainer signs each session of these modules (the attendance backend asks it to).
TRAINER_SIGNS = frozenset({Modality.INTERNE, Modality.AFEST})
# These are run by an outside organisation, which has the learner sign its own sheet.
PROVIDER_SIGNS = frozenset({Modality.EXTERNE, Modality.DISTANCE})

# Rows for sessions not dated yet: one per half day (3.5 h) of the month's share of the
# module's unplanned hours, at least SPARE_ROWS, and no more than a page holds.
HALF_DAY_HOURS = 3.5
SPARE_ROWS = 2
ROWS_PER_PAGE = 7
HAND = "……………………………"  # a line to fill in by hand
HAND_DATE = "……\u00a0/\u00a0……\u00a0/\u00a0………"


# Small French formats -------------------------------------------------------------------


def weekday_date(day: dt.date) -> str:
    """'mardi 02/03/2027'."""
    return f"{WEEKDAYS[day.weekday()]} {date(day)}"


def clock(t: dt.time) -> str:
    """'09 h 00' (no-break spaces: a time is never split over two lines)."""
    return f"{t.hour:02d}\u00a0h\u00a0{t.minute:02d}"


def session_times(s: Session) -> str:
    if s.start_time and s.end_time:
        return f"{clock(s.start_time)} – {clock(s.end_time)}"
    return ""


def moment(value: dt.datetime) -> str:
    """An aware date-time in Paris time: '02/03/2027 à 09 h 02'."""
    local = value.astimezone(PARIS)
    return f"{date(local.date())} à {clock(local.time())}"


def short_hash(record: AttendanceRecord) -> str:
    return record.hash[:SHORT_HASH]


def record_cell(record: AttendanceRecord, session: Session) -> Filled:
    """What a signer's line shows once recorded: who, when, how, which record."""
    if record.presence == Presence.ABSENT:
        lines = ["Absent(e)", record.signer_name]
        if record.absence_reason:
            lines.insert(1, f"motif : {record.absence_reason}")
    else:
        name = record.signer_name
        if record.hours is not None and record.hours != session.hours:
            name += f" ({text.hours(record.hours)} suivies)"
        lines = [name]
    how = METHODS[record.method]
    if record.recorded_by and record.recorded_by != record.signer_name:
        how += (" par " if record.method == SigningMethod.DECLARED else ", saisie par ") + (
            record.recorded_by
        )
    lines += [f"le {moment(record.signed_at)}", how,
              f"n° {record.seq} · empreinte {short_hash(record)}"]  # fmt: skip
    return Filled("\n".join(lines))


def _records(d: Dossier) -> dict[tuple[str, Signer], AttendanceRecord]:
    """The first record of each (session, signer), as `derive_sessions` reads them."""
    found: dict[tuple[str, Signer], AttendanceRecord] = {}
    for r in d.attendance:
        found.setdefault((r.session, r.signer), r)
    return found


def agreement_text(d: Dossier) -> Inline:
    if d.agreement:
        return Filled(f"n° {d.agreement.number} du {date(d.agreement.date)}")
    return f"n° {BLANK} du\u00a0{HAND_DATE}"


def reference_text(d: Dossier) -> Inline:
    return Filled(d.reference) if d.reference else HAND


# Feuilles d'émargement ------------------------------------------------------------------


def _month_key(m: Module, year: int, month: int) -> str:
    return f"{m.id}-{year}-{month:02d}"


def module_sessions(d: Dossier, m: Module) -> list[Session]:
    return sorted(
        (s for s in d.sessions if s.module == m.id),
        key=lambda s: (s.date, s.start_time or dt.time.min),
    )


def unplanned_hours(d: Dossier, m: Module) -> float:
    """The module's hours no session holds yet."""
    if m.dispensed or m.modality is None:
        return 0.0
    return max(0.0, m.hours - sum(s.hours for s in d.sessions if s.module == m.id))


def planned_days(d: Dossier, f: Figures, m: Module) -> list[dt.date]:
    """The days the module is planned on: its séquence's calendar when it has one,
    otherwise every working day between its start and end."""
    if m.dispensed or m.modality is None:
        return []
    calendar = sorted({day for s in d.sequences_of(m.id) for day in s.calendar})
    return calendar or list(f.module_working_days(m))


def planned_month_hours(f: Figures, m: Module, year: int, month: int) -> float:
    """The module's hours falling in that month when spread evenly over its working days
    (RULES.md's monthly distribution)."""
    days = f.module_working_days(m)
    in_month = sum(1 for day in days if (day.year, day.month) == (year, month))
    return m.hours * in_month / len(days) if days else 0.0


def _months_of(d: Dossier, f: Figures, m: Module) -> list[tuple[int, int]]:
    """The months of the module's sessions, and while hours are left to plan, the months
    it is planned over (their sheets have rows to date by hand)."""
    months = {(s.date.year, s.date.month) for s in d.sessions if s.module == m.id}
    if unplanned_hours(d, m) > 0:
        months |= {(day.year, day.month) for day in planned_days(d, f, m)}
    return sorted(months)


def emargement_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    """One file per module: its monthly feuilles d'émargement, one page per month."""
    out = []
    for m in d.modules:
        months = _months_of(d, f, m)
        if months:
            first, last = text.month(*months[0]), text.month(*months[-1])
            span = first if len(months) == 1 else f"{first} à {last}"
            out.append((m.id, f"Module {m.id}, {len(months)} feuille(s) mensuelle(s) : {span}"))
    return out


def emargement_months(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    """The monthly sheets one by one (M1-2027-03…), for printing a single month."""
    return [
        (_month_key(m, year, month), f"Module {m.id}, {text.month(year, month)}")
        for m in d.modules
        for year, month in _months_of(d, f, m)
    ]


def emargement_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    """`key` is a module (M1: every month of it, one page each) or one month (M1-2027-03)."""
    if key.count("-") >= 2:
        module_id, year, month = key.rsplit("-", 2)
        m, months = d.module(module_id), [(int(year), int(month))]
    else:
        m = d.module(key)
        months = _months_of(d, f, m)
    # Every page says which module and month it is for: the subtitle on the first page
    # (as on a single sheet, so that a long month still fits), a heading on the others.
    title = "Feuille d'émargement" if len(months) == 1 else "Feuilles d'émargement"
    subtitle = f"Module {m.id} – {text.month(*months[0])}"
    records = _records(d)
    blocks: list[Block] = []
    for i, (year, month) in enumerate(months):
        if i:
            blocks.append(PageBreak())
            blocks.append(Heading(f"Module {m.id} – {text.month(year, month)}"))
        # Each page names its sheet, a month's second page too.
        blocks.append(RunningTitle(f"Émargement {m.id} – {text.month(year, month)}"))
        blocks.extend(_month_sheet(d, f, m, year, month, records))
    return Paper(title, subtitle, header(d), tuple(blocks))


def _sheet_header(d: Dossier, m: Module, year: int, month: int) -> Fields:
    return Fields(
        (
            ("Entreprise", Filled(f"{d.company.name} (SIRET {siret(d.company.siret)})")),
            ("Salarié apprenant", Filled(learner_name(d))),
            ("Module", Filled(f"{m.id} – {m.title}")),
            ("Modalité", Filled(MODALITY.get(m.modality, "—") if m.modality else "—")),
            ("Formateur / organisme", Filled(module_people(d, m))),
            ("Mois", Filled(text.month(year, month))),
            (f"N° de dossier {d.opco.name}", reference_text(d)),
            ("Accord de prise en charge", agreement_text(d)),
        ),
        columns=2,
    )


def _second_column(d: Dossier, m: Module) -> str | None:
    """The header of the column beside the learner's, or None for an outside provider."""
    if m.modality in PROVIDER_SIGNS:
        return None
    if m.modality == Modality.EVALUATION:
        return "Signature de l'évaluateur"
    return "Signature du formateur"


def _who_signs(d: Dossier, m: Module) -> str:
    if m.modality in PROVIDER_SIGNS:
        provider = m.provider or "L'organisme de formation"
        return (
            f"{MODALITY[m.modality]} : {provider} fait signer sa propre feuille d'émargement "
            "(stagiaire et formateur) à chaque séance et la remet à l'entreprise. Cette feuille "
            "récapitule la présence du salarié, séance par séance."
        )
    if m.modality in TRAINER_SIGNS:
        return (
            "Le salarié et le formateur émargent chaque séance : à la main dans la case, ou "
            "en ligne (parcours), auquel cas la case montre l'enregistrement."
        )
    return "Le salarié émarge chaque séance, à la main dans la case ou en ligne (parcours)."


def _month_sheet(d: Dossier, f: Figures, m: Module, year: int, month: int, records):
    yield _sheet_header(d, m, year, month)
    second = _second_column(d, m)
    sessions = [s for s in module_sessions(d, m) if (s.date.year, s.date.month) == (year, month)]
    dated = {s.date for s in sessions}
    left = unplanned_hours(d, m)
    calendar = (
        sorted({day for q in d.sequences_of(m.id) for day in q.calendar
                if (day.year, day.month) == (year, month) and day not in dated})
        if left > 0 else []
    )  # fmt: skip
    month_hours = planned_month_hours(f, m, year, month)
    scheduled = sum(s.hours for s in sessions)
    missing = min(left, max(0.0, month_hours - scheduled))
    blank = max(SPARE_ROWS, math.ceil(round(missing / HALF_DAY_HOURS, 6)) - len(calendar))
    blank = min(blank, max(SPARE_ROWS, ROWS_PER_PAGE - len(sessions) - len(calendar)))

    notes = [_who_signs(d, m)]
    if not sessions and not calendar:
        notes.append(
            "Aucune séance n'est encore datée : inscrivez la date, les horaires et la durée de "
            f"chaque séance. Heures prévues ce mois-ci : {text.hours(month_hours)} (réparties "
            "sur les jours ouvrés du module, jours fériés exclus)."
        )
    elif calendar:
        notes.append(
            "Les dates sans horaires sont celles que la séquence pédagogique prévoit et "
            "qu'aucune séance ne tient encore ; les lignes vides servent aux séances non "
            "planifiées."
        )
    else:
        notes.append("Les lignes vides servent aux séances non planifiées.")
    notes.append(
        f"Durée du module : {text.hours(m.hours)}, dont {text.hours(left)} restant à planifier."
        if left > 0
        else f"Durée du module : {text.hours(m.hours)}, entièrement planifiée."
    )
    yield p(" ".join(notes), style="note")

    def row(*cells: Cell) -> tuple[Cell, ...]:
        return cells if second else cells[:-1]

    rows: list[tuple[Cell, ...]] = []
    for s in sessions:
        learner = records.get((s.id, Signer.LEARNER))
        trainer = records.get((s.id, Signer.TRAINER))
        module = m.id
        if s.trainer and s.trainer != m.trainer and (t := d.trainer(s.trainer)):
            module = f"{m.id}\n{t.name}"
        rows.append(
            row(weekday_date(s.date), session_times(s), text.hours(s.hours), module,
                record_cell(learner, s) if learner else "",
                record_cell(trainer, s) if trainer and second else "")
        )  # fmt: skip
    rows += [row(weekday_date(day), "", "", m.id, "", "") for day in calendar]
    rows += [row("", "", "", m.id, "", "") for _ in range(blank)]

    present = [
        r for s in sessions if (r := records.get((s.id, Signer.LEARNER)))
        and r.presence == Presence.PRESENT
    ]  # fmt: skip
    done = sum(r.hours if r.hours is not None else _hours(d, r.session) for r in present)
    learner_total = f"{text.hours(done)} de présence enregistrée" if present else ""
    headers = ("Date", "Horaires", "Durée", "Module", "Signature du salarié", second or "")
    yield Table(
        row(*headers),
        tuple(rows),
        widths=(17, 12, 8, 9, 27, 27) if second else (18, 13, 8, 9, 52),
        footer=row(
            "Total du mois", "", text.hours(scheduled) if sessions else "", "", learner_total, ""
        ),  # fmt: skip
        numeric=(2,),
        signing=True,
    )
    yield p(
        "Émargement en ligne : chaque case remplie par parcours reprend un enregistrement "
        "horodaté à l'heure de Paris (signataire, moyen, numéro d'ordre), chaîné aux "
        "précédents par une empreinte SHA-256 dont les 10 premiers caractères sont imprimés. "
        "La commande « parcours verify-attendance » recalcule la chaîne, sur l'export du "
        "dossier ou sur la base, et nomme tout enregistrement modifié, supprimé ou déplacé.",
        style="note",
    )
    yield Signatures(
        (("Le tuteur", d.tutor.name if d.tutor else "", False),
         ("L'Entreprise (cachet)", d.company.representative.name, False)),
        compact=True,
        qualities=(d.tutor.job_title if d.tutor else "", d.company.representative.role),
    )  # fmt: skip


def _hours(d: Dossier, session_id: str) -> float:
    return next((s.hours for s in d.sessions if s.id == session_id), 0.0)


# Certificat de réalisation --------------------------------------------------------------


def issued_on(d: Dossier) -> dt.date:
    """The certificat's own date: the one the renderer is given (`as_of`), else today."""
    return d.as_of or dt.date.today()


def done_hours(s: Session) -> float:
    """Hours the learner's émargement proves: with records, the derived `attended_hours`
    (a present record's hours, 0 when absent, None without a record); a dossier without
    records keeps its file's figures (attended hours, else the session's when signed)."""
    if s.attended_hours is not None:
        return s.attended_hours
    return s.hours if s.learner_signed else 0.0


def _done_sessions(d: Dossier, on: dt.date) -> list[Session]:
    return [s for s in d.sessions if s.date <= on and done_hours(s) > 0]


def certificat_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if not d.sessions:
        return (
            "Aucune séance de formation n'est enregistrée : le certificat de réalisation "
            "atteste des heures effectivement suivies, il ne peut être établi qu'une fois les "
            "séances saisies avec leur émargement."
        )
    on = issued_on(d)
    if not _done_sessions(d, on):
        return (
            f"Aucune séance n'est encore émargée par le salarié au {date(on)} : le certificat "
            "de réalisation n'atteste que des heures prouvées par l'émargement ; il pourra être "
            "établi dès la première séance émargée."
        )
    return None


def certificat_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    on = issued_on(d)
    done_sessions = _done_sessions(d, on)
    done: dict[str, float] = defaultdict(float)
    scheduled: dict[str, float] = defaultdict(float)
    for s in d.sessions:
        scheduled[s.module] += s.hours
    for s in done_sessions:
        done[s.module] += done_hours(s)
    first = min(s.date for s in done_sessions)
    last = max(s.date for s in done_sessions)
    modules = [m for m in d.modules if not m.dispensed or scheduled.get(m.id)]
    rows = tuple(
        (f"{m.id} – {m.title}", MODALITY.get(m.modality, "—") if m.modality else "—",
         text.hours(m.hours), text.hours(scheduled.get(m.id, 0)),
         text.hours(done.get(m.id, 0)))
        for m in modules
    )  # fmt: skip
    total_done = sum(done.values())
    rep, c = d.company.representative, d.contract
    end = c.end_date or c.action_end
    from_records = bool(d.attendance)
    blocks = (
        Fields(
            (
                ("Entreprise", Filled(f"{d.company.name} (SIRET {siret(d.company.siret)})")),
                ("Salarié apprenant", Filled(learner_name(d))),
                ("Contrat", Filled(f"{c.type.value} {text.period(c.start_date, end)}")),
                (f"N° de dossier {d.opco.name}", reference_text(d)),
                ("Accord de prise en charge", agreement_text(d)),
                ("Date d'émission", Filled(date(on))),
            )
        ),  # fmt: skip
        p(
            "Je soussigné(e) ",
            Filled(rep.name),
            ", ",
            Filled(rep.role),
            " de l'entreprise ",
            Filled(d.company.name),
            ", atteste que ",
            Filled(learner_name(d)),
            ", salarié(e) de l'entreprise en contrat de professionnalisation expérimental, a "
            "suivi l'action de formation « ",
            Filled(d.contract.job_title),
            " » ",
            Filled(text.period(first, last)),
            " pour une durée réalisée de ",
            Filled(text.hours(total_done)),
            " au ",
            Filled(date(on)),
            ".",
        ),  # fmt: skip
        p(
            "Nature de l'action : action de formation (article L. 6313-1 du code du travail).",
            style="note",
        ),  # fmt: skip
        Heading("Heures prévues et réalisées par module"),
        Table(
            (
                "Module",
                "Modalité",
                "Prévues au parcours",
                "Programmées en séances",
                "Réalisées (émargées)",
            ),
            rows,
            widths=(36, 17, 15, 17, 15),
            footer=(
                "Total",
                "",
                text.hours(sum(m.hours for m in modules)),
                text.hours(sum(scheduled.get(m.id, 0) for m in modules)),
                text.hours(total_done),
            ),
            numeric=(2, 3, 4),
        ),  # fmt: skip
        p(
            "Heures réalisées : celles des séances émargées par le salarié jusqu'au "
            f"{date(on)} inclus"
            + (
                " (enregistrements d'émargement de parcours, présence attestée ; une absence "
                "compte zéro heure)."
                if from_records
                else ", d'après les feuilles d'émargement reportées au dossier."
            )
            + " Heures programmées : séances inscrites au calendrier, passées ou à venir.",
            style="note",
        ),
        p("Fait à ", Filled(city(d.company.address)), ", le ", Filled(date(on)), "."),
        Signatures(
            (("Pour l'Entreprise (signature et cachet)", rep.name, False),), qualities=(rep.role,)
        ),  # fmt: skip
    )
    return Paper("Certificat de réalisation", "Formations suivies", header(d), blocks)
