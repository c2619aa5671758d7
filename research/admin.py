from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.admin import CheckedPrefillMixin, PictureStorageAdminMixin
from core.keywords import keywords_widget
from core.locking import OptimisticLockAdminMixin
from core.ordering import OrderedInlineMixin
from core.revisions import RevisionAdminMixin
from core.richtext import editor_formfield

from .access import TeamScopedAdminMixin, TeamScopedInlineMixin, works_on_all_teams
from .admin_views import publication_import_urls
from .forms import PublicationForm
from .models import Membership, Person, Publication, PublicationAuthor, Team
from .validators import DOI_PREFIXES, normalize_doi

# Editors paste identifiers as links (https://orcid.org/…, https://ror.org/…), which are longer
# than the stored form. The form must let them through: the model normalises the value before
# it checks the length and the format.
PASTED_IDENTIFIER_LENGTH = 255


class PastedIdentifiersMixin:
    pasted_identifier_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.pasted_identifier_fields:
            kwargs["max_length"] = PASTED_IDENTIFIER_LENGTH
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TeamMembershipInline(OrderedInlineMixin, admin.TabularInline):
    model = Membership
    fields = ("person", "role", "started_on", "ended_on", "order")
    autocomplete_fields = ("person",)
    extra = 0


class PersonMembershipInline(OrderedInlineMixin, TeamScopedInlineMixin, admin.TabularInline):
    model = Membership
    fields = ("team", "role", "started_on", "ended_on", "order")
    autocomplete_fields = ("team",)
    extra = 0
    verbose_name = _("team membership")


class PublicationAuthorInline(OrderedInlineMixin, admin.TabularInline):
    model = PublicationAuthor
    fields = ("name", "person", "order")
    autocomplete_fields = ("person",)
    ordering = ("order", "pk")
    extra = 0


# Registered by newsroom/admin/outreach.py, which adds the funder's outreach report.
class OrganisationAdmin(PictureStorageAdminMixin, PastedIdentifiersMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "city", "country", "ror_id", "funder_id")
    list_filter = ("kind", "country")
    search_fields = ("name", "short_name", "other_names", "city", "ror_id", "funder_id")
    prepopulated_fields = {"slug": ("name",)}
    pasted_identifier_fields = ("ror_id", "funder_id")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "description", "logo")}),
        (_("Where"), {"fields": ("city", "country", "website")}),
        (_("Identifiers"), {"fields": ("ror_id", "funder_id")}),
        (_("How texts name it"), {"fields": ("other_names", "award_number_pattern")}),
    )


@admin.register(Person)
class PersonAdmin(
    PictureStorageAdminMixin, CheckedPrefillMixin, TeamScopedAdminMixin, PastedIdentifiersMixin, admin.ModelAdmin
):
    list_display = ("name", "honorific", "position", "orcid", "affiliation")
    list_filter = ("teams", "takes_media_requests", ("affiliation", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("affiliation",)
    search_fields = ("given_name", "family_name", "orcid", "position")
    prepopulated_fields = {"slug": ("given_name", "family_name")}
    autocomplete_fields = ("affiliation", "user")
    pasted_identifier_fields = ("orcid",)
    inlines = (PersonMembershipInline,)
    fieldsets = (
        (None, {"fields": ("honorific", "given_name", "family_name", "slug", "photo", "bio")}),
        (_("Role and distinctions"), {"fields": ("position", "distinctions", "affiliation", "orcid")}),
        (_("Contact and login"), {"fields": ("email", "user")}),
        (_("Expert finder"), {"fields": ("takes_media_requests", "expertise", "languages")}),
    )

    @admin.display(description=_("name"), ordering="family_name")
    def name(self, person):
        return person.full_name

    def scope_queryset(self, request, queryset):
        # A researcher edits their own profile only, but may find anyone to add to their team:
        # names are public on the site anyway.
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            return queryset
        return queryset.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if works_on_all_teams(request.user) else (*readonly, "user")


@admin.register(Team)
class TeamAdmin(
    CheckedPrefillMixin, OptimisticLockAdminMixin, RevisionAdminMixin, TeamScopedAdminMixin, admin.ModelAdmin
):
    revision_inlines = ("memberships",)
    list_display = ("acronym", "name", "institution", "is_active", "member_count")
    list_filter = ("is_active", ("institution", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("institution",)
    search_fields = ("acronym", "name")
    prepopulated_fields = {"slug": ("acronym",)}
    autocomplete_fields = ("institution", "editors")
    inlines = (TeamMembershipInline,)
    fieldsets = (
        (None, {"fields": ("acronym", "name", "slug", "institution", "is_active")}),
        (_("Presentation"), {"fields": ("summary", "description", "keywords")}),
        (_("Contact and recruitment"), {"fields": ("contact_email", "join_text", "join_url")}),
        (_("Who may edit"), {"fields": ("editors",)}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "description":
            return editor_formfield(db_field)
        if db_field.name == "keywords":
            kwargs["widget"] = keywords_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        current = Q(memberships__ended_on__isnull=True)
        return super().get_queryset(request).annotate(member_count=Count("memberships", filter=current, distinct=True))

    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=Team.objects.editable_by(request.user).values("pk"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_vector()  # its keywords are saved with the related rows

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if works_on_all_teams(request.user):
            return fieldsets
        # Who may edit a team is decided by the communications office, not by the team itself.
        return [fieldset for fieldset in fieldsets if "editors" not in fieldset[1]["fields"]]

    @admin.display(description=_("current members"), ordering="member_count")
    def member_count(self, team):
        return team.member_count


@admin.register(Membership)
class MembershipAdmin(CheckedPrefillMixin, TeamScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "team", "role", "started_on", "ended_on")
    list_filter = ("role", "team")
    list_select_related = ("person", "team")
    search_fields = ("person__given_name", "person__family_name", "team__acronym", "team__name")
    autocomplete_fields = ("person", "team")

    def scope_queryset(self, request, queryset):
        return queryset.filter(team__in=Team.objects.editable_by(request.user))


@admin.register(Publication)
class PublicationAdmin(CheckedPrefillMixin, TeamScopedAdminMixin, admin.ModelAdmin):
    form = PublicationForm
    list_display = ("citation", "published", "status")
    list_filter = ("status", "kind", "is_open_access", "teams")
    search_fields = ("title", "doi", "pmid", "authors__name")
    date_hierarchy = "published_on"
    autocomplete_fields = ("teams",)
    inlines = (PublicationAuthorInline,)
    fieldsets = (
        (None, {"fields": ("title", "kind", "status", "is_open_access", "teams")}),
        (
            _("Where it appeared"),
            {"fields": ("journal", "journal_abbreviation", "published_on", "volume", "issue", "pages")},
        ),
        (_("Identifiers"), {"fields": ("doi", "pmid")}),
        (_("Abstract"), {"fields": ("abstract",)}),
    )

    def get_urls(self):
        return publication_import_urls(self) + super().get_urls()

    def scope_queryset(self, request, queryset):
        return queryset.filter(teams__in=Team.objects.editable_by(request.user)).distinct()

    def get_search_results(self, request, queryset, search_term):
        # Editors paste DOIs as links or with a "doi:" prefix; the stored form has neither.
        if DOI_PREFIXES.match(search_term.strip()):
            search_term = normalize_doi(search_term)
        return super().get_search_results(request, queryset, search_term)

    def get_queryset(self, request):
        return super().get_queryset(request).with_authors()

    @admin.display(description=_("published"), ordering="published_on")
    def published(self, publication):
        return publication.published_display

    @admin.display(description=_("citation"), ordering="title")
    def citation(self, publication):
        return publication.citation_text()


# Registered by newsroom/admin/outreach.py, which adds the grant's outreach report.
class GrantAdmin(CheckedPrefillMixin, admin.ModelAdmin):
    list_display = ("funder", "award_number", "title", "principal_investigator")
    list_filter = (("funder", admin.RelatedOnlyFieldListFilter), "teams")
    list_select_related = ("funder", "principal_investigator")
    search_fields = (
        "award_number",
        "title",
        "programme",
        "funder__name",
        "funder__short_name",
        "funder__other_names",
        "principal_investigator__family_name",
    )
    autocomplete_fields = ("funder", "principal_investigator", "teams")
    fields = (
        "funder",
        "award_number",
        "title",
        "programme",
        "started_on",
        "ended_on",
        "principal_investigator",
        "teams",
    )
