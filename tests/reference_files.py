"""Reference files generated for the import tests, as big as a test needs (none is committed)."""

FAMILIES = ("Samain", "Brunel", "Bousquet", "Jean", "Martineau", "Pyronnet", "Nigri", "Cros")


def bibtex_file(count, prefix="g"):
    """A BibTeX export of ``count`` distinct articles, each with its own DOI: under 90 bytes an entry,
    so 53,000 of them fit in the 5 MB an upload may weigh."""
    return "".join(bibtex_entry(number, prefix) for number in range(count)).encode()


def bibtex_entry(number, prefix):
    return (
        f"@article{{{prefix}{number},title={{Study {number}}},author={{{FAMILIES[number % 8]}, A.}},"
        f"year={{{2000 + number % 25}}},doi={{10.5555/{prefix}.{number}}}}}\n"
    )
