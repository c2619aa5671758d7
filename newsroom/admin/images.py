"""The image library: upload with checks (a refused form keeps its picture), thumbnails and focal point.
Editors insert pictures in the text with the chooser (image_chooser.py), not by their address."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from core import kept_uploads
from core.admin import PictureStorageAdminMixin
from core.images import validate_picture

from ..models import Image
from .image_chooser import ImageChooserAdminMixin


class AltTextMissingFilter(admin.SimpleListFilter):
    """Pictures that still need alt text, such as those an archive import brought in without any."""

    title = gettext_lazy("alt text")
    parameter_name = "alt_text_missing"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("alt text missing"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(alt_text="", is_decorative=False)
        return queryset


class KeptFileWidget(AdminFileWidget):
    """The file input, and below it the picture kept from a refused try, when there is one."""

    kept_url = None

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept_url:
            return html
        return html + format_html(
            '<div class="kept-upload"><img src="{}" alt="" width="160"><p class="help">{}</p></div>',
            self.kept_url,
            gettext("The picture you chose is kept: correct the form and save, or choose another file."),
        )


class ImageForm(forms.ModelForm):
    """Keeps a chosen picture through a refusal for another field (see core.kept_uploads)."""

    kept_upload = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file and (kept := kept_uploads.reopen(self.kept_token)):
            return kept
        if not file and not self.instance.file:
            raise forms.ValidationError(gettext("Choose a picture to upload."), code="required")
        return file

    @property
    def kept_token(self):
        return self.data.get(self.add_prefix("kept_upload"), "")

    def full_clean(self):
        super().full_clean()
        if self.errors and "file" not in self.errors:
            self.keep_the_upload()

    def keep_the_upload(self):
        token = self.kept_token
        if self.files.get(self.add_prefix("file")):
            token = kept_uploads.keep(self.cleaned_data["file"])
        if kept_url := kept_uploads.url(token):
            self.data = self.data.copy()
            self.data[self.add_prefix("kept_upload")] = token
            self.fields["file"].widget.kept_url = kept_url


@admin.register(Image)
class ImageAdmin(ImageChooserAdminMixin, PictureStorageAdminMixin, admin.ModelAdmin):
    form = ImageForm
    list_display = ("thumbnail", "description", "caption", "credit", "size")
    list_display_links = ("description",)
    list_filter = (AltTextMissingFilter, "is_decorative")
    search_fields = ("alt_text", "caption", "credit")
    fields = (
        "file",
        "preview",
        ("alt_text", "is_decorative"),
        "caption",
        "credit",
        ("focal_x", "focal_y"),
        ("width", "height"),
        "kept_upload",
    )
    readonly_fields = ("preview", "width", "height")

    class Media:
        js = ("newsroom/admin/focal_point.js",)
        css = {"all": ("newsroom/admin/focal_point.css",)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            # A plain file field with the library's own checks, which say precisely what is wrong (and
            # run before Django's image field reads the dimensions, which a decompression bomb breaks).
            return forms.FileField(
                validators=[validate_picture],
                label=_("Picture"),
                help_text=db_field.help_text,
                required=False,  # the model asks for a picture when none is stored yet
                widget=KeptFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        kept_uploads.forget(form.kept_token)

    @admin.display(description=_("picture"))
    def thumbnail(self, image):
        webp, _fallback, _type = image.rendition_set("card")
        # The description is the next column, so the picture itself is decorative here.
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', default_storage.url(webp[0][0]))

    @admin.display(description=_("alt text"), ordering="alt_text")
    def description(self, image):
        if not image.is_decorative and not image.alt_text:
            return gettext("(alt text missing)")
        return gettext("(decorative)") if image.is_decorative else image.alt_text

    @admin.display(description=_("size"))
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else ""

    @admin.display(description=_("current picture"))
    def preview(self, image):
        if not image.pk or not image.file or not image.file._committed:
            return gettext("Save the picture first; then click on it here to set its focal point.")
        webp, _fallback, _type = image.rendition_set("full")
        # A width attribute rather than a style one, which a strict Content-Security-Policy blocks.
        return format_html(
            '<div class="focal-point-picker" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt="" width="{}"><span class="focal-point-marker" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            image.focal_x,
            image.focal_y,
            default_storage.url(webp[-1][0]),
            min(image.width or 480, 480),
            gettext("Click on the part of the picture that must stay visible when it is cropped."),
        )
