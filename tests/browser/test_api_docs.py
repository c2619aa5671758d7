"""The API's interactive documentation works in a real browser under the site's strict policy,
with every file from the site itself."""

import pytest

pytestmark = pytest.mark.browser


def test_the_api_docs_render_every_endpoint_from_the_sites_own_files(site):
    page = site.page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url + "/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/articles" in paths and "/api/v1/publications/export.bib" in paths
    assert requested and all(url.startswith(site.url) or url.startswith("data:") for url in requested), requested
