"""Grants and funders with their outreach report: the public articles that acknowledge them.

The research app defines the grant and organisation admins; they are registered here, with what
only the news app knows added to them, so that no admin is registered twice.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from research import admin as research_admin
from research.models import Grant, Organisation

from ..reports import articles_acknowledging_funder, articles_acknowledging_grant, outreach_csv


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
        return [*fieldsets, (_("Public articles acknowledging it"), {"fields": ("acknowledged_in",)})]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "acknowledged_in")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if str(object_id).isdigit():  # anything else is a bad address, which the admin reports itself
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_outreach_report"
            extra_context = {"outreach_report_url": reverse(name, args=[object_id]), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("live articles"))
    def acknowledged_in(self, obj):
        articles = self.acknowledging(obj)
        if not articles:
            return _("No public article acknowledges it yet.")
        rows = ((article.get_absolute_url(), article.title, article.publish_at.date()) for article in articles)
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({})</li>', rows))

    def outreach_report_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return outreach_csv(self.acknowledging(obj), request, self.funder_of(obj), str(obj))


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
