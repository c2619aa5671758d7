"""Every uploaded picture, in every model, is checked, cleaned of metadata and shown as a rendition."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import make_organisation, make_person
from PIL import Image as PILImage

from newsroom.models import Image, SiteSettings
from research.models import Organisation, Person

pytestmark = pytest.mark.django_db

GPS = {1: "N", 2: (43.0, 33.0, 30.0), 3: "E", 4: (1.0, 26.0, 40.0)}
COMMENT = b'<script>alert("x")</script> taken at 12 rue des Lilas'


def picture(image_format="JPEG", size=(64, 48), mode="RGB", **options):
    buffer = io.BytesIO()
    PILImage.new(mode, size, 120).save(buffer, image_format, **options)
    return buffer.getvalue()


def photo_with_gps_and_comment(size=(3000, 2000)):
    exif = PILImage.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = GPS
    return picture("JPEG", size, exif=exif, comment=COMMENT)


def truncated_jpeg():
    content = picture("JPEG", (800, 600), quality=95)
    return content[: len(content) // 2]


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def assert_clean(content):
    assert COMMENT not in content and b"Camera maker" not in content
    with PILImage.open(io.BytesIO(content)) as opened:
        assert "comment" not in opened.info
        assert not opened.getexif()


def upload_image(staff_client, content, name="picture.jpg"):
    data = {"alt_text": "Fibroblasts", "caption": "", "credit": "", "focal_x": "0.5", "focal_y": "0.5"}
    data["file"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return staff_client.post(reverse("admin:newsroom_image_add"), data)


def upload_portrait(staff_client, content, name="portrait.jpg"):
    data = {
        "given_name": "Corinne",
        "family_name": "Bousquet",
        "slug": "",
        "photo": SimpleUploadedFile(name, content, content_type="image/jpeg"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    return staff_client.post(reverse("admin:research_person_add"), data)


@pytest.mark.parametrize(
    ("size", "upload"),
    [((1, 20000), upload_image), ((2, 17000), upload_image), ((20000, 1), upload_portrait)],
    ids=["1x20000-library", "2x17000-library", "20000x1-portrait"],
)
def test_a_picture_longer_than_webp_allows_is_refused_with_a_message_and_nothing_is_stored(
    staff_client, settings, size, upload
):
    response = upload(staff_client, picture("PNG", size, mode="L"), name="strip.png")

    assert response.status_code == 200
    assert "pictures may be at most 16,383 pixels wide and 16,383 pixels high" in response.content.decode()
    assert not Image.objects.exists() and not Person.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("upload", [upload_image, upload_portrait], ids=["library", "portrait"])
def test_a_truncated_jpeg_is_refused_with_a_message_and_nothing_is_stored(staff_client, settings, upload):
    response = upload(staff_client, truncated_jpeg())

    assert response.status_code == 200
    assert "This picture is incomplete or damaged" in response.content.decode()
    assert not Image.objects.exists() and not Person.objects.exists()
    assert stored_files(settings) == []


def test_jpeg_comments_are_removed_from_the_library_picture_and_its_renditions(staff_client, settings):
    upload_image(staff_client, photo_with_gps_and_comment((900, 600)))

    files = stored_files(settings)
    assert any(name.startswith("images/") for name in files)
    jpegs = [name for name in files if name.endswith(".jpg")]
    assert len(jpegs) > 2
    for name in jpegs:
        assert_clean((settings.MEDIA_ROOT / name).read_bytes())


def test_a_researchers_portrait_is_cleaned_and_served_at_the_size_of_its_slot(staff_client, client, settings):
    response = upload_portrait(staff_client, photo_with_gps_and_comment())
    assert response.status_code == 302

    person = Person.objects.get()
    stored = person.photo.read()
    assert_clean(stored)
    page = client.get(person.get_absolute_url()).content.decode()
    assert person.photo.url not in page
    assert "renditions/people/" in page
    for width in (160, 320):
        for extension in ("webp", "jpg"):
            name = person.photo.rendition_names(width)["webp" if extension == "webp" else "fallback"]
            assert name.endswith(f".{extension}") and f"/media/{name}" in page
            content = (settings.MEDIA_ROOT / name).read_bytes()
            with PILImage.open(io.BytesIO(content)) as rendition:
                assert rendition.size == (width, width)
            assert_clean(content)


def test_a_portrait_in_a_team_list_uses_the_small_rendition(client, settings):
    from factories import make_team

    person = make_person(photo=SimpleUploadedFile("p.jpg", photo_with_gps_and_comment((600, 400))))
    team = make_team(members=[(person, "leader")])

    page = client.get(team.get_absolute_url()).content.decode()

    assert person.photo.url not in page
    assert person.photo.storage.url(person.photo.rendition_names(96)["fallback"]) in page


def test_on_object_storage_a_portrait_is_looked_for_once_until_something_changes(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Whether a rendition exists is a request to object storage: not one for each portrait of each page."""
    from factories import make_team

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.CONTENT_CACHE_SECONDS = 600
    person = make_person(photo=SimpleUploadedFile("p.jpg", photo_with_gps_and_comment((600, 400))))
    team = make_team(members=[(person, "leader")])
    storage, asked = person.photo.storage._wrapped, []  # the in-memory storage behind default_storage
    real_exists = storage.exists
    monkeypatch.setattr(storage, "exists", lambda name: asked.append(name) or real_exists(name))

    client.get(team.get_absolute_url())
    looked_for = len(asked)
    page = client.get(team.get_absolute_url()).content.decode()
    assert looked_for and len(asked) == looked_for
    assert storage.url(person.photo.rendition_names(96)["fallback"]) in page
    with django_capture_on_commit_callbacks(execute=True):
        person.photo = SimpleUploadedFile("q.jpg", photo_with_gps_and_comment((500, 400)))
        person.save()
    page = client.get(team.get_absolute_url()).content.decode()
    assert len(asked) > looked_for and storage.url(person.photo.rendition_names(96)["fallback"]) in page


def test_an_organisation_logo_and_the_site_logo_are_cleaned_and_shown_as_renditions(client, settings):
    upload = SimpleUploadedFile("logo.jpg", photo_with_gps_and_comment((1200, 600)))
    organisation = make_organisation(name="Beaujon Hospital", logo=upload)
    site = SiteSettings.load()
    site.logo = SimpleUploadedFile("site.jpg", photo_with_gps_and_comment((1200, 300)))
    site.save()

    organisation.refresh_from_db()
    site.refresh_from_db()
    for file in (organisation.logo, site.logo):
        assert_clean(file.read())
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert organisation.logo.url not in page and site.logo.url not in page
    assert organisation.logo.storage.url(organisation.logo.rendition_names(240)["fallback"]) in page
    home = client.get("/").content.decode()
    assert site.logo.url not in home
    assert site.logo.storage.url(site.logo.rendition_names(600)["fallback"]) in home  # the publisher in JSON-LD
    with PILImage.open(settings.MEDIA_ROOT / organisation.logo.rendition_names(480)["webp"]) as rendition:
        assert rendition.size == (480, 240)


def test_a_bad_logo_is_refused_by_the_model_field_too():
    organisation = Organisation(name="Acme", logo=SimpleUploadedFile("logo.png", b"<svg></svg>"))
    with pytest.raises(Exception, match="SVG drawings"):
        organisation.full_clean()


def test_a_portrait_stored_before_the_field_cleaned_uploads_is_shown_through_a_new_rendition(client, settings):
    (settings.MEDIA_ROOT / "people").mkdir(parents=True)
    (settings.MEDIA_ROOT / "people" / "old.jpg").write_bytes(photo_with_gps_and_comment((400, 300)))
    person = make_person()
    Person.objects.filter(pk=person.pk).update(photo="people/old.jpg")

    page = client.get(person.get_absolute_url()).content.decode()

    assert "/media/people/old.jpg" not in page
    name = person.photo.field.attr_class(person, person.photo.field, "people/old.jpg").rendition_names(160)
    assert_clean((settings.MEDIA_ROOT / name["fallback"]).read_bytes())


@pytest.fixture
def unwritable_media(settings, tmp_path):
    """A media folder that cannot be written to: its path runs through a plain file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    return blocker


def test_an_unwritable_media_folder_says_what_failed_and_saves_nothing_of_a_library_picture(
    staff_client, unwritable_media
):
    response = upload_image(staff_client, picture("JPEG", (900, 600)))

    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert "The picture was not saved: the media folder cannot be written to" in page
    assert not Image.objects.exists()


def test_an_unwritable_media_folder_says_what_failed_and_saves_nothing_of_a_portrait(staff_client, unwritable_media):
    response = upload_portrait(staff_client, picture("JPEG", (300, 300)))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:research_person_add")
    page = staff_client.get(response["Location"]).content.decode()
    assert "The picture was not saved: the media folder cannot be written to" in page
    assert not Person.objects.exists()


def test_a_failed_rendition_deletes_the_stored_picture_and_the_renditions_already_written(settings, monkeypatch):
    from core import images

    real_encode = images.encode
    calls = []

    def encode_then_fill_the_disk(picture, image_format, **options):
        calls.append(image_format)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_encode(picture, image_format, **options)

    monkeypatch.setattr(images, "encode", encode_then_fill_the_disk)
    with pytest.raises(images.PictureNotStored, match="the media folder is full"):
        Image.objects.create(alt_text="x", file=SimpleUploadedFile("p.jpg", picture("JPEG", (900, 600))))

    assert not Image.objects.exists()
    assert stored_files(settings) == []
