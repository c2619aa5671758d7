"""Publications from an uploaded reference file (BibTeX, RIS, PubMed/MEDLINE), entry by entry."""

from ..sources.files import read_file
from .outcomes import SKIPPED, FileImport, Outcome, displayable, record_history
from .saving import save_record


def import_file(filename, data, *, rights):
    """Save every reference of an uploaded file at once; raises ``UnreadableFile`` when none can be read.

    The admin runs files as background jobs instead (``research.imports``), which save the same
    entries in resumable batches.
    """
    file_format, entries = read_file(filename, data)
    outcomes = [import_entry(entry, rights) for entry in entries]
    record_history(outcomes, rights.user, f"from the file “{displayable(filename)}”")
    return FileImport(displayable(filename), file_format.name, outcomes)


def import_entry(entry, rights):
    """The outcome of one entry of a file: saved, or skipped with the reader's reason."""
    if entry.record is None:
        return Outcome(SKIPPED, entry.label, reason=entry.problem)
    return save_record(entry.record, entry.label, rights=rights)
