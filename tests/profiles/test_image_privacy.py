"""Uploads are judged by content, bounded, re-encoded and stripped of metadata (policy §6)."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from profiles.image_privacy import MAX_UPLOAD_BYTES, image_clean
from tests.factories.images import image_bytes

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_and_rotation() -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # "rotate 90° clockwise to display"
    exif[0x010F] = "CameraMaker"
    exif[0xA431] = "SERIAL-123456"  # body serial number
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}  # Paris
    )
    buffer = io.BytesIO()
    Image.new("RGB", (80, 40), (10, 120, 200)).save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.policy("P6.5")
def test_a_jpeg_with_gps_tags_comes_out_without_them_and_upright():
    original = jpeg_with_gps_and_rotation()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test is honest

    cleaned = image_clean(upload("vacances.jpg", original))

    content = cleaned.file.read()
    result = Image.open(io.BytesIO(content))
    exif = result.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert ORIENTATION not in exif and 0xA431 not in exif and 0x010F not in exif
    assert b"SERIAL-123456" not in content and b"CameraMaker" not in content
    assert (result.width, result.height) == (40, 80)  # orientation applied to the pixels
    assert result.format == "JPEG"


@pytest.mark.policy("P6.5")
def test_the_stored_name_is_random_and_ignores_the_uploaded_one():
    first = image_clean(upload("Jean Dupont - passeport.jpg", image_bytes()))
    second = image_clean(upload("Jean Dupont - passeport.jpg", image_bytes()))
    assert "Dupont" not in first.file.name
    assert first.file.name != second.file.name
    assert first.file.name.endswith(".jpg")


@pytest.mark.policy("P6.5")
def test_the_format_is_judged_by_content_not_by_name():
    png_named_jpg = image_clean(upload("photo.jpg", image_bytes("PNG")))
    assert png_named_jpg.content_type == "image/png"
    assert png_named_jpg.file.name.endswith(".png")
    webp = image_clean(upload("photo.webp", image_bytes("WEBP"), "image/webp"))
    assert webp.file.name.endswith(".webp")


@pytest.mark.policy("P6.5")
@pytest.mark.parametrize(
    "name, content",
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        ),
        ("photo.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"),
        ("photo.jpg", b"\xff\xd8\xff\xe0 truncated"),
    ],
)
def test_files_that_are_not_jpeg_png_or_webp_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        image_clean(upload(name, content))
    assert error.value.code == "image_type"
    assert "JPEG, PNG ou WebP" in error.value.messages[0]


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.policy("P6.5")
def test_a_20000_by_20000_image_is_refused_without_being_decoded(monkeypatch):
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    bomb = png_header_claiming(20_000, 20_000)
    assert len(bomb) < 1000
    with pytest.raises(ValidationError) as error:
        image_clean(upload("bomb.png", bomb, "image/png"))
    assert error.value.code == "image_too_large"
    assert decoded == []


@pytest.mark.policy("P6.5")
def test_an_image_just_over_the_pixel_cap_is_refused_before_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(ValidationError) as error:
        image_clean(upload("big.png", png_header_claiming(10_000, 5_001), "image/png"))
    assert error.value.code == "image_too_large"
    assert decoded == []


@pytest.mark.policy("P6.5")
def test_a_file_over_10_mb_is_refused_before_it_is_opened(monkeypatch):
    opened = []
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(a))
    heavy = upload("heavy.jpg", b"\xff\xd8" + b"\x00" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError) as error:
        image_clean(heavy)
    assert error.value.code == "image_too_heavy"
    assert "10 Mo" in error.value.messages[0]
    assert opened == []
