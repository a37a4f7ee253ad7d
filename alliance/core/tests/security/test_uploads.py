"""Hostile files uploaded through Wagtail's admin, as a superuser.

Images are decoded and written out again: scripts, markup, appended archives
and metadata do not survive, and what cannot be decoded safely is refused.
Documents must be what their extension says and are always downloads.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

ADD_IMAGE = "/admin/images/add/"
ADD_DOCUMENT = "/admin/documents/add/"
SCRIPT = b"<script>alert(1)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
GPS_IFD = 0x8825
MAKE = 0x010F
SAFE_IMAGE_NAME = re.compile(r"^original_images/[A-Za-z0-9_-]+\.(jpg|png|gif|webp)$")
SAFE_DOCUMENT_NAME = re.compile(r"^documents/[A-Za-z0-9_-]+\.[a-z]+$")


@pytest.fixture(autouse=True)
def _signed_in_superuser(client, superuser):
    client.force_login(superuser)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noise(size=(64, 48)) -> Image.Image:
    return Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1))


def png_declaring(width: int, height: int) -> bytes:
    """A small, well-formed PNG whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress((b"\x00" * (1 + (width + 7) // 8)) * 8, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.html", "<script>alert(1)</script>")
    return buffer.getvalue()


def with_gps(fmt: str) -> bytes:
    image = noise()
    exif = image.getexif()
    exif[MAKE] = "SecretPhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (22.0, 17.0, 30.0), 3: "E", 4: (114.0, 10.0, 0.0)})
    data = encoded(image, fmt, exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the input has a position
    return data


def upload_image(client, name: str, content: bytes, content_type: str = "image/png"):
    return client.post(
        ADD_IMAGE,
        {"title": "Upload", "file": SimpleUploadedFile(name, content, content_type)},
    )


def upload_document(client, name: str, content: bytes, content_type="application/octet-stream"):
    return client.post(
        ADD_DOCUMENT,
        {"title": "Upload", "file": SimpleUploadedFile(name, content, content_type)},
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def file_errors(response) -> list[str]:
    assert response.status_code == 200, response.get("Location")
    return [str(error) for error in response.context["form"].errors.get("file", [])]


def stored_image_bytes() -> bytes:
    image = get_image_model().objects.get()
    with image.file.open("rb") as handle:
        return handle.read()


# -- images that are refused ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("drawing.svg", SVG, id="svg-with-script"),
        pytest.param("photo.png", b"<html><body>" + SCRIPT + b"</body></html>", id="html-as-png"),
        pytest.param(
            "photo.jpg",
            encoded(noise((300, 200)), "JPEG")[:1500],
            id="truncated-jpeg",
        ),
        pytest.param("bomb.png", png_declaring(50_000, 50_000), id="declares-50000x50000"),
    ],
)
def test_unsafe_image_is_refused_with_a_message_and_nothing_stored(client, settings, name, content):
    response = upload_image(client, name, content)
    errors = file_errors(response)
    assert errors
    assert errors[0] in response.content.decode()
    assert not get_image_model().objects.exists()
    assert stored_files(settings) == []


def animation(frames: int, size=(50, 50)) -> bytes:
    pictures = [Image.new("RGB", size, (frame * 40 % 256, 0, 0)) for frame in range(frames)]
    return encoded(pictures[0], "GIF", save_all=True, append_images=pictures[1:], duration=100)


def test_the_pixel_limit_counts_every_frame_of_an_animation(client, settings):
    # 5 frames of 50 x 50 are 12,500 pixels: over a limit each frame alone is well within.
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    response = upload_image(client, "flood.gif", animation(5), "image/gif")
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_animation_within_the_limit_is_kept_with_its_frames(client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    response = upload_image(client, "wave.gif", animation(3), "image/gif")
    assert response.status_code == 302
    assert Image.open(io.BytesIO(stored_image_bytes())).n_frames == 3


# -- images that are kept, re-encoded -------------------------------------------------


def test_gif_with_a_script_appended_is_stored_without_it(client):
    response = upload_image(client, "flyer.gif", encoded(noise(), "GIF") + SCRIPT, "image/gif")
    assert response.status_code == 302
    stored = stored_image_bytes()
    assert SCRIPT not in stored
    assert Image.open(io.BytesIO(stored)).format == "GIF"


def test_jpeg_with_a_zip_appended_is_stored_without_it(client):
    response = upload_image(client, "flyer.jpg", encoded(noise(), "JPEG") + zip_archive())
    assert response.status_code == 302
    stored = stored_image_bytes()
    assert b"PK\x03\x04" not in stored
    assert b"evil.html" not in stored
    assert stored.endswith(b"\xff\xd9")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_with_gps_position_is_stripped(client, fmt):
    response = upload_image(client, f"march.{fmt.lower()}", with_gps(fmt))
    assert response.status_code == 302
    stored = stored_image_bytes()
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert MAKE not in exif
    assert b"SecretPhoneMaker" not in stored


@pytest.mark.parametrize("fmt", ["JPEG", "GIF"])
def test_text_comment_in_an_image_is_stripped(client, fmt):
    content = encoded(noise(), fmt, comment=b"Taken at 22.29N 114.17E by Rosa")
    response = upload_image(client, f"march.{fmt.lower()}", content)
    assert response.status_code == 302
    assert b"22.29N" not in stored_image_bytes()


def test_stored_image_name_is_safe_ascii(client):
    response = upload_image(client, '../../Фото марша <b>"x"&.JPG', encoded(noise(), "JPEG"))
    assert response.status_code == 302
    name = get_image_model().objects.get().file.name
    assert name.isascii()
    assert SAFE_IMAGE_NAME.match(name), name


# -- documents ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("report.pdf", b"<html><body>" + SCRIPT + b"</body></html>", id="html-as-pdf"),
        pytest.param("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, id="exe"),
        pytest.param("page.html", b"<html>" + SCRIPT + b"</html>", id="html"),
        pytest.param("drawing.svg", SVG, id="svg"),
        pytest.param("notes.txt", b"<html><body>" + SCRIPT + b"</body></html>", id="html-as-txt"),
        pytest.param("notes.txt", b"\n  <!DOCTYPE html><html></html>", id="doctype-as-txt"),
        pytest.param("data.csv", SVG, id="svg-as-csv"),
    ],
)
def test_unsafe_document_is_refused_with_a_message_and_nothing_stored(
    client, settings, name, content
):
    errors = file_errors(upload_document(client, name, content))
    assert errors
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_document_name_with_a_path_and_markup_is_stored_safely(client):
    response = upload_document(client, "../../evil name<>.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.file.name.isascii()
    assert SAFE_DOCUMENT_NAME.match(document.file.name), document.file.name
    assert ".." not in document.filename


@pytest.mark.parametrize(
    ("name", "content"),
    [("minutes.pdf", b"%PDF-1.4\n%%EOF\n"), ("minutes.txt", b"Plain minutes of the meeting.\n")],
)
def test_document_is_served_as_a_download(client, name, content):
    assert upload_document(client, name, content).status_code == 302
    document = get_document_model().objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
