"""Articles: only live ones, with filters for portals (team, keyword, kind, language, dates)."""

from datetime import datetime
from enum import StrEnum

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from newsroom.models import Article as ArticleModel

from .. import queries, schemas, serializers
from ..responses import CURSOR, ERRORS, FIELDS, LIMIT, aware, item, items

router = Router(tags=["articles"])
Language = StrEnum("Language", {code: code for code, _ in settings.LANGUAGES})
Kind = StrEnum("Kind", {kind.value: kind.value for kind in ArticleModel.Kind})
ORDER = ("-publish_at", "-id")
PUBLISHED_AFTER = Query(None, description="Published at or after this time (or date).")
PUBLISHED_BEFORE = Query(None, description="Published before this time (or date).")
UPDATED_SINCE = Query(None, description="Changed at or after this time.")


@router.get("/articles", response={200: schemas.page_of(schemas.Article), **ERRORS}, url_name="article-list")
def article_list(
    request,
    team: str | None = Query(None, max_length=80, description="A team's slug."),
    keyword: str | None = Query(None, max_length=100, description="A keyword's slug."),
    kind: Kind | None = None,
    language: Language | None = None,
    person: str | None = Query(None, max_length=80, description="A featured person's slug."),
    publication: int | None = Query(None, ge=1, le=2**62, description="A publication's id."),
    grant: int | None = Query(None, ge=1, le=2**62, description="A grant's id."),
    partner: str | None = Query(None, max_length=80, description="A partner organisation's slug."),
    published_after: datetime | None = PUBLISHED_AFTER,
    published_before: datetime | None = PUBLISHED_BEFORE,
    updated_since: datetime | None = UPDATED_SINCE,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    fields: str | None = FIELDS,
):
    """Live articles, newest first."""
    filters = {
        "teams__slug": team,
        "keywords__slug": keyword,
        "kind": kind,
        "language": language,
        "article_people__person__slug": person,
        "publications": publication,
        "grants": grant,
        "partnerships__organisation__slug": partner,
        "publish_at__gte": aware(published_after),
        "publish_at__lt": aware(published_before),
        "updated_at__gte": aware(updated_since),
    }
    queryset = queries.articles().filter(**{key: value for key, value in filters.items() if value is not None})
    if partner:  # an organisation may be a partner in two roles
        queryset = queryset.distinct()
    return items(request, schemas.Article, serializers.article, queryset, ORDER, cursor, limit, fields)


@router.get("/articles/{slug}", response={200: schemas.Article, **ERRORS}, url_name="article-detail")
def article_detail(request, slug: str, fields: str | None = FIELDS):
    return item(schemas.Article, serializers.article(request, get_object_or_404(queries.articles(), slug=slug)), fields)
