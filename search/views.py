"""``/search/`` (HTML) and ``GET /api/search/`` (JSON), both over ``service.search``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from core.listing import FacetedListing, FacetGroup, FacetOption

from . import service
from .engines import get_engine, get_public_engine
from .engines.base import FACETS


class _Window:
    """A sequence of ``total`` items of which only the current page is loaded (for Paginator)."""

    def __init__(self, total, page, page_size, results):
        self.total, self.start, self.results = total, (page - 1) * page_size, results

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        if isinstance(item, slice):
            return self.results if item.start == self.start else []
        return self.results[item - self.start]


def _url(q, filters, sort=None, **changes):
    """A link to these results with ``changes``; ``sort`` (when not the default) comes last."""
    params = {"q": q, **{k: str(v) for k, v in filters.items()}}
    params.pop("exact", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    params = {k: v for k, v in params.items() if v != ""}
    if sort and sort != service.default_sort(params.get("q", "")):
        params["sort"] = sort
    return "?" + urlencode(params)


def _sort_options(response):
    """The orders as ``[{"name", "label", "url", "selected"}]`` (相关度 only with words), each
    keeping the words and filters; the listings' ``includes/sort_links.html`` shows them."""
    names = [name for name in service.SORT_LABELS if name != "relevance" or response.query.strip()]
    return [
        {
            "name": name,
            "label": service.SORT_LABELS[name],
            "url": _url(response.query, response.filters, name),
            "selected": name == response.sort,
        }
        for name in names
    ]


def _facet_groups(response):
    groups = []
    for name in FACETS:
        label = service.FACET_VOCABULARIES[name][0]
        selected = response.filters.get(name)
        options = [
            FacetOption(
                value=str(value),
                label=service.facet_label(name, value),
                count=count,
                selected=selected is not None and str(selected) == str(value),
                url=_url(
                    response.query,
                    response.filters,
                    response.sort,
                    **{name: None if str(selected) == str(value) else value},
                ),
            )
            for value, count in response.facets[name]
        ]
        if selected is not None and not any(o.selected for o in options):
            options.insert(
                0,
                FacetOption(
                    str(selected),
                    service.facet_label(name, selected),
                    0,
                    True,
                    _url(response.query, response.filters, response.sort, **{name: None}),
                ),
            )
        if options:
            groups.append(
                FacetGroup(
                    name=name,
                    label=str(label),
                    options=options,
                    clear_url=_url(response.query, response.filters, response.sort, **{name: None}),
                    selected=selected is not None,
                )
            )
    return groups


@require_GET
def search_page(request):
    context = {"search_query": request.GET.get("q", "")[: service.MAX_QUERY_LENGTH]}
    status = 200
    try:
        q, filters, page, page_size, exact = service.clean_params(request.GET, strict=False)
    except service.InvalidParameter as error:
        context["error"] = str(error)
        return TemplateResponse(request, "search/search.html", context, status=400)
    context["search_query"] = q
    sort = service.clean_sort(request.GET, q, strict=False)
    if q.strip() or filters:
        response = service.search(q, filters, page, page_size, exact=exact, sort=sort)
        if not response.results and response.total and page > 1:  # past the last page: show the last one
            last = max(1, -(-response.total // page_size))
            response = service.search(q, filters, last, page_size, exact=exact, sort=sort)
        sort = response.sort
        paginator = Paginator(_Window(response.total, response.page, page_size, response.results), page_size)
        page_obj = paginator.get_page(response.page)
        facets = _facet_groups(response)
        context.update(
            response=response,
            results=response.results,
            page_obj=page_obj,
            facets=facets,
            filter_chips=FacetedListing.chips(facets),
            sort_options=_sort_options(response) if response.total > 1 else [],
            sort_param=sort if sort != service.default_sort(q) else "",
            clear_all_url=_url(q, {}, sort),
            query_params=_url(q, filters, sort)[1:],
            exact_url=_url(q, filters, sort, exact=1) if response.corrections else None,
            suggestion_url=_url(response.suggestion, filters, sort) if response.suggestion else None,
            without_absent_url=_url(response.without_absent[0], filters, sort) if response.without_absent else None,
            partial_from=_partial_from(response),
            without_filters_url=_url(q, {}, sort) if filters and not response.total else None,
        )
    template_response = TemplateResponse(request, "search/search.html", context, status=status)
    if context.get("response") is not None and not _cacheable(context["response"]):
        template_response.ops_no_cache = True  # see ops.middleware.PageCacheMiddleware
    if "sort" in request.GET and request.GET["sort"] != context.get("sort_param"):
        # an unknown or default order shows a page kept under another address: serve, do not keep
        template_response.ops_no_cache = True
    return template_response


def _partial_from(response):
    """The position (in the page's results) of the first result lacking a word, or None."""
    for n, result in enumerate(response.results):
        if not result.matched_all:
            return n
    return None


def _cacheable(response):
    """Whether the anonymous full-page cache may keep this results page.

    The embedded engines change inside the page's own transaction and bump the cache
    generation (``sync.results_changed``); an external engine (Elasticsearch) is updated
    later by its worker, and a fallback answer carries a notice: neither is cached.
    """
    return not response.notice and get_public_engine() is get_engine()


@require_GET
def search_api(request):
    try:
        q, filters, page, page_size, exact = service.clean_params(request.GET, strict=True)
        sort = service.clean_sort(request.GET, q, strict=True)
    except service.InvalidParameter as error:
        return JsonResponse({"error": str(error)}, status=400, json_dumps_params={"ensure_ascii": False})
    response = service.search(q, filters, page, page_size, exact=exact, sort=sort)
    return JsonResponse(response.as_json(), json_dumps_params={"ensure_ascii": False})
