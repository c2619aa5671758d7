from .articles import Article, ArticlePartner, ArticlePerson, ArticleQuerySet
from .editorial import EditorialEvent, PreviewLink, TrashedArticle
from .images import Image
from .site import SiteSettings

__all__ = [
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
