"""The sitemaps: every public page, and the last two days' news for Google News.

``sitemap.xml`` is an index of one sitemap per kind (``sitemap-articles.xml``…), each in pages of
``PAGE_SIZE`` addresses (``?p=2``…): the index stays small whatever the number of articles and
publications, and no sitemap comes near the 50,000 addresses a search engine reads from one.
"""

import functools
from collections import defaultdict
from datetime import timedelta

from django.contrib.sitemaps import GenericSitemap, Sitemap, views
from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from core.page_cache import remembered
from newsroom.models import Article, ArticlePartner, Event, Page
from research.models import Grant, Organisation, Person, Publication, Team

from .templatetags.metadata import hreflang_alternates

PAGE_SIZE = 2_000


def article_lastmod(article):
    # A scheduled article changes the site when it appears, even if it was last edited earlier.
    return max(article.updated_at, article.publish_at)


class PagedSitemap(Sitemap):
    """A sitemap in pages of ``PAGE_SIZE``, counted once per request (the index reads the count twice)."""

    limit = PAGE_SIZE

    @functools.cached_property
    def paginator(self):
        return super().paginator


class LiveSitemap(PagedSitemap):
    """A sitemap of one publishable kind: its live rows, paged, dated by when each last changed the site."""

    model = None
    fields = ("slug", "publish_at", "updated_at")

    def items(self):
        return self.model.objects.live().only(*self.fields).order_by("-publish_at", "pk")

    def lastmod(self, item):
        return article_lastmod(item)

    def get_latest_lastmod(self):
        """The index's date for this sitemap, in one query rather than by reading every row."""
        return self.model.objects.live().aggregate(latest=Max(Greatest("updated_at", "publish_at")))["latest"]


class ModelSitemap(PagedSitemap, GenericSitemap):
    """Every row of a queryset: made for each request (from ``SITEMAPS``), so that its count is that request's."""


class PageSitemap(PagedSitemap):
    """The pages that list things rather than show one."""

    def items(self):
        return [
            "newsroom:home",
            "newsroom:article-list",
            "newsroom:event-list",
            "research:team-list",
            "research:publication-list",
        ]

    def location(self, name):
        return reverse(name)


# Articles, partners and grants are classes rather than GenericSitemaps: what is live depends on the request's time.
class ArticleSitemap(LiveSitemap):
    """Live articles; a translated one names its live translations (and the original as x-default) with
    ``xhtml:link`` alternates, as its page does with ``<link rel="alternate" hreflang>``."""

    model = Article
    fields = ("slug", "publish_at", "updated_at", "language", "translation_of_id")

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        groups = translation_groups([url["item"] for url in urls])
        for url in urls:
            translations = groups[url["item"].translation_group_id]
            if len(translations) > 1:
                url["alternates"] = [
                    {"location": alternate["href"], "lang_code": alternate["hreflang"]}
                    for alternate in hreflang_alternates(translations, lambda path: origin + path)
                ]
        return urls


def translation_groups(articles):
    """{translation group id: [its live articles]} of the groups the articles belong to, in one query."""
    ids = {article.translation_group_id for article in articles}
    members = Article.objects.live().filter(Q(pk__in=ids) | Q(translation_of_id__in=ids)).order_by("language")
    groups = defaultdict(list)
    for article in members.only("slug", "language", "translation_of_id"):
        groups[article.translation_group_id].append(article)
    return groups


class EventSitemap(LiveSitemap):
    model = Event


class BasicPageSitemap(LiveSitemap):
    model = Page


class PartnerSitemap(PagedSitemap):
    """Organisations whose page has something to show: partners a live article names, funders of grants,
    institutions of active teams. The others have no page of interest."""

    def items(self):
        partners = ArticlePartner.objects.filter(article__in=Article.objects.live()).values("organisation")
        return Organisation.objects.filter(
            Q(pk__in=partners)
            | Q(pk__in=Grant.objects.values("funder"))
            | Q(pk__in=Team.objects.active().values("institution"))
        ).order_by("pk")


class GrantSitemap(PagedSitemap):
    """Grants acknowledged by at least one live article."""

    def items(self):
        acknowledged = Article.grants.through.objects.filter(article__in=Article.objects.live()).values("grant")
        return Grant.objects.filter(pk__in=acknowledged).order_by("pk")


class NewsSitemap(Sitemap):
    """Articles published in the last two days, in Google News' format (see templates/sitemap_news.xml)."""

    limit = 1000  # Google News reads at most 1,000 addresses from one sitemap

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return Article.objects.live().filter(publish_at__gte=since).only("slug", "title", "language", "publish_at")


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "events": EventSitemap,
    "basic-pages": BasicPageSitemap,
    "teams": functools.partial(ModelSitemap, {"queryset": Team.objects.active().order_by("pk")}),
    "people": functools.partial(ModelSitemap, {"queryset": Person.objects.order_by("pk")}),
    "publications": functools.partial(
        ModelSitemap, {"queryset": Publication.objects.only("pk", "published_on", "title").order_by("pk")}
    ),
    "partners": PartnerSitemap,
    "grants": GrantSitemap,
}


def remembered_view(view):
    """The sitemap view, its answers kept until the content changes (core.page_cache.remembered): a sitemap
    reads every live row of its kind, and search engines ask for them often."""

    @functools.wraps(view)
    def kept(request, *args, **kwargs):
        def answer():
            response = view(request, *args, **kwargs)
            response.render()
            return response

        # The address says all a sitemap depends on besides the content: host, scheme, section and page.
        return remembered(f"sitemap:{request.build_absolute_uri()}", answer)

    return kept


def index_of_sitemaps_with_addresses(request, sitemaps, **kwargs):
    """Django's sitemap index, without the sitemaps that are empty (an empty sitemap is not a valid one)."""
    shown = {section: site for section, make in sitemaps.items() if (site := make()).paginator.count}
    return views.index(request, shown, **kwargs)


index = remembered_view(index_of_sitemaps_with_addresses)
sitemap = remembered_view(views.sitemap)
