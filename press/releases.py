"""The press room: the releases under embargo and the recent ones, each with its media kit, for
accredited journalists. Every view and download before the lift is recorded (``ReleaseAccess``),
so that a breach can be traced; the public sees a release only once it is live (the live rule).
"""

from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from core.publishing import Action
from newsroom.models import Article

from . import kits
from .models import MediaPicture, PressContact, ReleaseAccess
from .pages import accredited_only
from .throttle import client_address

RECENT_RELEASES = 12
ANNOUNCED = (Action.PUBLISHED, Action.SCHEDULED, Action.CHANGES_PUBLISHED)


def releases():
    """What the press room offers: releases under embargo, and live ones."""
    live = Article.objects.live().values("pk")
    embargoed = Article.objects.under_embargo().values("pk")
    return Article.objects.filter(Q(pk__in=live) | Q(pk__in=embargoed))


def for_release(queryset):
    return (
        queryset.for_detail()
        .select_related("media_kit")
        .prefetch_related(
            Prefetch("media_pictures", queryset=MediaPicture.objects.select_related("image")),
            Prefetch("press_contacts", queryset=PressContact.objects.select_related("person__affiliation")),
        )
    )


def record(request, article, what, detail=""):
    if article.is_under_embargo:
        ReleaseAccess.objects.create(
            article=article,
            journalist=request.journalist,
            what=what,
            detail=detail[:300],
            address=client_address(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )


@accredited_only
def room(request):
    embargoed = Article.objects.under_embargo().for_list().order_by("embargo_until", "pk")
    recent = (
        Article.objects.live()
        .filter(Q(kind=Article.Kind.PRESS_RELEASE) | Q(embargo_until__isnull=False))
        .for_list()[:RECENT_RELEASES]
    )
    return render(request, "press/room.html", {"embargoed": embargoed, "recent": recent})


def release_or_404(slug):
    return get_object_or_404(for_release(releases()), slug=slug)


@accredited_only
def release(request, slug):
    article = release_or_404(slug)
    record(request, article, ReleaseAccess.What.VIEW)
    return render(request, "press/release.html", {"article": article, "kit": getattr(article, "media_kit", None)})


@accredited_only
def kit_download(request, slug):
    article = release_or_404(slug)
    record(request, article, ReleaseAccess.What.KIT)
    archive = kits.media_kit_zip(article, request.journalist)
    return FileResponse(archive, as_attachment=True, filename=f"{article.slug}-media-kit.zip")


@accredited_only
def text_download(request, slug):
    article = release_or_404(slug)
    record(request, article, ReleaseAccess.What.TEXT)
    text = kits.release_text(article, request.journalist).encode()
    response = FileResponse(iter([text]), as_attachment=True, filename=f"{article.slug}.txt")
    response["Content-Type"] = "text/plain; charset=utf-8"
    return response


@accredited_only
def picture_download(request, slug, pk):
    article = release_or_404(slug)
    picture = next((picture for picture in article.media_pictures.all() if picture.pk == pk), None)
    if picture is None:
        raise Http404("No such picture in this media kit.")
    try:
        stored = picture.image.file.open("rb")
    except OSError as error:
        raise Http404("The picture file is missing.") from error
    record(request, article, ReleaseAccess.What.PICTURE, picture.download_name)
    return FileResponse(stored, as_attachment=True, filename=picture.download_name)


def release_published(item, user, action, comment=""):
    """The workflow's listener: an embargoed release just published or scheduled goes to journalists."""
    from .tasks import deliver_release

    if item._meta.label == "newsroom.Article" and action in ANNOUNCED and getattr(item, "embargo_until", None):
        deliver_release.enqueue(item.pk)
