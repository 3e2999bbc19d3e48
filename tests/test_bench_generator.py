"""`make bench`'s load generators: in an uncached scenario no address is requested twice (a
repeated one would be a cache hit counted as a miss), and logged-in scenarios send the
session cookie with every request."""

import importlib.util
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "bench_run", Path(__file__).parent / "benchmarks" / "run.py"
)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture
def recording_server():
    """A loopback server answering 200 to every GET and noting its address and cookie."""
    seen: list[tuple[str, str | None]] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - http.server's name
            with lock:
                seen.append((self.path, self.headers.get("Cookie")))
            login_required = self.path.startswith("/login-required/")
            self.send_response(302 if login_required else 200)
            if login_required:
                self.send_header("Location", "/login/")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


TOOLS = [
    "python",
    pytest.param(
        "wrk", marks=pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
    ),
]


@pytest.mark.parametrize("tool", TOOLS)
def test_an_uncached_scenario_never_requests_the_same_address_twice(recording_server, tool):
    base, seen = recording_server
    paths = ["/fr/retoucheurs/", "/fr/retoucheurs/?page=2"]
    result = bench._measure(base, paths, tool, 1, "r0", {})
    addresses = [path for path, _cookie in seen]
    assert result["requests"] > 20
    assert len(set(addresses)) == len(addresses)
    assert all("nocache=r0-" in address for address in addresses)
    assert {address.split("?")[0] for address in addresses} == {"/fr/retoucheurs/"}


@pytest.mark.parametrize("tool", TOOLS)
def test_a_logged_in_scenario_sends_the_session_cookie(recording_server, tool):
    base, seen = recording_server
    bench._measure(base, ["/fr/compte/"], tool, 1, None, {"Cookie": "sessionid=abc"})
    assert seen
    assert {cookie for _path, cookie in seen} == {"sessionid=abc"}
    assert {path for path, _cookie in seen} == {"/fr/compte/"}


@pytest.mark.parametrize("tool", TOOLS)
def test_a_redirect_counts_as_an_error(recording_server, tool):
    """A session the site does not take is sent to the login page: not a figure to report."""
    base, _seen = recording_server
    result = bench._measure(base, ["/login-required/"], tool, 1, None, {})
    assert result["requests"] > 0
    assert result["errors"] >= result["requests"] - bench.CONCURRENCY
