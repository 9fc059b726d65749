"""Generated pictures for the demo newsroom: no stock photos to license or download.

Each is drawn from a seed (the article's title), so a rerun draws the same picture.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "Политика": [(28, 43, 74), (120, 134, 168), (222, 205, 180)],
    "Общество": [(33, 87, 82), (150, 190, 170), (240, 226, 200)],
    "Экономика": [(70, 52, 28), (196, 150, 74), (240, 222, 176)],
    "Культура": [(92, 30, 60), (200, 110, 120), (246, 214, 190)],
    "Наука": [(16, 30, 60), (60, 120, 170), (190, 225, 240)],
}
DEFAULT_PALETTE = [(40, 40, 48), (130, 130, 140), (220, 220, 225)]


def _mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def landscape(seed: str, palette_name: str, size=(1600, 900)) -> bytes:
    """A soft landscape-like picture (sky gradient, sun, ridges) as JPEG bytes."""
    rng = random.Random(seed)
    dark, mid, light = PALETTES.get(palette_name, DEFAULT_PALETTE)
    width, height = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(light, mid, y / height))
    sun_x, sun_y, r = rng.randint(200, width - 200), rng.randint(120, height // 2), rng.randint(50, 110)
    draw.ellipse([sun_x - r, sun_y - r, sun_x + r, sun_y + r], fill=_mix(light, (255, 255, 255), 0.6))
    for layer in range(4):
        base = height * (0.45 + 0.13 * layer)
        colour = _mix(mid, dark, 0.25 + layer * 0.25)
        points = [(0, height)]
        x = 0
        while x <= width:
            points.append((x, base + rng.randint(-60, 40)))
            x += rng.randint(80, 220)
        points += [(width, base), (width, height)]
        draw.polygon(points, fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def portrait(seed: str, size=(400, 400)) -> bytes:
    """An abstract head-and-shoulders silhouette on a coloured ground, as JPEG bytes."""
    rng = random.Random(seed)
    palette = rng.choice(list(PALETTES.values()))
    img = Image.new("RGB", size, palette[2])
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.ellipse([w * 0.15, h * 0.62, w * 0.85, h * 1.3], fill=palette[1])
    draw.ellipse([w * 0.33, h * 0.2, w * 0.67, h * 0.6], fill=palette[0])
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()
