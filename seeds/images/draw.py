"""Draws the two abstract lead pictures of the demo articles.

The JPEG files next to this script are its output and are what `loadseeds` uses; run
`python seeds/images/draw.py` only to draw them again. The same seed numbers give the
same pictures, so redrawing does not change the files.
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 675)
HERE = Path(__file__).resolve().parent

# (file name, random seed, top colour, bottom colour, cell colours)
PICTURES = [
    (
        "pancreatic-microenvironment.jpg",
        2021,
        (250, 236, 240),
        (214, 198, 232),
        [(233, 140, 170), (198, 120, 190), (247, 186, 160), (160, 130, 210)],
    ),
    (
        "chemotherapy-microenvironment.jpg",
        2022,
        (228, 242, 248),
        (186, 214, 236),
        [(90, 160, 200), (70, 180, 170), (140, 190, 230), (120, 140, 210)],
    ),
]


def gradient(size, top, bottom):
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        share = y / (height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def cell_layer(size, rng, colours, count, radius, alpha, blur):
    # Colour and opacity are blurred apart: blurring RGBA directly pulls the transparent
    # black into the edges and leaves grey halos.
    average = tuple(sum(channel) // len(colours) for channel in zip(*colours, strict=True))
    paint = Image.new("RGB", size, average)
    mask = Image.new("L", size, 0)
    brush, stencil = ImageDraw.Draw(paint), ImageDraw.Draw(mask)
    for _ in range(count):
        x, y = rng.uniform(0, size[0]), rng.uniform(0, size[1])
        rx, ry = rng.uniform(*radius), rng.uniform(*radius)
        colour = rng.choice(colours)
        brush.ellipse((x - rx, y - ry, x + rx, y + ry), fill=colour)
        stencil.ellipse((x - rx, y - ry, x + rx, y + ry), fill=alpha)
        # A darker nucleus, off centre, makes the shape read as a cell.
        nx, ny, nr = x + rx * 0.2, y - ry * 0.15, min(rx, ry) * 0.35
        brush.ellipse((nx - nr, ny - nr, nx + nr, ny + nr), fill=tuple(c * 3 // 4 for c in colour))
    layer = paint.filter(ImageFilter.GaussianBlur(blur))
    layer.putalpha(mask.filter(ImageFilter.GaussianBlur(blur)))
    return layer


def draw_picture(seed, top, bottom, colours):
    rng = random.Random(seed)
    picture = gradient(SIZE, top, bottom).convert("RGBA")
    for count, radius, alpha, blur in ((9, (140, 220), 90, 40), (18, (50, 110), 120, 12), (30, (18, 40), 150, 4)):
        picture = Image.alpha_composite(picture, cell_layer(SIZE, rng, colours, count, radius, alpha, blur))
    return picture.convert("RGB")


if __name__ == "__main__":
    for name, seed, top, bottom, colours in PICTURES:
        draw_picture(seed, top, bottom, colours).save(HERE / name, "JPEG", quality=80, optimize=True)
