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
from wagtail.utils.file import hash_filelike

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
    image, content = _reencode(image)
    name = f"{uuid.uuid4().hex}.{extension}"
    return CleanImage(
        file=ContentFile(content, name=name),
        width=image.width,
        height=image.height,
        content_type=content_type,
    )


def _reencode(image: Image.Image) -> tuple[Image.Image, bytes]:
    """The pixels, upright, in the same format, with the colour profile and nothing else."""
    image_format = image.format
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
    return image, buffer.getvalue()


# Image.info keys that carry metadata about the picture, its author or its place.
_METADATA_INFO_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "adobe"}


def _has_metadata(image: Image.Image) -> bool:
    return (
        bool(image.getexif())
        or bool(_METADATA_INFO_KEYS & set(image.info))
        or bool(getattr(image, "text", None))  # PNG tEXt/iTXt/zTXt chunks
    )


def image_file_strip(file) -> ContentFile | None:
    """A copy of an image file without its metadata, under a random name; None when there is
    nothing to strip (already clean, or not an image Pillow can read: the image form's own
    validation judges those)."""
    file.seek(0)
    try:
        image = Image.open(file, formats=list(ALLOWED_FORMATS))
        if not _has_metadata(image):
            return None
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    extension, _content_type = ALLOWED_FORMATS[image.format]
    _image, content = _reencode(image)
    return ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}")


def image_metadata_strip_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """`pre_save` of the Wagtail image model: whatever the path a file comes by (the
    portfolio service, the admin's upload, multiple upload or "replace file" on the edit
    view, a script), it is stored without its metadata.

    A file not yet stored is replaced before Django writes it; one already stored (the
    admin's multiple upload writes the file first) is rewritten under a new name and the
    original deleted."""
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    field_file = instance.file
    if not field_file:
        return
    if field_file._committed:
        if not _stored_file_is_new(sender, instance):
            return
        with field_file.storage.open(field_file.name, "rb") as stored:
            clean = image_file_strip(stored)
        if clean is None:
            return
        previous_name = field_file.name
        field_file.save(clean.name, clean, save=False)
        field_file.storage.delete(previous_name)
    else:
        clean = image_file_strip(field_file.file)
        if clean is None:
            return
        instance.file = clean
    instance.file_size = clean.size
    clean.seek(0)
    instance.file_hash = hash_filelike(clean)
    clean.seek(0)
    with Image.open(clean) as stripped:
        instance.width, instance.height = stripped.size
    clean.seek(0)


def _stored_file_is_new(model, instance) -> bool:
    if instance._state.adding or instance.pk is None:
        return True
    stored_name = model.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    return stored_name != instance.file.name


def _too_large():
    return ValidationError(
        _(
            "Cette image est trop grande (plus de 50 millions de pixels). "
            "Réduisez ses dimensions, par exemple à 8000 × 6000 pixels, puis réessayez."
        ),
        code="image_too_large",
    )
