"""The learner's and the contract's sections (guide step 3): who is hired, on what terms,
for how much (the pay and diploma PAY-01 and DUR-03 read)."""

from __future__ import annotations

from django import forms

from parcours.domain.dossier import ContractType, QualificationLevel
from parcours.web.forms import BENEFIT_CHOICES, DATE, SectionForm, iso, text_or_none

QUALIFICATION_CHOICES = [
    ("", "— Non renseigné —"),
    (QualificationLevel.NONE.value, "Aucun diplôme (ni baccalauréat, ni CAP ou BEP)"),
    (QualificationLevel.CAP_BEP.value, "CAP, BEP ou titre professionnel de même niveau"),
    (QualificationLevel.BAC_GENERAL.value, "Baccalauréat général ou technologique"),
    (
        QualificationLevel.BAC_PRO.value,
        "Baccalauréat professionnel ou titre professionnel de même niveau",
    ),
    (QualificationLevel.HIGHER.value, "Diplôme ou titre de niveau bac + 2 ou plus"),
]


class LearnerForm(SectionForm):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    birth_date = forms.DateField(label="Date de naissance", widget=DATE)
    job_seeker = forms.BooleanField(label="Demandeur d'emploi inscrit", required=False)
    benefits = forms.MultipleChoiceField(
        label="Bénéficiaire de minima sociaux (donnée sensible)",
        choices=BENEFIT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Visible seulement par l'entreprise et l'OPCO.",
    )
    highest_qualification = forms.CharField(
        label="Plus haut diplôme ou titre obtenu", required=False
    )
    qualification_level = forms.ChoiceField(
        label="Niveau de ce diplôme",
        choices=QUALIFICATION_CHOICES,
        required=False,
        help_text="Il fixe le salaire minimum et la durée possible du contrat.",
    )

    def __init__(self, *args, show_benefits=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_benefits:
            del self.fields["benefits"]

    def to_value(self):
        d = dict(self.cleaned_data)
        d["birth_date"] = iso(d["birth_date"])
        d["highest_qualification"] = text_or_none(d["highest_qualification"])
        d["qualification_level"] = d["qualification_level"] or None
        return d


class ContractForm(SectionForm):
    type = forms.ChoiceField(
        label="Type de contrat", choices=[(t.value, t.value) for t in ContractType]
    )
    job_title = forms.CharField(label="Emploi occupé (intitulé du poste)", max_length=200)
    start_date = forms.DateField(label="Début du contrat", widget=DATE)
    end_date = forms.DateField(
        label="Fin du contrat", widget=DATE, required=False, help_text="Sans objet pour un CDI."
    )
    action_start = forms.DateField(label="Début de l'action de professionnalisation", widget=DATE)
    action_end = forms.DateField(label="Fin de l'action de professionnalisation", widget=DATE)
    weekly_hours = forms.FloatField(
        label="Durée hebdomadaire de travail (heures)", min_value=1, max_value=48, initial=35
    )
    extension_reason = forms.CharField(
        label="Motif d'allongement au-delà de 12 mois",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    branch_agreement = forms.CharField(
        label="Accord de branche (parcours au-delà de 25 %)", required=False
    )
    gross_monthly_pay = forms.FloatField(
        label="Salaire brut mensuel (€)",
        min_value=0,
        max_value=100_000,
        required=False,
        help_text="Comparé au minimum légal selon l'âge et le diplôme du salarié.",
    )
    branch_minimum_pay = forms.FloatField(
        label="Salaire minimum de la branche pour cet emploi (€ brut mensuel)",
        min_value=0,
        max_value=100_000,
        required=False,
        help_text="À partir de 26 ans, le salaire atteint au moins 85 % de ce minimum.",
    )

    def to_value(self):
        d = dict(self.cleaned_data)
        for key in ("start_date", "end_date", "action_start", "action_end"):
            d[key] = iso(d[key])
        d["extension_reason"] = text_or_none(d["extension_reason"])
        d["branch_agreement"] = text_or_none(d["branch_agreement"])
        return d
