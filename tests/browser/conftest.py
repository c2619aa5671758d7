"""Real-browser tests: Debian's Chromium driven by Playwright against the live test server.

They skip, saying why, on a developer machine without Chromium or axe-core; in CI (CI=true)
the same gap fails the run instead, because .ci/run installs both.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def missing_tools():
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium ({CHROMIUM}; apt-get install -y chromium)")
    if not AXE_SCRIPT.exists():
        missing.append(f"axe-core ({AXE_SCRIPT}; npm ci)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install -r requirements.txt)")
    return missing


@pytest.fixture(scope="package")
def browser():
    if missing := missing_tools():
        reason = "The browser tests need " + " and ".join(missing) + "."
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " CI must install them (see .ci/run).")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, where Django then refuses ORM
    # calls (even the test database set-up); the tests themselves are plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(browser, live_server, seeded):
    """The seeded site, and a helper to open a fresh page on it.

    Every page opened through it reports Content-Security-Policy violations (and the console
    errors Chromium logs for them); a test that met any fails at its end, naming them.
    """
    site = Site(browser, live_server.url)
    yield site
    site.close()
    if site.csp_violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(site.csp_violations))


# Runs in every page before its own scripts: a violation is reported through a binding, which
# the page's policy cannot block, before the page has a chance to navigate away.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.documentURI}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
    ` (${event.sourceFile || ""}:${event.lineNumber}) ${event.sample || ""}`
  );
});
"""


class Site:
    def __init__(self, browser, url):
        self.browser = browser
        self.url = url
        self.contexts = []
        self.csp_violations = []

    def page(self, width=1280, height=900, cookies=None, **context_options):
        """A page in a fresh context; context_options go to Playwright (java_script_enabled=False, …)."""
        context = self.browser.new_context(viewport={"width": width, "height": height}, **context_options)
        self.contexts.append(context)
        context.expose_binding("reportCspViolation", lambda source, text: self.csp_violations.append(text))
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", self.note_console_message)
        if cookies:
            context.add_cookies([{"name": name, "value": value, "url": self.url} for name, value in cookies.items()])
        return context.new_page()

    def note_console_message(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_violations.append(f"{message.location.get('url', '')}: {message.text}")

    def close(self):
        for context in self.contexts:
            context.close()


def axe_violations(page):
    """Runs axe-core on the page with the WCAG 2.0-2.2 A and AA rules; returns its violations."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return results["violations"]


def describe(violations):
    """The violations, one rule a line with the elements it failed on, for the assertion message."""
    lines = []
    for violation in violations:
        targets = [json.dumps(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {', '.join(targets)}")
    return "\n".join(lines)
