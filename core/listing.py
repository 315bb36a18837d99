"""Faceted listings: filters from the query string with per-value counts.

Shared by every listing: the studio directory, the case library, the resource library,
the handbooks, the work updates and the promoted results. Only values that a facet recognises are applied (a bad value is ignored, never
a 500); each facet's counts honour every *other* selected filter, so a visitor
sees how many items each choice would give. The number of queries is one per
facet plus the page of results, whatever the number of items.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Max, QuerySet, Value, When
from django.utils.functional import SimpleLazyObject, new_method_proxy
from django.utils.translation import gettext_lazy as _

from .choices import PROMOTION_RANKS


class Lazy(SimpleLazyObject):
    """A value computed when first used (``SimpleLazyObject``), which also compares, counts and
    adds like the value it stands for: a context value a kept template fragment may never read
    (``{% cache %}``, ``{% listing_fragment %}``), so that its queries run only when it is shown."""

    __ge__ = new_method_proxy(operator.ge)
    __le__ = new_method_proxy(operator.le)
    __int__ = new_method_proxy(int)
    __index__ = new_method_proxy(operator.index)
    __add__ = new_method_proxy(operator.add)
    __sub__ = new_method_proxy(operator.sub)
    __radd__ = new_method_proxy(lambda wrapped, other: other + wrapped)
    __rsub__ = new_method_proxy(lambda wrapped, other: other - wrapped)


@dataclass
class Facet:
    """One filter: ``?<name>=<value>`` applied as ``queryset.filter(<lookup>=<value>)``.

    ``choices`` lists the accepted ``(value, label)`` pairs in display order. When
    it is ``None`` the values come from the data (years, studios) and ``parse``
    validates a raw value (returning ``None`` for a bad one); ``label_for`` names them.
    """

    name: str
    label: str
    lookup: str
    choices: Sequence[tuple[str, str]] | None = None
    parse: Callable[[str], object | None] | None = None
    label_for: Callable[[object], str] = str
    descending: bool = False

    def clean(self, raw: str | None):
        if raw is None or raw == "":
            return None
        raw = raw.strip()
        if self.choices is not None:
            return raw if raw in {str(value) for value, _label in self.choices} else None
        if self.parse is not None:
            try:
                return self.parse(raw)
            except (TypeError, ValueError):
                return None
        return raw


def parse_year(raw: str) -> int | None:
    year = int(raw)
    return year if 1990 <= year <= 2100 else None


def parse_pk(raw: str) -> int | None:
    pk = int(raw)
    return pk if 0 < pk < 2**63 else None  # beyond a 64-bit key is no key (and overflows SQLite)


def promotion_rank(field_name: str):
    """部级 3, 省级 2, 校级 1, none 0: the promotion level of ``field_name`` as a number to sort by."""
    return Case(
        *(When(**{field_name: level}, then=Value(rank)) for level, rank in PROMOTION_RANKS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


@dataclass
class Sort:
    """One order of a listing, chosen with ``?sort=<name>``; ``annotations`` are added first."""

    name: str
    label: str
    order_by: Sequence[object]
    annotations: dict = field(default_factory=dict)


def newest_first(*order_by):
    return Sort("new", _("最新"), order_by or ("-first_published_at", "-pk"))


def by_promotion(*then, field_name: str = "promotions__level", aggregate: bool = True):
    """Highest promotion level first (then ``then``). ``field_name`` on the listed model itself
    (``aggregate=False``) or across a relation with several promotions per item (the highest)."""
    rank = promotion_rank(field_name)
    return Sort(
        "promotion",
        _("推介级别"),
        ("-promotion_rank", *(then or ("-first_published_at", "-pk"))),
        {"promotion_rank": Max(rank) if aggregate else rank},
    )


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]
    clear_url: str
    selected: bool = False


@dataclass
class FacetedListing:
    """Filter ``queryset`` by the request's recognised parameters and paginate it."""

    request: object
    queryset: QuerySet
    facets: Sequence[Facet]
    per_page: int = 12
    order_by: Sequence[str] = ("-first_published_at",)
    extra_params: dict = field(default_factory=dict)
    #: The orders a reader may choose (the first is the default); none: ``order_by``.
    sorts: Sequence[Sort] = ()
    #: The page types the listing shows (``"app_label.Model"``), for the fragment cache of its
    #: results (``ops.pagecache.fragment_version``): by default the queryset's model and the
    #: studio, whose name every card shows.
    types: Sequence[str] = ()
    #: Called with the page's results (a list) once they are read, to attach what the cards
    #: show (each update's studio, each handbook's chapter count); may return a new list.
    decorate: Callable | None = None

    def __post_init__(self):
        self.selected = {}
        for facet in self.facets:
            value = facet.clean(self.request.GET.get(facet.name))
            if value is not None:
                self.selected[facet.name] = value
        by_name = {sort.name: sort for sort in self.sorts}
        self.sort = by_name.get(self.request.GET.get("sort", "")) or (self.sorts[0] if self.sorts else None)
        if not self.types:
            self.types = (self.queryset.model._meta.label, "studios.StudioPage")

    # Filtering ---------------------------------------------------------------
    def _filter(self, queryset, exclude=None):
        for facet in self.facets:
            if facet.name != exclude and facet.name in self.selected:
                queryset = queryset.filter(**{facet.lookup: self.selected[facet.name]})
        return queryset

    def filtered(self):
        return self._filter(self.queryset).distinct()

    # URLs --------------------------------------------------------------------
    @property
    def sort_param(self):
        """``{"sort": name}`` when the reader chose an order other than the default."""
        if self.sort is None or self.sort is self.sorts[0]:
            return {}
        return {"sort": self.sort.name}

    def params(self, **changes):
        params = {**self.extra_params, **{k: str(v) for k, v in self.selected.items()}}
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = str(value)
        return {**params, **self.sort_param}  # the order last, whatever the filters

    def url(self, **changes):
        query = urlencode(self.params(**changes))
        return f"?{query}" if query else "?"

    @property
    def query_params(self):
        """The current filters as a query string, without ``page`` (for pagination links)."""
        return urlencode(self.params())

    # Facets ------------------------------------------------------------------
    def facet_groups(self):
        groups = []
        for facet in self.facets:
            rows = (
                self._filter(self.queryset, exclude=facet.name)
                .order_by()
                .values_list(facet.lookup)
                .annotate(n=Count("pk", distinct=True))
            )
            counts = {value: n for value, n in rows if value is not None}
            if facet.choices is not None:
                values = [(value, str(label)) for value, label in facet.choices]
            else:
                ordered = sorted(counts, reverse=facet.descending)
                values = [(value, facet.label_for(value)) for value in ordered]
            selected = self.selected.get(facet.name)
            options = [
                FacetOption(
                    value=str(value),
                    label=label,
                    count=counts.get(value, 0),
                    selected=selected is not None and str(selected) == str(value),
                    url=self.url(**{facet.name: None if str(selected) == str(value) else value}),
                )
                for value, label in values
            ]
            groups.append(
                FacetGroup(
                    name=facet.name,
                    label=facet.label,
                    options=options,
                    clear_url=self.url(**{facet.name: None}),
                    selected=selected is not None,
                )
            )
        return groups

    # Results -----------------------------------------------------------------
    def page(self):
        results = self.filtered()
        order_by = self.order_by
        if self.sort is not None:
            results = results.annotate(**self.sort.annotations)
            order_by = self.sort.order_by
        return Paginator(results.order_by(*order_by), self.per_page).get_page(self.request.GET.get("page"))

    def sort_options(self):
        """``[{"name", "label", "url", "selected"}]``: the orders, each keeping the filters."""
        if len(self.sorts) < 2:
            return []
        filters = {**self.extra_params, **{k: str(v) for k, v in self.selected.items()}}
        options = []
        for index, sort in enumerate(self.sorts):
            params = filters if index == 0 else {**filters, "sort": sort.name}
            options.append(
                {"name": sort.name, "label": sort.label, "url": "?" + urlencode(params), "selected": sort is self.sort}
            )
        return options

    @staticmethod
    def chips(groups):
        """The chosen filters as ``[{"group", "label", "url"}]``; ``url`` removes that one."""
        return [
            {"group": group.label, "label": option.label, "url": option.url}
            for group in groups
            for option in group.options
            if option.selected
        ]

    def vouch_for_query(self, page_obj):
        """Tell the page cache (ops.middleware) whether this query is one of the listing's own:
        every parameter a facet's valid value, or the page number actually shown. Otherwise
        the page is served but not kept (``?category=nonsense`` is the unfiltered listing)."""
        recognised = all(
            (name in self.selected and str(self.selected[name]) == value)
            or (name == "page" and value == str(page_obj.number))
            or (name == "sort" and self.sort_param.get("sort") == value)
            for name, value in self.request.GET.items()
        )
        if recognised:
            self.request.ops_query_canonical = True
        else:
            self.request.ops_no_cache = True

    def context(self):
        """Everything a listing template needs. What costs queries (the results, their count,
        the facet counts) is read when the template first shows it: not at all when the
        listing's fragment is kept (``{% listing_fragment %}``)."""
        computed = {}

        def read(name):
            if not computed:
                page_obj = self.page()
                if self.decorate is not None:
                    results = list(page_obj.object_list)
                    decorated = self.decorate(results)
                    page_obj.object_list = results if decorated is None else decorated
                self.vouch_for_query(page_obj)
                groups = self.facet_groups()
                computed.update(
                    page_obj=page_obj,
                    facets=groups,
                    filter_chips=self.chips(groups),
                    result_count=page_obj.paginator.count,
                )
            return computed[name]

        clear_params = {**self.extra_params, **self.sort_param}
        return {
            "listing": self,
            **{name: Lazy(partial(read, name)) for name in self.COMPUTED},
            "selected_filters": self.selected,
            "sort_options": self.sort_options(),
            "query_params": self.query_params,
            "clear_all_url": "?" + urlencode(clear_params) if clear_params else "?",
        }

    COMPUTED = ("page_obj", "facets", "filter_chips", "result_count")

    def fragment_key(self):
        """What the listing's results depend on besides the data: its address, filters, order and page."""
        return f"{self.request.path}?{urlencode(sorted(self.request.GET.items()))}"
