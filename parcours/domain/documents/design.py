"""The papers of the design steps: référentiel métier (annexe 1), parcours de formation
(annexe 2), séquence pédagogique, grille de positionnement."""

from __future__ import annotations

from collections.abc import Iterator

from parcours.domain import referentiel_confirmation, text
from parcours.domain.documents.blocks import (
    Block,
    Fields,
    Filled,
    Heading,
    Paper,
    Signatures,
    Table,
    p,
)
from parcours.domain.documents.common import (
    ACTIVITY,
    ADAPTATION,
    IMPORTANCE,
    LEVELS,
    MODALITY,
    date,
    header,
    learner_name,
    level,
    module_dates,
    module_people,
)
from parcours.domain.documents.planning import planning_grid
from parcours.domain.dossier import Adaptation, Dossier
from parcours.domain.figures import Figures


def identity(d: Dossier) -> Fields:
    return Fields(
        (
            ("Entreprise", Filled(d.company.name)),
            ("Emploi visé", Filled(d.contract.job_title)),
            ("Salarié apprenant", Filled(learner_name(d))),
            ("Tuteur", Filled(d.tutor.name) if d.tutor else "non désigné"),
            ("Action de formation", Filled(text.period(d.contract.action_start,
                                                        d.contract.action_end))),
        )
    )  # fmt: skip


def _components(c) -> str:
    lines = []
    for label, items in (("Savoirs", c.knowledge), ("Savoir-faire", c.skills),
                         ("Savoir-être", c.attitudes)):  # fmt: skip
        if items:
            lines.append(f"{label} : {' ; '.join(items)}")
    return "\n".join(lines) or "—"


def referentiel_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    rows = tuple(
        (
            c.id,
            c.statement,
            IMPORTANCE.get(c.importance, "—") if c.importance else "—",
            level(c.level),
            _components(c),
        )
        for c in d.competences
    )
    blocks = (
        identity(d),
        Heading("Compétences visées"),
        Table(
            ("N°", "Compétence", "Importance", "Niveau attendu", "Composantes"),
            rows,
            widths=(5, 41, 14, 16, 24),
        ),
        p(
            "Niveaux : " + " ; ".join(v for k, v in LEVELS.items() if k) + ". Importance : "
            "indispensable, nécessaire ou accessoire à la tenue de l'emploi.",
            style="note",
        ),
    )
    if d.referentiel_confirmation is not None:  # guide action 1 ③ (said only once recorded)
        team = referentiel_confirmation.summary(d)
        blocks += (p(f"Équipe de travail : {team[0].lower()}{team[1:]}."),)
    return Paper("Référentiel métier", "Annexe 1 de la convention de formation", header(d), blocks)


def parcours_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    rows = tuple(
        (
            f"{m.id} – {m.title}",
            m.objective or "—",
            ", ".join(m.competences) or "—",
            MODALITY.get(m.modality, "—") if m.modality else "—",
            text.hours(m.hours),
            module_people(d, m),
            module_dates(m),
            ADAPTATION[m.adaptation],
            m.recognition or "—",
            "\n".join(m.evaluation_methods) or "—",
        )
        for m in d.modules
    )
    blocks = (
        identity(d),
        Heading("Modules de formation"),
        Table(
            (
                "Module",
                "Objectif",
                "Compé­tences",
                "Moda\u00adlité",
                "Durée",
                "Formateur / prestataire",
                "Dates",
                "Adap\u00adtation",
                "Recon\u00adnaissance (bloc de compé\u00adtences)",
                "Éva\u00adluation",
            ),  # fmt: skip
            rows,
            widths=(12, 19, 7, 8, 6, 12, 10, 7, 10, 9),
            numeric=(4,),
        ),
        Heading("Volume du parcours"),
        Table(
            ("", "Heures"),
            (
                (
                    "Enseignements (formations externes, internes, à distance)",
                    text.hours(f.teaching_hours),
                ),
                (
                    "Accompagnement et évaluation (AFEST, évaluations"
                    + (", tiers facilitateur" if d.facilitator else "")
                    + ")",
                    text.hours(f.support_hours),
                ),
                (
                    "Durée du contrat (heures de travail sur l'action)",
                    text.hours(round(f.contract_hours)),
                ),
            ),  # fmt: skip
            widths=(75, 25),
            footer=(
                f"Total du parcours ({text.percent(f.parcours_share)} du contrat)",
                text.hours(f.parcours_hours),
            ),
            numeric=(1,),
        ),
        Heading("Planning de l'alternance, mois par mois"),
        *planning_grid(d, f),
    )
    return Paper(
        "Parcours de formation",
        "Annexe 2 de la convention de formation",
        header(d),
        blocks,
        landscape=True,
    )


def sequence_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    seen: dict[str, int] = {}
    out = []
    for s in d.sequences:
        seen[s.module] = seen.get(s.module, 0) + 1
        key = s.module if seen[s.module] == 1 else f"{s.module}-{seen[s.module]}"
        out.append((key, f"Séquence du module {key}"))
    return out


def sequence_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    index = [k for k, _ in sequence_instances(d, f)].index(key)
    s = d.sequences[index]
    m = d.module(s.module)
    trainers = [d.trainer(t) for t in s.trainers]
    blocks: list[Block] = [
        Fields(
            (
                ("Module", Filled(f"{m.id} – {m.title}" if m else s.module)),
                ("Salarié apprenant", Filled(learner_name(d))),
                ("Formateur(s)", Filled(", ".join(t.name for t in trainers if t) or "—")),
                ("Durée", Filled(text.hours(sum(a.hours for a in s.activities)))),
            )
        ),
        Heading("Objectif général"),
        p(s.general_objective or "—"),
        Heading("Objectifs opérationnels"),
        *_list(s.operational_objectives),
        Heading("Enjeux"),
        p(s.stakes or "—"),
        Heading("Déroulement"),
        Table(
            ("Activité", "Type", "Durée"),
            tuple((a.title, ACTIVITY[a.kind], text.hours(a.hours)) for a in s.activities),
            widths=(60, 25, 15),
            numeric=(2,),
        ),
        Heading("Ressources et moyens"),
        *_list(s.resources),
        Heading("Modalités d'évaluation"),
        *_list(s.evaluation_methods),
        Heading("Calendrier"),
        *_calendar(d, s),
    ]
    return Paper("Séquence pédagogique", f"Module {key}", header(d), tuple(blocks))


def _calendar(d: Dossier, s) -> Iterator[Block]:
    """The séquence's dates with the hours of each: the module's sessions on that day when
    the calendar has them, else the séquence's hours shared equally between its dates."""
    if not s.calendar:
        yield p("Dates à fixer.")
        return
    total = sum(a.hours for a in s.activities)
    sessions: dict = {}
    for x in d.sessions:
        if x.module == s.module:
            sessions[x.date] = sessions.get(x.date, 0.0) + x.hours
    known = all(day in sessions for day in s.calendar)
    rows = tuple(
        (date(day), text.hours(sessions[day] if known else total / len(s.calendar)))
        for day in s.calendar
    )
    yield Table(
        ("Date", "Durée"),
        rows,
        widths=(60, 40),
        footer=("Total", text.hours(sum(sessions[d_] for d_ in s.calendar) if known else total)),
        numeric=(1,),
    )
    if not known:
        yield p("Durée par date : les heures de la séquence réparties également entre ses "
                "dates, en attendant le calendrier des séances.", style="note")  # fmt: skip


def _list(items: list[str]) -> Iterator[Block]:
    from parcours.domain.documents.blocks import bullets

    yield bullets(*items) if items else p("—")


def positioning_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    entries = {e.competence: e for e in d.positioning.entries} if d.positioning else {}
    rows = []
    for c in d.competences:
        e = entries.get(c.id)
        gap = (
            _gap(d, c.id, c.level - e.assessed_level)
            if e and e.assessed_level is not None and c.level
            else ""
        )
        rows.append(
            (
                c.id,
                c.statement,
                level(c.level),
                level(e.self_level) if e and e.self_level is not None else "",
                level(e.assessed_level) if e and e.assessed_level is not None else "",
                gap,
                (e.comment or "") if e else "",
            )
        )
    when = date(d.positioning.date) if d.positioning else "…… / …… / ………"
    blocks = (
        identity(d),
        p(
            "Positionnement réalisé le ",
            Filled(when) if d.positioning else when,
            " par le salarié (auto-positionnement) et le tuteur.",
        ),  # fmt: skip
        Table(
            (
                "N°",
                "Compétence",
                "Niveau attendu",
                "Auto-position­nement",
                "Évaluation du tuteur",
                "Écart",
                "Commentaire",
            ),  # fmt: skip
            tuple(rows),
            widths=(4, 27, 14, 14, 14, 13, 14),
            tall=not d.positioning,
        ),
        p(
            "Niveaux : " + " ; ".join(LEVELS.values()) + ". Un écart de 2 niveaux ou plus "
            "appelle un renforcement du module qui couvre la compétence ; une compétence déjà "
            "maîtrisée peut justifier une dispense.",
            style="note",
        ),
        Signatures(
            (
                ("Le salarié apprenant", learner_name(d), False),
                ("Le tuteur", d.tutor.name if d.tutor else "", False),
            ),
            qualities=(d.contract.job_title, d.tutor.job_title if d.tutor else ""),
        ),
    )
    return Paper("Grille de positionnement", "Positionnement initial du salarié apprenant",
                 header(d), blocks)  # fmt: skip


def _gap(d: Dossier, competence: str, gap: int) -> str:
    """The gap, flagged when it is 2 levels or more and no module covering the competence
    is reinforced (the guide asks for a reinforcement there)."""
    if gap < 2:
        return str(gap)
    covering = [m for m in d.modules if competence in m.competences]
    if any(m.adaptation == Adaptation.RENFORCEMENT for m in covering):
        return f"{gap} (renforcé)"
    return f"{gap} – sans renforcement"
