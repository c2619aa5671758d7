"""Two app servers on one PostgreSQL, one Redis and one S3-compatible object store, as behind a
load balancer: what is done through one is seen through the other at once."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from factories import png_bytes

from newsroom.models import Article, Image, SiteSettings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUCKET = "newsroom-media"
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="several app servers share one PostgreSQL database; SQLite's test database is in memory",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process):
    for _ in range(150):
        if process.poll() is not None:
            raise RuntimeError(f"{url} stopped: {process.stdout.read().decode()[-2000:]}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture
def object_store():
    port = free_port()
    process = subprocess.Popen(
        [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        httpx.put(f"{url}/{BUCKET}").raise_for_status()
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def two_servers(transactional_db, object_store):
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": object_store,
        "AWS_ACCESS_KEY_ID": "newsroom",
        "AWS_SECRET_ACCESS_KEY": "newsroom-secret",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_DEFAULT_ACL": "public-read",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PAGE_CACHE_SECONDS": "600",
    }
    servers, processes = [], []
    try:
        for _ in range(2):
            port = free_port()
            command = [BIN / "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
            process = subprocess.Popen(
                [*command, "--no-control-socket"],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            processes.append(process)
            wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
            servers.append(f"http://127.0.0.1:{port}")
        redis.Redis.from_url(environment["REDIS_URL"]).flushdb()  # the cache both servers share
        yield servers
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)


def editor_session(server, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org")
    # Hashed as the servers' settings expect (the tests' own settings hash with MD5, for speed).
    user.password = PBKDF2PasswordHasher().encode("a-long-password-1", "newsroom-salt", iterations=1000)
    user.save()
    client = httpx.Client(base_url=server, timeout=20)
    login = client.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = client.post(
        "/admin/login/?next=/admin/",
        data={"username": "chief", "password": "a-long-password-1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.text[:500]
    return client


def csrf_token(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:3000])
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def test_a_publish_through_one_server_shows_through_the_other_at_once(two_servers, django_user_model):
    one, other = two_servers
    article = Article.objects.create(title="Fibroblasts help tumours spread", slug="fibroblasts")
    SiteSettings.load()
    assert "Fibroblasts help tumours spread" not in httpx.get(f"{other}/").text
    assert httpx.get(f"{other}/").headers["X-Page-Cache"] == "hit"  # the other server's page is cached

    editor = editor_session(one, django_user_model)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    response = editor.post(
        f"/admin/newsroom/article/{article.pk}/transition/publish/",
        data={"csrfmiddlewaretoken": csrf_token(editor, change)},
    )
    assert response.status_code == 302

    assert "Fibroblasts help tumours spread" in httpx.get(f"{other}/").text
    assert httpx.get(f"{other}/news/fibroblasts/").status_code == 200


def test_a_picture_uploaded_through_one_server_is_served_through_the_other(two_servers, django_user_model):
    one, other = two_servers
    editor = editor_session(one, django_user_model)
    response = editor.post(
        "/admin/newsroom/image/add/",
        data={
            "csrfmiddlewaretoken": csrf_token(editor, "/admin/newsroom/image/add/"),
            "alt_text": "Fibroblasts under the microscope",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
        files={"file": ("fibroblasts.png", png_bytes((640, 480)), "image/png")},
    )
    assert response.status_code == 302, response.text[-1500:]
    image = Image.objects.get()
    Article.objects.create(
        title="Seen under the microscope", slug="microscope", status="published", lead_image=image
    ).save()

    page = httpx.get(f"{other}/news/microscope/")
    assert page.status_code == 200
    picture = re.search(r'<img[^>]+src="([^"]+)"', page.text).group(1)
    served = httpx.get(picture if picture.startswith("http") else f"{other}{picture}")
    assert served.status_code == 200
    assert served.content[:4] in (b"RIFF", b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")
    assert BUCKET in picture  # from the object store, not from either server's disk
