"""The admin home (dashboard) for the platform's roles.

A studio editor sees their studio's home: the four things they come to do and where their
work stands (drafts, under review and at which step, sent back with the reviewer's comment,
published). A reviewer sees what waits for them, oldest first, with how long it has waited.
Each panel reads a fixed number of queries however long its lists are.
"""

from django.contrib.auth.models import Group
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import RecentEditsPanel
from wagtail.models import Page, TaskState, WorkflowState, get_default_page_content_type

from privacy.review import NOT_CHECKED, review_summaries
from studios.models import StudioPage

from .models import ScopedGroupApprovalTask, StudioSpace
from .review import REVIEW_QUEUE_ANCHOR
from .scope import reviewer_profile

LIST_LIMIT = 8


def editor_studios(user):
    """The studios ``user`` edits (through their studios' editors' groups), by title."""
    if not user.is_authenticated:
        return []
    spaces = StudioSpace.objects.filter(group__in=Group.objects.filter(user=user)).select_related("studio")
    return sorted((space.studio for space in spaces), key=lambda studio: studio.title)


def is_reviewer(user):
    return user.is_superuser or reviewer_profile(user) is not None


def add_url(model_path, parent):
    """The create form; after 提交审核 the editor comes back here, to see it under 审核中."""
    app_label, model_name = model_path.split(".")
    url = reverse("wagtailadmin_pages:add", args=[app_label, model_name.lower(), parent.pk])
    return f"{url}?{urlencode({'next': reverse('wagtailadmin_home')})}"


def edit_url(page, back_home=False):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return f"{url}?{urlencode({'next': reverse('wagtailadmin_home')})}" if back_home else url


def page_type_label(page):
    model = page.specific_class
    return model._meta.verbose_name if model else ""


class EditableRecentEditsPanel(RecentEditsPanel):
    """Wagtail's 最近编辑, listing only the pages the user may still open in the editor.

    A reviewer who approves in the editor saves a revision in their name; once the page has
    passed their step, its editor answers them with a permission error."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["last_edits"] = [
            (edited_at, page) for edited_at, page in context["last_edits"] if page.permissions_for_user(user).can_edit()
        ]
        return context


class StudioOverview:
    """Where a studio's work stands: drafts, under review, sent back, published."""

    def __init__(self, studio, request, limit=LIST_LIMIT):
        self.studio = studio
        self.edit_studio_url = edit_url(studio, back_home=True)
        self.add_update_url = add_url("studios.StudioUpdatePage", studio)
        self.add_case_url = add_url("cases.CasePage", studio)
        self.add_resource_url = add_url("resources.ResourcePage", studio)
        self.explore_url = reverse("wagtailadmin_explore", args=[studio.pk])

        pages = Page.objects.descendant_of(studio, inclusive=True)
        states = list(
            WorkflowState.objects.active()
            .filter(
                base_content_type=get_default_page_content_type(),
                object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
            )
            .select_related("current_task_state__task", "current_task_state__finished_by", "requested_by")
            .order_by("-current_task_state__started_at")
        )
        in_workflow = {int(state.object_id): state for state in states}
        titles = pages.filter(pk__in=list(in_workflow)).in_bulk()
        self.in_review, self.sent_back = [], []
        for page_id, state in in_workflow.items():
            page = titles.get(page_id)
            task_state = state.current_task_state
            if page is None or task_state is None:
                continue
            item = {
                "page": page,
                "type": page_type_label(page),
                "edit_url": edit_url(page, back_home=True),
                "task_state": task_state,
            }
            if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                self.sent_back.append(item)
            else:
                self.in_review.append(item)

        drafts = pages.filter(Q(live=False) | Q(has_unpublished_changes=True)).exclude(pk__in=list(in_workflow))
        self.draft_count = drafts.count()
        self.drafts = [
            {"page": page, "type": page_type_label(page), "edit_url": edit_url(page, back_home=True)}
            for page in drafts.order_by("-latest_revision_created_at", "-pk")[:limit]
        ]
        published = Page.objects.descendant_of(studio).live().order_by("-last_published_at", "-pk")[:limit]
        self.published = [
            {
                "page": page,
                "type": page_type_label(page),
                "edit_url": edit_url(page, back_home=True),
                "url": page.get_url(request),
            }
            for page in published
        ]


class StudioHomePanel(Component):
    """The studio editor's home: big actions and the studio's work by state."""

    name = "studio_home"
    template_name = "promotions/dashboard/studio_home.html"
    order = 50

    class Media:
        css = {"all": ["promotions/css/admin-home.css"]}

    def __init__(self, studios):
        self.studios = studios

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"overviews": [StudioOverview(studio, request) for studio in self.studios], "request": request}


class ReviewQueuePanel(Component):
    """待我审核: the submissions at a step the reviewer may act on, the longest waiting first.

    A submission opens in its preview, not in the page editor: reviewers hold no page
    permissions, and the editor's preview panel, history and usage views ask for them."""

    name = "review_queue"
    template_name = "promotions/dashboard/review_queue.html"
    order = 60

    class Media:
        css = {"all": ["promotions/css/admin-home.css"]}

    def __init__(self, show_when_empty=True):
        self.show_when_empty = show_when_empty

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["items"] and not self.show_when_empty:
            return ""
        return get_template(self.template_name).render(context)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = list(
            TaskState.objects.reviewable_by(request.user)
            .filter(workflow_state__base_content_type=get_default_page_content_type())
            .select_related("task", "workflow_state__requested_by")
            .order_by("started_at", "pk")
        )
        pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
        studios = studios_of(pages.values())
        privacy_checks = review_summaries(pages.values())
        now = timezone.now()
        items = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id))
            if page is None:
                continue
            privacy = privacy_checks.get(page.pk, NOT_CHECKED)
            items.append(
                {
                    "page": page,
                    "type": page_type_label(page),
                    "studio": studios.get(page.pk),
                    "task_state": state,
                    "submitted_by": state.workflow_state.requested_by,
                    "days": (now - state.started_at).days,
                    "actions": self.actions(state, page, request.user, approvable=not privacy["blocking"]),
                    "privacy": privacy,
                    "preview_url": reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, state.task_id]),
                }
            )
        return {
            "items": items,
            "anchor": REVIEW_QUEUE_ANCHOR,
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
        }

    @staticmethod
    def actions(state, page, user, approvable=True):
        """``[(label, url, needs a comment form)]``; the scoped task's are known without a query.

        Content holding students' personal information (not ``approvable``) can only be sent back.
        """
        task = state.task.specific if state.task.specific_class is not ScopedGroupApprovalTask else None
        choices = ScopedGroupApprovalTask.ACTIONS if task is None else task.get_actions(page, user)
        if not approvable:
            choices = [choice for choice in choices if choice[0] != "approve"]
        return [
            (label, reverse("wagtailadmin_pages:workflow_action", args=[page.pk, name, state.pk]), modal)
            for name, label, modal in choices
        ]


def studios_of(pages):
    """``{page pk: StudioPage}`` for the studios owning ``pages``, in one query."""
    steplen = Page.steplen
    paths = {
        page.pk: [page.path[:n] for n in range(steplen, len(page.path) + 1, steplen)] for page in pages if page.path
    }
    wanted = {path for ancestor_paths in paths.values() for path in ancestor_paths}
    by_path = {studio.path: studio for studio in StudioPage.objects.filter(path__in=wanted).only("title", "path")}
    owners = {}
    for page_id, ancestor_paths in paths.items():
        owners[page_id] = next((by_path[path] for path in ancestor_paths if path in by_path), None)
    return owners
