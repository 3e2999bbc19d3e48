"""The private storage: files that are nobody's business but their owner's (data exports,
authority exports, clients' profile photos, and later attachments, deliveries, quotes,
invoices and identity documents).

They live in the `"private"` alias of `STORAGES`: a folder outside `MEDIA_ROOT` in
development and tests, a bucket of its own with no public access in production. They have
no public address: a view that checks the owner streams them (`private_file_response`), or
redirects to a short-lived presigned URL when the storage can issue one and the file is not
encrypted by us.

Encrypted files (data exports) are written in a framed format so that neither writing nor
reading needs the whole file in memory: a magic line, then frames of a 4-byte big-endian
length followed by one Fernet token of at most `CHUNK_BYTES` clear bytes. Fernet is not a
streaming cipher; one token per megabyte keeps each step bounded.
"""

import mimetypes
import struct
import uuid
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.signals import setting_changed
from django.http import FileResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.encoding import iri_to_uri
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header

from profiles.encryption import fernet

PRIVATE_ALIAS = "private"
ENCRYPTED_MAGIC = b"RETOUCHERIE-FERNET-FRAMES-1\n"
CHUNK_BYTES = 1024 * 1024
_LENGTH = struct.Struct(">I")


class NoPublicURL:
    """A private file has no address of its own: asking for one is a bug, said loudly."""

    def url(self, name):
        raise ImproperlyConfigured(
            f"{name!r} is in the private storage: serve it through a view that checks the "
            "owner (profiles.private_files.private_file_response)."
        )


class PrivateFileSystemStorage(NoPublicURL, FileSystemStorage):
    """Development: a folder outside MEDIA_ROOT, so that SERVE_MEDIA can never reach it."""


class PrivateInMemoryStorage(NoPublicURL, InMemoryStorage):
    """Tests."""


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages[PRIVATE_ALIAS]


_private = _PrivateStorage()


def _reset(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


setting_changed.connect(_reset)


def private_storage():
    """The private storage (a callable, so that FileFields reference it in migrations)."""
    return _private


@checks.register(checks.Tags.security)
def private_storage_check(app_configs=None, **kwargs):
    """The private storage exists and public media cannot reach it."""
    if PRIVATE_ALIAS not in settings.STORAGES:
        return [
            checks.Error(
                "STORAGES has no 'private' alias: exports and documents would have nowhere "
                "private to go.",
                hint="Add it as in config/settings/base.py.",
                id="profiles.E011",
            )
        ]
    private, public = storages[PRIVATE_ALIAS], storages["default"]
    # (InMemoryStorage has a location too, but nothing on disk to publish.)
    location = private.location if isinstance(private, FileSystemStorage) else None
    if location and settings.MEDIA_ROOT:
        if Path(location).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
            return [
                checks.Error(
                    f"The private storage ({location}) is inside MEDIA_ROOT: SERVE_MEDIA or "
                    "the web server would publish private files.",
                    id="profiles.E012",
                )
            ]
    bucket = getattr(private, "bucket_name", None)
    if bucket and bucket == getattr(public, "bucket_name", None):
        return [
            checks.Error(
                f"The private and public storages share the bucket {bucket}.",
                hint="Set S3_PRIVATE_BUCKET to a bucket with no public access.",
                id="profiles.E013",
            )
        ]
    return []


def random_name(folder: str, filename: str = "") -> str:
    """`folder/<uuid4 hex>.<ext>`: no user data (name, e-mail, original file name) in the path."""
    suffix = PurePosixPath(filename).suffix.lower()
    if not suffix[1:].isalnum() or len(suffix) > 6:
        suffix = ""
    return f"{folder.rstrip('/')}/{uuid.uuid4().hex}{suffix}"


# Encryption at rest ------------------------------------------------------------------------


def encrypted_chunks(handle, *, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The framed, encrypted form of a readable binary file, piece by piece."""
    yield ENCRYPTED_MAGIC
    keys = fernet()
    while chunk := handle.read(chunk_bytes):
        token = keys.encrypt(chunk)
        yield _LENGTH.pack(len(token)) + token


def decrypted_chunks(handle) -> Iterator[bytes]:
    """The clear bytes of a file written by `encrypted_chunks` (any key of FIELD_ENCRYPTION_KEYS)."""
    if handle.read(len(ENCRYPTED_MAGIC)) != ENCRYPTED_MAGIC:
        raise ValueError("not an encrypted private file")
    keys = fernet()
    while header := handle.read(_LENGTH.size):
        (length,) = _LENGTH.unpack(header)
        yield keys.decrypt(handle.read(length))


# Serving -------------------------------------------------------------------------------------

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
}


def _presignable(storage) -> bool:
    # S3Storage with querystring_auth issues URLs valid querystring_expire seconds.
    return bool(getattr(storage, "querystring_auth", False)) and not isinstance(
        storage, NoPublicURL
    )


def private_file_response(
    name: str,
    *,
    filename: str,
    storage=None,
    content_type: str | None = None,
    encrypted: bool = False,
    as_attachment: bool = True,
):
    """Serve a private file to someone the calling view has already checked.

    Encrypted files are decrypted as they are streamed; other downloads go through a
    presigned URL when the storage supports it (production bucket); the rest is streamed.
    """
    storage = storage or private_storage()
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    disposition = content_disposition_header(as_attachment, filename)
    if encrypted:
        handle = storage.open(name, "rb")

        def stream():
            try:
                yield from decrypted_chunks(handle)
            finally:
                handle.close()

        response = StreamingHttpResponse(stream(), content_type=content_type)
        response["Content-Disposition"] = disposition
    elif as_attachment and _presignable(storage):
        # Downloads only: a redirect to the bucket from an <img> would need the bucket's host
        # in the CSP's img-src; small inline images are streamed from here instead.
        response = HttpResponseRedirect(
            iri_to_uri(
                storage.url(
                    name,
                    parameters={
                        "ResponseContentDisposition": disposition,
                        "ResponseContentType": content_type,
                    },
                )
            )
        )
    else:
        response = FileResponse(
            storage.open(name, "rb"),
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response
