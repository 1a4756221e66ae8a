"""gunicorn's settings for the production image: `gunicorn -c deploy/gunicorn.conf.py`.

Read from the environment, so one image fits any machine. gunicorn must never face the
internet: nginx (deploy/nginx.conf) or another buffering proxy stands in front, so a client
that sends or reads slowly holds a proxy connection, not one of these few workers.
"""

import os


def _int(name, default):
    return int(os.environ.get(name, "").strip() or default)


wsgi_app = "kindness.wsgi:application"
# Django is loaded once, before the workers fork: a broken setting stops the start at once,
# with its message, and the workers share the loaded code's memory.
preload_app = True
bind = f"0.0.0.0:{_int('PORT', 8000)}"
# Processes: WEB_CONCURRENCY, or two per core this container may use plus one, at most 9.
workers = _int("WEB_CONCURRENCY", min(2 * len(os.sched_getaffinity(0)) + 1, 9))
# Threads in each: a request mostly waits on Postgres or Redis. Each thread keeps its own
# database connection (DB_CONN_MAX_AGE), so an instance holds up to workers x threads.
threads = _int("GUNICORN_THREADS", 2)
# A worker silent for this long is killed and replaced. Postgres gives up well before it
# (DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT), so a stuck database answers 503, not this.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a deploy, requests under way get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle connection from the proxy stays open for its next request.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# No max_requests: workers are not recycled under load; the site does not leak.
# The heartbeat file in memory, not on the container's overlay disk, which can stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The control socket would live in the user's home, which the image's user has none of.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
