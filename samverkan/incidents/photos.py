"""Photo uploads: type, size and pixels checked, camera and location data dropped by
re-encoding; the photos one person sends are limited per request and per hour (settings'
UPLOAD_MAX_PHOTOS_*), since each costs a worker a decoding."""

from __future__ import annotations

import io
import secrets
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from samverkan.core import ratelimit, upload_limits
from samverkan.core.audit import Actor
from samverkan.core.errors import ServiceError

MAX_BYTES = 10 * 1024 * 1024
RATE_SCOPE = "photos"
RATE_WINDOW = 3600
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class CleanPhoto:
    """A photo re-encoded without metadata, ready to store."""

    data: bytes
    content_type: str
    width: int
    height: int
    filename: str


def clean_photo(upload: UploadedFile) -> CleanPhoto:
    """Check the file and re-encode it: only the pixels are kept, no EXIF, GPS or comments."""
    name = upload.name or "photo"
    if upload.size is None or upload.size > MAX_BYTES:
        raise ServiceError(
            _("%(name)s is larger than 10 MB. Send a smaller photo.") % {"name": name},
            field="photos",
        )
    raw = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            kind = image.format or ""
            if kind not in FORMATS:
                raise UnidentifiedImageError(kind)
            # The size is read from the header; the pixels are decoded only below the limit
            # (a phone photo has 12–24 megapixels; 80 cost a gigabyte and ten seconds).
            upload_limits.check_pixels(image.width, image.height)
            image.load()
            # Turn the pixels as the camera meant, since the orientation tag goes with the EXIF.
            upright = ImageOps.exif_transpose(image)
    except upload_limits.UnpackRefused as exc:
        raise ServiceError(
            _(
                "%(name)s has more pixels than a photo needs (at most %(megapixels)d megapixels). "
                "Send it in a smaller size."
            )
            % {"name": name, "megapixels": settings.UPLOAD_MAX_IMAGE_PIXELS // 1_000_000},
            field="photos",
        ) from exc
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
    ) as exc:
        raise ServiceError(
            _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}, field="photos"
        ) from exc
    keep = {"L", "RGB"} if kind == "JPEG" else {"L", "LA", "RGB", "RGBA"}
    if upright.mode not in keep:
        upright = upright.convert("RGB" if kind == "JPEG" else "RGBA")
    # A new image from the pixels alone carries no info dict, so nothing else is written.
    bare = Image.new(upright.mode, upright.size)
    bare.paste(upright)
    out = io.BytesIO()
    options: dict[str, object] = {"quality": 88} if kind in {"JPEG", "WEBP"} else {}
    bare.save(out, format=kind, **options)
    return CleanPhoto(
        data=out.getvalue(),
        content_type=FORMATS[kind],
        width=bare.width,
        height=bare.height,
        filename=f"{secrets.token_hex(12)}.{EXTENSIONS[kind]}",
    )


def clean_photos(
    uploads: Sequence[UploadedFile], *, actor: Actor, field: str = "photos"
) -> list[CleanPhoto]:
    """Check and re-encode the photos of one request, within the limits per request and per
    hour of the person sending them (a logged-in user; citizens are held by the citizens'
    report limit per address, one photo a report)."""
    if not uploads:
        return []
    if len(uploads) > settings.UPLOAD_MAX_PHOTOS_PER_REQUEST:
        raise ServiceError(
            _("Send at most %(count)d photos with one report.")
            % {"count": settings.UPLOAD_MAX_PHOTOS_PER_REQUEST},
            field=field,
        )
    key = str(actor.pk) if actor is not None and actor.is_authenticated else ""
    if key and (
        ratelimit.hits(RATE_SCOPE, key) + len(uploads) > settings.UPLOAD_MAX_PHOTOS_PER_HOUR
    ):
        raise ServiceError(
            _("You have sent %(count)d photos in the last hour. Please try again later.")
            % {"count": settings.UPLOAD_MAX_PHOTOS_PER_HOUR},
            field=field,
        )
    cleaned = []
    for upload in uploads:
        try:
            cleaned.append(clean_photo(upload))
        except ServiceError as error:
            raise ServiceError(error.message, field=field) from error
    if key:
        for _photo in cleaned:
            ratelimit.record(RATE_SCOPE, key, window=RATE_WINDOW)
    return cleaned
