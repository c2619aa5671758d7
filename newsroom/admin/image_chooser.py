"""The picture chooser of the admin: a dialog over the image library (search, thumbnails, pages)
that can also take a new picture in place, used by the rich-text editor's picture button and by
the lead-image fields (static/core/image_chooser.js). Staff only, like every admin page."""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from core.images import PictureNotStored
from core.pictures import PictureFormField

from ..models import Image

PER_PAGE = 12
chooser_url = reverse_lazy("admin:newsroom_image_chooser")


def chooser_data(image):
    """What the editor or a lead-image field needs of a picture: the address of its largest rendition
    (which public pages replace by all of them), its text alternative, caption, credit and thumbnail."""
    _webp, fallback, _type = image.rendition_set("full")
    name, width, height = fallback[-1]
    card_webp, _card_fallback, _card_type = image.rendition_set("card")
    return {
        "id": image.pk,
        "src": default_storage.url(name),
        "width": width,
        "height": height,
        "alt": "" if image.is_decorative else image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "thumbnail": default_storage.url(card_webp[0][0]),
        "label": str(image),
    }


def with_data(images):
    return [(image, chooser_data(image)) for image in images]


class ChooserUploadForm(forms.ModelForm):
    file = PictureFormField(label=gettext_lazy("Picture"))

    class Meta:
        model = Image
        fields = ("file", "alt_text", "is_decorative", "caption", "credit")


class ImageChooserWidget(forms.Widget):
    """A lead-image field: the chosen picture's thumbnail, with buttons to choose another or none."""

    template_name = "admin/newsroom/widgets/image_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = Image.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        context["widget"] |= {"image": chooser_data(image) if image else None, "chooser_url": str(chooser_url)}
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, which the forms' default renderer does not look in.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308

    class Media:
        js = ("core/image_chooser.js",)
        css = {"all": ("core/image_chooser.css",)}


def lead_image_formfield(db_field):
    """A lead-image field that opens the chooser, outside the admin's related-object links."""
    return db_field.formfield(widget=ImageChooserWidget())


class ImageChooserAdminMixin:
    """For the image library's admin: the chooser's pages."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("chooser/", view(self.chooser_view), name="newsroom_image_chooser"),
            path("chooser/upload/", view(self.chooser_upload_view), name="newsroom_image_chooser_upload"),
            *super().get_urls(),
        ]

    def chooser_view(self, request):
        """The dialog's content; with ``results=1``, only one page of pictures matching ``q``."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = " ".join(request.GET.get("q", "").split())[:200]
        images = Image.objects.all()
        for word in query.split():
            images = images.filter(Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word))
        page = Paginator(images, PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "page": page,
            "choices": [{"image": image, "data": data, "json": json.dumps(data)} for image, data in with_data(page)],
            "query": query,
            "may_upload": self.has_add_permission(request),
            "upload_form": ChooserUploadForm(),
        }
        if request.GET.get("results"):
            return TemplateResponse(request, "admin/newsroom/image/chooser_results.html", context)
        return TemplateResponse(request, "admin/newsroom/image/chooser.html", context)

    def chooser_upload_view(self, request):
        """A new picture from the dialog: JSON of the saved picture (201), or of the form's errors (400)."""
        if request.method != "POST":
            return JsonResponse({"errors": {"__all__": [gettext("Send the picture with POST.")]}}, status=405)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ChooserUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400)
        try:
            image = form.save()
        except PictureNotStored as error:
            return JsonResponse({"errors": {"file": [str(error)]}}, status=400)
        self.log_addition(request, image, [{"added": {}}])
        return JsonResponse({"image": chooser_data(image)}, status=201)
