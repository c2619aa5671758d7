"""One spec per kind of seed table: the keys it takes, the model it fills and how each key is stored.

The key check of the seed files and the ``update_or_create`` of the loader both come from these
specs, so a new key is one line here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from core.richtext import sanitize_html
from research.models import Grant, Membership, Organisation, Person, Publication, PublicationAuthor, Team
from research.validators import DOI_PATTERN, normalize_doi

from ..models import Article, ArticlePartner, ArticlePerson, Image, SiteSettings

MISSING = object()


@dataclass(frozen=True)
class From:
    """A model field's value: ``convert(loader, table, key)`` of a seed key the table gives.

    With no seed key, the value comes from where the table sits (its parent row, its position).
    """

    key: str | None
    convert: Callable
    default: object = MISSING

    def value(self, loader, table):
        if self.key is None or self.key in table.data:
            return self.convert(loader, table, self.key)
        return self.default


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


# Converters: (loader, table, key) -> the value to store.
def plain(loader, table, key):
    return table.single(key)


def plains(*keys):
    return {key: From(key, plain) for key in keys}


def choice(choices):
    return lambda loader, table, key: table.choice(key, choices)


def date(loader, table, key):
    return table.date(key)


def moment(loader, table, key):
    return table.moment(key)


def words(loader, table, key):
    return " ".join(table.strings(key))


def lines(loader, table, key):
    return "\n".join(table.strings(key))


def html(loader, table, key):
    # Stored as the model's save() stores it, so that an unchanged seed compares equal.
    return sanitize_html(table.single(key))


def ref(kind, name=str):
    """A row of an earlier kind, found by the name the seed files give it."""
    return lambda loader, table, key: loader.find(table, kind, name(table.data[key]))


def stripped(loader, table, key):
    return str(table.data[key]).strip()


def doi(loader, table, key):
    return normalize_doi(str(table.data[key])) or MISSING


def parent(loader, table, key):
    return table.parent


def position(loader, table, key):
    return table.position


def picture(dimension):
    return lambda loader, table, key: loader.picture_size(table, table.data[key])[dimension]


def stored_picture(loader, table, key):
    return loader.store_picture(table, table.data[key])


def lead_image(loader, table, key):
    return loader.load(LEAD_IMAGE, table.part(table.data[key], LEAD_IMAGE, f"[{key}]"))


# Link writers: (loader, table, key, row), run after the row is written.
def tags(loader, table, key, row):
    getattr(row, key).add(*table.strings(key))
    row.refresh_search_vector()  # keywords are part of what search finds


def linked(kind, name=str):
    def write(loader, table, key, row):
        getattr(row, key).add(*(loader.find(table, kind, name(reference)) for reference in table.strings(key)))

    return write


def linked_tables(spec, kind, name):
    def write(loader, table, key, row):
        getattr(row, key).add(*(loader.find(part, kind, name(part)) for part in table.tables(key, spec)))

    return write


def nested(spec):
    """Tables inside the row's table, each written as a row of ``spec`` under it, in their order."""

    def write(loader, table, key, row):
        for order, part in enumerate(table.tables(key, spec)):
            part.parent, part.position = row, order
            loader.load(spec, part)

    return write


def researchers(loader, table, key, article):
    for order, slug in enumerate(table.strings(key)):
        person = loader.find(table, "person", slug)
        loader.upsert(table, ArticlePerson, {"article": article, "person": person}, {"order": order})


def authors(loader, table, key, publication):
    loader.write_authors(table, publication, AUTHOR)


# Names that other tables give a row.
def slug_name(table, row):
    return [table.data["slug"]]


def grant_name(table):
    return (table.data["funder"], str(table.data["award_number"]).strip())


def publication_name(reference):
    """A publication is named by its DOI, written any way, or by its title."""
    doi = normalize_doi(reference)
    return doi if DOI_PATTERN.match(doi) else reference


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
    | {"kind": From("kind", choice(Organisation.Kind))},
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
        "published_on": From("published_on", date),
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

# In loading order: each kind names rows of the kinds before it.
SEED_FILES = (SITE, ORGANISATION, PERSON, TEAM, PUBLICATION, GRANT, ARTICLE)
SPECS = (*SEED_FILES, MEMBER, AUTHOR, GRANT_REFERENCE, LEAD_IMAGE, PARTNER)

# Model fields whose key in the seed files reads differently, for error messages in the seed files' words.
SEED_KEYS = {
    name: source.key
    for spec in SPECS
    for name, source in (*spec.key.items(), *spec.fields.items())
    if source.key and source.key != name
}
