"""Draw the plain logo a portal starts with (static/img/logo.png), used in
article structured data and when sharing a page without a photo until the
editor-in-chief uploads the portal's own ("Thông tin trang" in the admin).

    .venv/bin/python scripts/draw_logo.py

The same mark as the favicon (static/img/favicon.svg): a page of news in
white on the site's red, with rounded corners, and no name on it, so it
serves any newsroom. Drawn from shapes only, so the file comes out the same
on every machine. (The demo's Long Biên logo: news.demo_images.demo_logo.)
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
    unit = s / 256  # coordinates below are on a 256-pixel grid
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, s - 1, s - 1], radius=s * 3 // 16, fill=RED)

    def box(x0, y0, x1, y1):
        return [round(x0 * unit), round(y0 * unit), round(x1 * unit), round(y1 * unit)]

    # A headline, a picture beside two lines, and two lines under them.
    draw.rounded_rectangle(box(48, 52, 208, 80), radius=6 * unit, fill=WHITE)
    draw.rounded_rectangle(box(48, 100, 120, 160), radius=6 * unit, fill=WHITE)
    for y in (104, 140):
        draw.rounded_rectangle(box(136, y, 208, y + 16), radius=4 * unit, fill=WHITE)
    for y, right in ((176, 208), (204, 168)):
        draw.rounded_rectangle(box(48, y, right, y + 16), radius=4 * unit, fill=WHITE)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    draw_logo().save(OUTPUT, optimize=True)
    print(f"{OUTPUT.name}: {SIZE}×{SIZE}, {OUTPUT.stat().st_size} bytes")
