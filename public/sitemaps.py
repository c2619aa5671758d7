"""The sitemaps: every public page in sitemap.xml, and the last two days' news for Google News."""

from collections import defaultdict
from datetime import timedelta

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, Event, Page
from research.models import Grant, Organisation, Person, Publication, Team

from .templatetags.metadata import hreflang_alternates


def with_live_articles(queryset):
    return queryset.filter(articles__in=Article.objects.live()).distinct()


def article_lastmod(article):
    # A scheduled article changes the site when it appears, even if it was last edited earlier.
    return max(article.updated_at, article.publish_at)


class PageSitemap(Sitemap):
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
class ArticleSitemap(Sitemap):
    """Live articles; a translated one names its live translations (and the original as x-default) with
    ``xhtml:link`` alternates, as its page does with ``<link rel="alternate" hreflang>``."""

    def items(self):
        return Article.objects.live().only("slug", "publish_at", "updated_at", "language", "translation_of_id")

    def lastmod(self, article):
        return article_lastmod(article)

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


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.live().only("slug", "updated_at", "publish_at")

    def lastmod(self, event):
        return article_lastmod(event)


class BasicPageSitemap(Sitemap):
    def items(self):
        return Page.objects.live().only("slug", "updated_at", "publish_at")

    def lastmod(self, page):
        return article_lastmod(page)


class PartnerSitemap(Sitemap):
    """Organisations whose page has something to show: partners a live article names, funders of grants,
    institutions of active teams. The others have no page of interest."""

    def items(self):
        live = Article.objects.live()
        return Organisation.objects.filter(
            Q(pk__in=live.values("partners"))
            | Q(pk__in=Grant.objects.values("funder"))
            | Q(pk__in=Team.objects.active().values("institution"))
        )


class GrantSitemap(Sitemap):
    """Grants acknowledged by at least one live article."""

    def items(self):
        return with_live_articles(Grant.objects.all())


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
    "teams": GenericSitemap({"queryset": Team.objects.active()}),
    "people": GenericSitemap({"queryset": Person.objects.all()}),
    "publications": GenericSitemap({"queryset": Publication.objects.only("pk", "published_on", "title")}),
    "partners": PartnerSitemap,
    "grants": GrantSitemap,
}
