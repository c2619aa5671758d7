"""The publication import screens of the admin: "Add from DOI or PubMed ID" and "Import a file".

They are wired into ``PublicationAdmin`` with ``publication_import_urls`` (see ``get_urls``);
the admin site wrapper makes them staff-only and CSRF-protected, and each view also asks
for the permission to add publications.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.views.generic import FormView

from .forms import IdentifierForm, ReferenceFileForm
from .importing import CREATED, UPDATED, import_file, import_identifier, parse_identifier
from .models import Publication
from .sources.files import UnreadableFile
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
    ]


class PublicationImportView(FormView):
    model_admin = None
    transport = None
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.model_admin.admin_site.each_context(self.request),
            opts=self.model_admin.opts,
            title=self.title,
            has_view_permission=self.model_admin.has_view_permission(self.request),
            **kwargs,
        )

    def file_under_teams(self, outcomes, teams):
        for outcome in outcomes:
            if outcome.publication is not None:
                outcome.publication.teams.add(*teams)

    def record_history(self, outcomes, how):
        """Imports show in each publication's admin history like any other edit."""
        for outcome in outcomes:
            message = f"Imported {how}: {outcome.details}."
            if outcome.action == CREATED:
                self.model_admin.log_addition(self.request, outcome.publication, message)
            elif outcome.action == UPDATED:
                self.model_admin.log_change(self.request, outcome.publication, message)


class AddFromIdentifierView(PublicationImportView):
    form_class = IdentifierForm
    template_name = "admin/research/publication/add_from_identifier.html"
    title = "Add a publication from its DOI or PubMed ID"

    def form_valid(self, form):
        try:
            with make_client(self.transport) as client:
                outcome = import_identifier(form.cleaned_data["identifier"], client)
        except LookupFailed as error:
            known = already_here(form.cleaned_data["identifier"])
            if known is None:
                form.add_error("identifier", str(error))
                return self.form_invalid(form)
            # The publication needs no look-up to be found: lead to it, saying why nothing was updated.
            messages.warning(self.request, f"“{known}” is already here, and was not checked for updates: {error}")
            return redirect(f"{self.model_admin.admin_site.name}:research_publication_change", known.pk)
        if outcome.publication is None:
            form.add_error("identifier", f"Nothing was saved: {outcome.reason}.")
            return self.form_invalid(form)
        self.file_under_teams([outcome], form.cleaned_data["teams"])
        self.record_history([outcome], f"from {outcome.source}")
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
    changes = ", ".join(outcome.changes)
    if outcome.action == CREATED:
        text = f"“{outcome.title}” was added from {outcome.source}, which filled in {changes}."
        return messages.SUCCESS, f"{text} Check it and choose its teams."
    if outcome.action == UPDATED:
        return messages.SUCCESS, f"“{outcome.title}” was already here; {outcome.source} filled in {changes}."
    return messages.INFO, f"“{outcome.publication}” was already here, and {outcome.source} had nothing new to add."


class ImportFileView(PublicationImportView):
    form_class = ReferenceFileForm
    template_name = "admin/research/publication/import_file.html"
    title = "Import publications from a file"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            summary = import_file(upload.name, upload.read())
        except UnreadableFile as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        self.file_under_teams(summary.outcomes, form.cleaned_data["teams"])
        self.record_history(summary.outcomes, f"from the file “{summary.filename}”")
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(user=self.request.user), summary=summary)
        )
