"""Where publication metadata comes from: Crossref and PubMed over HTTP, and files editors upload.

Every source turns what it reads into the same ``Record`` (see ``records``), which
``research.importing`` saves.
"""
