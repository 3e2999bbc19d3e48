"""`make bench`: requests per second and latency of the public pages against a baseline.

Serves the site with gunicorn (2 sync workers, DEBUG off, config.settings.bench) on
127.0.0.1 — on PostgreSQL when DATABASE_URL points at it (a throw-away database is created
and dropped), else on a throw-away SQLite file — seeds BENCH_RETOUCHERS (200) retouchers,
then measures, for BENCH_SECONDS (10) each with BENCH_CONCURRENCY (4) clients, in
BENCH_ROUNDS (3) rounds where the scenarios take turns:

  baseline             a constant 10 KB view (same middleware stack)
  showcase uncached    showcase pages, every request a cache miss (a unique query string)
  directory uncached   directory pages 1–9, every request a cache miss
  showcase logged in   the showcase pages for a logged-in demo client (never cached whole)
  directory logged in  the directory pages, logged in
  account              the client's account page
  showcase cached      the same showcase pages, served from the anonymous-page cache
  directory cached     the same directory pages, from the cache

Unique addresses: in an uncached scenario every request carries a query string no other
request of the run used: `nocache=<round>-<client>-<n>`, where <client> is the wrk thread
(numbered in wrk's `setup()`, each thread having its own counter <n>) or the Python client
thread. Requests an uncached scenario finds in the page cache anyway (`X-Cache: hit`) are
counted and printed: a figure with hits is not an uncached figure.

It uses wrk when installed, else the Python load generator below. Each figure is printed
with its ratio to the baseline measured in the same run, and each goal with its verdict.
"""

import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
GOALS = {
    "showcase uncached": 0.075,
    "directory uncached": 0.05,
    "showcase logged in": 0.047,
    "directory logged in": 0.05,
    "account": 0.063,
    "showcase cached": 0.9,
    "directory cached": 0.9,
}


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="retoucherie-bench-"))
    database_url, pg_name = _database(tmp)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp / "var"),
        "PYTHONUNBUFFERED": "1",
        "BENCH_SESSION_FILE": str(tmp / "session.json"),
    }
    python = sys.executable
    print(f"database: {database_url.split('@')[-1]}")
    print(f"cache: {'Redis' if env.get('REDIS_URL') else 'local memory (per worker)'}")
    server = None
    try:
        _run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        print(f"seeding {os.environ.get('BENCH_RETOUCHERS', '200')} retouchers…", flush=True)
        started = time.monotonic()
        _run([python, "tests/benchmarks/seed.py"], env)
        print(f"seeded in {time.monotonic() - started:.0f} s")
        session = json.loads((tmp / "session.json").read_text())
        logged_in = {"Cookie": session["cookie"]}
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "config.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
             "--access-logfile", "/dev/null", "--error-logfile", str(tmp / "gunicorn.log")],
            cwd=ROOT, env=env,
        )  # fmt: skip
        _wait(base + "/healthz", server)
        showcases = _showcase_urls(base)
        directories = ["/fr/retoucheurs/"] + [f"/fr/retoucheurs/?page={n}" for n in range(2, 10)]
        tool = "wrk" if shutil.which("wrk") else "python"
        seconds = SECONDS / ROUNDS
        print(f"load generator: {tool}; {CONCURRENCY} clients, {SECONDS:.0f} s per scenario "
              f"in {ROUNDS} interleaved rounds")  # fmt: skip
        print(f"{len(showcases)} showcases, {len(directories)} directory pages\n")
        rounds: dict[str, list[dict]] = {}

        def measure(name, paths, round_number, unique=False, headers=None):
            tag = f"r{round_number}" if unique else None
            rounds.setdefault(name, []).append(
                _measure(base, paths, tool, seconds, tag, headers or {})
            )

        # The scenarios take turns, so a slow spell of the machine falls on all of them.
        for n in range(ROUNDS):
            measure("baseline", ["/bench/baseline/"], n)
            measure("showcase uncached", showcases, n, unique=True)
            measure("directory uncached", directories, n, unique=True)
            measure("showcase logged in", showcases, n, headers=logged_in)
            measure("directory logged in", directories, n, headers=logged_in)
            measure("account", [session["account_url"]], n, headers=logged_in)
            # Warm the cache (the uncached rounds fill it too). Without REDIS_URL each worker
            # has its own local-memory cache, so every page is requested a few times for both
            # workers to hold it.
            for _ in range(1 if env.get("REDIS_URL") else 4):
                for path in showcases + directories:
                    urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310
            measure("showcase cached", showcases, n)
            measure("directory cached", directories, n)
        results = {name: _merge(parts) for name, parts in rounds.items()}
        _report(results)
        return 0
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        if pg_name:
            admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
            subprocess.run(
                ["psql", admin, "-c", f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)"],
                capture_output=True,
            )
        shutil.rmtree(tmp, ignore_errors=True)


def _database(tmp: Path) -> tuple[str, str | None]:
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        name = f"retoucherie_bench_{uuid.uuid4().hex[:8]}"
        admin = base.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-c", f"CREATE DATABASE {name}"], check=True,
                       capture_output=True)  # fmt: skip
        return base.rsplit("/", 1)[0] + f"/{name}", name
    return f"sqlite:///{tmp / 'bench.sqlite3'}", None


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    if result.stdout.strip():
        print(result.stdout.rstrip())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start within 60 s")


def _showcase_urls(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=60) as response:  # noqa: S310
        xml = response.read().decode()
    urls = re.findall(r"<loc>https?://[^/]+(/fr/retoucheurs/[^<]+/)</loc>", xml)
    if not urls:
        raise SystemExit("no showcase in the sitemap: seeding failed?")
    return urls


def _measure(
    base: str, paths: list[str], tool: str, seconds: float, tag: str | None, headers: dict
) -> dict:
    """Load for `seconds`; with a `tag`, every request is a cache miss (a unique query string)."""
    if tool == "wrk":
        return _wrk(base, paths, seconds, tag, headers)
    return _python_load(base, paths, seconds, tag, headers)


def _unique(path: str, tag: str, client: int, n: int) -> str:
    """`path` with a query string no other request of the run uses: the round's tag, the
    client's number and the client's own count."""
    return path + ("&" if "?" in path else "?") + f"nocache={tag}-{client}-{n}"


def _python_load(
    base: str, paths: list[str], seconds: float, tag: str | None, headers: dict
) -> dict:
    """CONCURRENCY threads, each sending requests one after the other for `seconds`."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = [0]
    hits = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int):
        mine, my_errors, my_hits, n = [], 0, 0, 0
        while time.monotonic() < stop:
            n += 1
            path = paths[(n + number) % len(paths)]
            if tag:
                path = _unique(path, tag, number, n)
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    my_errors += 1
                if response.getheader("X-Cache") == "hit":
                    my_hits += 1
            except OSError:
                my_errors += 1
            finally:
                connection.close()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += my_errors
            hits[0] += my_hits

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONCURRENCY)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "hits": hits[0],
        "elapsed": time.monotonic() - started,
        "latencies": latencies,
    }


# wrk runs one Lua state per thread, each with its own copy of the script's globals: a
# counter alone would repeat the same addresses in every thread. `setup()` (run once per
# thread, in the main state) gives each thread its number, which goes into every address.
WRK_SCRIPT = """
local paths = {%(paths)s}
local tag = %(tag)s
local headers = {%(headers)s}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local n = 0
local hits = 0
local not_ok = 0

request = function()
  n = n + 1
  local p = paths[((n + id) %% #paths) + 1]
  if tag then
    p = p .. (string.find(p, "?", 1, true) and "&" or "?") .. "nocache=" .. tag .. "-" .. id .. "-" .. n
  end
  return wrk.format("GET", p, headers)
end

-- wrk counts only statuses over 399 as errors: a redirect (a session that is not logged
-- in, sent to the login page) must count too.
response = function(status, response_headers, body)
  if response_headers["X-Cache"] == "hit" then
    hits = hits + 1
    thread_hits = hits
  end
  if status ~= 200 then
    not_ok = not_ok + 1
    thread_not_ok = not_ok
  end
end

done = function(summary, latency, requests)
  local all_hits, all_not_ok = 0, 0
  for _, thread in ipairs(threads) do
    all_hits = all_hits + (thread:get("thread_hits") or 0)
    all_not_ok = all_not_ok + (thread:get("thread_not_ok") or 0)
  end
  io.write(string.format("RESULT %%d %%d %%d %%f %%f\\n", summary.requests,
    all_not_ok + summary.errors.connect + summary.errors.read + summary.errors.timeout, all_hits,
    latency:percentile(50), latency:percentile(99)))
end
"""


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(base: str, paths: list[str], seconds: float, tag: str | None, headers: dict) -> dict:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        WRK_SCRIPT
        % {
            "paths": ", ".join(_lua_string(p) for p in paths),
            "tag": _lua_string(tag) if tag else "nil",
            "headers": ", ".join(
                f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()
            ),
        }
    )
    duration = max(1, round(seconds))
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONCURRENCY), "-d", f"{duration}s", "-s", str(script), base],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    script.unlink()
    found = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)", output)
    requests, errors, hits, p50, p99 = found.groups()
    return {"requests": int(requests), "errors": int(errors), "hits": int(hits),
            "elapsed": float(duration), "p50": float(p50) / 1000, "p99": float(p99) / 1000}  # fmt: skip


def _merge(parts: list[dict]) -> dict:
    """One scenario's rounds as one figure: all its requests over all its time."""
    requests = sum(part["requests"] for part in parts)
    merged = {
        "requests": requests,
        "errors": sum(part["errors"] for part in parts),
        "hits": sum(part["hits"] for part in parts),
        "rps": requests / sum(part["elapsed"] for part in parts),
    }
    if all("latencies" in part for part in parts):
        latencies = sorted(t for part in parts for t in part["latencies"])
        merged["p50"] = statistics.median(latencies) * 1000
        merged["p99"] = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    else:  # wrk reports percentiles only: the typical round's median, the worst round's p99
        merged["p50"] = statistics.median(part["p50"] for part in parts)
        merged["p99"] = max(part["p99"] for part in parts)
    return merged


def _report(results: dict) -> None:
    baseline = results["baseline"]["rps"]
    print(f"{'scenario':<20} {'requests':>9} {'errors':>7} {'hits':>7} {'req/s':>9} "
          f"{'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}")  # fmt: skip
    for name, r in results.items():
        print(f"{name:<20} {r['requests']:>9} {r['errors']:>7} {r['hits']:>7} {r['rps']:>9.1f} "
              f"{r['p50']:>8.1f} {r['p99']:>8.1f} {r['rps'] / baseline:>7.3f}")  # fmt: skip
    print()
    for name, goal in GOALS.items():
        ratio = results[name]["rps"] / baseline
        verdict = "met" if ratio >= goal else "NOT met"
        print(f"goal {name} ≥ {goal:.3f} × baseline: {ratio:.3f} ({verdict})")
    for name in ("showcase uncached", "directory uncached"):
        if results[name]["hits"]:
            print(f"WARNING: {results[name]['hits']} requests of {name} were cache hits: "
                  "its figure is not an uncached one")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
