"""Fill in deploy/nginx.conf's ${NAME} placeholders from the environment; print the result.

    NGINX_SERVER_NAME=kindercommunities.example.org GUNICORN=127.0.0.1:8000 \\
    STATIC_ROOT=/srv/kindness/staticfiles MEDIA_ROOT=/var/lib/kindness/media \\
        python3 deploy/render_nginx_conf.py > /etc/nginx/nginx.conf

deploy/nginx.conf explains each placeholder. A line holding a list placeholder (GUNICORN,
TRUSTED_PROXIES: comma-separated) is repeated once per item, and dropped when the list is
empty. Comments are left as written. A placeholder with no value and no default stops the
script, so a half-filled file is never written. Standard library only: it runs wherever
nginx does, without the site's venv.
"""

import os
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().with_name("nginx.conf")

# Debian's nginx package's own places, and a purge address only this machine can reach.
DEFAULTS = {
    "NGINX_LISTEN": "80",
    "NGINX_PURGE_LISTEN": "127.0.0.1:8081",
    "NGINX_USER": "www-data",
    "NGINX_PID_FILE": "/run/nginx.pid",
    "NGINX_LOG_DIR": "/var/log/nginx",
    "NGINX_TEMP_DIR": "/var/lib/nginx",
    "NGINX_CACHE_DIR": "/var/cache/nginx/kindness",
    "NGINX_MODULES_DIR": "/usr/lib/nginx/modules",
    "TRUSTED_PROXIES": "",
}
LISTS = {"GUNICORN", "TRUSTED_PROXIES"}
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


class MissingValues(Exception):
    """Placeholders with neither a value in the environment nor a default."""


def render(template, environ):
    missing = set()

    def value(name):
        found = environ.get(name, "").strip() or DEFAULTS.get(name)
        if found is None:
            missing.add(name)
            return ""
        return found

    def fill(line):
        return PLACEHOLDER.sub(lambda match: value(match.group(1)), line)

    lines = []
    for line in template.splitlines(keepends=True):
        listed = [name for name in PLACEHOLDER.findall(line) if name in LISTS]
        if line.lstrip().startswith("#"):  # Comments are left as written.
            lines.append(line)
        elif listed:
            if len(listed) > 1:
                raise ValueError(f"more than one list placeholder on a line: {line.strip()}")
            items = [item.strip() for item in value(listed[0]).split(",") if item.strip()]
            lines.extend(fill(line.replace(f"${{{listed[0]}}}", item)) for item in items)
        else:
            lines.append(fill(line))
    if missing:
        raise MissingValues(", ".join(sorted(missing)))
    return "".join(lines)


def main():
    try:
        sys.stdout.write(render(TEMPLATE.read_text(), os.environ))
    except MissingValues as error:
        sys.exit(f"Set these in the environment first (deploy/nginx.conf explains them): {error}")


if __name__ == "__main__":
    main()
