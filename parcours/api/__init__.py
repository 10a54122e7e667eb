"""The REST API (django-ninja), mounted at /api/: token auth, the same permission
functions and actions as the pages. OpenAPI at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI

from parcours.api import errors
from parcours.api.amendments import router as amendments_router
from parcours.api.attendance import router as attendance_router
from parcours.api.auth import BearerToken
from parcours.api.check import router as check_router
from parcours.api.closing import router as closing_router
from parcours.api.convention_ending import router as convention_ending_router
from parcours.api.dossiers import router as dossiers_router
from parcours.api.funding import router as funding_router
from parcours.api.livret import router as livret_router
from parcours.api.onboarding import router as onboarding_router
from parcours.api.planning import router as planning_router
from parcours.api.portfolio import router as portfolio_router
from parcours.api.reviews import router as reviews_router
from parcours.api.signed_documents import router as signed_documents_router
from parcours.api.staff_training import router as staff_training_router

api = NinjaAPI(
    title="parcours",
    version="1",
    description="Dossiers de contrats de professionnalisation expérimentaux "
    "(format parcours-dossier/1).",
    auth=BearerToken(),
    urls_namespace="api",
)
errors.install(api)
api.add_router("/dossiers", dossiers_router)
api.add_router("/dossiers", signed_documents_router)
api.add_router("/dossiers", livret_router)
api.add_router("/dossiers", planning_router)
api.add_router("/dossiers", reviews_router)
api.add_router("/dossiers", attendance_router)
api.add_router("/dossiers", funding_router)
api.add_router("/dossiers", amendments_router)
api.add_router("/dossiers", closing_router)
api.add_router("/dossiers", staff_training_router)
api.add_router("/dossiers", onboarding_router)
api.add_router("/dossiers", convention_ending_router)
api.add_router("", check_router)
api.add_router("/opco", portfolio_router)
