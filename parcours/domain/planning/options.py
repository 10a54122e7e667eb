"""What the planner is asked: the rhythm, the days and half-days, the region, the closures.

Every option has a French label for pages and messages. An impossible option (a half-day
that ends before it starts, no weekday at all…) raises `InvalidOptions`, a `ValueError`
with a French message naming it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from parcours.domain import text
from parcours.domain.dossier import Session

WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAY_ABBREVIATIONS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
WORKING_WEEK = frozenset(range(5))


class InvalidOptions(ValueError):
    """An option the planner cannot use, with a French message naming it."""


def minutes_of(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def time_of(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


@dataclass(frozen=True)
class HalfDay:
    """A half-day slot of training, e.g. « matin » 09:00–12:30 (3.5 h)."""

    label: str
    start: dt.time
    end: dt.time

    def __post_init__(self):
        if minutes_of(self.end) <= minutes_of(self.start):
            raise InvalidOptions(
                f"La demi-journée « {self.label} » se termine ({self.end:%H:%M}) avant "
                f"de commencer ({self.start:%H:%M})."
            )

    @property
    def minutes(self) -> int:
        return minutes_of(self.end) - minutes_of(self.start)

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class DateRange:
    """Days from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    def __post_init__(self):
        if self.end < self.start:
            raise InvalidOptions(
                f"La période du {text.date(self.start)} au {text.date(self.end)} se termine "
                "avant de commencer."
            )

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def days(self):
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)

    def __str__(self) -> str:
        if self.start == self.end:
            return f"le {text.date(self.start)}"
        return text.period(self.start, self.end)


class Rhythm(StrEnum):
    ONE_DAY_A_WEEK = "jour-par-semaine"
    TWO_DAYS_A_WEEK = "deux-jours-par-semaine"
    TWO_DAYS_A_FORTNIGHT = "deux-jours-par-quinzaine"
    ONE_WEEK_A_MONTH = "semaine-par-mois"


RHYTHM_LABELS = {
    Rhythm.ONE_DAY_A_WEEK: "un jour par semaine",
    Rhythm.TWO_DAYS_A_WEEK: "deux jours par semaine",
    Rhythm.TWO_DAYS_A_FORTNIGHT: "deux jours par quinzaine",
    Rhythm.ONE_WEEK_A_MONTH: "une semaine par mois",
}

# What each rhythm means, for help texts (the planner's constraints, in words).
RHYTHM_DESCRIPTIONS = {
    Rhythm.ONE_DAY_A_WEEK: "au plus un jour de formation par semaine (lundi à dimanche), "
    "de préférence le même jour chaque semaine",
    Rhythm.TWO_DAYS_A_WEEK: "au plus deux jours de formation par semaine, de préférence "
    "les deux mêmes jours chaque semaine",
    Rhythm.TWO_DAYS_A_FORTNIGHT: "au plus deux jours de formation par quinzaine (deux "
    "semaines comptées depuis la semaine du début de l'action)",
    Rhythm.ONE_WEEK_A_MONTH: "la formation de chaque mois regroupée dans une seule semaine "
    "de ce mois (jusqu'à tous les jours autorisés de cette semaine)",
}


class Region(StrEnum):
    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace-moselle"
    GUADELOUPE = "guadeloupe"
    MARTINIQUE = "martinique"
    GUYANE = "guyane"
    LA_REUNION = "la-reunion"
    MAYOTTE = "mayotte"


REGION_LABELS = {
    Region.METROPOLE: "France métropolitaine",
    Region.ALSACE_MOSELLE: "Alsace-Moselle",
    Region.GUADELOUPE: "Guadeloupe",
    Region.MARTINIQUE: "Martinique",
    Region.GUYANE: "Guyane",
    Region.LA_REUNION: "La Réunion",
    Region.MAYOTTE: "Mayotte",
}

# The subdivision `parcours.domain.calendar.public_holidays` knows each region by: mainland
# and Alsace-Moselle are computed there, the overseas departments come from `holidays`.
HOLIDAY_SUBDIVISIONS: dict[Region, str | None] = {
    Region.METROPOLE: None,
    Region.ALSACE_MOSELLE: "57",
    Region.GUADELOUPE: "971",
    Region.MARTINIQUE: "972",
    Region.GUYANE: "973",
    Region.LA_REUNION: "974",
    Region.MAYOTTE: "976",
}

DEFAULT_HALF_DAYS = (
    HalfDay("matin", dt.time(9, 0), dt.time(12, 30)),
    HalfDay("après-midi", dt.time(13, 30), dt.time(17, 0)),
)


def weekdays_text(weekdays) -> str:
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(weekdays))


def _enum(kind, value, unknown: str):
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(v.value for v in kind)
        raise InvalidOptions(f"{unknown.format(value)} ; possibles : {allowed}.") from None


@dataclass(frozen=True)
class PlanOptions:
    """How to plan: see RHYTHM_DESCRIPTIONS for the rhythms. `keep` are sessions kept as
    they are (their hours count, their half-days are taken); `start_from` plans only
    the remaining hours, from that day on."""

    rhythm: Rhythm = Rhythm.ONE_DAY_A_WEEK
    weekdays: frozenset[int] = WORKING_WEEK
    half_days: tuple[HalfDay, ...] = DEFAULT_HALF_DAYS
    max_daily_hours: float = 7.0
    region: Region = Region.METROPOLE
    trainer_unavailability: Mapping[str, tuple[DateRange, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    closures: tuple[DateRange, ...] = ()
    keep: tuple[Session, ...] = ()
    start_from: dt.date | None = None

    def __post_init__(self):
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731
        set_("rhythm", _enum(Rhythm, self.rhythm, "Rythme « {} » inconnu"))
        set_("region", _enum(Region, self.region, "Région « {} » inconnue"))
        weekdays = frozenset(self.weekdays)
        if not weekdays or not weekdays <= frozenset(range(7)):
            raise InvalidOptions(
                "Choisissez au moins un jour de formation dans la semaine (lundi à dimanche)."
            )
        set_("weekdays", weekdays)
        set_("half_days", _checked_half_days(self.half_days))
        if not 0 < self.max_daily_hours <= 24:
            raise InvalidOptions(
                "Le maximum d'heures de formation par jour doit être compris entre 0 et 24 h "
                f"(indiqué : {text.number(self.max_daily_hours)} h)."
            )
        set_(
            "trainer_unavailability",
            MappingProxyType({k: tuple(v) for k, v in dict(self.trainer_unavailability).items()}),
        )
        set_("closures", tuple(self.closures))
        set_("keep", tuple(self.keep))

    @property
    def max_daily_minutes(self) -> int:
        return round(self.max_daily_hours * 60)


def _checked_half_days(half_days) -> tuple[HalfDay, ...]:
    ordered = tuple(sorted(half_days, key=lambda h: minutes_of(h.start)))
    if not ordered:
        raise InvalidOptions("Indiquez au moins une demi-journée de formation (horaires).")
    for before, after in zip(ordered, ordered[1:], strict=False):
        if minutes_of(after.start) < minutes_of(before.end):
            raise InvalidOptions(
                f"Les demi-journées « {before.label} » ({before.start:%H:%M}–"
                f"{before.end:%H:%M}) et « {after.label} » ({after.start:%H:%M}–"
                f"{after.end:%H:%M}) se chevauchent."
            )
    return ordered
