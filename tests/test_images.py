"""The image library: uploads are checked and cleaned, and pages show renditions sized for the screen."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import make_article, make_image
from PIL import Image as PILImage

from newsroom.models import Image

ADD_URL = reverse("admin:newsroom_image_add")


def picture_bytes(image_format, size=(64, 48), color=(30, 90, 160), **options):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(staff_client, content, name="picture.jpg", content_type="image/jpeg", **fields):
    data = {"alt_text": "Fibroblasts in green", "caption": "", "credit": "", "focal_x": "0.5", "focal_y": "0.5"}
    data |= fields
    data["file"] = SimpleUploadedFile(name, content, content_type=content_type)
    return staff_client.post(ADD_URL, data)


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def bomb_png(width=30_000, height=30_000):
    """A tiny PNG file whose header claims a picture of ``width`` × ``height`` pixels."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("image_format", "name", "content_type", "extension"),
    [
        ("JPEG", "photo.jpg", "image/jpeg", "jpg"),
        ("PNG", "diagram.png", "image/png", "png"),
        ("WEBP", "photo.webp", "image/webp", "webp"),
    ],
)
@pytest.mark.django_db
def test_a_jpeg_png_or_webp_picture_is_accepted_with_its_renditions(
    staff_client, settings, image_format, name, content_type, extension
):
    response = upload(staff_client, picture_bytes(image_format, size=(900, 600)), name, content_type)
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(f".{extension}")
    assert (image.width, image.height) == (900, 600)
    webp, fallback, fallback_type = image.rendition_set("full")
    assert [width for _name, width, _height in webp] == [480, 800]
    assert fallback_type == ("image/png" if image_format == "PNG" else "image/jpeg")
    for name_, _width, _height in webp + fallback:
        assert image.file.storage.exists(name_)


@pytest.mark.django_db
def test_a_picture_is_stored_under_its_real_format_whatever_its_name(staff_client):
    upload(staff_client, picture_bytes("PNG"), "looks-like.jpg", "image/jpeg")
    assert Image.objects.get().file.name.endswith("looks-like.png")


def assert_refused(response, settings, message):
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["file"])
    assert not Image.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_text_file_renamed_jpg_is_refused_and_nothing_is_saved(staff_client, settings):
    response = upload(staff_client, b"Just some notes, not a picture.\n" * 20, "notes.jpg", "image/jpeg")
    assert_refused(response, settings, "This file is not a picture that can be read")


@pytest.mark.django_db
def test_an_svg_drawing_is_refused_and_nothing_is_saved(staff_client, settings):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'
    response = upload(staff_client, svg, "logo.svg", "image/svg+xml")
    assert_refused(response, settings, "SVG drawings and other text files are not accepted")


@pytest.mark.django_db
def test_an_svg_renamed_png_is_refused_too(staff_client, settings):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9"/></svg>'
    response = upload(staff_client, svg, "logo.png", "image/png")
    assert_refused(response, settings, "SVG drawings")


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_and_nothing_is_saved(staff_client, settings):
    response = upload(staff_client, bomb_png(), "huge.png", "image/png")
    assert_refused(response, settings, "too many pixels")


@pytest.mark.django_db
def test_a_picture_over_the_pixel_limit_is_refused(staff_client, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1000
    response = upload(staff_client, picture_bytes("PNG", size=(64, 48)), "big.png", "image/png")
    assert_refused(response, settings, "too many pixels")


@pytest.mark.django_db
def test_an_oversized_file_is_refused_with_its_size(staff_client, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1024
    response = upload(staff_client, picture_bytes("PNG", size=(300, 300)) + b"\0" * 2048, "big.png", "image/png")
    assert_refused(response, settings, "pictures may be at most 1.0\xa0KB")


@pytest.mark.django_db
def test_a_gif_is_refused_as_an_unaccepted_format(staff_client, settings):
    response = upload(staff_client, picture_bytes("GIF"), "anim.gif", "image/gif")
    assert_refused(response, settings, "GIF pictures are not accepted")


def exif_with_orientation_and_gps():
    exif = PILImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (43.0, 33.0, 30.0), 3: "E", 4: (1.0, 26.0, 40.0)}  # GPS position
    return exif


@pytest.mark.django_db
def test_exif_orientation_is_applied_and_location_and_camera_data_are_removed(staff_client):
    photo = PILImage.new("RGB", (60, 30), (200, 30, 30))
    photo.paste((30, 30, 200), (0, 0, 30, 30))  # left half blue
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif_with_orientation_and_gps(), quality=95)
    assert b"Camera maker" in buffer.getvalue()

    upload(staff_client, buffer.getvalue(), "phone.jpg")

    image = Image.objects.get()
    assert (image.width, image.height) == (30, 60)
    with image.file.open("rb") as stored:
        content = stored.read()
    assert b"Camera maker" not in content
    with PILImage.open(io.BytesIO(content)) as saved:
        assert saved.size == (30, 60)
        assert not saved.getexif()
        assert "exif" not in saved.info
        # Turned clockwise: the blue left half is now on top.
        red, green, blue = saved.convert("RGB").getpixel((15, 5))
        assert blue > 150 and red < 100


@pytest.mark.django_db
def test_alt_text_is_required_unless_the_picture_is_decorative(staff_client, settings):
    response = upload(staff_client, picture_bytes("JPEG"), alt_text="")
    assert "or tick “decorative”" in " ".join(response.context["adminform"].form.errors["alt_text"])
    assert not Image.objects.exists()
    # Only the copy kept for the corrected form (tests/test_kept_uploads.py), not in the library.
    assert all(name.startswith("uploads/kept/") for name in stored_files(settings))

    response = upload(staff_client, picture_bytes("JPEG"), alt_text="", is_decorative="on")
    assert response.status_code == 302
    assert Image.objects.get().is_decorative


@pytest.mark.django_db
def test_a_decorative_picture_cannot_also_have_alt_text(staff_client):
    response = upload(staff_client, picture_bytes("JPEG"), alt_text="A texture", is_decorative="on")
    assert "A decorative picture has no alt text" in " ".join(response.context["adminform"].form.errors["alt_text"])


@pytest.mark.django_db
def test_a_decorative_picture_is_shown_with_empty_alt_text(client):
    image = make_image(alt_text="", is_decorative=True)
    response = client.get(make_article(lead_image=image).get_absolute_url())
    assert 'alt="" loading="eager"' in response.text


@pytest.mark.django_db
def test_renditions_are_never_wider_than_the_original():
    image = make_image()
    image.file.save("wide.jpg", SimpleUploadedFile("wide.jpg", picture_bytes("JPEG", size=(1000, 500))))
    webp, fallback, _type = image.rendition_set("full")
    assert [width for _name, width, _height in webp] == [480, 800]
    assert fallback[-1][1:] == [800, 400]


@pytest.mark.django_db
def test_renditions_are_made_once_and_reused(client, settings):
    image = make_image()
    article = make_article(lead_image=image)
    renditions = [path for path in (settings.MEDIA_ROOT / "renditions").rglob("*") if path.is_file()]
    stamps = {path: path.stat().st_mtime_ns for path in renditions}
    assert len(renditions) == 6  # full, lead and card, WebP and PNG, at the picture's own width

    client.get(article.get_absolute_url())
    client.get("/news/")
    client.get(article.get_absolute_url())

    after = {
        path: path.stat().st_mtime_ns for path in (settings.MEDIA_ROOT / "renditions").rglob("*") if path.is_file()
    }
    assert after == stamps


@pytest.mark.django_db
def test_a_new_focal_point_remakes_the_crops():
    image = make_image()
    before = image.renditions
    image.focal_x = 0.9
    image.save()
    assert Image.objects.get(pk=image.pk).renditions["focal"] == [0.9, 0.5]
    assert before["focal"] == [0.5, 0.5]


@pytest.mark.django_db
def test_card_crops_keep_the_focal_point_in_the_picture():
    picture = PILImage.new("RGB", (1600, 400), (200, 30, 30))  # red on the left
    picture.paste((30, 30, 200), (1200, 0, 1600, 400))  # blue on the right
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = Image.objects.create(
        file=SimpleUploadedFile("wide.png", buffer.getvalue()), alt_text="Blue on the right", focal_x=0.95
    )
    webp, _fallback, _type = image.rendition_set("card")
    name, width, height = webp[0]
    assert round(width / height, 2) == round(16 / 9, 2)
    with image.file.storage.open(name) as crop, PILImage.open(crop) as cropped:
        red, green, blue = cropped.convert("RGB").getpixel((cropped.width // 2, cropped.height // 2))
    assert blue > 150 and red < 100


@pytest.mark.django_db
def test_the_article_page_serves_its_picture_with_srcset_sizes_and_dimensions(client):
    image = make_image()
    image.file.save("lead.jpg", SimpleUploadedFile("lead.jpg", picture_bytes("JPEG", size=(1800, 1200))))
    page = client.get(make_article(lead_image=image).get_absolute_url()).text
    base = f"/media/renditions/{image.pk}/lead-lead"
    assert (
        f'<source type="image/webp" srcset="{base}-480.webp 480w, {base}-800.webp 800w, '
        f'{base}-1200.webp 1200w, {base}-1600.webp 1600w" sizes="(min-width: 75rem) 72rem, 100vw">'
    ) in page
    assert f'srcset="{base}-480.jpg 480w, {base}-800.jpg 800w, {base}-1200.jpg 1200w, {base}-1600.jpg 1600w"' in page
    assert 'width="1600" height="900"' in page  # cropped to 16:9 around the focal point


@pytest.mark.django_db
def test_news_cards_use_the_cropped_renditions(client):
    image = make_image()
    make_article(lead_image=image)
    page = client.get("/news/").text
    assert f"/media/renditions/{image.pk}/picture-card-64.webp 64w" in page
    assert 'class="card-image"' in page


@pytest.mark.django_db
def test_the_image_change_page_offers_a_clickable_focal_point(staff_client):
    image = make_image()
    page = staff_client.get(reverse("admin:newsroom_image_change", args=[image.pk])).text
    assert 'class="focal-point-picker" data-focal-x="0.5" data-focal-y="0.5"' in page
    assert "newsroom/admin/focal_point.js" in page


@pytest.mark.django_db
def test_a_library_picture_is_kept_in_text_and_nobody_is_asked_to_copy_its_address(staff_client):
    # Pictures go in through the editor's chooser (tests/test_image_chooser.py); text written
    # before it, with a rendition's address, is still kept.
    image = make_image()
    page = staff_client.get(reverse("admin:newsroom_image_change", args=[image.pk])).text
    address = f"/media/renditions/{image.pk}/picture-full-64.png"
    assert f"<code>{address}</code>" not in page and "paste this address" not in page
    body = f'<figure><img src="{address}" alt="Cells" width="64" height="48"><figcaption>Cells</figcaption></figure>'
    assert make_article(body=body).body == body
