"""The training sessions and reviews of dossiers as an iCalendar (RFC 5545) calendar, for
the agenda apps of phones and computers (Google Agenda, Apple Calendrier, Outlook).

One VEVENT per session: its UID is the dossier's key and the session's id, so that a
calendar fetched again updates its events instead of duplicating them. A session with
times is timed in the dossier's time zone (Europe/Paris, or the overseas department's),
written as TZID with a VTIMEZONE built from yearly rules, which every agenda app reads;
a session without times is an all-day event. Reviews (« bilans ») are all-day events.
Pure: no Django, no clock unless `stamp` is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

import icalendar

from parcours.domain import text
from parcours.domain.dossier import Dossier, Modality, Module, Review, ReviewKind, Session

PARIS = "Europe/Paris"
# Overseas departments by the first three digits of the postal code (mainland and
# Alsace-Moselle are on Paris time).
OVERSEAS_ZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "976": "Indian/Mayotte",
}
PRODID = "-//parcours//Calendrier des formations//FR"
REFRESH = dt.timedelta(hours=6)  # how often a subscribed agenda app should fetch again
MODALITY_TEXT = {
    Modality.EXTERNE: "formation externe, chez l'organisme de formation",
    Modality.INTERNE: "formation interne, dans l'entreprise",
    Modality.DISTANCE: "formation à distance",
    Modality.AFEST: "formation en situation de travail (AFEST), dans l'entreprise",
    Modality.EVALUATION: "évaluation",
}
# Sessions run inside the company, by one of its trainers.
INTERNAL_MODALITIES = frozenset({Modality.INTERNE, Modality.AFEST})
REVIEW_TITLES = {ReviewKind.SUIVI: "Bilan de suivi", ReviewKind.FINAL: "Bilan final"}


@dataclass(frozen=True)
class Selection:
    """The part of one dossier that goes into a calendar.

    `key` prefixes the UIDs and must not change for the dossier (e.g. "dossier-42");
    `trainers`: only the sessions one of these trainer ids runs (None: every session);
    `internal_only`: only the sessions run inside the company (interne or AFEST modules,
    or any session naming a trainer), for a trainer whose id is not known, but none run by
    `other_trainers` (the ids known to be other people);
    `reviews`: the bilans too; `name_learner`: titles name the learner (a calendar mixing
    several learners' contracts)."""

    key: str
    dossier: Dossier
    trainers: frozenset[str] | None = None
    internal_only: bool = False
    other_trainers: frozenset[str] = frozenset()
    reviews: bool = True
    name_learner: bool = False


def timezone_of(dossier: Dossier) -> str:
    """The time zone the company's times are written in: an overseas department's from the
    postal code of the company's address, Paris otherwise."""
    codes = re.findall(r"\b(\d{5})\b", dossier.company.address)
    return OVERSEAS_ZONES.get(codes[-1][:3], PARIS) if codes else PARIS


def session_trainer(dossier: Dossier, session: Session) -> str | None:
    """Who runs the session: the session's own trainer, else its module's."""
    if session.trainer:
        return session.trainer
    module = dossier.module(session.module)
    return module.trainer if module else None


def is_internal(dossier: Dossier, session: Session) -> bool:
    module = dossier.module(session.module)
    return bool(session.trainer) or (
        module is not None and (module.modality in INTERNAL_MODALITIES or bool(module.trainer))
    )


def selected_sessions(selection: Selection) -> list[Session]:
    """The selection's sessions, by date and time; none after a rupture of the contract."""
    d = selection.dossier
    kept = [
        s
        for s in d.sessions
        if (selection.trainers is None or session_trainer(d, s) in selection.trainers)
        and (not selection.internal_only or is_internal(d, s))
        and session_trainer(d, s) not in selection.other_trainers
        and (d.rupture is None or s.date <= d.rupture.date)
    ]
    return sorted(kept, key=lambda s: (s.date, s.start_time or dt.time(0), s.id))


def _uid(key: str, kind: str, item_id: str, domain: str) -> str:
    return f"{quote(key, safe='')}-{kind}-{quote(item_id, safe='')}@{domain}"


def _clock(t: dt.time) -> str:
    return f"{t.hour}\u00a0h\u00a0{t.minute:02d}"


def span(session: Session, zone: str) -> tuple[dt.datetime, dt.datetime] | None:
    """The session's start and end in `zone`, from its times (one missing: from the other
    and the hours); None when it has no times (an all-day event)."""
    if session.start_time is None and session.end_time is None:
        return None
    tz, length = ZoneInfo(zone), dt.timedelta(hours=session.hours)
    if session.start_time is not None:
        start = dt.datetime.combine(session.date, session.start_time, tz)
        end = dt.datetime.combine(session.date, session.end_time, tz) if session.end_time else None
        if end is None or end <= start:
            end = start + length
    else:
        end = dt.datetime.combine(session.date, session.end_time, tz)
        start = end - length
    return start, end


def learner_name(dossier: Dossier) -> str:
    if dossier.learner is None:
        return "salarié à recruter"
    return f"{dossier.learner.first_name} {dossier.learner.last_name}"


def _location(dossier: Dossier, module: Module | None) -> str:
    company = f"{dossier.company.name}, {dossier.company.address}"
    if module is None:
        return company
    if module.modality == Modality.DISTANCE:
        return f"À distance ({module.provider})" if module.provider else "À distance"
    if module.modality == Modality.EXTERNE or (
        module.provider and module.modality not in INTERNAL_MODALITIES
    ):
        return module.provider or "Organisme de formation"
    return company


def _session_description(dossier: Dossier, session: Session, timed: bool) -> str:
    module = dossier.module(session.module)
    lines = [f"Module {session.module} : {module.title}" if module and module.title else
             f"Module {session.module}"]  # fmt: skip
    if module and module.modality:
        lines.append(f"Modalité : {MODALITY_TEXT[module.modality]}")
    trainer = dossier.trainer(session_trainer(dossier, session))
    if trainer:
        lines.append(f"Formateur : {trainer.name}")
    if module and module.provider:
        lines.append(f"Organisme de formation : {module.provider}")
    if timed and session.start_time and session.end_time:
        times = f"{_clock(session.start_time)} – {_clock(session.end_time)}"
        lines.append(f"Horaires : {times} ({text.hours(session.hours)})")
    else:
        lines.append(f"Durée : {text.hours(session.hours)}")
    lines.append(f"Salarié : {learner_name(dossier)}")
    lines.append(
        f"Contrat de professionnalisation : {dossier.contract.job_title}, {dossier.company.name}"
    )
    if dossier.reference:
        lines.append(f"Dossier OPCO n° {dossier.reference}")
    return "\n".join(lines)


def _title(base: str, selection: Selection) -> str:
    return f"{base} ({learner_name(selection.dossier)})" if selection.name_learner else base


def _all_day(event: icalendar.Event, day: dt.date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))


def session_event(
    selection: Selection, session: Session, *, stamp: dt.datetime, uid_domain: str
) -> icalendar.Event:
    d = selection.dossier
    module = d.module(session.module)
    title = module.title if module and module.title else f"module {session.module}"
    event = icalendar.Event()
    event.add("uid", _uid(selection.key, "seance", session.id, uid_domain))
    event.add("dtstamp", stamp)
    times = span(session, timezone_of(d))
    if times:
        event.add("dtstart", times[0])
        event.add("dtend", times[1])
    else:
        _all_day(event, session.date)
    event.add("summary", _title(f"Formation : {title}", selection))
    event.add("location", _location(d, module))
    event.add("description", _session_description(d, session, times is not None))
    event.add("categories", ["Formation"])
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def review_event(
    selection: Selection, review: Review, day: dt.date, *, stamp: dt.datetime, uid_domain: str
) -> icalendar.Event:
    d = selection.dossier
    title = REVIEW_TITLES[review.kind]
    event = icalendar.Event()
    event.add("uid", _uid(selection.key, "bilan", review.id, uid_domain))
    event.add("dtstamp", stamp)
    _all_day(event, day)
    event.add("summary", _title(title, selection))
    event.add("location", f"{d.company.name}, {d.company.address}")
    who = f" et de son tuteur, {d.tutor.name}" if d.tutor else ""
    event.add(
        "description",
        f"{title} du contrat de professionnalisation de {learner_name(d)}{who} "
        f"({d.contract.job_title}, {d.company.name}).",
    )
    event.add("categories", ["Bilan"])
    event.add("transp", "TRANSPARENT")
    return event


def events(
    selection: Selection, *, stamp: dt.datetime, uid_domain: str = "parcours"
) -> list[icalendar.Event]:
    """The VEVENTs of one selection: its sessions, then its reviews."""
    found = [
        session_event(selection, s, stamp=stamp, uid_domain=uid_domain)
        for s in selected_sessions(selection)
    ]
    if selection.reviews:
        rupture = selection.dossier.rupture
        for review in selection.dossier.reviews:
            day = review.held_date or review.planned_date
            if day and (rupture is None or day <= rupture.date):
                found.append(
                    review_event(selection, review, day, stamp=stamp, uid_domain=uid_domain)
                )
    return found


def vtimezone(zone: str) -> icalendar.Timezone:
    """A VTIMEZONE written with yearly rules (RRULE), as the agenda apps write them
    themselves: Paris follows the European summer time (last Sunday of March and of
    October since 1996); the overseas departments keep one offset all year."""
    tz = icalendar.Timezone()
    tz.add("tzid", zone)
    tz.add("x-lic-location", zone)
    if zone == PARIS:
        parts = (
            ("DAYLIGHT", "CEST", 1, 2, dt.datetime(1970, 3, 29, 2), 3),
            ("STANDARD", "CET", 2, 1, dt.datetime(1970, 10, 25, 3), 10),
        )
        for kind, name, before, after, start, month in parts:
            part = (
                icalendar.TimezoneDaylight() if kind == "DAYLIGHT" else icalendar.TimezoneStandard()
            )
            part.add("tzname", name)
            part.add("tzoffsetfrom", dt.timedelta(hours=before))
            part.add("tzoffsetto", dt.timedelta(hours=after))
            part.add("dtstart", start)
            part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
            tz.add_component(part)
        return tz
    sample = dt.datetime(2026, 1, 1, 12, tzinfo=ZoneInfo(zone))
    part = icalendar.TimezoneStandard()
    part.add("tzname", sample.tzname())
    part.add("tzoffsetfrom", sample.utcoffset())
    part.add("tzoffsetto", sample.utcoffset())
    part.add("dtstart", dt.datetime(1970, 1, 1))
    tz.add_component(part)
    return tz


def calendar(
    selections: Iterable[Selection],
    *,
    title: str,
    description: str | None = None,
    stamp: dt.datetime | None = None,
    uid_domain: str = "parcours",
) -> icalendar.Calendar:
    """One calendar holding the events of several selections (a person named on several
    contracts), with a VTIMEZONE for every zone the timed events use."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    selections = list(selections)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", title)
    cal.add("x-wr-calname", title)
    if description:
        cal.add("description", description)
        cal.add("x-wr-caldesc", description)
    zones = sorted({timezone_of(s.dossier) for s in selections}) or [PARIS]
    cal.add("x-wr-timezone", zones[0] if len(zones) == 1 else PARIS)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vText("PT6H"))
    found = [e for s in selections for e in events(s, stamp=stamp, uid_domain=uid_domain)]
    used = {e["dtstart"].dt.tzinfo.key for e in found if isinstance(e["dtstart"].dt, dt.datetime)}
    for zone in sorted(used):
        cal.add_component(vtimezone(zone))
    for event in found:
        cal.add_component(event)
    return cal


def dossier_calendar(
    dossier: Dossier,
    *,
    title: str,
    key: str | None = None,
    only_trainer: str | Collection[str] | None = None,
    reviews: bool = True,
    stamp: dt.datetime | None = None,
    uid_domain: str = "parcours",
) -> icalendar.Calendar:
    """One dossier's sessions (only those `only_trainer` runs, when given) and reviews."""
    trainers = (
        None
        if only_trainer is None
        else frozenset({only_trainer} if isinstance(only_trainer, str) else only_trainer)
    )
    selection = Selection(
        key=key or f"dossier-{dossier.reference or 'sans-numero'}",
        dossier=dossier,
        trainers=trainers,
        reviews=reviews,
    )
    return calendar([selection], title=title, stamp=stamp, uid_domain=uid_domain)
