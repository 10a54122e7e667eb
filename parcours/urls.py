from django.contrib import admin
from django.urls import include, path

from parcours.api import api

urlpatterns = [
    path("", include("parcours.web.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
