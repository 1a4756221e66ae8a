"""The site's settings with the few changes tests need; everything else is as in production."""

import os
import re
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ["DEBUG"] = "0"
# The address the tests' expected links use (the demo's site record is built from it).
os.environ["PUBLIC_URL"] = "http://localhost"

from kindness.settings import *  # noqa: E402, F403

# The test client speaks plain HTTP; production redirects to HTTPS.
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test runner keeps sent email in mail.outbox (EMAIL_BACKEND); so does the worker.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests render templates without running collectstatic first. Uploads go to MEDIA_ROOT below,
# unless the environment names a bucket (the two-instance test's servers do).
STORAGES = {
    **STORAGES,  # noqa: F405 (from kindness.settings)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The worker processes some tests start share the test's (TEST_MEDIA_ROOT).
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="kindness-test-media-")
# Share images are fetched by their absolute URL, so the tests serve uploads themselves.
SERVE_MEDIA = True
ALLOWED_HOSTS = ["localhost", "testserver", "127.0.0.1"]
# Static files are found in place, as in development, instead of after collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The suite's own connections create, fill and drop the test databases, which can take longer
# than production's statement limit on a busy machine. Production's limit is checked in a
# fresh process (tests/delivery/test_database_down.py), not here.
if "options" in DATABASES["default"].get("OPTIONS", {}):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] = re.sub(  # noqa: F405
        r"statement_timeout=\d+",
        "statement_timeout=0",
        DATABASES["default"]["OPTIONS"]["options"],  # noqa: F405
    )
# The newsletter's worker processes (tests/newsletter/test_campaign_workers.py) send to the
# test's own SMTP server, with the test's short delays.
if os.environ.get("EMAIL_HOST"):
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
if os.environ.get("NEWSLETTER_TEST_DELAYS"):
    NEWSLETTER_RETRY_DELAYS = [float(os.environ["NEWSLETTER_TEST_DELAYS"])] * 3
    NEWSLETTER_PAUSE_DELAYS = [float(os.environ["NEWSLETTER_TEST_DELAYS"])]
