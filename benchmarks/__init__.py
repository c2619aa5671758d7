"""Load tests of the public site (``make bench``) and of search at scale (``make bench-search``)."""
