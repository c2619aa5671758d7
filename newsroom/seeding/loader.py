"""Writing the seeds: each table becomes a row of its spec's model, matched by its natural key."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from research.models import PublicationAuthor

from ..models import ArticlePartner, ArticlePerson, Image
from .specs import SEED_KEYS, SPECS

SEED_IMAGES_FOLDER = "images/seeds"

# The links of an article, named so that the summary does not mix them up with people and organisations.
COUNT_LABELS = {ArticlePerson: "article researchers", ArticlePartner: "article partners"}


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
        # The rows loaded so far of each kind, by the names the seed files give them.
        self.registries = {spec.kind: {} for spec in SPECS}

    def load_all(self, seeds):
        for spec, tables in seeds:
            for table in tables:
                self.load(spec, table)

    def load(self, spec, table):
        """One row of ``spec`` from ``table``; its links are written only when the row is."""
        fields = spec.values(self, table)
        lookup = spec.lookup(self, table, fields)
        row, written = self.upsert(table, spec.model, lookup, fields)
        for name in spec.names(table, row) if spec.names else ():
            self.register(table, spec, name, row)
        if written:
            for key, write in spec.links.items():
                write(self, table, key, row)
        return row

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

    def register(self, table, spec, name, row):
        registry = self.registries[spec.kind]
        if name in registry:
            raise table.error(f"“{name}” is used twice in {spec.file}.")
        registry[name] = row

    def find(self, table, kind, name):
        try:
            return self.registries[kind][name]
        except (KeyError, TypeError):
            raise table.error(f"there is no {kind} “{name}” in the seed files.") from None

    def write_authors(self, table, publication, spec):
        """The author list as printed; it is written again only when it differs from the stored one."""
        entries = table.data.get("authors", [])
        if not isinstance(entries, list):
            raise table.error("authors should be a list of names in printed order.")
        authors = [self.author(table, number, entry, spec) for number, entry in enumerate(entries, 1)]
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

    def author(self, table, number, entry, spec):
        part = table.part({"name": entry} if isinstance(entry, str) else entry, spec, f"authors entry {number}")
        author = spec.model(**spec.values(self, part))
        try:
            author.full_clean(exclude=["publication"])
        except ValidationError as error:
            raise part.error(describe(error)) from None
        return author

    def seed_file(self, table, name):
        path = (self.root / str(name)).resolve()
        if not path.is_relative_to(self.root.resolve()) or not path.is_file():
            raise table.error(f"file “{name}” is not a file inside the seeds folder {self.root}.")
        return path

    def picture_size(self, table, name):
        path = self.seed_file(table, name)
        try:
            with PILImage.open(path) as picture:
                size = picture.size
                picture.verify()
        except (OSError, SyntaxError, ValueError) as error:
            raise table.error(f"{path.name} is not a picture Pillow can read ({error}).") from None
        return size

    def store_picture(self, table, name):
        """Copy a seed picture into media storage under a fixed name; a later load finds it there and reuses it.

        A picture copied by a load that then failed stays in storage, and the next load reuses it.
        """
        source = self.seed_file(table, name)
        storage = Image._meta.get_field("file").storage
        name = f"{SEED_IMAGES_FOLDER}/{source.name}"
        content = source.read_bytes()
        if storage.exists(name):
            with storage.open(name) as stored:
                if stored.read() == content:
                    return name
            storage.delete(name)
        return storage.save(name, ContentFile(content))
