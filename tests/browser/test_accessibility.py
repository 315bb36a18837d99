"""axe-core on every public page type, on a desktop and a phone: no serious or critical violations."""

from urllib.parse import quote

import pytest

from .support import VIEWPORTS

# One worker runs them all under pytest-xdist (--dist loadgroup): one site, one demo load.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BLOCKING_IMPACTS = ("serious", "critical")

# Page type → how to reach it: a fixed path, or (page type to start from, link to follow there).
PAGE_TYPES = {
    "home": "/",
    "studio-directory": "/studios/",
    "studio": ("studio-directory", "main .card__title a"),
    "update": ("studio", "#updates .timeline__title a"),
    "case-library": "/cases/",
    "case": ("case-library", "main .card__title a"),
    "handbook-index": "/handbooks/",
    "handbook": ("handbook-index", "main .card__title a"),
    "chapter": ("handbook", "section.toc .toc__chapters > li > a"),
    "resource-library": "/resources/",
    "resource": ("resource-library", "main .card__title a"),
    "search": "/search/?q=" + quote("家校"),
    "search-empty": "/search/",
    "promoted": "/promoted/",
    "stats": "/stats/",
    "not-found": "/studios/" + quote("没有这个工作室") + "/",
}


@pytest.fixture(scope="package")
def page_urls(browser, live_site):
    """The path of one page of each type in the demo site, found by following links."""
    context = browser.new_context(base_url=live_site.base_url, **VIEWPORTS["desktop"])
    page = context.new_page()
    urls = {}
    try:
        for name, how in PAGE_TYPES.items():
            if isinstance(how, str):
                urls[name] = how
                continue
            start, selector = how
            page.goto(urls[start])
            href = page.locator(selector).first.get_attribute("href")
            assert href, f"no link {selector!r} on {urls[start]} to reach a {name} page"
            urls[name] = href
    finally:
        context.close()
    return urls


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture(scope="package")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(page, page_urls, page_type, axe, shot):
    response = page.goto(page_urls[page_type])
    assert response.status == (404 if page_type == "not-found" else 200), page_urls[page_type]
    page.wait_for_load_state("load")

    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    shot(page, "a11y", page_type)
    assert not blocking, f"axe-core on {page_urls[page_type]}:\n{describe(blocking)}"
    # axe really looked at the page (a page it could not read would pass every rule).
    assert results.response["passes"] or results.response["incomplete"]
