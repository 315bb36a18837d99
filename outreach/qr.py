"""QR codes for sharing a page to a phone, generated on the server (segno)."""

import functools

import segno

QR_SCALE = 5
QR_BORDER = 4


# Encoding is pure Python (~5-15 ms for a page URL, most of it choosing the mask) and the
# result depends only on the text: every page view would redo the same work. A per-process
# LRU of the data URIs (about 2-4 kB each) makes a repeat view free and needs no invalidation.
@functools.lru_cache(maxsize=2048)
def qr_png_data_uri(text, scale=QR_SCALE):
    """A PNG of the QR code for ``text`` as a ``data:`` URI (works in WeChat: long-press to recognise)."""
    return segno.make(text, error="m", micro=False).png_data_uri(scale=scale, border=QR_BORDER)


def qr_png_bytes(text, scale=8):
    import io

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=QR_BORDER)
    return buffer.getvalue()
