"""Business errors as HTTP answers, in French, the same shape everywhere:
`{"detail": "…", "errors": [{"path", "message"}], "reasons": […]}`."""

import json

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import OperationalError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from parcours.domain.loading import french_message, json_path
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused

INVALID = "Données invalides : voir « errors » pour chaque champ en cause."


SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
PARAMETERS = {"payload", "document"}


def _request_error(error: dict) -> dict[str, str]:
    # ninja prefixes the location with where the value came from ("body", "path"…) and
    # the view's parameter name; the caller knows neither.
    loc = list(error.get("loc", ()))
    if loc and loc[0] in SOURCES:
        loc = loc[1:]
    if len(loc) > 1 and loc[0] in PARAMETERS:
        loc = loc[1:]
    return {"path": json_path(tuple(loc)), "message": french_message(error)}


UNREADABLE = (
    "Corps de la requête illisible : un document JSON est attendu (les nombres sont finis : "
    "ni Infinity ni NaN, qui ne sont pas du JSON ; imbrication limitée)."
)


def _not_json(constant: str):
    raise ValueError(f"{constant} n'est pas du JSON")


class StrictJsonParser(Parser):
    """JSON as RFC 8259 defines it: Python's reader also accepts Infinity and NaN."""

    def parse_body(self, request):
        return json.loads(request.body, parse_constant=_not_json)


def install(api: NinjaAPI) -> None:
    from parcours.web import limits

    api.parser = StrictJsonParser()

    def respond(request, status, detail, **extra):
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(InvalidDossier)
    def invalid(request, exc):
        errors = [{"path": e.path, "message": e.message} for e in exc.errors]
        return respond(request, 422, INVALID, errors=errors)

    @api.exception_handler(ValidationError)
    def invalid_request(request, exc):
        return respond(request, 422, INVALID, errors=[_request_error(e) for e in exc.errors])

    @api.exception_handler(StaleDossier)
    def stale(request, exc):
        return respond(request, 409, exc.message, current_version=exc.current_version)

    @api.exception_handler(TransitionRefused)
    def refused(request, exc):
        return respond(request, 409, "Action impossible pour l'instant.", reasons=exc.reasons)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, str(exc) or "Accès refusé.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, "Introuvable (ou vous n'y avez pas accès).")

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        return respond(
            request,
            401,
            "Authentification requise : en-tête Authorization: Bearer <jeton>. Un jeton "
            "expiré, révoqué ou arrêté par un changement de mot de passe ne marche plus : "
            "créez-en un sur la page « Jetons d'API ».",
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        message = str(exc)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = UNREADABLE
        return respond(request, exc.status_code, message)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return respond(request, 413, limits.too_big_message(limits.body_limit(request)))

    @api.exception_handler(OperationalError)
    def locked(request, exc):
        if not limits.is_locked(exc):
            raise exc
        return respond(request, 409, limits.LOCKED_MESSAGE)
