"""QR codes for sharing a page to a phone, generated on the server (segno)."""

import segno

QR_SCALE = 5
QR_BORDER = 4


def qr_png_data_uri(text, scale=QR_SCALE):
    """A PNG of the QR code for ``text`` as a ``data:`` URI (works in WeChat: long-press to recognise)."""
    return segno.make(text, error="m", micro=False).png_data_uri(scale=scale, border=QR_BORDER)


def qr_png_bytes(text, scale=8):
    import io

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=QR_BORDER)
    return buffer.getvalue()
