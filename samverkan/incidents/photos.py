"""Photo uploads: type and size checked, camera and location data dropped by re-encoding."""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from samverkan.core.errors import ServiceError

MAX_BYTES = 10 * 1024 * 1024
# A phone photo has 12–50 megapixels; more is a decompression bomb, not a photo.
MAX_PIXELS = 80_000_000
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
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError(name)
            image.load()
            # Turn the pixels as the camera meant, since the orientation tag goes with the EXIF.
            upright = ImageOps.exif_transpose(image)
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
