"""The Content-Security-Policy and login throttling as a browser meets them."""

import pytest
from django.core.management import call_command
from factories import make_user

from newsroom.models import Article
from newsroom.roles import EDITOR

pytestmark = pytest.mark.browser

INJECT_INLINE_CODE = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true";
  document.body.append(script);
  const box = document.createElement("p");
  box.setAttribute("style", "color: rgb(255, 0, 0)");
  box.id = "injected-style";
  document.body.append(box);
}"""


def test_inline_code_that_slips_into_a_page_is_blocked_and_reported(site):
    page = site.page()
    page.goto(site.url + "/")
    page.evaluate(INJECT_INLINE_CODE)
    page.wait_for_function("() => true")

    assert page.evaluate("() => window.injected") is None
    assert page.evaluate("() => getComputedStyle(document.getElementById('injected-style')).color") != "rgb(255, 0, 0)"
    page.wait_for_timeout(200)
    blocked = {violation for violation in site.csp_violations if "blocked" in violation}
    assert any("script-src-elem" in violation for violation in blocked), site.csp_violations
    assert any("style-src-attr" in violation for violation in blocked), site.csp_violations
    site.csp_violations.clear()  # seen and expected: not a fault of the page


def test_json_ld_data_blocks_are_readable_under_the_policy(site):
    page = site.page()
    page.goto(site.url + Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT).get_absolute_url())

    types = page.locator('script[type="application/ld+json"]').evaluate_all(
        "scripts => scripts.map(script => JSON.parse(script.textContent)['@type'])"
    )

    assert "NewsArticle" in types


def test_too_many_wrong_passwords_show_the_lockout_page_even_for_the_right_one(site):
    call_command("ensure_roles", verbosity=0)
    make_user(EDITOR, username="emma")
    page = site.page()
    for attempt in range(5):
        page.goto(site.url + "/admin/login/")
        page.get_by_label("Username").fill("emma")
        page.get_by_label("Password").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="Log in").click()
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill("emma")
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Too many failed log-ins"
    assert page.goto(site.url + "/admin/").url.startswith(site.url + "/admin/login/")
