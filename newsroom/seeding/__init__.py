"""The demo content of ``seeds/``: read every seed file first, then write it all in one transaction.

Each record is written with ``update_or_create`` on its natural key (a slug, a DOI or a title,
a funder with an award number), so loading twice leaves the database as the first load left
it. Rows that are already there keep what editors made of them (``make run`` loads the seeds
on every start); ``--reset`` brings the seeded rows and links back to their seed values.
What each kind of table holds is written once, as a spec, in ``specs.py``.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .loader import SeedLoader
from .specs import SEED_FILES
from .tables import SeedError, read_seeds

SEEDS_DIR = settings.BASE_DIR / "seeds"

__all__ = ["SEEDS_DIR", "SeedError", "load_seeds"]


def load_seeds(root=SEEDS_DIR, reset=False):
    """Load the seeds under ``root`` all or nothing; returns {model label: Counter of outcomes}.

    Rows that are already there are kept as editors left them, with their links; only missing
    rows are added. ``reset`` brings every seeded row and link back to its seed values.
    """
    seeds = read_seeds(root, SEED_FILES)
    loader = SeedLoader(Path(root), reset)
    # The seed files name choices by their English labels, whatever language is active.
    with transaction.atomic(), translation.override("en"):
        loader.load_all(seeds)
    return loader.counts
