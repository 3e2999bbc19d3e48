"""Uploaded photos are judged by their content, bounded, re-encoded and stripped of metadata.

Profile photos and portfolio images may carry where and when they were taken (EXIF GPS,
XMP) and the camera's serial number: none of it is needed, so none of it is kept. The file
is opened with Pillow, which reads only the header first, so a decompression bomb is refused
before its pixels are decoded.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 50 megapixels: more than any camera a retoucher delivers from, far below a bomb.
MAX_PIXELS = 50_000_000
# Pillow refuses outright above twice this, and warns above it; we check before either.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Pillow format name → (file extension, content type).
ALLOWED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile
    width: int
    height: int
    content_type: str


def _refuse_unknown():
    return ValidationError(
        _(
            "Ce fichier n’est pas une image JPEG, PNG ou WebP. Choisissez une photo dans l’un de ces formats."
        ),
        code="image_type",
    )


def image_clean(uploaded) -> CleanImage:
    """Check an uploaded file and return a re-encoded copy under a random name.

    Raises a ValidationError saying what is wrong (type, weight, dimensions) otherwise.
    """
    size = getattr(uploaded, "size", None)
    if size is None or size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "Cette image pèse plus de 10 Mo. Réduisez-la ou exportez-la en JPEG, puis réessayez."
            ),
            code="image_too_heavy",
        )
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # open() reads the header only: format and size are known before any decoding.
            image = Image.open(uploaded, formats=list(ALLOWED_FORMATS))
            if image.format not in ALLOWED_FORMATS:
                raise _refuse_unknown()
            if image.width * image.height > MAX_PIXELS:
                raise _too_large()
            if getattr(image, "n_frames", 1) > 1:
                raise ValidationError(
                    _("Les images animées ne sont pas acceptées : envoyez une image fixe."),
                    code="image_animated",
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_large() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _refuse_unknown() from error

    image_format = image.format
    extension, content_type = ALLOWED_FORMATS[image_format]
    image = ImageOps.exif_transpose(image)
    icc_profile = image.info.get("icc_profile")
    # A fresh copy with no `info`: EXIF, XMP, GPS, comments and text chunks stay behind.
    image = image.copy()
    image.info = {}
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        options.update(quality=90, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=90)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    name = f"{uuid.uuid4().hex}.{extension}"
    return CleanImage(
        file=ContentFile(buffer.getvalue(), name=name),
        width=image.width,
        height=image.height,
        content_type=content_type,
    )


def _too_large():
    return ValidationError(
        _(
            "Cette image est trop grande (plus de 50 millions de pixels). "
            "Réduisez ses dimensions, par exemple à 8000 × 6000 pixels, puis réessayez."
        ),
        code="image_too_large",
    )
