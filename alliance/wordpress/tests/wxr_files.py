"""Small WordPress exports (WXR) built as strings, for the importer's tests."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

SITE = "https://old.example.org"


def cdata(text: str) -> str:
    """Text in a CDATA section, split where it contains the section's own terminator."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def export(items: list[str], *, version: str = "1.2", channel_extra: str = "") -> str:
    """A whole export: a channel with one author, two categories and a tag, then the items."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
    <title>Old Alliance Site</title>
    <link>{SITE}</link>
    <description>The old WordPress site</description>
    <language>en-US</language>
    <wp:wxr_version>{version}</wp:wxr_version>
    <wp:base_site_url>{SITE}</wp:base_site_url>
    <wp:base_blog_url>{SITE}</wp:base_blog_url>
    <wp:author>
        <wp:author_id>1</wp:author_id>
        <wp:author_login>{cdata("editor")}</wp:author_login>
        <wp:author_email>{cdata("editor@example.org")}</wp:author_email>
        <wp:author_display_name>{cdata("Eni Lestari")}</wp:author_display_name>
        <wp:author_first_name>{cdata("Eni")}</wp:author_first_name>
        <wp:author_last_name>{cdata("Lestari")}</wp:author_last_name>
    </wp:author>
    <wp:category>
        <wp:term_id>2</wp:term_id>
        <wp:category_nicename>{cdata("press")}</wp:category_nicename>
        <wp:category_parent>{cdata("")}</wp:category_parent>
        <wp:cat_name>{cdata("Press")}</wp:cat_name>
    </wp:category>
    <wp:category>
        <wp:term_id>3</wp:term_id>
        <wp:category_nicename>{cdata("campaigns")}</wp:category_nicename>
        <wp:category_parent>{cdata("")}</wp:category_parent>
        <wp:cat_name>{cdata("Campaigns")}</wp:cat_name>
    </wp:category>
    <wp:tag>
        <wp:term_id>4</wp:term_id>
        <wp:tag_slug>{cdata("refugees")}</wp:tag_slug>
        <wp:tag_name>{cdata("Refugees")}</wp:tag_name>
    </wp:tag>
    {channel_extra}
{"".join(items)}
</channel>
</rss>
"""


def item(
    post_id: int,
    title: str = "A post",
    *,
    content: str = "<p>The alliance speaks.</p>",
    excerpt: str = "",
    slug: str | None = None,
    post_type: str = "post",
    status: str = "publish",
    date: str = "2016-09-19 10:30:00",
    date_gmt: str | None = None,
    creator: str = "editor",
    parent: int = 0,
    menu_order: int = 0,
    password: str = "",
    sticky: bool = False,
    categories: Sequence[tuple[str, str]] = (),
    tags: Sequence[tuple[str, str]] = (),
    postmeta: dict[str, str] | None = None,
    comments: int = 0,
    link: str | None = None,
    attachment_url: str = "",
    extra: str = "",
) -> str:
    """One <item>. Categories and tags are (slug, name) pairs; dates are "YYYY-MM-DD HH:MM:SS"."""
    slug = slug if slug is not None else f"post-{post_id}"
    if link is None:
        if post_type == "page":
            link = f"{SITE}/{slug}/"
        else:
            year, month, day = date[:10].split("-")
            link = f"{SITE}/{year}/{month}/{day}/{slug}/"
    terms = "".join(
        f'<category domain="category" nicename="{escape(nicename)}">{cdata(name)}</category>'
        for nicename, name in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{escape(nicename)}">{cdata(name)}</category>'
        for nicename, name in tags
    )
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in (postmeta or {}).items()
    )
    comment_elements = "".join(
        f"""<wp:comment>
            <wp:comment_id>{post_id * 100 + n}</wp:comment_id>
            <wp:comment_author>{cdata(f"Reader {n}")}</wp:comment_author>
            <wp:comment_date>{date}</wp:comment_date>
            <wp:comment_content>{cdata(f"Comment {n}")}</wp:comment_content>
            <wp:comment_approved>{cdata("1")}</wp:comment_approved>
            <wp:comment_parent>0</wp:comment_parent>
        </wp:comment>"""
        for n in range(1, comments + 1)
    )
    attachment = (
        f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>" if attachment_url else ""
    )
    return f"""
    <item>
        <title>{escape(title, quote=False)}</title>
        <link>{escape(link, quote=False)}</link>
        <pubDate>Mon, 19 Sep 2016 10:30:00 +0000</pubDate>
        <dc:creator>{cdata(creator)}</dc:creator>
        <guid isPermaLink="false">{SITE}/?p={post_id}</guid>
        <description></description>
        <content:encoded>{cdata(content)}</content:encoded>
        <excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_date>{cdata(date)}</wp:post_date>
        <wp:post_date_gmt>{cdata(date_gmt if date_gmt is not None else date)}</wp:post_date_gmt>
        <wp:comment_status>{cdata("open")}</wp:comment_status>
        <wp:ping_status>{cdata("open")}</wp:ping_status>
        <wp:post_name>{cdata(slug)}</wp:post_name>
        <wp:status>{cdata(status)}</wp:status>
        <wp:post_parent>{parent}</wp:post_parent>
        <wp:menu_order>{menu_order}</wp:menu_order>
        <wp:post_type>{cdata(post_type)}</wp:post_type>
        <wp:post_password>{cdata(password)}</wp:post_password>
        <wp:is_sticky>{1 if sticky else 0}</wp:is_sticky>
        {attachment}
        {terms}
        {meta}
        {comment_elements}
        {extra}
    </item>"""
