import re

from django import template
from django.utils.html import strip_tags

from ..models import ReviewComment

register = template.Library()

PARAGRAPH = re.compile(r"<(p|h[1-6]|li|blockquote)\b[^>]*>(.*?)</\1>", re.S | re.I)


def paragraphs(html):
    """The article's paragraphs as plain text, in order: what a comment may point at."""
    texts = (" ".join(strip_tags(match.group(2)).split()) for match in PARAGRAPH.finditer(html or ""))
    return [text for text in texts if text]


@register.inclusion_tag("desk/comments/panel.html", takes_context=True)
def review_comments(context, article):
    from ..admin.comments import current_revision_id

    return {
        "article": article,
        "threads": ReviewComment.objects.filter(article=article).threads(),
        "resolved_count": ReviewComment.objects.filter(article=article, parent=None, resolved_at__isnull=False).count(),
        "paragraphs": [(index, text[:80]) for index, text in enumerate(paragraphs(article.body))],
        "current_revision": current_revision_id(article),
        "csrf_token": context.get("csrf_token"),
    }
