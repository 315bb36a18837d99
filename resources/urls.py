from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("<int:document_id>/", views.download, name="download"),
]
