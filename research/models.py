from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .richtext import plain_text_as_html, sanitize_html
from .slugs import unique_slug
from .validators import (
    normalize_doi,
    normalize_funder_id,
    normalize_orcid,
    normalize_ror,
    validate_doi,
    validate_funder_id,
    validate_orcid,
    validate_pmid,
    validate_ror,
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        HOSPITAL = "hospital", _("Hospital")
        RESEARCH_INSTITUTE = "institute", _("Research institute")
        CORE_FACILITY = "facility", _("Core facility")
        COMPANY = "company", _("Company")
        FOUNDATION = "foundation", _("Foundation or charity")
        FUNDING_AGENCY = "agency", _("Public funding agency")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=255)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="Acronym shown where space is short, e.g. INCa or FRM."
    )
    slug = models.SlugField(max_length=80, unique=True, blank=True, help_text="Leave empty to make it from the name.")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    ror_id = models.CharField(
        "ROR id",
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_ror],
        help_text="Research Organization Registry id, e.g. 02feahw73 (a https://ror.org/ link is accepted).",
    )
    funder_id = models.CharField(
        "Crossref Funder id",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_funder_id],
        help_text="Funder Registry id for funders, e.g. 501100006769 (the part after 10.13039/).",
    )
    logo = models.ImageField(upload_to="organisations/", blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("research:organisation-detail", args=[self.slug])

    def clean_fields(self, exclude=None):
        self.ror_id = normalize_ror(self.ror_id) or None
        self.funder_id = normalize_funder_id(self.funder_id) or None
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.ror_id = normalize_ror(self.ror_id) or None
        self.funder_id = normalize_funder_id(self.funder_id) or None
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name)
        super().save(*args, **kwargs)

    @property
    def ror_url(self):
        return f"https://ror.org/{self.ror_id}" if self.ror_id else ""

    @property
    def funder_doi(self):
        return f"10.13039/{self.funder_id}" if self.funder_id else ""


class Person(models.Model):
    honorific = models.CharField(max_length=30, blank=True, help_text="Shown before the name, e.g. Dr. or Prof.")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=80, unique=True, blank=True, help_text="Leave empty to make it from the name.")
    distinctions = models.TextField(
        blank=True,
        help_text="One per line, e.g. “Honored Scientist of the Russian Federation”.",
    )
    position = models.CharField(max_length=200, blank=True, help_text="e.g. Deputy Director for Science.")
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_orcid],
        help_text="e.g. 0000-0002-1825-0097 (a https://orcid.org/ link is accepted).",
    )
    affiliation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    email = models.EmailField(blank=True)
    photo = models.ImageField(upload_to="people/", blank=True)
    bio = models.TextField("short bio", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The login of a researcher who edits their own profile and team pages.",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("research:person-detail", args=[self.slug])

    def clean_fields(self, exclude=None):
        self.orcid = normalize_orcid(self.orcid) or None
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.orcid = normalize_orcid(self.orcid) or None
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def name_with_honorific(self):
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def distinction_list(self):
        return [line.strip() for line in self.distinctions.splitlines() if line.strip()]

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class TeamQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The teams whose pages and content a user may work on: all of them for staff who have
        ``research.work_on_all_teams``, else those they lead, co-lead or are named editors of."""
        if user.has_perm("research.work_on_all_teams"):
            return self.all()
        person = getattr(user, "person", None)
        if person is None:
            return self.none()
        leads = Q(
            memberships__person=person,
            memberships__role__in=[Membership.Role.LEADER, Membership.Role.CO_LEADER],
            memberships__ended_on__isnull=True,
        )
        return self.filter(pk__in=Team.objects.filter(leads | Q(editors=person)).values("pk"))


class Team(models.Model):
    acronym = models.CharField(max_length=40, help_text="Short name as the team writes it, e.g. MICROPANC.")
    name = models.CharField("full name", max_length=255)
    slug = models.SlugField(
        max_length=80, unique=True, blank=True, help_text="Leave empty to make it from the acronym."
    )
    summary = models.TextField(blank=True, help_text="One or two sentences shown on cards and lists.")
    description = models.TextField(blank=True, help_text="Formatting is kept; scripts and styles are removed on save.")
    keywords = TaggableManager(blank=True, related_name="teams")
    institution = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="teams")
    members = models.ManyToManyField(Person, through="Membership", related_name="teams", blank=True)
    editors = models.ManyToManyField(
        Person,
        related_name="edited_teams",
        blank=True,
        help_text="People besides the leaders who may edit this team's page.",
    )
    contact_email = models.EmailField(blank=True)
    join_text = models.CharField(
        "join call to action", max_length=200, blank=True, help_text="e.g. “Want to join the team?”"
    )
    join_url = models.URLField("join link", blank=True)
    is_active = models.BooleanField("active", default=True)
    # Optimistic locking: every save adds one, and a form saved from an older number is refused.
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        permissions = [("work_on_all_teams", "Can work on every team's pages, people, publications and news")]

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("research:team-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.acronym or self.name)
        self.description = sanitize_html(plain_text_as_html(self.description))
        self.lock_version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
        super().save(*args, **kwargs)

    @property
    def keyword_links(self):
        """The team's tag rows: its revisions follow them, so a restore brings keywords back."""
        return self.keywords.through.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=self.pk
        )

    @property
    def display_name(self):
        return f"{self.acronym}: {self.name}" if self.acronym != self.name else self.name


class MembershipQuerySet(models.QuerySet):
    def current_by_role(self):
        """Current members, leaders first (in the order of Membership.Role), then as the team orders them."""
        role_rank = models.Case(*(models.When(role=role, then=rank) for rank, role in enumerate(Membership.Role)))
        return (
            self.filter(ended_on__isnull=True)
            .select_related("person__affiliation")
            .order_by(role_rank, "order", "person__family_name")
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Team leader")
        CO_LEADER = "co-leader", _("Co-leader")
        RESEARCHER = "researcher", _("Researcher")
        POSTDOC = "postdoc", _("Postdoctoral fellow")
        PHD_STUDENT = "phd", _("PhD student")
        ENGINEER = "engineer", _("Engineer")
        TECHNICIAN = "technician", _("Technician")
        MEMBER = "member", _("Member")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["order", "person__family_name"]
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="unique_team_member")]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.team}"

    @property
    def is_current(self):
        return self.ended_on is None


class PublicationQuerySet(models.QuerySet):
    def with_authors(self):
        return self.prefetch_related(
            models.Prefetch("authors", queryset=PublicationAuthor.objects.select_related("person"))
        )


class Publication(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        AHEAD_OF_PRINT = "ahead-of-print", _("Online ahead of print")
        IN_PRESS = "in-press", _("In press")
        PREPRINT = "preprint", _("Preprint")

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Research article")
        REVIEW = "review", _("Review")
        PREPRINT = "preprint", _("Preprint")
        CHAPTER = "chapter", _("Book chapter")

    title = models.TextField()
    journal = models.CharField(max_length=255, blank=True)
    journal_abbreviation = models.CharField(
        max_length=100, blank=True, help_text="NLM abbreviation, e.g. Cell Mol Gastroenterol Hepatol."
    )
    published_on = models.DateField(
        null=True, blank=True, help_text="Date of the version of record, or of online publication."
    )
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=40, blank=True, help_text="Pages or article number, e.g. 157-173.")
    doi = models.CharField(
        "DOI",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_doi],
        help_text="e.g. 10.1016/j.jcmgh.2021.01.008 (a https://doi.org/ link or doi: prefix is accepted).",
    )
    pmid = models.CharField("PubMed ID", max_length=12, unique=True, null=True, blank=True, validators=[validate_pmid])
    status = models.CharField(max_length=20, choices=Status, default=Status.PUBLISHED)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ARTICLE)
    abstract = models.TextField(blank=True)
    teams = models.ManyToManyField(Team, related_name="publications", blank=True)
    is_open_access = models.BooleanField("open access", default=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:publication-detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        self.doi = normalize_doi(self.doi) or None
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.doi = normalize_doi(self.doi) or None
        self.pmid = (self.pmid or "").strip() or None
        super().save(*args, **kwargs)

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def year(self):
        return self.published_on.year if self.published_on else None

    @property
    def shows_status(self):
        return self.status != self.Status.PUBLISHED

    # The one citation style (with templates/includes/citation.html, which adds links):
    # authors (the first three, then "et al"), title, journal abbreviation, date,
    # volume(issue):pages, DOI and status, as in "… Cell Mol Gastroenterol Hepatol. 2021 Jan 19. doi: …".
    CITED_AUTHORS = 3

    def cited_authors(self, full=False):
        """The author names as printed; use with ``with_authors()`` to save a query per publication."""
        names = [author.name for author in self.authors.all()]
        if full or len(names) <= self.CITED_AUTHORS:
            return ", ".join(names)
        return ", ".join(names[: self.CITED_AUTHORS]) + ", et al"

    @property
    def citation_source(self):
        """Where and when it appeared: "Nat Rev Cancer. 2022 Mar 1;22(3):157-173."."""
        journal = self.journal_abbreviation or self.journal
        when = dateformat.format(self.published_on, "Y M j") if self.published_on else ""
        if self.volume:
            when += (
                f";{self.volume}" + (f"({self.issue})" if self.issue else "") + (f":{self.pages}" if self.pages else "")
            )
        elif self.pages:
            when += f";{self.pages}"
        return " ".join(f"{part}." for part in (journal, when) if part)

    def citation_text(self, full=False):
        """The citation as plain text, for the admin and the feeds."""
        parts = [
            self.cited_authors(full),
            self.title,
            self.citation_source.removesuffix("."),
            f"doi: {self.doi}" if self.doi else "",
            self.get_status_display() if self.shows_status else "",
        ]
        return " ".join(f"{part}." for part in parts if part)


class PublicationAuthor(models.Model):
    """One name in a publication's author list, as printed, optionally linked to a Person."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=200, help_text="As printed, e.g. “R Samain”.")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="authorships")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Grant(models.Model):
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    award_number = models.CharField(max_length=100, help_text="As the funder writes it, e.g. 19-75-30016.")
    title = models.CharField(max_length=500, blank=True)
    programme = models.CharField(max_length=255, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    principal_investigator = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="grants_led"
    )
    teams = models.ManyToManyField(Team, related_name="grants", blank=True)

    class Meta:
        ordering = ["funder__name", "award_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder", "award_number"],
                name="unique_award_number_per_funder",
                violation_error_message="This funder already has a grant with this award number.",
            )
        ]

    def __str__(self):
        return f"{self.funder} — No. {self.award_number}"

    def get_absolute_url(self):
        return reverse("research:grant-detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        self.award_number = (self.award_number or "").strip()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.award_number = self.award_number.strip()
        super().save(*args, **kwargs)
