"""A Russian-speaking editor links the grants a Russian sentence acknowledges, in a real browser."""

import pytest
from factories import make_article

from research.models import Grant

from .conftest import axe_violations, describe
from .test_admin_audits import log_in_speaking, serious

pytestmark = pytest.mark.browser

SENTENCE = "Исследование поддержано грантами РНФ № 19-75-30016 и № 14-15-00318."


def test_a_russian_editor_accepts_the_grant_suggestions_of_a_russian_sentence(site):
    article = make_article(title="Химиотерапия и метастазирование", language="ru", body="<p>Новости.</p>")
    page = log_in_speaking(site, "olga", "ru")
    page.goto(f"{site.url}/admin/newsroom/article/{article.pk}/change/")
    assert page.locator("html").get_attribute("lang") == "ru"

    editor = page.locator(".prose-editor:has(#id_body) [contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(SENTENCE)
    page.locator("input[name=_continue]").click()
    page.locator(".messagelist").wait_for()

    suggestions = page.locator(".link-suggestions li")
    assert suggestions.count() == 2
    assert "19-75-30016" in suggestions.nth(0).inner_text() and "14-15-00318" in suggestions.nth(1).inner_text()
    violations = serious(axe_violations(page))
    assert not violations, describe(violations)

    suggestions.filter(has_text="19-75-30016").locator("button").click()
    page.locator(".link-suggestions li", has_text="14-15-00318").locator("button").click()
    page.locator(".messagelist").wait_for()

    expected = set(Grant.objects.filter(funder__slug="russian-science-foundation").values_list("pk", flat=True))
    assert set(article.grants.values_list("pk", flat=True)) == expected
    assert len(expected) == 2
    assert page.locator(".link-suggestions").count() == 0
