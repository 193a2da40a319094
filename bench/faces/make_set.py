#!/usr/bin/env python3
"""Build the labelled face / no-face image set for kino-guard's face check.

    python3 bench/faces/make_set.py OUTDIR
    python3 bench/faces/make_set.py OUTDIR --fixtures crates/kino-guard/tests/fixtures

writes images into OUTDIR and OUTDIR/labels.csv (header: file,face,kind,source).

face  = 1 when the image shows at least one real human face (a photograph of a
        person) at least ~40 px across, else 0.
kind  = photo | patch | animal | drawing | statue | render | texture | scene
source= the package function / file the pixels came from, or "render".

Everything comes from data bundled inside the scikit-image, matplotlib and
scikit-learn wheels, or is drawn here with Pillow. Nothing is downloaded: the
socket module is disabled before any package is imported. The output is
deterministic: every section draws from its own fixed-seed generator.

With --fixtures DIR it also (re)writes the small test fixtures used by
crates/kino-guard/tests (see that folder's README.md).
"""

import argparse
import csv
import os
import socket
import sys


def _offline(*_a, **_k):
    raise RuntimeError("make_set.py must not touch the network")


socket.create_connection = _offline
socket.socket.connect = _offline
socket.getaddrinfo = _offline

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.cbook as cbook  # noqa: E402
import skimage.data as skd  # noqa: E402

try:
    from sklearn.datasets import load_sample_image  # noqa: E402
except ImportError:  # optional: only two stand-alone photos come from it
    load_sample_image = None

SEED = 20240611
MAX_SIDE = 640
BICUBIC = Image.Resampling.BICUBIC
LANCZOS = Image.Resampling.LANCZOS

# Eye centres (x, y) in the package photos, found by eye.
ASTRONAUT_EYES = [(201, 103), (246, 103)]
GRACE_EYES = [(225, 191), (309, 188)]
# LFW subset crops are 25x25 and roughly aligned; eye centres from the mean face.
LFW_EYES = [(7.5, 9.0), (17.0, 9.0)]
# LFW "non-face" crops that still show part of a face (an eye, a mouth, half a
# face): left out, so that no negative contains a face fragment.
LFW_NONFACE_SKIP = {114, 124, 125, 126, 130, 155, 180, 193, 196, 199}


def rng_for(section):
    """A generator of its own for each section, so that sections are independent."""
    return np.random.default_rng([SEED, sum(ord(c) * 31**i for i, c in enumerate(section)) % 2**32])


# ----------------------------------------------------------------------------- sources

def to_rgb(a):
    a = np.asarray(a)
    if a.dtype == bool:
        a = a.astype(np.uint8) * 255
    elif a.dtype.kind == "f":
        a = (np.clip(a, 0, 1) * 255 + 0.5).astype(np.uint8)
    if a.ndim == 2:
        return Image.fromarray(a, "L").convert("RGB")
    if a.shape[2] == 4:
        im = Image.fromarray(a, "RGBA")
        bg = Image.new("RGB", im.size, (255, 255, 255))
        bg.paste(im, mask=im.split()[3])
        return bg
    return Image.fromarray(np.ascontiguousarray(a[..., :3]), "RGB")


def load_sources():
    S = {}
    for n in ["astronaut", "camera", "coffee", "chelsea", "rocket", "coins", "moon", "page",
              "text", "hubble_deep_field", "immunohistochemistry", "brick", "grass", "gravel",
              "clock", "cell", "retina", "horse", "logo", "colorwheel"]:
        S[n] = (to_rgb(getattr(skd, n)()), f"skimage.data.{n}")
    S["motorcycle"] = (to_rgb(skd.stereo_motorcycle()[0]), "skimage.data.stereo_motorcycle")
    with cbook.get_sample_data("grace_hopper.jpg") as f:
        S["grace_hopper"] = (Image.open(f).convert("RGB"),
                             "matplotlib.cbook.get_sample_data('grace_hopper.jpg')")
    if load_sample_image is not None:
        for n in ["china.jpg", "flower.jpg"]:
            S[n.split(".")[0]] = (to_rgb(load_sample_image(n)),
                                  f"sklearn.datasets.load_sample_image('{n}')")
    else:
        print("warning: scikit-learn missing, china.jpg and flower.jpg left out", file=sys.stderr)
    lfw = skd.lfw_subset()  # (200, 25, 25): 100 faces, then 100 non-faces
    lfw = (np.clip(lfw, 0, 1) * 255 + 0.5).astype(np.uint8)
    return S, lfw


# ----------------------------------------------------------------------------- writer

class Writer:
    def __init__(self, out):
        self.out = out
        self.rows = []
        os.makedirs(out, exist_ok=True)

    def save(self, im, name, face, kind, source, fmt="jpg"):
        im = fit(im.convert("RGB"))
        fname = f"{len(self.rows) + 1:03d}_{name}.{fmt}"
        path = os.path.join(self.out, fname)
        if fmt == "jpg":
            im.save(path, "JPEG", quality=90, optimize=True)
        else:
            im.save(path, "PNG", optimize=True)
        self.rows.append((fname, int(face), kind, source))

    def finish(self):
        with open(os.path.join(self.out, "labels.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["file", "face", "kind", "source"])
            w.writerows(self.rows)


def fit(im, max_side=MAX_SIDE):
    w, h = im.size
    if max(w, h) <= max_side:
        return im
    s = max_side / max(w, h)
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), LANCZOS)


def scaled(im, long_side):
    w, h = im.size
    s = long_side / max(w, h)
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), LANCZOS if s < 1 else BICUBIC)


# ----------------------------------------------------------------------------- helpers

BG_NAMES = ["coffee", "rocket", "motorcycle", "brick", "grass", "gravel", "moon",
            "hubble_deep_field", "immunohistochemistry", "clock", "coins", "text", "cell"]
CANVASES = [(640, 480), (512, 512), (600, 400), (480, 360), (480, 640), (640, 360)]


def background(rng, S, size, names=BG_NAMES):
    """A random crop of a face-free package image, scaled (mostly up) to `size`."""
    name = names[rng.integers(len(names))]
    im, src = S[name]
    W, H = size
    iw, ih = im.size
    cw = min(iw, ih * W / H) * rng.uniform(0.45, 1.0)
    ch = cw * H / W
    x = rng.uniform(0, iw - cw)
    y = rng.uniform(0, ih - ch)
    out = im.resize((W, H), BICUBIC, box=(x, y, x + cw, y + ch))
    if rng.random() < 0.3:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(1, 3)))
    return out, src.replace("skimage.data.", "")


def feather_mask(w, h, frac=0.07, ellipse=False):
    b = max(2, int(min(w, h) * frac))
    m = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(m)
    if ellipse:
        d.ellipse((b, b, w - 1 - b, h - 1 - b), fill=255)
    else:
        d.rectangle((b, b, w - 1 - b, h - 1 - b), fill=255)
    return m.filter(ImageFilter.GaussianBlur(b / 2))


def place(rng, W, H, sizes, margin=8, tries=400):
    """Non-overlapping top-left positions for squares of the given sizes."""
    boxes = []
    for s in sizes:
        for _ in range(tries):
            if W - s - margin <= margin or H - s - margin <= margin:
                break
            x = int(rng.integers(margin, W - s - margin))
            y = int(rng.integers(margin, H - s - margin))
            if all(x + s + margin < bx or bx + bs + margin < x or y + s + margin < by or
                   by + bs + margin < y for bx, by, bs in boxes):
                boxes.append((x, y, s))
                break
    return boxes


def paste_tile(canvas, tile, mask, x, y, angle):
    """Paste `tile` through `mask` with its top-left at (x, y), turned by `angle` degrees
    about its centre."""
    if angle:
        w0, h0 = tile.size
        tile = tile.rotate(angle, BICUBIC, expand=True)
        mask = mask.rotate(angle, BICUBIC, expand=True)
        x -= (tile.size[0] - w0) // 2
        y -= (tile.size[1] - h0) // 2
    canvas.paste(tile, (x, y), mask)


def lfw_tile(arr, size, rng, tone):
    g = Image.fromarray(arr, "L").resize((size, size), BICUBIC)
    if tone == "skin":
        warm = [(35, 22, 15), (25, 18, 14), (40, 28, 22)][rng.integers(3)]
        light = [(255, 228, 205), (240, 205, 175), (225, 190, 160)][rng.integers(3)]
        im = ImageOps.colorize(g, black=warm, white=light)
    else:
        im = g.convert("RGB")
    f = rng.uniform(0.65, 1.35)
    if abs(f - 1) > 0.1:
        im = ImageEnhance.Brightness(im).enhance(f)
    return im


def supersample(W, H, k=3, bg=(255, 255, 255)):
    im = Image.new("RGB", (W * k, H * k), bg)
    return im, ImageDraw.Draw(im), k


def gradient(W, H, top, bottom):
    t = np.linspace(0, 1, H)[:, None, None]
    a = np.array(top, float)[None, None, :] * (1 - t) + np.array(bottom, float)[None, None, :] * t
    return Image.fromarray(np.repeat(a, W, axis=1).astype(np.uint8), "RGB")


# ----------------------------------------------------------------------------- faces: package photos

def photos_with_faces(w, S):
    rng = rng_for("photos")
    ast, ast_src = S["astronaut"]
    gh, gh_src = S["grace_hopper"]
    cam, cam_src = S["camera"]

    w.save(ast, "astronaut", 1, "photo", ast_src)
    w.save(cam, "camera", 1, "photo", cam_src + " (profile)")
    w.save(gh, "grace_hopper", 1, "photo", gh_src)

    # astronaut variants
    w.save(ast.crop((40, 0, 400, 360)).resize((420, 420), BICUBIC), "astronaut_crop", 1, "photo", ast_src)
    w.save(ImageOps.mirror(ast), "astronaut_flip", 1, "photo", ast_src)
    w.save(ImageEnhance.Brightness(ast).enhance(0.5), "astronaut_dark", 1, "photo", ast_src)
    w.save(ImageEnhance.Contrast(ImageEnhance.Brightness(ast).enhance(1.35)).enhance(0.8),
           "astronaut_bright", 1, "photo", ast_src)
    w.save(ast.resize((300, 300), LANCZOS), "astronaut_300", 1, "photo", ast_src)
    w.save(ImageOps.grayscale(ast), "astronaut_gray", 1, "photo", ast_src)
    w.save(ast.rotate(8, BICUBIC, fillcolor=(128, 128, 128)), "astronaut_rot8", 1, "photo", ast_src)
    lo = ast.resize((384, 384), LANCZOS).filter(ImageFilter.GaussianBlur(1.2))
    w.save(lo, "astronaut_soft", 1, "photo", ast_src)

    # grace hopper variants
    w.save(ImageOps.mirror(gh), "grace_hopper_flip", 1, "photo", gh_src)
    w.save(scaled(gh, 320), "grace_hopper_320", 1, "photo", gh_src)
    w.save(gh.crop((110, 60, 430, 380)).resize((400, 400), BICUBIC), "grace_hopper_face", 1, "photo", gh_src)
    w.save(ImageEnhance.Brightness(gh).enhance(0.55), "grace_hopper_dark", 1, "photo", gh_src)
    w.save(gh.rotate(-7, BICUBIC, fillcolor=(40, 60, 120)), "grace_hopper_rot7", 1, "photo", gh_src)

    # camera man: closer crop, mirrored
    w.save(cam.crop((100, 20, 356, 276)).resize((420, 420), BICUBIC), "camera_head", 1, "photo", cam_src + " (profile)")
    w.save(ImageOps.mirror(cam), "camera_flip", 1, "photo", cam_src + " (profile)")

    # the two portraits as prints inside a scene ("photo of a photo")
    for name, im, src, long_side in [("astronaut", ast, ast_src, 300), ("grace_hopper", gh, gh_src, 320)]:
        bg, bsrc = background(rng, S, (640, 480))
        p = scaled(im, long_side)
        frame = Image.new("RGB", (p.size[0] + 16, p.size[1] + 16), (245, 245, 240))
        frame.paste(p, (8, 8))
        x = int(rng.integers(20, 640 - frame.size[0] - 20))
        y = int(rng.integers(10, 480 - frame.size[1] - 10))
        bg.paste(frame, (x, y))
        w.save(bg, f"{name}_print", 1, "photo", f"{src} on {bsrc}")


# ----------------------------------------------------------------------------- faces: LFW composites

def lfw_composites(w, S, lfw, n=50):
    rng = rng_for("lfw_faces")
    order = list(rng.permutation(100))
    k = 0
    for i in range(n):
        W, H = CANVASES[rng.integers(len(CANVASES))]
        canvas, bsrc = background(rng, S, (W, H))
        count = int(rng.choice([1, 1, 2, 2, 3]))
        sizes = sorted((int(rng.integers(100, 201)) for _ in range(count)), reverse=True)
        boxes = place(rng, W, H, sizes)
        gray = rng.random() < 0.35
        used = []
        for x, y, s in boxes:
            idx = int(order[k % 100])
            k += 1
            used.append(idx)
            tile = lfw_tile(lfw[idx], s, rng, "gray" if gray else "skin")
            mask = feather_mask(s, s, frac=0.05)
            angle = float(rng.uniform(-10, 10)) if rng.random() < 0.4 else 0.0
            paste_tile(canvas, tile, mask, x, y, angle)
        if gray:
            canvas = ImageOps.grayscale(canvas).convert("RGB")
        r = rng.random()
        if r < 0.15:
            canvas = ImageEnhance.Brightness(canvas).enhance(rng.uniform(0.45, 0.7))
        elif r < 0.3:
            canvas = ImageEnhance.Brightness(canvas).enhance(rng.uniform(1.2, 1.4))
        ids = "+".join(str(j) for j in used)
        w.save(canvas, f"lfw_faces{len(used)}", 1, "photo",
               f"skimage.data.lfw_subset[{ids}] on {bsrc}")


# ----------------------------------------------------------------------------- no faces: package photos, scenes, textures

def package_nonfaces(w, S):
    rng = rng_for("package")
    for n in ["coffee", "rocket", "motorcycle", "clock", "coins", "china", "flower"]:
        if n in S:
            w.save(S[n][0], n, 0, "photo", S[n][1])

    # scenes: crops and rescales of face-free photos and documents
    crops = [("coffee", (150, 30, 450, 330)), ("coffee", (0, 0, 300, 200)),
             ("rocket", (180, 100, 460, 427)), ("motorcycle", (300, 40, 741, 360)),
             ("motorcycle", (0, 0, 300, 250)), ("china", (0, 0, 320, 427)),
             ("hubble_deep_field", (300, 200, 700, 500)), ("coins", (0, 0, 200, 150)),
             ("clock", (100, 50, 300, 250))]
    for n, box in crops:
        if n not in S:
            continue
        im, src = S[n]
        c = im.crop(box)
        c = scaled(c, int(rng.integers(320, 561)))
        w.save(c, f"{n}_crop", 0, "scene", src)
    for n in ["page", "text"]:
        im, src = S[n]
        w.save(scaled(im, 560), n, 0, "scene", src)

    # textures
    for n in ["brick", "grass", "gravel", "moon", "immunohistochemistry", "cell",
              "hubble_deep_field", "retina"]:
        im, src = S[n]
        w.save(im, n, 0, "texture", src + (" (eye fundus)" if n == "retina" else ""))
    # synthetic textures: value noise and wood grain
    for i in range(2):
        a = np.zeros((480, 480))
        for octave in range(1, 6):
            s = 2 ** (octave + 1)
            small = rng.random((s, s))
            a += np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize((480, 480), BICUBIC),
                            float) / octave
        a = (a - a.min()) / (a.max() - a.min())
        col = [(120, 90, 60), (90, 110, 140)][i]
        img = np.stack([a * c + (1 - a) * 20 for c in col], -1).astype(np.uint8)
        w.save(Image.fromarray(img), f"noise{i}", 0, "texture", "render (value noise)")
    yy, xx = np.mgrid[0:400, 0:560]
    ring = np.sin(np.hypot(xx - 1200, yy * 3 - 600) / 9 + 3 * np.sin(xx / 90)) * 0.5 + 0.5
    wood = np.stack([150 + 60 * ring, 100 + 40 * ring, 50 + 20 * ring], -1).astype(np.uint8)
    w.save(Image.fromarray(wood), "wood", 0, "texture", "render (wood grain)")


# ----------------------------------------------------------------------------- no faces: animals

def animals(w, S):
    rng = rng_for("animals")
    cat, src = S["chelsea"]  # skimage.data.cat() is the same picture
    w.save(cat, "chelsea", 0, "animal", src)
    head = (70, 0, 370, 300)  # Chelsea's face
    for s in [80, 140, 220, 320, 480]:
        w.save(cat.crop(head).resize((s, s), LANCZOS if s < 300 else BICUBIC),
               f"chelsea_head{s}", 0, "animal", src)
    w.save(ImageOps.mirror(cat), "chelsea_flip", 0, "animal", src)
    w.save(ImageOps.grayscale(cat), "chelsea_gray", 0, "animal", src)
    w.save(ImageEnhance.Brightness(cat).enhance(0.55), "chelsea_dark", 0, "animal", src)
    w.save(cat.crop((80, 0, 420, 300)).resize((560, 494), BICUBIC), "chelsea_zoom", 0, "animal", src)
    for i in range(2):
        bg, bsrc = background(rng, S, (640, 480), ["grass", "brick", "gravel", "coffee"])
        s = int(rng.integers(140, 220))
        tile = cat.crop(head).resize((s, s), BICUBIC)
        x, y, _ = place(rng, 640, 480, [s])[0]
        bg.paste(tile, (x, y), feather_mask(s, s, 0.1, ellipse=True))
        w.save(bg, f"chelsea_head_on_bg{i}", 0, "animal", f"{src} on {bsrc}")
    horse, hsrc = S["horse"]
    w.save(horse, "horse", 0, "animal", hsrc + " (silhouette)", fmt="png")


# ----------------------------------------------------------------------------- no faces: LFW non-face patches

def lfw_patches(w, S, lfw):
    rng = rng_for("lfw_patches")
    pool = [i for i in range(100, 200) if i not in LFW_NONFACE_SKIP]
    # textured ones are the interesting ones; flat ones are mostly black
    pool.sort(key=lambda i: -float(lfw[i].std()))
    pool = pool[:60]
    order = list(rng.permutation(pool))
    k = 0
    # pasted onto backgrounds exactly like the faces: the matched negative
    for i in range(8):
        W, H = CANVASES[rng.integers(len(CANVASES))]
        canvas, bsrc = background(rng, S, (W, H))
        count = int(rng.choice([1, 2, 3]))
        sizes = sorted((int(rng.integers(100, 201)) for _ in range(count)), reverse=True)
        used = []
        for x, y, s in place(rng, W, H, sizes):
            idx = int(order[k % len(order)])
            k += 1
            used.append(idx)
            tile = lfw_tile(lfw[idx], s, rng, "skin" if rng.random() < 0.5 else "gray")
            angle = float(rng.uniform(-10, 10)) if rng.random() < 0.4 else 0.0
            paste_tile(canvas, tile, feather_mask(s, s, 0.05), x, y, angle)
        ids = "+".join(str(j) for j in used)
        w.save(canvas, f"lfw_patches{len(used)}", 0, "patch",
               f"skimage.data.lfw_subset[{ids}] (non-face) on {bsrc}")
    # single patches, upscaled
    for i in range(3):
        idx = int(order[k % len(order)])
        k += 1
        s = int(rng.integers(160, 320))
        w.save(Image.fromarray(lfw[idx]).resize((s, s), BICUBIC), "lfw_patch", 0, "patch",
               f"skimage.data.lfw_subset[{idx}] (non-face)")
    # 3x3 mosaic
    idxs = [int(order[(k + j) % len(order)]) for j in range(9)]
    k += 9
    mosaic = Image.new("L", (450, 450))
    for j, idx in enumerate(idxs):
        mosaic.paste(Image.fromarray(lfw[idx]).resize((150, 150), BICUBIC), ((j % 3) * 150, (j // 3) * 150))
    w.save(mosaic, "lfw_patch_mosaic", 0, "patch",
           "skimage.data.lfw_subset[" + "+".join(map(str, idxs)) + "] (non-face)")


# ----------------------------------------------------------------------------- no faces: drawings

def draw_smiley(d, cx, cy, r, style="smile", fill=(255, 204, 0), line=(30, 30, 30), lw=None):
    lw = lw or max(2, int(r * 0.06))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=line, width=lw)
    ex, ey, er = r * 0.35, r * 0.28, r * 0.11
    for sx in (-1, 1):
        x = cx + sx * ex
        if style == "wink" and sx == 1:
            d.arc((x - er * 1.6, cy - ey - er, x + er * 1.6, cy - ey + er * 1.5), 200, 340, fill=line, width=lw)
        elif style == "hearts":
            hr = er * 1.3
            d.ellipse((x - hr, cy - ey - hr, x, cy - ey), fill=(220, 30, 50))
            d.ellipse((x, cy - ey - hr, x + hr, cy - ey), fill=(220, 30, 50))
            d.polygon([(x - hr, cy - ey - hr / 2), (x + hr, cy - ey - hr / 2), (x, cy - ey + hr)], fill=(220, 30, 50))
        else:
            d.ellipse((x - er, cy - ey - er * 1.5, x + er, cy - ey + er * 1.5), fill=line)
    mr = r * 0.55
    if style == "sad":
        d.arc((cx - mr, cy + r * 0.25, cx + mr, cy + r * 0.95), 200, 340, fill=line, width=lw)
    elif style == "surprised":
        d.ellipse((cx - r * 0.15, cy + r * 0.25, cx + r * 0.15, cy + r * 0.6), fill=line)
    elif style == "neutral":
        d.line((cx - mr * 0.7, cy + r * 0.45, cx + mr * 0.7, cy + r * 0.45), fill=line, width=lw)
    elif style == "grin":
        d.chord((cx - mr, cy - r * 0.15, cx + mr, cy + r * 0.7), 0, 180, fill=(120, 20, 20), outline=line, width=lw)
        d.rectangle((cx - mr * 0.8, cy + r * 0.28, cx + mr * 0.8, cy + r * 0.38), fill=(255, 255, 255))
    else:
        d.arc((cx - mr, cy - r * 0.2, cx + mr, cy + r * 0.62), 20, 160, fill=line, width=lw)


def draw_line_face(d, cx, cy, r, line=(20, 20, 20), skin=None, hair=None, lw=3, rng=None):
    """A simple portrait drawing: oval head, brows, eyes with iris, nose, lips, ears."""
    hw, hh = r * 0.78, r
    if hair:
        d.ellipse((cx - hw * 1.12, cy - hh * 1.12, cx + hw * 1.12, cy + hh * 0.35), fill=hair)
    for sx in (-1, 1):  # ears
        d.ellipse((cx + sx * hw - r * 0.12, cy - r * 0.1, cx + sx * hw + r * 0.12, cy + r * 0.25),
                  fill=skin, outline=line, width=lw)
    d.ellipse((cx - hw, cy - hh, cx + hw, cy + hh), fill=skin, outline=line, width=lw)
    if hair:
        d.chord((cx - hw, cy - hh, cx + hw, cy - hh * 0.1), 180, 360, fill=hair)
    ey = cy - r * 0.05
    for sx in (-1, 1):
        ex = cx + sx * r * 0.33
        d.arc((ex - r * 0.2, ey - r * 0.28, ex + r * 0.2, ey - r * 0.08), 200, 340, fill=line, width=lw)  # brow
        d.ellipse((ex - r * 0.17, ey - r * 0.07, ex + r * 0.17, ey + r * 0.07), fill=(255, 255, 255), outline=line, width=max(1, lw - 1))
        d.ellipse((ex - r * 0.065, ey - r * 0.065, ex + r * 0.065, ey + r * 0.065), fill=(70, 110, 160))
        d.ellipse((ex - r * 0.03, ey - r * 0.03, ex + r * 0.03, ey + r * 0.03), fill=(0, 0, 0))
    d.line((cx, ey + r * 0.05, cx - r * 0.08, cy + r * 0.3, cx + r * 0.05, cy + r * 0.33), fill=line, width=lw)
    my = cy + r * 0.55
    d.chord((cx - r * 0.3, my - r * 0.1, cx + r * 0.3, my + r * 0.12), 0, 180, fill=(190, 80, 80), outline=line, width=lw)
    d.line((cx - r * 0.3, my + r * 0.01, cx + r * 0.3, my + r * 0.01), fill=line, width=max(1, lw - 1))


def draw_stick_figure(d, x, y, h, line=(20, 20, 20), lw=4):
    r = h * 0.13
    d.ellipse((x - r, y, x + r, y + 2 * r), outline=line, width=lw, fill=(255, 255, 255))
    d.ellipse((x - r * 0.45, y + r * 0.7, x - r * 0.25, y + r * 0.9), fill=line)
    d.ellipse((x + r * 0.25, y + r * 0.7, x + r * 0.45, y + r * 0.9), fill=line)
    d.arc((x - r * 0.5, y + r * 0.8, x + r * 0.5, y + r * 1.5), 20, 160, fill=line, width=max(1, lw // 2))
    neck, hip = y + 2 * r, y + h * 0.62
    d.line((x, neck, x, hip), fill=line, width=lw)
    d.line((x - h * 0.2, y + h * 0.45, x, y + h * 0.33, x + h * 0.2, y + h * 0.45), fill=line, width=lw)
    d.line((x - h * 0.15, y + h, x, hip, x + h * 0.15, y + h), fill=line, width=lw)


def drawing_bg(rng, S, W, H, k):
    kind = rng.integers(5)
    if kind == 0:
        return Image.new("RGB", (W * k, H * k), (255, 255, 255)), "white"
    if kind == 1:
        c = tuple(int(v) for v in rng.integers(60, 240, 3))
        return Image.new("RGB", (W * k, H * k), c), "solid"
    if kind == 2:
        a = tuple(int(v) for v in rng.integers(80, 255, 3))
        b = tuple(int(v) for v in rng.integers(0, 200, 3))
        return gradient(W * k, H * k, a, b), "gradient"
    if kind == 3:
        return Image.new("RGB", (W * k, H * k), (246, 240, 222)), "paper"
    bg, src = background(rng, S, (W, H))
    return bg.filter(ImageFilter.GaussianBlur(2)).resize((W * k, H * k), BICUBIC), src


def smiley_image(size=256, style="smile"):
    im, d, k = supersample(size, size, 4, (170, 215, 245))
    draw_smiley(d, size * k / 2, size * k / 2, size * k * 0.42, style)
    return im.resize((size, size), LANCZOS)


def drawings(w, S):
    rng = rng_for("drawings")
    styles = ["smile", "sad", "wink", "surprised", "hearts", "grin", "neutral"]
    # single big smileys
    for i, st in enumerate(["smile", "wink", "grin", "surprised"]):
        W, H = [(480, 480), (640, 480), (400, 400), (512, 384)][i]
        im, src = drawing_bg(rng, S, W, H, 3)
        k = 3
        d = ImageDraw.Draw(im)
        r = rng.uniform(0.25, 0.42) * min(W, H) * k
        draw_smiley(d, W * k / 2 + rng.uniform(-0.1, 0.1) * W * k, H * k / 2, r, st)
        w.save(im.resize((W, H), LANCZOS), f"smiley_{st}", 0, "drawing", f"render (Pillow) on {src}", "png")
    # emoji grids
    for g in range(2):
        W, H = 600, 400
        im, src = drawing_bg(rng, S, W, H, 3)
        d = ImageDraw.Draw(im)
        for j in range(6):
            cx = (j % 3 + 0.5) * W / 3 * 3
            cy = (j // 3 + 0.5) * H / 2 * 3
            fill = [(255, 204, 0), (255, 180, 40), (250, 220, 80)][j % 3]
            draw_smiley(d, cx, cy, rng.uniform(50, 85) * 3, styles[(j + g * 3) % len(styles)], fill=fill)
        w.save(im.resize((W, H), LANCZOS), "emoji_grid", 0, "drawing", f"render (Pillow) on {src}", "png")
    # line-drawn portraits
    for i in range(5):
        W, H = [(400, 500), (480, 480), (640, 480), (360, 480), (512, 512)][i]
        im, src = drawing_bg(rng, S, W, H, 3)
        d = ImageDraw.Draw(im)
        coloured = i % 2 == 1
        skin = [(241, 194, 160), (198, 134, 95), (255, 220, 190)][i % 3] if coloured else (255, 255, 255) if i != 2 else None
        hair = [(60, 40, 20), (20, 20, 20), (160, 110, 40)][i % 3] if coloured or i == 4 else None
        r = rng.uniform(0.28, 0.38) * min(W, H) * 3
        draw_line_face(d, W * 3 / 2, H * 3 / 2, r, skin=skin, hair=hair, lw=9)
        w.save(im.resize((W, H), LANCZOS), "line_face", 0, "drawing", f"render (Pillow) on {src}", "png")
    # a soft-shaded "sketch" face: grey oval with shading, eyes, nose and mouth
    for i in range(2):
        W = H = 448
        im, d, k = supersample(W, H, 3, (235, 232, 225))
        cx, cy, r = W * k / 2, H * k / 2, 150 * k
        draw_line_face(d, cx, cy, r, line=(70, 70, 70), skin=(200, 195, 190), hair=(90, 90, 90) if i else None, lw=6)
        im = im.resize((W, H), LANCZOS).filter(ImageFilter.GaussianBlur(2.5 + i))
        im = ImageOps.grayscale(im)
        w.save(im, "sketch_face", 0, "drawing", "render (Pillow, blurred)", "png")
    # stick figures
    for i in range(3):
        W, H = 640, 480
        im, src = drawing_bg(rng, S, W, H, 3)
        d = ImageDraw.Draw(im)
        n = i + 1
        for j in range(n):
            h = rng.uniform(250, 380) * 3
            draw_stick_figure(d, (j + 0.5) * W * 3 / n, rng.uniform(10, H * 3 - h - 10), h, lw=12)
        w.save(im.resize((W, H), LANCZOS), f"stick_figures{n}", 0, "drawing", f"render (Pillow) on {src}", "png")
    # skimage's logo (a drawn snake and text)
    w.save(S["logo"][0], "skimage_logo", 0, "drawing", S["logo"][1], "png")


# ----------------------------------------------------------------------------- no faces: statues

MATERIALS = {
    "marble": ((95, 92, 88), (175, 172, 166), (248, 246, 240)),
    "bronze": ((35, 22, 10), (135, 88, 40), (235, 195, 125)),
    "granite": ((45, 45, 50), (120, 120, 125), (200, 200, 205)),
    "sandstone": ((85, 58, 35), (170, 130, 90), (240, 215, 170)),
    "verdigris": ((25, 55, 45), (80, 140, 115), (170, 220, 195)),
}


def stoneify(face, eyes, eye_r, rng, material, grain=None):
    """A uniform-albedo stone version of a face: the blurred luminance is used as a height
    map and lit from the upper left (so the texture of skin and hair is gone and only the
    shape stays), the eyes are filled in as blank eyeballs, then it is tinted."""
    s = face.size[0]
    g = ImageOps.autocontrast(ImageOps.grayscale(face), cutoff=2)
    h = g.filter(ImageFilter.GaussianBlur(max(1.5, s / 45)))
    d = ImageDraw.Draw(h)
    a = np.asarray(h, float)
    for ex, ey in eyes:
        # the eye becomes a smooth bump of the surrounding tone: no iris, no pupil
        y0, y1 = int(max(0, ey - eye_r * 2.5)), int(min(s, ey + eye_r * 2.5))
        x0, x1 = int(max(0, ex - eye_r * 2.5)), int(min(s, ex + eye_r * 2.5))
        tone = float(np.median(a[y0:y1, x0:x1])) * 1.1
        d.ellipse((ex - eye_r * 1.4, ey - eye_r * 0.9, ex + eye_r * 1.4, ey + eye_r * 0.9), fill=int(min(255, tone)))
    h = np.asarray(h.filter(ImageFilter.GaussianBlur(max(1.0, s / 90))), float) / 255
    gy, gx = np.gradient(h * s * 0.25)
    n = np.stack([-gx, -gy, np.ones_like(h)], -1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    light = np.array([-0.5, -0.6, 0.62])
    light /= np.linalg.norm(light)
    shade = np.clip(n @ light, 0, 1)
    base = 0.6 * shade + 0.4 * (0.5 + 0.35 * (h - h.mean()))
    if grain is not None:
        gr = np.asarray(grain.resize((s, s), BICUBIC), float) / 255
        base = base + 0.08 * (gr - gr.mean())
    base = Image.fromarray((np.clip(base, 0, 1) * 255).astype(np.uint8), "L")
    base = ImageOps.autocontrast(base, cutoff=1)
    lo, mid, hi = MATERIALS[material]
    return ImageOps.colorize(base, black=lo, white=hi, mid=mid)


def head_mask(s):
    """An egg-shaped head outline, a bit narrower than the square crop."""
    m = Image.new("L", (s, s), 0)
    ImageDraw.Draw(m).ellipse((s * 0.08, 0, s * 0.92, s - 1), fill=255)
    return m.filter(ImageFilter.GaussianBlur(s / 80))


def statue_scene(rng, S, head, material):
    W, H = [(480, 600), (512, 512), (600, 480)][rng.integers(3)]
    kind = rng.integers(3)
    if kind == 0:
        bg = gradient(W, H, (110, 160, 220), (215, 230, 245))
    elif kind == 1:
        v = int(rng.integers(30, 200))
        bg = gradient(W, H, (v, v, v), (int(v * 0.8),) * 3)
    else:
        bg = background(rng, S, (W, H), ["grass", "brick", "coffee", "rocket"])[0].filter(ImageFilter.GaussianBlur(4))
    s = head.size[0]
    x = (W - s) // 2 + int(rng.integers(-40, 41))
    y = int(rng.integers(20, max(21, H - s - 120)))
    lo, mid, hi = MATERIALS[material]
    d = ImageDraw.Draw(bg)
    # neck, shoulders (bust) and plinth in the same material
    d.rectangle((x + s * 0.3, y + s * 0.8, x + s * 0.7, y + s * 1.15), fill=mid)
    d.chord((x - s * 0.15, y + s * 1.0, x + s * 1.15, y + s * 1.6), 180, 360, fill=tuple(int(c * 0.9) for c in mid))
    d.rectangle((x - s * 0.05, y + s * 1.3, x + s * 1.05, H), fill=tuple(int(c * 0.75) for c in mid))
    bg.paste(head, (x, y), head_mask(s))
    return bg


def statues(w, S, lfw):
    rng = rng_for("statues")
    grain = ImageOps.grayscale(S["gravel"][0])
    mats = list(MATERIALS)
    # from LFW faces
    for i, idx in enumerate(rng.choice(100, 8, replace=False)):
        s = int(rng.integers(150, 230))
        face = Image.fromarray(lfw[idx]).resize((s, s), BICUBIC).convert("RGB")
        eyes = [(x * s / 25, y * s / 25) for x, y in LFW_EYES]
        mat = mats[i % len(mats)]
        head = stoneify(face, eyes, s * 0.055, rng, mat, grain if mat in ("granite", "sandstone") else None)
        w.save(statue_scene(rng, S, head, mat), f"statue_{mat}", 0, "statue",
               f"skimage.data.lfw_subset[{idx}] stone-tinted")
    # from the package portraits
    for name, box, eyes, er in [("astronaut", (150, 40, 300, 190), ASTRONAUT_EYES, 7),
                                ("grace_hopper", (150, 100, 390, 340), GRACE_EYES, 10)]:
        im, src = S[name]
        face = im.crop(box)
        ex = [(x - box[0], y - box[1]) for x, y in eyes]
        for mat in (["marble", "bronze"] if name == "astronaut" else ["granite", "verdigris"]):
            s = int(rng.integers(180, 260))
            f = face.resize((s, s), BICUBIC)
            k = s / (box[2] - box[0])
            head = stoneify(f, [(x * k, y * k) for x, y in ex], er * k, rng, mat,
                            grain if mat in ("granite", "sandstone") else None)
            w.save(statue_scene(rng, S, head, mat), f"statue_{name}_{mat}", 0, "statue", f"{src} stone-tinted")


# ----------------------------------------------------------------------------- no faces: renders

def draw_house(d, x, y, wd, ht, rng, k):
    wall = tuple(int(v) for v in rng.integers(150, 250, 3))
    roof = tuple(int(v) for v in rng.integers(60, 160, 3))
    d.rectangle((x, y, x + wd, y + ht), fill=wall, outline=(40, 40, 40), width=k)
    d.polygon([(x - wd * 0.08, y), (x + wd / 2, y - ht * 0.6), (x + wd * 1.08, y)], fill=roof)
    ww = wd * 0.2
    for wx in (x + wd * 0.15, x + wd * 0.65):  # two windows and a door: a "face" front
        d.rectangle((wx, y + ht * 0.2, wx + ww, y + ht * 0.2 + ww), fill=(120, 170, 220), outline=(40, 40, 40), width=k)
    d.rectangle((x + wd * 0.4, y + ht * 0.55, x + wd * 0.6, y + ht), fill=(110, 70, 40))


def draw_car_side(d, x, y, L, rng, k):
    col = tuple(int(v) for v in rng.integers(30, 230, 3))
    h = L * 0.22
    d.rounded_rectangle((x, y, x + L, y + h), radius=h * 0.3, fill=col)
    d.polygon([(x + L * 0.25, y), (x + L * 0.35, y - h * 0.8), (x + L * 0.68, y - h * 0.8), (x + L * 0.8, y)], fill=col)
    d.polygon([(x + L * 0.3, y), (x + L * 0.37, y - h * 0.65), (x + L * 0.66, y - h * 0.65), (x + L * 0.74, y)], fill=(170, 210, 235))
    for wx in (x + L * 0.2, x + L * 0.8):
        d.ellipse((wx - h * 0.45, y + h * 0.55, wx + h * 0.45, y + h * 1.45), fill=(25, 25, 25))
        d.ellipse((wx - h * 0.2, y + h * 0.8, wx + h * 0.2, y + h * 1.2), fill=(180, 180, 180))


def draw_car_front(d, cx, cy, wd, rng, k):
    col = tuple(int(v) for v in rng.integers(30, 230, 3))
    h = wd * 0.55
    d.rounded_rectangle((cx - wd / 2, cy - h / 2, cx + wd / 2, cy + h / 2), radius=wd * 0.12, fill=col)
    d.polygon([(cx - wd * 0.38, cy - h / 2), (cx - wd * 0.3, cy - h * 1.05), (cx + wd * 0.3, cy - h * 1.05), (cx + wd * 0.38, cy - h / 2)], fill=col)
    d.polygon([(cx - wd * 0.33, cy - h / 2), (cx - wd * 0.27, cy - h * 0.95), (cx + wd * 0.27, cy - h * 0.95), (cx + wd * 0.33, cy - h / 2)], fill=(170, 210, 235))
    for sx in (-1, 1):  # headlights
        d.ellipse((cx + sx * wd * 0.32 - wd * 0.09, cy - h * 0.2, cx + sx * wd * 0.32 + wd * 0.09, cy + h * 0.05), fill=(255, 250, 210), outline=(40, 40, 40), width=k)
    d.rounded_rectangle((cx - wd * 0.18, cy + h * 0.05, cx + wd * 0.18, cy + h * 0.3), radius=wd * 0.03, fill=(40, 40, 40))


def renders(w, S):
    rng = rng_for("renders")
    for i in range(10):
        W, H = [(640, 480), (600, 400), (512, 512), (640, 360)][i % 4]
        k = 3
        night = i == 7
        top, bottom = ((10, 15, 50), (60, 50, 90)) if night else ((70, 130, 210), (200, 225, 245))
        im = gradient(W * k, H * k, top, bottom)
        d = ImageDraw.Draw(im)
        hy = H * k * rng.uniform(0.55, 0.7)
        sx, sy, sr = rng.uniform(0.1, 0.9) * W * k, rng.uniform(0.08, 0.3) * H * k, rng.uniform(25, 50) * k
        d.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=(245, 245, 220) if night else (255, 220, 60))
        if not night:
            for _ in range(int(rng.integers(1, 4))):
                cx, cy = rng.uniform(0, W * k), rng.uniform(0.05, 0.35) * H * k
                for j in range(4):
                    r = rng.uniform(15, 30) * k
                    d.ellipse((cx + j * r * 0.8 - r, cy - r * rng.uniform(0.5, 1), cx + j * r * 0.8 + r, cy + r * 0.5), fill=(250, 250, 250))
        # hills and ground
        pts = [(0, H * k)] + [(x, hy - rng.uniform(0, 60) * k) for x in np.linspace(0, W * k, 7)] + [(W * k, H * k)]
        d.polygon(pts, fill=(60, 110, 50) if not night else (20, 40, 25))
        d.rectangle((0, hy + 20 * k, W * k, H * k), fill=(90, 150, 60) if not night else (25, 50, 30))
        scene = i % 5
        if scene in (0, 1, 4):
            for j in range(int(rng.integers(1, 4))):
                wd = rng.uniform(90, 160) * k
                draw_house(d, rng.uniform(0, W * k - wd), hy - rng.uniform(20, 80) * k + 40 * k, wd, wd * 0.75, rng, k)
        if scene in (1, 2, 3):
            d.rectangle((0, H * k * 0.82, W * k, H * k * 0.95), fill=(70, 70, 75))
            for j in range(int(rng.integers(1, 3))):
                L = rng.uniform(140, 220) * k
                draw_car_side(d, rng.uniform(0, W * k - L), H * k * 0.8, L, rng, k)
        if scene == 3:
            for _ in range(3):  # trees
                tx, ty = rng.uniform(0, W * k), hy + rng.uniform(0, 30) * k
                d.rectangle((tx - 6 * k, ty - 40 * k, tx + 6 * k, ty + 30 * k), fill=(100, 70, 40))
                d.ellipse((tx - 35 * k, ty - 100 * k, tx + 35 * k, ty - 25 * k), fill=(40, 120, 50))
        if scene == 4 or i in (8, 9):
            # close-ups whose layout looks like a face: house front, car front
            if i == 9:
                draw_car_front(d, W * k / 2, H * k * 0.62, W * k * 0.55, rng, k)
            else:
                wd = min(W, H) * k * 0.55
                draw_house(d, W * k / 2 - wd / 2, H * k * 0.45, wd, wd * 0.7, rng, k)
        w.save(im.resize((W, H), LANCZOS), "render", 0, "render", "render (Pillow)", "png")


# ----------------------------------------------------------------------------- fixtures

def fixtures(out, S):
    os.makedirs(out, exist_ok=True)
    ast = S["astronaut"][0].crop((80, 0, 368, 288)).resize((256, 256), LANCZOS)
    ast.save(os.path.join(out, "face_astronaut.png"), optimize=True)
    scaled(S["grace_hopper"][0], 320).save(os.path.join(out, "face_grace_hopper.jpg"), "JPEG", quality=88, optimize=True)
    scaled(S["chelsea"][0], 256).save(os.path.join(out, "no_face_cat.png"), optimize=True)
    smiley_image(256).save(os.path.join(out, "no_face_drawing.png"), optimize=True)
    scaled(S["coffee"][0], 256).save(os.path.join(out, "no_face_coffee.png"), optimize=True)
    for f in sorted(os.listdir(out)):
        p = os.path.join(out, f)
        if f != "README.md":
            print(f"{f}: {Image.open(p).size} {os.path.getsize(p)} bytes")


# ----------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--fixtures", metavar="DIR", help="also write kino-guard's test fixtures into DIR")
    args = ap.parse_args()

    S, lfw = load_sources()
    w = Writer(args.outdir)
    photos_with_faces(w, S)
    lfw_composites(w, S, lfw)
    package_nonfaces(w, S)
    animals(w, S)
    lfw_patches(w, S, lfw)
    drawings(w, S)
    statues(w, S, lfw)
    renders(w, S)
    w.finish()
    if args.fixtures:
        fixtures(args.fixtures, S)

    counts = {}
    for _, face, kind, _ in w.rows:
        counts[(kind, face)] = counts.get((kind, face), 0) + 1
    total = sum(os.path.getsize(os.path.join(args.outdir, r[0])) for r in w.rows)
    print(f"{len(w.rows)} images, {sum(r[1] for r in w.rows)} with faces, "
          f"{sum(1 - r[1] for r in w.rows)} without, {total / 1e6:.1f} MB in {args.outdir}")
    for (kind, face), n in sorted(counts.items()):
        print(f"  {kind:8s} face={face}: {n}")


if __name__ == "__main__":
    main()
