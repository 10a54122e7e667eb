"""The forms of the reviews and evaluations pages: hold a review (date, who took part, a
level and a comment per competence, the decision) and record a module's evaluation."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.domain.dossier import Quality, ReviewDecision
from parcours.domain.progress import LEVEL_NAMES, QUALITY_LABELS
from parcours.web.forms import DATE

LEVEL_CHOICES = [(str(n), f"{n} – {name}") for n, name in LEVEL_NAMES.items()]
DECISION_CHOICES = [
    (ReviewDecision.CONTINUE.value, "Poursuivre le parcours tel qu'il est prévu"),
    (ReviewDecision.ADAPT.value, "Adapter le parcours (une demande d'adaptation sera ouverte)"),
]
COMMENT = forms.Textarea(attrs={"rows": 2})


def participant_choices(document: dict) -> list[tuple[str, str]]:
    """The dossier's people who may take part: tutor, trainers, facilitator, learner. The
    value is « qualité|nom »."""
    people: list[tuple[Quality, str]] = []
    if document.get("tutor"):
        people.append((Quality.TUTOR, document["tutor"]["name"]))
    people += [(Quality.TRAINER, t["name"]) for t in document.get("trainers") or []]
    if document.get("facilitator"):
        people.append((Quality.FACILITATOR, document["facilitator"]["representative"]["name"]))
    learner = document.get("learner") or {}
    name = f"{learner.get('first_name', '')} {learner.get('last_name', '')}".strip()
    if name:
        people.append((Quality.LEARNER, name))
    return [(f"{q.value}|{n}", f"{n} ({QUALITY_LABELS[q]})") for q, n in people]


class _LevelsMixin:
    """One level select and one comment per competence (`level_C1`, `comment_C1`)."""

    def _add_levels(self, competences: list[dict], *, required: bool, blank: str) -> None:
        self.competences = competences
        for c in competences:
            cid = c["id"]
            self.fields[f"level_{cid}"] = forms.ChoiceField(
                label=f"Niveau constaté – {cid}",
                choices=[("", blank), *LEVEL_CHOICES],
                required=required,
                error_messages={"required": f"Choisissez le niveau de {cid}."},
            )
            self.fields[f"comment_{cid}"] = forms.CharField(
                label=f"Commentaire – {cid}",
                required=False,
                max_length=2000,
                widget=COMMENT,
            )

    def competence_rows(self) -> list[dict]:
        return [
            {"competence": c, "level": self[f"level_{c['id']}"],
             "comment": self[f"comment_{c['id']}"]}
            for c in self.competences
        ]  # fmt: skip

    def levels(self) -> list[dict]:
        """[{competence, level, comment}] for the competences given a level."""
        out = []
        for c in self.competences:
            level = self.cleaned_data.get(f"level_{c['id']}")
            if level not in (None, ""):
                comment = self.cleaned_data.get(f"comment_{c['id']}") or ""
                out.append({"competence": c["id"], "level": int(level), "comment": comment})
        return out


class HoldReviewForm(_LevelsMixin, forms.Form):
    held_date = forms.DateField(label="Date à laquelle le bilan a eu lieu", widget=DATE)
    participants = forms.MultipleChoiceField(
        label="Ont pris part au bilan",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    others = forms.CharField(
        label="Autres participants de l'entreprise (dirigeant, RH…), un nom par ligne",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision = forms.ChoiceField(
        label="Décision", choices=DECISION_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Choisissez : poursuivre ou adapter le parcours."},
    )  # fmt: skip
    comment = forms.CharField(
        label="Observations générales (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *, document: dict, review: dict, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.label_suffix = ""
        choices = participant_choices(document)
        self.fields["participants"].choices = choices
        self._add_levels(document.get("competences") or [], required=True, blank="— choisir —")
        if data is None:
            self.initial.update(self._initial(review, choices, today))

    def _initial(self, review: dict, choices, today: dt.date) -> dict:
        planned = review.get("planned_date")
        initial: dict = {"decision": review.get("decision") or ReviewDecision.CONTINUE.value}
        if review.get("held_date"):
            initial["held_date"] = review["held_date"]
        elif planned and dt.date.fromisoformat(planned) <= today:
            initial["held_date"] = planned
        else:
            initial["held_date"] = today
        held = review.get("participants") or []
        values = {v for v, _ in choices}
        if held:
            initial["participants"] = [f"{p['quality']}|{p['name']}" for p in held
                                       if f"{p['quality']}|{p['name']}" in values]  # fmt: skip
            initial["others"] = "\n".join(
                p["name"] for p in held if f"{p['quality']}|{p['name']}" not in values
            )
        else:
            usual = (Quality.TUTOR.value, Quality.LEARNER.value)
            initial["participants"] = [v for v, _ in choices if v.split("|")[0] in usual]
        for s in review.get("scores") or []:
            initial[f"level_{s['competence']}"] = str(s["level"])
            initial[f"comment_{s['competence']}"] = s.get("comment") or ""
        initial["comment"] = review.get("comment") or ""
        return initial

    def participants_value(self) -> list[dict]:
        out = []
        for value in self.cleaned_data.get("participants") or []:
            quality, name = value.split("|", 1)
            out.append({"name": name, "quality": quality})
        for line in (self.cleaned_data.get("others") or "").splitlines():
            if line.strip():
                out.append({"name": line.strip(), "quality": Quality.COMPANY.value})
        return out


class EvaluationForm(_LevelsMixin, forms.Form):
    date = forms.DateField(label="Date de l'évaluation", widget=DATE)
    evaluator_name = forms.CharField(
        label="Évalué par (si ce n'est pas vous)",
        required=False,
        max_length=200,
        help_text="Par exemple le formateur de l'organisme externe dont vous reportez le résultat.",
    )

    def __init__(self, data=None, *, document: dict, module: dict, today: dt.date,
                 can_name_evaluator: bool, **kwargs):  # fmt: skip
        super().__init__(data, **kwargs)
        self.label_suffix = ""
        if not can_name_evaluator:
            del self.fields["evaluator_name"]
        covered = set(module.get("competences") or [])
        competences = [c for c in document.get("competences") or [] if c["id"] in covered]
        self._add_levels(competences, required=False, blank="non évaluée")
        if data is None:
            self.initial["date"] = today
