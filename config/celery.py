import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("retoucherie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["config"])
# Tasks in sub-packages (profiles.showcase.tasks) are not found by the default discovery.
app.autodiscover_tasks(["profiles.showcase"])
