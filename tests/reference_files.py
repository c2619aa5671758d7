"""Reference files generated for the import tests, as big as a test needs (none is committed)."""

FAMILIES = ("Samain", "Brunel", "Bousquet", "Jean", "Martineau", "Pyronnet", "Nigri", "Cros")


def bibtex_file(count, prefix="gen"):
    """A BibTeX export of ``count`` distinct articles, each with its own DOI: about 95 bytes an entry."""
    return "".join(bibtex_entry(number, prefix) for number in range(count)).encode()


def bibtex_entry(number, prefix):
    first, second = FAMILIES[number % 8], FAMILIES[(number // 8) % 8]
    return (
        f"@article{{{prefix}{number},title={{Study {number}}},author={{{first}, A. and {second}, B.}},"
        f"year={{{2000 + number % 25}}},doi={{10.5555/{prefix}.{number}}}}}\n"
    )
