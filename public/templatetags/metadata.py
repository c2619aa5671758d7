"""Page metadata for <head>: canonical URL, Open Graph and Twitter cards, JSON-LD, hreflang, citation_*.

Every public page gets it from one include (templates/includes/meta.html), which reads the
page's object from the template context; the page templates themselves need nothing.
"""

import functools
import json
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from taggit.models import Tag

from core.page_cache import remembered
from core.text import xml_safe
from newsroom.models import Article, Event, Page
from public import structured_data as schema
from public.structured_data import article_data, breadcrumb_data, institute_data, website_data
from research.models import Grant, Organisation, Person, Publication, Team

register = template.Library()

# Query parameters that change what a page shows; anything else is left out of the canonical URL.
CANONICAL_PARAMETERS = ("q", "type", "team", "keyword", "kind", "year", "page")
# Open Graph names locales as language_TERRITORY; the site's languages in the territory most readers share.
OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "ru": "ru_RU"}
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# For XML written by templates (the news sitemap): text stored before core.text cleaned it on save.
register.filter("xml_safe", xml_safe)


@register.filter
def jsonld(data):
    """A JSON-LD script element whose content cannot close the element or start markup."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, default=str)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_ESCAPES)))


def canonical_url(request):
    kept = [(name, request.GET[name]) for name in CANONICAL_PARAMETERS if request.GET.get(name)]
    kept = [(name, value) for name, value in kept if (name, value) != ("page", "1")]
    return request.build_absolute_uri(request.path) + (f"?{urlencode(kept)}" if kept else "")


def describe(page_object, site):
    """(title, description, Open Graph type) of a page's main object."""
    match page_object:
        case Article():
            return (
                page_object.seo_title or page_object.title,
                page_object.seo_description or page_object.standfirst,
                "article",
            )
        case Person():
            return page_object.name_with_honorific, page_object.position, "profile"
        case Publication():
            return page_object.title, page_object.abstract, "article"
        case Team():
            return page_object.display_name, page_object.summary, "website"
        case Organisation():
            return page_object.name, page_object.description, "website"
        case Grant():
            return str(page_object), page_object.title, "website"
        case Tag():
            return (
                page_object.name,
                gettext("News, teams and publications about “%(name)s”.") % {"name": page_object.name},
                "website",
            )
        case Event():
            return page_object.title, page_object.summary, "website"
        case Page():
            return page_object.title, " ".join(strip_tags(page_object.body).split()), "website"
    return site.institute_name, "", "website"


def structured_data(page_object, site, url):
    match page_object:
        case Article():
            return [article_data(page_object, site, url)]
        case Person():
            return [schema.person_data(page_object, url)]
        case Publication():
            return [schema.scholarly_article_data(page_object, url)]
        case Team():
            return [schema.team_data(page_object, url)]
        case Organisation():
            return [schema.organisation_data(page_object, url)]
        case Grant():
            return [schema.grant_data(page_object, url)]
        case Event():
            return [schema.event_data(page_object, site, url)]
        case Page():
            return [schema.page_data(page_object, site, url)]
    return [institute_data(site, url), website_data(site, url, reverse("newsroom:search"))]


def hreflang_alternates(translations, url):
    """<link rel=alternate> targets: each translation with its language, and the original as x-default."""
    alternates = [{"hreflang": article.language, "href": url(article.get_absolute_url())} for article in translations]
    original = next((article for article in translations if article.translation_of_id is None), None)
    if alternates:
        alternates.append({"hreflang": "x-default", "href": url((original or translations[0]).get_absolute_url())})
    return alternates


def og_locale(language):
    """ "fr" → "fr_FR"; a language the site does not list keeps the language_TERRITORY shape Open Graph reads."""
    language = (language or "en").split("-")[0].lower()
    return OG_LOCALES.get(language, f"{language}_{language.upper()}")


def first_page(page_object):
    """The first page of "157-173" (or the article number "e0123") for citation_firstpage."""
    pages = getattr(page_object, "pages", "") if isinstance(page_object, Publication) else ""
    return pages.replace("–", "-").split("-")[0].strip()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_metadata(context):
    request, site = context["request"], context["site"]
    page_object = context.get("object")
    title, description, og_type = describe(page_object, site)
    image = getattr(page_object, "lead_image", None) if isinstance(page_object, Article | Event) else None
    # Other pages are shared with the site's default share image (or its logo).
    image_url = request.build_absolute_uri(image.file.url) if image else ""
    if not image_url and site.share_image_url:
        image_url = request.build_absolute_uri(site.share_image_url)
    translations = list(context.get("translations") or [])
    return {
        "canonical": canonical_url(request),
        "title": title,
        "description": description,
        "og_type": og_type,
        "og_locale": og_locale(page_object.language if isinstance(page_object, Article) else get_language()),
        "site": site,
        "image": image,
        "image_url": image_url,
        "article": page_object if isinstance(page_object, Article) else None,
        "publication": page_object if isinstance(page_object, Publication) else None,
        "first_page": first_page(page_object),
        "alternates": hreflang_alternates(translations, request.build_absolute_uri) if len(translations) > 1 else [],
        "structured_data": kept_structured_data(page_object, site, request),
    }


def kept_structured_data(page_object, site, request):
    """The page's JSON-LD, made once per object, language and address until the content changes
    (core.page_cache.remembered): an article's names its teams, people, papers, grants and funders."""
    make = functools.partial(structured_data, page_object, site, request.build_absolute_uri)
    if getattr(page_object, "pk", None) is None:
        return make()
    meta = page_object._meta
    origin = f"{request.scheme}://{request.get_host()}"
    return remembered(f"structured-data:{meta.label}:{page_object.pk}:{get_language()}:{origin}", make)


@register.simple_tag(takes_context=True)
def breadcrumb_jsonld(context, home_label, current, section_url="", section_label=""):
    """The BreadcrumbList of the breadcrumbs a page shows (see includes/breadcrumbs.html)."""
    url = context["request"].build_absolute_uri
    crumbs = [(home_label, url(reverse("newsroom:home")))]
    if section_url:
        crumbs.append((section_label, url(section_url)))
    crumbs.append((current, url(context["request"].path)))
    return jsonld(breadcrumb_data(crumbs))
