"""Settings for the Kinder Communities site.

Everything that differs between a laptop and production is read from the environment
(see .env.example for the full list). The defaults are safe: DEBUG is off unless asked
for, and with DEBUG off the site refuses to start without a real SECRET_KEY.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # A one-line message rather than a traceback: this is a set-up mistake, not a bug.
        sys.exit(
            "SECRET_KEY is not set: export SECRET_KEY=<a long random string> "
            "(or DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# The site's public address (scheme, host and, if not the default, port), from one variable:
# the admin's and the newsletter's emails link to it, and `manage.py set_public_url` (a
# release step; `make run` runs it) writes it into Wagtail's site record, from which every
# canonical and share link is built. BASE_URL is its older name, still read.
PUBLIC_URL = (env("PUBLIC_URL") or env("BASE_URL") or "http://127.0.0.1:8000").rstrip("/")
BASE_URL = PUBLIC_URL
WAGTAILADMIN_BASE_URL = PUBLIC_URL
# The site answers at its own public address.
if (PUBLIC_HOST := urlsplit(PUBLIC_URL).hostname) and PUBLIC_HOST not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(PUBLIC_HOST)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's own apps, lowest layer first: each builds only on the ones before it
    # (README, "Where things are"; `lint-imports` enforces it).
    "delivery",
    "charts",
    "social_cards",
    "kindness",
    "people",
    "programme",
    "publications",
    "news",
    "newsletter",
    "events",
    "staff",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.settings",
    "django_tasks",
    "django_tasks_db",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    # Two-factor sign-in to the admin (staff/two_factor.py): authenticator apps and
    # recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's middleware, choosing the admin's policy under the admin.
    "kindness.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Above WhiteNoise, so static files (an SVG icon can be framed) are sent with it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come compressed already), above the page cache (which
    # stores pages uncompressed, whatever the reader's browser accepts).
    "delivery.compression.PublicCompressionMiddleware",
    # Above the page cache, so searches answered from it are counted too (in the cache).
    "kindness.search.middleware.count_searches",
    # Below WhiteNoise and the security headers, above the session: a hit touches no
    # database, and is sent with the same headers as a freshly rendered page.
    "delivery.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Below CommonMiddleware, which refuses a host that is not allowed before it is looked up.
    "delivery.site_memo.remembered_site",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells whether the signed-in user has given their second factor in this session; the
    # next one sends an admin who has not to do so, and treats them as signed out elsewhere.
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.require_second_factor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
    # Its process_exception runs first: a database that cannot be reached is a 503 page.
    "delivery.outage.DatabaseUnavailableMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kindness.urls"
WSGI_APPLICATION = "kindness.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "kindness.context_processors.site",
            ],
        },
    },
]

# SQLite beside the code unless DATABASE_URL names another database (Postgres in production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DB_STATEMENT_TIMEOUT = int(env("DB_STATEMENT_TIMEOUT", "10000"))
DB_PREPARE_THRESHOLD = env("DB_PREPARE_THRESHOLD", "1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that stops answering must not hold a worker (delivery/database/base.py,
    # README "When the database is away"): Django's Postgres backend, which in the web
    # process gives up waiting on an open connection after DB_ANSWER_TIMEOUT seconds, then
    # answers the 503 page at once for a few seconds rather than try again on every request.
    DATABASES["default"]["ENGINE"] = "delivery.database"
    # Connecting gives up after DB_CONNECT_TIMEOUT seconds (2 is libpq's least); Postgres
    # cancels a statement after DB_STATEMENT_TIMEOUT milliseconds (0: no limit, e.g. for a
    # long migration). TCP keepalives find a peer that vanished (a network that drops
    # packets) under a connection kept open, and tcp_user_timeout a request it never
    # acknowledged, for the commands and the worker too, which wait unbounded otherwise.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=int(env("DB_CONNECT_TIMEOUT", "2")),
        # No JIT: Postgres compiles a query its planner thinks costly (the menu's join of
        # every section type, a few rows) in hundreds of milliseconds, on every request.
        # Joins ordered by the planner in groups of four, not eight: a listing joins the
        # page to its specific tables, image and authors, and search joins every page
        # type's table, in an order the ORM writes well; trying every order of eight cost
        # Postgres 4 to 5 ms a query to plan, for queries that run in under 3.
        options=(
            f"-c statement_timeout={DB_STATEMENT_TIMEOUT} -c jit=off -c join_collapse_limit=4"
        ),
        keepalives=1,
        keepalives_idle=10,
        keepalives_interval=5,
        keepalives_count=3,
        tcp_user_timeout=10_000,
        # Parameters bound by the server, so psycopg prepares a query once it has run it
        # DB_PREPARE_THRESHOLD times on a connection, and Postgres need not plan it again:
        # the listings' joins cost Postgres more to plan than to run (3 to 5 ms of a page).
        # Empty: never prepare, for a pooler in transaction mode that cannot keep prepared
        # statements (PgBouncer before 1.21).
        server_side_binding=True,
        prepare_threshold=int(DB_PREPARE_THRESHOLD) if DB_PREPARE_THRESHOLD else None,
    )
# In the web process only (kindness/wsgi.py), the longest a reader's request (GET, HEAD)
# waits for the database to answer on an open connection, in seconds; 0: no limit. A
# request that changes something waits until the statement timeout and 5 s more, so a
# commit slowed by a busy disk is not cut short.
DB_ANSWER_TIMEOUT = float(env("DB_ANSWER_TIMEOUT", "2"))
DB_CHANGES_ANSWER_TIMEOUT = DB_STATEMENT_TIMEOUT / 1000 + 5 if DB_STATEMENT_TIMEOUT else 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))


# The list of the static files' hashed names (staticfiles.json), which the site reads and
# nothing serves: outside STATIC_ROOT, which WhiteNoise and nginx serve whole.
STATIC_MANIFEST_ROOT = BASE_DIR / "var" / "static-manifest"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names so browsers can cache static files for ever.
    "staticfiles": {"BACKEND": "delivery.static_files.ManifestOutsideStaticRoot"},
}

# Uploaded images and documents on S3-compatible storage (AWS S3, MinIO, Cloudflare R2, ...)
# when AWS_STORAGE_BUCKET_NAME is set, so every web instance reads and writes the same files;
# MEDIA_ROOT on this machine's disk otherwise. Credentials come the usual boto3 way:
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role. Readers fetch images
# straight from the bucket (or AWS_S3_CUSTOM_DOMAIN, a CDN in front of it); documents stay
# private in the bucket and go through Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD below).
# docs/deploy.md has the bucket policy that says so.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
# Where readers' browsers fetch uploaded images from, besides this site: the CSP allows it.
MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL").rstrip("/")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL or None,
            "region_name": AWS_S3_REGION_NAME or None,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN or None,
            # "path" for servers that cannot give each bucket a host name of its own.
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE") or None,
            # Plain, permanent URLs: a page holding one is cached for an hour, longer than
            # a signed URL would last.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH"),
            # Two uploads with one file name are two files, never one replacing the other.
            "file_overwrite": False,
            # The bucket's policy decides who may read, not a per-object ACL.
            "default_acl": None,
            # An hour, not for ever: Wagtail gives a replaced image's renditions their old
            # names again.
            "object_parameters": {"CacheControl": "public, max-age=3600"},
        },
    }
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        # The bucket is a path on the endpoint, or a host name under it.
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{endpoint.netloc}",
        ]
    else:
        # AWS itself: the bucket's global or regional host name.
        region = AWS_S3_REGION_NAME or "us-east-1"
        MEDIA_ORIGINS = [
            f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com",
            f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{region}.amazonaws.com",
        ]

# Uploaded files served by Django itself from MEDIA_ROOT: for development and tests only (on
# by default with DEBUG). In production the web server or a CDN serves MEDIA_ROOT, and with
# a bucket there is nothing on this machine to serve.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG) and not AWS_STORAGE_BUCKET_NAME

# In development WhiteNoise looks files up as they change, without collectstatic.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Wagtail's page editor can post many fields for a long page.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Kinder Communities"
# Each page's social card is drawn in DejaVu, from Debian (`make pdf-libs`): no web font.
SOCIAL_CARD_FONT_DIR = "/usr/share/fonts/truetype/dejavu"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents: the formats a report comes in (PDF, Word, OpenDocument, Excel, CSV, EPUB), and
# the publications app's films uploaded instead of linked (MP4, WebM) with their captions
# (WebVTT). Nothing an editor uploads here can run in a reader's browser: no HTML, no SVG.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "epub", "mp4", "webm", "vtt"]
# A report is a few megabytes; a short film is the largest thing an editor uploads.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 100 * 1024 * 1024
# Images: no SVG (it can carry script); a size and pixel cap so a huge upload cannot
# exhaust memory while renditions are made.
# The description is the alt text: kindness.forms refuses a file name there.
WAGTAILIMAGES_IMAGE_FORM_BASE = "kindness.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Serve documents through Django so permissions and privacy settings apply, and each is sent
# with its own strict CSP; on S3 too, where "redirect" would send readers to the bucket's
# address for the file, which works for anyone who has it, private or not.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin calls no other host: no release check, no Gravatar (the CSP allows neither).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Security: strict by default whenever DEBUG is off. README's "Security" section explains it.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The admin reads the CSRF token from the page (wagtailConfig), never from the cookie.
CSRF_COOKIE_HTTPONLY = True
# Django's own CSRF failure page has inline styles, which the CSP blocks.
CSRF_FAILURE_VIEW = "kindness.views.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers and the container's health check ask over plain HTTP, inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
if env_bool("BEHIND_TLS_PROXY"):
    # Only when a trusted proxy terminates TLS and sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The films' players, loaded only when a reader presses play (static/js/video-facade.js).
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

# Public pages: scripts and styles only from files on this origin, nothing inline. JSON-LD
# (<script type="application/ld+json">) is data, not script, so it needs no hash or nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
    },
}

# The Wagtail admin (and the page previews it shows in a frame) needs inline scripts and
# styles and eval(); kindness.middleware sends this policy under these path prefixes.
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "media-src": [SELF, "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "frame-src": [SELF, *VIDEO_PLAYER_ORIGINS],
    # The page editor shows its live preview in a frame of its own origin.
    "frame-ancestors": [SELF],
    "base-uri": [SELF],
    "form-action": [SELF],
    "object-src": [NONE],
}

# Features no page uses, switched off for this site and anything it frames
# (django-permissions-policy writes the header).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    # Chrome's Topics API, the successor of FLoC's interest-cohort (which Chrome now
    # reports as an unknown feature in the console).
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    # The video players ask for these; allow them only to ourselves and the players.
    "fullscreen": ["self", *VIDEO_PLAYER_ORIGINS],
    "picture-in-picture": ["self", *VIDEO_PLAYER_ORIGINS],
}

# Admin login throttling (django-axes): five failed logins for one username from one
# address lock that pair out for 15 minutes, and templates/axes/lockout.html says so.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_LOCKOUT_CALLABLE = "kindness.middleware.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Behind a trusted proxy the address to throttle is the one the proxy saw, not the proxy's.
AXES_CLIENT_IP_CALLABLE = "kindness.middleware.client_ip_address"

# Two-factor sign-in (staff/): the name authenticator apps show beside the account. A wrong
# code counts as a failed sign-in for django-axes too, so the lock-out above covers both steps.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Email: every message the site sends (the admin's password resets and workflow
# notifications, the newsletter's confirmations, anything else) is queued in the database
# and sent by the email worker (kindness/mail.py), so no request waits for the mail server.
# The worker sends with EMAIL_DELIVERY_BACKEND: SMTP when EMAIL_HOST is set (production); in
# development, each message is written to a file under var/mail/ so a person can open it and
# follow its links; otherwise Django's default (SMTP on localhost), which fails loudly
# rather than dropping mail. While the server refuses, the worker tries again after each of
# EMAIL_RETRY_DELAYS (seconds): about three days in all.
EMAIL_BACKEND = "kindness.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 24 * 3600]
if env("EMAIL_HOST"):
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
elif DEBUG:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "mail")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kinder Communities <noreply@localhost>")

# Caches: Redis when REDIS_URL is set, so every web instance shares one cache (the newsletter's
# rate limits count there); this process's memory otherwise. While Redis cannot be reached the
# site serves pages uncached and logs it once a minute (delivery/redis_cache.py).
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "delivery.redis_cache.ResilientRedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (delivery/page_cache.py): whole pages for anonymous readers, in the cache
# above. PAGE_CACHE_SECONDS is how long the server keeps one (0 switches the cache off);
# publishing invalidates what changed at once, in the shared Redis cache. Without Redis each
# process keeps its own pages, and a publish reaches only the process that made it, so the
# others may show the old page for up to a minute. Browsers and shared caches may reuse a
# page for PAGE_CACHE_MAX_AGE seconds, and show it while they refetch it for a while after.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", str(60 * 60 if env("REDIS_URL") else 60)))
PAGE_CACHE_MAX_AGE = int(env("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(env("PAGE_CACHE_STALE_WHILE_REVALIDATE", "300"))

# The front cache (deploy/nginx.conf): nginx keeps anonymous readers' pages too, and is told
# at once, through Wagtail's frontend cache, which addresses a publish changed
# (delivery/front_cache.py). FRONTEND_CACHE_URL is the purge address of each nginx in front,
# comma-separated; empty: there is no front cache to tell. FRONTEND_CACHE_TIMEOUT (seconds)
# bounds how long a publish waits for an nginx that does not answer.
WAGTAILFRONTENDCACHE = {
    f"nginx-{number}": {
        "BACKEND": "delivery.front_cache.PurgeBackend",
        "LOCATION": location,
        "TIMEOUT": float(env("FRONTEND_CACHE_TIMEOUT", "2")),
    }
    for number, location in enumerate(env_list("FRONTEND_CACHE_URL"), start=1)
}

# Background tasks (django-tasks). Wagtail's own tasks run at once, in the request, as they
# always have; the "email" queue is stored in the database and sent by a worker
# (`python manage.py db_worker --backend email`), so a signup never waits for, or is lost
# to, a slow or broken mail server. The "documents" queue reads the text inside uploaded
# PDFs and renders publications' PDFs from their HTML (publications/tasks.py): seconds of
# work each, so it has its own worker (`db_worker --backend documents`) and emails never
# wait behind it.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "documents": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# The newsletter (newsletter/): how long a confirmation link works, how often an address
# may be sent one, how many signups one client may post, and the retry delays (seconds)
# for a mail server that is down: about three days in all before giving up.
NEWSLETTER_CONFIRMATION_DAYS = 7
NEWSLETTER_RESEND_AFTER_MINUTES = 10
NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY = int(env("NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY", "3"))
NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR = int(env("NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR", "20"))
NEWSLETTER_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 24 * 3600]
NEWSLETTER_UNCONFIRMED_DAYS = 30
# Sending an issue (newsletter/sending/): messages a worker claims and sends over one SMTP
# connection at a time; the mail provider's limits, across all workers (per second and per
# hour); how many workers may share one send; after how many seconds a claimed message
# whose worker went silent is sent again (longer than a batch can take); how long a send
# whose mail server cannot be reached waits before it resumes by itself, pause after pause
# (the last delay repeats); and how often a batch being sent looks again for unsubscribes.
NEWSLETTER_BATCH_SIZE = int(env("NEWSLETTER_BATCH_SIZE", "50"))
NEWSLETTER_RATE_PER_SECOND = float(env("NEWSLETTER_RATE_PER_SECOND", "10"))
NEWSLETTER_RATE_PER_HOUR = int(env("NEWSLETTER_RATE_PER_HOUR", "20000"))
NEWSLETTER_PARALLEL_SENDS = int(env("NEWSLETTER_PARALLEL_SENDS", "1"))
NEWSLETTER_CLAIM_TIMEOUT = float(env("NEWSLETTER_CLAIM_TIMEOUT", "600"))
NEWSLETTER_PAUSE_DELAYS = [60, 300, 900, 3600]
NEWSLETTER_RECHECK_SECONDS = 1.0
# A subscriber who unsubscribed or bounced is kept this many days, then only keyed hashes of
# the address and of their links' token are left (newsletter/retention.py). The privacy
# notice states it.
NEWSLETTER_FORGET_AFTER_DAYS = int(env("NEWSLETTER_FORGET_AFTER_DAYS", "90"))
# Finished background tasks' rows (arguments, results, errors) are deleted after this many
# days (`manage.py prune_finished_tasks`, queued daily by --schedule).
TASK_RESULTS_KEEP_DAYS = int(env("TASK_RESULTS_KEEP_DAYS", "14"))

# One handler, on stderr. Its filters (delivery/log_filters.py) keep what a visitor sends
# from flooding it: a refused Host header is one short line, not a traceback quoting it;
# a database outage is one line a minute, not one per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "suspicious_requests": {"()": "delivery.log_filters.OneShortLineForSuspiciousRequests"},
        "database_outage": {"()": "delivery.log_filters.DatabaseOutageSaidOnce"},
        "no_email_addresses": {"()": "delivery.log_filters.NoEmailAddresses"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["suspicious_requests", "database_outage", "no_email_addresses"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
