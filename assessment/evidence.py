"""Evidence: what of the studio's own work supports an indicator.

An indicator's evidence is what the studio linked to it in its self-evaluation, the closed
tasks of its ledger tagged to it, its activities tagged to it, and what the standard's data
file says speaks to it (``evidence`` rules: the studio's published pages of given types, its
activities, its member archives, its plan). Every item links to something on the site.
"""

from dataclasses import dataclass

from django.apps import apps
from wagtail.models import Page

from .choices import TaskStatus


def page_belongs(page, studio):
    """A live page at or below ``studio`` (its own published updates, cases, resources, handbooks)."""
    if page is None or studio is None or not studio.path:
        return False
    return page.live and page.path.startswith(studio.path)


def document_belongs(document, studio):
    space = getattr(studio, "space", None) if studio is not None and studio.pk else None
    if document is None or space is None:
        return False
    return document.collection_id == space.collection_id


@dataclass
class EvidenceItem:
    source: str  # where the suggestion comes from, e.g. 台账、活动、已发布内容
    label: str
    url: str
    date: object = None


def item_for(obj, source, label=None):
    """An EvidenceItem for a record carrying EvidenceFields (or ``None`` if it has none)."""
    if obj.evidence_page_id:
        page = obj.evidence_page
        return EvidenceItem(source, label or page.title, page.url or "", getattr(page.specific, "date", None))
    if obj.evidence_document_id:
        document = obj.evidence_document
        return EvidenceItem(source, label or document.title, document.url)
    return None


def _studio_pages(studio, model_paths):
    pages = Page.objects.live().public().descendant_of(studio)
    models = [apps.get_model(path) for path in model_paths]
    return pages.type(*models).order_by("-first_published_at") if models else pages.none()


class Suggestions:
    """Evidence of every third-level indicator of ``standard`` for ``studio`` in ``year``.

    Reads a fixed number of queries for the whole standard.
    """

    LIMIT = 6

    def __init__(self, studio, standard, year):
        from .models import Activity, AnnualPlan, MemberArchive

        self.studio, self.standard, self.year = studio, standard, year
        plan = AnnualPlan.objects.filter(studio=studio, year=year).first()
        self.plan = plan
        self.tasks = []
        if plan is not None:
            self.tasks = list(
                plan.tasks.filter(status=TaskStatus.DONE).select_related("evidence_page", "evidence_document")
            )
        self.activities = list(
            Activity.objects.counted().filter(studio=studio, date__year=year).select_related("update_page")
        )
        self.archive_count = MemberArchive.objects.filter(studio=studio).count()
        self._pages = {}

    def pages(self, model_paths):
        key = tuple(model_paths)
        if key not in self._pages:
            self._pages[key] = [page.specific for page in _studio_pages(self.studio, model_paths)[: self.LIMIT]]
        return self._pages[key]

    def for_indicator(self, indicator):
        items = []
        for task in self.tasks:
            if task.indicator_id == indicator.pk:
                item = item_for(task, "任务台账", f"{task.title}（{task.owner}）")
                if item:
                    items.append(item)
        rules = indicator.evidence_rules or {}
        for activity in self.activities:
            tagged = activity.indicator_id == indicator.pk
            by_rule = rules.get("activities") or (rules.get("public_activities") and activity.is_public)
            if (tagged or by_rule) and activity.update_page_id and activity.update_page.live:
                items.append(EvidenceItem("活动", activity.title, activity.update_page.url or "", activity.date))
        for page in self.pages(rules.get("pages", [])):
            items.append(EvidenceItem("已发布内容", page.title, page.url or ""))
        if rules.get("plan") and self.plan is not None:
            items.append(EvidenceItem("年度计划", str(self.plan), ""))
        if rules.get("archives") and self.archive_count:
            items.append(EvidenceItem("成长档案", f"{self.archive_count} 份成员成长档案", ""))
        return items

    def by_indicator(self):
        return {indicator.pk: self.for_indicator(indicator) for indicator in self.standard.third_level()}
