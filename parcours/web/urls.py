from django.contrib.auth import views as auth_views
from django.urls import path

from parcours.web.views import (
    calendars,
    documents,
    dossier,
    opco,
    people,
    referentiel,
    steps,
    submission,
    team,
)

app_name = "web"

urlpatterns = [
    path("", dossier.dashboard, name="dashboard"),
    path("connexion/", dossier.Login.as_view(), name="login"),
    # Django's default LOGIN_URL, until settings name the French one.
    path("accounts/login/", dossier.Login.as_view(), name="login_default"),
    path("deconnexion/", auth_views.LogoutView.as_view(next_page="web:login"), name="logout"),
    path("equipe/", team.team, name="team"),
    path("calendriers/", calendars.calendars, name="calendars"),
    path("calendriers/abonnements/", calendars.create_feed, name="calendar_create"),
    path("calendriers/abonnements/<int:feed_id>/revoquer/", calendars.revoke_feed,
         name="calendar_revoke"),
    path("calendriers/mes-seances.ics", calendars.my_ics, name="my_ics"),
    path("calendrier/<str:token>.ics", calendars.feed, name="calendar_feed"),
    path("mot-de-passe/<uidb64>/<token>/", team.SetPassword.as_view(), name="set_password"),
    path("dossiers/nouveau/", dossier.create, name="create"),
    path("dossiers/importer/", dossier.import_json, name="import_json"),
    path("dossiers/<int:pk>/", dossier.overview, name="overview"),
    path("dossiers/<int:pk>/historique/", dossier.history, name="history"),
    path("dossiers/<int:pk>/export.json", dossier.export_json, name="export_json"),
    path("dossiers/<int:pk>/seances.ics", calendars.dossier_ics, name="dossier_ics"),
    path("dossiers/<int:pk>/referentiel/import/", referentiel.import_xlsx, name="import_xlsx"),
    path("dossiers/<int:pk>/documents/", documents.documents, name="documents"),
    path("dossiers/<int:pk>/documents/<int:doc_id>/", documents.download, name="download"),
    path("dossiers/<int:pk>/documents/du-dossier/", documents.papers_list, name="papers"),
    path("dossiers/<int:pk>/documents/du-dossier/<slug:name>.<slug:fmt>", documents.paper,
         name="paper"),
    path("dossiers/<int:pk>/documents/livret/", documents.livret, name="livret"),
    path("dossiers/<int:pk>/acces/", people.people, name="people"),
    path("dossiers/<int:pk>/soumission/", submission.submission, name="submission"),
    path("dossiers/<int:pk>/soumission/justifier/", submission.justify, name="justify"),
    path("dossiers/<int:pk>/soumission/envoyer/", submission.submit, name="submit"),
    path("dossiers/<int:pk>/<slug:slug>/", steps.step_view, name="step"),
    path("dossiers/<int:pk>/<slug:slug>/ligne/", steps.add_row, name="step_row"),
    path("opco/", opco.queue, name="opco_queue"),
    path("opco/dossiers/<int:pk>/", opco.review, name="opco_review"),
    path("opco/dossiers/<int:pk>/<str:decision>/", opco.decide, name="opco_decide"),
]  # fmt: skip
