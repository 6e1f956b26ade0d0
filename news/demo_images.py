"""Placeholder photos for the demo content, drawn with Pillow."""

import io
import random

from PIL import Image, ImageDraw


def _mix(color, other, t):
    return tuple(round(a + (b - a) * t) for a, b in zip(color, other, strict=True))


def demo_photo(seed, color_hex, size=(1200, 750)):
    """Return JPEG bytes of a simple river-and-city scene tinted by color_hex.

    The same seed always draws the same picture, so reloading the demo gives
    the same photos.
    """
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    width, height = size
    base = tuple(int(color_hex.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    sky_top = _mix(base, (255, 255, 255), 0.55)
    sky_bottom = _mix(base, (255, 236, 200), 0.75)
    image = Image.new("RGB", size, sky_top)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.68))
    for y in range(horizon):
        draw.line([(0, y), (width, y)], fill=_mix(sky_top, sky_bottom, y / horizon))
    sun_x, sun_r = rng.randint(150, width - 150), rng.randint(40, 80)
    sun_y = rng.randint(80, horizon - 150)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 240, 200))
    # City skyline.
    x = 0
    while x < width:
        w, h = rng.randint(40, 110), rng.randint(60, int(height * 0.4))
        shade = _mix(base, (20, 20, 30), rng.uniform(0.35, 0.65))
        draw.rectangle([x, horizon - h, x + w, horizon], fill=shade)
        for wy in range(horizon - h + 12, horizon - 10, 22):
            for wx in range(x + 8, x + w - 10, 18):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 7, wy + 10], fill=(250, 226, 150))
        x += w + rng.randint(2, 14)
    # River and a bridge.
    water = _mix(base, (30, 60, 90), 0.5)
    draw.rectangle([0, horizon, width, height], fill=water)
    for y in range(horizon + 8, height, 14):
        draw.line(
            [(rng.randint(0, width // 2), y), (rng.randint(width // 2, width), y)],
            fill=_mix(water, (255, 255, 255), 0.18),
            width=2,
        )
    deck = horizon + int((height - horizon) * 0.25)
    steel = _mix(base, (60, 40, 30), 0.7)
    draw.rectangle([0, deck, width, deck + 12], fill=steel)
    span = width // 4
    for start in range(0, width, span):
        draw.arc(
            [start, deck - span // 3, start + span, deck + span // 3], 180, 360, fill=steel, width=8
        )
        draw.rectangle([start + span // 2 - 6, deck, start + span // 2 + 6, height], fill=steel)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


LOGO_SIZE = 256
LOGO_SCALE = 4  # drawn large, then reduced, for smooth edges
LOGO_RED = (155, 28, 28, 255)
LOGO_WHITE = (255, 255, 255, 255)


def demo_logo():
    """PNG bytes of Long Biên's logo for the demo: "LB" in white on the
    site's red, with rounded corners. The letters are built from shapes
    rather than a font, so the file comes out the same on every machine."""
    s = LOGO_SIZE * LOGO_SCALE
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, s - 1, s - 1], radius=s * 3 // 16, fill=LOGO_RED)

    unit = s / 256  # coordinates below are on a 256-pixel grid
    stroke = 24 * unit
    top, bottom = 56 * unit, 200 * unit

    def box(x0, y0, x1, y1):
        return [round(x0), round(y0), round(x1), round(y1)]

    # L
    left = 40 * unit
    draw.rectangle(box(left, top, left + stroke, bottom), fill=LOGO_WHITE)
    draw.rectangle(box(left, bottom - stroke, left + 84 * unit, bottom), fill=LOGO_WHITE)

    # B: two bowls, each a white half-round shape with a red hollow, then the
    # stem drawn over their left ends.
    stem = 130 * unit
    middle = (top + bottom) / 2
    bowls = ((top, middle + stroke / 2, 214 * unit), (middle - stroke / 2, bottom, 220 * unit))
    for y0, y1, right in bowls:
        r = (y1 - y0) / 2
        for inset, color in ((0, LOGO_WHITE), (stroke, LOGO_RED)):
            draw.rectangle(box(stem, y0 + inset, right - r, y1 - inset), fill=color)
            draw.ellipse(
                box(right - 2 * r + inset, y0 + inset, right - inset, y1 - inset), fill=color
            )
    draw.rectangle(box(stem, top, stem + stroke, bottom), fill=LOGO_WHITE)
    buffer = io.BytesIO()
    image.resize((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS).save(
        buffer, "PNG", optimize=True
    )
    return buffer.getvalue()
