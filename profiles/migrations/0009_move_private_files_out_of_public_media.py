"""Data exports and clients' photos leave the public media storage for the private one:
exports are encrypted on the way, both get random names, the public copies are deleted."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import migrations

from profiles.private_files import encrypted_chunks, private_storage, random_name


def _move(row, field, folder, *, encrypt):
    name = getattr(row, field).name
    public = storages["default"]
    if not name or not public.exists(name):
        return
    with public.open(name, "rb") as handle:
        if encrypt:
            content = b"".join(encrypted_chunks(handle))
        else:
            content = handle.read()
    new_name = private_storage().save(random_name(folder, name), ContentFile(content))
    type(row).objects.filter(pk=row.pk).update(**{field: new_name})
    public.delete(name)


def forwards(apps, schema_editor):
    for export in apps.get_model("profiles", "DataExport").objects.exclude(file=""):
        _move(export, "file", "exports", encrypt=True)
    for profile in apps.get_model("profiles", "ClientProfile").objects.exclude(photo=""):
        _move(profile, "photo", "clients/photos", encrypt=False)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0008_private_storage_and_hashed_export_tokens")]

    # Backwards: the files stay private (putting them back in public media would be the leak).
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
