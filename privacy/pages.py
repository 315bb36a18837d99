"""The publish guard: no page with a blocking finding is ever published.

Two checks, at the two places every path to publication passes:

- ``Page.publish(revision)``: the editor's 发布, the last review step
  (``promotions.workflow.publish_approved``), bulk publishing, scheduled publishing
  (``publish_scheduled``), imports and ``revision.publish()`` in code. It refuses before anything
  is written, including a publication scheduled for later.
- ``save()`` of a live page that writes its content: what visitors read is the page row, so a page
  made live directly (``live=True`` then ``add_child``) or by Wagtail's publish action used on its
  own is refused as well.

Forms and review tasks check earlier to explain it in Chinese; these are the layers that cannot be
bypassed.
"""

from django.core.exceptions import PermissionDenied

from .content import page_report, text_field_names
from .models import PrivacyCheck, PrivacyConfirmation


class PrivacyBlocked(PermissionDenied):
    """Publishing (or approving) was refused: the content has blocking findings."""

    def __init__(self, page, items):
        self.page = page
        self.items = items
        super().__init__(blocked_message(page, items))


def blocked_message(page, items):
    listed = "；".join(item.describe() for item in items)
    title = getattr(page, "title", "") or ""
    return f"“{title}”含有学生或家庭的个人信息，不能提交审核或发布。请删除或改写后再提交：{listed}。"


def warnings_message(items):
    listed = "；".join(item.describe() for item in items)
    return f"以下内容可能涉及学生隐私：{listed}。请核实已使用化名或取得书面同意，并勾选“已使用化名或取得书面同意”后再提交。"


def privacy_blocking(page):
    """The blocking findings of ``page``'s latest revision (what a review approves); ``[]`` for other objects."""
    page = getattr(page, "specific", page)  # a workflow's content object is the base Page
    if not hasattr(page, "privacy_report"):
        return []
    if page.pk:
        page = page.get_latest_revision_as_object()
    return page.privacy_report().blocking


class PrivacyCheckedPage:
    """Mixed into every page type of the site (``core.models.SitePage``)."""

    #: A case body's images are photos of people: each one asks for consent.
    privacy_images_need_consent = False
    #: A studio's own profile may carry its office's contact (not a student's data).
    privacy_work_contacts_allowed = False

    def privacy_report(self, children=None, parent=None):
        return page_report(self, children, parent)

    def publish(self, revision, *args, **kwargs):
        content = revision.as_object()
        blocking = page_report(content).blocking
        if blocking:
            raise PrivacyBlocked(content, blocking)
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        """A live page's content is what visitors read: it is never written with a blocking finding
        (Wagtail's publish action, a page made live directly, any code that saves a live page)."""
        update_fields = kwargs.get("update_fields")
        writes_content = update_fields is None or bool(set(update_fields) & set(text_field_names(type(self))))
        if self.live and writes_content:
            blocking = page_report(self).blocking
            if blocking:
                raise PrivacyBlocked(self, blocking)
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        report = page_report(self)
        PrivacyCheck.objects.update_or_create(
            revision=revision,
            defaults={
                "blocking": [item.as_dict() for item in report.blocking],
                "warnings": [item.as_dict() for item in report.warnings],
            },
        )
        pending = self.__dict__.pop("_privacy_confirmation", None)
        if pending is not None:
            user, items = pending
            PrivacyConfirmation.objects.create(
                revision=revision, user=user, warnings=[item.as_dict() for item in items]
            )
        return revision
