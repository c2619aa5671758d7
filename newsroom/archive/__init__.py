"""Importing an old site's news archive: a WordPress export (WXR), an RSS or Atom feed, or a CSV file.

Every reader (``wxr``, ``feeds``, ``tables``) turns its format into ``ArchiveItem`` rows; ``saving``
decides what becomes of an item and saves it as an article, with its pictures taken from a folder
or zip archive given beside the export (``pictures``), and ``batches`` saves new articles many at
once. ``jobs`` runs a whole file as a background task with its progress and summary;
``manage.py import_archive`` and the admin both start one.
"""
