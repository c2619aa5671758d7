from .archive import ArchivedArticle, ArchivedPicture, ArchiveImport, ArchiveImportItem
from .articles import Article, ArticlePartner, ArticlePerson, ArticleQuerySet
from .audit import AuditEntry
from .editorial import EditorialEvent, PreviewLink, TrashedArticle
from .events import Event, EventSpeaker, TrashedEvent
from .images import Image
from .pages import MenuItem, Page, TrashedPage
from .site import SiteSettings

__all__ = [
    "ArchiveImport",
    "ArchiveImportItem",
    "ArchivedArticle",
    "ArchivedPicture",
    "Article",
    "ArticlePartner",
    "ArticlePerson",
    "ArticleQuerySet",
    "AuditEntry",
    "EditorialEvent",
    "Event",
    "EventSpeaker",
    "Image",
    "MenuItem",
    "Page",
    "PreviewLink",
    "SiteSettings",
    "TrashedArticle",
    "TrashedEvent",
    "TrashedPage",
]
