import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("retoucherie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["config"])
# Sub-packages are not autodiscovered: the privacy centre's and the showcase's tasks.
app.autodiscover_tasks(["profiles.privacy", "profiles.showcase"])
