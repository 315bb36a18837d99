"""Public views of the outreach app: robots.txt, the OpenAPI description, case PDFs, QR images."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cases.models import CasePage

from .openapi import openapi_document
from .qr import qr_png_bytes
from .sharing import absolute_url, page_url

ROBOTS_DISALLOW = ["/admin/", "/django-admin/"]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {absolute_url(reverse('outreach:sitemap'), request)}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def openapi_json(request):
    response = JsonResponse(openapi_document(absolute_url("", request)), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _public_page(page_id, model=None):
    queryset = (model.objects if model is not None else Page.objects).live().public()
    page = queryset.filter(pk=page_id).first()
    if page is None:
        raise Http404("页面不存在或未公开")
    return page.specific


@require_GET
@cache_control(max_age=86400, public=True)
def page_qr_png(request, page_id):
    """A downloadable PNG QR code of a public page's address (``/share/<id>/qr.png``)."""
    page = _public_page(page_id)
    return HttpResponse(qr_png_bytes(page_url(page, request)), content_type="image/png")


@require_GET
def case_pdf(request, page_id):
    """The case as a PDF, generated from the same content as its page (``/cases/<id>/pdf/``)."""
    from .pdf import case_pdf_bytes

    case = _public_page(page_id, CasePage)
    response = HttpResponse(case_pdf_bytes(case, request), content_type="application/pdf")
    filename = f"case-{case.pk}.pdf"
    response["Content-Disposition"] = f"inline; filename=\"{filename}\"; filename*=UTF-8''{_quote(case.title)}.pdf"
    return response


def _quote(text):
    from urllib.parse import quote

    return quote(text, safe="")
