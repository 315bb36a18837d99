from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from core import converters  # noqa: F401 - registers <id:…>

from . import feeds, views

# The API v2 router (outreach.api.api_router) has its own namespace and is included from config.urls.
app_name = "outreach"

urlpatterns = [
    path("feeds/updates/", feeds.UpdatesFeed(), name="feed_updates"),
    path("feeds/studios/<str:slug>/", feeds.StudioUpdatesFeed(), name="feed_studio"),
    path("feeds/cases/", feeds.CasesFeed(), name="feed_cases"),
    path("feeds/notices/", feeds.NoticesFeed(), name="feed_notices"),
    path("api/openapi.json", views.openapi_json, name="openapi"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("cases/<id:page_id>/pdf/", views.case_pdf, name="case_pdf"),
    path("share/<id:page_id>/qr.png", views.page_qr_png, name="page_qr"),
]
