"""Lifecycle hooks other apps fill from their `AppConfig.ready()`, so that `profiles` acts on
their data without importing them (the import arrows run the other way).

- on_restrict(user) / on_lift_restriction(user): the showcase unpublishes / may republish.
- on_erase(user): called inside the deletion transaction, before the user row goes.
- deletion_blockers(user) -> list[str]: reasons the account cannot be deleted now (open
  orders, payments in progress); orders fills it.
- has_purchased(user) -> bool: whether a client bought something (policy §5: a retention
  record is kept for them); orders fills it.
- rectification_links: (URL name, label) pairs of the forms where data is corrected, shown
  by the privacy centre; the account pages add theirs.
- purge(now, dry_run) -> list[str]: extra retention purges (consent records), each line a
  human description of what was (or would be) removed.

Every hook must be idempotent: a retried task may call it twice.
"""

from collections.abc import Callable

on_restrict: list[Callable] = []
on_lift_restriction: list[Callable] = []
on_erase: list[Callable] = []
deletion_blockers: list[Callable] = []
has_purchased: list[Callable] = []
purge: list[Callable] = []
rectification_links: list[tuple[str, str]] = []


def register(hook_list: list[Callable], func: Callable) -> Callable:
    """Add `func` to a hook list once (ready() may run twice in tests)."""
    if func not in hook_list:
        hook_list.append(func)
    return func
