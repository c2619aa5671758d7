from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from research.models import Grant, Organisation, Person, Publication, PublicationAuthor, Team
from research.slugs import unique_slug

from . import images
from .html import sanitize_html


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
        )

    def acknowledging(self, funder):
        """Articles that thank a funder: for one of its grants, or as a supporter."""
        support = Q(partnerships__organisation=funder, partnerships__role=ArticlePartner.Role.SUPPORT)
        return self.filter(pk__in=Article.objects.filter(Q(grants__funder=funder) | support).values("pk"))

    def for_list(self):
        return self.select_related("lead_image").prefetch_related(
            Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name", "slug"))
        )

    def for_report(self):
        return self.order_by("-publish_at", "-pk").prefetch_related(
            Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name")),
            Prefetch("grants", queryset=Grant.objects.only("pk", "funder_id", "award_number")),
        )

    def for_detail(self):
        return self.select_related("lead_image").prefetch_related(
            "keywords",
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
    class Kind(models.TextChoices):
        NEWS = "news", "News"
        RESEARCH_HIGHLIGHT = "highlight", "Research highlight"
        PRESS_RELEASE = "press-release", "Press release"
        AWARD = "award", "Award"
        EVENT = "event", "Event"

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
    seo_title = models.CharField(
        "search engine title", max_length=70, blank=True, help_text="Leave empty to use the title."
    )
    seo_description = models.CharField(
        "search engine description", max_length=200, blank=True, help_text="Leave empty to use the standfirst."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("publish_at").desc(nulls_first=True), "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:article-detail", args=[self.slug])

    def clean(self):
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": "The expiry time must come after the publish time."})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_live(self):
        """Mirrors ``ArticleQuerySet.live()`` for one article in hand."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def featured_people(self):
        return [link.person for link in self.article_people.all()]

    def partners_by_role(self):
        """[(role label, [organisations])] in the order of ArticlePartner.Role, skipping empty roles."""
        groups = {role: [] for role in ArticlePartner.Role}
        for partnership in self.partnerships.all():
            groups[partnership.role].append(partnership.organisation)
        return [(role.label, organisations) for role, organisations in groups.items() if organisations]


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
        COLLABORATION = "collaboration", "Collaboration"
        SUPPORT = "support", "Support and funding"

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
