"""axe-core on every public page type, on a desktop and a phone: no serious or critical violations."""

import pytest

from .support import PAGE_TYPES

# One worker runs them all under pytest-xdist (--dist loadgroup): one site, one demo load.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BLOCKING_IMPACTS = ("serious", "critical")


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
