from django.contrib.auth import views as auth_views
from django.urls import path

from . import registration, views

app_name = "selection"

urlpatterns = [
    path("", views.index, name="index"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="selection/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("register/", registration.register, name="register"),
    path("register/confirm/<str:token>/", registration.confirm, name="confirm"),
    path("logout/", auth_views.LogoutView.as_view(next_page="selection:index"), name="logout"),
    path("apply/<slug:slug>/", views.apply, name="apply"),
    path("apply/<slug:slug>/check/", views.check, name="check"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/pdf/", views.detail_pdf, name="pdf"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("school/", views.school, name="school"),
    path("school/<slug:slug>/recommendations.xlsx", views.school_export, name="school_export"),
    path("province/<slug:slug>/", views.province, name="province"),
    path("province/<slug:slug>/ranking.xlsx", views.province_export, name="province_export"),
    path("expert/", views.expert, name="expert"),
    path("expert/<int:pk>/", views.expert_score, name="score"),
    path("<slug:slug>/publicity/", views.publicity, name="publicity"),
]
