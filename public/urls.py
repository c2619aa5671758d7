"""Addresses of the public site. News pages are named under ``newsroom:``, the research data's
pages under ``research:``, as the models' ``get_absolute_url`` expects."""

from django.urls import include, path, re_path
from django.utils.feedgenerator import Atom1Feed
from django.views.generic import TemplateView

from newsroom import preview

from . import events, experts, exports, feeds, low_vision, views
from .sitemaps import SITEMAPS, NewsSitemap, index, sitemap

news_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.ArticleListView.as_view(), name="article-list"),
    # The feeds come before the article detail, whose slug pattern would also match "feed".
    path("news/feed/", feeds.NewsFeed.as_view(), name="feed"),
    path("news/feed/atom/", feeds.NewsFeed.as_view(feed_type=Atom1Feed), name="feed-atom"),
    path("news/feed/team/<slug:slug>/", feeds.TeamNewsFeed.as_view(), name="team-feed"),
    path("news/feed/team/<slug:slug>/atom/", feeds.TeamNewsFeed.as_view(feed_type=Atom1Feed), name="team-feed-atom"),
    # Keyword slugs keep non-Latin letters (e.g. Cyrillic), which the slug converter refuses;
    # this pattern takes letters of any script, digits, hyphens and underscores, nothing else.
    re_path(r"^news/feed/keyword/(?P<slug>[-\w]+)/$", feeds.KeywordNewsFeed.as_view(), name="keyword-feed"),
    re_path(
        r"^news/feed/keyword/(?P<slug>[-\w]+)/atom/$",
        feeds.KeywordNewsFeed.as_view(feed_type=Atom1Feed),
        name="keyword-feed-atom",
    ),
    path("news/feed/kind/<slug:kind>/", feeds.KindNewsFeed.as_view(), name="kind-feed"),
    path("news/feed/kind/<slug:kind>/atom/", feeds.KindNewsFeed.as_view(feed_type=Atom1Feed), name="kind-feed-atom"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    re_path(r"^keywords/(?P<slug>[-\w]+)/$", views.KeywordDetailView.as_view(), name="keyword-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("events/", events.UpcomingEventListView.as_view(), name="event-list"),
    path("events/past/", events.UpcomingEventListView.as_view(past=True), name="event-past"),
    # The calendars come before the event pages, whose slug pattern would also match "feed".
    path("events/feed.ics", events.events_calendar, name="event-calendar"),
    path("events/feed/team/<slug:slug>.ics", events.team_events_calendar, name="team-event-calendar"),
    path("events/<slug:slug>.ics", events.event_calendar, name="event-ics"),
    path("events/<slug:slug>/", events.EventDetailView.as_view(), name="event-detail"),
    path("pages/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
    path("preview/<str:token>/", preview.link_view, name="preview-link"),
]

research_patterns = [
    path("teams/", views.TeamListView.as_view(), name="team-list"),
    path("teams/<slug:slug>/", views.TeamDetailView.as_view(), name="team-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path("publications/export.<str:file_format>", exports.publication_export, name="publication-export"),
    path("publications/<int:pk>/", views.PublicationDetailView.as_view(), name="publication-detail"),
    path("partners/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("grants/<int:pk>/", views.GrantDetailView.as_view(), name="grant-detail"),
    path("experts/", experts.ExpertListView.as_view(), name="expert-list"),
]

urlpatterns = [
    path("", include((news_patterns, "newsroom"))),
    path("", include((research_patterns, "research"))),
    path("sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    # Before the sections, whose pattern would also match "news".
    path(
        "sitemap-news.xml",
        sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemap_news.xml"},
        name="sitemap-news",
    ),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("low-vision/", low_vision.switch, name="low-vision"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]
