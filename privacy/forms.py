"""The editor's side of the gate: what the page form checks when it is submitted for review or published."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .pages import blocked_message, warnings_message

CONFIRMATION_LABEL = _("已使用化名或取得书面同意")


def confirmation_field():
    return forms.BooleanField(
        label=CONFIRMATION_LABEL,
        required=False,
        help_text=_(
            "文中可能涉及学生或家长的姓名、学校班级或照片时，请核实后勾选；确认将连同您的姓名和时间记录在本版本上"
        ),
    )


def requested_action(data):
    """``"submit"``, ``"publish"``, ``"approve"`` or ``None`` (a draft save, a send-back …)."""
    if "action-publish" in data:
        return "publish"
    if "action-submit" in data:
        return "submit"
    if "action-workflow-action" in data and str(data.get("workflow-action-name", "")).startswith("approve"):
        return "approve"
    return None


def submitted_children(form):
    """``{accessor: (label, [items])}`` of the inline items the editor submitted (each form's
    instance holds the submitted values once the form is valid)."""
    children = {}
    for name, formset in getattr(form, "formsets", {}).items():
        if name == "comments":
            continue
        items = [
            item.instance
            for item in formset.forms
            if getattr(item, "cleaned_data", None) and not item.cleaned_data.get("DELETE")
        ]
        children[name] = (str(formset.model._meta.verbose_name), items)
    return children


def check_page_form(form):
    """Add the gate's errors to a valid page ``form``; ``True`` when it may go on.

    A draft may be saved with findings (nothing is lost; the editor sees them); submitting for
    review, publishing or approving needs no blocking finding, and the editor's confirmation for
    the warnings (recorded on the revision by ``PrivacyCheckedPage.save_revision``).
    """
    page = form.instance
    action = requested_action(form.data)
    if action is None or not hasattr(page, "privacy_report"):
        return True
    report = page.privacy_report(submitted_children(form), parent=getattr(form, "parent_page", None))
    if report.blocking:
        form.add_error(None, blocked_message(page, report.blocking))
        return False
    if report.warnings and action != "approve":
        if not form.cleaned_data.get("privacy_confirmed"):
            form.add_error(None, warnings_message(report.warnings))
            return False
        page._privacy_confirmation = (getattr(form, "for_user", None), report.warnings)
    return True
