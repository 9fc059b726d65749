from django.urls import path

from . import views
from .models import KIND_PATHS

app_name = "entities"
urlpatterns = [
    path(f"{prefix}/<slug:slug>/", views.entity_detail, {"kind": kind}, name=prefix)
    for kind, prefix in KIND_PATHS.items()
]
