"""schema.org descriptions of the institute, its news and its research data, as plain dicts ready for JSON-LD.

``url`` is a function that makes a path absolute (request.build_absolute_uri), so that these
builders need no request of their own.
"""


def institute_data(site, url):
    data = {"@type": "Organization", "@id": url("/#organization"), "name": site.institute_name, "url": url("/")}
    optional = {
        "alternateName": site.short_name,
        "logo": {"@type": "ImageObject", "url": url(site.logo.rendition_urls(600)["fallback"])} if site.logo else None,
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
    keys = ("@type", "@id", "name", "sameAs", "identifier", "creativeWorkStatus")
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


# Research data --------------------------------------------------------------------------------


def organisation_data(organisation, url):
    same_as = [link for link in (organisation.ror_url, organisation.website) if link]
    if organisation.funder_doi:
        same_as.append(f"https://doi.org/{organisation.funder_doi}")
    data = {
        "@type": "Organization",
        "@id": url(organisation.get_absolute_url()),
        "name": organisation.name,
        "url": url(organisation.get_absolute_url()),
    }
    if other_names := organisation.names[1:]:
        data["alternateName"] = other_names[0] if len(other_names) == 1 else other_names
    if organisation.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": organisation.country.code}
    if same_as:
        data["sameAs"] = same_as
    if organisation.logo:
        data["logo"] = url(organisation.logo.rendition_urls(480)["fallback"])
    return data


def funder_data(organisation, url):
    data = organisation_data(organisation, url)
    if organisation.funder_id:
        data["identifier"] = organisation.funder_doi
    return data


def person_data(person, url):
    data = {
        "@type": "Person",
        "@id": url(person.get_absolute_url()),
        "name": person.full_name,
        "givenName": person.given_name,
        "familyName": person.family_name,
        "url": url(person.get_absolute_url()),
    }
    optional = {
        "honorificPrefix": person.honorific,
        "jobTitle": person.position,
        "sameAs": [person.orcid_url] if person.orcid else None,
        "award": person.distinction_list,
        "affiliation": organisation_data(person.affiliation, url) if person.affiliation else None,
    }
    data.update({key: value for key, value in optional.items() if value})
    return data


def scholarly_article_data(publication, url):
    data = {
        "@type": "ScholarlyArticle",
        "@id": publication.doi_url or url(publication.get_absolute_url()),
        "headline": publication.title[:110],
        "name": publication.title,
        "url": url(publication.get_absolute_url()),
        "author": [author_data(author, url) for author in publication.authors.all()],
    }
    identifiers = [("DOI", publication.doi), ("PMID", publication.pmid)]
    data["identifier"] = [
        {"@type": "PropertyValue", "propertyID": name, "value": value} for name, value in identifiers if value
    ]
    data["sameAs"] = [link for link in (publication.doi_url, publication.pubmed_url) if link]
    data["creativeWorkStatus"] = peer_review_data(publication.peer_review)
    if publication.published_on:
        data["datePublished"] = publication.published.iso()
    if publication.journal:
        data["isPartOf"] = {"@type": "Periodical", "name": publication.journal}
    if publication.abstract:
        data["abstract"] = publication.abstract
    return {key: value for key, value in data.items() if value}


def peer_review_data(status):
    """Whether the work was peer-reviewed, as a term: its code stays the same in every language."""
    return {"@type": "DefinedTerm", "termCode": status.value, "name": str(status.label)}


def author_data(author, url):
    if author.person:
        return {"@type": "Person", "name": author.name, "url": url(author.person.get_absolute_url())}
    return {"@type": "Person", "name": author.name}


def grant_data(grant, url):
    data = {
        "@type": "MonetaryGrant",
        "@id": url(grant.get_absolute_url()),
        "identifier": grant.award_number,
        "name": grant.title or grant.display_name,
        "url": url(grant.get_absolute_url()),
        "funder": funder_data(grant.funder, url),
    }
    if grant.programme:
        data["description"] = grant.programme
    return data


def team_data(team, url):
    data = {
        "@type": "Organization",
        "@id": url(team.get_absolute_url()),
        "name": team.display_name,
        "alternateName": team.acronym,
        "url": url(team.get_absolute_url()),
    }
    if team.summary:
        data["description"] = team.summary
    if team.institution:
        data["parentOrganization"] = organisation_data(team.institution, url)
    return data


# Events and basic pages ---------------------------------------------------------------------------


def event_location(event, url):
    places = []
    if event.venue:
        places.append({"@type": "Place", "name": event.venue, "address": event.venue})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    return places[0] if len(places) == 1 else places


def event_data(event, site, url):
    data = {
        "@type": "Event",
        "@id": url(event.get_absolute_url()),
        "url": url(event.get_absolute_url()),
        "name": event.title,
        "description": event.summary,
        "inLanguage": event.language,
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{event.attendance_mode}",
        "location": event_location(event, url),
        "image": [image_data(event.lead_image, url)] if event.lead_image else None,
        "performer": [person_data(person, url) for person in event.speaker_list],
        "organizer": [team_data(team, url) for team in event.teams.all()] or [institute_data(site, url)],
    }
    if event.registration_url:
        data["offers"] = {"@type": "Offer", "url": event.registration_url, "price": 0, "priceCurrency": "EUR"}
    return {key: value for key, value in data.items() if value}


def page_data(page, site, url):
    return {
        "@type": "WebPage",
        "@id": url(page.get_absolute_url()),
        "url": url(page.get_absolute_url()),
        "name": page.title,
        "inLanguage": page.language,
        "isPartOf": {"@id": url("/#website")},
        "publisher": institute_data(site, url),
    }
