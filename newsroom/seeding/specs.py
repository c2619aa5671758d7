"""One spec per kind of seed table: the keys it takes, the model it fills and how each key is stored.

The key check of the seed files and the ``update_or_create`` of the loader both come from these
specs, so a new key is one line here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from research.models import Grant, Membership, Organisation, Person, Publication, PublicationAuthor, Team

from ..models import Article, ArticlePartner, Image, MenuItem, Page, SiteSettings
from .readers import (
    MISSING,
    From,
    choice,
    date,
    doi,
    grant_name,
    html,
    lines,
    linked,
    linked_tables,
    moment,
    nested,
    parent,
    partial_date,
    picture,
    plain,
    plains,
    position,
    precision,
    publication_name,
    ref,
    researchers,
    slug_name,
    stored_picture,
    stripped,
    tags,
    words,
)


@dataclass(frozen=True)
class Spec:
    """One kind of seed table: a table may hold the seed keys its key, fields and links read, and must hold
    ``required``. A reset writes the fields back; the links are written with the row, never on their own."""

    kind: str
    model: type | None
    required: set = field(default_factory=set)
    key: dict = field(default_factory=dict)  # model field -> From: the natural key of the row
    fields: dict = field(default_factory=dict)  # model field -> From: the values a reset brings back
    links: dict = field(default_factory=dict)  # seed key -> writer(loader, table, key, row), run when a row is written
    names: Callable | None = None  # (table, row) -> the names other seed tables use for the row
    fallback_key: str = ""  # the field that becomes the key when the key's own seed key is not given
    file: str = ""
    folder: str = ""  # a folder of one-table files
    single: bool = False  # one [table] in the file rather than [[tables]]

    @property
    def optional(self):
        sources = (*self.key.values(), *self.fields.values())
        return ({source.key for source in sources if source.key} | self.links.keys()) - self.required

    def values(self, loader, table, sources=None):
        values = ((name, source.value(loader, table)) for name, source in (sources or self.fields).items())
        return {name: value for name, value in values if value is not MISSING}

    def lookup(self, loader, table, fields):
        lookup = self.values(loader, table, self.key)
        return lookup or {self.fallback_key: fields.pop(self.fallback_key)}


def lead_image(loader, table, key):
    return loader.load(LEAD_IMAGE, table.part(table.data[key], LEAD_IMAGE, f"[{key}]"))


def authors(loader, table, key, publication):
    loader.write_authors(table, publication, AUTHOR)


BY_SLUG = {"slug": From("slug", plain)}

SITE = Spec(
    "site",
    SiteSettings,
    required={"institute_name"},
    key={"pk": From(None, lambda loader, table, key: 1)},
    fields=plains(
        "institute_name", "short_name", "address", "phone", "email", "press_email", "contact_url", "careers_text"
    )
    | plains("careers_url", "mastodon_url", "bluesky_url", "linkedin_url"),
    file="site.toml",
    single=True,
)
ORGANISATION = Spec(
    "organisation",
    Organisation,
    required={"slug", "name", "kind"},
    key=BY_SLUG,
    fields=plains("name", "short_name", "city", "country", "website", "ror_id", "funder_id", "description")
    | plains("award_number_pattern")
    | {"kind": From("kind", choice(Organisation.Kind)), "other_names": From("other_names", lines)},
    names=slug_name,
    file="organisations.toml",
)
PERSON = Spec(
    "person",
    Person,
    required={"slug", "given_name", "family_name"},
    key=BY_SLUG,
    fields=plains("honorific", "given_name", "family_name", "position", "orcid", "email", "bio", "takes_media_requests")
    | {
        "distinctions": From("distinctions", lines),
        "affiliation": From("affiliation", ref("organisation")),
        "languages": From("languages", words),
    },
    links={"expertise": tags},
    names=slug_name,
    file="people.toml",
)
MEMBER = Spec(
    "member",
    Membership,
    required={"person"},
    key={"team": From(None, parent), "person": From("person", ref("person"))},
    fields={
        "order": From(None, position),
        "started_on": From("started_on", date),
        "ended_on": From("ended_on", date),
        "role": From("role", choice(Membership.Role)),
    },
)
TEAM = Spec(
    "team",
    Team,
    required={"slug", "acronym", "name"},
    key=BY_SLUG,
    fields=plains("acronym", "name", "summary", "description", "contact_email", "join_text", "join_url")
    | {"is_active": From("active", plain), "institution": From("institution", ref("organisation"))},
    links={"keywords": tags, "members": nested(MEMBER)},
    names=slug_name,
    file="teams.toml",
)
AUTHOR = Spec(
    "author",
    PublicationAuthor,
    required={"name"},
    fields={"name": From("name", plain), "person": From("person", ref("person"))},
)
PUBLICATION = Spec(
    "publication",
    Publication,
    required={"title"},
    key={"doi": From("doi", doi)},
    fallback_key="title",
    fields=plains("title", "journal", "journal_abbreviation", "volume", "issue", "pages", "pmid", "abstract")
    | {
        "status": From("status", choice(Publication.Status)),
        "kind": From("kind", choice(Publication.Kind)),
        "published_on": From("published_on", partial_date),
        "published_on_precision": From("published_on", precision),
        "is_open_access": From("open_access", plain),
    },
    links={"teams": linked("team"), "authors": authors},
    names=lambda table, row: filter(None, (row.doi, row.title)),
    file="publications.toml",
)
GRANT = Spec(
    "grant",
    Grant,
    required={"funder", "award_number"},
    key={"funder": From("funder", ref("organisation")), "award_number": From("award_number", stripped)},
    fields=plains("title", "programme")
    | {
        "started_on": From("started_on", date),
        "ended_on": From("ended_on", date),
        "principal_investigator": From("principal_investigator", ref("person")),
    },
    links={"teams": linked("team")},
    names=lambda table, row: [grant_name(table)],
    file="grants.toml",
)
GRANT_REFERENCE = Spec("grant reference", None, required={"funder", "award_number"})
LEAD_IMAGE = Spec(
    "lead image",
    Image,
    required={"file", "alt_text"},
    key={"file": From("file", stored_picture)},
    fields={"width": From("file", picture(0)), "height": From("file", picture(1))}
    | plains("alt_text", "caption", "credit", "focal_x", "focal_y"),
)
PARTNER = Spec(
    "partner",
    ArticlePartner,
    required={"organisation"},
    key={
        "article": From(None, parent),
        "organisation": From("organisation", ref("organisation")),
        "role": From("role", choice(ArticlePartner.Role), default=ArticlePartner.Role.COLLABORATION),
    },
    fields={"order": From(None, position)},
)
ARTICLE = Spec(
    "article",
    Article,
    required={"title", "slug"},
    key=BY_SLUG,
    fields=plains("title", "standfirst")
    | {"body": From("body", html)}
    | plains("language", "seo_title", "seo_description")
    | {
        "kind": From("kind", choice(Article.Kind)),
        "status": From("status", choice(Article.Status)),
        "publish_at": From("publish_at", moment),
        "expire_at": From("expire_at", moment),
        "is_featured": From("featured", plain),
        "lead_image": From("lead_image", lead_image),
    },
    links={
        "keywords": tags,
        "teams": linked("team"),
        "publications": linked("publication", publication_name),
        "grants": linked_tables(GRANT_REFERENCE, "grant", grant_name),
        "people": researchers,
        "partner": nested(PARTNER),
    },
    folder="articles",
)

PAGE = Spec(
    "page",
    Page,
    required={"title", "slug"},
    key=BY_SLUG,
    fields=plains("title", "language", "shows_accessibility_support")
    | {"body": From("body", html), "status": From("status", choice(Page.Status))}
    | {"publish_at": From("publish_at", moment), "translation_of": From("translation_of", ref("page"))},
    names=lambda table, row: [row.slug],
    file="pages.toml",
)
MENU = Spec(
    "menu",
    MenuItem,
    required={"menu", "label", "page"},
    key={"menu": From("menu", choice(MenuItem.Menu)), "label": From("label", plain)}
    | {"language": From("language", plain, default="")},
    fields={"page": From("page", ref("page")), "order": From("order", plain, default=0)},
    file="menus.toml",
)

# In loading order: each kind names rows of the kinds before it.
SEED_FILES = (SITE, ORGANISATION, PERSON, TEAM, PUBLICATION, GRANT, ARTICLE, PAGE, MENU)
SPECS = (*SEED_FILES, MEMBER, AUTHOR, GRANT_REFERENCE, LEAD_IMAGE, PARTNER)

# Model fields whose key in the seed files reads differently, for error messages in the seed files' words.
SEED_KEYS = {
    name: source.key
    for spec in SPECS
    for name, source in (*spec.key.items(), *spec.fields.items())
    if source.key and source.key != name
}
