"""The forms of « Retours d'expérience » (guide action 5 ⑤, step 6): one's own lessons
learned, and the final debrief. The checks are the domain's and the action's (shown next to
their field)."""

from __future__ import annotations

from django import forms

from parcours.domain import lessons as ls
from parcours.web.plain_forms import PlainForm, date_field

ANSWER_FIELDS = {f"lessons.{n}": n for n in ("worked", "to_change", "again")}
DEBRIEF_FIELDS = {f"lessons.{n}": n for n in ("held_on", "participants", "opco_invited",
                  "conclusions")}  # fmt: skip


def _answer_text(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=ls.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Ce texte dépasse {ls.TEXT_MAX} signes."},
    )


class AnswerForm(PlainForm):
    worked = _answer_text("Ce qui a bien fonctionné")
    to_change = _answer_text("Ce qu'il faudrait changer")
    again = forms.ChoiceField(
        label="Referiez-vous un tel parcours ?",
        choices=[(a.value, label) for a, label in ls.AGAIN_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Dites si vous referiez un tel parcours : oui, non ou peut-être.",
            "invalid_choice": "Choisissez oui, non ou peut-être.",
        },
    )


class DebriefForm(PlainForm):
    held_on = date_field("Date du débriefing")
    participants = forms.CharField(
        label="Participants",
        help_text="Un participant par ligne, avec sa fonction si vous le souhaitez.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8_000,
        error_messages={
            "required": "Indiquez au moins un participant, un par ligne.",
            "max_length": "La liste des participants est trop longue.",
        },
    )
    opco_invited = forms.BooleanField(label="L'OPCO a été invité", required=False)
    conclusions = forms.CharField(
        label="Conclusions",
        required=False,
        max_length=ls.CONCLUSIONS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Les conclusions dépassent {ls.CONCLUSIONS_MAX} signes."},
    )

    def participant_list(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["participants"].splitlines() if p.strip()]
