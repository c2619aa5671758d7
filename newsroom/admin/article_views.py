"""The extra pages of an article's change page: workflow panel context, preview, preview links
and one-click link suggestions. Each POST view checks the user's right on that article again."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.dates import when_text
from core.publishing import Action
from research.admin_views import lookup_failure_message
from research.models import Organisation
from research.sources.http import LookupFailed

from .. import annual_report, preview
from ..suggestions import CannotLink, link_suggestion, suggestions_for


class ArticlePagesMixin:
    # Tests put recorded Crossref and PubMed answers here; None is the network.
    lookup_transport = None

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("annual-report/", view(self.annual_report_view), name="newsroom_article_annual_report"),
            path("live-preview/", view(self.live_preview_view), name="newsroom_article_live_preview_add"),
            path("<path:object_id>/preview/", view(self.preview_view), name="newsroom_article_preview"),
            path("<path:object_id>/live-preview/", view(self.live_preview_view), name="newsroom_article_live_preview"),
            path("<path:object_id>/preview-links/", view(self.share_view), name="newsroom_article_share"),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_view),
                name="newsroom_article_revoke",
            ),
            path("<int:object_id>/link/", view(self.link_suggestion_view), name="newsroom_article_link_suggestion"),
            *super().get_urls(),
        ]

    def annual_report_view(self, request):
        """The articles of a period (and team) with their research links, as CSV or JSON."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = annual_report.AnnualReportForm(request.GET or None)
        if form.is_valid():
            return annual_report.export(form, request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Annual report"),
        }
        return TemplateResponse(request, "admin/newsroom/article/annual_report.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {}
        if article is not None:
            context = {
                **self.workflow_context(request, article),
                "may_share": request.user.has_perm("newsroom.add_previewlink"),
                "preview_links": article.preview_links.select_related("created_by")[:10],
                "recent_events": article.events.select_related("user")[:5],
            }
            if self.has_change_permission(request, article):
                context["link_suggestions"] = suggestions_for(article)
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def preview_view(self, request, object_id):
        article = self.editable_object(request, object_id)
        return preview.render_preview(request, preview.current_article(article.pk))

    def live_preview_view(self, request, object_id=None):
        """The public page of the unsaved form (POSTed into the change page's side panel): nothing is
        saved, no revision is made; with ``_low_vision``, in the low-vision version."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.editable_object(request, object_id) if object_id else None
        if article is None and not self.has_add_permission(request):
            raise PermissionDenied
        if request.POST.get("_low_vision"):
            request.low_vision_preview = True  # read by public.low_vision's context processor
        with transaction.atomic():
            form = self.get_form(request, article, change=article is not None)(
                request.POST, request.FILES, instance=article
            )
            formsets, _inlines = self._create_formsets(request, form.instance, change=article is not None)
            unsaved = preview.unsaved_article(form, {formset.prefix: formset for formset in formsets})
            response = preview.render_preview(request, unsaved, live=True).render()
            transaction.set_rollback(True)
        # Shown in a frame of the change page, and only there.
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.editable_object(request, object_id)
        if not request.user.has_perm("newsroom.add_previewlink"):
            raise PermissionDenied
        link = preview.share(article, request.user, request.POST.get("note", "")[:200])
        article.record_event(request.user, Action.PREVIEW_SHARED, link.note)
        url = request.build_absolute_uri(link.get_absolute_url())
        messages.success(
            request, _("Preview link, valid until %(when)s: %(url)s") % {"when": when_text(link.expires_at), "url": url}
        )
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
        article.record_event(request.user, Action.PREVIEW_REVOKED, link.note)
        messages.success(request, _("The preview link no longer works."))
        return redirect(self.revision_url("change", article))

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
            transport = self.lookup_transport
            target, created = link_suggestion(article, kind, value, request.user, funder, transport=transport)
        except LookupFailed as error:
            self.message_user(request, lookup_failure_message(error, kind, value), messages.ERROR)
        except CannotLink as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            values = {"kind": target._meta.verbose_name, "item": target}
            self.log_change(request, article, _("Linked %(kind)s “%(item)s” from a suggestion.") % values)
            done = _("%(kind)s “%(item)s” added and linked.") if created else _("%(kind)s “%(item)s” linked.")
            self.message_user(request, capfirst(done % values), messages.SUCCESS)
        return redirect(reverse("admin:newsroom_article_change", args=[article.pk]))
