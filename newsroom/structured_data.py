"""schema.org descriptions of the institute and its news, as plain dicts ready for JSON-LD."""

from research.structured_data import grant_data, person_data, scholarly_article_data, team_data


def institute_data(site, url):
    data = {"@type": "Organization", "@id": url("/#organization"), "name": site.institute_name, "url": url("/")}
    optional = {
        "alternateName": site.short_name,
        "logo": {"@type": "ImageObject", "url": url(site.logo.url)} if site.logo else None,
        "telephone": site.phone,
        "email": site.email,
        "address": site.address,
        "sameAs": [link for link in (site.mastodon_url, site.bluesky_url, site.linkedin_url) if link],
    }
    data.update({key: value for key, value in optional.items() if value})
    return data


def website_data(site, url, search_url):
    return {
        "@type": "WebSite",
        "@id": url("/#website"),
        "name": site.institute_name,
        "url": url("/"),
        "publisher": {"@id": url("/#organization")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": url(search_url) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def image_data(image, url):
    data = {"@type": "ImageObject", "url": url(image.file.url), "contentUrl": url(image.file.url)}
    if image.width:
        data.update(width=image.width, height=image.height)
    if image.caption:
        data["caption"] = image.caption
    if image.credit:
        data["creditText"] = image.credit
    return data


def article_authors(article, site, url):
    """The staff who wrote the article, or the institute when none is named."""
    people = [
        {"@type": "Person", "name": user.get_full_name() or user.get_username()} for user in article.authors.all()
    ]
    return people or [institute_data(site, url)]


def article_data(article, site, url):
    publications = [scholarly_article_data(publication, url) for publication in article.publications.all()]
    data = {
        "@type": "NewsArticle",
        "@id": url(article.get_absolute_url()),
        "mainEntityOfPage": url(article.get_absolute_url()),
        "url": url(article.get_absolute_url()),
        "headline": article.title[:110],
        "description": article.seo_description or article.standfirst,
        "inLanguage": article.language,
        "articleSection": article.get_kind_display(),
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": (article.updated_at or article.publish_at).isoformat() if article.updated_at else None,
        "author": article_authors(article, site, url),
        "publisher": institute_data(site, url),
        "image": [image_data(article.lead_image, url)] if article.lead_image else None,
        "keywords": [tag.name for tag in article.keywords.all()],
        "about": [citation_reference(data) for data in publications]
        + [team_data(team, url) for team in article.teams.all()],
        "citation": publications,
        "mentions": [person_data(person, url) for person in article.featured_people],
        "funding": [grant_data(grant, url) for grant in article.grants.all()],
    }
    return {key: value for key, value in data.items() if value}


def citation_reference(scholarly_article):
    """The short form of a ScholarlyArticle already described in full under "citation"."""
    keys = ("@type", "@id", "name", "sameAs", "identifier")
    return {key: scholarly_article[key] for key in keys if key in scholarly_article}


def breadcrumb_data(crumbs):
    """crumbs: [(name, absolute url or "")], the last being the current page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), **({"item": link} if link else {})}
            for position, (name, link) in enumerate(crumbs, start=1)
        ],
    }
