"""Papers the review found missing (issue 12): the end-of-module evaluation sheet and the
CERFA 12434 data sheet. (The planning calendar annex is in planning.py, the bundle of the
convention and its annexes in registry.py.)"""

from __future__ import annotations

from parcours.domain import text
from parcours.domain.calendar import duration_months
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
    BLANK,
    LEVELS,
    MODALITY,
    WRITE_IN,
    date,
    header,
    learner_name,
    level,
    module_dates,
    module_people,
    siret,
)
from parcours.domain.dossier import Benefit, ContractType, Dossier, Quality
from parcours.domain.figures import Figures

QUALITY = {
    Quality.TUTOR: "Tuteur",
    Quality.TRAINER: "Formateur",
    Quality.FACILITATOR: "Tiers facilitateur",
    Quality.LEARNER: "Salarié apprenant",
    Quality.COMPANY: "Entreprise",
}

# End-of-module evaluation sheet ------------------------------------------------------


def evaluation_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    return [(m.id, f"Évaluation du module {m.id}") for m in d.modules if not m.dispensed]


def _criteria(c) -> str:
    """What the evaluator observes: the competence's know-how, else its components."""
    items = c.skills or c.knowledge or c.attitudes
    return "\n".join(f"– {x}" for x in items) or "—"


def evaluation_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    """Per module (convention art. 3): the competences it covers, what is observed, the
    expected level, the level reached (the recorded evaluation's, else a box to fill in),
    the evaluator, the date and the signatures."""
    m = d.module(key)
    done = next((e for e in d.evaluations if e.module == key), None)
    reached = {s.competence: s.level for s in done.results} if done else {}
    competences = [c for c in d.competences if c.id in m.competences]
    rows = tuple(
        (
            c.id,
            c.statement,
            _criteria(c),
            level(c.level),
            level(reached[c.id]) if c.id in reached else "",
            "",
        )
        for c in competences
    )
    evaluator = (
        Filled(f"{done.evaluator.name} ({QUALITY[done.evaluator.quality]})") if done else BLANK
    )
    blocks: list[Block] = [
        Fields(
            (
                ("Module", Filled(f"{m.id} – {m.title}")),
                ("Modalité", Filled(MODALITY.get(m.modality, "—") if m.modality else "—")),
                ("Dates", Filled(module_dates(m))),
                ("Formateur / prestataire", Filled(module_people(d, m))),
                ("Salarié apprenant", Filled(learner_name(d))),
                ("Évaluateur", evaluator),
                ("Date de l'évaluation", Filled(date(done.date)) if done else "…… / …… / ………"),
            )
        ),
        Heading("Modalités d'évaluation"),
        p("\n".join(m.evaluation_methods) or "À préciser par le formateur."),
        Heading("Compétences évaluées"),
        Table(
            (
                "N°",
                "Compétence",
                "Critères observés",
                "Niveau attendu",
                "Niveau atteint",
                "Observations",
            ),
            rows or (("—", "Aucune compétence rattachée au module", "", "", "", ""),),
            widths=(5, 28, 27, 13, 13, 14),
            tall=not done,
        ),  # fmt: skip
        p("Niveaux : " + " ; ".join(LEVELS.values()) + ".", style="note"),
        Heading("Appréciation générale"),
        *(p(WRITE_IN) for _ in range(3)),
        Signatures(
            (
                ("L'évaluateur", done.evaluator.name if done else "", False),
                ("Le tuteur", d.tutor.name if d.tutor else "", False),
                ("Le salarié apprenant", learner_name(d), False),
            ),
            qualities=(
                QUALITY[done.evaluator.quality] if done else f"Nom et qualité : {BLANK}",
                d.tutor.job_title if d.tutor else "",
                d.contract.job_title,
            ),
        ),
    ]
    return Paper("Évaluation de fin de module", f"Module {m.id} – {m.title}", header(d),
                 tuple(blocks))  # fmt: skip


# CERFA 12434 data sheet ---------------------------------------------------------------

BENEFIT_WORDS = {
    Benefit.RSA: "revenu de solidarité active (RSA)",
    Benefit.ASS: "allocation de solidarité spécifique (ASS)",
    Benefit.AAH: "allocation aux adultes handicapés (AAH)",
    Benefit.CUI_EXIT: "sortie d'un contrat unique d'insertion (CUI)",
}


def _benefits(d: Dossier) -> str:
    """The learner's social status. Only the company admin and the OPCO get this paper
    (parcours.dossiers.perms: CERFA like the signed CERFA); a dossier read by anyone else
    has its benefits stripped, and the line then says nothing either way."""
    if d.learner is None:
        return BLANK
    words = [BENEFIT_WORDS.get(b, str(b)) for b in d.learner.benefits]
    return ", ".join(words) if words else "aucun minimum social déclaré"


def _value(value) -> object:
    return Filled(str(value)) if value not in (None, "") else BLANK


def cerfa_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    """The fields of the CERFA 12434*02 prefilled from the dossier, in the form's order,
    to copy into the official form (parcours does not fill the form itself)."""
    c, lr, ct, t = d.company, d.learner, d.contract, d.tutor
    birth = date(lr.birth_date) if lr else None
    employer = (
        ("Dénomination", _value(c.name)),
        ("N° SIRET", _value(siret(c.siret))),
        ("Adresse de l'établissement d'exécution", _value(c.address)),
        ("Représentant de l'employeur", _value(f"{c.representative.name}, "
                                                f"{c.representative.role}")),
        ("Convention collective applicable", _value(ct.branch_agreement)),
        ("OPCO", _value(f"{d.opco.name} (SIRET {siret(d.opco.siret)})")),
    )  # fmt: skip
    learner = (
        ("Nom de naissance", _value(lr.last_name if lr else None)),
        ("Prénom", _value(lr.first_name if lr else None)),
        ("Date de naissance", _value(birth)),
        ("Dernier diplôme ou titre obtenu", _value(lr.highest_qualification if lr else None)),
        ("Inscrit(e) comme demandeur d'emploi",
         _value(("oui" if lr.job_seeker else "non") if lr else None)),
        ("Bénéficiaire d'un minimum social", _value(_benefits(d))),
    )  # fmt: skip
    months = text.number(duration_months(ct.start_date, ct.end_date), 1) if ct.end_date else None
    contract = (
        ("Type de contrat", _value("CDD" if ct.type == ContractType.CDD else "CDI")),
        ("Emploi occupé (intitulé)", _value(ct.job_title)),
        ("Date de début du contrat", _value(date(ct.start_date))),
        ("Date de fin du contrat (CDD)", _value(date(ct.end_date) if ct.end_date else None)),
        ("Durée hebdomadaire du travail", _value(text.hours(ct.weekly_hours))),
        *((("Durée du contrat (mois)", _value(months)),) if months else ()),
        ("Motif de prolongation ou d'allongement", _value(ct.extension_reason)),
    )
    training = (
        ("Type de qualification visée", Filled("Contrat de professionnalisation expérimental "
                                               "(loi n° 2018-771, art. 28 VI)")),
        ("Intitulé de la qualification", _value(ct.job_title)),
        ("Organisme de formation / tiers facilitateur",
         _value(f"{d.facilitator.name} (SIRET {siret(d.facilitator.siret)})"
                if d.facilitator else None)),
        ("Date de début de l'action de professionnalisation", _value(date(ct.action_start))),
        ("Date de fin de l'action de professionnalisation", _value(date(ct.action_end))),
        ("Durée totale des actions (heures)", _value(text.hours(f.parcours_hours))),
        ("dont enseignements généraux, professionnels et technologiques",
         _value(text.hours(f.teaching_hours))),
    )  # fmt: skip
    tutor = (
        ("Nom et prénom du tuteur", _value(t.name if t else None)),
        ("Emploi occupé", _value(t.job_title if t else None)),
        ("Années d'expérience dans la qualification", _value(t.experience_years if t else None)),
        ("Nombre de salariés suivis (dont celui-ci)", _value(t.learners_followed if t else None)),
    )
    blocks: list[Block] = [
        p(
            "Les informations du dossier, dans l'ordre du formulaire CERFA n° 12434*02, à "
            "reporter dans le formulaire officiel. Une ligne pointillée : une information que "
            "le dossier ne contient pas, à compléter.",
            style="note",
        ),
    ]
    for title, rows in (
        ("L'employeur", employer),
        ("Le salarié", learner),
        ("Le tuteur", tutor),
        ("Le contrat", contract),
        ("La formation", training),
    ):
        blocks += [Heading(title), Fields(rows)]
    title = "CERFA 12434 : informations à reporter"
    return Paper(title, "Contrat de professionnalisation expérimental", header(d), tuple(blocks))
