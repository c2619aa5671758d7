"""Articles, the people they feature and the organisations they name."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from core.keywords import keywords_as_list
from core.locking import LockVersioned
from core.publishing import Embargoable, EmbargoableQuerySet
from core.revisions import KeywordsInRevisions
from core.richtext import sanitize_html
from core.search_index import ROW_LANGUAGE, SearchIndexed
from core.slugs import unique_slug
from research.models import Grant, Organisation, Person, Publication, Team

from .images import Image

User = get_user_model()

PREVIEW_SALT = "newsroom.preview-link"


class ArticleQuerySet(EmbargoableQuerySet):
    def acknowledging(self, funder):
        """Articles that thank a funder: for one of its grants, or as a supporter."""
        support = Q(partnerships__organisation=funder, partnerships__role=ArticlePartner.Role.SUPPORT)
        return self.filter(pk__in=Article.objects.filter(Q(grants__funder=funder) | support).values("pk"))

    # The stored search document (a few kilobytes a row) is only ever read by the database.
    def for_list(self):
        """What a card shows: no body."""
        return (
            self.defer("body", "search_vector")
            .select_related("lead_image")
            .prefetch_related(
                Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name", "slug")),
                # For the peer-review badges of the cards.
                Prefetch("publications", queryset=Publication.objects.only("pk", "status")),
            )
        )

    def for_feed(self):
        return (
            self.defer("body", "search_vector")
            .select_related("lead_image")
            .prefetch_related(
                keywords_as_list(),
                Prefetch("authors", queryset=User.objects.order_by("last_name", "first_name", "pk")),
                Prefetch("publications", queryset=Publication.objects.with_authors()),
            )
        )

    def for_report(self):
        return self.order_by("-publish_at", "-pk").prefetch_related(
            Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name")),
            Prefetch("grants", queryset=Grant.objects.only("pk", "funder_id", "award_number")),
        )

    def for_detail(self):
        """What the article page shows. Not the staff authors, named only by the JSON-LD, which is
        kept once made (public.templatetags.metadata); nor any search document or long text the page
        does not show (a linked person's biography, a team's description)."""
        people = ArticlePerson.objects.select_related("person__affiliation").defer(
            "person__search_vector", "person__bio", "person__affiliation__description"
        )
        return (
            self.defer("search_vector")
            .select_related("lead_image")
            .prefetch_related(
                "keywords",
                Prefetch(
                    "teams",
                    queryset=Team.objects.defer("search_vector", "description").select_related("institution"),
                ),
                Prefetch("article_people", queryset=people),
                Prefetch("publications", queryset=Publication.objects.with_authors()),
                Prefetch("grants", queryset=Grant.objects.select_related("funder")),
                Prefetch("partnerships", queryset=ArticlePartner.objects.select_related("organisation")),
            )
        )


class Article(KeywordsInRevisions, Embargoable, LockVersioned, SearchIndexed, models.Model):
    # Addresses under /news/ that are not articles.
    RESERVED_SLUGS = {"feed"}

    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("kind of article", "News")
        RESEARCH_HIGHLIGHT = "highlight", _("Research highlight")
        PRESS_RELEASE = "press-release", _("Press release")
        AWARD = "award", _("Award")
        EVENT = "event", _("Event")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("The end of the address. Leave empty to make it from the title."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NEWS)
    standfirst = models.TextField(
        _("standfirst"),
        blank=True,
        help_text=_("The opening summary, two or three sentences, shown in lists and on social media."),
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("Formatting is kept; scripts and styles are removed on save.")
    )
    lead_image = models.ForeignKey(
        Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles", verbose_name=_("lead image")
    )
    keywords = TaggableManager(blank=True, related_name="articles", verbose_name=_("keywords"))
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="articles",
        blank=True,
        help_text=_("Staff who wrote the article."),
        verbose_name=_("authors"),
    )
    teams = models.ManyToManyField(Team, related_name="articles", blank=True, verbose_name=_("teams"))
    people = models.ManyToManyField(
        Person,
        through="ArticlePerson",
        related_name="articles",
        blank=True,
        help_text=_("Researchers quoted or featured."),
        verbose_name=_("people"),
    )
    publications = models.ManyToManyField(
        Publication,
        related_name="articles",
        blank=True,
        help_text=_("Shown as “Discover the published article”."),
        verbose_name=_("publications"),
    )
    grants = models.ManyToManyField(
        Grant, related_name="articles", blank=True, help_text=_("Grants acknowledged."), verbose_name=_("grants")
    )
    partners = models.ManyToManyField(
        Organisation, through="ArticlePartner", related_name="articles", blank=True, verbose_name=_("partners")
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured articles lead the home page.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translated_versions",
        help_text=_(
            "The original article this one translates. All translations point to the same original, "
            "so that each one offers the others to readers."
        ),
        verbose_name=_("translation of"),
    )
    seo_title = models.CharField(
        _("search engine title"), max_length=70, blank=True, help_text=_("Leave empty to use the title.")
    )
    seo_description = models.CharField(
        _("search engine description"), max_length=200, blank=True, help_text=_("Leave empty to use the standfirst.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    objects = ArticleQuerySet.as_manager()

    search_parts = (
        ("title", "A", ROW_LANGUAGE),
        ("keywords__name", "A", ROW_LANGUAGE),
        ("standfirst", "B", ROW_LANGUAGE),
        ("body", "C", ROW_LANGUAGE),
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = [models.F("publish_at").desc(nulls_first=True), "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        permissions = [
            ("publish_article", "Can publish, schedule, send back and unpublish articles"),
            ("restore_article", "Can list the trash and restore articles"),
            ("purge_article", "Can purge articles from the trash for good"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:article-detail", args=[self.slug])

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("“%s” is used by another page of the site; please choose another.") % self.slug}
            )
        super().clean()
        self.clean_translation_of()

    def clean_translation_of(self):
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk or (self.pk and original.translation_of_id == self.pk):
            raise ValidationError({"translation_of": _("An article cannot be a translation of itself.")})
        if original.language == self.language:
            raise ValidationError(
                {"translation_of": _("A translation must be in another language than the article it translates.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, reserved=self.RESERVED_SLUGS)
        self.body = sanitize_html(self.body)
        # A translation of a translation joins the original's group, so one query finds all.
        if self.translation_of is not None and self.translation_of.translation_of_id:
            self.translation_of_id = self.translation_of.translation_of_id
        if self.pk is not None and self.translation_of_id == self.pk:
            self.translation_of = None
        super().save(*args, **kwargs)
        if self.translation_of_id:
            # An original that becomes a translation hands its own translations to the new original.
            Article.objects.filter(translation_of=self).update(translation_of=self.translation_of_id)
        self.refresh_search_vector()

    def editable_by(self, user):
        """Staff of every team may change any article; a researcher, those of their teams."""
        if not super().editable_by(user):
            return False
        if user.has_perm("research.work_on_all_teams"):
            return True
        return self.teams.filter(pk__in=Team.objects.editable_by(user).values("pk")).exists()

    def record_event(self, user, action, comment=""):
        return self.events.create(article_title=self.title, action=action, user=user, comment=comment)

    @property
    def peer_reviews(self):
        """The peer-review statuses of the publications the article is about, each once, in their order."""
        return list(dict.fromkeys(publication.peer_review for publication in self.publications.all()))

    @property
    def featured_people(self):
        return [link.person for link in self.article_people.all()]

    @property
    def translation_group_id(self):
        return self.translation_of_id or self.pk

    def translations(self):
        """The live articles of this one's translation group, itself included, in one query."""
        group = self.translation_group_id
        return (
            Article.objects.live()
            .filter(Q(pk=group) | Q(translation_of_id=group))
            .only("pk", "slug", "title", "language", "translation_of_id")
            .order_by("language")
        )

    def partners_by_role(self):
        """[(role label, [organisations])] in the order of ArticlePartner.Role, skipping empty roles."""
        groups = {role: [] for role in ArticlePartner.Role}
        for partnership in self.partnerships.all():
            groups[partnership.role].append(partnership.organisation)
        return [(str(role.label), organisations) for role, organisations in groups.items() if organisations]


class ArticlePerson(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="article_people", verbose_name=_("article")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("person"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name_plural = _("researchers")
        ordering = ["order", "pk"]
        verbose_name = _("researcher")
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_article_person")]

    def __str__(self):
        return str(self.person)


class ArticlePartner(models.Model):
    class Role(models.TextChoices):
        COLLABORATION = "collaboration", _("Collaboration")
        SUPPORT = "support", _("Support and funding")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("article")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.COLLABORATION)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name_plural = _("partner organisations")
        ordering = ["order", "pk"]
        verbose_name = _("partner organisation")
        constraints = [
            models.UniqueConstraint(fields=["article", "organisation", "role"], name="unique_article_partner_role")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"
