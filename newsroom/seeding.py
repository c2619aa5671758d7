"""The demo content of ``seeds/``: read every seed file first, then write it all in one transaction.

Each record is written with ``update_or_create`` on its natural key (a slug, a DOI or a title,
a funder with an award number), so loading twice leaves the database as the first load left
it. Rows that are already there keep what editors made of them (``make run`` loads the seeds
on every start); ``--reset`` brings the seeded rows and links back to their seed values.
"""

import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image as PILImage

from core.richtext import sanitize_html
from research.models import Grant, Membership, Organisation, Person, Publication, PublicationAuthor, Team
from research.validators import DOI_PATTERN, normalize_doi

from .models import Article, ArticlePartner, ArticlePerson, Image, SiteSettings

SEEDS_DIR = settings.BASE_DIR / "seeds"
SEED_IMAGES_FOLDER = "images/seeds"

# Which keys each kind of table takes: (required, optional).
SCHEMAS = {
    "site": (
        {"institute_name"},
        {"short_name", "address", "phone", "email", "contact_url", "careers_text", "careers_url"}
        | {"mastodon_url", "bluesky_url", "linkedin_url"},
    ),
    "organisation": (
        {"slug", "name", "kind"},
        {"short_name", "city", "country", "website", "ror_id", "funder_id", "description"},
    ),
    "person": (
        {"slug", "given_name", "family_name"},
        {"honorific", "distinctions", "position", "affiliation", "orcid", "email", "bio"},
    ),
    "team": (
        {"slug", "acronym", "name"},
        {"institution", "summary", "description", "keywords", "members", "contact_email", "join_text", "join_url"}
        | {"active"},
    ),
    "member": ({"person"}, {"role", "started_on", "ended_on"}),
    "publication": (
        {"title"},
        {"journal", "journal_abbreviation", "published_on", "volume", "issue", "pages", "doi", "pmid", "status"}
        | {"kind", "abstract", "teams", "open_access", "authors"},
    ),
    "author": ({"name"}, {"person"}),
    "grant": (
        {"funder", "award_number"},
        {"title", "programme", "started_on", "ended_on", "principal_investigator", "teams"},
    ),
    "grant reference": ({"funder", "award_number"}, set()),
    "article": (
        {"title", "slug"},
        {"kind", "status", "publish_at", "expire_at", "language", "featured", "keywords", "teams", "people"}
        | {"publications", "grants", "standfirst", "body", "seo_title", "seo_description", "lead_image", "partner"},
    ),
    "lead image": ({"file", "alt_text"}, {"caption", "credit", "focal_x", "focal_y"}),
    "partner": ({"organisation"}, {"role"}),
}


class SeedError(Exception):
    """A seed file that cannot be loaded; the message names the file and what is wrong."""


@dataclass
class Table:
    """One table of a seed file, checked against its schema, with where it came from."""

    data: dict
    where: str

    @classmethod
    def checked(cls, data, kind, where):
        if data is None:
            raise SeedError(f"{where}: missing.")
        if not isinstance(data, dict):
            raise SeedError(f"{where}: this {kind} should be a table of keys and values, not {data!r}.")
        table = cls(data, where)
        table.check_keys(*SCHEMAS[kind])
        return table

    def check_keys(self, required, optional):
        if missing := sorted(required - self.data.keys()):
            raise self.error(f"missing {', '.join(missing)}.")
        if unknown := sorted(self.data.keys() - required - optional):
            allowed = ", ".join(sorted(required | optional))
            raise self.error(f"unknown key {', '.join(unknown)} (the keys here are: {allowed}).")

    def error(self, message):
        return SeedError(f"{self.where}: {message}")

    def pick(self, *keys):
        """The plain values of ``keys`` that the table gives, refusing lists and tables."""
        for key in keys:
            if isinstance(self.data.get(key), list | dict):
                raise self.error(f"{key} should be a single value, not a list or table.")
        return {key: self.data[key] for key in keys if key in self.data}

    def strings(self, key):
        values = self.data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
            raise self.error(f'{key} should be a list of texts in quotes, e.g. {key} = ["first", "second"].')
        return values

    def tables(self, key, kind):
        values = self.data.get(key, [])
        if not isinstance(values, list):
            raise self.error(f"{key} should be a list.")
        return [self.part(value, kind, f"{key} entry {number}") for number, value in enumerate(values, 1)]

    def part(self, data, kind, label):
        return Table.checked(data, kind, f"{self.where}, {label}")

    def choice(self, key, choices):
        """The stored value of a choice written by its label ("Research highlight") or value ("highlight")."""
        written = self.data[key]
        for value, label in choices.choices:
            if str(written).strip().lower() in {value.lower(), str(label).lower()}:
                return value
        labels = ", ".join(str(label) for label in choices.labels)
        raise self.error(f"{key} “{written}” is not one of: {labels}.")

    def chosen(self, **choices):
        """``{key: stored value}`` for each choice key the table gives."""
        return {key: self.choice(key, kind) for key, kind in choices.items() if key in self.data}

    def dates(self, *keys):
        return {key: self.date(key) for key in keys if key in self.data}

    def moments(self, *keys):
        return {key: self.moment(key) for key in keys if key in self.data}

    def date(self, key):
        value = self.data[key]
        if type(value) is not date:
            raise self.error(f"{key} should be a date without quotes, e.g. {key} = 2021-01-19.")
        return value

    def moment(self, key):
        """A date-time; one without an offset is taken in the site's time zone."""
        value = self.data[key]
        if type(value) is date:
            value = datetime.combine(value, time())
        if not isinstance(value, datetime):
            raise self.error(f"{key} should be a date and time without quotes, e.g. {key} = 2021-02-09T10:00:00+01:00.")
        return timezone.make_aware(value) if timezone.is_naive(value) else value


@dataclass
class Seeds:
    site: Table
    organisations: list
    people: list
    teams: list
    publications: list
    grants: list
    articles: list


def read_seeds(root):
    """Every seed file under ``root``, parsed and checked, before anything is written."""
    root = Path(root)
    if not root.is_dir():
        raise SeedError(f"{root}: there is no seeds folder here.")
    articles = root / "articles"
    if not articles.is_dir():
        raise SeedError(f"{articles}: the articles folder is missing.")
    return Seeds(
        site=Table.checked(document_of(root, "site.toml", "site").get("site"), "site", "site.toml, [site]"),
        organisations=tables_of(root, "organisations.toml", "organisation"),
        people=tables_of(root, "people.toml", "person"),
        teams=tables_of(root, "teams.toml", "team"),
        publications=tables_of(root, "publications.toml", "publication"),
        grants=tables_of(root, "grants.toml", "grant"),
        articles=[
            Table.checked(read_toml(root, path.relative_to(root)), "article", str(path.relative_to(root)))
            for path in sorted(articles.glob("*.toml"))
        ],
    )


def read_toml(root, name):
    try:
        with (root / name).open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise SeedError(f"{name}: the file is missing from {root}.") from None
    except UnicodeDecodeError:
        raise SeedError(f"{name}: the file is not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as error:
        raise SeedError(f"{name}: this is not valid TOML: {error}.") from None


def document_of(root, name, kind):
    """A seed file holding only ``kind`` tables: a misspelt table name is an error, not an empty list."""
    document = read_toml(root, name)
    if unknown := sorted(document.keys() - {kind}):
        raise SeedError(f"{name}: unknown table {', '.join(unknown)} (this file holds only {kind} tables).")
    return document


def tables_of(root, name, kind):
    """The ``[[kind]]`` tables of one file, each labelled with its file, number and key."""
    values = document_of(root, name, kind).get(kind, [])
    if not isinstance(values, list):
        raise SeedError(f"{name}: write each {kind} as a [[{kind}]] table.")
    return [Table.checked(data, kind, label_of(name, kind, number, data)) for number, data in enumerate(values, 1)]


def label_of(name, kind, number, data):
    """``people.toml, person 3 (vladimir-perelmuter)``: enough for an editor to find the table."""
    data = data if isinstance(data, dict) else {}
    key = data.get("slug") or data.get("award_number") or data.get("title")
    return f"{name}, {kind} {number}" + (f" ({str(key)[:60]})" if key else "")


def load_seeds(root=SEEDS_DIR, reset=False):
    """Load the seeds under ``root`` all or nothing; returns {model label: Counter of outcomes}.

    Rows that are already there are kept as editors left them, with their links; only missing
    rows are added. ``reset`` brings every seeded row and link back to its seed values.
    """
    seeds = read_seeds(root)
    loader = SeedLoader(Path(root), reset)
    # The seed files name choices by their English labels, whatever language is active.
    with transaction.atomic(), translation.override("en"):
        loader.load(seeds)
    return loader.counts


# The links of an article, named so that the summary does not mix them up with people and organisations.
COUNT_LABELS = {ArticlePerson: "article researchers", ArticlePartner: "article partners"}

# Model fields whose key in the seed files reads differently.
SEED_KEYS = {"is_featured": "featured", "is_active": "active", "is_open_access": "open_access"}


def describe(error):
    """A model's ValidationError in the words of the seed files: ``featured: “yes” value must be…``."""
    if hasattr(error, "message_dict"):
        return " ".join(
            f"{SEED_KEYS.get(field, field)}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def same_values(instance, values):
    """Whether the stored row already holds ``values``; foreign keys compare by id, without queries."""
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            if getattr(instance, field.attname) != (value.pk if value is not None else None):
                return False
        elif getattr(instance, name) != value:
            return False
    return True


class SeedLoader:
    def __init__(self, root, reset=False):
        self.root = root
        self.reset = reset
        self.counts = {}
        self.organisations, self.people, self.teams, self.publications, self.grants = {}, {}, {}, {}, {}

    def load(self, seeds):
        self.load_site(seeds.site)
        for loader, tables in (
            (self.load_organisation, seeds.organisations),
            (self.load_person, seeds.people),
            (self.load_team, seeds.teams),
            (self.load_publication, seeds.publications),
            (self.load_grant, seeds.grants),
            (self.load_article, seeds.articles),
        ):
            for table in tables:
                loader(table)

    def count(self, model, outcome, number=1):
        label = COUNT_LABELS.get(model) or str(model._meta.verbose_name_plural)
        self.counts.setdefault(label, Counter())[outcome] += number

    def upsert(self, table, model, lookup, fields):
        """``update_or_create`` after the model's own validation, so bad values name their seed file.

        Returns the row and whether this load wrote it, so that the caller writes the row's links
        only then. A row that is already there is kept as it is unless the load resets; a row that
        already holds the seed values is never saved again, which keeps its ``auto_now`` times
        and makes a second load change nothing.
        """
        matches = list(model.objects.filter(**lookup)[:2])
        if len(matches) > 1:
            raise table.error(f"more than one {model._meta.verbose_name} in the database matches {lookup}.")
        existing = matches[0] if matches else None
        candidate = model(**lookup, **fields)
        # Validated as the row it will update, so its own slug or DOI does not count as taken.
        candidate.pk, candidate._state.adding = (existing.pk, False) if existing else (None, True)
        try:
            candidate.full_clean()
        except ValidationError as error:
            raise table.error(describe(error)) from None
        cleaned = {name: getattr(candidate, name) for name in fields}
        if existing and same_values(existing, cleaned):
            self.count(model, "unchanged")
            return existing, self.reset
        if existing and not self.reset:
            self.count(model, "kept as edited")
            return existing, False
        instance, created = model.objects.update_or_create(**lookup, defaults=cleaned)
        self.count(model, "created" if created else "updated")
        return instance, True

    def register(self, table, registry, key, instance, file_name):
        if key in registry:
            raise table.error(f"“{key}” is used twice in {file_name}.")
        registry[key] = instance

    def find(self, table, registry, key, what):
        try:
            return registry[key]
        except (KeyError, TypeError):
            raise table.error(f"there is no {what} “{key}” in the seed files.") from None

    def load_site(self, table):
        fields = table.pick(*sorted(set().union(*SCHEMAS["site"])))
        self.upsert(table, SiteSettings, {"pk": 1}, fields)

    def load_organisation(self, table):
        fields = table.pick("name", "short_name", "city", "country", "website", "ror_id", "funder_id", "description")
        fields["kind"] = table.choice("kind", Organisation.Kind)
        organisation, _ = self.upsert(table, Organisation, {"slug": table.data["slug"]}, fields)
        self.register(table, self.organisations, table.data["slug"], organisation, "organisations.toml")

    def load_person(self, table):
        fields = table.pick("honorific", "given_name", "family_name", "position", "orcid", "email", "bio")
        if "distinctions" in table.data:
            fields["distinctions"] = "\n".join(table.strings("distinctions"))
        if "affiliation" in table.data:
            fields["affiliation"] = self.find(table, self.organisations, table.data["affiliation"], "organisation")
        person, _ = self.upsert(table, Person, {"slug": table.data["slug"]}, fields)
        self.register(table, self.people, table.data["slug"], person, "people.toml")

    def load_team(self, table):
        fields = table.pick("acronym", "name", "summary", "description", "contact_email", "join_text", "join_url")
        if "active" in table.data:
            fields["is_active"] = table.data["active"]
        if "institution" in table.data:
            fields["institution"] = self.find(table, self.organisations, table.data["institution"], "organisation")
        team, written = self.upsert(table, Team, {"slug": table.data["slug"]}, fields)
        self.register(table, self.teams, table.data["slug"], team, "teams.toml")
        if not written:
            return
        team.keywords.add(*table.strings("keywords"))
        team.refresh_search_vector()
        for order, member in enumerate(table.tables("members", "member")):
            self.load_membership(member, team, order)

    def load_membership(self, table, team, order):
        person = self.find(table, self.people, table.data["person"], "person")
        fields = {"order": order} | table.dates("started_on", "ended_on") | table.chosen(role=Membership.Role)
        self.upsert(table, Membership, {"team": team, "person": person}, fields)

    def load_publication(self, table):
        fields = table.pick("title", "journal", "journal_abbreviation", "volume", "issue", "pages", "pmid", "abstract")
        fields |= table.chosen(status=Publication.Status, kind=Publication.Kind) | table.dates("published_on")
        if "open_access" in table.data:
            fields["is_open_access"] = table.data["open_access"]
        doi = normalize_doi(str(table.data.get("doi", "")))
        lookup = {"doi": doi} if doi else {"title": fields.pop("title")}
        publication, written = self.upsert(table, Publication, lookup, fields)
        for key in filter(None, (publication.doi, publication.title)):
            self.register(table, self.publications, key, publication, "publications.toml")
        if written:
            publication.teams.add(*(self.find(table, self.teams, slug, "team") for slug in table.strings("teams")))
            self.load_authors(table, publication)

    def load_authors(self, table, publication):
        """The author list as printed; it is written again only when it differs from the stored one."""
        entries = table.data.get("authors", [])
        if not isinstance(entries, list):
            raise table.error("authors should be a list of names in printed order.")
        authors = [self.author(table, number, entry) for number, entry in enumerate(entries, 1)]
        stored = [(author.name, author.person_id) for author in publication.authors.order_by("order", "pk")]
        if stored == [(author.name, author.person_id) for author in authors]:
            if authors:
                self.count(PublicationAuthor, "unchanged", len(authors))
            return
        publication.authors.all().delete()
        for order, author in enumerate(authors):
            author.publication, author.order = publication, order
        PublicationAuthor.objects.bulk_create(authors)
        self.count(PublicationAuthor, "written", len(authors))

    def author(self, table, number, entry):
        part = table.part({"name": entry} if isinstance(entry, str) else entry, "author", f"authors entry {number}")
        person = self.find(part, self.people, part.data["person"], "person") if "person" in part.data else None
        author = PublicationAuthor(name=part.data["name"], person=person)
        try:
            author.full_clean(exclude=["publication"])
        except ValidationError as error:
            raise part.error(describe(error)) from None
        return author

    def load_grant(self, table):
        fields = table.pick("title", "programme")
        fields |= table.dates("started_on", "ended_on")
        if "principal_investigator" in table.data:
            fields["principal_investigator"] = self.find(
                table, self.people, table.data["principal_investigator"], "person"
            )
        funder = self.find(table, self.organisations, table.data["funder"], "organisation")
        award_number = str(table.data["award_number"]).strip()
        grant, written = self.upsert(table, Grant, {"funder": funder, "award_number": award_number}, fields)
        self.register(table, self.grants, (table.data["funder"], award_number), grant, "grants.toml")
        if written:
            grant.teams.add(*(self.find(table, self.teams, slug, "team") for slug in table.strings("teams")))

    def load_article(self, table):
        article, written = self.upsert(table, Article, {"slug": table.data["slug"]}, self.article_fields(table))
        if not written:
            return
        article.keywords.add(*table.strings("keywords"))
        article.refresh_search_vector()
        article.teams.add(*(self.find(table, self.teams, slug, "team") for slug in table.strings("teams")))
        article.publications.add(*(self.find_publication(table, ref) for ref in table.strings("publications")))
        article.grants.add(*(self.find_grant(part) for part in table.tables("grants", "grant reference")))
        for order, slug in enumerate(table.strings("people")):
            person = self.find(table, self.people, slug, "person")
            self.upsert(table, ArticlePerson, {"article": article, "person": person}, {"order": order})
        for order, part in enumerate(table.tables("partner", "partner")):
            self.load_partner(part, article, order)

    def article_fields(self, table):
        fields = table.pick("title", "standfirst", "body", "language", "seo_title", "seo_description")
        if "body" in fields:
            # Stored as Article.save() stores it, so that an unchanged seed compares equal.
            fields["body"] = sanitize_html(fields["body"])
        fields |= table.chosen(kind=Article.Kind, status=Article.Status) | table.moments("publish_at", "expire_at")
        if "featured" in table.data:
            fields["is_featured"] = table.data["featured"]
        if "lead_image" in table.data:
            fields["lead_image"] = self.load_image(table.part(table.data["lead_image"], "lead image", "[lead_image]"))
        return fields

    def find_publication(self, table, reference):
        doi = normalize_doi(reference)
        return self.find(table, self.publications, doi if DOI_PATTERN.match(doi) else reference, "publication")

    def find_grant(self, table):
        key = (table.data["funder"], str(table.data["award_number"]).strip())
        return self.find(table, self.grants, key, "grant")

    def load_partner(self, table, article, order):
        organisation = self.find(table, self.organisations, table.data["organisation"], "organisation")
        role = table.choice("role", ArticlePartner.Role) if "role" in table.data else ArticlePartner.Role.COLLABORATION
        lookup = {"article": article, "organisation": organisation, "role": role}
        self.upsert(table, ArticlePartner, lookup, {"order": order})

    def load_image(self, table):
        source = self.seed_file(table, table.data["file"])
        width, height = picture_size(table, source)
        fields = table.pick("alt_text", "caption", "credit", "focal_x", "focal_y") | {"width": width, "height": height}
        return self.upsert(table, Image, {"file": store_picture(source)}, fields)[0]

    def seed_file(self, table, name):
        path = (self.root / str(name)).resolve()
        if not path.is_relative_to(self.root.resolve()) or not path.is_file():
            raise table.error(f"file “{name}” is not a file inside the seeds folder {self.root}.")
        return path


def picture_size(table, path):
    try:
        with PILImage.open(path) as picture:
            size = picture.size
            picture.verify()
    except (OSError, SyntaxError, ValueError) as error:
        raise table.error(f"{path.name} is not a picture Pillow can read ({error}).") from None
    return size


def store_picture(source):
    """Copy a seed picture into media storage under a fixed name; a later load finds it there and reuses it.

    A picture copied by a load that then failed stays in storage, and the next load reuses it.
    """
    storage = Image._meta.get_field("file").storage
    name = f"{SEED_IMAGES_FOLDER}/{source.name}"
    content = source.read_bytes()
    if storage.exists(name):
        with storage.open(name) as stored:
            if stored.read() == content:
                return name
        storage.delete(name)
    return storage.save(name, ContentFile(content))
