"""Bounds on every request, before any view reads it: a body larger than allowed is answered
413 with a French message (JSON under /api/, a page elsewhere); a save that still finds the
SQLite database locked after waiting (settings: busy timeout) is answered 409."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

# A multipart form carries a file (signed paper, provider sheet, imported dossier): it may
# be as large as the largest file accepted, plus room for the form's other fields.
FORM_MARGIN = 1024 * 1024
FORMS = {"multipart/form-data", "application/x-www-form-urlencoded"}


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo" if size >= 1024 * 1024 else f"{size // 1024} ko"


def body_limit(request) -> int:
    if request.content_type == "multipart/form-data":
        return max(settings.SIGNED_DOCUMENT_MAX_BYTES, settings.REQUEST_MAX_BYTES) + FORM_MARGIN
    return settings.REQUEST_MAX_BYTES


def too_big_message(limit: int) -> str:
    return (
        f"Envoi trop volumineux (au plus {megabytes(limit)}) : rien n'a été enregistré. "
        "Allégez le fichier ou le texte envoyé, puis réessayez."
    )


LOCKED_MESSAGE = (
    "La base de données est occupée par un autre enregistrement : rien n'a été enregistré. "
    "Réessayez dans un instant."
)


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def refusal(request, status: int, message: str, title: str) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": message}, status=status)
    html = render_to_string(
        "web/refused.html", {"title": title, "message": message}, request=request
    )
    return HttpResponse(html, status=status)


def too_big(request, limit: int | None = None) -> HttpResponse:
    message = too_big_message(limit or body_limit(request))
    return refusal(request, 413, message, "Envoi trop volumineux")


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


def locked(request) -> HttpResponse:
    return refusal(request, 409, LOCKED_MESSAGE, "Enregistrement impossible pour l'instant")


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length > limit:
            return too_big(request, limit)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # A form's fields are read here, before the CSRF check would read them: past the
        # limit, a 413 that says so rather than the CSRF middleware's bare 400.
        if request.method == "POST" and request.content_type in FORMS:
            try:
                request.POST  # noqa: B018 (reading it is the point)
            except RequestDataTooBig:
                return too_big(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return too_big(request)
        if is_locked(exception):
            return locked(request)
        return None
