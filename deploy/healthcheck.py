"""The container's health check: exit 0 when this instance's /healthz answers 200, else 1.

Plain Python, no curl in the image and no Django to start: it asks gunicorn on this
container's own port, with the site's host name (ALLOWED_HOSTS refuses any other) taken
from PUBLIC_URL. /healthz answers 200 only when the database and the cache both answer.
"""

import os
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit


def main():
    port = os.environ.get("PORT", "").strip() or "8000"
    public_url = os.environ.get("PUBLIC_URL", "").strip() or os.environ.get("BASE_URL", "")
    host = urlsplit(public_url).netloc or "localhost"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            print(response.read().decode())
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as error:
        print(f"/healthz answered {error.code}: {error.read().decode()[:200]}")
    except OSError as error:
        print(f"/healthz did not answer: {error}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
