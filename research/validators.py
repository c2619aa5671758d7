"""Research identifiers: normalise what editors paste, refuse what cannot be right.

Each ``normalize_*`` function accepts the forms people copy from the web (URLs,
prefixes, odd case) and returns the canonical stored form. Each ``validate_*``
function raises ``ValidationError`` with a message an editor can act on.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
ORCID_PATTERN = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
ORCID_PREFIX = re.compile(r"^https?://(?:www\.)?orcid\.org/", re.IGNORECASE)
ROR_PATTERN = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
ROR_PREFIX = re.compile(r"^https?://(?:www\.)?ror\.org/", re.IGNORECASE)
FUNDER_PATTERN = re.compile(r"^(?:100|501100)\d{6}$")
# A PubMed ID is a whole number without a leading zero, of at most nine digits (PubMed is in the
# forty millions, eight digits): the one rule for validation, mentions in text, pasted links and files.
PMID_PATTERN = re.compile(r"[1-9][0-9]{0,8}")
FUNDER_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.13039/", re.IGNORECASE)
CROCKFORD_BASE32 = "0123456789abcdefghjkmnpqrstvwxyz"


def normalize_doi(value):
    """``https://doi.org/10.1016/J.X`` and ``doi:10.1016/j.x`` both become ``10.1016/j.x``."""
    return DOI_PREFIXES.sub("", (value or "").strip()).strip().lower()


def validate_doi(value):
    if not DOI_PATTERN.match(normalize_doi(value)):
        raise ValidationError(
            _(
                "“%(value)s” is not a DOI. A DOI starts with “10.”, a registrant code and a slash, "
                "for example 10.1016/j.jcmgh.2021.01.008."
            ),
            code="invalid_doi",
            params={"value": value},
        )


def normalize_orcid(value):
    return ORCID_PREFIX.sub("", (value or "").strip()).upper()


def orcid_check_digit(base_digits):
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_orcid(value):
    orcid = normalize_orcid(value)
    if not ORCID_PATTERN.match(orcid):
        raise ValidationError(
            _(
                "“%(value)s” is not an ORCID iD. Write it as four groups of four digits, "
                "for example 0000-0002-1825-0097."
            ),
            code="invalid_orcid",
            params={"value": value},
        )
    digits = orcid.replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            _("“%(value)s” has a wrong check digit: please copy the ORCID iD again from orcid.org."),
            code="invalid_orcid_checksum",
            params={"value": value},
        )


def normalize_ror(value):
    return ROR_PREFIX.sub("", (value or "").strip()).lower()


def ror_checksum(body):
    """ISO 7064 MOD 97-10 checksum of the Crockford base32 part of a ROR id."""
    number = 0
    for char in body:
        number = number * 32 + CROCKFORD_BASE32.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def validate_ror(value):
    ror = normalize_ror(value)
    if not ROR_PATTERN.match(ror):
        raise ValidationError(
            _(
                "“%(value)s” is not a ROR id. A ROR id has nine characters starting with 0, "
                "for example 02feahw73 or https://ror.org/02feahw73."
            ),
            code="invalid_ror",
            params={"value": value},
        )
    if ror_checksum(ror[:7]) != ror[7:]:
        raise ValidationError(
            _("“%(value)s” has a wrong checksum: please copy the ROR id again from ror.org."),
            code="invalid_ror_checksum",
            params={"value": value},
        )


def normalize_funder_id(value):
    """Keep the suffix of a Crossref Funder Registry DOI: ``10.13039/501100006769`` → ``501100006769``."""
    return FUNDER_PREFIX.sub("", (value or "").strip())


def validate_funder_id(value):
    if not FUNDER_PATTERN.match(normalize_funder_id(value)):
        raise ValidationError(
            _(
                "“%(value)s” is not a Crossref Funder Registry id. Use the number after "
                "10.13039/, for example 501100006769."
            ),
            code="invalid_funder_id",
            params={"value": value},
        )


def str_stripped(value):
    return (value or "").strip()


def normalize_pmid(value):
    return str_stripped(value)


def is_pmid(value):
    return PMID_PATTERN.fullmatch(str(value).strip()) is not None


def validate_pmid(value):
    if not is_pmid(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a PubMed ID: it should be a number of one to nine digits, not starting with 0, "
                "such as 33482394."
            ),
            code="invalid_pmid",
            params={"value": value},
        )
