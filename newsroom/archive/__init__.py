"""Importing an old site's news archive: a WordPress export (WXR), an RSS or Atom feed, or a CSV file.

Every reader (``wxr``, ``feeds``, ``tables``) turns its format into ``ArchiveItem`` rows, and one
function (``saving.import_item``) saves an item as an article, with its pictures taken from a folder
or zip archive given beside the export (``pictures``). ``jobs`` runs a whole file as a background
task with its progress and summary; ``manage.py import_archive`` and the admin both start one.
"""
