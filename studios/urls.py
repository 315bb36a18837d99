from django.urls import path

from . import views

app_name = "studios"

urlpatterns = [
    path("updates/", views.updates, name="updates"),
]
