"""Uploaded images lose their EXIF metadata (GPS position, camera, owner) before they are stored.

Wagtail keeps the original file of every image and serves it; a phone photo of a class
carries where and when it was taken and often the owner's name. ``install()`` (from
``PrivacyConfig.ready``) connects a ``pre_save`` handler to the image model: a new file is
re-encoded without EXIF/XMP/comments (JPEG at quality 95), after turning it upright as its EXIF
orientation said. Images without such metadata are stored untouched.
"""

import io

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image, ImageOps
from wagtail.utils.file import hash_filelike

PRIVATE_INFO_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")


def has_metadata(image):
    return bool(image.getexif()) or any(key in image.info for key in PRIVATE_INFO_KEYS)


def stripped(data):
    """``data`` without metadata, or ``None`` when it has none (or is not an image Pillow writes)."""
    try:
        image = Image.open(io.BytesIO(data))
        image_format = image.format
        if image_format not in ("JPEG", "PNG", "WEBP", "TIFF") or not has_metadata(image):
            return None
        upright = ImageOps.exif_transpose(image)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    # A fresh image holds the pixels only: nothing of ``info`` (EXIF, XMP, comments) is carried over.
    clean = Image.new(upright.mode, upright.size)
    clean.frombytes(upright.tobytes())
    if upright.mode == "P" and upright.getpalette():
        clean.putpalette(upright.getpalette())
    options = {"quality": 95} if image_format in ("JPEG", "WEBP") else {}
    if "icc_profile" in image.info:  # colours, not personal data
        options["icc_profile"] = image.info["icc_profile"]
    output = io.BytesIO()
    clean.save(output, format=image_format, **options)
    return output.getvalue()


def strip_uploaded_image(sender, instance, **kwargs):
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return  # no new file: the stored one was cleaned when it was uploaded
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    clean = stripped(data)
    if clean is None:
        return
    instance.file = ContentFile(clean, name=upload.name)
    instance.file_size = len(clean)
    instance.file_hash = hash_filelike(io.BytesIO(clean))


def install():
    from wagtail.images import get_image_model

    pre_save.connect(strip_uploaded_image, sender=get_image_model(), dispatch_uid="privacy_strip_exif")
