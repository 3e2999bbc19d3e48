"""Wagtail's background jobs go through Celery, after the transaction commits."""

from unittest import mock

import pytest

from config.tasks import run_function


@pytest.mark.django_db
def test_wagtail_task_is_sent_to_celery_on_commit(django_capture_on_commit_callbacks):
    from wagtail.tasks import update_reference_index_task

    with mock.patch("config.tasks.run_function.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            update_reference_index_task.enqueue("home", "homepage", 1)
        delay.assert_not_called()
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(
        "wagtail.tasks.update_reference_index_task", ["home", "homepage", 1], {}
    )


def test_run_function_refuses_paths_outside_the_libraries():
    with pytest.raises(ValueError, match="Refusing to run"):
        run_function("os.system", ["true"], {})


@pytest.mark.django_db
def test_run_function_calls_the_library_function():
    with mock.patch("wagtail.models.ReferenceIndex.create_or_update_for_object") as index:
        run_function("wagtail.tasks.update_reference_index_task", ["wagtailcore", "page", 1], {})
    index.assert_called_once()
