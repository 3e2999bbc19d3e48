"""Staff roles of the privacy tools (policy §4: staff see only what their role needs).

- "DPO": the data-subject request tracker, users' personal data (each view logged), the
  lawful-authority export, the access log, the record of processing, support requests.
- "Support": support requests only; no access to a user's full personal data.
Created after each migrate so that production has them too; idempotent.
"""

from django.contrib.auth.models import Group, Permission

DPO_GROUP = "DPO"
SUPPORT_GROUP = "Support"

ROLE_PERMISSIONS = {
    DPO_GROUP: [
        ("wagtailadmin", "access_admin"),
        ("profiles", "view_datasubjectrequest"),
        ("profiles", "change_datasubjectrequest"),
        ("profiles", "add_datasubjectrequest"),
        ("profiles", "view_personal_data"),
        ("profiles", "export_for_authority"),
        ("profiles", "view_staffaccesslog"),
        ("profiles", "view_supportrequest"),
        ("profiles", "change_supportrequest"),
    ],
    SUPPORT_GROUP: [
        ("wagtailadmin", "access_admin"),
        ("profiles", "view_supportrequest"),
        ("profiles", "change_supportrequest"),
    ],
}


def is_dpo(user) -> bool:
    """The data protection officer (the "DPO" group) or a superuser: the only ones who see
    the record of processing and the site history (every staff member's actions)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=DPO_GROUP).exists()


def roles_ensure() -> dict[str, Group]:
    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                group.permissions.add(permission)
        groups[name] = group
    return groups


def roles_ensure_after_migrate(sender, **kwargs):
    """Run once per migrate, after the last app's post_migrate created every permission."""
    from django.apps import apps

    if sender.name == list(apps.get_app_configs())[-1].name:
        roles_ensure()
