"""Articles in the admin: the list, the change form and its research links.

The workflow buttons come from ``core.admin.PublishableAdminMixin``; the preview, preview-link
and suggestion pages from ``article_views``.
"""

import re
from contextlib import nullcontext
from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import CheckedPrefillMixin, PublishableAdminMixin
from core.keywords import keywords_widget
from core.locking import OptimisticLockAdminMixin
from core.ordering import OrderedInlineMixin
from core.revisions import RevisionAdminMixin
from core.richtext import editor_formfield
from core.search_index import Matching, planned, uses_postgres_search, websearch
from core.slugs import FreeSlugAdminMixin
from research.access import TeamScopedAdminMixin, works_on_all_teams
from research.models import Team

from ..models import Article, ArticlePartner, ArticlePerson
from .article_views import ArticlePagesMixin
from .image_chooser import chooser_url, lead_image_formfield


class ArticlePersonInline(OrderedInlineMixin, admin.TabularInline):
    model = ArticlePerson
    fields = ("person", "order")
    autocomplete_fields = ("person",)
    extra = 0
    verbose_name_plural = _("researchers quoted or featured")


class ArticlePartnerInline(OrderedInlineMixin, admin.TabularInline):
    model = ArticlePartner
    fields = ("organisation", "role", "order")
    autocomplete_fields = ("organisation",)
    extra = 0


class EditorialViewFilter(admin.SimpleListFilter):
    """The editorial desk: the four lists a newsroom works from."""

    title = _("editorial view")
    parameter_name = "view"
    RECENT_DAYS = 30

    def lookups(self, request, model_admin):
        return (
            ("mine", _("My drafts")),
            ("review", _("Awaiting review")),
            ("changes", _("Live, with unpublished changes")),
            ("scheduled", _("Scheduled")),
            ("embargoed", _("Under embargo")),
            ("recent", _("Recently published")),
        )

    def queryset(self, request, queryset):
        since = timezone.now() - timedelta(days=self.RECENT_DAYS)
        views = {
            "mine": lambda: queryset.filter(status=Article.Status.DRAFT, authors=request.user),
            "review": lambda: queryset.filter(
                Q(status=Article.Status.IN_REVIEW) | Q(pending_submitted_at__isnull=False)
            ),
            "changes": lambda: queryset.filter(pending_revision__isnull=False),
            "scheduled": lambda: queryset & Article.objects.scheduled(),
            "embargoed": lambda: queryset & Article.objects.under_embargo(),
            "recent": lambda: queryset & Article.objects.live().filter(publish_at__gte=since),
        }
        return views[self.value()]() if self.value() in views else queryset


@admin.register(Article)
class ArticleAdmin(
    ArticlePagesMixin,
    FreeSlugAdminMixin,
    PublishableAdminMixin,
    CheckedPrefillMixin,
    OptimisticLockAdminMixin,
    RevisionAdminMixin,
    TeamScopedAdminMixin,
    admin.ModelAdmin,
):
    revision_inlines = ("article_people", "partnerships")
    # A restore brings back the words and links, not the workflow state: that has its own buttons.
    restore_keeps = ("status", "publish_at", "expire_at", "embargo_until")
    # Few columns, so that the list fits a 1280 px window beside the filters: whether it is featured
    # is a filter, and the public link says whether it is live.
    list_display = ("title", "kind", "workflow_status", "publish_at", "embargo", "public_link")
    list_filter = (
        EditorialViewFilter,
        "status",
        "kind",
        "teams",
        ("authors", admin.RelatedOnlyFieldListFilter),
        "language",
        "is_featured",
        "publish_at",
    )
    search_fields = ("title", "standfirst")
    date_hierarchy = "publish_at"
    # One count of the filtered list, not a second one of every article (100,000 rows in a large newsroom).
    show_full_result_count = False
    autocomplete_fields = ("authors", "teams", "publications", "grants", "translation_of")
    inlines = (ArticlePersonInline, ArticlePartnerInline)
    # templates/admin/newsroom/article/change_form.html shows the first two fieldsets,
    # then the people and partners, then the rest: the order an editor works in.
    fieldsets = (
        (
            _("Content"),
            {"fields": ("title", "slug", "kind", "standfirst", "body", "lead_image", "keywords", "authors")},
        ),
        (_("Research links"), {"fields": ("teams", "publications", "cited_publications", "grants")}),
        (
            _("Publishing"),
            {"fields": ("status", ("publish_at", "expire_at"), "embargo_until", "is_featured", "language")},
        ),
        (_("Translations"), {"fields": ("translation_of", "translation_list")}),
        (_("Search engines"), {"fields": ("seo_title", "seo_description"), "classes": ("collapse",)}),
    )

    readonly_fields = ("translation_list", "cited_publications")

    @admin.display(description=_("translations of the same article"))
    def translation_list(self, article):
        if article.pk is None:
            return "—"
        group = article.translation_group_id
        others = Article.objects.filter(Q(pk=group) | Q(translation_of_id=group)).exclude(pk=article.pk)
        links = [
            (reverse("admin:newsroom_article_change", args=[other.pk]), other.get_language_display(), other.title)
            for other in others
        ]
        return format_html_join(", ", '<a href="{}">{}: {}</a>', links) or "—"

    class Media:
        js = ("newsroom/admin/unsaved_changes.js", "newsroom/admin/live_preview.js")
        css = {"all": ("newsroom/admin/article.css",)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "translation_of":
            # Like its autocomplete: only articles this user may open; another id is an invalid choice.
            kwargs["queryset"] = self.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            return editor_formfield(db_field, image_chooser_url=chooser_url)
        if db_field.name == "lead_image":
            return lead_image_formfield(db_field)
        if db_field.name == "keywords":
            kwargs["widget"] = keywords_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("cited as"))
    def cited_publications(self, article):
        if not article.pk:
            return "—"
        citations = [paper.citation_text() for paper in article.publications.with_authors()]
        return format_html_join("", "<p>{}</p>", ((citation,) for citation in citations)) or "—"

    @admin.display(description=_("embargo"), ordering="embargo_until")
    def embargo(self, article):
        """Until when a release is under embargo, or when it lifted; empty without one."""
        if article.embargo_until is None:
            return None
        when = date_format(timezone.localtime(article.embargo_until), "DATETIME_FORMAT")
        if article.embargo_pending:
            return format_html('<strong class="embargo-pending">{}</strong>', gettext("Until %s") % when)
        return gettext("Lifted %s") % when

    @admin.display(description=_("on the site"))
    def public_link(self, article):
        if not article.is_live:
            return format_html('<span title="{}">—</span>', gettext("Not on the site"))
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" aria-label="{}">{}</a>',
            article.get_absolute_url(),
            gettext("View “%s” on the site") % article.title,
            gettext("View"),
        )

    def view_on_site(self, article):
        # Drafts and scheduled articles have no public page yet; the button would lead to a 404.
        return article.get_absolute_url() if article.is_live else None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and not form.instance.authors.exists():
            form.instance.authors.add(request.user)
        form.instance.refresh_search_vector()  # its keywords are saved with the related rows

    def scope_queryset(self, request, queryset):
        return queryset.filter(
            pk__in=Article.objects.filter(teams__in=Team.objects.editable_by(request.user)).values("pk")
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if getattr(request.resolver_match, "url_name", None) == "newsroom_article_changelist":
            # The list shows neither bodies nor search documents, a few kilobytes a row.
            queryset = queryset.defer("body", "search_vector")
        return queryset

    def changelist_view(self, request, extra_context=None):
        with planned() if request.GET.get("q", "").strip() else nullcontext():
            response = super().changelist_view(request, extra_context)
            # Rendered here, so that the date hierarchy's queries on the matches are planned alike.
            return response.render() if hasattr(response, "render") else response

    def get_search_results(self, request, queryset, search_term):
        # On PostgreSQL, the stored search documents (title, standfirst, body, keywords, in each
        # language) through their GIN index, and any part of a title; not a scan of every standfirst.
        term = search_term.strip()
        if not uses_postgres_search() or not term:
            return super().get_search_results(request, queryset, search_term)
        # Part of a title, as a regular expression: the title's trigram index serves it, not icontains.
        return queryset.filter(Matching(Article, websearch(term), also=Q(title__iregex=re.escape(term)))), False

    def get_ordering(self, request):
        if request.GET.get(EditorialViewFilter.parameter_name) == "scheduled":
            return ("publish_at", "pk")
        return super().get_ordering(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not works_on_all_teams(request.user):
            readonly += ("authors",)
        return readonly

    # Deleting moves an article to the trash (PublishableAdminMixin); the confirmation says so.
    delete_confirmation_template = "admin/newsroom/article/delete_confirmation.html"
