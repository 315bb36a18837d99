"""Count downloads once Wagtail has decided to serve the document."""

from django.dispatch import receiver
from wagtail.documents.models import document_served
from wagtail.signals import post_page_move

DOWNLOAD_FLAG = "_resource_download"


@receiver(document_served)
def count_resource_download(sender, instance, request, **kwargs):
    # Only downloads that came through the resource library's download view
    # (see resources.views.download) are counted; it marks them with the client.
    client = getattr(request, DOWNLOAD_FLAG, None)
    if client:
        from .models import DocumentDownload

        DocumentDownload.record(instance, client)


@receiver(post_page_move)
def follow_the_new_studio(sender, instance, **kwargs):
    # Wagtail saves a moved page as a plain Page, so the specific save() that keeps
    # ``studio`` in step with the parent does not run; redo it here.
    from .models import StudioOwnedPage

    if isinstance(sender, type) and issubclass(sender, StudioOwnedPage):
        page = sender.objects.get(pk=instance.pk)
        sender.objects.filter(pk=page.pk).update(studio_id=page._parent_studio_id())
