"""Who may download a document through Wagtail's ``/documents/<id>/<filename>`` view.

The rule (a document is as public as the pages that show it):

* Editors who may choose or change documents in the document's collection always get it
  (they need it while writing drafts).
* A document in a private collection is left to Wagtail's collection privacy (login or
  password form).
* Anyone else gets the document only when a live, public page links to it (a body link, a
  chooser block, a case attachment, a resource file) or a non-page object (a snippet or a
  setting) does. A document used only by a draft or a private page, or by nothing at all,
  answers 404 – so guessing ``/documents/<id>/<name>`` reveals nothing of another studio's
  unpublished work.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry


def document_is_public(document):
    references = ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id")
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = set()
    for base_content_type_id, object_id in references:
        if base_content_type_id != page_type.pk:
            return True  # used by a snippet or a setting: no draft state
        page_ids.add(int(object_id))
    if not page_ids:
        return False
    for page in Page.objects.filter(pk__in=page_ids).live().only("path", "depth"):
        restricted = PageViewRestriction.objects.filter(
            page__path__in=[page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)]
        ).exists()
        if not restricted:
            return True
    return False


@hooks.register("before_serve_document", order=-10)
def serve_only_published_documents(document, request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        policy = policy_registry.get_by_type(get_document_model())
        if policy.user_has_any_permission_for_instance(user, ["change", "choose"], document):
            return None
    if document.collection.get_view_restrictions().exists():
        return None  # Wagtail's own hook asks for the login or the password
    if not document_is_public(document):
        raise Http404("文件不存在或尚未发布。")
    return None
