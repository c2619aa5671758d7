"""``/healthz``: whether this app server can reach what it needs — the database, the cache and
the background-task queue. A load balancer takes a server out of rotation when it answers 503."""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    key = "healthz"
    cache.set(key, time.time(), timeout=10)
    if cache.get(key) is None:
        raise RuntimeError("the cache does not keep what is written to it")


def check_task_queue():
    """The queue answers: the database-backed worker's table, when that backend is the one in use."""
    from django.apps import apps
    from django.tasks import default_task_backend

    if apps.is_installed("django_tasks_db"):
        apps.get_model("django_tasks_database", "DBTaskResult").objects.exists()
    elif default_task_backend is None:
        raise RuntimeError("no task backend is configured")


CHECKS = {"database": check_database, "cache": check_cache, "tasks": check_task_queue}


@never_cache
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 — any failure is reported, never raised
            results[name] = f"failing: {type(error).__name__}: {error}"[:300]
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": results}, status=200 if healthy else 503)
