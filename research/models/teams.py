"""Teams and their memberships."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.locking import LockVersioned
from core.revisions import KeywordsInRevisions
from core.richtext import plain_text_as_html, sanitize_html
from core.search_index import DEFAULT_SEARCH_CONFIG, NAMES_CONFIG, SearchIndexed
from core.slugs import unique_slug

from .organisations import Organisation
from .people import Person


class TeamQuerySet(models.QuerySet):
    def active(self):
        """The teams the public site shows: lists, filters, the sitemap and search leave the others out."""
        return self.filter(is_active=True)

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


class Team(KeywordsInRevisions, LockVersioned, SearchIndexed, models.Model):
    acronym = models.CharField(
        _("acronym"), max_length=40, help_text=_("Short name as the team writes it, e.g. MICROPANC.")
    )
    name = models.CharField(_("full name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make it from the acronym.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences shown on cards and lists."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Formatting is kept; scripts and styles are removed on save.")
    )
    keywords = TaggableManager(blank=True, related_name="teams", verbose_name=_("keywords"))
    institution = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("institution"),
    )
    members = models.ManyToManyField(
        Person, through="Membership", related_name="teams", blank=True, verbose_name=_("members")
    )
    editors = models.ManyToManyField(
        Person,
        related_name="edited_teams",
        blank=True,
        help_text=_("People besides the leaders who may edit this team's page."),
        verbose_name=_("editors"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    join_text = models.CharField(
        _("join call to action"), max_length=200, blank=True, help_text=_("e.g. “Want to join the team?”")
    )
    join_url = models.URLField(_("join link"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TeamQuerySet.as_manager()

    search_parts = (
        ("acronym", "A", NAMES_CONFIG),
        ("name", "A", DEFAULT_SEARCH_CONFIG),
        ("keywords__name", "A", DEFAULT_SEARCH_CONFIG),
        ("summary", "B", DEFAULT_SEARCH_CONFIG),
        ("description", "C", DEFAULT_SEARCH_CONFIG),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
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
        super().save(*args, **kwargs)
        self.refresh_search_vector()

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
            # A member is shown by name, photo and position: not by the long texts of the person's page.
            .defer("person__search_vector", "person__bio", "person__affiliation__description")
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

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["order", "person__family_name"]
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="unique_team_member")]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.team}"

    @property
    def is_current(self):
        return self.ended_on is None
