"""An author writes a research highlight in French or in Russian, in a real browser: a picture
chosen from the library and one uploaded from the editor, a lead image, keywords by autocomplete,
researchers reordered by dragging and by keyboard, the live preview, then save and submit.
axe-core runs on each admin page and dialog met on the way."""

import io
import re

import pytest
from django.core.management import call_command
from factories import make_user
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem

from desk.models import DeskProfile
from newsroom.models import Article, Image
from newsroom.roles import AUTHOR
from research.models import Person

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser

TITLES = {
    "fr": "Les fibroblastes parlent aux cellules tumorales",
    "ru": "Фибробласты говорят с опухолевыми клетками",
}


def serious_violations(page):
    return [violation for violation in axe_violations(page) if violation["impact"] in {"serious", "critical"}]


def assert_accessible(page):
    violations = serious_violations(page)
    assert not violations, describe(violations)


def log_in(site, language):
    call_command("ensure_roles", verbosity=0)
    # The admin is in the language of the author's preferences; the public pages (the live preview's),
    # in the cookie's.
    DeskProfile.objects.create(user=make_user(AUTHOR, username="alice"), language=language)
    page = site.page(cookies={"django_language": language})
    page.goto(site.url + "/admin/login/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill("a-long-password-1")
    page.locator("input[type=submit]").click()
    page.wait_for_url(site.url + "/admin/")
    return page


def photo(tmp_path):
    path = tmp_path / "organoids.jpg"
    buffer = io.BytesIO()
    PILImage.new("RGB", (1300, 800), (200, 80, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def choose_person(page, row, name):
    row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).first.click()


def people_order(page):
    rows = page.locator("#article_people-group tr.form-row:not(.empty-form)")
    return [rows.nth(i).locator("select option:checked").inner_text().strip() for i in range(rows.count())]


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_an_author_writes_a_research_highlight_without_leaving_the_form(site, tmp_path, language):
    keyword, _new = Tag.objects.get_or_create(name="tumour microenvironment")
    used = TaggedItem.objects.filter(tag=keyword).count()  # articles and teams
    page = log_in(site, language)
    page.goto(site.url + "/admin/newsroom/article/add/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    page.locator("#id_title").fill(TITLES[language])
    page.locator("#id_kind").select_option(Article.Kind.RESEARCH_HIGHLIGHT)
    page.locator("#id_language").select_option(language)
    editor = page.locator(".prose-editor:has(#id_body) [contenteditable=true]")
    assert editor.get_attribute("spellcheck") == "true" and editor.get_attribute("lang") == language
    editor.click()
    page.keyboard.type("Le stroma répond." if language == "fr" else "Строма отвечает.")
    assert editor.get_attribute("spellcheck") == "true"

    # A picture from the library: search, choose.
    page.locator(".image-chooser-button").click()
    dialog = page.locator("dialog.image-chooser")
    dialog.locator(".image-choice").first.wait_for()
    assert_accessible(page)
    dialog.locator("#image-chooser-query").fill("pink")
    dialog.locator("#image-chooser-query").press("Enter")
    dialog.locator(".image-chooser-count", has_text="1").wait_for()
    dialog.locator(".image-choice").first.click()
    assert not dialog.is_visible()
    library = Image.objects.get(alt_text__contains="pink")
    editor.locator(f'figure img[data-file="{library.pk}"]').wait_for()

    # A new picture, uploaded from the editor: refused without alt text, then kept.
    page.keyboard.press("Control+End")
    page.locator(".image-chooser-button").click()
    dialog.locator(".image-choice").first.wait_for()
    dialog.locator("input[name=file]").set_input_files(photo(tmp_path))
    dialog.locator("input[name=caption]").fill("Organoïdes" if language == "fr" else "Органоиды")
    dialog.locator("input[name=credit]").fill("CC BY 4.0")
    dialog.locator("[data-chooser-upload] [type=submit]").click()
    dialog.locator("[data-errors-for=alt_text]:not(:empty)").wait_for()
    assert dialog.locator("input[name=alt_text]").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    dialog.locator("input[name=alt_text]").fill("Organoids under the microscope")
    dialog.locator("[data-chooser-upload] [type=submit]").click()
    dialog.wait_for(state="hidden")
    uploaded = Image.objects.get(alt_text="Organoids under the microscope")
    editor.locator(f'figure img[data-file="{uploaded.pk}"]').wait_for()

    # The editor's own figure button opens the chooser too, rather than asking for an address.
    page.locator(".prose-menubar__button", has_text=re.compile(r"^image$")).click()
    dialog.locator(".image-choice").first.wait_for()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")

    # The lead image, with the same chooser.
    page.locator(".field-lead_image [data-chooser-open]").click()
    dialog.locator(".image-choice").first.wait_for()
    dialog.locator(f'.image-choice[data-image*="\\"id\\": {uploaded.pk},"]').click()
    assert page.locator("#id_lead_image").input_value() == str(uploaded.pk)
    assert page.locator(".field-lead_image [data-chooser-thumbnail]").is_visible()

    # The media kit's pictures: rows added to the form, each chosen with the chooser, then reordered.
    for image in (library, uploaded):
        page.locator("#media_pictures-group .add-row a").click()
        row = page.locator("#media_pictures-group tr.form-row:not(.empty-form)").last
        row.locator("[data-chooser-open]").click()
        dialog.locator(f'.image-choice[data-image*="\\"id\\": {image.pk},"]').click()
        dialog.wait_for(state="hidden")
        assert row.locator("[data-chooser-value]").input_value() == str(image.pk)
    kit_rows = page.locator("#media_pictures-group tr.form-row:not(.empty-form)")
    kit_rows.nth(1).locator(".inline-order-up").click()
    assert kit_rows.nth(0).locator("[data-chooser-value]").input_value() == str(uploaded.pk)
    assert str(uploaded) in page.locator("#media_pictures-group .inline-order-status").inner_text()

    # Keywords: an existing one by autocomplete, a new one of two words typed without quotes.
    keywords = page.locator("#id_keywords")
    keywords.click()
    keywords.press_sequentially("tumour mi")
    suggestion = page.get_by_role("option", name=re.compile(r"^tumour microenvironment \(\d+\)$"))
    suggestion.wait_for()
    assert suggestion.inner_text().endswith(f"({used})")
    keywords.press("ArrowDown")
    keywords.press("Enter")
    keywords.press_sequentially("cancer du pancréas" if language == "fr" else "рак поджелудочной железы")
    assert keywords.input_value().startswith("tumour microenvironment, ")

    # Researchers: three rows, reordered by dragging and then by keyboard.
    add_row = page.locator("#article_people-group .add-row a")
    for name in ("Samain", "Bousquet", "Perelmuter"):
        add_row.click()
        choose_person(page, page.locator("#article_people-group tr.form-row:not(.empty-form)").last, name)
    assert [name.split()[-1] for name in people_order(page)] == ["Samain", "Bousquet", "Perelmuter"]
    order_inputs = page.locator('#article_people-group input[name$="-order"]')
    assert {order_inputs.nth(i).get_attribute("type") for i in range(order_inputs.count())} == {"hidden"}
    rows = page.locator("#article_people-group tr.form-row:not(.empty-form)")
    handle, target = rows.nth(2).locator(".inline-order-handle"), rows.nth(0)
    box, goal = handle.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 5, goal["y"] + 4, steps=8)
    page.mouse.up()
    assert [name.split()[-1] for name in people_order(page)] == ["Perelmuter", "Samain", "Bousquet"]
    down = rows.nth(0).locator(".inline-order-down")
    down.focus()
    page.keyboard.press("Enter")
    assert [name.split()[-1] for name in people_order(page)] == ["Samain", "Perelmuter", "Bousquet"]
    status = page.locator("#article_people-group .inline-order-status")
    assert "2" in status.inner_text() and "3" in status.inner_text() and "Perelmuter" in status.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('inline-order-down')")
    assert_accessible(page)

    # The live preview of the unsaved form: phone width, then the low-vision version.
    page.locator(".live-preview-toggle").click()
    preview = page.frame_locator("iframe[name=live-preview-frame]")
    preview.locator("h1", has_text=TITLES[language]).wait_for()
    assert preview.locator(".prose picture").count() == 2
    page.locator("input[name=live-preview-width][value=phone]").check()
    assert page.locator("[data-live-preview-frame]").evaluate("f => f.style.width") == "390px"
    page.locator("[data-live-preview-low-vision]").check()
    preview.locator("html[data-scheme]").wait_for()
    assert_accessible(page)
    assert not Article.objects.filter(title=TITLES[language]).exists()  # the preview saved nothing

    page.locator("input[name=_continue]").click()
    page.locator(".messagelist").wait_for()
    assert_accessible(page)
    article = Article.objects.get(title=TITLES[language])
    assert article.kind == Article.Kind.RESEARCH_HIGHLIGHT
    assert article.slug and article.lead_image == uploaded
    assert [picture.image for picture in article.media_pictures.all()] == [uploaded, library]
    assert f'data-file="{library.pk}"' in article.body and f'data-file="{uploaded.pk}"' in article.body
    assert "tumour microenvironment" in article.keywords.names() and article.keywords.count() == 2
    assert [link.person.family_name for link in article.article_people.all()] == [
        "Samain",
        "Perelmuter",
        "Bousquet",
    ]

    page.locator('form.workflow-action[action$="/transition/submit/"] button').click()
    page.locator(".messagelist").wait_for()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert Person.objects.count() >= 3
