from datetime import timedelta

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from research import admin as research_admin
from research.access import TeamScopedAdminMixin, works_on_all_teams
from research.locking import OptimisticLockAdminMixin
from research.models import Grant, Organisation, Team
from research.revisions import RevisionAdminMixin
from research.richtext import editor_formfield
from research.sources.http import LookupFailed

from . import preview, workflow
from .images import validate_picture
from .models import (
    Article,
    ArticlePartner,
    ArticlePerson,
    EditorialEvent,
    Image,
    SiteSettings,
    TrashedArticle,
)
from .reports import articles_acknowledging_funder, articles_acknowledging_grant, outreach_csv
from .suggestions import CannotLink, link_suggestion, suggestions_for

admin.site.site_header = "Newsroom administration"
admin.site.site_title = "Newsroom administration"
admin.site.index_title = "News and research data"


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("thumbnail", "description", "caption", "credit", "size")
    list_display_links = ("description",)
    list_filter = ("is_decorative",)
    search_fields = ("alt_text", "caption", "credit")
    fields = (
        "file",
        "preview",
        ("alt_text", "is_decorative"),
        "caption",
        "credit",
        ("focal_x", "focal_y"),
        ("width", "height"),
        "editor_address",
    )
    readonly_fields = ("preview", "width", "height", "editor_address")

    class Media:
        js = ("newsroom/admin/focal_point.js",)
        css = {"all": ("newsroom/admin/focal_point.css",)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            # A plain file field with the library's own checks, which say precisely what is wrong (and
            # run before Django's image field reads the dimensions, which a decompression bomb breaks).
            return forms.FileField(
                validators=[validate_picture],
                label="Picture",
                help_text=db_field.help_text,
                required=False,  # the model asks for a picture when none is stored yet
                widget=AdminFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="picture")
    def thumbnail(self, image):
        webp, _fallback, _type = image.rendition_set("card")
        # The description is the next column, so the picture itself is decorative here.
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', default_storage.url(webp[0][0]))

    @admin.display(description="alt text", ordering="alt_text")
    def description(self, image):
        return "(decorative)" if image.is_decorative else image.alt_text

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else ""

    @admin.display(description="address for the text editor")
    def editor_address(self, image):
        if not image.pk or not image.file or not image.file._committed:
            return "—"
        return format_html(
            '<code>{}</code><p class="help">To show this picture inside an article\'s text, click the picture '
            "button of the text editor and paste this address. Pictures from other sites are removed on save.</p>",
            largest_rendition_url(image),
        )

    @admin.display(description="current picture")
    def preview(self, image):
        if not image.pk or not image.file or not image.file._committed:
            return "Save the picture first; then click on it here to set its focal point."
        webp, _fallback, _type = image.rendition_set("full")
        # A width attribute rather than a style one, which a strict Content-Security-Policy blocks.
        return format_html(
            '<div class="focal-point-picker" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt="" width="{}"><span class="focal-point-marker" aria-hidden="true"></span></div>'
            '<p class="help">Click on the part of the picture that must stay visible when it is cropped.</p>',
            image.focal_x,
            image.focal_y,
            default_storage.url(webp[-1][0]),
            min(image.width or 480, 480),
        )


def largest_rendition_url(image):
    """The largest rendition: sized for an article's column, and free of metadata like every upload."""
    _webp, fallback, _type = image.rendition_set("full")
    return default_storage.url(fallback[-1][0])


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    fields = ("person", "order")
    autocomplete_fields = ("person",)
    extra = 0
    verbose_name_plural = "researchers quoted or featured"


class ArticlePartnerInline(admin.TabularInline):
    model = ArticlePartner
    fields = ("organisation", "role", "order")
    autocomplete_fields = ("organisation",)
    extra = 0


class EditorialViewFilter(admin.SimpleListFilter):
    """The editorial desk: the four lists a newsroom works from."""

    title = "editorial view"
    parameter_name = "view"
    RECENT_DAYS = 30

    def lookups(self, request, model_admin):
        return (
            ("mine", "My drafts"),
            ("review", "Awaiting review"),
            ("scheduled", "Scheduled"),
            ("recent", "Recently published"),
        )

    def queryset(self, request, queryset):
        since = timezone.now() - timedelta(days=self.RECENT_DAYS)
        views = {
            "mine": lambda: queryset.filter(status=Article.Status.DRAFT, authors=request.user),
            "review": lambda: queryset.filter(status=Article.Status.IN_REVIEW),
            "scheduled": lambda: queryset & Article.objects.scheduled(),
            "recent": lambda: queryset & Article.objects.live().filter(publish_at__gte=since),
        }
        return views[self.value()]() if self.value() in views else queryset


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Go live at", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


TRANSITIONS = {
    "submit": ("Submit for review", workflow.submit),
    "publish": ("Publish now", workflow.publish),
    "schedule": ("Schedule", workflow.schedule),
    "send_back": ("Send back", workflow.send_back),
    "unpublish": ("Unpublish", workflow.unpublish),
}


@admin.register(Article)
class ArticleAdmin(
    research_admin.CheckedPrefillMixin,
    OptimisticLockAdminMixin,
    RevisionAdminMixin,
    TeamScopedAdminMixin,
    admin.ModelAdmin,
):
    revision_inlines = ("article_people", "partnerships")
    # A restore brings back the words and links, not the workflow state: that has its own buttons.
    restore_keeps = ("status", "publish_at", "expire_at")
    list_display = ("title", "kind", "status", "publish_at", "is_featured", "live", "public_link")
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
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_image", "authors", "teams", "publications", "grants", "translation_of")
    inlines = (ArticlePersonInline, ArticlePartnerInline)
    # templates/admin/newsroom/article/change_form.html shows the first two fieldsets,
    # then the people and partners, then the rest: the order an editor works in.
    fieldsets = (
        ("Content", {"fields": ("title", "slug", "kind", "standfirst", "body", "lead_image", "keywords", "authors")}),
        ("Research links", {"fields": ("teams", "publications", "cited_publications", "grants")}),
        ("Publishing", {"fields": ("status", ("publish_at", "expire_at"), "is_featured", "language")}),
        ("Translations", {"fields": ("translation_of", "translation_list")}),
        ("Search engines", {"fields": ("seo_title", "seo_description"), "classes": ("collapse",)}),
    )

    readonly_fields = ("translation_list", "cited_publications")

    @admin.display(description="translations of the same article")
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

    # Tests put recorded Crossref and PubMed answers here; None is the network.
    lookup_transport = None

    class Media:
        js = ("newsroom/admin/unsaved_changes.js",)
        css = {"all": ("newsroom/admin/article.css",)}

    def link_suggestion_view(self, request, object_id):
        """One click on a suggestion: link the publication or grant the text mentions (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None or not self.has_change_permission(request, article):
            raise PermissionDenied
        funder_id = request.POST.get("funder", "")
        funder = Organisation.objects.filter(pk=funder_id).first() if funder_id.isdigit() else None
        kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
        try:
            target, created = link_suggestion(article, kind, value, funder, transport=self.lookup_transport)
        except (CannotLink, LookupFailed) as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            how = "added and linked" if created else "linked"
            self.log_change(request, article, f"Linked {target._meta.verbose_name} “{target}” from a suggestion.")
            self.message_user(request, f"{target._meta.verbose_name.capitalize()} “{target}” {how}.", messages.SUCCESS)
        return redirect(reverse("admin:newsroom_article_change", args=[article.pk]))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            return editor_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="cited as")
    def cited_publications(self, article):
        if not article.pk:
            return "—"
        citations = [paper.citation_text() for paper in article.publications.with_authors()]
        return format_html_join("", "<p>{}</p>", ((citation,) for citation in citations)) or "—"

    @admin.display(description="live", boolean=True)
    def live(self, article):
        return article.is_live

    @admin.display(description="public page")
    def public_link(self, article):
        if not article.is_live:
            return None
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" aria-label="View “{}” on the site">View</a>',
            article.get_absolute_url(),
            article.title,
        )

    def view_on_site(self, article):
        # Drafts and scheduled articles have no public page yet; the button would lead to a 404.
        return article.get_absolute_url() if article.is_live else None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and not form.instance.authors.exists():
            form.instance.authors.add(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).not_trashed()

    def scope_queryset(self, request, queryset):
        return queryset.filter(
            pk__in=Article.objects.filter(teams__in=Team.objects.editable_by(request.user)).values("pk")
        )

    def get_ordering(self, request):
        if request.GET.get(EditorialViewFilter.parameter_name) == "scheduled":
            return ("publish_at", "pk")
        return super().get_ordering(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("newsroom.publish_article"):
            # Without the publishing right these are shown, not editable: a tampered POST is ignored.
            readonly += ("status", "publish_at", "expire_at")
        if not works_on_all_teams(request.user):
            readonly += ("authors",)
        return readonly

    def save_model(self, request, obj, form, change):
        before = Article.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if change:
            workflow.record_form_changes(obj, before, request.user)
        else:
            workflow.record(obj, request.user, EditorialEvent.Action.CREATED)

    # Deleting moves an article to the trash: the confirmation and the messages say so, and the
    # bulk action needs no confirmation, since nothing is lost.
    delete_confirmation_template = "admin/newsroom/article/delete_confirmation.html"
    actions = ("trash_selected",)

    def delete_model(self, request, obj):
        workflow.trash(obj, request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.trash(article, request.user)

    def response_delete(self, request, obj_display, obj_id):
        if IS_POPUP_VAR in request.POST:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(request, f"“{obj_display}” is in the trash: it can be restored from there.")
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return redirect(add_preserved_filters(context, reverse("admin:newsroom_article_changelist")))

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Move the selected articles to the trash", permissions=("delete",))
    def trash_selected(self, request, queryset):
        articles = [article for article in queryset if self.has_delete_permission(request, article)]
        self.delete_queryset(request, articles)
        self.message_user(request, f"{len(articles)} article(s) moved to the trash; they can be restored from there.")

    def after_restore(self, request, obj, version):
        when = timezone.localtime(version.revision.date_created).strftime("%d %b %Y %H:%M")
        workflow.record(obj, request.user, EditorialEvent.Action.REVERTED, f"Revision of {when}.")

    # Workflow buttons, previews and preview links: extra pages of the article's change page.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                view(self.transition_view),
                name="newsroom_article_transition",
            ),
            path("<path:object_id>/preview/", view(self.preview_view), name="newsroom_article_preview"),
            path("<path:object_id>/preview-links/", view(self.share_view), name="newsroom_article_share"),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_view),
                name="newsroom_article_revoke",
            ),
            path("<int:object_id>/link/", view(self.link_suggestion_view), name="newsroom_article_link_suggestion"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {}
        if article is not None:
            allowed = workflow.allowed_transitions(request.user, article)
            context = {
                "transitions": [(name, TRANSITIONS[name][0]) for name in allowed if name in TRANSITIONS],
                "schedule_form": ScheduleForm(initial={"publish_at": article.publish_at}),
                "may_share": request.user.has_perm("newsroom.add_previewlink"),
                "preview_links": article.preview_links.select_related("created_by")[:10],
                "recent_events": article.events.select_related("user")[:5],
            }
            if self.has_change_permission(request, article):
                context["link_suggestions"] = suggestions_for(article)
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.editable_object(request, object_id)
        if name not in TRANSITIONS:
            raise PermissionDenied
        try:
            self.apply_transition(request, article, name)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"“{article}”: {TRANSITIONS[name][0].lower()} — done.")
        return redirect(self.revision_url("change", article))

    def apply_transition(self, request, article, name):
        function = TRANSITIONS[name][1]
        if name == "schedule":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                raise workflow.WorkflowError("Give the date and time the article should go live.")
            return function(article, request.user, form.cleaned_data["publish_at"])
        if name == "send_back":
            return function(article, request.user, request.POST.get("comment", ""))
        return function(article, request.user)

    def preview_view(self, request, object_id):
        article = self.editable_object(request, object_id)
        return preview.render_preview(request, preview.current_article(article.pk))

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.editable_object(request, object_id)
        if not request.user.has_perm("newsroom.add_previewlink"):
            raise PermissionDenied
        link = preview.share(article, request.user, request.POST.get("note", "")[:200])
        workflow.record(article, request.user, EditorialEvent.Action.PREVIEW_SHARED, link.note)
        url = request.build_absolute_uri(link.get_absolute_url())
        expires = timezone.localtime(link.expires_at).strftime("%d %b %Y %H:%M")
        messages.success(request, f"Preview link, valid until {expires}: {url}")
        return redirect(self.revision_url("change", article))

    def revoke_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.editable_object(request, object_id)
        if not request.user.has_perm("newsroom.change_previewlink"):
            raise PermissionDenied
        link = get_object_or_404(article.preview_links, pk=link_id, revoked_at__isnull=True)
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        workflow.record(article, request.user, EditorialEvent.Action.PREVIEW_REVOKED, link.note)
        messages.success(request, "The preview link no longer works.")
        return redirect(self.revision_url("change", article))


@admin.register(TrashedArticle)
class TrashAdmin(admin.ModelAdmin):
    """Deleted articles: restore them, or purge them for good after a confirmation."""

    list_display = ("title", "status", "deleted_at", "deleted_by")
    list_select_related = ("deleted_by",)
    search_fields = ("title",)
    actions = ("restore_selected", "purge_selected")
    ordering = ("-deleted_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).trashed()

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("newsroom.restore_article")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_restore_permission(self, request):
        return request.user.has_perm("newsroom.restore_article")

    def has_purge_permission(self, request):
        return request.user.has_perm("newsroom.purge_article")

    @admin.action(description="Restore the selected articles", permissions=("restore",))
    def restore_selected(self, request, queryset):
        for article in queryset:
            workflow.restore(article, request.user)
        self.message_user(request, f"{len(queryset)} article(s) restored, with the status they had.")

    @admin.action(description="Purge the selected articles for good…", permissions=("purge",))
    def purge_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Purge articles for good?",
                "articles": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/newsroom/trashedarticle/purge_confirmation.html", context)
        titles = [article.title for article in queryset]
        for article in queryset:
            workflow.purge(article, request.user)
        self.message_user(request, f"Purged for good: {', '.join(titles)}.", messages.WARNING)


@admin.register(EditorialEvent)
class EditorialEventAdmin(admin.ModelAdmin):
    """The audit log, read-only."""

    list_display = ("created_at", "user", "action", "article_link", "comment")
    list_filter = ("action", ("user", admin.RelatedOnlyFieldListFilter), "created_at")
    list_select_related = ("user", "article")
    search_fields = ("article_title", "comment", "user__username")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="article", ordering="article_title")
    def article_link(self, event):
        if event.article is None or event.article.is_trashed:
            return event.article_title
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:newsroom_article_change", args=[event.article_id]),
            event.article_title,
        )


reversion.register(ArticlePerson)
reversion.register(ArticlePartner)
# The search vector is derived from the text on every save: no part of a revision.
reversion.register(Article, exclude=("search_vector",), follow=("article_people", "partnerships", "keyword_links"))


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row of institute details: the list goes straight to it, and it cannot be added twice or deleted."""

    fieldsets = (
        ("Institute", {"fields": ("institute_name", "short_name", "address", "phone", "email", "contact_url")}),
        ("Careers", {"fields": ("careers_text", "careers_url")}),
        ("Social media", {"fields": ("mastodon_url", "bluesky_url", "linkedin_url")}),
    )

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings = SiteSettings.load()
        return redirect(reverse("admin:newsroom_sitesettings_change", args=[settings.pk]))


class OutreachReportMixin:
    """Adds to a research admin what only the news app knows: the public articles acknowledging the
    grant or funder, shown on its change page and downloaded as CSV for its outreach report."""

    change_form_template = "admin/newsroom/outreach_change_form.html"

    def get_urls(self):
        opts = self.opts
        report = self.admin_site.admin_view(self.outreach_report_view)
        name = f"{opts.app_label}_{opts.model_name}_outreach_report"
        return [path("<int:object_id>/outreach-report/", report, name=name), *super().get_urls()]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Public articles acknowledging it", {"fields": ("acknowledged_in",)})]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "acknowledged_in")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if str(object_id).isdigit():  # anything else is a bad address, which the admin reports itself
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_outreach_report"
            extra_context = {"outreach_report_url": reverse(name, args=[object_id]), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="live articles")
    def acknowledged_in(self, obj):
        articles = self.acknowledging(obj)
        if not articles:
            return "No public article acknowledges it yet."
        rows = ((article.get_absolute_url(), article.title, article.publish_at.date()) for article in articles)
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({})</li>', rows))

    def outreach_report_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return outreach_csv(self.acknowledging(obj), request, self.funder_of(obj), str(obj))


admin.site.unregister(Grant)
admin.site.unregister(Organisation)


@admin.register(Grant)
class GrantAdmin(OutreachReportMixin, research_admin.GrantAdmin):
    def acknowledging(self, grant):
        return articles_acknowledging_grant(grant)

    def funder_of(self, grant):
        return grant.funder


@admin.register(Organisation)
class OrganisationAdmin(OutreachReportMixin, research_admin.OrganisationAdmin):
    def acknowledging(self, organisation):
        return articles_acknowledging_funder(organisation)

    def funder_of(self, organisation):
        return organisation
