"""Draw the publisher logo used in article structured data (static/img/logo.png).

    .venv/bin/python scripts/draw_logo.py

The same mark as the favicon: "LB" in white on the site's red, with rounded
corners. The letters are built from shapes rather than a font, so the file
comes out the same on every machine.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
SCALE = 4  # drawn large, then reduced, for smooth edges
RED = (155, 28, 28, 255)
WHITE = (255, 255, 255, 255)
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "logo.png"


def draw_logo():
    s = SIZE * SCALE
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, s - 1, s - 1], radius=s * 3 // 16, fill=RED)

    unit = s / 256  # coordinates below are on a 256-pixel grid
    stroke = 24 * unit
    top, bottom = 56 * unit, 200 * unit

    def box(x0, y0, x1, y1):
        return [round(x0), round(y0), round(x1), round(y1)]

    # L
    left = 40 * unit
    draw.rectangle(box(left, top, left + stroke, bottom), fill=WHITE)
    draw.rectangle(box(left, bottom - stroke, left + 84 * unit, bottom), fill=WHITE)

    # B: two bowls, each a white half-round shape with a red hollow, then the
    # stem drawn over their left ends.
    stem = 130 * unit
    middle = (top + bottom) / 2
    bowls = ((top, middle + stroke / 2, 214 * unit), (middle - stroke / 2, bottom, 220 * unit))
    for y0, y1, right in bowls:
        r = (y1 - y0) / 2
        for inset, color in ((0, WHITE), (stroke, RED)):
            draw.rectangle(box(stem, y0 + inset, right - r, y1 - inset), fill=color)
            draw.ellipse(
                box(right - 2 * r + inset, y0 + inset, right - inset, y1 - inset), fill=color
            )
    draw.rectangle(box(stem, top, stem + stroke, bottom), fill=WHITE)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    draw_logo().save(OUTPUT, optimize=True)
    print(f"{OUTPUT.name}: {SIZE}×{SIZE}, {OUTPUT.stat().st_size} bytes")
