import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from .models import ResourcePage
from .signals import DOWNLOAD_FLAG


def _may_view(page, request):
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def client_key(request):
    """Who is downloading, as a keyed hash of the client's address (the address login
    throttling uses, behind the trusted proxies): the address itself is never stored."""
    address = get_client_ip_address(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def download(request, document_id):
    """Serve a resource's file through Wagtail and count the download.

    The document must belong to a published resource that the visitor may see;
    Wagtail's own view then applies the collection privacy rules, the serve
    method and the content type. The count is added only when Wagtail actually
    serves the file (its ``document_served`` signal), for a GET (a HEAD asks only
    about the file), and once a day per client.
    """
    document = get_object_or_404(get_document_model(), pk=document_id)
    resources = list(ResourcePage.objects.live().filter(files__document=document).distinct().order_by("pk"))
    if not resources:
        raise Http404("该文件不属于已发布的资源。")
    if not any(_may_view(resource, request) for resource in resources):
        # The resource page asks for the login or the password, as Wagtail does.
        return redirect(resources[0].url)
    if request.method == "GET":
        setattr(request, DOWNLOAD_FLAG, client_key(request))
    return serve(request, document.pk, document.filename)
