from celery import shared_task
from django.utils.module_loading import import_string

# Only the libraries that hand us background work may be named in a message.
ALLOWED_PREFIXES = ("wagtail.", "wagtail_localize.", "modelsearch.")


@shared_task(acks_late=True)
def run_function(path: str, args: list, kwargs: dict):
    """Run a library's background function (Wagtail, wagtail-localize) by its dotted path."""
    if not path.startswith(ALLOWED_PREFIXES):
        raise ValueError(f"Refusing to run {path}: not a Wagtail background function.")
    func = import_string(path)
    # django_tasks wraps the function in a Task object; call the function itself.
    func = getattr(func, "func", func)
    return func(*args, **kwargs)
