"""`make bench`: the site measured the production way, one row per page type.

    .venv/bin/python deploy/bench/bench.py [--scale 9] [--duration 4] [--mix-duration 60]
    .venv/bin/python deploy/bench/bench.py --scale 9 --scale 90   # and the growth, 9 to 90

With more than one --scale, everything below runs at each size in turn, each on a database
of its own, and a last table gives each page type's growth from the first size to the last:
its queries, render time, HTML bytes and uncached req/s, and their ratios.

What it does, in order (about five minutes on a 2-core machine):
1. Creates the Postgres database `bench_kindness_<N>` (the only databases it touches),
   migrates it, loads the demo content grown with `load_demo_content --scale N`, points the site
   record at http://localhost; then collectstatic. Both are kept for the next run unless
   the migrations, the demo content, --scale or the static files change (or --fresh).
   Then ANALYZE, so the planner has the statistics a database in use has.
2. In-process (deploy/bench/measure.py, page cache off): SQL queries and median render ms of
   one page of each type, and its HTML bytes plain and gzipped.
3. gunicorn as the production image runs it (deploy/gunicorn.conf.py) with 2 workers
   (WEB_CONCURRENCY), DEBUG off, production settings, with nginx in front
   (deploy/nginx.conf, rendered by deploy/render_nginx_conf.py). `wrk` runs against each
   page: through gunicorn with the page cache, through nginx's front cache, and, after a
   restart with PAGE_CACHE_SECONDS=0, through gunicorn uncached. Each row gives req/s, p50
   and p99 latency and, for each, the ratio to nginx serving a saved copy of the home page
   (measured again just before each nginx row: on a shared machine the two must be
   measured together to compare).
4. `wrk -c64` for --mix-duration seconds (0 skips it) against a mix of every page type,
   through nginx: error responses, socket errors and timeouts, and gunicorn worker restarts.

wrk sends `Accept-Encoding: gzip`, as browsers do. The page cache is each worker's own
memory (no REDIS_URL), as on one machine without Redis. Needs wrk, nginx with the modules
deploy/nginx.conf loads (`make nginx`), and a Postgres the `postgres` user reaches on
127.0.0.1 without a password (BENCH_POSTGRES overrides the server's URL).
"""

import argparse
import getpass
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
WORK = PROJECT / "var" / "bench"
STATIC_ROOT = PROJECT / "staticfiles"
# The databases this script creates and drops, one per --scale: never the site's or the tests'.
DATABASE_PREFIX = "bench_kindness_"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
WORKERS = 2
HOST = "localhost"
STARTED = time.monotonic()


def log(message):
    print(f"[bench {time.monotonic() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def database(scale):
    return f"{DATABASE_PREFIX}{scale}"


def environment(scale, **extra):
    """Production settings, as the Dockerfile runs them, on the benchmark's database."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PAGE_CACHE_", "FRONTEND_CACHE_", "REDIS_", "DB_"))
        and name not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "PUBLIC_URL"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "kindness.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "k3y" * 16,
        "DATABASE_URL": f"{POSTGRES}/{database(scale)}",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "PUBLIC_URL": f"http://{HOST}",
        # The benchmark speaks plain HTTP on loopback; production redirects to HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(WORK / "media"),
        **extra,
    }


def run(command, **kwargs):
    return subprocess.run(command, cwd=PROJECT, check=True, **kwargs)


def manage(*arguments, env):
    run([sys.executable, "manage.py", *arguments], env=env, stdout=subprocess.DEVNULL)


def fingerprint(paths, *extra):
    digest = hashlib.sha256(repr(extra).encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(PROJECT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def psql(sql):
    command = ["psql", f"{POSTGRES}/postgres", "-v", "ON_ERROR_STOP=1", "-qtAc", sql]
    return run(command, capture_output=True, text=True).stdout.strip()


def prepare_database(scale, fresh):
    """bench_kindness, rebuilt when the migrations, the demo content or --scale changed since
    the last run (or with --fresh): its comment records what it was built from."""
    built_from = "bench " + fingerprint(
        [
            *PROJECT.glob("*/migrations/*.py"),
            *PROJECT.glob("*/demo.py"),
            *PROJECT.glob("*/management/commands/load_demo_content.py"),
            PROJECT / "requirements.txt",
        ],
        scale,
    )
    name = database(scale)
    found = psql(
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'"
    )
    env = environment(scale)
    if found == built_from and not fresh:
        log(f"database {name} is up to date ({built_from})")
    else:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{name}"')
        log(f"database {name} created; migrating")
        manage("migrate", "--no-input", env=env)
        log(f"loading the demo content, --scale {scale}")
        manage("load_demo_content", "--scale", str(scale), env=env)
        manage("set_public_url", env=env)
        psql(f"COMMENT ON DATABASE \"{name}\" IS '{built_from}'")
    # The planner's statistics, as autovacuum keeps them on a database in use: without
    # them, right after loading, Postgres plans some queries (the search) quite differently.
    run(["psql", f"{POSTGRES}/{name}", "-qc", "ANALYZE"], capture_output=True)
    # collectstatic too only when a static file (or a package providing some) changed.
    sources = [
        path
        for folder in (PROJECT / "static", *PROJECT.glob("*/static"))
        for path in folder.rglob("*")
        if path.is_file()
    ]
    static_from = fingerprint([*sources, PROJECT / "requirements.txt"])
    stamp = STATIC_ROOT / ".bench-built-from"
    if fresh or not stamp.exists() or stamp.read_text() != static_from:
        log("collectstatic")
        manage("collectstatic", "--no-input", "-v0", env=env)
        stamp.write_text(static_from)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, *, timeout=30):
    request = urllib.request.Request(url, headers={"Host": HOST, "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
        return response.status, response.headers, response.read()


def wait_until_answers(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            fetch(url, timeout=5)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(scale, page_cache_seconds, log_file):
    port = free_port()
    env = environment(
        scale, PAGE_CACHE_SECONDS=str(page_cache_seconds), WEB_CONCURRENCY=str(WORKERS)
    )
    # The production image's settings (deploy/gunicorn.conf.py), on a port of the bench's
    # own; access lines are formatted as in production but not kept.
    command = [
        *(sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"),
        *("--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"),
        *("--log-level", "info", "--error-logfile", str(log_file)),
    ]
    log_file.unlink(missing_ok=True)
    process = subprocess.Popen(command, cwd=PROJECT, env=env, start_new_session=True)
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/healthz")
        yield f"127.0.0.1:{port}"
    finally:
        # Gracefully (each worker finishes its request), but gunicorn's master lingers for
        # seconds after its workers have gone, so it is not waited for.
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def nginx(upstream):
    directory = WORK / "nginx"
    shutil.rmtree(directory, ignore_errors=True)
    for name in ("logs", "temp", "cache"):
        (directory / name).mkdir(parents=True)
    port, purge_port = free_port(), free_port()
    values = {
        "NGINX_SERVER_NAME": "localhost 127.0.0.1",
        "GUNICORN": upstream,
        "STATIC_ROOT": str(STATIC_ROOT),
        "MEDIA_ROOT": str(WORK / "media"),
        "NGINX_LISTEN": f"127.0.0.1:{port}",
        "NGINX_PURGE_LISTEN": f"127.0.0.1:{purge_port}",
        "NGINX_USER": getpass.getuser(),
        "NGINX_PID_FILE": str(directory / "nginx.pid"),
        "NGINX_LOG_DIR": str(directory / "logs"),
        "NGINX_TEMP_DIR": str(directory / "temp"),
        "NGINX_CACHE_DIR": str(directory / "cache"),
    }
    config = directory / "nginx.conf"
    rendered = run(
        [sys.executable, "deploy/render_nginx_conf.py"],
        env={"PATH": os.environ["PATH"], **values},
        capture_output=True,
        text=True,
    ).stdout
    config.write_text(rendered)
    process = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", str(directory), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/healthz", timeout=10)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def milliseconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    number, unit = float(match.group(1)), match.group(2)
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, *, duration, connections=8, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["-H", f"Host: {HOST}", "-H", "Accept-Encoding: gzip"]
    if script:
        command += ["-s", str(script)]
    output = run([*command, url], capture_output=True, text=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "non_2xx": 0,
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["non_2xx"] = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result["socket_errors"] = dict(
            zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True)
        )
    return result


def load_each(base, pages, duration, label, warm=3, static_url=None):
    """wrk against each page; with static_url, against the static copy just before each
    page too, so that on a busy machine each ratio compares two figures taken together."""
    results = {}
    for page in pages:
        url = base + page["path"]
        for _ in range(warm):  # Each worker's page cache, nginx's cache.
            try:
                status, headers, _ = fetch(url)
            except urllib.error.HTTPError as error:  # Counted by wrk too; shown in the row.
                status, headers = error.code, error.headers
        static = wrk(static_url, duration=duration)["rps"] if static_url else None
        results[page["name"]] = wrk(url, duration=duration) | {
            "status": status,
            "cache": headers.get("X-Cache-Status") or headers.get("X-Cache") or "",
            "static_rps": static,
        }
        log(f"{label}: {page['name']}: {results[page['name']]['rps']:.0f} req/s")
    return results


def worker_restarts(log_file):
    text = log_file.read_text() if log_file.exists() else ""
    booted = text.count("Booting worker with pid")
    return max(booted - WORKERS, 0), text.count("WORKER TIMEOUT")


def commit():
    head = run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True)
    return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def cell(result, static_rps):
    if not result:
        return f"{'':>24}"
    static_rps = result.get("static_rps") or static_rps
    ratio = result["rps"] / static_rps if static_rps else 0
    return f"{result['rps']:>7.0f} {result['p50']:>6.1f} {result['p99']:>6.0f} {ratio:>4.2f}"


def report(measured, static, modes, mix, args, scale):
    content = measured["content"]
    print(
        f"\nKinder Communities bench: commit {commit()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}"
    )
    print(
        f"Postgres database {database(scale)}; gunicorn -c deploy/gunicorn.conf.py, "
        f"{WORKERS} workers, DEBUG off; content "
        f"`load_demo_content --scale {scale}`: {content['publications']} publications, "
        f"{content['films']} films, {content['people']} people, "
        f"{content.get('news posts', 0)} news posts, {content['pages']} live pages"
    )
    print(
        f"wrk -t2 -c8 -d{args.duration}s, Accept-Encoding: gzip. req/s, p50 and p99 in ms, "
        "x = req/s as a share of the static figure"
    )
    print(
        f"Static: nginx serving a saved copy of the home page: {static['rps']:.0f} req/s "
        f"(median of one run beside each nginx row; each nginx row's x is against its own), "
        f"p50 {static['p50']:.2f} ms, p99 {static['p99']:.1f} ms\n"
    )
    heading = f"{'req/s':>7} {'p50':>6} {'p99':>6} {'x':>4}"
    print(
        f"{'':18} {'':>3} {'':>7} {'':>7} {'':>6}   {'uncached (gunicorn)':<24}   "
        f"{'page cache (gunicorn)':<24}   {'front cache (nginx)':<24}"
    )
    print(
        f"{'page':18} {'sql':>3} {'rend_ms':>7} {'html_B':>7} {'gz_B':>6}   {heading}   "
        f"{heading}   {heading}  nginx"
    )
    for page in measured["pages"]:
        name = page["name"]
        if not page.get("path"):
            print(f"{name:18} (no such page on this site yet)")
            continue
        print(
            f"{name:18} {page['queries']:>3} {page['median_ms']:>7.1f} {page['bytes']:>7} "
            f"{page['gzip_bytes']:>6}   "
            + "   ".join(cell(modes[mode].get(name), static["rps"]) for mode in modes)
            + f"  {modes['nginx'].get(name, {}).get('cache', '')}"
            + "".join(
                f" {mode}:{modes[mode][name]['status']}"
                for mode in modes
                if modes[mode].get(name, {}).get("status", 200) != 200
            )
        )
    if mix:
        errors = mix["socket_errors"]
        print(
            f"\nwrk -c64 for {args.mix_duration} s, every page type in turn, through nginx: "
            f"{mix['requests']} requests, {mix['rps']:.0f} req/s, p50 {mix['p50']:.1f} ms, "
            f"p99 {mix['p99']:.0f} ms; error responses {mix['non_2xx']}; socket errors "
            f"connect {errors['connect']}, read {errors['read']}, write {errors['write']}, "
            f"timeouts {errors['timeout']}; gunicorn worker restarts {mix['restarts']}, "
            f"worker timeouts {mix['worker_timeouts']}"
        )


def mix_script(pages):
    paths = ", ".join(json.dumps(page["path"]) for page in pages)
    script = WORK / "mix.lua"
    script.write_text(
        f"local paths = {{{paths}}}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        '  return wrk.format("GET", paths[(n % #paths) + 1])\n'
        "end\n"
    )
    return script


def growth(results):
    """Each page type from the first size measured to the last: queries, render time, HTML
    bytes and uncached req/s, with the ratio of each."""
    (small_scale, small), (large_scale, large) = results[0], results[-1]
    print(
        f"\nGrowth from --scale {small_scale} to --scale {large_scale} "
        f"({small['measured']['content']['pages']} to {large['measured']['content']['pages']} "
        "live pages): each figure at both sizes and their ratio"
    )
    print(
        f"{'page':18} {'sql':>7}   {'render ms':>17} {'x':>5}   {'HTML bytes':>15} {'x':>5}   "
        f"{'uncached req/s':>13} {'x':>5}"
    )
    large_pages = {page["name"]: page for page in large["measured"]["pages"]}
    for page in small["measured"]["pages"]:
        name, other = page["name"], large_pages.get(page["name"], {})
        if not page.get("path") or not other.get("path"):
            print(f"{name:18} (not on both sites)")
            continue
        small_rps = small["modes"]["uncached"].get(name, {}).get("rps", 0)
        large_rps = large["modes"]["uncached"].get(name, {}).get("rps", 0)
        print(
            f"{name:18} {page['queries']:>3}>{other['queries']:<3}   "
            f"{page['median_ms']:>7.1f} > {other['median_ms']:>7.1f} "
            f"{other['median_ms'] / page['median_ms']:>5.2f}   "
            f"{page['bytes']:>7}>{other['bytes']:<7} {other['bytes'] / page['bytes']:>5.2f}   "
            f"{small_rps:>6.0f}>{large_rps:<6.0f} "
            f"{(large_rps / small_rps if small_rps else 0):>5.2f}"
        )


def measure_scale(scale, args):
    """Every figure at one size: the database, in-process, under load, the crowd."""
    prepare_database(scale, args.fresh)
    log(f"--scale {scale}: in-process: queries and render times, page cache off")
    measured = json.loads(
        run(
            [sys.executable, "deploy/bench/measure.py"],
            env=environment(scale, PAGE_CACHE_SECONDS="0"),
            capture_output=True,
            text=True,
        ).stdout
    )
    pages = [page for page in measured["pages"] if page.get("path")]
    modes = {}
    mix = None
    with (
        gunicorn(scale, 60 * 60, WORK / "gunicorn-cached.log") as upstream,
        nginx(upstream) as front,
    ):
        # The saved copy of the home page that nginx serves as a plain file: the ceiling.
        _, headers, body = fetch(f"http://{upstream}/")
        if headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        saved = STATIC_ROOT / "bench" / "home.html"
        saved.parent.mkdir(exist_ok=True)
        saved.write_bytes(body)
        saved.with_name("home.html.gz").write_bytes(gzip.compress(body, compresslevel=9))
        static_url = f"http://{front}/static/bench/home.html"
        modes["cached"] = load_each(f"http://{upstream}", pages, args.duration, "page cache")
        modes["nginx"] = load_each(
            f"http://{front}", pages, args.duration, "nginx", static_url=static_url
        )
        statics = sorted(result["static_rps"] for result in modes["nginx"].values())
        static = wrk(static_url, duration=args.duration) | {"rps": statics[len(statics) // 2]}
        if args.mix_duration:
            log(f"wrk -c64 for {args.mix_duration} s through nginx")
            mix = wrk(
                f"http://{front}/",
                duration=args.mix_duration,
                connections=64,
                script=mix_script(pages),
            )
            mix["restarts"], mix["worker_timeouts"] = worker_restarts(WORK / "gunicorn-cached.log")
    with gunicorn(scale, 0, WORK / "gunicorn-uncached.log") as upstream:
        modes["uncached"] = load_each(
            f"http://{upstream}", pages, args.duration, "uncached", warm=1
        )
    modes = {name: modes[name] for name in ("uncached", "cached", "nginx")}
    return {"measured": measured, "static": static, "modes": modes, "mix": mix}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=int,
        action="append",
        help="load_demo_content --scale (default 9); give it twice (9, then 90) for the growth",
    )
    parser.add_argument("--duration", type=int, default=4, help="seconds of wrk per row")
    parser.add_argument("--mix-duration", type=int, default=60, help="0 skips the -c64 run")
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild the database and static files anyway"
    )
    args = parser.parse_args()
    scales = args.scale or [9]
    for tool in ("wrk", "psql", NGINX):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: `make nginx` and `apt-get install -y wrk` install them.")
    WORK.mkdir(parents=True, exist_ok=True)

    results = [(scale, measure_scale(scale, args)) for scale in scales]
    for scale, result in results:
        report(result["measured"], result["static"], result["modes"], result["mix"], args, scale)
    if len(results) > 1:
        growth(results)


if __name__ == "__main__":
    main()
