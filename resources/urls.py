from django.urls import path

from core import converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "resources"

urlpatterns = [
    path("<id:document_id>/", views.download, name="download"),
]
