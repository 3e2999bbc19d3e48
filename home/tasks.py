from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "worker-heartbeat:{token}"


@shared_task(acks_late=True)
def record_heartbeat(token: str) -> str:
    """Leave a trace in the shared cache: proves a worker is consuming the queue.

    Operators run it with `celery -A config call home.tasks.record_heartbeat --args '["x"]'`.
    """
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY.format(token=token), now, timeout=600)
    return now
