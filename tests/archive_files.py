"""Archive export files made by the tests: WordPress exports (WXR), RSS feeds and CSV files."""

from xml.sax.saxutils import escape

WP = "http://wordpress.org/export/1.2/"


def wxr_post(
    number,
    title,
    body,
    *,
    date="2019-05-03 10:00:00",
    tags=("Oncology",),
    thumbnail=None,
    status="publish",
    creator="alice",
):
    categories = "".join(f'<category domain="post_tag" nicename="t"><![CDATA[{tag}]]></category>' for tag in tags)
    meta = (
        f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{thumbnail}</wp:meta_value></wp:postmeta>"
        if thumbnail
        else ""
    )
    return f"""<item>
  <title>{escape(title)}</title>
  <link>https://old.example.org/{date[:4]}/{date[5:7]}/post-{number}/</link>
  <guid isPermaLink="false">https://old.example.org/?p={number}</guid>
  <dc:creator><![CDATA[{creator}]]></dc:creator>
  <content:encoded><![CDATA[{body}]]></content:encoded>
  <excerpt:encoded><![CDATA[Summary of {escape(title)}]]></excerpt:encoded>
  <wp:post_id>{number}</wp:post_id>
  <wp:post_date_gmt>{date}</wp:post_date_gmt>
  <wp:post_name>post-{number}</wp:post_name>
  <wp:status>{status}</wp:status>
  <wp:post_type>post</wp:post_type>
  {categories}{meta}
</item>"""


def wxr_attachment(number, url, alt):
    return f"""<item>
  <title>Attachment {number}</title>
  <guid>{url}</guid>
  <wp:post_id>{number}</wp:post_id>
  <wp:post_type>attachment</wp:post_type>
  <wp:attachment_url>{url}</wp:attachment_url>
  <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{alt}</wp:meta_value></wp:postmeta>
</item>"""


def wxr(*items):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="{WP}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{WP}">
<channel>
  <title>Old institute site</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_login>alice</wp:author_login><wp:author_email>alice@example.org</wp:author_email>
    <wp:author_first_name>Alice</wp:author_first_name><wp:author_last_name>Martin</wp:author_last_name></wp:author>
  <wp:author><wp:author_login>ghost</wp:author_login><wp:author_email>ghost@old.example.org</wp:author_email>
    <wp:author_display_name>Ghost Writer</wp:author_display_name></wp:author>
  {"".join(items)}
</channel>
</rss>""".encode()


def large_wxr(count):
    return wxr(
        *(
            wxr_post(n, f"News item {n}", f"<p>Paragraph of item {n}.</p>", tags=(f"tag{n % 20}",))
            for n in range(1, count + 1)
        )
    )


def rss(*items):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Old news</title><link>https://old.example.org/</link><description>d</description>
{"".join(items)}
</channel></rss>""".encode()


def rss_item(number, title, body, date="Fri, 03 May 2019 10:00:00 +0000", enclosure=""):
    picture = f'<enclosure url="{enclosure}" type="image/png" length="1"/>' if enclosure else ""
    return f"""<item><title>{escape(title)}</title><link>https://old.example.org/news/{number}.html</link>
<guid>https://old.example.org/news/{number}.html</guid><pubDate>{date}</pubDate>
<description>{escape("Summary " + title)}</description><content:encoded><![CDATA[{body}]]></content:encoded>
<category>Research</category>{picture}</item>"""
