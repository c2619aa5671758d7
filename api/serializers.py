"""Rows as the API gives them: plain dicts in the shapes of api.schemas, with links between items.

Each takes a row fetched by the matching ``queryset`` in api.queries, so that related rows are
already in hand and a page costs the same number of queries whatever its length.
"""

from django.urls import reverse
from django.utils.http import urlencode


def api_url(request, name, *args, **query):
    url = reverse(f"api:{name}", args=args)
    return request.build_absolute_uri(f"{url}?{urlencode(query)}" if query else url)


def page_url(request, item):
    return request.build_absolute_uri(item.get_absolute_url())


def link(request, name, item, key="pk"):
    return {"id": item.pk, "name": str(item), "url": api_url(request, name, getattr(item, key))}


def team_link(request, team):
    return link(request, "team-detail", team, "slug")


def person_link(request, person):
    return link(request, "person-detail", person, "slug")


def organisation_link(request, organisation):
    return link(request, "organisation-detail", organisation, "slug")


def keyword_link(request, tag):
    return {"id": tag.pk, "slug": tag.slug, "name": tag.name, "url": api_url(request, "keyword-detail", tag.slug)}


def picture(request, image):
    return image and {
        "url": request.build_absolute_uri(image.file.url),
        "alt_text": image.alt_text,
        "width": image.width,
        "height": image.height,
    }


def article(request, item):
    image = item.lead_image
    return {
        "id": item.pk,
        "slug": item.slug,
        "title": item.title,
        "kind": item.kind,
        "language": item.language,
        "standfirst": item.standfirst,
        "body": item.body,
        "is_featured": item.is_featured,
        "publish_at": item.publish_at,
        "expire_at": item.expire_at,
        "updated_at": item.updated_at,
        "image": picture(request, image),
        "keywords": [keyword_link(request, tag) for tag in item.keyword_list],
        "teams": [team_link(request, team) for team in item.teams.all()],
        "people": [person_link(request, person) for person in item.featured_people],
        "publications": [
            {**link(request, "publication-detail", pub), "peer_review": pub.peer_review.value}
            for pub in item.publications.all()
        ],
        "grants": [link(request, "grant-detail", grant) for grant in item.grants.all()],
        "partners": [
            {**organisation_link(request, partnership.organisation), "role": partnership.role}
            for partnership in item.partnerships.all()
        ],
        "url": api_url(request, "article-detail", item.slug),
        "page_url": page_url(request, item),
    }


def team(request, item):
    return {
        "id": item.pk,
        "slug": item.slug,
        "acronym": item.acronym,
        "name": item.name,
        "summary": item.summary,
        "description": item.description,
        "contact_email": item.contact_email,
        "institution": item.institution and organisation_link(request, item.institution),
        "keywords": [keyword_link(request, tag) for tag in item.keyword_list],
        "members": [
            {"person": person_link(request, membership.person), "role": membership.role}
            for membership in item.current_memberships
        ],
        "url": api_url(request, "team-detail", item.slug),
        "page_url": page_url(request, item),
        "articles_url": api_url(request, "article-list", team=item.slug),
        "publications_url": api_url(request, "publication-list", team=item.slug),
    }


def person(request, item):
    return {
        "id": item.pk,
        "slug": item.slug,
        "name": item.name_with_honorific,
        "honorific": item.honorific,
        "given_name": item.given_name,
        "family_name": item.family_name,
        "position": item.position,
        "orcid": item.orcid,
        "affiliation": item.affiliation and organisation_link(request, item.affiliation),
        "teams": [team_link(request, membership.team) for membership in item.current_memberships],
        "url": api_url(request, "person-detail", item.slug),
        "page_url": page_url(request, item),
        "articles_url": api_url(request, "article-list", person=item.slug),
        "publications_url": api_url(request, "publication-list", person=item.slug),
    }


def publication(request, item):
    return {
        "id": item.pk,
        "title": item.title,
        "journal": item.journal,
        "journal_abbreviation": item.journal_abbreviation,
        "published_on": item.published and item.published.iso(),
        "published_on_precision": item.published_on and item.published_on_precision,
        "volume": item.volume,
        "issue": item.issue,
        "pages": item.pages,
        "doi": item.doi,
        "pmid": item.pmid,
        "status": item.status,
        "peer_review": item.peer_review.value,
        "kind": item.kind,
        "is_open_access": item.is_open_access,
        "abstract": item.abstract,
        "citation": item.citation_text(),
        "authors": [
            {"name": author.name, "person": author.person and person_link(request, author.person)}
            for author in item.authors.all()
        ],
        "teams": [team_link(request, team) for team in item.teams.all()],
        "url": api_url(request, "publication-detail", item.pk),
        "page_url": page_url(request, item),
        "articles_url": api_url(request, "article-list", publication=item.pk),
    }


def grant(request, item):
    return {
        "id": item.pk,
        "name": item.display_name,
        "award_number": item.award_number,
        "title": item.title,
        "programme": item.programme,
        "started_on": item.started_on,
        "ended_on": item.ended_on,
        "funder": organisation_link(request, item.funder),
        "principal_investigator": item.principal_investigator and person_link(request, item.principal_investigator),
        "teams": [team_link(request, team) for team in item.teams.all()],
        "url": api_url(request, "grant-detail", item.pk),
        "page_url": page_url(request, item),
        "articles_url": api_url(request, "article-list", grant=item.pk),
    }


def organisation(request, item):
    return {
        "id": item.pk,
        "slug": item.slug,
        "name": item.name,
        "short_name": item.short_name,
        "kind": item.kind,
        "city": item.city,
        "country": item.country.code,
        "country_name": item.country.name,
        "website": item.website,
        "ror_id": item.ror_id,
        "funder_id": item.funder_id,
        "url": api_url(request, "organisation-detail", item.slug),
        "page_url": page_url(request, item),
        "articles_url": api_url(request, "article-list", partner=item.slug),
    }


def keyword(request, tag):
    return {**keyword_link(request, tag), "articles_url": api_url(request, "article-list", keyword=tag.slug)}


def event(request, item):
    return {
        "id": item.pk,
        "slug": item.slug,
        "title": item.title,
        "kind": item.kind,
        "language": item.language,
        "summary": item.summary,
        "body": item.body,
        "start": item.start,
        "end": item.end,
        "time_zone": item.time_zone,
        "venue": item.venue,
        "online_url": item.online_url,
        "registration_url": item.registration_url,
        "publish_at": item.publish_at,
        "updated_at": item.updated_at,
        "image": picture(request, item.lead_image),
        "speakers": [person_link(request, person) for person in item.speaker_list],
        "teams": [team_link(request, team) for team in item.teams.all()],
        "url": api_url(request, "event-detail", item.slug),
        "page_url": page_url(request, item),
        "calendar_url": request.build_absolute_uri(reverse("newsroom:event-ics", args=[item.slug])),
    }


def page(request, item):
    return {
        "id": item.pk,
        "slug": item.slug,
        "title": item.title,
        "language": item.language,
        "body": item.body,
        "translation_of": item.translation_of_id,
        "publish_at": item.publish_at,
        "updated_at": item.updated_at,
        "url": api_url(request, "page-detail", item.slug),
        "page_url": page_url(request, item),
    }
