"""« Versions du parcours »: every version of an accepted parcours, what each changes, the
version in force at a chosen date with its figures and findings, and the pending adaptation
or avenant with the buttons each role may use; the editor of a draft version; the avenant's
paper. Writes go through `parcours.amendments.actions`."""

from __future__ import annotations

import datetime as dt

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from parcours.amendments import actions, perms
from parcours.amendments import versions as v
from parcours.amendments.models import Kind, Party, State
from parcours.domain import text
from parcours.domain.loading import InvalidDossier as DomainInvalid
from parcours.domain.parcours_diff import compare
from parcours.domain.rules import check
from parcours.domain.wording import described
from parcours.dossiers import convert
from parcours.dossiers import perms as dossier_perms
from parcours.dossiers.errors import FieldError, InvalidDossier, StaleDossier
from parcours.web import forms as f
from parcours.web.amendment_forms import DatedForm, ReasonForm, VersionHeadForm
from parcours.web.findings import FindingIndex
from parcours.web.views.common import Page, posted_version
from parcours.web.views.steps import MAX_COMPETENCES, attach_errors, formset, rows_of

KIND_SLUGS = {"adaptation": Kind.ADAPTATION, "avenant": Kind.AVENANT}
PARTY_NAMES = {
    Party.COMPANY: "L'entreprise",
    Party.FACILITATOR: "Le tiers facilitateur",
    Party.OPCO: "L'OPCO",
    Party.LEARNER: "Le salarié apprenant",
}
STATUS_CLASS = {"ajouté": "added", "retiré": "removed", "modifié": "changed", "inchangé": "same"}
# What the actions' error paths designate, in words (the page never shows a path).
FIELD_WORDS = {
    "proposed_at": "La date d'envoi",
    "decided_at": "La date de la réponse",
    "signed_on": "La date de signature",
    "on": "La date",
    "explanation": "L'explication du changement",
    "reason": "Le motif",
    "party": "La partie signataire",
    "number": "La version",
    "kind": "Le changement du parcours",
    "sections": "La version du parcours",
    "status": "Le dossier",
    "version": "Le formulaire",
}


def said(error) -> str:
    """A field error as the page says it: what it is about, in words, then what is wrong."""
    label = FIELD_WORDS.get(getattr(error, "path", ""))
    if label:
        return f"{label} : {error.message}"
    return described(error)


def _page(request, pk) -> Page:
    return Page(request, dossier_perms.get_dossier_for(request.user, pk))


def _strip(page: Page, document: dict) -> dict:
    return document if perms.sees_money(page.user, page.row) else convert.strip_money(document)


# --- the page ----------------------------------------------------------------------------------


def _chosen_day(request) -> tuple[dt.date, str]:
    raw = (request.GET.get("au") or "").strip()
    if not raw:
        return v.today(), ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return v.today(), f"« {raw} » n'est pas une date : la version du jour est affichée."


def _at(page: Page, items, day: dt.date) -> dict:
    """The version in force on `day`, its figures and its findings (judged at that date)."""
    version = v.in_force_at(items, day)
    document = v.document_at(page.row, day)
    dossier = v.domain(document)
    report = dossier_perms.report_for(page.user, page.row, check(dossier, as_of=day))
    return {
        "day": day,
        "version": version,
        "figures": report.figures,
        "share": f"{text.number(report.figures.parcours_share * 100, 1)}\u00a0%",
        "bloquants": report.of_severity("bloquant"),
        "alertes": report.of_severity("alerte"),
    }


def _version_view(page: Page, items, version, document: dict) -> dict:
    """What the page shows of one version: its modules and competences, what changed from
    the version it changes (the initial one: its modules and competences as they are)."""
    base = v.previous(items, version)
    dossier = v.domain(_strip(page, v.version_document(page.row, version, document)))
    comparison = v.comparison(document, base, version) if base else compare(dossier, dossier)
    return {
        "v": version,
        "base": base,
        "comparison": comparison,
        "is_avenant": version.kind == Kind.AVENANT,
        "signatures": [
            {"label": PARTY_NAMES[p], "signed_on": version.signature(p)}
            for p in v.parties(document)
        ]
        if version.kind == Kind.AVENANT and version.state == State.ACCEPTED
        else [],
    }


def _signatures(page: Page, version, document: dict) -> list[dict]:
    allowed = perms.signable_parties(page.user, page.row)
    return [
        {
            "party": party.value,
            "label": PARTY_NAMES[party],
            "signed_on": version.signature(party),
            "form": DatedForm(prefix=f"signer-{party.value}", label="Signé le",
                              initial={"on": v.today()})
            if party.value in allowed and version.signature(party) is None
            else None,
        }
        for party in v.parties(document)
    ]  # fmt: skip


def _buttons(page: Page, items, pending, document: dict) -> dict:
    user, row = page.user, page.row
    first = v.first_held_review(document)
    before_first = v.review_before(document, v.today()) is None
    out = {
        "first_review": first,
        "can_propose": pending is None and before_first and perms.can_propose_adaptation(user, row),
        "can_draft": pending is None and first is not None and perms.can_draft_avenant(user, row),
        "adapt_requests": v.adapt_requests(document),
    }
    if pending is None:
        return out
    mine = perms.can_edit_draft(user, row, pending.kind)
    out["pending_actions"] = {
        "edit": pending.state == State.DRAFT and mine,
        "send": pending.state == State.DRAFT and mine,
        "answer_adaptation": pending.state == State.PROPOSED
        and pending.kind == Kind.ADAPTATION
        and perms.can_answer_adaptation(user, row),
        "decide_avenant": pending.state == State.PROPOSED
        and pending.kind == Kind.AVENANT
        and perms.can_decide_avenant(user, row),
    }
    today = {"on": v.today()}
    out["send_form"] = DatedForm(prefix="envoyer", label="Date d'envoi", initial=today)
    out["accept_form"] = DatedForm(prefix="accepter", label="Date de l'acceptation", initial=today)
    out["reason_form"] = ReasonForm(prefix="motif", label="Date de la réponse", initial=today)
    if pending.kind == Kind.AVENANT and pending.state == State.ACCEPTED:
        out["signatures"] = _signatures(page, pending, document)
    return out


def page_context(page: Page, request, **extra) -> dict:
    items = v.versions(page.row)
    document = page.full_document
    day, bad_day = _chosen_day(request)
    pending = v.pending(items)
    shown = [_version_view(page, items, x, document) for x in reversed(items)]
    context = page.context(
        "versions",
        items=items,
        shown=shown,
        pending=pending,
        pending_view=next((s for s in shown if pending and s["v"].pk == pending.pk), None),
        in_force=v.in_force_at(items, v.today()),
        at=_at(page, items, day) if items else None,
        bad_day=bad_day,
        status_class=STATUS_CLASS,
        versioned=page.row.status in v.VERSIONED_STATES,
        **_buttons(page, items, pending, document),
    )
    context.update(extra)
    return context


@login_required
def versions_page(request, pk):
    page = _page(request, pk)
    v.ensure_initial(page.row)
    return render(request, "web/amendments/page.html", page_context(page, request))


# --- the answers (one POST each) ---------------------------------------------------------------


def _dated(request, prefix: str, label: str):
    form = DatedForm(request.POST, prefix=prefix, label=label)
    if not form.is_valid():
        raise _bad(form)
    return form.cleaned_data["on"]


def _bad(form) -> InvalidDossier:
    return InvalidDossier(
        [FieldError(name, "; ".join(errors)) for name, errors in form.errors.items()]
    )


def _reason(request) -> tuple[dt.date, str]:
    form = ReasonForm(request.POST, prefix="motif", label="Date de la réponse")
    if not form.is_valid():
        raise _bad(form)
    return form.cleaned_data["on"], form.cleaned_data["reason"]


def _run(request, page: Page, number: int, action: str) -> str:
    row, user = page.row, page.user
    version = posted_version(request)
    if action == "envoyer":
        done = actions.submit(row, user, number, version, _dated(request, "envoyer", "Date"))
        return (
            "Adaptation proposée à l'entreprise."
            if done.kind == Kind.ADAPTATION
            else "Avenant soumis à l'OPCO."
        )
    if action == "abandonner":
        actions.discard_draft(row, user, number, version)
        return "Brouillon abandonné."
    if action == "accepter":
        target = next((x for x in v.versions(row) if x.number == number), None)
        on = _dated(request, "accepter", "Date")
        if target is not None and target.kind == Kind.AVENANT:
            actions.accept_avenant(row, user, number, version, on)
            return "Avenant accepté : il entre en vigueur une fois signé par toutes les parties."
        actions.accept_adaptation(row, user, number, version, on)
        return "Adaptation acceptée : le parcours en vigueur est mis à jour."
    if action == "decliner":
        on, reason = _reason(request)
        actions.decline_adaptation(row, user, number, reason, version, on)
        return "Adaptation déclinée."
    if action == "refuser":
        on, reason = _reason(request)
        actions.refuse_avenant(row, user, number, reason, version, on)
        return "Avenant refusé."
    if action == "signer":
        party = request.POST.get("party", "")
        on = _dated(request, f"signer-{party}", "Signé le")
        done = actions.record_signature(row, user, number, party, version, on)
        if done.in_force:
            return (
                "Signature enregistrée. L'avenant est signé par toutes les parties : il est en "
                f"vigueur depuis le {text.date(done.in_force_from)}."
            )
        return "Signature enregistrée."
    raise Http404("Action inconnue.")


ACTIONS = ("envoyer", "abandonner", "accepter", "decliner", "refuser", "signer")


@login_required
@require_POST
def version_action(request, pk, number, action):
    if action not in ACTIONS:
        raise Http404("Action inconnue.")
    page = _page(request, pk)
    try:
        done = _run(request, page, number, action)
    except (InvalidDossier, StaleDossier) as exc:
        conflict = exc.message if isinstance(exc, StaleDossier) else None
        errors = [said(e) for e in getattr(exc, "errors", [])]
        context = page_context(page, request, action_errors=errors, conflict=conflict)
        return render(request, "web/amendments/page.html", context, status=409 if conflict else 400)
    messages.success(request, done)
    return redirect("web:amendments", pk=pk)


# --- the editor of a draft ---------------------------------------------------------------------


def _posted_ids(data, prefix: str) -> list[str]:
    """The ids typed in a bound formset (for the modules' choice of competences)."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return []
    ids = []
    for i in range(min(total, 1000)):
        value = (data.get(f"{prefix}-{i}-id") or "").strip()
        if value and not data.get(f"{prefix}-{i}-DELETE"):
            ids.append(value)
    return ids


def _forms(page: Page, sections: dict, explanation: str, data=None) -> dict:
    document = page.full_document
    competences = sections["competences"]
    choices = (
        [{"id": i} for i in _posted_ids(data, "competences")] if data is not None else competences
    )
    contract = {**(document.get("contract") or {}), **sections["contract"]}
    head = VersionHeadForm(
        data,
        prefix="version",
        initial={
            "explanation": explanation,
            "action_start": contract.get("action_start"),
            "action_end": contract.get("action_end"),
            "weekly_hours": f.plain_numbers({"h": contract.get("weekly_hours")})["h"],
        },
    )
    modules = formset(f.ModuleForm, extra=0)(
        data,
        prefix="modules",
        initial=[f.ModuleForm.initial_from(m) for m in sections["modules"]],
        form_kwargs={"competences": choices, "trainers": document.get("trainers") or []},
    )
    refs = formset(f.CompetenceForm, max_num=MAX_COMPETENCES, extra=0)(
        data,
        prefix="competences",
        initial=[f.CompetenceForm.initial_from(c) for c in competences],
    )
    return {"version": head, "modules": modules, "competences": refs}


def _editor_context(page: Page, kind: str, forms: dict, draft=None, **extra) -> dict:
    context = page.context(
        "versions",
        kind=kind,
        kind_label=Kind(kind).label,
        draft=draft,
        forms=forms,
        editable=True,
        max_competences=MAX_COMPETENCES,
        **extra,
    )
    # The findings of the version in force would sit on fields the draft may have moved.
    context["index"] = FindingIndex([])
    return context


def _edit(request, page: Page, kind: str, draft=None):
    if not perms.can_edit_draft(page.user, page.row, kind):
        raise PermissionDenied("Vous ne pouvez pas rédiger cette version du parcours.")
    items = v.versions(page.row)
    base = draft or v.in_force_at(items, v.today())
    if base is None:
        raise Http404("Ce dossier n'a pas encore de parcours accepté.")
    explanation = draft.explanation if draft else ""
    if request.method == "GET":
        forms = _forms(page, base.sections, explanation)
        return render(
            request, "web/amendments/edit.html", _editor_context(page, kind, forms, draft)
        )
    forms = _forms(page, base.sections, explanation, request.POST)
    if not all(x.is_valid() for x in forms.values()):
        messages.error(
            request, "Le formulaire contient des erreurs : corrigez les champs signalés."
        )
        context = _editor_context(page, kind, forms, draft)
        return render(request, "web/amendments/edit.html", context, status=400)
    old = {m["id"]: m for m in base.sections["modules"]}
    modules = [
        {**({"real_cost": old[m["id"]].get("real_cost")} if m["id"] in old else {}), **m}
        for m in rows_of(forms["modules"])
    ]
    sections = {
        "competences": rows_of(forms["competences"]),
        "modules": modules,
        "contract": forms["version"].contract(),
    }
    explanation = forms["version"].cleaned_data["explanation"]
    try:
        saved = actions.save_draft(
            page.row,
            page.user,
            kind,
            sections,
            explanation,
            posted_version(request),
            draft.number if draft else None,
        )
    except StaleDossier as exc:
        context = _editor_context(page, kind, forms, draft, conflict=exc.message)
        return render(request, "web/amendments/edit.html", context, status=409)
    except (InvalidDossier, DomainInvalid) as exc:
        ours = [e for e in exc.errors if e.path in FIELD_WORDS]
        unplaced = [said(e) for e in ours] + attach_errors(
            forms, [e for e in exc.errors if e.path not in FIELD_WORDS]
        )
        messages.error(
            request, "La version n'a pas été enregistrée : corrigez les champs signalés."
        )
        context = _editor_context(page, kind, forms, draft, unplaced=unplaced)
        return render(request, "web/amendments/edit.html", context, status=400)
    messages.success(
        request,
        f"Brouillon de la version {saved.number} enregistré : relisez ce qui change, puis "
        "envoyez-le.",
    )
    return redirect("web:amendments", pk=page.row.pk)


@login_required
@require_http_methods(["GET", "POST"])
def new_version(request, pk, kind):
    if kind not in KIND_SLUGS:
        raise Http404("Nature de version inconnue.")
    page = _page(request, pk)
    v.ensure_initial(page.row)
    return _edit(request, page, KIND_SLUGS[kind])


@login_required
@require_http_methods(["GET", "POST"])
def edit_version(request, pk, number):
    page = _page(request, pk)
    draft = page.row.parcours_versions.filter(number=number, state=State.DRAFT).first()
    if draft is None:
        raise Http404("Aucun brouillon ne porte ce numéro.")
    return _edit(request, page, draft.kind, draft)


ROWS = {
    "modules": (f.ModuleForm, "Module", "web/includes/row.html"),
    "competences": (f.CompetenceForm, "Compétence", "web/includes/competence_row.html"),
}


@login_required
@require_http_methods(["GET"])
def add_row(request, pk, name):
    """One blank module or competence for the editor's « Ajouter » buttons (htmx)."""
    if name not in ROWS:
        raise Http404("Liste inconnue.")
    page = _page(request, pk)
    if not (
        perms.can_propose_adaptation(page.user, page.row)
        or perms.can_draft_avenant(page.user, page.row)
    ):
        raise PermissionDenied("Vous ne pouvez pas rédiger de version du parcours.")
    form_class, legend, template = ROWS[name]
    limit = MAX_COMPETENCES if name == "competences" else 1000
    raw = request.GET.get(f"{name}-TOTAL_FORMS", "")
    position = int(raw) if raw.isdigit() else 0
    if position >= limit:
        return HttpResponse(f"{limit} lignes au plus.", status=400)
    kwargs = {}
    if name == "modules":
        competences = [{"id": i} for i in _posted_ids(request.GET, "competences")] or (
            page.full_document.get("competences") or []
        )
        kwargs = {"competences": competences, "trainers": page.full_document.get("trainers") or []}
    fs = djforms.formset_factory(form_class, extra=0, can_delete=True)(
        prefix=name, form_kwargs=kwargs
    )
    form = fs.empty_form
    form.prefix = fs.add_prefix(position)
    first = next(n for n, fld in form.fields.items() if not fld.widget.is_hidden)
    form.fields[first].widget.attrs["autofocus"] = True
    context = {
        "form": form,
        "legend": legend,
        "template": template,
        "row": page.row,
        "index": FindingIndex([]),
        "total_name": f"{name}-TOTAL_FORMS",
        "total": position + 1,
        "full": position + 1 >= limit,
        "button_id": f"ajouter-{name}",
    }
    return render(request, "web/includes/added_row.html", context)


# --- the avenant's paper -----------------------------------------------------------------------


@login_required
def avenant_paper(request, pk, number):
    page = _page(request, pk)
    version = page.row.parcours_versions.filter(number=number, kind=Kind.AVENANT).first()
    if version is None or version.state != State.ACCEPTED:
        raise Http404("Aucun avenant accepté ne porte ce numéro.")
    content = v.avenant_pdf(page.row, version)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="avenant-version-{number}.pdf"'
    return response
