"""Images uploaded through Wagtail's admin are real images of a bounded size, never SVG,
stored under a safe name; each refusal says what was wrong."""

import io
import json
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from vestnik.images.models import NewsImage

ADD = "/admin/images/add/"
MULTIPLE_ADD = "/admin/images/multiple/add/"

SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""


def picture(fmt: str = "PNG", size=(40, 30), mode: str = "RGB", noise: bool = False) -> bytes:
    image = Image.new(mode, size, "white" if mode != "1" else 0)
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def editor(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(get_user_model().objects.create_superuser("photo", "photo@example.com", "x" * 12))
    return client


def upload(client, name: str, content: bytes, title: str = "Снимок"):
    return client.post(ADD, {"title": title, "file": SimpleUploadedFile(name, content)})


def refusal(response) -> str:
    assert response.status_code == 200, "the upload was accepted"
    errors = response.context["form"].errors["file"]
    assert not NewsImage.objects.exists()
    return " ".join(errors)


@pytest.mark.parametrize(("name", "fmt"), [("snimok.jpg", "JPEG"), ("grafik.png", "PNG"),
                                           ("anim.gif", "GIF"), ("foto.webp", "WEBP"), ("foto.avif", "AVIF")])  # fmt: skip
def test_real_image_is_accepted(editor, name, fmt):
    response = upload(editor, name, picture(fmt))
    assert response.status_code == 302, response.context["form"].errors
    image = NewsImage.objects.get()
    assert (image.width, image.height) == (40, 30)


def test_photo_cut_off_halfway_is_refused(editor):
    # Its header is a JPEG's, so it passes a format check; its pixels cannot be decoded.
    whole = picture("JPEG", size=(400, 300), noise=True)
    message = refusal(upload(editor, "cut.jpg", whole[: len(whole) // 2]))
    assert "повреждён или не является изображением" in message, message


def test_image_chooser_in_the_page_editor_refuses_a_renamed_text_file(editor):
    response = editor.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": "Снимок",
         "image-chooser-upload-file": SimpleUploadedFile("zametka.png", "Текст.".encode())},
    )  # fmt: skip
    assert "повреждён или не является изображением" in json.loads(response.content)["htmlFragment"]
    assert not NewsImage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("zametka.jpg", "Это текст заметки, а не фотография.\n".encode()),
        ("page.png", b"<!doctype html><script>alert(1)</script>"),
        ("empty.gif", b"GIF89a"),
    ],
)
def test_file_that_is_not_an_image_is_refused_whatever_its_name(editor, name, content):
    message = refusal(upload(editor, name, content))
    assert "повреждён или не является изображением" in message, message


def test_image_whose_content_is_not_its_extension_is_refused(editor):
    message = refusal(upload(editor, "photo.jpg", picture("PNG")))
    assert "кончается на .jpeg, а внутри — изображение png" in message, message


def test_svg_is_refused(editor):
    message = refusal(upload(editor, "logo.svg", SVG))
    assert "SVG не принимается" in message, message


def test_svg_renamed_to_png_is_refused(editor):
    message = refusal(upload(editor, "logo.png", SVG))
    assert "SVG не принимается" in message, message


def test_file_over_the_size_limit_is_refused_with_both_sizes(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024
    content = picture("PNG", size=(200, 200), noise=True)  # about 120 KB of noise
    message = refusal(upload(editor, "big.png", content))
    assert re.search(r"слишком большой \(11\d,\d\xa0КБ\)", message), message
    assert "Максимальный размер файла 20,0\xa0КБ" in message, message


def test_configured_upload_limit_is_what_the_admin_enforces(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 50_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_image_over_the_pixel_limit_is_refused_though_the_file_is_small(editor):
    # 8000 × 8000 black pixels: a few kilobytes of PNG, 64 million pixels once decoded.
    content = picture("PNG", size=(8000, 8000), mode="1")
    assert len(content) < 100 * 1024
    message = refusal(upload(editor, "bomb.png", content))
    assert "64000000" in message and "50000000" in message, message


def test_decompression_bomb_past_pillows_own_limit_is_refused(editor):
    # 20000 × 20000: Pillow itself refuses to open it; the editor still gets a message.
    content = picture("PNG", size=(20000, 20000), mode="1")
    message = refusal(upload(editor, "bigger-bomb.png", content))
    assert "пикселей" in message.lower(), message


def test_multiple_uploader_refuses_a_renamed_text_file_with_the_reason(editor):
    response = editor.post(
        MULTIPLE_ADD, {"files[]": SimpleUploadedFile("zametka.jpg", "Просто текст.".encode())}
    )
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert "не является изображением" in answer["error_message"], answer
    assert not NewsImage.objects.exists()


def raw_upload(client, file_name: str, content: bytes):
    """A multipart body written by hand, so the file name reaches the server exactly as sent."""
    boundary = "vestnik-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nСнимок\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
            f"Content-Type: image/png\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(ADD, body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../../../etc/cron.d/evil.png", "original_images/evil.png"),
        ("..\\..\\windows\\evil.png", "original_images/evil.png"),
        ("Фото Астана 2025.PNG", "original_images/foto-astana-2025.png"),
        ("tab\there\x07bell.png", "original_images/tabherebell.png"),
    ],
)
def test_uploaded_file_is_stored_under_a_safe_name(editor, sent, stored):
    response = raw_upload(editor, sent, picture("PNG"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert NewsImage.objects.get().file.name == stored


def test_very_long_cyrillic_name_is_shortened(editor):
    response = raw_upload(editor, "Фотография " * 40 + ".png", picture("PNG"))
    assert response.status_code == 302
    name = NewsImage.objects.get().file.name
    assert name.startswith("original_images/fotografiya-fotografiya-")
    assert name.endswith(".png") and len(name) <= len("original_images/") + 64


def test_upload_keeps_alt_text_caption_and_credit_and_asks_nothing_else_in_free_text(editor):
    form = editor.get(ADD).content.decode()
    for name in ("alt_text", "caption", "credit"):
        assert f'name="{name}"' in form, name
    assert 'id="id_description"' not in form  # Wagtail's default alt text: alt_text is ours
    response = editor.post(ADD, {"title": "Сессия", "file": SimpleUploadedFile("s.jpg", picture("JPEG")),
                                 "alt_text": "Депутаты голосуют", "caption": "Пленарное заседание",
                                 "credit": "Фото: пресс-служба Мажилиса"})  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    image = NewsImage.objects.get()
    assert (image.alt_text, image.caption, image.credit) == (
        "Депутаты голосуют", "Пленарное заседание", "Фото: пресс-служба Мажилиса")  # fmt: skip
