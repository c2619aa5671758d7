"""A 5,000-item WordPress export through ``manage.py import_archive``: the import saves its work a batch
at a time, so its queries grow with the batches rather than a few dozen an item, and a re-run
creates nothing twice. The wall time is printed (``-s`` shows it)."""

import time

import pytest
from archive_files import wxr, wxr_post
from django.contrib.redirects.models import Redirect
from django.core.management import call_command
from django.db import connection
from factories import png_bytes
from reversion.models import Version
from taggit.models import Tag

from newsroom.models import ArchivedArticle, ArchiveImport, Article, Image

pytestmark = pytest.mark.django_db

ITEMS = 5000
PICTURE_EVERY = 500  # one item in this many has a picture, stored through the image pipeline
QUERIES_PER_ITEM = 5


def big_export():
    posts = []
    for n in range(1, ITEMS + 1):
        picture = (
            f'<img src="https://old.example.org/uploads/photo{n}.png" alt="Photo {n}">'
            if n % PICTURE_EVERY == 0
            else ""
        )
        posts.append(
            wxr_post(n, f"News item {n}", f"<p>Paragraph of item {n}.</p>{picture}", tags=(f"tag{n % 20}", "Archive"))
        )
    return wxr(*posts)


def import_timed(path, pictures, capsys):
    """(queries, seconds) of one run of the command."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    started = time.monotonic()
    with connection.execute_wrapper(count):
        call_command("import_archive", str(path), "--publish", "--pictures", str(pictures))
    seconds = time.monotonic() - started
    capsys.readouterr()
    return len(queries), seconds


def test_a_five_thousand_item_export_is_imported_in_batches_and_a_rerun_adds_nothing(
    tmp_path, django_user_model, capsys
):
    alice = django_user_model.objects.create_user(
        "amartin", "alice@example.org", first_name="Alice", last_name="Martin"
    )
    (tmp_path / "export.xml").write_bytes(big_export())
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    for n in range(PICTURE_EVERY, ITEMS + 1, PICTURE_EVERY):
        (pictures / f"photo{n}.png").write_bytes(png_bytes(color=(n % 255, 90, 160)))

    queries, seconds = import_timed(tmp_path / "export.xml", pictures, capsys)

    job = ArchiveImport.objects.get()
    assert (job.status, job.processed, job.created_count, job.failed_count) == ("done", ITEMS, ITEMS, 0)
    assert queries < QUERIES_PER_ITEM * ITEMS
    assert Article.objects.live().count() == ITEMS and Redirect.objects.count() == 2 * ITEMS
    assert Image.objects.count() == ITEMS // PICTURE_EVERY and Tag.objects.count() == 21
    article = Article.objects.get(slug="post-1000")
    assert set(article.keywords.names()) == {"tag0", "Archive"} and list(article.authors.all()) == [alice]
    assert f'<img src="{Image.objects.get(alt_text="Photo 1000").file.url}"' in article.body
    assert Version.objects.get_for_model(Article).count() == ITEMS
    assert Article.objects.filter(search_vector__isnull=True).count() == 0
    with capsys.disabled():
        print(
            f"\n{ITEMS} WXR items imported on {connection.vendor} in {seconds:.1f} s "
            f"({1000 * seconds / ITEMS:.1f} ms an item), {queries} queries ({queries / ITEMS:.2f} an item)"
        )

    queries, seconds = import_timed(tmp_path / "export.xml", pictures, capsys)

    rerun = ArchiveImport.objects.latest("pk")
    assert (rerun.created_count, rerun.skipped_count) == (0, ITEMS)
    assert queries < QUERIES_PER_ITEM * ITEMS
    assert Article.objects.count() == ArchivedArticle.objects.count() == ITEMS
    assert Redirect.objects.count() == 2 * ITEMS and Image.objects.count() == ITEMS // PICTURE_EVERY
    with capsys.disabled():
        print(f"the re-run skipped them all in {seconds:.1f} s with {queries} queries")
