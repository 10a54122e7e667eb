"""The readiness test's forms (« Êtes-vous prêt ? »): one yes / no / « je ne sais pas »
radio group per question of parcours.domain.readiness, and the consent to keep the answers
to start a dossier with them."""

from __future__ import annotations

from django import forms
from django.conf import settings

from parcours.domain import readiness

CHOICES = [(a.value, readiness.ANSWER_LABELS[a]) for a in readiness.Answer]


class ReadinessForm(forms.Form):
    job_title = forms.CharField(
        label="Intitulé du poste que vous voulez pourvoir (facultatif)",
        max_length=readiness.MAX_JOB_TITLE,
        required=False,
        help_text="Par exemple : gestionnaire de paie. Il servira à préremplir le dossier si "
        "vous le commencez avec vos réponses.",
        error_messages={
            "max_length": "L'intitulé du poste tient en %(limit_value)d caractères au plus "
            "(il en a %(show_value)d)."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        for question in readiness.QUESTIONS:
            self.fields[question.id] = forms.ChoiceField(
                label=question.text,
                help_text=question.help,
                choices=CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choisissez une réponse : oui, non ou je ne sais pas.",
                    "invalid_choice": "Choisissez une réponse : oui, non ou je ne sais pas.",
                },
            )

    def sections(self):
        """The questions by section, in the guide's order, for the fieldsets."""
        return [
            (section, [self[q.id] for q in readiness.QUESTIONS if q.section == section.id])
            for section in readiness.SECTIONS
        ]

    def answers(self) -> dict[str, readiness.Answer]:
        return {q: readiness.Answer(self.cleaned_data[q]) for q in readiness.QUESTION_IDS}


class StartForm(ReadinessForm):
    """« Commencer un dossier avec ces réponses »: the same answers (sent again as hidden
    fields) and the explicit consent, unticked by default."""

    consent = forms.BooleanField(
        label="",  # said with the session's lifetime in __init__
        required=True,
        error_messages={
            "required": "Cochez cette case pour que vos réponses soient gardées, ou "
            "commencez un dossier sans elles."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The session lasts SESSION_COOKIE_AGE unless the person logs out or the dossier is
        # created: the box says the longest the answers may stay, not a vaguer « session ».
        days = max(1, settings.SESSION_COOKIE_AGE // 86_400)
        self.fields["consent"].label = (
            "J'accepte que mes réponses (sauf celles sur la personne à recruter) soient gardées "
            "le temps de créer le dossier : elles sont effacées dès sa création, à la "
            f"déconnexion, quand je le demande, et au plus tard dans {days} jours."
        )
        for name, field in self.fields.items():
            if name != "consent":
                field.widget = forms.HiddenInput()
