"""What the boundary tests share: another team's world, every admin and public address, and a snapshot.

Each role's module (test_boundary_*.py) builds the world, asks every address the admin site's and
the public site's URL resolvers know (path parameters filled with ids of the other team's objects),
by GET and by a hostile POST, and checks what came back and what the database holds afterwards.
"""

import re
from urllib.parse import quote

from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from factories import (
    make_article,
    make_grant,
    make_image,
    make_organisation,
    make_person,
    make_publication,
    make_team,
    make_user,
)
from taggit.models import Tag

from newsroom import preview
from newsroom.models import Article, EditorialEvent, Image, PreviewLink, SiteSettings, TrashedArticle
from newsroom.roles import EDITOR
from research.models import Grant, ImportJob, Membership, Organisation, Person, Publication, Team

# Written only in the other team's drafts: no answer to another role may contain it (title, slug, body).
SECRET = "Confidential"
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def build_world():
    """Another team with a draft, a trashed article, a publication and a grant, and an editor who made them."""
    editor = make_user(EDITOR, username="other-editor")
    other_person = make_person(given_name="Olga", family_name="Otherteam")
    other = make_team(acronym="OTHER", members=[(other_person, Membership.Role.LEADER)])
    draft = make_article(
        title=f"{SECRET} merger plans", body=f"<p>{SECRET} body.</p>", teams=[other], keywords=["merger"]
    )
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT, publish_at=None)
    draft.refresh_from_db()
    link = preview.share(draft, editor, note=f"{SECRET} reviewer")
    trashed = make_article(title=f"{SECRET} withdrawn story", teams=[other])
    Article.objects.filter(pk=trashed.pk).update(status=Article.Status.DRAFT, deleted_at=timezone.now())
    EditorialEvent.objects.create(article=draft, article_title=draft.title, action="submit", user=editor)
    attempt = AccessAttempt.objects.create(
        username="other-editor",
        ip_address="192.0.2.1",
        user_agent="x",
        attempt_time=timezone.now(),
        failures_since_start=1,
    )
    objects = {
        User: editor,
        Group: Group.objects.get(name=EDITOR),
        Tag: Tag.objects.get(name="merger"),
        Person: other_person,
        Team: other,
        Membership: other.memberships.get(),
        Publication: _publication_of(other),
        Article: draft,
        EditorialEvent: EditorialEvent.objects.filter(article=draft).first(),
        Image: make_image(),
        Grant: _grant_of(other),
        Organisation: make_organisation(name="Other partner"),
        SiteSettings: SiteSettings.load(),
        TrashedArticle: TrashedArticle.objects.get(pk=trashed.pk),
        AccessAttempt: attempt,
    }
    # Another user's publication import, with its file name and summary.
    job = ImportJob.objects.create(user=editor, filename="confidential-references.bib", content=b"@article{x,}")
    return {"objects": objects, "draft": draft, "link": link, "other": other, "editor": editor, "job": job}


def _publication_of(team):
    publication = make_publication(title="A paper of the other team")
    publication.teams.set([team])
    return publication


def _grant_of(team):
    grant = make_grant(title="A grant of the other team")
    grant.teams.set([team])
    return grant


def routes(patterns, prefix=""):
    """The route of every leaf of a URL resolver, nested prefixes joined."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def fill(route, values):
    return PARAMETER.sub(lambda match: str(values[match["name"]]), route)


def admin_model_of(route):
    for model in admin.site._registry:
        if route.startswith(f"{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def admin_addresses(world):
    """Every admin URL pattern as an address, path parameters filled with the other team's ids."""
    draft, link = world["draft"], world["link"]
    version = link.version
    addresses = []
    for route in routes(admin.site.urls[0]):
        if route.startswith("^("):  # the app index, one address per application
            labels = {model._meta.app_label for model in admin.site._registry}
            addresses += [f"/admin/{label}/" for label in sorted(labels)]
            continue
        if route.startswith("(?P<url>"):  # the catch-all that redirects or answers 404
            addresses.append("/admin/no/such/page/")
            continue
        model = admin_model_of(route)
        target = world["objects"].get(model)
        values = {
            "object_id": target.pk if target else draft.pk,
            "id": world["editor"].pk,
            "version_id": version.pk,
            "link_id": link.pk,
            "pk": world["job"].pk,
            "name": "publish",
            "content_type_id": ContentType.objects.get_for_model(Article).pk,
        }
        addresses.append("/admin/" + fill(route, values))
    return addresses


def public_addresses(world):
    """Every public URL pattern as an address, aimed at the other team and its draft."""
    draft, other = world["draft"], world["other"]
    values = {
        "slug": draft.slug,
        "pk": world["objects"][Publication].pk,
        "token": "not-a-token",
        "kind": "news",
        "file_format": "bib",
        "section": "articles",
    }
    addresses = ["/i18n/setlang/"]
    for route in routes(get_resolver("public.urls").url_patterns):
        route = route.lstrip("^").rstrip("$")
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)
        addresses.append("/" + fill(route, values))
        if "<slug" in route and "team" in route:
            addresses.append("/" + fill(route, values | {"slug": other.slug}))
    addresses += [f"/teams/{other.slug}/", f"/grants/{world['objects'][Grant].pk}/", "/search/?q=merger"]
    return addresses


def hostile_post(world, address):
    """What a hostile POST sends: a bulk delete of the other team's object and fields that would publish it."""
    model = admin_model_of(address.removeprefix("/admin/"))
    target = world["objects"].get(model) or world["draft"]
    return {
        "action": "delete_selected",
        "_selected_action": [target.pk],
        "post": "yes",
        "title": "Taken over",
        "name": "Taken over",
        "acronym": "TAKEN",
        "status": "published",
        "teams": [world["other"].pk],
        "translation_of": world["draft"].pk,
        "note": "taken",
        "kind": "doi",
        "value": "10.1000/taken",
    }


def snapshot(models):
    """Every row of the given models as plain values, many-to-many links included."""
    return {
        model.__name__: sorted(repr(sorted(model_to_dict(row).items())) for row in model._base_manager.all())
        for model in models
    }


PROTECTED = (User, Group, Team, Membership, Person, Publication, Grant, Organisation, SiteSettings, Tag, AccessAttempt)
ARTICLES = (Article, PreviewLink, EditorialEvent, Image)


def ask_everything(client, world, forbidden=(SECRET,), skip_post=("logout/",)):
    """GET and hostile POST to every admin and public address; the faults found and how many addresses.

    A fault is an answer 500 or one that shows a forbidden text; the address asked for (which may hold
    the draft's slug, and which a 404 page's canonical link repeats) is not counted as showing it."""
    faults = []
    addresses = admin_addresses(world) + public_addresses(world)
    for address in addresses:
        for method in ("get", "post"):
            if method == "post" and address.endswith(skip_post):
                continue
            data = hostile_post(world, address) if method == "post" else None
            response = getattr(client, method)(address, data) if data else client.get(address)
            body = response.content.decode(errors="replace") + response.get("Location", "")
            body = body.replace(address.split("?")[0], "").replace(quote(address.split("?")[0]), "")
            if response.status_code >= 500:
                faults.append(f"{method.upper()} {address}: {response.status_code}")
            faults += [f"{method.upper()} {address}: shows {text!r}" for text in forbidden if text in body]
    return faults, len(addresses)
