"""Page view restrictions, read at most once per request.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` each time it is
called, and a public page calls it several times (a studio profile lists its updates, cases,
handbooks and resources; the home page counts five page types). The table holds a handful
of rows that change only when an editor makes a section private, so during a request the
rows are read once and reused; a change to a restriction or a page move (which changes the
restricted paths) forgets them at once. Outside a request (shell, management commands) the
rows are read on every call, as Wagtail does.

The project's page models use :class:`SitePageManager` (``objects``), whose ``public()`` and
``private()`` build the same filter as Wagtail's from these rows; ``site_pages()`` gives the
same for ``Page`` itself.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

_state = Local()


def restricted_sections():
    """``[(path, depth)]`` of the pages that carry a view restriction (the sections they head)."""
    if not getattr(_state, "in_request", False):
        return load()
    if getattr(_state, "sections", None) is None:
        _state.sections = load()
    return _state.sections


def load():
    """``[(path, depth)]`` of the pages that carry a view restriction, read now."""
    return list(PageViewRestriction.objects.order_by().values_list("page__path", "page__depth"))


def prime(sections):
    """Use ``sections`` (``load()``'s rows, kept since the last change) for the current request."""
    if getattr(_state, "in_request", False):
        _state.sections = sections


def _request_started(**kwargs):
    _state.in_request = True
    _state.sections = None


def _request_finished(**kwargs):
    _state.in_request = False
    _state.sections = None


def forget(**kwargs):
    """Drop the rows read during this request (a restriction or the tree changed)."""
    _state.sections = None


def connect():
    request_started.connect(_request_started, dispatch_uid="home_restrictions_started")
    request_finished.connect(_request_finished, dispatch_uid="home_restrictions_finished")
    for signal in (post_save, post_delete):
        signal.connect(forget, sender=PageViewRestriction, dispatch_uid=f"home_restrictions_{id(signal)}")
    post_page_move.connect(forget, dispatch_uid="home_restrictions_moved")


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's ``private_q`` (each restricted page and its descendants), from the request's rows."""
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path) & Q(depth__gte=depth)
        # Match no page when no section is private.
        return q if q else Q(pk__in=[])


class SitePageManager(PageManager.from_queryset(SitePageQuerySet)):
    pass


def site_pages():
    """``Page.objects`` with the per-request view restrictions (for queries across page types)."""
    return SitePageQuerySet(Page)
