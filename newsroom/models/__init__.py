from .archive import ArchivedArticle, ArchivedPicture, ArchiveImport, ArchiveImportItem
from .articles import Article, ArticlePartner, ArticlePerson, ArticleQuerySet
from .editorial import EditorialEvent, PreviewLink, TrashedArticle
from .images import Image
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
    "EditorialEvent",
    "Image",
    "PreviewLink",
    "SiteSettings",
    "TrashedArticle",
]
