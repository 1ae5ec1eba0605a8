"""A scanned page made for the tests: text drawn on an image with Pillow and wrapped as a PDF
without a text layer, as a scanner gives it."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def scanned_pdf(pages: list[list[str]], *, dpi: int = 200) -> bytes:
    """A PDF of images of the pages' lines (a tab is a wide gap), black on white, A4."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    size = dpi // 9  # about 8 pt
    font = ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default()
    images = []
    for lines in pages:
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        y = dpi
        for line in lines:
            x = dpi
            for column, cell in enumerate(line.split("\t")):
                if column:
                    x = max(x + size * 2, dpi + int(width * 0.35))
                draw.text((x, y), cell, fill=0, font=font)
                x += int(draw.textlength(cell, font=font))
            y += int(size * 1.5)
        images.append(image)
    out = BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()
