"""Business errors as HTTP answers, in French, the same shape everywhere:
`{"detail": "…", "errors": [{"path", "message"}], "reasons": […]}`."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

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


def install(api: NinjaAPI) -> None:
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
            request, 401, "Authentification requise : en-tête Authorization: Bearer <jeton>."
        )
