"""An image form refused for a missing alt text keeps the chosen picture until the form is corrected."""

import io

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from core import kept_uploads
from newsroom.models import Image

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:newsroom_image_add")


def jpeg_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def form_data(**fields):
    return {"alt_text": "", "caption": "Organoids", "credit": "", "focal_x": "0.5", "focal_y": "0.5"} | fields


def test_a_picture_refused_for_its_missing_alt_text_is_kept_and_shown_again(staff_client):
    data = form_data(file=SimpleUploadedFile("organoids.jpg", jpeg_bytes(), content_type="image/jpeg"))

    refused = staff_client.post(ADD_URL, data)

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert "alt_text" in form.errors
    token = form["kept_upload"].value()
    assert kept_uploads.kept_name(token).endswith("organoids.jpg")
    assert 'class="kept-upload"' in refused.text
    assert kept_uploads.url(token) in refused.text
    assert not Image.objects.exists()


def test_the_corrected_form_saves_the_kept_picture_without_choosing_it_again(staff_client, settings):
    first = staff_client.post(ADD_URL, form_data(file=SimpleUploadedFile("organoids.jpg", jpeg_bytes())))
    token = first.context["adminform"].form["kept_upload"].value()

    saved = staff_client.post(ADD_URL, form_data(alt_text="Organoids under the microscope", kept_upload=token))

    assert saved.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (640, 480)
    assert image.alt_text == "Organoids under the microscope"
    assert kept_uploads.kept_name(token) is None  # the kept copy is deleted once saved
    assert not (settings.MEDIA_ROOT / kept_uploads.FOLDER).exists() or not any(
        path.is_file() for path in (settings.MEDIA_ROOT / kept_uploads.FOLDER).rglob("*")
    )


def test_a_forged_token_brings_back_no_file(staff_client):
    forged = signing.dumps("images/2026/12/someone-elses.jpg", salt=kept_uploads.SALT)

    response = staff_client.post(ADD_URL, form_data(alt_text="Anything", kept_upload=forged))

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert kept_uploads.reopen("not-a-token") is None
