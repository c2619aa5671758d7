"""Basic pages (About, Contact, Legal notice…) and the header and footer menus that link to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.locking import LockVersioned
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import sanitize_html
from core.slugs import unique_slug

from .audit import Audited


class Page(Audited, Publishable, LockVersioned, models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("The page is at /pages/<slug>/. Leave empty to make it from the title."),
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("Formatting is kept; scripts and styles are removed on save.")
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
        help_text=_("The original page this one translates."),
        verbose_name=_("translation of"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("basic pages")
        ordering = ["title", "pk"]
        verbose_name = _("basic page")
        permissions = [
            ("publish_page", "Can publish, schedule, send back and unpublish pages"),
            ("restore_page", "Can restore pages from the trash"),
            ("purge_page", "Can purge pages from the trash for good"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:page-detail", args=[self.slug])

    def clean(self):
        super().clean()
        original = self.translation_of
        if original is not None and (original.pk == self.pk or original.language == self.language):
            raise ValidationError({"translation_of": _("A translation must be of another page, in another language.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body = sanitize_html(self.body)
        if self.translation_of is not None and self.translation_of.translation_of_id:
            self.translation_of_id = self.translation_of.translation_of_id
        super().save(*args, **kwargs)

    def translations(self):
        """The live pages of this one's translation group, itself included, in one query."""
        group = self.translation_of_id or self.pk
        return (
            Page.objects.live()
            .filter(Q(pk=group) | Q(translation_of_id=group))
            .only("pk", "slug", "title", "language", "translation_of_id")
            .order_by("language")
        )


class MenuItemQuerySet(models.QuerySet):
    def for_language(self, language):
        """The entries shown to readers of ``language``: its own and those for every language, whose page (if any)
        is live."""
        live_pages = Page.objects.live().values("pk")
        return (
            self.filter(Q(language=language) | Q(language=""))
            .filter(Q(page__isnull=True) | Q(page__in=live_pages))
            .select_related("page")
            .only("menu", "label", "url", "page__slug")
        )


class MenuItem(models.Model):
    class Menu(models.TextChoices):
        HEADER = "header", _("Header")
        FOOTER = "footer", _("Footer")

    menu = models.CharField(_("menu"), max_length=10, choices=Menu, default=Menu.FOOTER)
    label = models.CharField(_("label"), max_length=80, help_text=_("The link's text, in the entry's language."))
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="menu_items",
        help_text=_("A basic page; the entry is shown only while the page is live."),
        verbose_name=_("page"),
    )
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_("Or any address: /events/, https://…"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to show it in every language."),
    )
    objects = MenuItemQuerySet.as_manager()

    class Meta:
        ordering = ["menu", "order", "pk"]
        verbose_name = _("menu entry")
        verbose_name_plural = _("menus")

    def __str__(self):
        return f"{self.get_menu_display()}: {self.label}"

    def clean(self):
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Link the entry to a page or give an address, not both."))
        if self.url and not self.url.startswith(("/", "https://", "http://", "mailto:")):
            raise ValidationError({"url": _("Give an address that starts with /, https://, http:// or mailto:.")})

    @property
    def href(self):
        return self.page.get_absolute_url() if self.page_id else self.url


def menus(language):
    """{"header": [...], "footer": [...]} of the entries for ``language``, in one query."""
    grouped = {menu.value: [] for menu in MenuItem.Menu}
    for item in MenuItem.objects.for_language(language):
        grouped[item.menu].append(item)
    return grouped
