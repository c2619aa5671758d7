"""RSS 2.0 and Atom feeds of the news: all of it, or one team's, one keyword's or one kind's.

Each feed class serves both formats: ``NewsFeed.as_view()`` is RSS and
``NewsFeed.as_view(feed_type=Atom1Feed)`` is Atom.
"""

import functools
import mimetypes
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed, FeedDoesNotExist
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from core.text import xml_safe
from newsroom.models import Article, SiteSettings
from research.models import Team


def image_enclosure(image, request):
    """The lead image as an enclosure, its length as kept with its renditions; for renditions made
    before they kept it, as the storage says, or None when its file cannot be read (a feed must not
    fail for it)."""
    if image is None or not image.file:
        return None
    length = (image.renditions or {}).get("bytes")
    if length is None:
        try:
            length = image.file.size
        except OSError:
            return None
    mime_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
    return Enclosure(request.build_absolute_uri(image.file.url), str(length), mime_type)


def xml_safe_values(values):
    return {
        key: [xml_safe(item) for item in value] if isinstance(value, list | tuple) else xml_safe(value)
        for key, value in values.items()
    }


class XmlSafeFeed:
    """A feed generator that writes only characters XML 1.0 allows, whatever is stored: Django's XML
    writer refuses the others, and one article with a control character would break the whole feed."""

    def __init__(self, title, link, description, **kwargs):
        super().__init__(xml_safe(title), link, xml_safe(description), **xml_safe_values(kwargs))

    def add_item(self, title, link, description, **kwargs):
        super().add_item(xml_safe(title), link, xml_safe(description), **xml_safe_values(kwargs))


MEDIA_RSS = "http://search.yahoo.com/mrss/"


def lead_image_media(image, request):
    """What Media RSS says of a lead image: the article page's rendition, the card's as thumbnail, the alt text."""
    if image is None or not image.file:
        return None
    try:
        _webp, lead, lead_type = image.rendition_set("lead")
        _webp, card, _card_type = image.rendition_set("card")
    except OSError:
        return None  # a picture whose file is gone: the item goes without it rather than the feed failing

    def described(name, width, height):
        url = request.build_absolute_uri(default_storage.url(name))
        return {"url": url, "width": str(width), "height": str(height)}

    return {
        "content": {**described(*lead[-1]), "type": lead_type, "medium": "image"},
        "thumbnail": described(*card[0]),
        "description": "" if image.is_decorative else image.alt_text,
    }


class MediaRssFeed:
    """A feed generator that describes each item's lead image in Media RSS (``media:content``,
    ``media:thumbnail``, ``media:description``), which feed readers show as the item's picture."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def root_attributes(self):
        attributes = super().root_attributes()
        return {**attributes, "xmlns:media": MEDIA_RSS} if isinstance(self, Atom1Feed) else attributes

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if media := item.get("media"):
            handler.startElement("media:content", media["content"])
            if media["description"]:
                handler.addQuickElement("media:description", xml_safe(media["description"]), {"type": "plain"})
            handler.endElement("media:content")
            handler.addQuickElement("media:thumbnail", "", media["thumbnail"])


@functools.cache
def xml_safe_feed(feed_type):
    return type(f"XmlSafe{feed_type.__name__}", (XmlSafeFeed, MediaRssFeed, feed_type), {})


class NewsFeed(Feed):
    """The latest live news of the whole institute."""

    max_items = 30

    def __init__(self, feed_type=Rss201rev2Feed):
        self.feed_type = xml_safe_feed(feed_type)

    @classmethod
    def as_view(cls, **initkwargs):
        """A view that builds a fresh feed for each request, so the request it keeps is its own."""

        def view(request, *args, **kwargs):
            return cls(**initkwargs)(request, *args, **kwargs)

        return view

    def __call__(self, request, *args, **kwargs):
        # Item methods only receive the item, so what they share is kept on this per-request instance.
        self.request = request
        self.site = SiteSettings.load()
        return super().__call__(request, *args, **kwargs)

    def articles(self, obj):
        return Article.objects.live()

    def items(self, obj):
        return self.articles(obj).for_feed()[: self.max_items]

    def title(self, obj):
        return f"{self.site.institute_name}: news"

    def description(self, obj):
        return f"The latest news from {self.site.institute_name}."

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return reverse("newsroom:article-list")

    def author_name(self):
        return self.site.institute_name

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        citations = [publication.citation_text() for publication in article.publications.all()]
        return "\n\n".join([article.standfirst, *citations]).strip()

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        # A scheduled article is new to readers when it appears, even if it was last edited earlier.
        return max(article.updated_at, article.publish_at)

    def item_author_name(self, article):
        names = [name for user in article.authors.all() if (name := user.get_full_name())]
        return ", ".join(names) or self.site.institute_name

    def item_categories(self, article):
        # The peer-review status of the research comes first: what a journalist's reader filters on.
        statuses = [str(status.label) for status in article.peer_reviews]
        return [*statuses, *(keyword.name for keyword in article.keyword_list)]

    def item_enclosures(self, article):
        enclosure = image_enclosure(article.lead_image, self.request)
        return [enclosure] if enclosure else []

    def item_extra_kwargs(self, article):
        return {"media": lead_image_media(article.lead_image, self.request)}


class TeamNewsFeed(NewsFeed):
    """The latest live news of one team, found by its slug."""

    def get_object(self, request, slug):
        return Team.objects.get(slug=slug)

    def articles(self, team):
        return super().articles(team).filter(teams=team)

    def title(self, team):
        return f"{self.site.institute_name}: news of the team {team.display_name}"

    def description(self, team):
        return f"The latest news of the team {team.display_name} at {self.site.institute_name}."

    def link(self, team):
        return team.get_absolute_url()


class KeywordNewsFeed(NewsFeed):
    """The latest live news tagged with one keyword, found by its slug."""

    def get_object(self, request, slug):
        return Tag.objects.get(slug=slug)

    def articles(self, keyword):
        return super().articles(keyword).filter(keywords__slug=keyword.slug)

    def title(self, keyword):
        return f"{self.site.institute_name}: news about “{keyword.name}”"

    def description(self, keyword):
        return f"The latest news about “{keyword.name}” from {self.site.institute_name}."

    def link(self, keyword):
        return reverse("newsroom:keyword-detail", args=[keyword.slug])


class KindNewsFeed(NewsFeed):
    """The latest live articles of one kind (news, research highlight, press release…), found by its value."""

    def get_object(self, request, kind):
        if kind not in Article.Kind.values:
            raise FeedDoesNotExist(f"There is no kind of article called {kind!r}.")
        return Article.Kind(kind)

    def articles(self, kind):
        return super().articles(kind).filter(kind=kind)

    def title(self, kind):
        return f"{self.site.institute_name}: {kind.label}"

    def description(self, kind):
        return f"The latest articles of the kind “{kind.label}” from {self.site.institute_name}."

    def link(self, kind):
        return f"{reverse('newsroom:article-list')}?{urlencode({'kind': kind.value})}"
