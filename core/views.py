"""The server-error page, which must render when nothing else works."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader


def server_error(request, template_name="500.html"):
    """Like Django's own handler, with the platform's name from the settings file: no database
    query (the database may be what failed) and no request context processors."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"site_name": settings.WAGTAIL_SITE_NAME}))
