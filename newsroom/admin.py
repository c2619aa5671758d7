from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from research import admin as research_admin
from research.models import Grant, Organisation
from research.sources.http import LookupFailed
from richtext import editor_formfield

from .images import validate_picture
from .models import Article, ArticlePartner, ArticlePerson, Image, SiteSettings
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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "publish_at", "is_featured", "live", "public_link")
    list_filter = ("status", "kind", "teams", "language", "is_featured", "publish_at")
    search_fields = ("title", "standfirst")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_image", "authors", "teams", "publications", "grants")
    inlines = (ArticlePersonInline, ArticlePartnerInline)
    readonly_fields = ("cited_publications",)
    # templates/admin/newsroom/article/change_form.html shows the first two fieldsets,
    # then the people and partners, then the rest: the order an editor works in.
    fieldsets = (
        ("Content", {"fields": ("title", "slug", "kind", "standfirst", "body", "lead_image", "keywords", "authors")}),
        ("Research links", {"fields": ("teams", "publications", "cited_publications", "grants")}),
        ("Publishing", {"fields": ("status", ("publish_at", "expire_at"), "is_featured", "language")}),
        ("Search engines", {"fields": ("seo_title", "seo_description"), "classes": ("collapse",)}),
    )

    # Tests put recorded Crossref and PubMed answers here; None is the network.
    lookup_transport = None

    class Media:
        css = {"all": ("newsroom/admin/article.css",)}

    def get_urls(self):
        link = self.admin_site.admin_view(self.link_suggestion_view)
        return [path("<int:object_id>/link/", link, name="newsroom_article_link_suggestion"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and self.has_change_permission(request, article):
            extra_context = {"link_suggestions": suggestions_for(article), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

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
