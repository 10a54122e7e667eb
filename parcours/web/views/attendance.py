"""« Émargement »: the sessions of a running dossier and their lines; signing one's own line
in one tap, declaring an absence, handing out a one-time link / QR code, the shared tablet
and the public page of a link. Every write goes through `parcours.attendance.actions`,
which checks the rights again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from parcours.attendance import actions as attendance
from parcours.attendance.actions import hash_link_token
from parcours.attendance.errors import InvalidLink
from parcours.attendance.models import SigningLink
from parcours.domain.dossier import Signer, SigningMethod
from parcours.dossiers import convert, perms
from parcours.dossiers.errors import InvalidDossier
from parcours.web import attendance_forms as forms
from parcours.web.attendance_sheet import Sheet, is_company_side, session_when, signed_at_text
from parcours.web.views.common import Page

NOT_RUNNING = "Les séances ne s'émargent que pendant le contrat (dossier « en cours »)."


def _errors(exc: InvalidDossier) -> str:
    """The French messages only (never a field path), as a sentence: nothing was stored."""
    text = " ; ".join(getattr(e, "message", "") or str(e) for e in exc.errors)
    return (text[:1].upper() + text[1:] + ". Rien n'a été enregistré.") if text else ""


def _sheet(request, row) -> Sheet:
    return Sheet(request.user, row)


def _page_context(request, page: Page, sheet: Sheet, **extra):
    company = is_company_side(request.user)
    external = [
        v
        for v in sheet.sessions
        if v.provider_sheet and v.session.date <= sheet.today and v.lines[0].record is None
    ]
    sheet_form = extra.pop("sheet_form", None)
    if company and sheet.signing and sheet_form is None:
        sheet_form = forms.ProviderSheetForm(choices=_sheet_choices(external))
    return page.context(
        "emargement",
        sheet=sheet,
        sessions=sheet.visible_sessions(),
        to_sign=sheet.to_sign(),
        company_side=company,
        can_tablet=sheet.signing and (company or request.user.role == "trainer"),
        sheet_form=sheet_form if company and sheet.signing else None,
        **extra,
    )


def _sheet_choices(views):
    return [(v.session.id, f"{v.when} — {v.module_title}") for v in views]


@login_required
def sheet(request, pk):
    """The émargement page of a dossier."""
    page = Page(request, perms.get_dossier_for(request.user, pk))
    sheet = _sheet(request, page.row)
    return render(request, "web/attendance/page.html", _page_context(request, page, sheet))


def _line_answer(request, row, session_id, signer, *, error="", status=200, link=None):
    """htmx: the line again (its new state, or the error beside it); otherwise back to the
    page, or where the form said to go (the home)."""
    if request.htmx:
        line = _sheet(request, row).find(session_id, signer)
        if line is None:
            raise Http404("Ligne d'émargement inconnue.")
        context = {
            "row": row,
            "line": line,
            "error": error,
            "link": link,
            "show_session": request.POST.get("show_session") == "1",
        }
        return render(request, "web/attendance/line.html", context, status=status)
    if error:
        messages.error(request, error)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(reverse("web:attendance", args=[row.pk]) + f"#ligne-{session_id}-{signer}")


def _line(request, form_class=forms.LineForm, **kwargs):
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["session"], Signer(form.cleaned_data["signer"])


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "Formulaire incomplet."


@login_required
@require_POST
def sign(request, pk):
    """« Je signe »: the user signs their own line (from their account: phone or computer)."""
    row = perms.get_dossier_for(request.user, pk)
    form, session_id, signer = _line(request)
    if form.is_bound and session_id is None:
        return _bad(request, row, form.errors_text())
    try:
        attendance.sign_session(
            row, request.user, session_id, signer=signer, method=SigningMethod.ACCOUNT
        )
    except InvalidDossier as exc:
        return _line_answer(request, row, session_id, signer, error=_errors(exc), status=422)
    if not request.htmx:
        messages.success(request, "Séance signée. Merci !")
    return _line_answer(request, row, session_id, signer)


@login_required
@require_POST
def absence(request, pk):
    """An absence with its reason: on one's own line, or the learner's line by the company
    side or the session's trainer."""
    row = perms.get_dossier_for(request.user, pk)
    form, session_id, signer = _line(request, forms.AbsenceForm)
    if session_id is None:
        if form.errors.get("reason") and form.cleaned_data.get("session"):
            d = form.cleaned_data
            return _line_answer(
                request, row, d["session"], Signer(d["signer"]), error=_first_error(form),
                status=422,
            )  # fmt: skip
        return _bad(request, row, form.errors_text())
    reason = form.cleaned_data["reason"]
    try:
        attendance.record_absence(row, request.user, session_id, signer=signer, reason=reason)
    except InvalidDossier as exc:
        return _line_answer(request, row, session_id, signer, error=_errors(exc), status=422)
    if not request.htmx:
        messages.success(request, "Absence enregistrée.")
    return _line_answer(request, row, session_id, signer)


@login_required
@require_POST
def link(request, pk):
    """A one-time link and its QR code for one line (valid for that session and signer)."""
    row = perms.get_dossier_for(request.user, pk)
    form, session_id, signer = _line(request)
    if session_id is None:
        return _bad(request, row, form.errors_text())
    try:
        signing_link, token = attendance.create_signing_link(
            row, request.user, session_id, signer=signer
        )
    except InvalidDossier as exc:
        return _line_answer(request, row, session_id, signer, error=_errors(exc), status=422)
    shown = link_view(request, signing_link, token)
    if request.htmx:
        return _line_answer(request, row, session_id, signer, link=shown)
    page = Page(request, row)
    sheet = _sheet(request, row)
    shown["line"] = sheet.find(session_id, signer)
    context = _page_context(request, page, sheet, shown_link=shown)
    return render(request, "web/attendance/page.html", context)


def link_view(request, signing_link, token: str) -> dict:
    import segno

    url = request.build_absolute_uri(reverse("web:sign_link", args=[token]))
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=4, border=2, title="QR code du lien de signature")
    expires = getattr(signing_link, "expires_at", None)
    return {
        "url": url,
        "svg": svg,
        "expires": _local_time(expires) if expires else "",
        "session": getattr(signing_link, "session_id", "") or getattr(signing_link, "session", ""),
    }


def _local_time(value) -> str:
    local = timezone.localtime(value)
    return f"{local:%d/%m/%Y} à {local.hour}\u00a0h\u00a0{local.minute:02d}"


def _bad(request, row, message: str):
    if request.htmx:
        return render(request, "web/attendance/error.html", {"error": message}, status=400)
    messages.error(request, message)
    return redirect("web:attendance", pk=row.pk)


@login_required
@require_POST
def provider_sheet(request, pk):
    """The company side uploads an external provider's signed sheet for some sessions."""
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not is_company_side(request.user):
        raise PermissionDenied("Seule l'entreprise dépose les feuilles signées des organismes.")
    sheet = _sheet(request, page.row)
    choices = _sheet_choices(v for v in sheet.sessions if v.provider_sheet)
    form = forms.ProviderSheetForm(request.POST, request.FILES, choices=choices)
    if form.is_valid():
        d = form.cleaned_data
        try:
            records = attendance.upload_provider_sheet(
                page.row, request.user, d["sessions"], d["file"]
            )
        except InvalidDossier as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(
                request,
                f"Feuille déposée : {len(records)} ligne{'s' if len(records) > 1 else ''} "
                "émargée(s) d'après la feuille de l'organisme.",
            )
            return redirect("web:attendance", pk=pk)
    context = _page_context(request, page, sheet, sheet_form=form)
    return render(request, "web/attendance/page.html", context, status=400)


# --- the shared tablet ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tablet(request, pk, session):
    """One session on a shared device: each signer types their own identifiant and password
    (checked, never logged in: the tablet's session stays its opener's) and may draw."""
    page = Page(request, perms.get_dossier_for(request.user, pk))
    sheet = _sheet(request, page.row)
    view = sheet.session(session)
    if view is None:
        raise Http404("Séance inconnue.")
    if not sheet.signing:
        raise PermissionDenied(NOT_RUNNING)
    if not (is_company_side(request.user) or sheet.is_session_trainer(view.session)):
        raise PermissionDenied(
            "La tablette d'une séance s'ouvre par l'entreprise ou par le formateur de la séance."
        )
    errors, status, done = {}, 200, ""
    if request.method == "POST":
        form = forms.TabletForm(request.POST)
        status = 400
        if not form.is_valid():
            key = request.POST.get("session", "") + "-" + request.POST.get("signer", "")
            errors[key] = _first_error(form)
        else:
            d = form.cleaned_data
            signer, key = Signer(d["signer"]), f"{d['session']}-{d['signer']}"
            person = authenticate(request, username=d["username"], password=d["password"])
            if person is None or d["session"] != view.session.id:
                errors[key] = "Identifiant ou mot de passe incorrect : rien n'a été signé."
                status = 403 if person is None else 400
            else:
                try:
                    record = attendance.sign_session(
                        page.row,
                        person,
                        view.session.id,
                        signer=signer,
                        method=SigningMethod.TABLET,
                        drawn_signature=d["drawing"],
                    )
                except PermissionDenied:
                    errors[key] = (
                        f"Le compte « {person.get_username()} » n'est pas celui de cette ligne : "
                        "chacun signe sa propre ligne. Rien n'a été signé."
                    )
                    status = 403
                except InvalidDossier as exc:
                    errors[key] = _errors(exc)
                    status = 422
                else:
                    status = 200
                    done = f"Signé par {record_name(record)}."
                    sheet = _sheet(request, page.row)
                    view = sheet.session(session)
    context = page.context("emargement", view=view, sheet=sheet, errors=errors, done=done)
    return render(request, "web/attendance/tablet.html", context, status=status)


def record_name(record) -> str:
    name = getattr(record, "signer_name", "") or ""
    when = getattr(record, "signed_at", None)
    return f"{name}, {signed_at_text(record)}" if when else name


# --- the public page of a one-time link ------------------------------------------------


@require_http_methods(["GET", "POST"])
def sign_link(request, token):
    """No login: the link itself is the proof (one session, one signer, limited time)."""
    try:
        found = describe_link(attendance.open_link(token))
    except InvalidLink as exc:
        return _link_refused(request, token, exc)
    form = forms.LinkSignForm(request.POST or None)
    context = {"found": found, "form": form}
    if request.method == "GET":
        return render(request, "web/attendance/sign_link.html", context)
    if not form.is_valid():
        return render(request, "web/attendance/sign_link.html", context, status=400)
    try:
        record = attendance.sign_with_link(
            token,
            drawn_signature=form.cleaned_data["drawing"],
            session_id=request.POST.get("session") or None,
            signer=request.POST.get("signer") or None,
        )
    except InvalidLink as exc:
        return _link_refused(request, token, exc)
    except InvalidDossier as exc:
        context["error"] = _errors(exc)
        return render(request, "web/attendance/sign_link.html", context, status=422)
    done = {
        "found": found,
        "record": record,
        "signed_at": signed_at_text(record),
        "short_hash": record.hash[:12],
    }
    return render(request, "web/attendance/link_done.html", done)


def describe_link(signing_link) -> dict:
    """What the public page says: which session, whose line, until when."""
    row = signing_link.dossier
    schedule = convert.schedule(row)
    session = schedule.sessions.get(signing_link.session_id)
    if session is None:
        raise InvalidLink("Cette séance n'existe plus dans le dossier : rien ne peut être signé.")
    module = schedule.modules.get(session.module)
    signer = Signer(signing_link.signer)
    if signer == Signer.LEARNER:
        person, label = schedule.learner_name, "salarié(e) en contrat"
    else:
        trainer = schedule.trainers.get(schedule.session_trainer(session) or "")
        person, label = (trainer.name if trainer else "formateur"), "formateur"
    return {
        "when": session_when(session),
        "module": f"{module.id} «\u00a0{module.title}\u00a0»"
        if module and module.title
        else session.module,
        "person": person,
        "person_label": label,
        "session": session.id,
        "signer": signer.value,
        "expires": _local_time(signing_link.expires_at),
    }


def _link_refused(request, token, exc):
    """Unknown → 404; used, expired, another line → 410 (Gone). Nothing signed."""
    known = SigningLink.objects.filter(token_hash=hash_link_token(token)).exists()
    return render(
        request,
        "web/attendance/link_refused.html",
        {"message": exc.message},
        status=410 if known else 404,
    )
