"""Keywords in the admin: how often each is used, suggestions for the keyword fields, and merging."""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext, gettext_lazy, ngettext
from taggit.models import Tag

from core.keywords import MergeKeywordsForm, merge_keywords

SUGGESTIONS = 10
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


@admin.register(Tag)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "usage")
    search_fields = ("name",)
    ordering = ("name",)
    actions = ("merge_selected",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage=Count("taggit_taggeditem_items"))

    @admin.display(description=gettext_lazy("used"), ordering="usage")
    def usage(self, keyword):
        return keyword.usage

    def get_urls(self):
        view = self.admin_site.admin_view(self.suggestions_view)
        return [path("suggestions/", view, name="taggit_tag_suggestions"), *super().get_urls()]

    def suggestions_view(self, request):
        """The existing keywords starting with (then containing) ``q``, most used first, as JSON."""
        typed = " ".join(request.GET.get("q", "").split())[:100]
        if not typed:
            return JsonResponse({"keywords": []})
        keywords = self.get_queryset(request).filter(name__icontains=typed).order_by("-usage", "name")
        ranked = sorted(keywords[:50], key=lambda tag: not tag.name.lower().startswith(typed.lower()))
        found = [{"name": tag.name, "count": tag.usage} for tag in ranked[:SUGGESTIONS]]
        return JsonResponse({"keywords": found})

    @admin.action(description=gettext_lazy("Merge the selected keywords into one"), permissions=("change",))
    def merge_selected(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, gettext("Choose at least two keywords to merge."), messages.WARNING)
            return None
        form = MergeKeywordsForm(request.POST if "merge" in request.POST else None, keywords=queryset)
        if form.is_valid():
            return self.merge(request, queryset, form)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "keywords": queryset,
            "title": gettext("Merge keywords"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge.html", context)

    def merge(self, request, queryset, form):
        target, name = form.cleaned_data["target"], form.cleaned_data["name"].strip()
        if name and Tag.objects.exclude(pk__in=queryset.values("pk")).filter(name__iexact=name).exists():
            self.message_user(request, gettext("Another keyword is already called “%s”.") % name, messages.ERROR)
            return None
        merged = merge_keywords(target, list(queryset), name)
        message = ngettext(
            "%(count)d keyword merged into “%(name)s”.", "%(count)d keywords merged into “%(name)s”.", merged
        )
        self.message_user(request, message % {"count": merged, "name": target.name}, messages.SUCCESS)
        return None
