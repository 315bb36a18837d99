from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from outreach.api import api_router
from promotions import chooser

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Ahead of Wagtail's own page chooser, at the same addresses: only what the user may see.
    path("admin/choose-page/", include(chooser.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("promotions.urls")),
    path("", include("studios.urls")),
    path("", include("search.urls")),
    path("", include("ops.urls")),
    path("api/v2/", api_router.urls),
    path("", include("outreach.urls")),
    path("resources/download/", include("resources.urls")),
    path("selection/", include("selection.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Uploaded images and documents, served by Django only in development and the demo.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
handler500 = "core.views.server_error"
