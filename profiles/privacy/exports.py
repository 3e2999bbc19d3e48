"""The data package of the right to portability (policy §7): a ZIP holding

- data.json: every declared value, by category (schema documented in docs/export-schema.md),
- one CSV per category (model, record, field, label, value),
- the user's files (profile photo, portfolio images) under files/.
"""

import csv
import io
import json
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from profiles.models.privacy import DataExport, ExportStatus
from profiles.privacy.registry import Category, registry
from profiles.private_files import encrypted_chunks

SCHEMA_VERSION = "1.0"
SCHEMA_URL = "docs/export-schema.md"


def _progress(export: DataExport, percent: int, status=ExportStatus.RUNNING) -> None:
    # A plain UPDATE, committed at once outside a transaction, so the status page sees it.
    DataExport.objects.filter(pk=export.pk).update(progress=percent, status=status)


def package_for(
    user, *, generated_at=None
) -> tuple[dict, dict[str, str], list[tuple[object, str, str]]]:
    """(data.json content, {csv name: text}, [(storage, name, path in the zip)])."""
    generated_at = generated_at or timezone.now()
    records = registry.collect(user)
    categories: dict[str, dict] = {}
    files = []
    seen_paths = set()
    for record in records:
        category = categories.setdefault(
            record.category,
            {"key": record.category, "label": str(Category(record.category).label), "records": []},
        )
        category["records"].append(
            {
                "model": record.model_label,
                "model_name": record.model_name,
                "id": record.pk,
                "fields": {
                    v.name: {"label": v.label, "value": v.value, "public": v.public}
                    for v in record.values
                },
            }
        )
        for storage, name in record.files:
            path = f"files/{name}"
            if path not in seen_paths:
                seen_paths.add(path)
                files.append((storage, name, path))
    order = list(Category.values)
    ordered = sorted(categories.values(), key=lambda c: order.index(c["key"]))
    data = {
        "schema": SCHEMA_URL,
        "schema_version": SCHEMA_VERSION,
        "generated_at": generated_at.isoformat(),
        "subject": {"id": str(user.pk), "email": user.email},
        "categories": ordered,
        "files": [{"path": path, "source": name} for _storage, name, path in files],
    }
    csvs = {}
    for category in ordered:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["model", "record_id", "field", "label", "value"])
        for record in category["records"]:
            for name, field in record["fields"].items():
                value = field["value"]
                if isinstance(value, list | dict):
                    value = json.dumps(value, ensure_ascii=False)
                writer.writerow([record["model"], record["id"], name, field["label"], value])
        csvs[f"{category['key']}.csv"] = buffer.getvalue()
    return data, csvs, files


def export_filename(export: DataExport) -> str:
    """The name the user's browser saves the archive under."""
    stamp = timezone.localtime(export.finished_at or export.created_at).strftime("%Y-%m-%d")
    return f"retoucherie-donnees-{stamp}.zip"


def export_build(export: DataExport) -> None:
    _progress(export, 5)
    data, csvs, files = package_for(export.user)
    _progress(export, 40)
    with tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
            for name, text in csvs.items():
                archive.writestr(name, text)
            for index, (storage, name, path) in enumerate(files, start=1):
                if storage.exists(name):
                    with storage.open(name, "rb") as handle:
                        archive.writestr(path, handle.read())
                _progress(export, 40 + int(50 * index / max(len(files), 1)))
        spool.seek(0)
        # Encrypted at rest (it holds the IBAN): decrypted only as the owner downloads it.
        with tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024) as encrypted:
            for chunk in encrypted_chunks(spool):
                encrypted.write(chunk)
            encrypted.seek(0)
            export.file.save("archive.zip.enc", File(encrypted), save=False)
    now = timezone.now()
    DataExport.objects.filter(pk=export.pk).update(
        file=export.file.name,
        status=ExportStatus.READY,
        progress=100,
        finished_at=now,
        expires_at=now + timezone.timedelta(days=settings.PRIVACY_EXPORT_DAYS),
    )
