"""The admin page chooser (``/admin/choose-page/…``), showing only what the user may see.

Wagtail's ``construct_page_chooser_queryset`` hook (wagtail_hooks.py) filters the pages listed
when browsing and searching; these views add what the hook cannot reach: the page being
browsed (its title heads the listing), the chosen pages sent back to the editor, and the
titles of pages the user may not edit (the published one, never a pending draft's). They are
routed ahead of Wagtail's own, at the same addresses (config/urls.py).
"""

from django.http import Http404
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core import converters  # noqa: F401 - registers <id:…>

from .visibility import show_published_title, user_may_see_page, visible_pages


class PublishedTitleColumn(chooser.PageTitleColumn):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_cell_context_data(self, instance, parent_context):
        show_published_title(self.user, [instance])
        return super().get_cell_context_data(instance, parent_context)


class PublishedParentColumn(chooser.ParentPageColumn):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_value(self, instance):
        parent = super().get_value(instance)
        show_published_title(self.user, [parent])
        return parent


def _with_published_titles(columns, user):
    replaced = []
    for column in columns:
        if isinstance(column, chooser.PageTitleColumn):
            column = PublishedTitleColumn(
                column.name, label=column.label, is_multiple_choice=column.is_multiple_choice, user=user
            )
        elif isinstance(column, chooser.ParentPageColumn):
            column = PublishedParentColumn(column.name, label=column.label, user=user)
        replaced.append(column)
    return replaced


class BrowseView(chooser.BrowseView):
    @property
    def columns(self):
        return _with_published_titles(super().columns, self.request.user)

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = Page.objects.filter(pk=parent_page_id).first()
            if parent is None or not user_may_see_page(request.user, parent):
                raise Http404
        return super().get(request, parent_page_id)


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return _with_published_titles(super().columns, self.request.user)


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        pages = list(visible_pages(request.user, Page.objects.filter(pk__in=ids)).specific())
        show_published_title(request.user, pages)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("", BrowseView.as_view()),
            path("<id:parent_page_id>/", BrowseView.as_view()),
            path("search/", SearchView.as_view()),
            path("chosen-multiple/", ChosenMultipleView.as_view()),
        ],
        require_admin_access,
    ),
    never_cache,
)
