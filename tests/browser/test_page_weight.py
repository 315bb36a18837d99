"""What a reader downloads on opening each page type: under 100 KB in under 12 requests, all
from the site itself (no outside fonts, scripts or frameworks). Prints the figures."""

from urllib.parse import urlsplit

import pytest

from .support import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAX_BYTES = 100_000
MAX_REQUESTS = 12

WEIGHT_JS = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return {
    bytes: nav.encodedBodySize + resources.reduce((sum, r) => sum + r.encodedBodySize, 0),
    requests: 1 + resources.length,
    urls: resources.map((r) => r.name),
  };
}
"""


@pytest.mark.parametrize("page_type", [name for name in PAGE_TYPES if name != "not-found"])
def test_page_weight(page, page_urls, page_type, live_site, viewport):
    response = page.goto(page_urls[page_type])
    assert response.status == 200
    page.wait_for_load_state("load")
    weight = page.evaluate(WEIGHT_JS)
    print(f"\n[weight] {page_type:<17} {viewport:<7} {weight['bytes'] / 1000:6.1f} KB {weight['requests']:3d} requests")
    assert weight["bytes"] < MAX_BYTES, f"{page_urls[page_type]}: {weight['bytes']} bytes"
    assert weight["requests"] < MAX_REQUESTS, f"{page_urls[page_type]}: {weight['requests']} requests {weight['urls']}"
    site_host = urlsplit(live_site.base_url).netloc
    outside = [url for url in weight["urls"] if urlsplit(url).netloc not in (site_host, "")]
    assert not outside, outside
