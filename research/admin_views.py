"""The publication import screens of the admin: "Add from DOI or PubMed ID", "Import a file"
and "Your imports" (the progress and summary of each file, which the task worker imports).

They are wired into ``PublicationAdmin`` with ``publication_import_urls`` (see ``get_urls``);
the admin site wrapper makes them staff-only and CSRF-protected, and each view also asks
for the permission to add publications.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from .forms import IdentifierForm, ReferenceFileForm
from .importing import CREATED, UPDATED, ImportRights, import_identifier, parse_identifier
from .imports import start_import
from .models import ImportJob, Publication
from .sources.files import UnreadableFile, file_format
from .sources.http import LookupFailed, make_client


def publication_import_urls(model_admin, transport=None):
    """URL patterns for ``PublicationAdmin.get_urls``; ``transport`` replaces the network in tests."""
    opts = model_admin.opts

    def view(view_class):
        return model_admin.admin_site.admin_view(view_class.as_view(model_admin=model_admin, transport=transport))

    return [
        path(
            "add-from-identifier/",
            view(AddFromIdentifierView),
            name=f"{opts.app_label}_{opts.model_name}_add_from_identifier",
        ),
        path("import-file/", view(ImportFileView), name=f"{opts.app_label}_{opts.model_name}_import_file"),
        path("imports/", view(ImportJobsView), name=f"{opts.app_label}_{opts.model_name}_imports"),
        path("imports/<int:pk>/", view(ImportJobView), name=f"{opts.app_label}_{opts.model_name}_import"),
    ]


class PublicationImportPage:
    model_admin = None
    transport = None
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.model_admin.admin_site.each_context(self.request),
            opts=self.model_admin.opts,
            title=self.title,
            has_view_permission=self.model_admin.has_view_permission(self.request),
            **kwargs,
        )

    def admin_url(self, name, *args):
        return redirect(f"{self.model_admin.admin_site.name}:research_publication_{name}", *args)


class PublicationImportView(PublicationImportPage, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def rights(self, form):
        return ImportRights(self.request.user, form.cleaned_data["teams"])


class AddFromIdentifierView(PublicationImportView):
    form_class = IdentifierForm
    template_name = "admin/research/publication/add_from_identifier.html"
    title = _("Add a publication from its DOI or PubMed ID")

    def form_valid(self, form):
        rights, known = self.rights(form), already_here(form.cleaned_data["identifier"])
        if known is not None and not rights.may_change(known):
            form.add_error("identifier", _("Nothing was saved: %s.") % rights.refusal(known))
            return self.form_invalid(form)
        try:
            with make_client(self.transport) as client:
                outcome = import_identifier(form.cleaned_data["identifier"], client, rights=rights)
        except LookupFailed as error:
            if known is None:
                form.add_error("identifier", str(error))
                return self.form_invalid(form)
            # The publication needs no look-up to be found: lead to it, saying why nothing was updated.
            messages.warning(
                self.request,
                _("“%(item)s” is already here, and was not checked for updates: %(error)s")
                % {"item": known, "error": error},
            )
            return redirect(f"{self.model_admin.admin_site.name}:research_publication_change", known.pk)
        if outcome.publication is None:
            form.add_error("identifier", _("Nothing was saved: %s.") % outcome.reason)
            return self.form_invalid(form)
        messages.add_message(self.request, *outcome_message(outcome))
        site = self.model_admin.admin_site.name
        return redirect(f"{site}:research_publication_change", outcome.publication.pk)


def already_here(pasted):
    """The saved publication a pasted DOI or PubMed ID names, or None."""
    try:
        kind, identifier = parse_identifier(pasted)
    except LookupFailed:
        return None
    return Publication.objects.filter(**{kind: identifier}).first()


def outcome_message(outcome):
    """The level and text of the message shown on the publication's page after a look-up."""
    values = {"title": outcome.title, "source": outcome.source, "changes": ", ".join(str(c) for c in outcome.changes)}
    if outcome.action == CREATED:
        text = _("“%(title)s” was added from %(source)s, which filled in %(changes)s. Check it and choose its teams.")
        return messages.SUCCESS, text % values
    if outcome.action == UPDATED:
        return messages.SUCCESS, _("“%(title)s” was already here; %(source)s filled in %(changes)s.") % values
    values["title"] = outcome.publication
    return messages.INFO, _("“%(title)s” was already here, and %(source)s had nothing new to add.") % values


class ImportFileView(PublicationImportView):
    form_class = ReferenceFileForm
    template_name = "admin/research/publication/import_file.html"
    title = _("Import publications from a file")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            found = file_format(upload.name, content)
        except UnreadableFile as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        self.rights(form)  # refuses a team the user does not work on, whatever the form let through
        start_import(self.request.user, upload.name, content, form.cleaned_data["teams"])
        messages.success(
            self.request,
            _("“%(file)s” (%(format)s) is being imported: this page shows how far.")
            % {"file": upload.name, "format": found.name},
        )
        return self.admin_url("imports")


class ImportJobsView(PublicationImportPage, TemplateView):
    template_name = "admin/research/publication/imports.html"
    title = _("Your publication imports")
    shown = 50

    def get_context_data(self, **kwargs):
        jobs = list(ImportJob.objects.filter(user=self.request.user).defer("content")[: self.shown])
        return super().get_context_data(jobs=jobs, in_progress=any(not job.is_finished for job in jobs), **kwargs)


class ImportJobView(PublicationImportPage, TemplateView):
    template_name = "admin/research/publication/import_job.html"
    per_page = 100

    def get_context_data(self, pk, **kwargs):
        job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk, user=self.request.user)
        entries = Paginator(job.entries.select_related("publication"), self.per_page).get_page(
            self.request.GET.get("page")
        )
        self.title = _("Import of “%s”") % job.filename
        return super().get_context_data(job=job, entries=entries, **kwargs)
