"""schema.org descriptions of the research data, as plain dicts ready for JSON-LD.

``url`` is a function that makes a path absolute (request.build_absolute_uri), so that these
builders need no request of their own.
"""


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
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if same_as:
        data["sameAs"] = same_as
    if organisation.logo:
        data["logo"] = url(organisation.logo.url)
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
    if publication.published_on:
        data["datePublished"] = publication.published_on.isoformat()
    if publication.journal:
        data["isPartOf"] = {"@type": "Periodical", "name": publication.journal}
    if publication.abstract:
        data["abstract"] = publication.abstract
    return {key: value for key, value in data.items() if value}


def author_data(author, url):
    if author.person:
        return {"@type": "Person", "name": author.name, "url": url(author.person.get_absolute_url())}
    return {"@type": "Person", "name": author.name}


def grant_data(grant, url):
    data = {
        "@type": "MonetaryGrant",
        "@id": url(grant.get_absolute_url()),
        "identifier": grant.award_number,
        "name": grant.title or f"{grant.funder.name} — No. {grant.award_number}",
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
