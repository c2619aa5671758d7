"""Basic pages and menus: the publishing rule, translations, header and footer links, site pictures."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from factories import make_page, png_bytes
from test_live_rule import EXPIRY_TIMES, PUBLISH_TIMES, expected_live

from newsroom.models import MenuItem, Page, SiteSettings

pytestmark = pytest.mark.django_db
STATUSES = list(Page.Status)


@pytest.mark.parametrize("expiry", EXPIRY_TIMES)
@pytest.mark.parametrize("publish_time", PUBLISH_TIMES)
@pytest.mark.parametrize("status", STATUSES, ids=[status.value for status in STATUSES])
def test_page_is_live_only_when_published_due_and_not_expired(client, status, publish_time, expiry):
    now = timezone.now()
    publish_in, expire_in = PUBLISH_TIMES[publish_time], EXPIRY_TIMES[expiry]
    page = make_page(
        status=status, publish_at=now + publish_in, expire_at=None if expire_in is None else now + expire_in
    )
    MenuItem.objects.create(menu=MenuItem.Menu.FOOTER, label="Menu entry of the page", page=page)
    live = expected_live(status, publish_in, expire_in)

    assert Page.objects.live().filter(pk=page.pk).exists() is live
    assert page.is_live is live
    assert client.get(page.get_absolute_url()).status_code == (200 if live else 404)
    home = client.get("/").content.decode()
    assert ("Menu entry of the page" in home) is live
    assert (page.get_absolute_url() in client.get("/sitemap.xml").content.decode()) is live


def test_page_shows_its_sanitised_body_and_its_translations(client):
    about = make_page(title="About the institute", slug="about", body="<p>Who we are.</p><script>x()</script>")
    french = make_page(title="À propos", slug="a-propos", language="fr", translation_of=about)

    response = client.get("/pages/about/")
    page = response.content.decode()

    assert "Who we are." in page and "<script>x()" not in page
    assert f'href="{french.get_absolute_url()}"' in page
    assert 'hreflang="fr"' in page


def test_a_page_cannot_translate_one_in_its_own_language():
    about = make_page(title="About")
    with pytest.raises(ValidationError):
        Page(title="About again", translation_of=about, language=about.language).full_clean()


def test_menu_entries_show_in_header_and_footer_in_their_order_and_language(client):
    about = make_page(title="About", slug="about")
    MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label="About us", page=about, order=2)
    MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label="Press room", url="/press/", order=1)
    MenuItem.objects.create(menu=MenuItem.Menu.FOOTER, label="Legal notice", url="/pages/legal/")
    MenuItem.objects.create(menu=MenuItem.Menu.FOOTER, label="Mentions légales", url="/pages/mentions/", language="fr")

    english = client.get("/").content.decode()
    header = english[english.index('class="site-nav"') : english.index("</nav>", english.index('class="site-nav"'))]
    footer = english[english.index('class="site-footer"') :]
    french = client.get("/", headers={"cookie": "django_language=fr"}).content.decode()

    assert header.index("Press room") < header.index("About us")
    assert 'href="/pages/about/"' in header
    assert "Legal notice" in footer and "Mentions légales" not in english
    assert "Mentions légales" in french and "Legal notice" in french


def test_a_menu_entry_needs_a_page_or_a_safe_address():
    with pytest.raises(ValidationError):
        MenuItem(label="Nothing").full_clean()
    with pytest.raises(ValidationError):
        MenuItem(label="Script", url="javascript:alert(1)").full_clean()
    MenuItem(label="Jobs", url="https://example.org/jobs/").full_clean()


def test_careers_heading_links_where_the_site_settings_say(client):
    SiteSettings.objects.create(careers_text="Want to join us?", careers_url="https://example.org/jobs/")

    page = client.get("/").content.decode()

    assert '<h2 id="footer-careers-heading" class="footer-heading"><a href="https://example.org/jobs/">' in page


def test_favicon_and_share_image_come_from_the_site_settings(client):
    logo = SimpleUploadedFile("logo.png", png_bytes((300, 100)), content_type="image/png")
    SiteSettings.objects.create(institute_name="CRCT", logo=logo)
    page = make_page(title="Accessibility statement")

    html = client.get(page.get_absolute_url()).content.decode()
    site = SiteSettings.load()

    assert f'<link rel="icon" href="{site.logo.rendition_urls(600)["fallback"]}">' in html
    assert f'<meta property="og:image" content="http://testserver{site.share_image_url}">' in html

    site.share_image = SimpleUploadedFile("share.png", png_bytes((1200, 630)), content_type="image/png")
    site.favicon = SimpleUploadedFile("icon.png", png_bytes((64, 64)), content_type="image/png")
    site.save()
    html = client.get("/events/").content.decode()

    assert site.favicon.rendition_urls(32)["fallback"] in html
    assert f'content="http://testserver{site.share_image.rendition_urls(1200)["fallback"]}"' in html


@pytest.mark.parametrize(
    ("language", "heading", "font_choice"),
    [
        ("en", "What this version offers", "A sans-serif or a serif font."),
        ("fr", "Ce que propose cette version", "Une police sans empattement ou avec empattement."),
        ("ru", "Что предлагает эта версия", "Шрифт без засечек или с засечками."),
    ],
)
def test_the_seeded_accessibility_statement_says_what_the_low_vision_version_supports(
    client, language, heading, font_choice
):
    call_command("loadseeds", verbosity=0)
    original = Page.objects.get(slug="accessibility")
    page = original if language == "en" else original.translated_versions.get(language=language)
    assert page.shows_accessibility_support and page.is_live

    client.cookies["django_language"] = language
    home = client.get("/").text
    text = client.get(page.get_absolute_url()).text

    assert f'href="{page.get_absolute_url()}"' in home  # the footer's link, in the reader's language
    assert heading in text and font_choice in text and "WCAG 2.2" in text


def test_other_pages_do_not_list_the_low_vision_support(client):
    page = make_page(title="Legal notice")

    assert "accessibility-support" not in client.get(page.get_absolute_url()).text
