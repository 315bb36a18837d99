from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from privacy.forms import check_page_form, confirmation_field

from .slugs import needs_pinyin, pinyin_slug


class SitePageForm(WagtailAdminPageForm):
    """The admin form of every page type of the site (``SitePage.base_form_class``).

    A page that has never been published takes its web address (slug) from its title as the
    editor types it; when a sibling already uses that address, the page gets the next free
    numbered one (``-2``, ``-3`` …) instead of an error about a field the editor never saw.
    A published page keeps its address unless the editor changes it, so a clash there is
    still reported.

    Submitting for review or publishing passes the privacy gate (``privacy.forms``): its
    ``privacy_confirmed`` box is shown by ``privacy.panels.PrivacyPanel``.
    """

    privacy_confirmed = confirmation_field()

    def is_valid(self):
        return super().is_valid() and check_page_form(self)

    def clean(self):
        slug = self.cleaned_data.get("slug")
        if slug and needs_pinyin(slug):  # a Chinese address becomes pinyin (core.slugs)
            slug = self.cleaned_data["slug"] = pinyin_slug(slug) or "page"
        if slug and self.parent_page is not None and not self.instance.first_published_at:
            self.cleaned_data["slug"] = free_slug(slug, self.parent_page, self.instance)
        return super().clean()


def free_slug(slug, parent_page, page=None):
    """``slug``, or ``slug-2``, ``slug-3`` … : the first one no other child of ``parent_page`` uses."""
    candidate, suffix = slug, 1
    while not Page._slug_is_available(candidate, parent_page, page):
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate
