"""The press room in the admin: journalists and the decisions on them, the record of who read what
before an embargo lifted, the e-mails sent, and the media kit as part of the article's page."""

from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import LabelledCellsInlineMixin
from core.ordering import OrderedInlineMixin
from newsroom.admin.articles import ArticleAdmin
from newsroom.admin.image_chooser import lead_image_formfield
from newsroom.models import Article

from . import accreditation
from .models import Journalist, MediaKit, MediaPicture, PressContact, PressEmail, ReleaseAccess


class OptionalPartFormSet(BaseInlineFormSet):
    """The press room's part of the article form: an article form posted without it (by a page opened
    before the press room existed, or a script) saves the rest and leaves the media kit as it is."""

    def __init__(self, data=None, files=None, *args, prefix=None, **kwargs):
        if data is not None and f"{prefix or self.get_default_prefix()}-TOTAL_FORMS" not in data:
            data = files = None
        super().__init__(data, files, *args, prefix=prefix, **kwargs)

    def is_valid(self):
        return super().is_valid() if self.is_bound else True

    def save(self, commit=True):
        if self.is_bound:
            return super().save(commit)
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []


class OptionalPartInline:
    formset = OptionalPartFormSet


class ReadOnlyInline(OptionalPartInline, admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReleaseAccessInline(ReadOnlyInline):
    model = ReleaseAccess
    fields = readonly_fields = ("at", "journalist", "what", "detail", "address")
    verbose_name_plural = _("views and downloads by journalists before the embargo lifted")


class ArticlePressEmailInline(ReadOnlyInline):
    model = PressEmail
    fields = readonly_fields = ("journalist", "delivery", "attempts", "sent_at", "delivery_error")
    verbose_name_plural = _("the release e-mailed to journalists")


class MediaKitInline(OptionalPartInline, admin.StackedInline):
    model = MediaKit
    fields = ("summary",)
    max_num = 1
    can_delete = False


class MediaPictureInline(OptionalPartInline, LabelledCellsInlineMixin, OrderedInlineMixin, admin.TabularInline):
    model = MediaPicture
    fields = ("image", "credit", "licence", "order")
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "image":
            return lead_image_formfield(db_field)  # the picture chooser, as for the article's lead image
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PressContactInline(OptionalPartInline, LabelledCellsInlineMixin, OrderedInlineMixin, admin.TabularInline):
    model = PressContact
    fields = ("person", "role", "phone", "email", "languages", "order")
    autocomplete_fields = ("person",)
    extra = 0
    verbose_name_plural = _("press contacts (their direct phone and e-mail are shown to accredited journalists only)")


admin.site.unregister(Article)


@admin.register(Article)
class PressArticleAdmin(ArticleAdmin):
    """The article's page, with its media kit and the record of its embargo."""

    inlines = (
        *ArticleAdmin.inlines,
        MediaKitInline,
        MediaPictureInline,
        PressContactInline,
        ReleaseAccessInline,
        ArticlePressEmailInline,
    )


class JournalistPressEmailInline(ReadOnlyInline):
    model = PressEmail
    fields = readonly_fields = ("created_at", "kind", "article", "delivery", "sent_at", "delivery_error")


class JournalistAccessInline(ReadOnlyInline):
    model = ReleaseAccess
    fields = readonly_fields = ("at", "article", "what", "detail", "address")


def decide(modeladmin, request, queryset, function, done_message):
    """One decision on each journalist selected; those it does not apply to are named."""
    done = 0
    for journalist in queryset:
        try:
            function(journalist, request.user)
        except accreditation.DecisionError as error:
            modeladmin.message_user(request, str(error), messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


def approved_message(count):
    return ngettext("%d journalist accredited.", "%d journalists accredited.", count) % count


def refused_message(count):
    return ngettext("%d application refused.", "%d applications refused.", count) % count


def withdrawn_message(count):
    return ngettext("%d accreditation withdrawn.", "%d accreditations withdrawn.", count) % count


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = ("name", "outlet", "email", "status", "accredited_until", "accredited", "applied_at")
    list_filter = ("status", "accredited_until", "language")
    search_fields = ("name", "outlet", "email")
    date_hierarchy = "applied_at"
    fields = (
        ("name", "outlet"),
        ("email", "work_url"),
        ("language", "time_zone"),
        ("status", "accredited_until"),
        ("applied_at", "applied_from"),
        ("decided_at", "decided_by"),
    )
    readonly_fields = ("status", "applied_at", "applied_from", "decided_at", "decided_by")
    inlines = (JournalistPressEmailInline, JournalistAccessInline)
    actions = ("approve", "refuse", "withdraw")

    @admin.display(description=_("accredited now"), boolean=True)
    def accredited(self, journalist):
        return journalist.is_accredited

    @admin.action(description=_("Approve: accredit until the date set, or for a year"), permissions=["change"])
    def approve(self, request, queryset):
        decide(self, request, queryset, accreditation.approve, approved_message)

    @admin.action(description=_("Refuse the application"), permissions=["change"])
    def refuse(self, request, queryset):
        decide(self, request, queryset, accreditation.refuse, refused_message)

    @admin.action(description=_("Withdraw the accreditation"), permissions=["change"])
    def withdraw(self, request, queryset):
        decide(self, request, queryset, accreditation.withdraw, withdrawn_message)


class ViewOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReleaseAccess)
class ReleaseAccessAdmin(ViewOnlyAdmin):
    list_display = ("at", "journalist", "article", "what", "detail", "address")
    list_filter = ("what", "article")
    search_fields = ("journalist__name", "journalist__email", "article__title", "address")
    list_select_related = ("journalist", "article")
    date_hierarchy = "at"


@admin.register(PressEmail)
class PressEmailAdmin(ViewOnlyAdmin):
    list_display = ("created_at", "journalist", "kind", "article", "delivery", "attempts", "sent_at")
    list_filter = ("kind", "delivery")
    search_fields = ("journalist__name", "journalist__email", "article__title")
    list_select_related = ("journalist", "article")
