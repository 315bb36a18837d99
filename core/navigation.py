"""The site's menus, defined once: the header's main navigation and the footer's sections."""

# (address, label): the header, in the order national education portals use.
MAIN_NAV = [
    ("/", "首页"),
    ("/studios/", "工作室"),
    ("/cases/", "典型案例"),
    ("/promoted/", "推介成果"),
    ("/handbooks/", "工作手册"),
    ("/resources/", "资源库"),
    ("/notices/", "通知公告"),
]

# The footer adds what the header has no room for.
FOOTER_NAV = [
    ("/updates/", "工作动态"),
    ("/stats/", "数据统计"),
    ("/search/", "全站搜索"),
]


def _current(href, path):
    return path == "/" if href == "/" else path.startswith(href)


def navigation(request):
    """Context processor: ``main_nav`` and ``footer_nav`` as ``{"href", "label", "current"}``."""
    path = getattr(request, "path", "")
    return {
        "main_nav": [{"href": href, "label": label, "current": _current(href, path)} for href, label in MAIN_NAV],
        "footer_nav": [
            {"href": href, "label": label, "current": _current(href, path)} for href, label in MAIN_NAV[1:] + FOOTER_NAV
        ],
    }
