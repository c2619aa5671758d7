from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from research.models import Grant, Organisation, Person, Publication, PublicationAuthor, Team
from research.richtext import sanitize_html
from research.slugs import unique_slug

from . import images
from .search_index import update_article_search_vector

User = get_user_model()

PREVIEW_SALT = "newsroom.preview-link"


class Image(models.Model):
    file = models.ImageField(
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[images.validate_picture],
        help_text="A JPEG, PNG or WebP picture. Location and camera details are removed on upload.",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. Required unless the picture is decorative.",
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only when the picture adds nothing to the text (a texture, a mood); it then has no alt text.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="Photographer or source, and licence.")
    focal_x = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Horizontal focal point, 0 (left) to 1 (right).",
    )
    focal_y = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Vertical focal point, 0 (top) to 1 (bottom).",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Which renditions exist (see newsroom.images.make_renditions); made once per picture and focal point.
    renditions = models.JSONField(default=dict, editable=False)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name

    def clean(self):
        if self.is_decorative and self.alt_text.strip():
            raise ValidationError(
                {"alt_text": "A decorative picture has no alt text: empty this field or untick “decorative”."}
            )
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": "Describe the picture for people who cannot see it, or tick “decorative”."}
            )

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.file = images.cleaned_upload(self.file)
        super().save(*args, **kwargs)
        if self.file and not self.renditions_are_current:
            self.refresh_renditions()

    @property
    def renditions_are_current(self):
        made = self.renditions or {}
        return made.get("source") == self.file.name and made.get("focal") == [self.focal_x, self.focal_y]

    def refresh_renditions(self):
        """Replace the renditions with ones of the current picture and focal point, and keep them."""
        images.delete_renditions(self.renditions or {}, self.file.storage)
        self.renditions = images.make_renditions(self)
        type(self).objects.filter(pk=self.pk).update(renditions=self.renditions)

    def rendition_set(self, shape="full"):
        """``(webp, fallback, fallback_type)`` lists of ``[name, width, height]``, made now if missing."""
        if not self.renditions_are_current:
            self.refresh_renditions()
        made = self.renditions["shapes"][shape]
        return made["webp"], made["fallback"], made["fallback_type"]


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """Articles the public may see: published, publish time passed, not expired."""
        now = timezone.now()
        return self.filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now),
            status=Article.Status.PUBLISHED,
            publish_at__lte=now,
            deleted_at__isnull=True,
        )

    def not_trashed(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def scheduled(self):
        """Published but not yet due, soonest first: what will go live, and when."""
        return self.not_trashed().filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def acknowledging(self, funder):
        """Articles that thank a funder: for one of its grants, or as a supporter."""
        support = Q(partnerships__organisation=funder, partnerships__role=ArticlePartner.Role.SUPPORT)
        return self.filter(pk__in=Article.objects.filter(Q(grants__funder=funder) | support).values("pk"))

    def for_list(self):
        return self.select_related("lead_image").prefetch_related(
            Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name", "slug"))
        )

    def for_feed(self):
        return self.select_related("lead_image").prefetch_related(
            "keywords",
            Prefetch("authors", queryset=User.objects.order_by("last_name", "first_name", "pk")),
            Prefetch("publications", queryset=Publication.objects.with_authors()),
        )

    def for_report(self):
        return self.order_by("-publish_at", "-pk").prefetch_related(
            Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name")),
            Prefetch("grants", queryset=Grant.objects.only("pk", "funder_id", "award_number")),
        )

    def for_detail(self):
        return self.select_related("lead_image").prefetch_related(
            "keywords",
            "authors",
            Prefetch("teams", queryset=Team.objects.select_related("institution")),
            Prefetch("article_people", queryset=ArticlePerson.objects.select_related("person__affiliation")),
            Prefetch(
                "publications",
                queryset=Publication.objects.prefetch_related(
                    Prefetch("authors", queryset=PublicationAuthor.objects.select_related("person"))
                ),
            ),
            Prefetch("grants", queryset=Grant.objects.select_related("funder")),
            Prefetch("partnerships", queryset=ArticlePartner.objects.select_related("organisation")),
        )


class Article(models.Model):
    # Addresses under /news/ that are not articles.
    RESERVED_SLUGS = {"feed"}

    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("kind of article", "News")
        RESEARCH_HIGHLIGHT = "highlight", _("Research highlight")
        PRESS_RELEASE = "press-release", _("Press release")
        AWARD = "award", _("Award")
        EVENT = "event", _("Event")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The end of the address. Leave empty to make it from the title.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NEWS)
    standfirst = models.TextField(
        blank=True, help_text="The opening summary, two or three sentences, shown in lists and on social media."
    )
    body = models.TextField(blank=True, help_text="Formatting is kept; scripts and styles are removed on save.")
    lead_image = models.ForeignKey(Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    keywords = TaggableManager(blank=True, related_name="articles")
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="articles", blank=True, help_text="Staff who wrote the article."
    )
    teams = models.ManyToManyField(Team, related_name="articles", blank=True)
    people = models.ManyToManyField(
        Person,
        through="ArticlePerson",
        related_name="articles",
        blank=True,
        help_text="Researchers quoted or featured.",
    )
    publications = models.ManyToManyField(
        Publication, related_name="articles", blank=True, help_text="Shown as “Discover the published article”."
    )
    grants = models.ManyToManyField(Grant, related_name="articles", blank=True, help_text="Grants acknowledged.")
    partners = models.ManyToManyField(Organisation, through="ArticlePartner", related_name="articles", blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="The article appears on the site at this time. A future time schedules it.",
    )
    expire_at = models.DateTimeField(
        "expiry time", null=True, blank=True, help_text="Optional: the article leaves the site at this time."
    )
    is_featured = models.BooleanField("featured", default=False, help_text="Featured articles lead the home page.")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translated_versions",
        help_text="The original article this one translates. All translations point to the same original, "
        "so that each one offers the others to readers.",
    )
    seo_title = models.CharField(
        "search engine title", max_length=70, blank=True, help_text="Leave empty to use the title."
    )
    seo_description = models.CharField(
        "search engine description", max_length=200, blank=True, help_text="Leave empty to use the standfirst."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Filled from title, standfirst and body on PostgreSQL only (see search_index.py); its GIN
    # index is made by a migration, because SQLite cannot build one.
    search_vector = SearchVectorField(null=True, editable=False)
    # Optimistic locking: every save adds one, and a form saved from an older number is refused.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    deleted_at = models.DateTimeField("moved to the trash", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
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
                {"slug": f"“{self.slug}” is used by another page of the site; please choose another."}
            )
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": "The expiry time must come after the publish time."})
        self.clean_translation_of()

    def clean_translation_of(self):
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk or (self.pk and original.translation_of_id == self.pk):
            raise ValidationError({"translation_of": "An article cannot be a translation of itself."})
        if original.language == self.language:
            raise ValidationError(
                {"translation_of": "A translation must be in another language than the article it translates."}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, reserved=self.RESERVED_SLUGS)
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        # A translation of a translation joins the original's group, so one query finds all.
        if self.translation_of is not None and self.translation_of.translation_of_id:
            self.translation_of_id = self.translation_of.translation_of_id
        if self.pk is not None and self.translation_of_id == self.pk:
            self.translation_of = None
        self.lock_version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
        super().save(*args, **kwargs)
        if self.translation_of_id:
            # An original that becomes a translation hands its own translations to the new original.
            Article.objects.filter(translation_of=self).update(translation_of=self.translation_of_id)
        update_article_search_vector(self)

    @property
    def keyword_links(self):
        """The article's tag rows: its revisions follow them, so a restore brings keywords back."""
        return self.keywords.through.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=self.pk
        )

    @property
    def is_live(self):
        """Mirrors ``ArticleQuerySet.live()`` for one article in hand."""
        now = timezone.now()
        return (
            self.deleted_at is None
            and self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def is_trashed(self):
        return self.deleted_at is not None

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
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="article_links")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "researcher"
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_article_person")]

    def __str__(self):
        return str(self.person)


class ArticlePartner(models.Model):
    class Role(models.TextChoices):
        COLLABORATION = "collaboration", _("Collaboration")
        SUPPORT = "support", _("Support and funding")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partnerships")
    role = models.CharField(max_length=20, choices=Role, default=Role.COLLABORATION)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "partner organisation"
        constraints = [
            models.UniqueConstraint(fields=["article", "organisation", "role"], name="unique_article_partner_role")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class SiteSettings(models.Model):
    """The institute's details shown on every page; a single row edited in the admin."""

    institute_name = models.CharField(max_length=200, default="Research Institute")
    short_name = models.CharField(max_length=40, blank=True, help_text="e.g. CRCT.")
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    contact_url = models.URLField("contact page", blank=True)
    careers_text = models.CharField(
        "careers call to action", max_length=200, blank=True, help_text="e.g. “Want to join the CRCT team?”"
    )
    careers_url = models.URLField("careers link", blank=True)
    mastodon_url = models.URLField("Mastodon", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    logo = models.ImageField(
        upload_to="site/",
        blank=True,
        help_text="The institute's logo, named as the publisher of its news to search engines.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self):
        return self.institute_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]


class TrashedArticle(Article):
    """The trash, listed on its own in the admin so that editors can restore or purge."""

    class Meta:
        proxy = True
        verbose_name = "article in the trash"
        verbose_name_plural = "trash"


class EditorialEvent(models.Model):
    """The audit log: who did what to which article, and when. Kept when the article is purged."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        SENT_BACK = "sent-back", "Sent back"
        UNPUBLISHED = "unpublished", "Unpublished"
        TRASHED = "trashed", "Moved to the trash"
        RESTORED = "restored", "Restored from the trash"
        PURGED = "purged", "Purged"
        REVERTED = "reverted", "Earlier revision restored"
        PREVIEW_SHARED = "preview-shared", "Preview link shared"
        PREVIEW_REVOKED = "preview-revoked", "Preview link revoked"

    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    article_title = models.CharField(max_length=255)
    action = models.CharField(max_length=20, choices=Action)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "editorial event"

    def __str__(self):
        return f"{self.get_action_display()}: {self.article_title}"


class PreviewLink(models.Model):
    """A signed link that shows one revision of an article to someone without an account."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    # The revision shown: later edits do not leak to whoever holds the link.
    version = models.ForeignKey("reversion.Version", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(
        max_length=200, blank=True, help_text="Who the link is for, e.g. “Dr. Samain, proofreading”."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of “{self.article}”"

    def get_absolute_url(self):
        return reverse("newsroom:preview-link", args=[self.token])

    @property
    def token(self):
        return signing.dumps(self.pk, salt=PREVIEW_SALT)

    @classmethod
    def from_token(cls, token):
        """The link a token names; raises BadSignature when it was not made here, DoesNotExist when gone."""
        return cls.objects.select_related("article", "version").get(pk=signing.loads(token, salt=PREVIEW_SALT))

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return self.revoked_at is None and not self.is_expired
