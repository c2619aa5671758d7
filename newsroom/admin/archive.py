"""Archive imports in the admin: upload an export (and a zip of its pictures), follow the job, read its summary."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..archive.items import UnreadableArchive
from ..archive.jobs import check_files, run_archive_import
from ..archive.tables import FIELDS, parse_mapping
from ..models import ArchiveImport, ArchiveImportItem

SUMMARY_LINES = 100


class ArchiveUploadForm(forms.ModelForm):
    export = forms.FileField(
        label=gettext_lazy("Export file"),
        help_text=gettext_lazy("A WordPress export (WXR), an RSS or Atom feed of the old site, or a CSV file."),
    )
    pictures = forms.FileField(
        label=gettext_lazy("Pictures"),
        required=False,
        help_text=gettext_lazy("A zip archive of the picture files the export names (e.g. wp-content/uploads)."),
    )
    mapping = forms.CharField(
        label=gettext_lazy("Column mapping (CSV only)"),
        required=False,
        help_text=gettext_lazy("field=column pairs separated by commas, e.g. title=Headline, url=Link. Fields: %s.")
        % ", ".join(FIELDS),
    )

    class Meta:
        model = ArchiveImport
        fields = ("publish", "dry_run")

    def clean(self):
        cleaned = super().clean()
        export, pictures = cleaned.get("export"), cleaned.get("pictures")
        if export is None:
            return cleaned
        try:
            self.instance.column_mapping = parse_mapping(cleaned.get("mapping"))
            self.instance.content = export.read()
            self.instance.pictures_archive = pictures.read() if pictures else None
            check_files(
                export.name, self.instance.content, self.instance.column_mapping, self.instance.pictures_archive
            )
        except UnreadableArchive as error:
            raise forms.ValidationError(str(error)) from None
        self.instance.filename = export.name[:255]
        return cleaned


@admin.register(ArchiveImport)
class ArchiveImportAdmin(admin.ModelAdmin):
    list_display = (
        "filename",
        "format_name",
        "created_at",
        "user",
        "status",
        "progress",
        "created_count",
        "updated_count",
        "skipped_count",
        "failed_count",
        "dry_run",
        "publish",
    )
    list_filter = ("status", "dry_run")
    list_select_related = ("user",)
    readonly_fields = (
        "filename",
        "format_name",
        "user",
        "created_at",
        "finished_at",
        "status",
        "progress",
        "created_count",
        "updated_count",
        "skipped_count",
        "failed_count",
        "publish",
        "dry_run",
        "error",
        "summary",
    )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            return ArchiveUploadForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ("export", "pictures", "mapping", "publish", "dry_run") if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content", "pictures_archive")

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        obj.save()
        transaction.on_commit(lambda: run_archive_import.enqueue(obj.pk))
        self.message_user(request, _("“%(name)s” is being imported; the list shows how far.") % {"name": obj})

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, job):
        return format_html(
            '<progress max="100" value="{}">{}%</progress> {} / {}',
            job.percent,
            job.percent,
            job.processed,
            job.total or "?",
        )

    @admin.display(description=gettext_lazy("broken and skipped items"))
    def summary(self, job):
        items = job.items.exclude(action__in=("created", "updated"))[:SUMMARY_LINES]
        link = reverse("admin:newsroom_archiveimportitem_changelist") + f"?job__id__exact={job.pk}"
        lines = format_html(
            "".join("<li>{}</li>" for _item in items),
            *(
                f"{item.position + 1}. {item.get_action_display()}: {item.title or item.old_url} — {item.details}"
                for item in items
            ),
        )
        every = _("Every item of this import, with what was done and why")
        return format_html('<ul>{}</ul><p><a href="{}">{}</a></p>', lines, link, every)


@admin.register(ArchiveImportItem)
class ArchiveImportItemAdmin(admin.ModelAdmin):
    list_display = ("position", "action", "title", "old_url", "article", "details")
    list_filter = ("action", "job")
    list_select_related = ("article",)
    search_fields = ("title", "old_url")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
