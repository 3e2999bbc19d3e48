"""A real Celery worker against Redis: tasks enqueued on commit run after commit, never after a rollback."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import transaction

from config.celery import app
from home.tasks import HEARTBEAT_KEY, record_heartbeat
from tests.markers import requires_redis

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    requires_redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_demo_snapshot"),  # the migrated copy tests/conftest.py restores
]


@pytest.fixture
def worker():
    broker = os.environ["REDIS_URL"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "REDIS_URL": broker}
    queue = f"test-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
    app.conf.update(task_always_eager=False, broker_url=broker, task_default_queue=queue)
    _forget_connections()
    try:
        yield RedisCache(broker, {"KEY_PREFIX": "retoucherie"})
    finally:
        app.conf.update(
            task_always_eager=previous[0], broker_url=previous[1], task_default_queue=previous[2]
        )
        _forget_connections()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _forget_connections():
    # The app caches its broker connections; drop them so the next send uses broker_url.
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(shared_cache, token, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = shared_cache.get(HEARTBEAT_KEY.format(token=token))
        if value:
            return value
        time.sleep(0.2)
    return None


def test_task_enqueued_on_commit_runs_after_commit_and_not_after_rollback(worker):
    committed, rolled_back, sentinel = (uuid.uuid4().hex for _ in range(3))

    with transaction.atomic():
        record_heartbeat.delay_on_commit(committed)
        # Nothing is sent while the transaction is open.
        time.sleep(0.5)
        assert worker.get(HEARTBEAT_KEY.format(token=committed)) is None

    assert wait_for(worker, committed), "the committed task never ran"

    with pytest.raises(RuntimeError), transaction.atomic():
        record_heartbeat.delay_on_commit(rolled_back)
        raise RuntimeError("roll back")
    # The queue is first in, first out: once a later task ran, the rolled-back one would have too.
    record_heartbeat.delay(sentinel)
    assert wait_for(worker, sentinel), "the worker stopped consuming"
    assert worker.get(HEARTBEAT_KEY.format(token=rolled_back)) is None
