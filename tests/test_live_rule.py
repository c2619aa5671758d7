"""The publishing rule: published, publish time passed, not expired; the same answer everywhere."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import make_article

from newsroom.models import Article

STATUSES = list(Article.Status)
PUBLISH_TIMES = {"published an hour ago": timedelta(hours=-1), "scheduled in an hour": timedelta(hours=1)}
EXPIRY_TIMES = {"no expiry": None, "expires tomorrow": timedelta(days=1), "expired a minute ago": timedelta(minutes=-1)}


def expected_live(status, publish_in, expire_in):
    return (
        status == Article.Status.PUBLISHED
        and publish_in < timedelta(0)
        and (expire_in is None or expire_in > timedelta(0))
    )


@pytest.mark.django_db
@pytest.mark.parametrize("expiry", EXPIRY_TIMES)
@pytest.mark.parametrize("publish_time", PUBLISH_TIMES)
@pytest.mark.parametrize("status", STATUSES, ids=[status.value for status in STATUSES])
def test_article_is_live_only_when_published_due_and_not_expired(client, status, publish_time, expiry):
    now = timezone.now()
    publish_in, expire_in = PUBLISH_TIMES[publish_time], EXPIRY_TIMES[expiry]
    article = make_article(
        status=status,
        publish_at=now + publish_in,
        expire_at=None if expire_in is None else now + expire_in,
    )
    live = expected_live(status, publish_in, expire_in)

    assert Article.objects.live().filter(pk=article.pk).exists() is live
    assert article.is_live is live
    assert client.get(article.get_absolute_url()).status_code == (200 if live else 404)


@pytest.mark.django_db
def test_publishing_without_a_publish_time_publishes_now(client):
    article = make_article(status=Article.Status.PUBLISHED, publish_at=None)

    assert article.publish_at <= timezone.now()
    assert article.is_live
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_draft_without_a_publish_time_is_not_live():
    article = make_article(status=Article.Status.DRAFT, publish_at=None)

    assert article.publish_at is None
    assert not article.is_live
    assert not Article.objects.live().filter(pk=article.pk).exists()
