"""Publications and their ordered authors."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.fields import IdentifierField
from core.search_index import DEFAULT_SEARCH_CONFIG, NAMES_CONFIG, SearchIndexed

from ..dates import PartialDate, Precision
from ..validators import (
    normalize_doi,
    normalize_pmid,
    validate_doi,
    validate_pmid,
)
from .people import Person
from .teams import Team

# Month abbreviations of a citation date, in the language of the rest of the citation ("et al", the status):
# NLM's in English, the bibliographic ones (GOST 7.0.12, the Imprimerie nationale's) in Russian and French.
CITATION_MONTHS = [
    pgettext_lazy("month in a citation", "Jan"),
    pgettext_lazy("month in a citation", "Feb"),
    pgettext_lazy("month in a citation", "Mar"),
    pgettext_lazy("month in a citation", "Apr"),
    pgettext_lazy("month in a citation", "May"),
    pgettext_lazy("month in a citation", "Jun"),
    pgettext_lazy("month in a citation", "Jul"),
    pgettext_lazy("month in a citation", "Aug"),
    pgettext_lazy("month in a citation", "Sep"),
    pgettext_lazy("month in a citation", "Oct"),
    pgettext_lazy("month in a citation", "Nov"),
    pgettext_lazy("month in a citation", "Dec"),
]


def full_stop(text):
    """The text ending with one full stop, whether or not it had one ("и др." keeps its own)."""
    return text if text.endswith(".") else f"{text}."


class PeerReview(models.TextChoices):
    """What readers and journalists ask first of the research behind the news: was it peer-reviewed?"""

    PEER_REVIEWED = "peer-reviewed", _("Peer-reviewed")
    AHEAD_OF_PRINT = "ahead-of-print", _("Peer-reviewed, online ahead of print")
    PREPRINT = "preprint", _("Preprint, not yet peer-reviewed")
    CONFERENCE = "conference", _("Conference talk or paper")


class PublicationQuerySet(models.QuerySet):
    def with_authors(self):
        # The stored search document is only ever read by the database.
        return self.defer("search_vector").prefetch_related(
            models.Prefetch(
                "authors",
                # A citation links an author who is one of the institute's people: the name is the author's.
                queryset=PublicationAuthor.objects.select_related("person").only(
                    "id", "publication_id", "name", "order", "person__id", "person__slug"
                ),
            )
        )


class Publication(SearchIndexed, models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        AHEAD_OF_PRINT = "ahead-of-print", _("Online ahead of print")
        IN_PRESS = "in-press", _("In press")
        PREPRINT = "preprint", _("Preprint")
        CONFERENCE = "conference", _("Conference talk or paper")

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Research article")
        REVIEW = "review", _("Review")
        PREPRINT = "preprint", _("Preprint")
        CHAPTER = "chapter", _("Book chapter")

    title = models.TextField(_("title"))
    journal = models.CharField(_("journal"), max_length=255, blank=True)
    journal_abbreviation = models.CharField(
        _("journal abbreviation"),
        max_length=100,
        blank=True,
        help_text=_("NLM abbreviation, e.g. Cell Mol Gastroenterol Hepatol."),
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Date of the version of record, or of online publication."),
    )
    published_on_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision,
        default=Precision.DAY,
        help_text=_("How much of the date is known: the year, the month or the day. Only that much is shown."),
    )
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    issue = models.CharField(_("issue"), max_length=20, blank=True)
    pages = models.CharField(
        _("pages"), max_length=40, blank=True, help_text=_("Pages or article number, e.g. 157-173.")
    )
    doi = IdentifierField(
        _("DOI"),
        max_length=255,
        normalize=normalize_doi,
        validators=[validate_doi],
        help_text=_("e.g. 10.1016/j.jcmgh.2021.01.008 (a https://doi.org/ link or doi: prefix is accepted)."),
    )
    pmid = IdentifierField(_("PubMed ID"), max_length=12, normalize=normalize_pmid, validators=[validate_pmid])
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PUBLISHED)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ARTICLE)
    abstract = models.TextField(_("abstract"), blank=True)
    teams = models.ManyToManyField(Team, related_name="publications", blank=True, verbose_name=_("teams"))
    is_open_access = models.BooleanField(_("open access"), default=False)

    objects = PublicationQuerySet.as_manager()

    search_parts = (
        ("title", "A", DEFAULT_SEARCH_CONFIG),
        ("doi", "A", NAMES_CONFIG),
        ("pmid", "A", NAMES_CONFIG),
        ("authors__name", "B", NAMES_CONFIG),
        ("journal", "B", NAMES_CONFIG),
        ("journal_abbreviation", "B", NAMES_CONFIG),
        ("abstract", "C", DEFAULT_SEARCH_CONFIG),
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]
        # On PostgreSQL an index of this order serves the list's pages (migration 0014).

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:publication-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refresh_search_vector()

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def published(self):
        """The date as far as it is known (a ``PartialDate``: "2021", "2021-01"), or ``None``."""
        return PartialDate.of(self.published_on, self.published_on_precision)

    @published.setter
    def published(self, partial):
        self.published_on = partial
        self.published_on_precision = getattr(partial, "precision", Precision.DAY)

    @property
    def published_display(self):
        """The date for people, in their language, as precise as it is known: "2021", "January 2021"."""
        return self.published.display() if self.published_on else ""

    @property
    def year(self):
        return self.published_on.year if self.published_on else None

    @property
    def peer_review(self):
        """The publication's peer-review status, from its status (in press is accepted, so reviewed)."""
        return PEER_REVIEW_OF_STATUS[self.status]

    @property
    def shows_status(self):
        return self.status != self.Status.PUBLISHED

    # The one citation style (with templates/includes/citation.html, which adds links):
    # authors (the first three, then "et al"), title, journal abbreviation, date,
    # volume(issue):pages, DOI and status, as in "… Cell Mol Gastroenterol Hepatol. 2021 Jan 19. doi: …".
    # Its own words (et al, the month, the status) are in the reader's language, all of them.
    CITED_AUTHORS = 3

    def cited_authors(self, full=False):
        """The author names as printed; use with ``with_authors()`` to save a query per publication."""
        names = [author.name for author in self.authors.all()]
        if full or len(names) <= self.CITED_AUTHORS:
            return ", ".join(names)
        return ", ".join([*names[: self.CITED_AUTHORS], gettext("et al")])

    @property
    def citation_date(self):
        """ "2021 Jan 19", "2021 янв. 19", "2021 Jan", "2021": year, month and day as far as known, in NLM's order."""
        if not self.published_on:
            return ""
        year, *rest = self.published.parts()
        month_and_day = [str(CITATION_MONTHS[rest[0] - 1]), *map(str, rest[1:])] if rest else []
        return " ".join([str(year), *month_and_day])

    @property
    def citation_source(self):
        """Where and when it appeared: "Nat Rev Cancer. 2022 Mar;22(3):157-173."."""
        journal = self.journal_abbreviation or self.journal
        when = self.citation_date
        if self.volume:
            when += (
                f";{self.volume}" + (f"({self.issue})" if self.issue else "") + (f":{self.pages}" if self.pages else "")
            )
        elif self.pages:
            when += f";{self.pages}"
        return " ".join(full_stop(part) for part in (journal, when) if part)

    def citation_text(self, full=False):
        """The citation as plain text, for the admin and the feeds."""
        parts = [
            self.cited_authors(full),
            self.title,
            self.citation_source,
            f"doi: {self.doi}" if self.doi else "",
            self.get_status_display() if self.shows_status else "",
        ]
        return " ".join(full_stop(part) for part in parts if part)


PEER_REVIEW_OF_STATUS = {
    Publication.Status.PUBLISHED: PeerReview.PEER_REVIEWED,
    Publication.Status.IN_PRESS: PeerReview.PEER_REVIEWED,
    Publication.Status.AHEAD_OF_PRINT: PeerReview.AHEAD_OF_PRINT,
    Publication.Status.PREPRINT: PeerReview.PREPRINT,
    Publication.Status.CONFERENCE: PeerReview.CONFERENCE,
}


class PublicationAuthorQuerySet(models.QuerySet):
    def bulk_create(self, authors, *args, **kwargs):
        """Author lists are written in bulk (the importer, the seed loader): their publications'
        search documents then name them."""
        created = super().bulk_create(authors, *args, **kwargs)
        for publication in {author.publication for author in created}:
            publication.refresh_search_vector()
        return created


class PublicationAuthor(models.Model):
    """One name in a publication's author list, as printed, optionally linked to a Person.

    Saving or deleting one, or creating them in bulk, refreshes the publication's search document."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="authors", verbose_name=_("publication")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("As printed, e.g. “R Samain”."))
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="authorships", verbose_name=_("person")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = PublicationAuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication author")
        verbose_name_plural = _("publication authors")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.publication.refresh_search_vector()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.publication.refresh_search_vector()
        return deleted
