"""« Mes calendriers »: the sessions as iCalendar files (one dossier, or « mes séances »
across a person's contracts) and the private subscription addresses of agenda apps."""

from __future__ import annotations

import datetime as dt

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from parcours.calendars import actions, ics
from parcours.calendars import perms as calendar_perms
from parcours.domain import ical
from parcours.dossiers import perms
from parcours.web.views.common import role_label

# The address shown once after its creation waits in the session for the next page view.
NEW_FEED_KEY = "calendar_new_feed"


class FeedForm(djforms.Form):
    label = djforms.CharField(
        label="Nom de l'appareil (facultatif)",
        max_length=actions.LABEL_MAX,
        required=False,
        help_text="Pour reconnaître l'adresse plus tard, par exemple « Téléphone ».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


def _ics_response(body: bytes, filename: str | None) -> HttpResponse:
    response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


def _upcoming(selections: list[ical.Selection], today: dt.date) -> int:
    return sum(
        1 for s in selections for session in ical.selected_sessions(s) if session.date >= today
    )


def _new_feed(request) -> dict | None:
    """The address created just before, shown once (and a QR code to scan with a phone)."""
    shown = request.session.pop(NEW_FEED_KEY, None)
    if not shown:
        return None
    import segno

    url = request.build_absolute_uri(reverse("web:calendar_feed", args=[shown["token"]]))
    webcal = "webcal://" + url.split("://", 1)[1]
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=4, border=2, title="QR code de l'adresse d'abonnement")
    return {"url": url, "webcal": webcal, "svg": svg, "label": shown.get("label", "")}


@login_required
@require_GET
def calendars(request):
    return _page(request, FeedForm())


def _page(request, form: FeedForm, status: int = 200):
    user = request.user
    if not calendar_perms.can_see_calendars_page(user):
        raise PermissionDenied("Les calendriers sont ceux des parties des contrats.")
    personal = calendar_perms.has_personal_calendar(user)
    selections = ics.personal_selections(user) if personal else []
    dossiers = perms.visible_dossiers(user).select_related("company").order_by("-updated_at")
    context = {
        "nav": "calendars",
        "role_label": role_label(user),
        "personal": personal,
        "contracts": len(selections),
        "upcoming": _upcoming(selections, timezone.localdate()),
        "feeds": calendar_perms.feeds_of(user).filter(revoked_at=None),
        "form": form,
        "new_feed": _new_feed(request) if personal else None,
        "dossiers": dossiers[:50],
        "more_dossiers": max(0, dossiers.count() - 50),
    }
    return render(request, "web/calendars/page.html", context, status=status)


@login_required
@require_POST
def create_feed(request):
    if not calendar_perms.can_create_feed(request.user):
        raise PermissionDenied("Seuls le salarié, le tuteur et le formateur ont un agenda.")
    form = FeedForm(request.POST)
    if form.is_valid():
        try:
            feed, raw = actions.create_feed(request.user, form.cleaned_data["label"])
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            request.session[NEW_FEED_KEY] = {"token": raw, "label": feed.label}
            messages.success(request, "Adresse d'abonnement créée : copiez-la maintenant.")
            return redirect("web:calendars")
    return _page(request, form, status=400)


@login_required
@require_POST
def revoke_feed(request, feed_id: int):
    # Someone else's subscription does not exist for this user.
    feed = get_object_or_404(calendar_perms.feeds_of(request.user), pk=feed_id)
    actions.revoke_feed(request.user, feed)
    name = f" « {feed.label} »" if feed.label else ""
    messages.success(
        request, f"Adresse{name} révoquée : l'agenda qui la lisait ne reçoit plus vos séances."
    )
    return redirect("web:calendars")


@login_required
@require_GET
def my_ics(request):
    if not calendar_perms.has_personal_calendar(request.user):
        raise PermissionDenied("Seuls le salarié, le tuteur et le formateur ont un agenda.")
    return _ics_response(ics.personal_ics(request.user), "mes-seances.ics")


@login_required
@require_GET
def dossier_ics(request, pk: int):
    row = perms.get_dossier_for(request.user, pk)
    return _ics_response(ics.dossier_ics(row), f"seances-dossier-{row.pk}.ics")


@require_GET
def feed(request, token: str):
    """The subscription address: no login, the token is the key. Unknown, revoked, or an
    owner whose account is closed: 404, as for any address that does not exist."""
    owner = actions.feed_owner(token)
    if owner is None:
        raise Http404("Calendrier introuvable.")
    return _ics_response(ics.personal_ics(owner), None)
