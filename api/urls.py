"""The read-only API at /api/v1/: its endpoints, its OpenAPI document and its documentation page.

django-ninja builds the OpenAPI 3 document from the typed schemas that also check each answer;
its Swagger UI is served from the site's own static files, so the page keeps the strict CSP.
"""

from django.urls import path
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from .endpoints import articles, events, publications, research

api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description="The institute's public news and research data, read-only. Lists are paged by cursor "
    "(follow `next`); `?fields=` narrows items; answers carry an ETag (send If-None-Match for a 304). "
    "Requests are limited per address: a 429 answer says when to try again (Retry-After).",
    urls_namespace="api",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", articles.router)
api.add_router("", research.router)
api.add_router("", publications.router)
api.add_router("", events.router)


@api.exception_handler(ValidationError)
def bad_parameters(request, error):
    problems = [
        {"parameter": ".".join(str(part) for part in problem.get("loc", ())[1:]), "message": problem.get("msg", "")}
        for problem in error.errors
    ]
    detail = "; ".join(f"{problem['parameter']}: {problem['message']}" for problem in problems)
    return api.create_response(request, {"detail": f"Bad parameters: {detail}", "errors": problems}, status=400)


@api.exception_handler(HttpError)
def http_error(request, error):
    return api.create_response(request, {"detail": str(error)}, status=error.status_code)


urlpatterns = [path("", api.urls)]
