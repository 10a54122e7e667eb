"""The « Retours d'expérience » figure of the OPCO's dashboard (guide action 5 ⑤): for each
party, how many would do such a parcours again (oui / non / peut-être). One aggregate query
over `LessonAnswer` (the answers' mirror), never the documents."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from parcours.domain.dashboard import Line, Table
from parcours.domain.dossier import LESSON_QUALITIES, AgainAnswer
from parcours.domain.lessons import AGAIN_LABELS, QUALITY_LABELS
from parcours.lessons.models import LessonAnswer
from parcours.portfolio.dashboard_history import _of

# A line counts answers, not dossiers, and the queue has no filter « answered oui »: no line
# links to a list (a link must list exactly the dossiers it counts); the note says where.


def lessons(dossiers: QuerySet, today: dt.date, whole: bool) -> Table:
    # An answer exists only on a completed or terminated dossier (never a draft): with
    # `whole`, every row is one of the portfolio's (`_of`).
    rows = (_of(LessonAnswer.objects.all(), dossiers, whole)
            .values_list("quality", "again").annotate(n=Count("pk")).order_by())  # fmt: skip
    got = {(quality, again): n for quality, again, n in rows}
    lines = []
    for q in LESSON_QUALITIES:
        values = tuple(got.get((q.value, a.value), 0) for a in AgainAnswer)
        lines.append(Line(QUALITY_LABELS[q], values, None))
    said = []
    for line in lines:
        total = sum(line.values)
        if total:
            parts = ", ".join(f"{n} {AGAIN_LABELS[a].lower()}" for a, n in
                              zip(AgainAnswer, line.values, strict=True))  # fmt: skip
            said.append(f"{line.label.lower()} : {parts}")
        else:
            said.append(f"{line.label.lower()} : aucun avis")
    joined = " ; ".join(said)
    alt = f"Referaient-ils un tel parcours ? {joined[0].upper()}{joined[1:]}."
    return Table(
        "retours",
        "Retours d'expérience : referaient-ils un tel parcours ?",
        ("Partie", *(AGAIN_LABELS[a] for a in AgainAnswer)),
        tuple(lines),
        alt,
        chart="stacked",
        note="Avis donnés à la fin des parcours achevés ou rompus, un par partie et par "
        "dossier ; chaque dossier les montre sur sa page « Retours d'expérience » (la file, "
        "filtrée sur les états « Terminé » et « Rompu », les liste).",
    )
