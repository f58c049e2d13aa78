"""Makes the sample pictures of the bundled site (content/images/sample-*.jpg, .png).

They are drawn, not photographed: a scene per ward (sky, the ward's landscape, houses, light
grain so that they encode like photos), a picture for a case study, and the site's link-preview
picture. Each is marked as a sample in the YAML that shows it (caption or credit サンプル画像).

    pip install pillow
    python3 docs/tools/make_sample_images.py      # in the repository root

The output is the same on every run (fixed random seeds).
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path("content/images")
W, H = 1440, 960


def sky(draw, top, bottom, horizon):
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        draw.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def ground(draw, colour, horizon, rng, spread=18):
    for y in range(horizon, H):
        t = (y - horizon) / (H - horizon)
        c = tuple(max(0, min(255, int(v * (0.85 + 0.3 * t)))) for v in colour)
        draw.line([(0, y), (W, y)], fill=c)


def hills(draw, colour, base, height, rng, waves=4):
    pts = [(0, H)]
    for x in range(0, W + 1, 24):
        y = base - height * (0.5 + 0.5 * sum(
            __import__("math").sin(x / W * 3.14159 * (k + 1) + k) / (k + 1) for k in range(waves)) / 2)
        pts.append((x, y))
    pts.append((W, H))
    draw.polygon(pts, fill=colour)


def buildings(draw, rng, base, count, tall, palette, width=(40, 110)):
    x = -20
    for _ in range(count):
        w = rng.randint(*width)
        h = rng.randint(tall // 4, tall)
        c = rng.choice(palette)
        draw.rectangle([x, base - h, x + w, base], fill=c)
        # Windows.
        for wy in range(base - h + 10, base - 10, 18):
            for wx in range(x + 8, x + w - 8, 16):
                if rng.random() < 0.6:
                    shade = tuple(min(255, v + 40) for v in c)
                    draw.rectangle([wx, wy, wx + 6, wy + 9], fill=shade)
        x += w + rng.randint(2, 14)
        if x > W:
            break


def houses(draw, rng, base, count, palette):
    for _ in range(count):
        x = rng.randint(0, W - 80)
        w = rng.randint(60, 120)
        h = rng.randint(40, 70)
        y = base + rng.randint(-10, 60)
        c = rng.choice(palette)
        draw.rectangle([x, y - h, x + w, y], fill=c)
        draw.polygon([(x - 8, y - h), (x + w / 2, y - h - 34), (x + w + 8, y - h)], fill=(120, 60, 50))


def trees(draw, rng, base, count, spread=80, greens=((46, 110, 52), (60, 130, 60), (34, 90, 44))):
    for _ in range(count):
        x = rng.randint(-20, W + 20)
        y = base + rng.randint(0, spread)
        r = rng.randint(18, 46)
        draw.rectangle([x - 3, y, x + 3, y + r], fill=(90, 60, 40))
        draw.ellipse([x - r, y - r * 1.4, x + r, y + r * 0.4], fill=rng.choice(greens))


def water(draw, top, colour, rng):
    for y in range(top, H):
        t = (y - top) / (H - top)
        c = tuple(int(v * (0.8 + 0.3 * t)) for v in colour)
        draw.line([(0, y), (W, y)], fill=c)
    for _ in range(260):
        x = rng.randint(0, W)
        y = rng.randint(top + 4, H)
        draw.line([(x, y), (x + rng.randint(10, 40), y)], fill=(230, 240, 245), width=1)


def people(draw, rng, base, count):
    for _ in range(count):
        x = rng.randint(40, W - 40)
        y = base + rng.randint(0, 120)
        c = rng.choice([(200, 70, 60), (60, 90, 170), (230, 190, 60), (90, 90, 90), (240, 240, 240)])
        draw.ellipse([x - 7, y - 44, x + 7, y - 30], fill=(230, 190, 160))
        draw.rounded_rectangle([x - 10, y - 30, x + 10, y], radius=5, fill=c)


def finish(img, seed, name, quality=80):
    rng = random.Random(seed)
    img = img.filter(ImageFilter.GaussianBlur(1.1))
    # Grain, as a camera gives.
    noise = Image.effect_noise(img.size, 10).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    img = img.filter(ImageFilter.UnsharpMask(radius=1.5, percent=60))
    path = OUT / name
    if name.endswith(".png"):
        img.save(path, optimize=True)
    else:
        img.save(path, quality=quality, optimize=True, progressive=False)
    print(path, img.size, path.stat().st_size)
    _ = rng


def scene(name, seed, kind):
    rng = random.Random(seed)
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    if kind == "chuo":  # city centre: office towers, a street with people
        sky(d, (120, 170, 220), (215, 230, 240), 620)
        buildings(d, rng, 640, 30, 520, [(150, 155, 165), (120, 130, 145), (180, 175, 170), (95, 105, 120)])
        d.rectangle([0, 640, W, H], fill=(125, 125, 128))
        d.rectangle([0, 700, W, 720], fill=(210, 210, 200))
        trees(d, rng, 600, 10, 40)
        people(d, rng, 760, 26)
    elif kind == "hanamigawa":  # river with cherry trees and housing estates
        sky(d, (140, 185, 230), (225, 235, 240), 460)
        buildings(d, rng, 470, 14, 200, [(210, 205, 195), (190, 190, 185)], (80, 160))
        ground(d, (120, 160, 90), 470, rng)
        water(d, 640, (70, 120, 150), rng)
        trees(d, rng, 520, 26, 80, ((240, 190, 205), (235, 170, 190), (250, 210, 220)))
        people(d, rng, 600, 8)
    elif kind == "inage":  # coast: beach, sea, pine trees
        sky(d, (100, 160, 220), (230, 235, 240), 430)
        water(d, 430, (50, 110, 160), rng)
        d.polygon([(0, 700), (W, 620), (W, H), (0, H)], fill=(225, 205, 160))
        trees(d, rng, 560, 14, 60, ((40, 90, 60), (50, 100, 70)))
        people(d, rng, 760, 10)
    elif kind == "wakaba":  # fields and wooded hills, a few farmhouses
        sky(d, (130, 180, 225), (220, 232, 238), 420)
        hills(d, (70, 120, 80), 480, 140, rng)
        ground(d, (140, 170, 80), 520, rng)
        for y in range(560, H, 26):
            d.line([(0, y), (W, y + 40)], fill=(120, 150, 70), width=3)
        houses(d, rng, 560, 6, [(220, 215, 200), (200, 195, 180)])
        trees(d, rng, 500, 30, 60)
    elif kind == "midori":  # green residential area with a park and a community hall
        sky(d, (125, 175, 225), (225, 235, 240), 440)
        hills(d, (60, 110, 70), 470, 90, rng)
        ground(d, (110, 160, 90), 470, rng)
        houses(d, rng, 540, 14, [(230, 225, 215), (215, 205, 190), (200, 210, 215)])
        d.rectangle([560, 560, 900, 700], fill=(200, 185, 160))
        d.polygon([(540, 560), (730, 480), (920, 560)], fill=(110, 70, 60))
        trees(d, rng, 600, 24, 200)
        people(d, rng, 760, 12)
    elif kind == "mihama":  # seaside new town: tall apartments by the bay
        sky(d, (110, 165, 220), (230, 235, 242), 520)
        buildings(d, rng, 560, 16, 440, [(230, 228, 222), (215, 212, 205), (200, 205, 210)], (70, 130))
        d.rectangle([0, 560, W, 640], fill=(150, 170, 120))
        water(d, 640, (60, 115, 165), rng)
        trees(d, rng, 560, 16, 40)
    elif kind == "salon":  # a community salon: table, cups, people seated
        img.paste((236, 228, 214), [0, 0, W, H])
        d.rectangle([0, 0, W, 360], fill=(245, 240, 230))
        d.rectangle([120, 80, 520, 320], fill=(170, 200, 220))  # window
        d.line([(320, 80), (320, 320)], fill=(240, 240, 240), width=8)
        d.rectangle([200, 560, 1240, 640], fill=(150, 105, 70))  # table
        for x in range(260, 1200, 150):
            d.ellipse([x, 540, x + 40, 560], fill=(250, 250, 250))
        for x in range(240, 1260, 170):
            c = rng.choice([(200, 80, 70), (70, 100, 170), (220, 180, 70), (120, 120, 120)])
            d.ellipse([x + 30, 380, x + 90, 440], fill=(230, 195, 165))
            d.rounded_rectangle([x + 10, 440, x + 110, 580], radius=20, fill=c)
    finish(img, seed, name)


def card():
    img = Image.new("RGB", (1200, 630), (0, 102, 94))
    d = ImageDraw.Draw(img)
    rng = random.Random(7)
    for _ in range(14):
        r = rng.randint(30, 120)
        x, y = rng.randint(0, 1200), rng.randint(0, 630)
        d.ellipse([x - r, y - r, x + r, y + r], outline=(230, 242, 241), width=6)
    for i, x in enumerate(range(360, 900, 120)):
        d.ellipse([x, 250, x + 80, 330], fill=(255, 255, 255))
        d.rounded_rectangle([x - 10, 340, x + 90, 470], radius=30, fill=(255, 226, 160) if i % 2 else (255, 255, 255))
    path = OUT / "sample-site-card.png"
    img.save(path, optimize=True)
    print(path, img.size, path.stat().st_size)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for seed, ward in enumerate(["chuo", "hanamigawa", "inage", "wakaba", "midori", "mihama"], start=1):
        scene(f"sample-{ward}.jpg", seed, ward)
    scene("sample-salon.jpg", 11, "salon")
    card()
