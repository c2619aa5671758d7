"""Importing an old news archive: WordPress exports, RSS feeds and CSV files, with pictures, dry runs,
re-runs, redirects of the old addresses, and clear messages for files that cannot be used."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from archive_files import rss, rss_item, wxr, wxr_attachment, wxr_post
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command
from django.urls import reverse
from factories import png_bytes

from newsroom.archive.items import UnreadableArchive
from newsroom.archive.jobs import create_job, run_job
from newsroom.models import ArchivedArticle, ArchiveImport, Article, Image

pytestmark = pytest.mark.django_db

LAB = "https://old.example.org/wp-content/uploads/2019/05/lab.png"
PORTRAIT = "https://old.example.org/wp-content/uploads/2019/05/portrait.png"
HOSTILE = '<p onclick="steal()">Результаты <a href="javascript:alert(1)">ici</a></p><script>alert(1)</script>'


def pictures_zip(**files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


def an_export():
    return wxr(
        wxr_attachment(100, PORTRAIT, ""),
        wxr_post(
            1,
            "Химиотерапия рака",
            f'<p>Текст.</p><img src="{LAB}" alt="Лаборатория">' + HOSTILE,
            thumbnail=100,
            tags=("Онкология", "Research"),
        ),
        wxr_post(1, "Химиотерапия рака", "<p>The same guid again.</p>"),
        wxr_post(2, "", "<p>An item without a title.</p>"),
        wxr_post(
            3,
            "A picture that was never given",
            '<img src="https://old.example.org/missing.png" alt="x">',
            creator="ghost",
        ),
    )


def run(content, filename="export.xml", **options):
    options.setdefault(
        "pictures_archive",
        pictures_zip(**{"uploads__2019__05__lab.png": png_bytes(), "portrait.png": png_bytes(color=(200, 10, 10))}),
    )
    return run_job(create_job(None, filename, content, **options))


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("amartin", "alice@example.org", first_name="Alice", last_name="Martin")


def test_a_wordpress_export_arrives_as_drafts_with_pictures_keywords_authors_and_original_dates(alice):
    job = run(an_export())

    assert (job.status, job.format_name, job.total) == ("done", "WordPress (WXR)", 4)
    assert (job.created_count, job.skipped_count, job.failed_count) == (2, 1, 1)
    article = Article.objects.get(archive_origin__guid="https://old.example.org/?p=1")
    assert article.status == Article.Status.DRAFT and not article.is_live
    assert article.publish_at == datetime(2019, 5, 3, 10, tzinfo=UTC)
    assert (article.slug, article.standfirst) == ("post-1", "Summary of Химиотерапия рака")
    assert set(article.keywords.names()) == {"Онкология", "Research"}
    assert list(article.authors.all()) == [alice]
    assert "<script" not in article.body and "onclick" not in article.body and "javascript:" not in article.body
    body_image = Image.objects.get(alt_text="Лаборатория")
    assert f'<img src="{body_image.file.url}" alt="Лаборатория"' in article.body and body_image.renditions
    assert article.lead_image.alt_text == "" and not article.lead_image.is_decorative
    missing = Article.objects.get(title="A picture that was never given")
    assert "<img" not in missing.body
    assert "missing.png" in missing.archive_origin.note and "Ghost Writer" in missing.archive_origin.note
    lines = {item.position: (item.action, item.details) for item in job.items.all()}
    assert lines[1][0] == "skipped" and "duplicate" in lines[1][1]
    assert lines[2][0] == "failed" and "no title" in lines[2][1]


def test_pictures_without_alt_text_are_listed_by_the_library_filter(staff_client):
    run(an_export())

    response = staff_client.get(reverse("admin:newsroom_image_changelist") + "?alt_text_missing=yes")

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [Image.objects.get(alt_text="")]
    assert "(alt text missing)" in response.text


def test_a_dry_run_says_what_would_be_done_and_saves_nothing():
    job = run(an_export(), dry_run=True)

    assert (job.created_count, job.skipped_count, job.failed_count) == (2, 1, 1)
    assert not Article.objects.exists() and not Image.objects.exists() and not Redirect.objects.exists()
    details = [item.details for item in job.items.order_by("position")]
    assert details[0].startswith("Would be created.") and "missing.png" in details[3]


def test_a_rerun_creates_no_duplicates_and_updates_only_what_changed_in_the_export():
    run(an_export())
    counts = (Article.objects.count(), Image.objects.count(), Redirect.objects.count())

    again = run(an_export())
    assert (again.created_count, again.updated_count, again.skipped_count) == (0, 0, 3)
    assert (Article.objects.count(), Image.objects.count(), Redirect.objects.count()) == counts

    changed = run(wxr(wxr_post(3, "A picture that was never given, retitled", "<p>New text.</p>")))
    assert changed.updated_count == 1
    assert Article.objects.filter(title="A picture that was never given, retitled").count() == 1
    assert Article.objects.count() == counts[0]


def test_an_article_edited_here_is_not_overwritten_by_a_rerun():
    run(wxr(wxr_post(7, "Original", "<p>Old text.</p>")))
    article = Article.objects.get()
    article.body = "<p>Edited by the desk.</p>"
    ArchivedArticle.objects.filter(article=article).update(imported_at=datetime(2020, 1, 1, tzinfo=UTC))
    article.save()

    job = run(wxr(wxr_post(7, "Original, changed in the export", "<p>Other text.</p>")))

    assert job.skipped_count == 1 and "edited here" in job.items.get().details
    assert Article.objects.get().body == "<p>Edited by the desk.</p>"


def test_old_addresses_redirect_to_the_new_articles_even_with_the_page_cache_on(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    run(wxr(wxr_post(5, "Lab news", "<p>Text.</p>", date="2018-02-01 09:00:00")), publish=True)
    article = Article.objects.get()
    assert article.is_live and article.publish_at == datetime(2018, 2, 1, 9, tzinfo=UTC)

    for _attempt in range(2):
        response = client.get("/2018/02/post-5/")
        assert response.status_code == 301 and response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/2018/02/never-was/").status_code == 404


def test_feeds_and_sitemaps_keep_the_address_they_were_asked_at(client):
    run(wxr(wxr_post(5, "Lab news", "<p>Text.</p>")), publish=True)

    assert "http://testserver/news/post-5/" in client.get("/sitemap.xml").text
    assert "http://testserver/news/post-5/" in client.get("/news/feed/").text


def test_an_rss_feed_with_an_enclosed_picture_and_cyrillic_text_is_imported():
    feed = rss(
        rss_item(1, "Новости лаборатории", "<p>Полный текст.</p><style>p{}</style>", enclosure=LAB),
        rss_item(2, "Broken date", "<p>x</p>", date="the day after tomorrow"),
    )

    job = run(feed, filename="feed.xml", publish=True)

    assert (job.format_name, job.created_count, job.failed_count) == ("RSS", 1, 1)
    article = Article.objects.get()
    assert (article.title, article.body, article.standfirst) == (
        "Новости лаборатории",
        "<p>Полный текст.</p>",
        "Summary Новости лаборатории",
    )
    assert article.lead_image.file and article.publish_at == datetime(2019, 5, 3, 10, tzinfo=UTC)
    assert "not a date" in job.items.get(position=1).details


def test_a_csv_file_is_imported_through_its_column_mapping():
    content = (
        "Link,Headline,Published,Text,Tags,Photo,Photo text\n"
        "https://old.example.org/n/1,Премия института,2020-06-01T08:00:00+00:00,<p>Текст</p>,Prix; Awards,lab.png,"
        "Зал\n"
        "https://old.example.org/n/1,Премия института,2020-06-01T08:00:00+00:00,<p>Текст</p>,Prix; Awards,lab.png,"
        "Зал\n"
    ).encode()
    mapping = {
        "url": "Link",
        "title": "Headline",
        "date": "Published",
        "body": "Text",
        "keywords": "Tags",
        "picture": "Photo",
        "alt": "Photo text",
    }

    job = run(content, filename="news.csv", mapping=mapping)

    assert (job.format_name, job.created_count, job.skipped_count) == ("CSV", 1, 1)
    article = Article.objects.get()
    assert set(article.keywords.names()) == {"Prix", "Awards"} and article.lead_image.alt_text == "Зал"
    assert Redirect.objects.get().old_path == "/n/1"


@pytest.mark.parametrize(
    ("filename", "content", "mapping", "message"),
    [
        ("export.xml", b"this is not xml", None, "is not an XML file"),
        ("export.xml", b"<rss><channel><item>", None, "not a well-formed XML file"),
        ("export.xml", b"<html><body/></html>", None, "neither a WordPress export nor a feed"),
        ("news.csv", b"Headline,Link\nA,b\n", {"title": "Title", "url": "Link"}, "which the file does not have"),
        ("news.csv", b"Headline,Link\nA,b\n", {"url": "Link"}, "must name a column for: title"),
        ("news.csv", b"Headline,Link\nA,b\n", None, "needs a column mapping"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_with_a_clear_message(filename, content, mapping, message):
    with pytest.raises(UnreadableArchive, match=message):
        create_job(None, filename, content, mapping=mapping)
    assert not ArchiveImport.objects.exists()


def test_a_damaged_picture_breaks_only_its_item_and_nothing_of_it_is_saved():
    export = wxr(
        wxr_post(1, "Good", "<p>Fine.</p>"), wxr_post(2, "Bad picture", f'<p>Text</p><img src="{LAB}" alt="Lab">')
    )

    job = run(export, pictures_archive=pictures_zip(**{"lab.png": b"\x89PNG not really"}))

    assert (job.created_count, job.failed_count) == (1, 1)
    assert list(Article.objects.values_list("title", flat=True)) == ["Good"]
    assert not Image.objects.exists() and Redirect.objects.count() == 2
    assert "lab.png" in job.items.get(position=1).details


def test_the_admin_queues_an_upload_and_lists_the_jobs(staff_client, tasks_at_once, django_capture_on_commit_callbacks):
    upload = io.BytesIO(an_export())
    upload.name = "export.xml"
    pictures = io.BytesIO(pictures_zip(**{"lab.png": png_bytes()}))
    pictures.name = "pictures.zip"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:newsroom_archiveimport_add"), {"export": upload, "pictures": pictures, "dry_run": ""}
        )

    assert response.status_code == 302
    job = ArchiveImport.objects.get()
    assert job.status == "done" and job.created_count == 2 and job.user.username == "editor"
    listing = staff_client.get(reverse("admin:newsroom_archiveimport_changelist"))
    assert "export.xml" in listing.text
    page = staff_client.get(reverse("admin:newsroom_archiveimport_change", args=[job.pk]))
    assert page.status_code == 200 and "no title" in page.text


def test_the_admin_refuses_a_file_that_is_not_an_archive_with_a_message(staff_client):
    upload = io.BytesIO(b"PK\x03\x04 not an export")
    upload.name = "export.xml"

    response = staff_client.post(reverse("admin:newsroom_archiveimport_add"), {"export": upload})

    assert response.status_code == 200 and "is not an XML file" in response.text
    assert not ArchiveImport.objects.exists()


def test_the_command_runs_a_dry_run_then_the_import(tmp_path, capsys):
    (tmp_path / "export.xml").write_bytes(an_export())
    uploads = tmp_path / "pictures" / "2019" / "05"
    uploads.mkdir(parents=True)
    (uploads / "lab.png").write_bytes(png_bytes())

    call_command("import_archive", str(tmp_path / "export.xml"), "--pictures", str(tmp_path / "pictures"), "--dry-run")
    assert "2 created, 0 updated, 1 skipped, 1 broken (dry run" in capsys.readouterr().out
    assert not Article.objects.exists()

    call_command("import_archive", str(tmp_path / "export.xml"), "--pictures", str(tmp_path / "pictures"), "--publish")
    assert Article.objects.live().count() == 2
    with pytest.raises(CommandError, match="is not an XML file"):
        (tmp_path / "bad.xml").write_text("nope")
        call_command("import_archive", str(tmp_path / "bad.xml"))


def test_overlong_keywords_are_cut_to_the_length_a_keyword_can_have():
    long_keyword = "Cancer-associated fibroblasts " * 6

    job = run(wxr(wxr_post(8, "Long keyword", "<p>Text.</p>", tags=(long_keyword, "Stroma"))))

    assert job.created_count == 1 and job.failed_count == 0
    assert sorted(Article.objects.get().keywords.names()) == sorted([long_keyword.strip()[:100], "Stroma"])
