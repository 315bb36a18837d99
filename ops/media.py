"""Image files at unguessable addresses.

Uploaded files are served by the web server straight from ``MEDIA_ROOT`` (no permission
check), so a file's address must not be guessable: a studio's image uploaded for a draft
update, or for a page that is private, would otherwise be found at
``/media/original_images/IMG_0001.jpg`` (and its renditions at
``/media/images/IMG_0001.max-165x165.jpg``, made for the admin's thumbnails on upload).

Documents are served through Wagtail's view with permission checks (``ops/security.py``);
images are public once used on a live page, so they keep being served directly, but
under a name that starts with 64 random bits: ``original_images/3f9c…e1_IMG_0001.jpg``.
Wagtail derives a rendition's name from the start of the original's name, so renditions
carry the same token (``images/3f9c…e1_IMG_0001.max-165x165.jpg``); when a long filter
spec leaves too little of that name to hold the whole token, the rendition gets a fresh
token of its own.

Wagtail's ``AbstractImage.get_upload_to`` is the documented hook for this (overridden in
a custom image model); the project keeps Wagtail's own image model, so ``install()``
(called from ``OpsConfig.ready``) wraps that method, and the rendition's, for every image
model.
"""

from __future__ import annotations

import os
import re
import secrets

from wagtail.images.models import AbstractImage, AbstractRendition

TOKEN_BYTES = 8  # 16 hex characters
MAX_PATH = 94  # FileField max_length 100, as Wagtail's own trimming leaves it
TOKENISED = re.compile(rf"[0-9a-f]{{{2 * TOKEN_BYTES}}}[._]")


def unguessable_name(path: str) -> str:
    """``original_images/a.jpg`` → ``original_images/<16 hex>_a.jpg``, trimmed to fit."""
    folder, name = os.path.split(path)
    stem, extension = os.path.splitext(name)
    token = secrets.token_hex(TOKEN_BYTES)
    room = MAX_PATH - len(folder) - 1 - len(token) - 1 - len(extension)
    return os.path.join(folder, f"{token}_{stem[: max(room, 1)]}{extension}")


def install():
    """Wrap ``get_upload_to`` of images (always a fresh token) and renditions (a token
    unless the name still starts with the original's whole token)."""
    if getattr(AbstractImage.get_upload_to, "unguessable", False):
        return
    image_upload_to = AbstractImage.get_upload_to
    rendition_upload_to = AbstractRendition.get_upload_to

    def get_image_upload_to(self, filename):
        return unguessable_name(image_upload_to(self, filename))

    def get_rendition_upload_to(self, filename):
        path = rendition_upload_to(self, filename)
        return path if TOKENISED.match(os.path.basename(path)) else unguessable_name(path)

    for cls, wrapper, vendor in (
        (AbstractImage, get_image_upload_to, image_upload_to),
        (AbstractRendition, get_rendition_upload_to, rendition_upload_to),
    ):
        wrapper.unguessable = True
        wrapper.__doc__ = vendor.__doc__
        cls.get_upload_to = wrapper
