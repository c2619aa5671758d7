"""The sitemap as a search engine reads it: the index at /sitemap.xml, then every sitemap it names."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    """The path and query of each sitemap the index names, in its order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ElementTree.fromstring(response.content)
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [
        urlsplit(loc.text)._replace(scheme="", netloc="").geturl() for loc in index.iterfind("sm:sitemap/sm:loc", NS)
    ]


def sitemap_documents(client):
    """The content of every sitemap the index names."""
    documents = []
    for location in sitemap_locations(client):
        response = client.get(location)
        assert response.status_code == 200, location
        documents.append(response.content)
    return documents


def whole_sitemap(client):
    """Every sitemap the index names, as one text (to look for addresses in)."""
    return "\n".join(document.decode() for document in sitemap_documents(client))
