"""QR codes encode the page's absolute URL; the case PDF is a real PDF of the case."""

import base64
import io
import re

import pypdf
import zxingcpp
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image
from wagtail.models import PageViewRestriction

from tests.factories import make_studio
from tests.outreach.builders import make_case


def decode_qr_data_uri(html):
    match = re.search(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert match, "no QR image in the HTML"
    image = Image.open(io.BytesIO(base64.b64decode(match.group(1))))
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1
    return results[0].text


def test_qr_include_encodes_the_pages_absolute_url(site_tree):
    studio = make_studio("星火班主任工作室", slug="星火")
    request = RequestFactory().get(studio.url)
    html = render_to_string("outreach/includes/qr.html", {"page": studio, "request": request})
    url = decode_qr_data_uri(html)
    assert url == studio.get_full_url(request)
    assert url.startswith("http") and "/studios/" in url
    assert f"本页二维码：{url}" in html


def test_qr_png_download_of_a_public_page(client, site_tree):
    studio = make_studio(slug="qr-studio")
    response = client.get(f"/share/{studio.pk}/qr.png")
    assert response["Content-Type"] == "image/png"
    result = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [r.text for r in result] == [studio.get_full_url()]
    draft = make_studio(slug="qr-draft", publish=False)
    assert client.get(f"/share/{draft.pk}/qr.png").status_code == 404


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "".join(page.extract_text() for page in reader.pages), reader


def test_case_pdf_is_a_pdf_with_the_title_and_body(client, site_tree):
    studio = make_studio("明灯班主任工作室", slug="mingdeng")
    case = make_case(studio, "住校新生不吃早饭的背后")
    response = client.get(f"/cases/{case.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text, reader = pdf_text(response.content)
    compact = re.sub(r"\s+", "", text)
    assert "住校新生不吃早饭的背后" in compact
    assert reader.metadata.title == "住校新生不吃早饭的背后"
    for fragment in (
        "一、案例背景",
        "住校生30人",
        "联系家长，约定每周两次视频通话。",
        "按时吃早饭",
        "明灯班主任工作室",
    ):
        assert fragment in compact


def test_pdf_of_draft_or_private_case_is_404(client, site_tree):
    studio = make_studio(slug="pdf-s")
    draft = make_case(studio, publish=False)
    private = make_case(studio)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/cases/{draft.pk}/pdf/").status_code == 404
    assert client.get(f"/cases/{private.pk}/pdf/").status_code == 404
    assert client.get(f"/cases/{studio.pk}/pdf/").status_code == 404


def test_case_page_shows_qr_of_its_url_and_a_working_pdf_link(client, site_tree):
    studio = make_studio("启明工作室", slug="qiming")
    case = make_case(studio, "家长会上的一封信")
    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert decode_qr_data_uri(html) == case.get_full_url()
    pdf_href = re.search(r'href="([^"]+/pdf/)"[^>]*>下载 PDF', html).group(1)
    pdf = client.get(pdf_href)
    assert pdf["Content-Type"] == "application/pdf"
    assert "家长会上的一封信" in re.sub(r"\s+", "", pdf_text(pdf.content)[0])


def test_studio_page_shows_qr_of_its_url(client, site_tree):
    studio = make_studio("启航工作室", slug="qihang-qr")
    html = client.get(studio.url).content.decode()
    assert decode_qr_data_uri(html) == studio.get_full_url()


def test_qr_data_uri_is_encoded_once_per_address(monkeypatch):
    """A page's QR code is the same on every view: it is encoded once, not on every request."""
    import segno

    from outreach import qr

    calls = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda *args, **kwargs: calls.append(args) or real_make(*args, **kwargs))
    url = "https://bzr.example.cn/studios/qr-once/"
    first = qr.qr_png_data_uri(url)
    assert qr.qr_png_data_uri(url) == first
    assert len(calls) == 1
    qr.qr_png_data_uri(url + "other/")
    assert len(calls) == 2
