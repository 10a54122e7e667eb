"""The dossier's steps: each edits one or more sections through the backend's actions.

A step builds its forms from the document, turns valid forms back into section values and
saves each through `actions.update_section` with the version the user read (a hidden
field). A stale save shows the backend's French conflict message and keeps the input.
"""

from __future__ import annotations

import datetime as dt

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from parcours.domain.rules import Finding, Severity
from parcours.domain.rules.referentiel import is_well_formed
from parcours.domain.wording import described
from parcours.dossiers import actions, perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.web import contract_forms
from parcours.web import forms as f
from parcours.web.coverage import coverage, live_figures
from parcours.web.findings import FindingIndex, field_key
from parcours.web.guide import next_page
from parcours.web.sequence_forms import SequenceForm
from parcours.web.views.common import Page, candidate_index, posted_version

MAX_COMPETENCES = 12


def formset(form_class, *, max_num=None, extra=1):
    return djforms.formset_factory(
        form_class,
        extra=extra,
        can_delete=True,
        max_num=max_num or 1000,
        validate_max=bool(max_num),
        absolute_max=max_num or 1000,
    )


def rows_of(fs) -> list[dict]:
    """The kept rows of a valid formset: not deleted, not an untouched blank row."""
    return [
        form.to_value()
        for form in fs.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class Step:
    slug = ""
    title = ""
    sections: tuple[str, ...] = ()
    template = ""
    row_template = "web/includes/row.html"  # one row of the step's list (add_row)
    live_template = ""  # the part redrawn while typing with no field named (parcours only)
    lead = ""

    def build(self, page: Page, data=None, files=None) -> dict:
        raise NotImplementedError

    def values(self, forms: dict, page: Page) -> dict:
        raise NotImplementedError

    def extra(self, page: Page, forms: dict, index) -> dict:
        return {}

    def editable(self, page: Page) -> bool:
        return page.can_edit(*self.sections)


def _all_forms(forms: dict):
    for item in forms.values():
        if isinstance(item, djforms.BaseFormSet):
            yield from item.forms
        else:
            yield item


def attach_errors(forms: dict, errors) -> list[str]:
    """Put each backend field error on the field it names; return those that name none."""
    by_name = {}
    for form in _all_forms(forms):
        for name in form.fields:
            by_name[form[name].html_name] = (form, name)
    unplaced = []
    for error in errors:
        target = by_name.get(field_key(error.path))
        if target and target[0].is_bound and hasattr(target[0], "cleaned_data"):
            target[0].add_error(target[1], error.message)
        else:
            unplaced.append(described(error))
    return unplaced


def _valid(forms: dict) -> bool:
    return all(item.is_valid() for item in forms.values())


def _save(step: Step, page: Page, values: dict, version: int) -> None:
    for section, value in values.items():
        actions.update_section(page.row, page.user, section, value, version)
        version = page.row.version


def render_step(request, step: Step, page: Page, forms: dict, status=200, **extra):
    index = extra.pop("index", None) or page.index
    # The caller's values win over the step's defaults (an import form with its errors…).
    values = {
        "step": step,
        "forms": forms,
        "editable": step.editable(page),
        "step_findings": index.of_step(step.slug),
        **step.extra(page, forms, index),
        **extra,
    }
    context = page.context(step.slug, index, **values)
    return render(request, step.template, context, status=status)


def _path_of(html_name: str) -> str:
    """'competences-3-statement' -> 'competences[3].statement' (field_key's inverse)."""
    prefix, index, name = html_name.split("-", 2)
    return f"{prefix}[{index}].{name}"


def draft_findings(forms: dict) -> list[Finding]:
    """While a row is still incomplete (no id yet…), the statement is checked on its own."""
    found = []
    for form in _all_forms(forms):
        if "statement" in form.fields:
            bf = form["statement"]
            if (bf.value() or "").strip() and not is_well_formed(bf.value()):
                found.append(
                    Finding(
                        "REF-02",
                        Severity.ALERTE,
                        _path_of(bf.html_name),
                        "Cette compétence n'est pas rédigée sous la forme "
                        "« Être capable de + verbe d'action + contexte ».",
                        "Commencez par « Être capable de » suivi d'un verbe.",
                        "guide action 1 ②",
                    )
                )
    return found


def live(request, step: Step, page: Page):
    """The htmx answer while typing: the findings the current input would have."""
    if not (request.htmx.trigger_name or step.live_template):
        return HttpResponse("Précisez le champ modifié (en-tête HX-Trigger-Name).", status=400)
    forms = step.build(page, request.POST, request.FILES)
    if not _valid(forms):
        index, errors = FindingIndex(page.index.findings + draft_findings(forms)), []
    else:
        index, errors = candidate_index(page, step.values(forms, page))
    trigger = request.htmx.trigger_name
    context = page.context(
        step.slug,
        index,
        step=step,
        forms=forms,
        live_errors=errors,
        **step.extra(page, forms, index),
    )
    if trigger:
        context["findings"] = index.at(trigger)
        context["list_id"] = f"id_{trigger}-constats"
        return render(request, "web/includes/findings_list.html", context)
    return render(request, step.live_template, context)


@login_required
@require_http_methods(["GET", "POST"])
def step_view(request, pk, slug):
    if slug == "documents":
        return redirect("web:documents", pk=pk)
    step = STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("Étape inconnue")
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if request.method == "GET":
        return render_step(request, step, page, step.build(page))
    if request.htmx and request.POST.get("_live"):
        return live(request, step, page)
    if not step.editable(page):
        raise PermissionDenied("Vous ne pouvez pas modifier cette étape.")
    forms = step.build(page, request.POST, request.FILES)
    if not _valid(forms):
        messages.error(
            request, "Le formulaire contient des erreurs : corrigez les champs signalés."
        )
        return render_step(request, step, page, forms, status=400)
    try:
        version = posted_version(request)
        _save(step, page, step.values(forms, page), version)
    except StaleDossier as exc:
        return render_step(
            request,
            step,
            page,
            forms,
            status=409,
            conflict=exc.message,
            # What was typed stays in the form; saving again writes it over theirs.
            form_version=exc.current_version or version,
        )
    except InvalidDossier as exc:
        unplaced = attach_errors(forms, exc.errors)
        messages.error(request, "Le dossier n'a pas été enregistré : corrigez les champs signalés.")
        return render_step(request, step, page, forms, status=400, unplaced=unplaced)
    messages.success(request, f"« {step.title} » enregistré.")
    following = request.POST.get("continuer") and next_page(page.row, slug)
    return redirect(following or reverse("web:step", args=[pk, slug]))


# The lists whose rows are added one at a time by a button (htmx): step -> (formset, legend).
ROW_LISTS = {
    "referentiel": ("competences", "Compétence"),
    "parcours": ("modules", "Module"),
    "sequences": ("sequences", "Séquence du module"),
    "tuteurs": ("trainers", "Formateur"),
    "bilans": ("reviews", "Bilan"),
}


@login_required
@require_http_methods(["GET"])
def add_row(request, pk, slug):
    """One blank row of a step's list, rendered by the server, for the « Ajouter » button:
    the row (its first field focused) and the formset's new TOTAL_FORMS (out of band)."""
    if slug not in ROW_LISTS:
        raise Http404("Cette étape n'a pas de liste à compléter.")
    step, (name, legend) = STEPS_BY_SLUG[slug], ROW_LISTS[slug]
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not step.editable(page):
        raise PermissionDenied("Vous ne pouvez pas modifier cette étape.")
    fs = step.build(page)[name]
    raw = request.GET.get(f"{name}-TOTAL_FORMS", "")
    position = int(raw) if raw.isdigit() else fs.total_form_count()
    if position >= fs.max_num:
        return HttpResponse(f"{fs.max_num} lignes au plus.", status=400)
    form = fs.empty_form
    form.prefix = fs.add_prefix(position)
    first = next(n for n, field in form.fields.items() if not field.widget.is_hidden)
    form.fields[first].widget.attrs["autofocus"] = True
    context = {
        "form": form,
        "legend": legend,
        "template": step.row_template,
        "row": page.row,
        "index": page.index,
        "total_name": f"{name}-TOTAL_FORMS",
        "total": position + 1,
        "full": position + 1 >= fs.max_num,
        "button_id": f"ajouter-{name}",
    }
    return render(request, "web/includes/added_row.html", context)


# --- the steps ---------------------------------------------------------------------------


class CompanyStep(Step):
    slug, title, sections = "entreprise", "Entreprise", ("company", "facilitator")
    template = "web/steps/entreprise.html"
    lead = "L'entreprise qui recrute et, le cas échéant, le tiers facilitateur mis à disposition."

    def build(self, page, data=None, files=None):
        doc = page.document
        return {
            "company": f.CompanyForm(
                data, prefix="company", initial=f.CompanyForm.initial_from(doc.get("company"))
            ),
            "facilitator": f.FacilitatorForm(
                data,
                prefix="facilitator",
                initial=f.FacilitatorForm.initial_from(doc.get("facilitator")),
            ),
        }

    def values(self, forms, page):
        return {
            "company": forms["company"].to_value(),
            "facilitator": forms["facilitator"].to_value(),
        }


class LearnerStep(Step):
    slug, title, sections = "salarie", "Salarié apprenant", ("learner",)
    template = "web/steps/simple.html"
    lead = (
        "Le salarié recruté : son éligibilité dépend de son âge, de son inscription comme "
        "demandeur d'emploi ou des minima sociaux qu'il perçoit."
    )

    def build(self, page, data=None, files=None):
        show = perms.can_see_benefits(page.user, page.row)
        return {
            "learner": contract_forms.LearnerForm(
                data, prefix="learner", initial=page.document.get("learner"), show_benefits=show
            )
        }

    def values(self, forms, page):
        value = forms["learner"].to_value()
        value.setdefault("benefits", (page.full_document.get("learner") or {}).get("benefits", []))
        return {"learner": value}


class ContractStep(Step):
    slug, title, sections = "contrat", "Contrat", ("contract",)
    template = "web/steps/simple.html"
    lead = "Un CDD ou un CDI ; l'action de professionnalisation dure de 6 à 12 mois."

    def build(self, page, data=None, files=None):
        return {
            "contract": contract_forms.ContractForm(
                data, prefix="contract", initial=page.document.get("contract")
            )
        }

    def values(self, forms, page):
        return {"contract": forms["contract"].to_value()}


class ReferentielStep(Step):
    slug, title, sections = "referentiel", "Référentiel métier", ("competences",)
    template = "web/steps/referentiel.html"
    row_template = "web/includes/competence_row.html"
    lead = (
        "Formalisation du besoin en compétences (action 1) : 12 compétences au plus, chacune "
        "rédigée « Être capable de + verbe d'action + contexte », avec son importance et le "
        "niveau de maîtrise attendu."
    )

    def build(self, page, data=None, files=None):
        items = page.document.get("competences") or []
        # A first blank row to start from; then the « Ajouter » button (add_row) adds them.
        fs = formset(f.CompetenceForm, max_num=MAX_COMPETENCES, extra=0 if items else 1)
        initial = [f.CompetenceForm.initial_from(c) for c in items]
        return {"competences": fs(data, prefix="competences", initial=initial)}

    def values(self, forms, page):
        return {"competences": rows_of(forms["competences"])}

    def extra(self, page, forms, index):
        return {
            "import_form": f.ReferentielImportForm(),
            "max_competences": MAX_COMPETENCES,
            "competences_full": forms["competences"].total_form_count() >= MAX_COMPETENCES,
        }


class PositioningStep(Step):
    slug, title, sections = "positionnement", "Positionnement initial", ("positioning",)
    template = "web/steps/positionnement.html"
    lead = (
        "Pour chaque compétence, le salarié s'auto-positionne depuis son compte et le tuteur "
        "évalue son niveau (0 non acquis à 4 expertise) ; le parcours s'adapte en conséquence."
    )

    def _locks(self, page) -> set[str]:
        # What the backend refuses (actions.update_section), shown read-only here.
        role = page.user.role
        if role == "learner":
            return {"assessed_level", "comment", "date"}
        if role == "tutor":
            return {"self_level", "date"}
        return set()

    def build(self, page, data=None, files=None):
        doc = page.document
        positioning = doc.get("positioning") or {}
        known = {e["competence"]: e for e in positioning.get("entries", [])}
        initial = [
            {**known.get(c["id"], {}), "competence": c["id"]} for c in doc.get("competences") or []
        ]
        fs = djforms.formset_factory(f.PositioningEntryForm, extra=0)(
            data, prefix="entries", initial=initial
        )
        head = f.SectionForm(
            data, prefix="positioning", initial={"date": positioning.get("date") or dt.date.today()}
        )
        head.fields["date"] = djforms.DateField(label="Date du positionnement", widget=f.DATE)
        locks = self._locks(page)
        for form in [head, *fs.forms]:
            for name in locks & set(form.fields):
                form.fields[name].disabled = True
        labels = {c["id"]: c for c in doc.get("competences") or []}
        for form in fs.forms:
            form.competence_info = labels.get(form.initial.get("competence"), {})
        return {"positioning": head, "entries": fs}

    def values(self, forms, page):
        entries = [form.to_value() for form in forms["entries"].forms]
        date = forms["positioning"].cleaned_data["date"]
        return {"positioning": {"date": f.iso(date), "entries": entries}}


class ParcoursStep(Step):
    slug, title, sections = "parcours", "Parcours de formation", ("modules",)
    template = "web/steps/parcours.html"
    live_template = "web/includes/parcours_live.html"
    lead = (
        "Construction du parcours (action 2) : chaque module couvre des compétences du "
        "référentiel. Le parcours représente 15 à 25 % de la durée du contrat et compte au "
        "moins 150 heures d'enseignement."
    )

    def build(self, page, data=None, files=None):
        doc = page.document
        kwargs = {
            "competences": doc.get("competences") or [],
            "trainers": doc.get("trainers") or [],
        }
        initial = [f.ModuleForm.initial_from(m) for m in doc.get("modules") or []]
        fs = formset(f.ModuleForm, extra=0 if initial else 1)(
            data, prefix="modules", initial=initial, form_kwargs=kwargs
        )
        return {"modules": fs}

    def values(self, forms, page):
        return {"modules": rows_of(forms["modules"])}

    def extra(self, page, forms, index):
        try:
            from parcours.domain.loading import parse_dossier

            data = dict(page.full_document)
            if forms["modules"].is_bound and forms["modules"].is_valid():
                data["modules"] = rows_of(forms["modules"])
            dossier = parse_dossier(data)
        except Exception:  # noqa: BLE001 - an unreadable candidate shows the saved figures
            from parcours.dossiers import convert

            dossier = convert.to_domain(page.row)
        live = live_figures(dossier)
        return {
            "matrix": coverage(dossier),
            "live": live,
            "gauges": [live["share"], live["teaching"]],
        }


class SequencesStep(Step):
    slug, title, sections = "sequences", "Séquences pédagogiques", ("sequences",)
    template = "web/steps/sequences.html"
    lead = (
        "Décrire une séquence pédagogique (action 3) : obligatoire pour la formation interne et "
        "l'AFEST ; la première séquence accompagne le dossier envoyé à l'OPCO. Une séquence AFEST "
        "alterne mises en situation de travail et séquences réflexives."
    )

    def build(self, page, data=None, files=None):
        doc = page.document
        kwargs = {
            "modules": doc.get("modules") or [],
            "trainers": doc.get("trainers") or [],
            "sessions": doc.get("sessions") or [],
            "date_url": reverse("web:sequence_date", args=[page.row.pk, "NAME"]),
        }
        initial = [SequenceForm.initial_from(s) for s in doc.get("sequences") or []]
        return {
            "sequences": formset(SequenceForm, extra=0 if initial else 1)(
                data, prefix="sequences", initial=initial, form_kwargs=kwargs
            )
        }

    def values(self, forms, page):
        return {"sequences": rows_of(forms["sequences"])}


class PeopleStep(Step):
    slug, title, sections = "tuteurs", "Tuteur et formateurs", ("tutor", "trainers")
    template = "web/steps/tuteurs.html"
    lead = (
        "Le tuteur est volontaire, justifie de 2 ans d'expérience et suit 3 alternants au plus "
        "(2 s'il est l'employeur). Chaque formateur interne est volontaire et expérimenté."
    )

    def build(self, page, data=None, files=None):
        doc = page.document
        trainers = doc.get("trainers") or []
        tutor = doc.get("tutor")
        if tutor is None and page.row.tutor is not None:
            # The tutor's account chosen at creation starts the tutor's block.
            tutor = {"name": page.row.tutor.get_full_name() or str(page.row.tutor)}
        return {
            "tutor": f.TutorForm(data, prefix="tutor", initial=tutor),
            "trainers": formset(f.TrainerForm, extra=0 if trainers else 1)(
                data, prefix="trainers", initial=trainers
            ),
        }

    def values(self, forms, page):
        return {"tutor": forms["tutor"].to_value(), "trainers": rows_of(forms["trainers"])}


class ReviewsStep(Step):
    slug, title, sections = "bilans", "Bilans prévus", ("reviews",)
    template = "web/steps/bilans.html"
    lead = (
        "Faire le bilan (action 8) : un bilan de suivi au 2e mois, un bilan au 6e mois et le "
        "bilan final au dernier mois de l'action."
    )

    def build(self, page, data=None, files=None):
        reviews = page.document.get("reviews") or []
        fs = formset(f.ReviewForm, extra=0 if reviews else 1)
        return {"reviews": fs(data, prefix="reviews", initial=reviews)}

    def values(self, forms, page):
        old = {r["id"]: r for r in page.full_document.get("reviews") or []}
        return {"reviews": [{**old.get(r["id"], {}), **r} for r in rows_of(forms["reviews"])]}


STEP_CLASSES = (
    CompanyStep,
    LearnerStep,
    ContractStep,
    ReferentielStep,
    PositioningStep,
    ParcoursStep,
    SequencesStep,
    PeopleStep,
    ReviewsStep,
)
STEPS_BY_SLUG = {cls.slug: cls() for cls in STEP_CLASSES}
