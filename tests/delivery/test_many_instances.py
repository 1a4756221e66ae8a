"""Two web instances behind nginx, sharing Postgres, Redis and an S3-compatible bucket.

The production shape in miniature: two gunicorn processes started as the image starts them
(deploy/gunicorn.conf.py), each with its own MEDIA_ROOT (so nothing can pass between them on
this machine's disk) and its own memory, behind nginx with deploy/nginx.conf, which shares
requests between them. They share only what a real deployment shares: the test database
(committed rows, so the test is transactional and needs Postgres), one Redis (the page
cache, the rate limits), one bucket on moto's S3 server, and nginx's purge address.

An editor signs in and uploads through nginx, so the requests land on both instances; then
each instance is asked directly: each shows the image (making its renditions from the
original in the bucket) and the report, and each serves a page an editor has just
published, though each had it in the page cache before, as does nginx.
"""

import io
import json
import os
import sys
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from django.db import connection
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.conftest import APPROVER_PASSWORD, APPROVER_USERNAME
from tests.nginx import running_nginx
from tests.servers import free_port, start, start_redis, stop, stop_redis
from tests.two_factor import VERIFY, authenticator_code

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres(reason="both instances must see the rows the other commits"),
]

BUCKET = "kindness-media"
# Anyone may read images and their renditions straight from the bucket; documents stay
# private, read only by the site (docs/deploy.md gives the same policy).
PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [
                f"arn:aws:s3:::{BUCKET}/original_images/*",
                f"arn:aws:s3:::{BUCKET}/images/*",
            ],
        }
    ],
}
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "moto-test-key",
    "AWS_SECRET_ACCESS_KEY": "moto-test-secret",
    "AWS_S3_REGION_NAME": "us-east-1",
}
# The host name readers and editors ask for: the demo site's, which nginx's cache keys and
# the site's purges both use.
SITE_HOST = "localhost"


@pytest.fixture
def postgres_url():
    """The test database as a URL, for processes of their own to connect to."""
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    process = start_redis(port, tmp_path)
    yield f"redis://127.0.0.1:{port}/0"
    stop_redis(process)


@pytest.fixture
def s3_endpoint(tmp_path):
    """moto's S3 server on a free port, with an empty bucket under the deployment's policy."""
    import boto3

    port = free_port()
    server = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    process = start(server, port, tmp_path / "moto.log")
    endpoint = f"http://127.0.0.1:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_CREDENTIALS["AWS_S3_REGION_NAME"],
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ_POLICY))
    yield endpoint, s3
    stop(process)


@pytest.fixture
def site(tmp_path, postgres_url, redis_url, s3_endpoint):
    """Two gunicorn instances of the site, behind nginx with deploy/nginx.conf."""
    endpoint, s3 = s3_endpoint
    ports = [free_port(), free_port()]
    upstream = ",".join(f"127.0.0.1:{port}" for port in ports)
    (tmp_path / "nginx").mkdir()
    with running_nginx(tmp_path / "nginx", upstream) as nginx:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
        env = {
            **base,
            **S3_CREDENTIALS,
            # The tests' settings (static files found in place, plain HTTP) with the parts
            # the instances share, and nginx's purge address.
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": postgres_url,
            "REDIS_URL": redis_url,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "FRONTEND_CACHE_URL": nginx.purge_url,
        }
        processes = []
        try:
            for port in ports:
                # The image's entry point, with its settings file.
                gunicorn = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
                options = ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
                log = tmp_path / f"gunicorn-{port}.log"
                processes.append(start(gunicorn + options, port, log, env))
            yield {
                "front": f"http://127.0.0.1:{nginx.port}",
                "instances": [f"http://127.0.0.1:{port}" for port in ports],
                "s3": s3,
                "endpoint": endpoint,
            }
        finally:
            for process in processes:
                stop(process)


class Editor:
    """An approver's browser: cookies kept by hand, since the site marks them Secure."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}

    def request(self, method, path, **kwargs):
        response = requests.request(
            method,
            self.base_url + path,
            headers={"Host": SITE_HOST},
            cookies=self.cookies,
            allow_redirects=False,
            timeout=20,
            **kwargs,
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def form(self, path, selector="form[method=post]"):
        """The fields a browser would send from the page's form, and the form's action."""
        response = self.request("GET", path)
        assert response.status_code == 200, (path, response.status_code)
        form = BeautifulSoup(response.text, "html.parser").select_one(selector)
        fields = {}
        for field in form.select("input[name], textarea[name], select[name]"):
            kind = field.get("type", "text")
            if kind in {"submit", "button", "file", "image"}:
                continue
            if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
                continue
            if field.name == "textarea":
                fields[field["name"]] = field.get_text()
            elif field.name == "select":
                chosen = field.select_one("option[selected]") or field.select_one("option")
                fields[field["name"]] = chosen.get("value", "") if chosen else ""
            else:
                fields[field["name"]] = field.get("value", "")
        return fields

    def sign_in(self, device):
        fields = self.form("/admin/login/")
        fields.update(username=APPROVER_USERNAME, password=APPROVER_PASSWORD)
        response = self.request("POST", "/admin/login/", data=fields)
        assert response.status_code == 302, response.text[:2000]
        fields = self.form(VERIFY)
        fields.update(code=authenticator_code(device))
        response = self.request("POST", VERIFY, data=fields)
        assert response.status_code == 302, response.text[:2000]


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def read(url):
    """What a reader gets from the site (not the bucket) at this address."""
    return requests.get(url, headers={"Host": SITE_HOST}, timeout=20)


def page_title(base_url, path):
    response = read(base_url + path)
    assert response.status_code == 200
    html = BeautifulSoup(response.text, "html.parser")
    return html.h1.get_text(" ", strip=True), response.headers.get("X-Cache")


def image_sources(response):
    """The origins the response's Content-Security-Policy lets the browser load images from."""
    for directive in response.headers["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        if name == "img-src":
            return sources
    return []


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_an_upload_and_a_publish_on_one_instance_reach_the_other(site, approver_account):
    front, instances, s3, endpoint = site["front"], site["instances"], site["s3"], site["endpoint"]
    editor = Editor(front)
    editor.sign_in(approver_account.totpdevice_set.get())

    # An image and a report uploaded through nginx: each form and its post may land on
    # either instance.
    original = png(640, 480)
    fields = editor.form("/admin/images/add/")
    fields.update(title="Volunteers at the library", description="Volunteers sorting books")
    files = {"file": ("volunteers.png", original, "image/png")}
    response = editor.request("POST", "/admin/images/add/", data=fields, files=files)
    assert response.status_code == 302, response.text[:2000]
    report = b"%PDF-1.4 a report on kindness"
    fields = editor.form("/admin/documents/add/")
    fields.update(title="A report on kindness")
    files = {"file": ("kindness-report.pdf", report, "application/pdf")}
    response = editor.request("POST", "/admin/documents/add/", data=fields, files=files)
    assert response.status_code == 302, response.text[:2000]

    # Both went to the bucket, under the names the database gives them.
    image = get_image_model().objects.get(title="Volunteers at the library")
    document = get_document_model().objects.get(title="A report on kindness")
    assert s3.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read() == original
    assert s3.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read() == report

    for instance in instances:
        # Each instance shows the image in the admin, making a rendition from the original
        # in the bucket, and links it at the bucket, which the admin's CSP allows.
        editor.base_url = instance
        response = editor.request("GET", f"/admin/images/{image.pk}/")
        assert response.status_code == 200
        html = BeautifulSoup(response.text, "html.parser")
        source = html.select_one("img[data-original-width]")["src"]
        assert origin(source) == endpoint
        assert endpoint in image_sources(response)
        # Readers fetch it straight from the bucket, no sign-in needed.
        rendition = requests.get(source, timeout=20)
        assert rendition.status_code == 200
        assert Image.open(io.BytesIO(rendition.content)).format == "PNG"
        # Each serves the report from the bucket, with the documents' own strict CSP.
        response = read(instance + document.url)
        assert response.status_code == 200
        assert response.content == report
        assert response.headers["Content-Security-Policy"] == "default-src 'none'"
        assert "Content-Encoding" not in response.headers  # a PDF is sent as it is

    # The original image is public at its address in the bucket; the report is not, so a
    # document in a private collection stays private.
    bucket = f"{endpoint}/{BUCKET}/"
    assert requests.get(bucket + image.file.name, timeout=20).content == original
    assert requests.get(bucket + document.file.name, timeout=20).status_code == 403

    # Both instances serve the strand index from the shared page cache, and let readers'
    # browsers load images from the bucket; nginx has it in its own cache too.
    page_title(instances[0], "/programme/")
    for instance in instances:
        assert page_title(instance, "/programme/")[1] == "hit"
        assert endpoint in image_sources(read(instance + "/programme/"))
    read(front + "/programme/")
    assert read(front + "/programme/").headers["X-Cache-Status"] == "HIT"

    # An approver publishes a new title through nginx...
    editor.base_url = front
    page = Page.objects.get(url_path="/home/programme/")
    fields = editor.form(f"/admin/pages/{page.pk}/edit/", "form#page-edit-form")
    fields.update({"title": "The programme, retitled", "action-publish": "action-publish"})
    response = editor.request("POST", f"/admin/pages/{page.pk}/edit/", data=fields)
    assert response.status_code == 302, response.text[:3000]

    # ...and both instances serve it at once: the first to be asked renders it afresh and
    # keeps it in Redis, where the other finds it. nginx forgot its copy too.
    first, second = (page_title(instance, "/programme/") for instance in instances)
    assert (first, second) == (
        ("The programme, retitled", "miss"),
        ("The programme, retitled", "hit"),
    )
    assert page_title(front, "/programme/")[0] == "The programme, retitled"
