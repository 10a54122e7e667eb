"""The dossier's forms. Field names follow the format (FORMAT.md) so that a finding's path
names its field (see `findings.field_key`): a form's prefix is the section, a formset's
prefix the list. Each form turns its cleaned data back into the section's JSON value."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.domain.dossier import (
    Adaptation,
    Benefit,
    Importance,
    Modality,
    ReviewKind,
    Signatory,
)
from parcours.dossiers.papers import livret_titles

IMPORTANCE_CHOICES = [
    (Importance.INDISPENSABLE.value, "Indispensable"),
    (Importance.NECESSAIRE.value, "Nécessaire"),
    (Importance.ACCESSOIRE.value, "Accessoire"),
]
LEVEL_CHOICES = [
    (1, "1 – Notion"),
    (2, "2 – Application"),
    (3, "3 – Maîtrise"),
    (4, "4 – Expertise"),
]
POSITION_CHOICES = [("", "—"), (0, "0 – Non acquis"), *LEVEL_CHOICES]
MODALITY_CHOICES = [
    (Modality.EXTERNE.value, "Externe (organisme)"),
    (Modality.INTERNE.value, "Interne"),
    (Modality.DISTANCE.value, "À distance"),
    (Modality.AFEST.value, "AFEST (en situation de travail)"),
    (Modality.EVALUATION.value, "Évaluation"),
]
ADAPTATION_CHOICES = [
    (Adaptation.STANDARD.value, "Standard"),
    (Adaptation.RENFORCEMENT.value, "Renforcement"),
    (Adaptation.DISPENSE.value, "Dispense"),
]
BENEFIT_CHOICES = [
    (Benefit.RSA.value, "RSA"),
    (Benefit.ASS.value, "ASS"),
    (Benefit.AAH.value, "AAH"),
    (Benefit.CUI_EXIT.value, "Sortie de CUI"),
]
SIGNATORY_CHOICES = [
    (Signatory.COMPANY.value, "L'entreprise"),
    (Signatory.FACILITATOR.value, "Le tiers facilitateur"),
    (Signatory.LEARNER.value, "Le salarié"),
    (Signatory.OPCO.value, "L'OPCO"),
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINES_HELP = "Une ligne par élément."


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def joined(items) -> str:
    return "\n".join(items or [])


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def text_or_none(value: str) -> str | None:
    return (value or "").strip() or None


class LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LINES_HELP)
        super().__init__(*args, **kwargs)


def _no_colon(form):
    form.label_suffix = ""


def plain_numbers(value: dict) -> dict:
    """105.0 is shown as 105: hours and years are typed as people write them."""
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in value.items()}


class SectionForm(forms.Form):
    """A form that reads from and writes to one section of the document."""

    def __init__(self, *args, initial=None, **kwargs):
        super().__init__(*args, initial=plain_numbers(initial or {}), **kwargs)
        _no_colon(self)

    @classmethod
    def initial_from(cls, value: dict | None) -> dict:
        return dict(value or {})

    def to_value(self) -> dict:
        return dict(self.cleaned_data)


class CompanyForm(SectionForm):
    name = forms.CharField(label="Raison sociale", max_length=200)
    siret = forms.CharField(label="SIRET", max_length=14, help_text="14 chiffres.")
    address = forms.CharField(label="Adresse", max_length=300)
    representative_name = forms.CharField(label="Représentant légal (nom)", max_length=200)
    representative_role = forms.CharField(label="Qualité du représentant", max_length=200)
    internal_training_service = forms.BooleanField(
        label="L'entreprise dispose d'un service de formation interne identifié", required=False
    )
    first_contract = forms.BooleanField(
        label="Premier contrat de professionnalisation expérimental", required=False
    )

    @classmethod
    def initial_from(cls, value):
        value = dict(value or {})
        rep = value.pop("representative", None) or {}
        return {
            **value,
            "representative_name": rep.get("name"),
            "representative_role": rep.get("role"),
        }

    def to_value(self):
        d = dict(self.cleaned_data)
        rep = {"name": d.pop("representative_name"), "role": d.pop("representative_role")}
        return {**d, "representative": rep}


class FacilitatorForm(SectionForm):
    name = forms.CharField(label="Tiers facilitateur (raison sociale)", required=False)
    siret = forms.CharField(label="SIRET du tiers facilitateur", max_length=14, required=False)
    address = forms.CharField(label="Adresse du tiers facilitateur", required=False)
    representative_name = forms.CharField(label="Consultant référent", required=False)
    representative_role = forms.CharField(label="Qualité du consultant", required=False)

    initial_from = CompanyForm.initial_from

    def to_value(self):
        d = self.cleaned_data
        if not d.get("name"):
            return None
        return {
            "name": d["name"],
            "siret": d["siret"],
            "address": d["address"],
            "representative": {"name": d["representative_name"], "role": d["representative_role"]},
        }


class TutorForm(SectionForm):
    name = forms.CharField(label="Nom du tuteur", max_length=200)
    job_title = forms.CharField(label="Fonction du tuteur", max_length=200)
    volunteer = forms.BooleanField(label="Le tuteur est volontaire", required=False)
    experience_years = forms.FloatField(
        label="Années d'expérience dans une qualification en rapport avec l'objectif", min_value=0
    )
    learners_followed = forms.IntegerField(
        label="Nombre d'alternants suivis, celui-ci compris", min_value=1, initial=1
    )
    is_employer = forms.BooleanField(label="Le tuteur est l'employeur", required=False)


class RowForm(SectionForm):
    """One item of a list section; an empty extra row is ignored."""


class CompetenceForm(RowForm):
    id = forms.CharField(label="Identifiant", max_length=40, help_text="Par exemple C1.")
    statement = forms.CharField(
        label="Énoncé de la compétence",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="« Être capable de » + verbe d'action + contexte.",
    )
    importance = forms.ChoiceField(label="Importance", choices=IMPORTANCE_CHOICES)
    level = forms.TypedChoiceField(
        label="Niveau de maîtrise attendu", choices=LEVEL_CHOICES, coerce=int
    )
    knowledge = LinesField(label="Savoirs")
    skills = LinesField(label="Savoir-faire")
    attitudes = LinesField(label="Savoir-être")

    @classmethod
    def initial_from(cls, value):
        value = dict(value or {})
        for key in ("knowledge", "skills", "attitudes"):
            value[key] = joined(value.get(key))
        return value

    def to_value(self):
        d = dict(self.cleaned_data)
        d.pop("DELETE", None)
        for key in ("knowledge", "skills", "attitudes"):
            d[key] = lines(d[key])
        return d


class PositioningEntryForm(RowForm):
    competence = forms.CharField(widget=forms.HiddenInput)
    self_level = forms.TypedChoiceField(
        label="Auto-positionnement du salarié",
        choices=POSITION_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    assessed_level = forms.TypedChoiceField(
        label="Niveau évalué par le tuteur",
        choices=POSITION_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    comment = forms.CharField(label="Commentaire", required=False)

    def to_value(self):
        d = dict(self.cleaned_data)
        d["comment"] = text_or_none(d.get("comment"))
        return d


class ModuleForm(RowForm):
    id = forms.CharField(label="Identifiant", max_length=40, help_text="Par exemple M1.")
    title = forms.CharField(label="Intitulé du module", max_length=200)
    objective = forms.CharField(
        label="Objectif",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="« À l'issue du module, le salarié sera capable de… »",
    )
    competences = forms.MultipleChoiceField(
        label="Compétences visées", widget=forms.CheckboxSelectMultiple, required=False
    )
    modality = forms.ChoiceField(label="Modalité", choices=MODALITY_CHOICES)
    hours = forms.FloatField(label="Durée (heures)", min_value=0)
    provider = forms.CharField(label="Organisme de formation (externe, à distance)", required=False)
    trainer = forms.ChoiceField(label="Formateur interne (interne, AFEST)", required=False)
    start = forms.DateField(label="Début", widget=DATE)
    end = forms.DateField(label="Fin", widget=DATE)
    recognition = forms.CharField(label="Reconnaissance (bloc de compétences…)", required=False)
    adaptation = forms.ChoiceField(
        label="Adaptation au positionnement", choices=ADAPTATION_CHOICES, initial="standard"
    )
    evaluation_methods = LinesField(label="Modalités d'évaluation")

    def __init__(self, *args, competences=(), trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].choices = [(c["id"], c["id"]) for c in competences]
        self.fields["trainer"].choices = [("", "—")] + [(t["id"], t["name"]) for t in trainers]

    @classmethod
    def initial_from(cls, value):
        value = dict(value or {})
        value["evaluation_methods"] = joined(value.get("evaluation_methods"))
        return value

    def to_value(self):
        d = dict(self.cleaned_data)
        d.pop("DELETE", None)
        d["start"], d["end"] = iso(d["start"]), iso(d["end"])
        d["provider"] = text_or_none(d["provider"])
        d["trainer"] = text_or_none(d["trainer"])
        d["recognition"] = text_or_none(d["recognition"])
        d["evaluation_methods"] = lines(d["evaluation_methods"])
        return d


class TrainerForm(RowForm):
    id = forms.CharField(label="Identifiant", max_length=40, help_text="Par exemple F1.")
    name = forms.CharField(label="Nom du formateur", max_length=200)
    job_title = forms.CharField(label="Fonction", max_length=200)
    volunteer = forms.BooleanField(label="Volontaire", required=False)
    experience_years = forms.FloatField(
        label="Années d'expérience sur les sujets enseignés", min_value=0
    )
    trainer_training = forms.BooleanField(
        label="Formé à la fonction de formateur (ou formateur occasionnel expérimenté)",
        required=False,
    )
    afest_aware = forms.BooleanField(label="Sensibilisé aux principes de l'AFEST", required=False)

    def to_value(self):
        d = dict(self.cleaned_data)
        d.pop("DELETE", None)
        return d


class ReviewForm(RowForm):
    id = forms.CharField(label="Identifiant", max_length=40, help_text="Par exemple B1.")
    kind = forms.ChoiceField(
        label="Type de bilan",
        choices=[
            (ReviewKind.SUIVI.value, "Bilan de suivi"),
            (ReviewKind.FINAL.value, "Bilan final"),
        ],
    )
    planned_date = forms.DateField(label="Date prévue", widget=DATE)

    def to_value(self):
        return {
            "id": self.cleaned_data["id"],
            "kind": self.cleaned_data["kind"],
            "planned_date": iso(self.cleaned_data["planned_date"]),
        }


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Document",
        choices=[
            ("cerfa_12434", "CERFA 12434 signé"),
            ("convention", "Convention tripartite signée"),
        ],
    )
    file = forms.FileField(label="Fichier (PDF, JPEG ou PNG)")
    signed_on = forms.DateField(label="Date de signature", widget=DATE)
    signed_by = forms.MultipleChoiceField(
        label="Signé par", choices=SIGNATORY_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_colon(self)
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        )


class ReferentielImportForm(forms.Form):
    file = forms.FileField(
        label="Classeur Excel (.xlsx)",
        help_text="Une ligne par compétence : id, énoncé, importance, niveau, savoirs, "
        "savoir-faire, savoir-être.",
    )


class DossierImportForm(forms.Form):
    file = forms.FileField(label="Fichier JSON parcours-dossier/1")


class AcceptForm(forms.Form):
    agreement_number = forms.CharField(label="Numéro d'accord de prise en charge", max_length=60)
    agreement_date = forms.DateField(label="Date de l'accord", widget=DATE)
    reference = forms.CharField(
        label="Numéro de dossier OPCO",
        max_length=60,
        required=False,
        help_text="Il figure en tête des documents du dossier (émargement, bilans…).",
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label="Motif du refus", widget=forms.Textarea(attrs={"rows": 3}))


class LivretForm(forms.Form):
    """One textarea per section of the livret d'accueil, prefilled with the company's text
    or the default one; a section left as its default (or emptied) keeps the default."""

    def __init__(self, data=None, *, defaults: dict[str, str], stored: dict[str, str]):
        super().__init__(data)
        _no_colon(self)
        self.defaults = defaults
        self.titles = livret_titles(defaults, stored)
        for i, title in enumerate(self.titles):
            own = title in stored
            self.fields[f"section_{i}"] = forms.CharField(
                label=title,
                required=False,
                max_length=10_000,
                initial=stored.get(title, defaults.get(title, "")),
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Texte propre à l'entreprise."
                if own
                else "Texte par défaut : modifiez-le pour l'adapter.",
            )

    def sections(self) -> dict[str, str]:
        """The texts that differ from the defaults (the ones to store)."""
        out = {}
        for i, title in enumerate(self.titles):
            text = (self.cleaned_data.get(f"section_{i}") or "").replace("\r\n", "\n").strip()
            if text and text != self.defaults.get(title, "").strip():
                out[title] = text
        return out
