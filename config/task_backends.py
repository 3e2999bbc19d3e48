"""Wagtail's and wagtail-localize's background jobs run on the same Celery workers as ours.

Both hand over a module-level function; Celery receives its dotted path and JSON arguments,
after the surrounding transaction commits, so a worker never reads data that does not exist yet.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_module_path, get_random_id
from wagtail_localize.tasks import BaseJobBackend

from config.tasks import run_function


class CeleryTaskBackend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        path = get_module_path(task.func)
        transaction.on_commit(lambda: run_function.delay(path, list(args), dict(kwargs)))
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


class CeleryJobBackend(BaseJobBackend):
    def enqueue(self, func, args, kwargs):
        path = f"{func.__module__}.{func.__qualname__}"
        transaction.on_commit(lambda: run_function.delay(path, list(args), dict(kwargs)))
