"""The picture chooser: the library searched and paged, a new picture uploaded in place, staff only;
a figure inserted from it is kept on save and shown as a responsive <picture> on the public page."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import make_article, make_image, make_user
from PIL import Image as PILImage

from newsroom.admin.image_chooser import chooser_data
from newsroom.models import Article, Image
from newsroom.roles import AUTHOR, RESEARCHER
from press.models import MediaPicture

pytestmark = pytest.mark.django_db
CHOOSER_URL = reverse("admin:newsroom_image_chooser")
UPLOAD_URL = reverse("admin:newsroom_image_chooser_upload")


def jpeg(size=(1000, 600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile("cells.jpg", buffer.getvalue(), content_type="image/jpeg")


def choices(response):
    return [json.loads(value.replace("&quot;", '"')) for value in re.findall(r'data-image="([^"]*)"', response.text)]


def test_the_chooser_shows_the_library_with_thumbnails_search_and_upload(staff_client):
    image = make_image(alt_text="Fibroblasts in green", credit="© Inserm")

    response = staff_client.get(CHOOSER_URL)

    assert response.status_code == 200
    assert 'id="image-chooser-title"' in response.text and 'type="search"' in response.text
    assert "data-chooser-upload" in response.text and 'name="alt_text"' in response.text
    [chosen] = choices(response)
    assert chosen == chooser_data(image)
    assert chosen["alt"] == "Fibroblasts in green" and chosen["credit"] == "© Inserm"
    assert chosen["thumbnail"] in response.text
    assert image.file.storage.exists(chosen["src"].removeprefix("/media/"))


def test_the_chooser_searches_alt_text_caption_and_credit(staff_client):
    make_image(alt_text="Fibroblasts in green")
    make_image(alt_text="A lecture hall", caption="Open day")
    make_image(alt_text="Organoids", credit="Photo: Tomsk lab")

    found = {
        query: [c["alt"] for c in choices(staff_client.get(CHOOSER_URL, {"q": query, "results": 1}))]
        for query in ("fibro", "open day", "tomsk", "nothing like it")
    }

    assert found == {
        "fibro": ["Fibroblasts in green"],
        "open day": ["A lecture hall"],
        "tomsk": ["Organoids"],
        "nothing like it": [],
    }


def test_the_chooser_shows_the_library_in_pages(staff_client):
    for number in range(14):
        make_image(alt_text=f"Picture {number}")

    first = staff_client.get(CHOOSER_URL, {"results": 1})
    second = staff_client.get(CHOOSER_URL, {"results": 1, "page": 2})
    beyond = staff_client.get(CHOOSER_URL, {"results": 1, "page": "99"})

    assert len(choices(first)) == 12 and 'data-chooser-page="2"' in first.text
    assert len(choices(second)) == 2 and 'data-chooser-page="1"' in second.text
    assert choices(beyond) == choices(second)
    assert "image-chooser-title" not in first.text  # only the results, for the dialog to replace


def test_a_picture_uploaded_in_the_chooser_is_saved_and_returned(staff_client):
    response = staff_client.post(
        UPLOAD_URL, {"file": jpeg(), "alt_text": "Cells dividing", "caption": "Mitosis", "credit": "CC BY"}
    )

    assert response.status_code == 201
    image = Image.objects.get()
    assert response.json()["image"] == chooser_data(image)
    assert (image.alt_text, image.caption, image.credit) == ("Cells dividing", "Mitosis", "CC BY")


def test_a_picture_without_alt_text_is_refused_unless_decorative(staff_client):
    refused = staff_client.post(UPLOAD_URL, {"file": jpeg(), "alt_text": ""})
    assert refused.status_code == 400
    assert "tick “decorative”" in " ".join(refused.json()["errors"]["alt_text"])
    assert not Image.objects.exists()

    accepted = staff_client.post(UPLOAD_URL, {"file": jpeg(), "alt_text": "", "is_decorative": "on"})
    assert accepted.status_code == 201
    assert accepted.json()["image"]["alt"] == ""


def test_a_file_that_is_no_picture_is_refused_with_its_reason(staff_client):
    notes = SimpleUploadedFile("notes.jpg", b"not a picture" * 10, content_type="image/jpeg")
    response = staff_client.post(UPLOAD_URL, {"file": notes, "alt_text": "Notes"})
    assert response.status_code == 400
    assert response.json()["errors"]["file"]
    assert not Image.objects.exists()


def test_the_chooser_is_for_staff_only(client):
    make_image()
    for response in (client.get(CHOOSER_URL), client.post(UPLOAD_URL, {"file": jpeg(), "alt_text": "x"})):
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Image.objects.count() == 1


def test_staff_who_may_not_add_pictures_cannot_upload_through_the_chooser(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    assert client.get(CHOOSER_URL).status_code == 403
    assert client.post(UPLOAD_URL, {"file": jpeg(), "alt_text": "x"}).status_code == 403
    assert not Image.objects.exists()


@pytest.mark.parametrize("role", [AUTHOR, RESEARCHER])
def test_authors_and_researchers_choose_and_upload(client, role):
    client.force_login(make_user(role))
    assert client.get(CHOOSER_URL).status_code == 200
    assert client.post(UPLOAD_URL, {"file": jpeg(), "alt_text": "Cells"}).status_code == 201


def figure_of(image):
    data = chooser_data(image)
    return (
        f'<figure class="figure"><img src="{data["src"]}" alt="{data["alt"]}" width="{data["width"]}" '
        f'height="{data["height"]}" data-file="{image.pk}"><figcaption class="figure-caption">'
        f"{image.caption} — {image.credit}</figcaption></figure>"
    )


def test_the_figure_the_editor_inserts_is_kept_on_save():
    image = make_image(alt_text="Fibroblasts", caption="Stroma", credit="© Inserm")
    article = make_article(body=f"<p>Before.</p>{figure_of(image)}<p>After.</p>")

    assert f'data-file="{image.pk}"' in article.body
    assert "<figure>" in article.body and "<figcaption>Stroma — © Inserm</figcaption>" in article.body


def test_a_forged_picture_id_is_dropped_by_the_sanitiser():
    article = make_article(body='<p>x</p><img src="/media/a.jpg" alt="" data-file="1 onerror=alert(1)">')
    assert "data-file" not in article.body


def test_the_public_page_shows_the_inserted_picture_as_a_responsive_picture(client):
    image = Image.objects.create(file=jpeg((1700, 900)), alt_text="Fibroblasts", caption="Stroma", credit="© Inserm")
    article = make_article(body=f"<p>Before.</p>{figure_of(image)}")

    page = client.get(article.get_absolute_url()).text

    body = page[page.index('class="prose"') :]
    figure = body[body.index("<figure>") : body.index("</figure>")]
    assert "<picture>" in figure and 'type="image/webp"' in figure
    assert " 480w" in figure and " 1600w" in figure and 'alt="Fibroblasts"' in figure
    assert "<figcaption>Stroma — © Inserm</figcaption>" in figure


def test_low_vision_readers_who_hide_images_get_the_text_alternative_instead(client):
    image = make_image(alt_text="Fibroblasts in green")
    article = make_article(body=figure_of(image))
    client.cookies["low_vision"] = "large.black-on-white.hidden.normal.normal.sans-serif"

    page = client.get(article.get_absolute_url()).text

    body = page[page.index('class="prose"') :]
    assert "<picture>" not in body and "Fibroblasts in green" in body


def test_the_lead_image_field_shows_the_chosen_thumbnail_and_opens_the_chooser(staff_client):
    image = make_image(alt_text="Fibroblasts in green")
    article = make_article(lead_image=image)

    response = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))

    field = str(response.context["adminform"].form["lead_image"])
    assert f'data-image-chooser="{CHOOSER_URL}"' in field
    assert f'type="hidden" name="lead_image" value="{image.pk}"' in field
    assert chooser_data(image)["thumbnail"] in field and "Fibroblasts in green" in field
    assert "<select" not in field
    body = str(response.context["adminform"].form["body"])
    assert f'data-image-chooser="{CHOOSER_URL}"' in body and 'spellcheck="true"' in body
    assert "NoSpellCheck" not in body  # the editor's own switch that would turn spelling off


def test_the_media_kit_pictures_of_a_release_are_chosen_with_the_chooser_too(staff_client):
    image = make_image(alt_text="Zebrafish heart")
    article = make_article(kind=Article.Kind.PRESS_RELEASE)
    MediaPicture.objects.create(article=article, image=image)

    response = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))

    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "media_pictures")
    field = str(formset.forms[0]["image"])
    assert f'data-image-chooser="{CHOOSER_URL}"' in field and "Zebrafish heart" in field and "<select" not in field
    assert f'type="hidden" name="media_pictures-0-image" value="{image.pk}"' in field
    assert 'name="media_pictures-__prefix__-image"' in str(formset.empty_form["image"])  # rows added later


def test_the_pictures_in_a_text_are_read_in_one_query_however_many(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(count):
        images = [make_image(alt_text=f"Picture {number}") for number in range(count)]
        for image in images:
            image.rendition_set("full")  # made on upload in real use
        article = make_article(body="".join(figure_of(image) for image in images))
        client.get(article.get_absolute_url())  # site settings and the like, read once per process
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(4)
