"""Publications from identifiers and files: Crossref, PubMed, BibTeX, RIS and MEDLINE.

Every source produces a ``Record``; ``saving.save_record`` is the one place a record becomes a
``Publication``, under the importing user's ``ImportRights``. Modules: ``identifiers`` (a pasted
DOI or PubMed ID), ``files`` (an uploaded reference file), ``saving`` (merge and fill),
``authors`` (the author list and its links to people), ``rights`` and ``outcomes``.
"""

from .files import import_entry, import_file
from .identifiers import DOI, PMID, SOURCES, fetch_record, import_identifier, parse_identifier, refresh_publication
from .outcomes import CREATED, SKIPPED, UPDATED, FileImport, Outcome, displayable, record_history
from .rights import ImportRights
from .saving import save_record

__all__ = [
    "CREATED",
    "DOI",
    "PMID",
    "SKIPPED",
    "SOURCES",
    "UPDATED",
    "FileImport",
    "ImportRights",
    "Outcome",
    "displayable",
    "fetch_record",
    "import_entry",
    "import_file",
    "import_identifier",
    "parse_identifier",
    "record_history",
    "refresh_publication",
    "save_record",
]
