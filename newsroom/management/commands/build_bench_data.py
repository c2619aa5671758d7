"""A large, deterministic data set for load tests, linked as the demo content is.

Every row comes from one seeded random generator consumed in a fixed order, so the same sizes
and ``--seed`` give the same titles, slugs and links on an empty database, whatever the
primary keys. Rows are written with bulk inserts (through tables and taggit's tagged items
too), which skip ``save()``: the generated HTML is already clean, and on PostgreSQL the
articles' search vectors are filled afterwards by one UPDATE.
"""

import io
import random
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem

from core.search_index import refresh_search_documents
from core.slugs import readable_slug
from newsroom.models import Article, ArticlePartner, ArticlePerson, Image, SiteSettings
from research.models import Grant, Membership, Organisation, Person, Publication, PublicationAuthor, Team

SIZES = {
    "articles": 10_000,
    "teams": 200,
    "people": 2_000,
    "publications": 20_000,
    "grants": 500,
    "organisations": 300,
}
IMAGES = 4
KEYWORDS = 200
BATCH = 2_000
# The newest article's publish time; a fixed moment keeps the data the same from day to day.
NEWEST = datetime(2026, 1, 1, 9, tzinfo=UTC)
SPAN = timedelta(days=5 * 365)

COMMON = (  # noqa: SIM905 (a word list reads better as words)
    "cells tumour cancer patients study team results analysis model protein expression signal growth response "
    "treatment data clinical samples immune tissue role mechanism level effect factor gene pathway mouse human "
    "disease therapy risk cohort approach target drug resistance network function activity marker survival "
    "research researchers found shows showed suggests new early first higher lower significant specific "
    "the of and in to with for by on from that which this these their its is are was were has have can may"
).split()
TOPICS = (  # noqa: SIM905 (a word list reads better as words)
    "metastasis fibroblasts microenvironment immunotherapy chemotherapy gemcitabine macrophages lymphocytes "
    "leukaemia lymphoma melanoma glioblastoma pancreatic colorectal breast prostate ovarian hepatocellular "
    "angiogenesis apoptosis autophagy senescence hypoxia inflammation proteomics genomics transcriptomics "
    "epigenetics methylation organoids biomarkers radiotherapy nanoparticles antibodies vaccines cytokines "
    "chemokines integrins kinases phosphatases ribosomes mitochondria exosomes stroma collagen fibrosis "
    "somatostatin receptors neutrophils dendritic microbiota obesity ageing screening imaging sequencing "
    "single-cell spatial"
).split()
GIVEN = "Corinne Rémi Anne Jean Marie Pierre Sophie Louis Claire Paul Julie Marc Léa Hugo Inès Yann Olga".split()  # noqa: SIM905
FAMILY = (  # noqa: SIM905 (a word list reads better as words)
    "Bousquet Samain Martin Bernard Dubois Durand Lefebvre Moreau Laurent Simon Michel Garcia Roux Fournier "
    "Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Leroy Perelmuter Ivanova Petrov Sokolova"
).split()
JOURNALS = ("Nature Communications", "Cancer Research", "Oncogene", "Gut", "Cell Reports", "eLife", "PLoS Biology")
ORGANISATION_KINDS = [kind for kind in Organisation.Kind if kind != Organisation.Kind.FUNDING_AGENCY]


@contextmanager
def search_index_built_after(model):
    """Drop the GIN index of the model's search documents (PostgreSQL) and build it again on leaving."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [model._meta.db_table, "%USING gin (search_vector)%"],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        # An index cannot be built on a table with foreign keys still to check: they are checked now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large, deterministic data set for load tests: articles linked to teams, "
        "people, publications, grants and partners, with keywords and lead images. Refuses a database with articles."
    )

    def add_arguments(self, parser):
        for name, default in SIZES.items():
            parser.add_argument(f"--{name}", type=int, default=default, help=f"How many (default {default:,}).")
        parser.add_argument("--words", type=int, default=600, help="Words in each article's body (default 600).")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the generator: the same seed, the same data.")

    def handle(self, *args, words, seed, verbosity, **options):
        sizes = {name: options[name] for name in SIZES}
        if any(size < 1 for size in sizes.values()):
            raise CommandError("Every size must be at least 1.")
        if Article.objects.exists() or Team.objects.exists():
            raise CommandError("This database already has articles or teams; build the data set in an empty one.")
        started = time.perf_counter()
        with transaction.atomic():
            Builder(random.Random(seed), sizes, words).build()
            rows_done = time.perf_counter()
            # Bulk inserts skip save(): the stored search documents are written once, per kind, with
            # their GIN indexes built afterwards (far quicker than updating them row by row). The
            # tables' statistics first: without them the planner takes the keyword links for a few
            # rows and scans them all for every document (hours for 100,000 articles).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            for model in (Article, Team, Person, Publication):
                with search_index_built_after(model):
                    refresh_search_documents(model._base_manager.all(), model.search_parts)
        # The planner's statistics, as a database in use has them: right after bulk inserts it would
        # take each table for nearly empty and choose its plans accordingly (full sorts, no index).
        # On PostgreSQL, vacuumed too, as autovacuum soon does: counts then read an index alone
        # rather than every row (27 ms for 20,000 publications, 2 ms vacuumed).
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        if verbosity:
            made = ", ".join(f"{size:,} {name}" for name, size in sizes.items())
            vectors = f", search documents {time.perf_counter() - rows_done:.1f} s"
            took = f"{time.perf_counter() - started:.1f} s (rows {rows_done - started:.1f} s{vectors})"
            self.stdout.write(f"Built {made} in {took}.")


class Builder:
    def __init__(self, rng, sizes, words):
        self.rng, self.sizes, self.words = rng, sizes, words

    def build(self):
        SiteSettings.objects.get_or_create(pk=1, defaults={"institute_name": "Benchmark Research Institute"})
        self.funders, self.partners = self.organisations()
        self.people = self.make_people()
        self.teams, self.members = self.make_teams()
        self.publications = self.make_publications()
        self.grants = self.make_grants()
        self.images = [self.make_image(number) for number in range(IMAGES)]
        self.tags = Tag.objects.bulk_create(
            Tag(name=name, slug=readable_slug(name)) for name in self.keyword_names(KEYWORDS)
        )
        for start in range(0, self.sizes["articles"], BATCH):
            self.make_articles(range(start, min(start + BATCH, self.sizes["articles"])))

    # Words ---------------------------------------------------------------------------------------

    def text(self, count, topics):
        """``count`` words of running text in sentences, a topic word in about every eight."""
        words = [
            self.rng.choice(topics) if self.rng.random() < 0.12 else word for word in self.rng.choices(COMMON, k=count)
        ]
        sentences = (" ".join(words[start : start + 12]) for start in range(0, len(words), 12))
        return " ".join(f"{sentence[:1].upper()}{sentence[1:]}." for sentence in sentences)

    def paragraphs(self, count, topics):
        per_paragraph = max(count // 6, 1)
        return "\n".join(f"<p>{self.text(per_paragraph, topics)}</p>" for _ in range(count // per_paragraph))

    def title(self, topics):
        return self.text(self.rng.randint(7, 11), topics).removesuffix(".")

    def keyword_names(self, count):
        names = {f"{a} {b}" for a, b in zip(TOPICS, TOPICS[1:] + TOPICS[:1], strict=True)}
        while len(names) < count:
            names.add(f"{self.rng.choice(TOPICS)} {self.rng.choice(COMMON[:40])}")
        return sorted(names)[:count]

    # Research data -------------------------------------------------------------------------------

    def organisations(self):
        count = self.sizes["organisations"]
        funder_count = max(count // 10, 1)
        rows = Organisation.objects.bulk_create(
            Organisation(
                name=f"{self.rng.choice(TOPICS).title()} {'Foundation' if number < funder_count else 'Institute'} "
                f"{number + 1}",
                slug=f"organisation-{number + 1}",
                kind=Organisation.Kind.FUNDING_AGENCY if number < funder_count else self.rng.choice(ORGANISATION_KINDS),
                city=self.rng.choice(("Toulouse", "Paris", "Lyon", "Moscow", "Geneva", "Milan")),
            )
            for number in range(count)
        )
        return rows[:funder_count], rows[funder_count:] or rows

    def make_people(self):
        people = []
        for number in range(self.sizes["people"]):
            given, family = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
            people.append(
                Person(
                    honorific=self.rng.choice(("Dr.", "Prof.", "")),
                    given_name=given,
                    family_name=family,
                    slug=f"{readable_slug(f'{given} {family}', 60)}-{number + 1}",
                    position=self.rng.choice(("Researcher", "Postdoctoral fellow", "Engineer", "PhD student")),
                    affiliation=self.rng.choice(self.partners),
                    bio=self.text(40, TOPICS),
                )
            )
        return Person.objects.bulk_create(people, batch_size=BATCH)

    def make_teams(self):
        teams = []
        for number in range(self.sizes["teams"]):
            name = " and ".join(self.rng.sample(TOPICS, 2)).capitalize() + f" {number + 1}"
            teams.append(
                Team(
                    acronym=f"{''.join(word[0] for word in name.split()[::2]).upper()}{number + 1}",
                    name=name,
                    slug=f"team-{number + 1}",
                    summary=self.text(30, TOPICS),
                    description=self.paragraphs(120, TOPICS),
                    institution=self.rng.choice(self.partners),
                    lock_version=1,
                )
            )
        teams = Team.objects.bulk_create(teams)
        # Each person belongs to one team; the first of each team leads it.
        members = {team.pk: [] for team in teams}
        for number, person in enumerate(self.people):
            members[teams[number % len(teams)].pk].append(person)
        roles = [Membership.Role.RESEARCHER, Membership.Role.POSTDOC, Membership.Role.PHD_STUDENT]
        Membership.objects.bulk_create(
            (
                Membership(
                    team_id=team_id,
                    person=person,
                    role=Membership.Role.LEADER if order == 0 else roles[order % len(roles)],
                    order=order,
                )
                for team_id, people in members.items()
                for order, person in enumerate(people)
            ),
            batch_size=BATCH,
        )
        return teams, members

    def make_publications(self):
        count = self.sizes["publications"]
        publications = Publication.objects.bulk_create(
            (
                Publication(
                    title=self.title(TOPICS),
                    journal=self.rng.choice(JOURNALS),
                    published_on=date(2016, 1, 1) + timedelta(days=self.rng.randrange(3650)),
                    volume=str(self.rng.randint(1, 40)),
                    pages=f"{self.rng.randint(1, 900)}-{self.rng.randint(901, 999)}",
                    doi=f"10.5555/bench.{number + 1}",
                    abstract=self.text(80, TOPICS),
                    is_open_access=self.rng.random() < 0.4,
                )
                for number in range(count)
            ),
            batch_size=BATCH,
        )
        team_links, authors = [], []
        for publication in publications:
            team = self.rng.choice(self.teams)
            team_links.append(Publication.teams.through(publication_id=publication.pk, team_id=team.pk))
            linked = self.rng.sample(self.members[team.pk], min(2, len(self.members[team.pk])))
            names = [(f"{p.given_name[0]} {p.family_name}", p) for p in linked]
            names += [(f"{self.rng.choice(GIVEN)[0]} {self.rng.choice(FAMILY)}", None) for _ in range(4)]
            authors += [
                PublicationAuthor(publication=publication, name=name, person=person, order=order)
                for order, (name, person) in enumerate(names)
            ]
        Publication.teams.through.objects.bulk_create(team_links, batch_size=BATCH)
        PublicationAuthor.objects.bulk_create(authors, batch_size=BATCH)
        return publications

    def make_grants(self):
        grants = []
        for number in range(self.sizes["grants"]):
            team = self.rng.choice(self.teams)
            grants.append(
                Grant(
                    funder=self.rng.choice(self.funders),
                    award_number=f"{self.rng.randint(10, 99)}-{self.rng.randint(10, 99)}-{number + 1:05d}",
                    title=self.title(TOPICS),
                    programme=self.rng.choice(("Project grant", "Young investigator", "Equipment", "Consortium")),
                    started_on=date(2018, 1, 1) + timedelta(days=self.rng.randrange(2000)),
                    principal_investigator=self.members[team.pk][0] if self.members[team.pk] else None,
                )
            )
        grants = Grant.objects.bulk_create(grants)
        Grant.teams.through.objects.bulk_create(
            Grant.teams.through(grant_id=grant.pk, team_id=self.rng.choice(self.teams).pk) for grant in grants
        )
        return grants

    def make_image(self, number):
        gradient = PILImage.linear_gradient("L").resize((1600, 900))
        flat = PILImage.new("L", gradient.size, 60 * number % 256)
        buffer = io.BytesIO()
        PILImage.merge("RGB", (gradient, gradient.rotate(180), flat)).save(buffer, "JPEG", quality=80)
        upload = SimpleUploadedFile(f"bench-{number + 1}.jpg", buffer.getvalue(), content_type="image/jpeg")
        return Image.objects.create(file=upload, alt_text=f"Abstract gradient illustration number {number + 1}")

    # Articles ------------------------------------------------------------------------------------

    def make_articles(self, numbers):
        count = self.sizes["articles"]
        drafts = []
        for number in numbers:
            topics = self.rng.sample(TOPICS, 3)
            title = self.title(topics)
            drafts.append(
                Article(
                    title=title,
                    slug=f"{readable_slug(title, 70)}-{number + 1}",
                    kind=self.rng.choice(list(Article.Kind)),
                    standfirst=self.text(45, topics),
                    body=self.paragraphs(self.words, topics),
                    lead_image=self.images[number % len(self.images)],
                    status=Article.Status.PUBLISHED,
                    publish_at=NEWEST - SPAN * number / count,
                    is_featured=number % 50 == 0,
                    lock_version=1,
                )
            )
        self.link(Article.objects.bulk_create(drafts))

    def link(self, articles):
        through = Article.teams.through, Article.publications.through, Article.grants.through
        teams, publications, grants, people, partners, tagged = [], [], [], [], [], []
        content_type = ContentType.objects.get_for_model(Article)
        for article in articles:
            chosen = self.rng.sample(self.teams, self.rng.randint(1, min(2, len(self.teams))))
            teams += [through[0](article_id=article.pk, team_id=team.pk) for team in chosen]
            publications.append(through[1](article_id=article.pk, publication_id=self.rng.choice(self.publications).pk))
            grants.append(through[2](article_id=article.pk, grant_id=self.rng.choice(self.grants).pk))
            members = self.members[chosen[0].pk]
            people += [
                ArticlePerson(article=article, person=person, order=order)
                for order, person in enumerate(self.rng.sample(members, min(2, len(members))))
            ]
            partners.append(ArticlePartner(article=article, organisation=self.rng.choice(self.partners)))
            tags = self.rng.sample(self.tags, min(5, len(self.tags)))
            tagged += [TaggedItem(content_type=content_type, object_id=article.pk, tag=tag) for tag in tags]
        models = (*through, ArticlePerson, ArticlePartner, TaggedItem)
        for model, rows in zip(models, (teams, publications, grants, people, partners, tagged), strict=True):
            model.objects.bulk_create(rows, batch_size=BATCH)
