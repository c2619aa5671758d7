"""Word-by-word differences between two texts, for the revision diff: rich text compared as it reads."""

import difflib
import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# Rich text is compared as the reader reads it: its words, a paragraph a line, a link's address
# after its words and a picture by its text alternative, never its tags.
HTML_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|pre|tr|div)\s*>|<br\s*/?>", re.IGNORECASE)
LINK = re.compile(r"""<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>(.*?)</a\s*>""", re.IGNORECASE | re.DOTALL)
PICTURE = re.compile(r"""<img\b[^>]*?alt\s*=\s*["']([^"']*)["'][^>]*>""", re.IGNORECASE)


def readable_text(value):
    """The words of a text; of rich text, without its tags (see above)."""
    text = "" if value is None else str(value)
    if not HTML_TAG.search(text):
        return text
    text = LINK.sub(lambda link: f"{link[2]} [{link[1]}]", text)
    picture_word = gettext("picture")
    text = PICTURE.sub(lambda picture: f" [{picture_word}: {picture[1]}] ", text)
    return html.unescape(strip_tags(BLOCK_END.sub("\n", text)))


# A word, with the white space before it: a line break there is a new paragraph.
TOKEN = re.compile(r"(\s*)(\S+)")


def text_diff(before, after):
    """The two texts word by word, removed words struck through, added words underlined; a word
    replaced by another reads "old new", never run together."""
    old_tokens, new_tokens = TOKEN.findall(before), TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(
        None, [token for _, token in old_tokens], [token for _, token in new_tokens], autojunk=False
    )
    parts = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(words_run(new_tokens[j1:j2], "", first=not parts))
            continue
        if i2 > i1:
            parts.append(words_run(old_tokens[i1:i2], "del", first=not parts))
        if j2 > j1:
            parts.append(words_run(new_tokens[j1:j2], "ins", first=not parts, apart=i2 > i1))
    return mark_safe("".join(parts))


def words_run(tokens, tag, *, first, apart=False):
    """A run of words as HTML: the gap before it (a space, a line break, or none at the start), then
    the words, each escaped, wrapped in ``tag`` when there is one."""
    gap = tokens[0][0]
    before = "" if first else "<br>" if "\n" in gap else " " if gap or apart else ""
    words = "".join(
        ("" if index == 0 else "<br>" if "\n" in space else " ") + escape(word)
        for index, (space, word) in enumerate(tokens)
    )
    return before + (f"<{tag}>{words}</{tag}>" if tag else words)
