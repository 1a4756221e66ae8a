# syntax=docker/dockerfile:1
# The production image. The same image runs every process of the site:
#   web (the default command):  gunicorn -c deploy/gunicorn.conf.py
#   the email worker:      python manage.py db_worker --backend email --interval 5 --no-reload
#   the documents worker:  python manage.py db_worker --backend documents --interval 5 --no-reload
#   the release step, once per deploy, before the new web containers start:
#     python manage.py migrate --no-input && python manage.py set_public_url
#       && python manage.py schedule_recurring_work
#   once the deploy is done:    python manage.py forget_cached_pages
# `docker build .` builds it (the last stage, "web"); `--target nginx` builds the nginx in
# front of it. docs/deploy.md explains them; compose.yaml runs them all on one machine.

ARG PYTHON_VERSION=3.11

# Builder: compilers and headers, for any requirement without a wheel for this platform.
# Only the finished virtualenv leaves this stage.
FROM python:${PYTHON_VERSION}-slim-bookworm AS builder
# Debian's packages are not pinned to a version (hadolint's DL3008): bookworm's archive keeps
# only the newest build of each, with its security fixes, so a pin breaks the next build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libffi-dev libjpeg62-turbo-dev \
        libpq-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/venv/bin:$PATH \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

# The site: the virtualenv, the code and the shared libraries they load; no compiler.
FROM python:${PYTHON_VERSION}-slim-bookworm AS app
# WeasyPrint (publications' PDFs) lays text out with Pango and HarfBuzz in these fonts;
# fontconfig builds the font cache once, here, rather than in every process.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
        libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 kindness \
    && useradd --create-home --uid 10001 --gid kindness --shell /usr/sbin/nologin kindness \
    && install -d -o kindness -g kindness /var/lib/kindness/media
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    MEDIA_ROOT=/var/lib/kindness/media
WORKDIR /app
# The code belongs to root: the site's user may read it, never change it.
COPY . .
# Static files collected with the production settings (hashed, compressed names). That
# needs the settings but no secret, database, cache or bucket, so none is given.
RUN DEBUG=0 SECRET_KEY=collectstatic-only DATABASE_URL='' REDIS_URL='' AWS_STORAGE_BUCKET_NAME='' \
    python manage.py collectstatic --no-input -v0

# nginx in front (deploy/nginx.conf): Debian's nginx with the two modules the file loads,
# the script that fills in its placeholders from the environment, and the collected static
# files, which it serves itself.
FROM debian:bookworm-slim AS nginx
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
        libnginx-mod-http-cache-purge python3 \
    && rm -rf /var/lib/apt/lists/* \
    && install -d /var/cache/nginx/kindness \
    && ln -sf /dev/stdout /var/log/nginx/access.log \
    && ln -sf /dev/stdout /var/log/nginx/purge.log \
    && ln -sf /dev/stderr /var/log/nginx/error.log
COPY deploy/nginx.conf deploy/render_nginx_conf.py /etc/nginx/kindness/
COPY --from=app /app/staticfiles /srv/kindness/staticfiles
ENV STATIC_ROOT=/srv/kindness/staticfiles \
    MEDIA_ROOT=/var/lib/kindness/media
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["sh", "-c", "python3 /etc/nginx/kindness/render_nginx_conf.py > /etc/nginx/nginx.conf && exec nginx -g 'daemon off;'"]

# The site's image, the default target: the web process as a user of its own, named by
# number, so a platform that runs only non-root containers can tell without a passwd file.
FROM app AS web
USER 10001:10001
EXPOSE 8000
# Without a bucket (AWS_STORAGE_BUCKET_NAME), uploads live in /var/lib/kindness/media:
# mount a volume there (compose.yaml does).
# 200 from /healthz when the database and the cache answer (deploy/healthcheck.py).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
