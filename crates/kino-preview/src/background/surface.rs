//! A place's surfaces: the wall behind (an interior's whole wall, or a band that closes off
//! an exterior's horizon) and the floor underfoot, painted into the backdrop.
//!
//! Floors are drawn in one-point perspective: a point on the ground `lat` eye heights to the
//! side and `d` eye heights ahead lands at (vx + lat * k / d, vy + k / d), with the vanishing
//! point (vx, vy) a little above the horizon row so the far edge of the floor keeps some width.

use super::Painter;
use crate::palette::Rgb;
use crate::plan::{Floor, Wall};
use crate::rng::Rng;

const WHITE: Rgb = Rgb::new(255, 255, 255);
const BLACK: Rgb = Rgb::new(0, 0, 0);
const GOLD: Rgb = Rgb::new(214, 176, 72);

/// How tall an exterior's wall band stands above the horizon, as a fraction of the frame.
pub(super) fn outdoor_wall_height(wall: Wall) -> f32 {
    match wall {
        Wall::Fence => 0.09,
        Wall::Hedge => 0.11,
        Wall::Stands => 0.32,
        Wall::Bricks => 0.5,
        // Glass all the way up: the panes cover the sky.
        Wall::Glasshouse => 1.4,
        _ => 0.3,
    }
}

/// The scene light to multiply colours by (never so dark that a surface vanishes).
fn light(p: &Painter) -> f32 {
    p.scene.palette.sky.light.max(0.4)
}

fn pick<T: Copy>(rng: &mut Rng, xs: &[T]) -> T {
    xs[(rng.next_u64() % xs.len() as u64) as usize]
}

/// The first multiple of `step` at or left of `x`.
fn grid_start(x: f32, step: f32) -> f32 {
    (x / step).floor() * step
}

/// A straight stroke `t` pixels thick from `a` to `b`.
fn seg(p: &mut Painter, a: (f32, f32), b: (f32, f32), t: f32, c: Rgb, alpha: f32) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let (nx, ny) = (-dy / len * t * 0.5, dx / len * t * 0.5);
    p.poly(&[(a.0 + nx, a.1 + ny), (b.0 + nx, b.1 + ny), (b.0 - nx, b.1 - ny), (a.0 - nx, a.1 - ny)], c.alpha(alpha));
}

/// An outline rectangle `t` pixels thick.
fn frame_rect(p: &mut Painter, l: f32, t: f32, r: f32, b: f32, th: f32, c: Rgb) {
    p.rect(l, t, r, t + th, c.color());
    p.rect(l, b - th, r, b, c.color());
    p.rect(l, t, l + th, b, c.color());
    p.rect(r - th, t, r, b, c.color());
}

/// A translucent darkening (or lightening) that fades in towards `bottom` over `band` rows.
fn fade(p: &mut Painter, bottom: f32, band: f32, c: Rgb, alpha: f32) {
    let steps = 8;
    for i in 0..steps {
        let t = band * (i + 1) as f32 / steps as f32;
        p.rect(p.x0, bottom - t, p.x1, bottom, c.alpha(alpha / steps as f32));
    }
}

/// Keep the part of a polygon between rows `lo` and `hi`.
fn clip_rows(pts: &[(f32, f32)], lo: f32, hi: f32) -> Vec<(f32, f32)> {
    let half = |pts: &[(f32, f32)], y: f32, keep_below: bool| -> Vec<(f32, f32)> {
        let inside = |q: (f32, f32)| if keep_below { q.1 >= y } else { q.1 <= y };
        let mut out = Vec::with_capacity(pts.len() + 2);
        for i in 0..pts.len() {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            if inside(a) {
                out.push(a);
            }
            if inside(a) != inside(b) {
                let t = (y - a.1) / (b.1 - a.1);
                out.push((a.0 + (b.0 - a.0) * t, y));
            }
        }
        out
    };
    let below = half(pts, lo, true);
    half(&below, hi, false)
}

fn clipped_poly(p: &mut Painter, pts: &[(f32, f32)], lo: f32, hi: f32, c: Rgb, alpha: f32) {
    let pts = clip_rows(pts, lo, hi);
    if pts.len() >= 3 {
        p.poly(&pts, c.alpha(alpha));
    }
}

/// One-point perspective onto the ground plane, in eye heights.
#[derive(Clone, Copy)]
struct Persp {
    vx: f32,
    vy: f32,
    k: f32,
    near: f32,
    far: f32,
}

impl Persp {
    /// `lift`: how far above the horizon row the vanishing point sits, as a fraction of the
    /// frame height (bigger: a shorter room; tiny: the ground runs out to infinity).
    fn new(p: &Painter, lift: f32) -> Self {
        let vx = 0.5 * p.w;
        let vy = p.hy - (lift * p.h).max(0.5);
        let k = (p.h - vy).max(1.0);
        let far = k / (p.hy - vy);
        let near = (k / (p.y1 - vy).max(1.0)).min(far);
        Self { vx, vy, k, near, far }
    }
    fn y(&self, d: f32) -> f32 {
        self.vy + self.k / d
    }
    fn pt(&self, lat: f32, d: f32) -> (f32, f32) {
        let d = d.clamp(0.05, self.far);
        (self.vx + lat * self.k / d, self.vy + self.k / d)
    }
    /// The ground depth seen at row `y`.
    fn depth(&self, y: f32) -> f32 {
        self.k / (y - self.vy).max(1e-3)
    }
    /// Lateral extent that covers the whole backdrop at depth `d`.
    fn span(&self, p: &Painter, d: f32) -> (f32, f32) {
        ((p.x0 - self.vx) * d / self.k - 0.5, (p.x1 - self.vx) * d / self.k + 0.5)
    }
    /// Pixels per eye height at depth `d`.
    fn scale(&self, d: f32) -> f32 {
        self.k / d
    }
}

/// A ground polygon given as (lateral, depth) points.
fn gpoly(p: &mut Painter, v: &Persp, pts: &[(f32, f32)], c: Rgb, alpha: f32) {
    let pts: Vec<(f32, f32)> = pts.iter().map(|&(a, d)| v.pt(a, d)).collect();
    p.poly(&pts, c.alpha(alpha));
}

/// A ground rectangle: laterals `a0..a1`, depths `d0..d1` (clipped to the far edge).
fn gquad(p: &mut Painter, v: &Persp, (a0, a1): (f32, f32), (d0, d1): (f32, f32), c: Rgb, alpha: f32) {
    let (d0, d1) = (d0.max(0.05), d1.min(v.far));
    if d0 >= d1 {
        return;
    }
    gpoly(p, v, &[(a0, d0), (a1, d0), (a1, d1), (a0, d1)], c, alpha);
}

/// A painted ground line `wdt` eye heights wide from `a` to `b` (lateral, depth).
fn gline(p: &mut Painter, v: &Persp, a: (f32, f32), b: (f32, f32), wdt: f32, c: Rgb, alpha: f32) {
    let (mut a, mut b) = (a, b);
    if a.1 > b.1 {
        std::mem::swap(&mut a, &mut b);
    }
    if a.1 >= v.far {
        return;
    }
    if b.1 > v.far {
        let t = (v.far - a.1) / (b.1 - a.1);
        b = (a.0 + (b.0 - a.0) * t, v.far);
    }
    let (dx, dd) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dd * dd).sqrt().max(1e-4);
    let (nx, nd) = (-dd / len * wdt * 0.5, dx / len * wdt * 0.5);
    gpoly(p, v, &[(a.0 + nx, a.1 + nd), (b.0 + nx, b.1 + nd), (b.0 - nx, b.1 - nd), (a.0 - nx, a.1 - nd)], c, alpha);
}

/// A line across the whole backdrop at depth `d`, `wdt` eye heights deep (fading out when it
/// gets thinner than a pixel).
fn grow(p: &mut Painter, v: &Persp, d: f32, wdt: f32, c: Rgb, alpha: f32) {
    if d >= v.far {
        return;
    }
    let (t, b) = (v.y((d + wdt * 0.5).min(v.far)), v.y(d - wdt * 0.5));
    if b - t < 1.0 {
        let y = v.y(d);
        p.rect(p.x0, y - 0.5, p.x1, y + 0.5, c.alpha(alpha * (b - t).max(0.15)));
    } else {
        p.rect(p.x0, t, p.x1, b, c.alpha(alpha));
    }
}

/// A ring on the ground: centre (lateral, depth), radius and line width in eye heights.
fn gring(p: &mut Painter, v: &Persp, c0: (f32, f32), r: f32, wdt: f32, c: Rgb, alpha: f32) {
    let n = 48;
    let at = |i: usize, rr: f32| {
        let t = i as f32 / n as f32 * std::f32::consts::TAU;
        (c0.0 + rr * t.cos(), c0.1 + rr * t.sin())
    };
    for i in 0..n {
        let (a0, a1) = (at(i, r - wdt * 0.5), at(i + 1, r - wdt * 0.5));
        let (b0, b1) = (at(i, r + wdt * 0.5), at(i + 1, r + wdt * 0.5));
        if a0.1.max(a1.1).max(b0.1).max(b1.1) > v.far {
            continue;
        }
        gpoly(p, v, &[a0, a1, b1, b0], c, alpha);
    }
}

/// A filled blob on the ground (a bunker, a puddle, a stain), as a rough ellipse.
fn gblob(p: &mut Painter, v: &Persp, rng: &mut Rng, c0: (f32, f32), (rx, rd): (f32, f32), c: Rgb, alpha: f32) {
    let n = 28;
    let (k1, k2) = (rng.range(0.0, 6.3), rng.range(0.0, 6.3));
    let (j1, j2) = (rng.range(0.05, 0.15), rng.range(0.03, 0.08));
    let pts: Vec<(f32, f32)> = (0..n)
        .map(|i| {
            let t = i as f32 / n as f32 * std::f32::consts::TAU;
            let j = 1.0 + j1 * (2.0 * t + k1).sin() + j2 * (3.0 * t + k2).sin();
            (c0.0 + rx * j * t.cos(), c0.1 + rd * j * t.sin())
        })
        .collect();
    gpoly(p, v, &pts, c, alpha);
}

/// Paint `wall` from world row `top` down to the horizon, across the backdrop.
pub(super) fn wall(p: &mut Painter, rng: &mut Rng, wall: Wall, top: f32) {
    if p.hy <= top {
        return;
    }
    let indoor = p.scene.setting.is_interior();
    let mut top = top;
    if indoor && matches!(wall, Wall::Stands | Wall::Fence | Wall::Hedge | Wall::Glasshouse) {
        // An outdoor wall asked for indoors: a painted sky behind it, like a stage backdrop.
        let sky = p.scene.palette.sky;
        p.gradient(p.x0, top, p.x1, p.hy, sky.top, sky.horizon);
        top = top.max(p.hy - outdoor_wall_height(wall) * p.h);
    }
    match wall {
        Wall::Plain => pastel(p, rng, top, false),
        Wall::Pastel => pastel(p, rng, top, true),
        Wall::Tiles => tiles(p, rng, top),
        Wall::Bricks => bricks(p, rng, top, indoor),
        Wall::Concrete => concrete(p, rng, top, indoor),
        Wall::Shelves => shelves(p, rng, top),
        Wall::Bottles => bottles(p, rng, top),
        Wall::Blackboard => blackboard(p, rng, top),
        Wall::Bars => bars(p, rng, top),
        Wall::Doors => corridor(p, top, p.hy),
        Wall::Frames => frames(p, rng, top),
        Wall::Screen => screen(p, rng, top),
        Wall::Panels => panels(p, rng, top),
        Wall::Foam => foam(p, rng, top),
        Wall::Curtains => curtains(p, rng, top),
        Wall::Tank => tank(p, rng, top),
        Wall::Windows => windows(p, rng, top),
        Wall::Glasshouse => glasshouse(p, rng, top),
        Wall::Shopfronts => shopfronts(p, rng, top),
        Wall::Stands => stands(p, rng, top),
        Wall::Fence => fence(p, rng, top),
        Wall::Hedge => hedge(p, rng, top),
    }
}

/// A skirting board along the foot of an interior wall.
fn skirting(p: &mut Painter, c: Rgb) {
    let hy = p.hy;
    p.rect(p.x0, hy - 0.025 * p.h, p.x1, hy, c.color());
    p.rect(p.x0, hy - 0.025 * p.h, p.x1, hy - 0.022 * p.h, c.lit(1.15).color());
}

/// Bathroom tiles: a glossy grid with grout lines and a band of darker border tiles.
fn tiles(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let base = pick(
        rng,
        &[Rgb::new(236, 240, 242), Rgb::new(208, 228, 238), Rgb::new(212, 234, 222), Rgb::new(242, 236, 224)],
    )
    .lit(l);
    let accent = pick(rng, &[Rgb::new(40, 90, 150), Rgb::new(30, 120, 130), Rgb::new(70, 80, 96)]).lit(l);
    let hy = p.hy;
    p.gradient(p.x0, top, p.x1, hy, base.lit(0.9), base);
    let s = (0.08 * p.unit).max(6.0);
    let rows = ((hy - top) / s).ceil() as i32;
    let band = rows.min(((0.36 * p.h) / s) as i32);
    for r in 0..rows {
        let (yb, yt) = (hy - r as f32 * s, hy - (r + 1) as f32 * s);
        if r == band {
            p.rect(p.x0, yt, p.x1, yb, accent.color());
        }
        let mut x = grid_start(p.x0, s);
        while x < p.x1 {
            let shade = rng.range(-0.05, 0.05);
            let c = if shade > 0.0 { WHITE } else { BLACK };
            p.rect(x, yt, x + s, yb, c.alpha(shade.abs()));
            // A glint on each glazed tile.
            p.hline(x + 0.15 * s, x + 0.55 * s, yt + 0.18 * s, WHITE, 0.35);
            x += s;
        }
    }
    let grout = base.lit(0.72);
    let g = (0.06 * s).max(1.0);
    let mut y = hy;
    while y > top {
        p.rect(p.x0, y - g * 0.5, p.x1, y + g * 0.5, grout.color());
        y -= s;
    }
    let mut x = grid_start(p.x0, s);
    while x < p.x1 {
        p.rect(x - g * 0.5, top, x + g * 0.5, hy, grout.color());
        x += s;
    }
    // Soft light from a ceiling lamp on the glaze.
    p.glow(0.3 * p.w, top.max(p.y0) + 0.25 * (hy - top.max(p.y0)), 0.5 * p.unit, WHITE, 0.18);
    fade(p, hy, 0.06 * p.h, BLACK, 0.18);
}

/// Staggered bricks with mortar joints, grime at the foot; outdoors a coping along the top.
fn bricks(p: &mut Painter, rng: &mut Rng, top: f32, indoor: bool) {
    let l = light(p);
    let base = pick(rng, &[Rgb::new(150, 66, 48), Rgb::new(128, 58, 44), Rgb::new(166, 92, 62)]).lit(l);
    let mortar = Rgb::new(168, 158, 146).lit(l * 0.85);
    let hy = p.hy;
    p.rect(p.x0, top, p.x1, hy, mortar.color());
    let bh = (0.034 * p.h).max(4.0);
    courses(p, rng, top, (bh, bh * 2.6), (bh * 0.14).max(1.0), |rng| {
        let k = rng.range(0.8, 1.12);
        if rng.unit() < 0.08 { base.mix(Rgb::new(60, 40, 36), 0.4) } else { base.lit(k) }
    });
    fade(p, hy, 0.12 * p.h, BLACK, 0.35);
    if !indoor {
        let stone = Rgb::new(150, 146, 140).lit(l);
        p.rect(p.x0, top - 0.012 * p.h, p.x1, top + 0.01 * p.h, stone.color());
        p.rect(p.x0, top + 0.01 * p.h, p.x1, top + 0.016 * p.h, BLACK.alpha(0.25));
        // A drainpipe and a few dark windows up the wall; lit ones after dark.
        let span = p.x1 - p.x0;
        let n = (span / p.w * 3.0).ceil() as i32;
        for i in 0..n {
            let x = p.x0 + span * (i as f32 + rng.range(0.2, 0.8)) / n as f32;
            let (ww, wh) = (0.06 * p.w, 0.1 * p.h);
            let wy = top + 0.06 * p.h;
            if wy + wh < hy - 0.12 * p.h {
                p.rect(x - ww * 0.5 - 3.0, wy - 3.0, x + ww * 0.5 + 3.0, wy + wh + 4.0, stone.lit(0.8).color());
                let lit = p.scene.look.lamps && (i % 2 == 0 || rng.unit() < 0.5);
                let glass = if lit { Rgb::new(255, 206, 130) } else { Rgb::new(40, 46, 56).lit(l) };
                p.rect(x - ww * 0.5, wy, x + ww * 0.5, wy + wh, glass.color());
                p.rect(x - 1.0, wy, x + 1.0, wy + wh, stone.lit(0.8).color());
            }
            let px = x + rng.range(0.12, 0.2) * p.w;
            p.rect(px - 0.004 * p.w, top, px + 0.004 * p.w, hy, Rgb::new(70, 74, 78).lit(l).color());
        }
        if p.scene.look.lamps {
            let x = p.x0 + rng.range(0.3, 0.7) * span;
            let y = hy - 0.22 * p.h;
            p.glow(x, y, 0.25 * p.unit, Rgb::new(255, 200, 120), 0.6);
            p.rect(x - 0.01 * p.w, y - 0.01 * p.h, x + 0.01 * p.w, y + 0.01 * p.h, Rgb::new(255, 236, 190).color());
        }
    }
}

/// Concrete blocks in staggered courses `bh` high and twice as long.
fn blocks(p: &mut Painter, rng: &mut Rng, top: f32, base: Rgb, bh: f32) {
    p.rect(p.x0, top, p.x1, p.hy, base.lit(0.8).color());
    courses(p, rng, top, (bh, bh * 2.0), (bh * 0.07).max(1.0), |rng| base.lit(rng.range(0.92, 1.06)));
}

/// Staggered courses of `(height, length)` units from the horizon up to `top`, each unit
/// `gap` inside its joints and coloured by `colour`, over mortar already painted.
fn courses(
    p: &mut Painter,
    rng: &mut Rng,
    top: f32,
    (bh, bw): (f32, f32),
    gap: f32,
    mut colour: impl FnMut(&mut Rng) -> Rgb,
) {
    let hy = p.hy;
    let mut r = 0;
    loop {
        let (yb, yt) = (hy - r as f32 * bh, hy - (r + 1) as f32 * bh);
        if yb <= top {
            break;
        }
        let off = if r % 2 == 1 { bw * 0.5 } else { 0.0 };
        let mut x = grid_start(p.x0 - off, bw) + off;
        while x < p.x1 {
            let c = colour(rng);
            p.rect(x + gap * 0.5, yt.max(top) + gap * 0.5, x + bw - gap * 0.5, yb - gap * 0.5, c.color());
            x += bw;
        }
        r += 1;
    }
}

/// Indoors (a basement): painted blocks, a pipe with brackets, a caged bulb, damp stains.
/// Outdoors (industrial, a station's back wall): tall precast panels with seams and streaks.
fn concrete(p: &mut Painter, rng: &mut Rng, top: f32, indoor: bool) {
    let l = light(p);
    let hy = p.hy;
    let span = p.x1 - p.x0;
    if indoor {
        let base = Rgb::new(150, 150, 146).lit(l);
        blocks(p, rng, top, base, (0.055 * p.h).max(5.0));
        // Damp streaks.
        for _ in 0..(span / p.w * 5.0) as i32 {
            let x = rng.range(p.x0, p.x1);
            let wdt = rng.range(0.02, 0.06) * p.w;
            let y = rng.range(0.1, 0.4) * p.h;
            for k in 0..4 {
                let f = k as f32 / 4.0;
                p.rect(x - wdt * (1.0 - f * 0.5), y + f * 0.1 * p.h, x + wdt * (1.0 - f * 0.5), hy, BLACK.alpha(0.05));
            }
        }
        let pipe = Rgb::new(110, 92, 80).lit(l);
        let (py, pr) = (top.max(p.y0) + 0.12 * p.h, 0.018 * p.h);
        p.rect(p.x0, py - pr, p.x1, py + pr, pipe.color());
        p.rect(p.x0, py - pr * 0.6, p.x1, py - pr * 0.2, pipe.lit(1.4).color());
        p.rect(p.x0, py + pr * 0.5, p.x1, py + pr, pipe.lit(0.7).color());
        let mut x = grid_start(p.x0, 0.3 * p.w);
        while x < p.x1 {
            p.rect(x - 0.006 * p.w, py - pr * 1.3, x + 0.006 * p.w, py + pr * 1.3, pipe.lit(0.6).color());
            x += 0.3 * p.w;
        }
        // A vertical pipe down to the floor, and a bulb.
        let vx = p.x0 + rng.range(0.6, 0.8) * p.w;
        p.rect(vx - pr * 0.8, py, vx + pr * 0.8, hy, pipe.lit(0.9).color());
        p.rect(vx - pr * 0.4, py, vx - pr * 0.1, hy, pipe.lit(1.3).color());
        let bx = p.x0 + rng.range(0.25, 0.45) * p.w;
        let by = py + 0.08 * p.h;
        p.glow(bx, by, 0.3 * p.unit, Rgb::new(255, 214, 150), if p.scene.look.lamps { 0.7 } else { 0.4 });
        p.circle(bx, by, 0.012 * p.unit, Rgb::new(255, 240, 200).color());
        fade(p, hy, 0.1 * p.h, BLACK, 0.3);
    } else {
        let base = Rgb::new(160, 158, 152).mix(p.scene.palette.sky.horizon, 0.15).lit(l);
        p.gradient(p.x0, top, p.x1, hy, base.lit(1.05), base.lit(0.85));
        let pw = 0.2 * p.w;
        let mut x = grid_start(p.x0, pw);
        while x < p.x1 {
            p.rect(x, top, x + pw, hy, base.lit(rng.range(0.92, 1.06)).alpha(0.6));
            // Rain streaks down from the top.
            for _ in 0..3 {
                let sx = x + rng.range(0.05, 0.95) * pw;
                let len = rng.range(0.2, 0.8) * (hy - top);
                p.rect(sx, top, sx + rng.range(2.0, 0.02 * p.w), top + len, BLACK.alpha(0.08));
            }
            p.rect(x - 1.5, top, x + 1.5, hy, base.lit(0.6).color());
            x += pw;
        }
        p.hline(p.x0, p.x1, top + 0.45 * (hy - top), base.lit(0.65), 0.8);
        p.rect(p.x0, top, p.x1, top + 0.012 * p.h, base.lit(1.2).color());
        // A stencilled band of paint low down.
        let band = pick(rng, &[Rgb::new(200, 170, 40), Rgb::new(60, 110, 160), Rgb::new(160, 60, 50)]).lit(l);
        p.rect(p.x0, hy - 0.07 * p.h, p.x1, hy - 0.05 * p.h, band.alpha(0.8));
        fade(p, hy, 0.08 * p.h, BLACK, 0.3);
    }
}

/// What a place keeps on its shelves, from its name.
#[derive(Clone, Copy, PartialEq)]
enum Stock {
    Books,
    Boxes,
    Loaves,
}

fn stock(p: &Painter) -> Stock {
    let name = p.scene.place.as_ref().map(|pl| pl.name.as_str()).unwrap_or("");
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if has(&["bak", "bread", "pastr", "patisser"]) {
        Stock::Loaves
    } else if has(&["librar", "book", "study", "archive"])
        || p.scene.setting == crate::plan::Setting::Room
            && !has(&["pharm", "shop", "store", "market", "drug", "chemist"])
    {
        Stock::Books
    } else {
        Stock::Boxes
    }
}

/// Wall-to-wall shelving: uprights and boards, stocked with books, boxes or loaves.
fn shelves(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let what = stock(p);
    let wood = match what {
        Stock::Boxes => Rgb::new(226, 226, 222),
        _ => pick(rng, &[Rgb::new(120, 80, 48), Rgb::new(150, 104, 64), Rgb::new(96, 62, 40)]),
    }
    .lit(l);
    p.rect(p.x0, top, p.x1, hy, wood.lit(0.5).color());
    let sh = 0.13 * p.h;
    let board = (0.014 * p.h).max(2.0);
    let base_top = hy - 0.07 * p.h;
    let books = [
        Rgb::new(150, 40, 40),
        Rgb::new(40, 70, 130),
        Rgb::new(40, 110, 70),
        Rgb::new(200, 170, 90),
        Rgb::new(110, 60, 110),
        Rgb::new(210, 110, 50),
        Rgb::new(60, 60, 66),
        Rgb::new(220, 210, 190),
    ];
    let boxes = [
        Rgb::new(230, 60, 50),
        Rgb::new(250, 200, 40),
        Rgb::new(60, 140, 220),
        Rgb::new(80, 180, 90),
        Rgb::new(250, 250, 250),
        Rgb::new(240, 130, 40),
        Rgb::new(150, 80, 180),
    ];
    let mut shelf = base_top;
    while shelf - sh * 0.2 > top {
        let room = sh - board;
        let mut x = p.x0 - rng.range(0.0, 0.02) * p.w;
        while x < p.x1 {
            match what {
                Stock::Books => {
                    let bw = rng.range(0.008, 0.018) * p.w;
                    let bh = rng.range(0.62, 0.88) * room;
                    let c = pick(rng, &books).lit(l * rng.range(0.8, 1.1));
                    if rng.unit() < 0.04 {
                        x += bw * 2.0;
                        continue;
                    }
                    p.rect(x, shelf - bh, x + bw - 1.0, shelf, c.color());
                    p.rect(x, shelf - bh * 0.8, x + bw - 1.0, shelf - bh * 0.74, GOLD.lit(l).alpha(0.6));
                    x += bw;
                }
                Stock::Boxes => {
                    let c = pick(rng, &boxes).lit(l);
                    let bw = rng.range(0.02, 0.035) * p.w;
                    let bh = rng.range(0.35, 0.75) * room;
                    for _ in 0..(2 + rng.next_u64() % 4) {
                        p.rect(x + 1.0, shelf - bh, x + bw - 1.0, shelf, c.color());
                        p.rect(x + 1.0, shelf - bh * 0.6, x + bw - 1.0, shelf - bh * 0.4, WHITE.alpha(0.6));
                        p.rect(x + bw * 0.7, shelf - bh, x + bw - 1.0, shelf, BLACK.alpha(0.15));
                        x += bw;
                    }
                    x += rng.range(0.0, 0.01) * p.w;
                }
                Stock::Loaves => {
                    let r = rng.range(0.018, 0.03) * p.w;
                    let rh = (r * rng.range(0.55, 0.8)).min(room * 0.75);
                    let crust = Rgb::new(196, 130, 60).mix(Rgb::new(120, 70, 30), rng.unit() * 0.6).lit(l);
                    let dome: Vec<(f32, f32)> = (0..=12)
                        .map(|i| {
                            let a = std::f32::consts::PI * i as f32 / 12.0;
                            (x + r - r * a.cos(), shelf - rh * a.sin())
                        })
                        .collect();
                    p.poly(&dome, crust.color());
                    p.circle(x + r * 0.7, shelf - rh * 0.6, r * 0.3, crust.lit(1.3).alpha(0.5));
                    for k in 0..3 {
                        let sx = x + r * (0.55 + 0.3 * k as f32);
                        seg(
                            p,
                            (sx, shelf - rh * 0.8),
                            (sx + r * 0.2, shelf - rh * 0.4),
                            1.5,
                            Rgb::new(240, 200, 140),
                            0.8,
                        );
                    }
                    x += 2.0 * r + rng.range(0.002, 0.012) * p.w;
                }
            }
        }
        p.rect(p.x0, shelf, p.x1, shelf + board, wood.color());
        p.rect(p.x0, shelf + board, p.x1, shelf + board * 1.6, BLACK.alpha(0.25));
        if what == Stock::Boxes {
            // Price labels along the shelf edge.
            let mut lx = grid_start(p.x0, 0.06 * p.w);
            while lx < p.x1 {
                p.rect(lx, shelf + 1.0, lx + 0.018 * p.w, shelf + board - 1.0, Rgb::new(250, 236, 120).lit(l).color());
                lx += 0.06 * p.w;
            }
        }
        shelf -= sh;
    }
    // Uprights and the base cabinet.
    let step = 0.24 * p.w;
    let mut x = grid_start(p.x0, step);
    while x < p.x1 {
        p.rect(x - 0.008 * p.w, top, x + 0.008 * p.w, hy, wood.lit(0.85).color());
        p.rect(x - 0.008 * p.w, top, x - 0.004 * p.w, hy, wood.lit(1.1).color());
        x += step;
    }
    p.rect(p.x0, base_top + board, p.x1, hy, wood.lit(0.75).color());
    fade(p, hy, 0.05 * p.h, BLACK, 0.3);
}

/// A back bar: dark panelling, a mirror with glass shelves of bottles, a counter in front.
fn bottles(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let wood = Rgb::new(70, 40, 26).lit(l);
    p.gradient(p.x0, top, p.x1, hy, wood.lit(0.6), wood);
    let (mt, mb) = (top.max(p.y0) + 0.06 * p.h, hy - 0.14 * p.h);
    let mirror = Rgb::new(120, 126, 130).mix(p.scene.palette.sky.horizon, 0.1).lit(l);
    p.gradient(p.x0, mt, p.x1, mb, mirror.lit(0.7), mirror.lit(0.95));
    // Reflected streaks on the mirror.
    let mut x = grid_start(p.x0, 0.4 * p.w);
    while x < p.x1 {
        p.poly(&[(x, mb), (x + 0.06 * p.w, mb), (x + 0.16 * p.w, mt), (x + 0.1 * p.w, mt)], WHITE.alpha(0.08));
        x += 0.4 * p.w;
    }
    let warm = Rgb::new(255, 196, 120);
    let glass = [
        Rgb::new(150, 90, 30),
        Rgb::new(60, 120, 60),
        Rgb::new(200, 200, 190),
        Rgb::new(140, 30, 40),
        Rgb::new(50, 80, 140),
        Rgb::new(210, 160, 60),
    ];
    let rows = 3;
    let gap = (mb - mt) / rows as f32;
    for r in 0..rows {
        let shelf = mt + gap * (r + 1) as f32 - 0.01 * p.h;
        let mut x = p.x0 + rng.range(0.0, 0.02) * p.w;
        while x < p.x1 {
            let bw = rng.range(0.014, 0.022) * p.w;
            let bh = rng.range(0.5, 0.72) * gap;
            let neck = bh * rng.range(0.3, 0.45);
            let c = pick(rng, &glass).lit(l);
            let cx = x + bw * 0.5;
            p.rect(x, shelf - bh + neck, x + bw, shelf, c.color());
            p.circle(cx, shelf - bh + neck, bw * 0.5, c.color());
            p.rect(cx - bw * 0.17, shelf - bh, cx + bw * 0.17, shelf - bh + neck, c.color());
            p.rect(cx - bw * 0.2, shelf - bh, cx + bw * 0.2, shelf - bh + 2.0, BLACK.alpha(0.6));
            p.rect(
                x + bw * 0.15,
                shelf - bh * 0.45,
                x + bw * 0.85,
                shelf - bh * 0.2,
                Rgb::new(236, 226, 200).alpha(0.85),
            );
            p.rect(x + bw * 0.15, shelf - bh + neck, x + bw * 0.3, shelf - 2.0, WHITE.alpha(0.35));
            x += bw + rng.range(0.002, 0.01) * p.w;
        }
        p.rect(p.x0, shelf, p.x1, shelf + 0.006 * p.h, Rgb::new(220, 230, 230).alpha(0.7));
        if p.scene.look.lamps {
            p.rect(p.x0, shelf + 0.006 * p.h, p.x1, shelf + 0.02 * p.h, warm.alpha(0.25));
        }
    }
    // Frame around the mirror, then the counter.
    frame_rect(p, p.x0 - 10.0, mt - 0.015 * p.h, p.x1 + 10.0, mb + 0.01 * p.h, 0.015 * p.h, wood.lit(0.8));
    let ct = hy - 0.12 * p.h;
    p.gradient(p.x0, ct, p.x1, hy, wood.lit(1.1), wood.lit(0.7));
    let mut x = grid_start(p.x0, 0.12 * p.w);
    while x < p.x1 {
        frame_rect(p, x + 0.01 * p.w, ct + 0.03 * p.h, x + 0.11 * p.w, hy - 0.012 * p.h, 2.0, wood.lit(0.6));
        x += 0.12 * p.w;
    }
    p.rect(p.x0, ct - 0.01 * p.h, p.x1, ct + 0.012 * p.h, wood.lit(1.5).color());
    p.rect(p.x0, ct - 0.01 * p.h, p.x1, ct - 0.006 * p.h, warm.lit(l).alpha(0.5));
    p.rect(p.x0, hy - 0.02 * p.h, p.x1, hy - 0.014 * p.h, GOLD.lit(l).color());
    // Pendant lamps over the bar.
    let mut x = grid_start(p.x0, 0.3 * p.w) + 0.15 * p.w;
    while x < p.x1 {
        let y = top.max(p.y0) + 0.05 * p.h;
        p.rect(x - 1.0, top, x + 1.0, y, BLACK.alpha(0.8));
        p.poly(
            &[
                (x - 0.02 * p.w, y + 0.03 * p.h),
                (x + 0.02 * p.w, y + 0.03 * p.h),
                (x + 0.006 * p.w, y),
                (x - 0.006 * p.w, y),
            ],
            Rgb::new(40, 30, 24).color(),
        );
        p.glow(x, y + 0.035 * p.h, 0.14 * p.unit, warm, 0.7);
        x += 0.3 * p.w;
    }
}

/// A classroom: a green chalkboard with scribbles in a wooden frame on a plain wall, a clock.
fn blackboard(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let wallc = pick(rng, &[Rgb::new(226, 216, 190), Rgb::new(200, 214, 200), Rgb::new(214, 206, 196)]).lit(l);
    p.gradient(p.x0, top, p.x1, hy, wallc.lit(0.9), wallc);
    skirting(p, Rgb::new(120, 90, 60).lit(l));
    let (bl, br) = (0.16 * p.w, 0.84 * p.w);
    let (bt, bb) = ((top + 0.02 * p.h).max(0.1 * p.h), hy - 0.16 * p.h);
    let wood = Rgb::new(150, 100, 56).lit(l);
    let fw = 0.018 * p.unit;
    p.rect(bl - fw, bt - fw, br + fw, bb + fw, wood.color());
    let green = Rgb::new(40, 84, 62).lit(l);
    p.gradient(bl, bt, br, bb, green.lit(0.9), green.lit(1.05));
    // Eraser smudges.
    for _ in 0..5 {
        let x = rng.range(bl, br - 0.1 * p.w);
        let y = rng.range(bt, bb - 0.05 * p.h);
        p.rect(x, y, x + rng.range(0.08, 0.2) * p.w, y + rng.range(0.03, 0.07) * p.h, WHITE.alpha(0.05));
    }
    let chalk = Rgb::new(240, 240, 230);
    // Lines of handwriting on the left two thirds.
    let lh = 0.055 * p.h;
    let mut y = bt + 0.05 * p.h;
    let lines = (((bb - bt) - 0.06 * p.h) / lh) as i32;
    for _ in 0..lines.min(5) {
        let mut x = bl + 0.03 * p.w;
        let end = bl + rng.range(0.4, 0.62) * (br - bl);
        while x < end {
            let letters = 2 + rng.next_u64() % 5;
            for _ in 0..letters {
                let cw = 0.011 * p.w;
                let a = (x, y + rng.range(0.0, 0.5) * lh * 0.5);
                let b = (x + cw * rng.range(0.3, 1.0), y + rng.range(0.25, 0.5) * lh);
                seg(p, a, b, 1.4, chalk, 0.85);
                seg(p, b, (x + cw, y + rng.range(0.0, 0.3) * lh * 0.5), 1.4, chalk, 0.85);
                x += cw * 1.05;
            }
            x += 0.018 * p.w;
        }
        y += lh;
    }
    // A diagram on the right: a triangle and a circle, and a formula underline.
    let cx = bl + 0.78 * (br - bl);
    let cy = bt + 0.45 * (bb - bt);
    let r = 0.22 * (bb - bt);
    let t = 1.6;
    let tri = [(cx - r * 1.2, cy + r), (cx + r * 0.2, cy - r), (cx + r * 1.2, cy + r)];
    for i in 0..3 {
        seg(p, tri[i], tri[(i + 1) % 3], t, chalk, 0.9);
    }
    p.circle(cx + r * 0.1, cy + r * 0.3, r * 0.55, chalk.alpha(0.9));
    p.circle(cx + r * 0.1, cy + r * 0.3, r * 0.55 - t, green.color());
    seg(p, (bl + 0.05 * p.w, bb - 0.03 * p.h), (bl + 0.3 * p.w, bb - 0.035 * p.h), 1.6, chalk, 0.8);
    // Chalk tray with sticks.
    p.rect(bl - fw, bb + fw * 0.3, br + fw, bb + fw * 1.6, wood.lit(0.8).color());
    for k in 0..3 {
        let x = bl + (0.1 + 0.07 * k as f32) * (br - bl);
        p.rect(x, bb + fw * 0.1, x + 0.02 * p.w, bb + fw * 0.5, chalk.color());
    }
    // A wall clock above one end.
    let (kx, ky, kr) = (br + 0.07 * p.w, bt + 0.06 * p.h, 0.045 * p.unit);
    p.circle(kx, ky, kr * 1.15, Rgb::new(40, 40, 44).color());
    p.circle(kx, ky, kr, WHITE.lit(l).color());
    seg(p, (kx, ky), (kx, ky - kr * 0.8), 2.0, BLACK, 0.9);
    seg(p, (kx, ky), (kx + kr * 0.5, ky + kr * 0.2), 2.0, BLACK, 0.9);
    // A poster on the other side.
    let (pl, pt) = (bl - 0.13 * p.w, bt + 0.03 * p.h);
    p.rect(pl, pt, pl + 0.08 * p.w, pt + 0.2 * p.h, Rgb::new(250, 248, 240).lit(l).color());
    for k in 0..4 {
        let c = pick(rng, &[Rgb::new(220, 80, 60), Rgb::new(60, 140, 220), Rgb::new(240, 190, 40)]).lit(l);
        p.rect(
            pl + 0.01 * p.w,
            pt + (0.02 + 0.045 * k as f32) * p.h,
            pl + 0.07 * p.w,
            pt + (0.05 + 0.045 * k as f32) * p.h,
            c.color(),
        );
    }
}

/// A cell: grey block wall, a small barred window high up, iron bars across the front.
fn bars(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    blocks(p, rng, top, Rgb::new(128, 130, 130).lit(l), (0.05 * p.h).max(5.0));
    let sky = p.scene.palette.sky;
    let (wl, wr, wt, wb) = (0.62 * p.w, 0.76 * p.w, top.max(p.y0) + 0.06 * p.h, top.max(p.y0) + 0.18 * p.h);
    p.rect(wl - 4.0, wt - 4.0, wr + 4.0, wb + 6.0, Rgb::new(90, 92, 94).lit(l).color());
    p.gradient(wl, wt, wr, wb, sky.top, sky.horizon);
    p.poly(
        &[(wl, wb), (wr, wb), (wr + 0.25 * p.w, hy), (wl + 0.05 * p.w, hy)],
        sky.horizon.mix(WHITE, 0.5).alpha(0.08),
    );
    for k in 1..4 {
        let x = wl + (wr - wl) * k as f32 / 4.0;
        p.rect(x - 1.5, wt, x + 1.5, wb, Rgb::new(40, 40, 44).color());
    }
    fade(p, hy, 0.1 * p.h, BLACK, 0.35);
    // The bars in front.
    let iron = Rgb::new(46, 48, 52).lit(l);
    let step = 0.06 * p.w;
    let bw = 0.011 * p.w;
    let mut x = grid_start(p.x0, step);
    while x < p.x1 {
        p.rect(x - bw * 0.5, top, x + bw * 0.5, hy, iron.color());
        p.rect(x - bw * 0.3, top, x - bw * 0.05, hy, iron.lit(2.2).alpha(0.5));
        x += step;
    }
    for y in [top.max(p.y0) + 0.1 * p.h, hy - 0.1 * p.h] {
        p.rect(p.x0, y - 0.012 * p.h, p.x1, y + 0.012 * p.h, iron.color());
        p.rect(p.x0, y - 0.012 * p.h, p.x1, y - 0.006 * p.h, iron.lit(2.0).alpha(0.5));
    }
}

/// A corridor in one-point perspective: ceiling, side walls with doors, a lit far end. The
/// side walls run on below the horizon, so the floor pass paints their lower part too; both
/// passes call this with the rows they own.
fn corridor(p: &mut Painter, lo: f32, hi: f32) {
    let l = light(p);
    let hy = p.hy;
    let vx = 0.5 * p.w;
    let vy = hy - 0.1 * p.h;
    let zb = (p.h - vy) / (hy - vy);
    let (lx, rx, b) = (vx - 0.5 * p.w, vx + 0.5 * p.w, p.h);
    let t = vy + zb * (hy - 0.3 * p.h - vy);
    let at = |x: f32, y: f32, z: f32| (vx + (x - vx) / z, vy + (y - vy) / z);
    let hgt = |f: f32| b + (t - b) * f;
    let mut rng = Rng::new(p.scene.detail_seed ^ 0xC0_441D_0025);
    let wallc = pick(&mut rng, &[Rgb::new(222, 214, 190), Rgb::new(200, 214, 204), Rgb::new(214, 210, 206)]).lit(l);
    let door =
        pick(&mut rng, &[Rgb::new(130, 84, 50), Rgb::new(70, 96, 140), Rgb::new(150, 60, 50), Rgb::new(90, 110, 90)])
            .lit(l);
    let lamp = Rgb::new(255, 246, 220);
    let upper = lo < hy;
    if upper {
        p.rect(p.x0, lo, p.x1, hi, Rgb::new(214, 214, 210).lit(l * 0.9).color());
    }
    let zn = 0.15;
    for (side, x) in [(0, lx), (1, rx)] {
        let shade = if side == 0 { 0.86 } else { 1.0 };
        let quad = |f0: f32, f1: f32, z0: f32, z1: f32| {
            [at(x, hgt(f1), z0), at(x, hgt(f0), z0), at(x, hgt(f0), z1), at(x, hgt(f1), z1)]
        };
        clipped_poly(p, &quad(0.0, 1.0, zn, zb), lo, hi, wallc.lit(shade), 1.0);
        // Darker dado below a rail, a skirting, and a fade into the distance.
        clipped_poly(p, &quad(0.0, 0.33, zn, zb), lo, hi, wallc.lit(shade * 0.82), 1.0);
        clipped_poly(p, &quad(0.33, 0.345, zn, zb), lo, hi, wallc.lit(shade * 1.15), 1.0);
        clipped_poly(p, &quad(0.0, 0.035, zn, zb), lo, hi, door.lit(0.5), 1.0);
        for k in 0..4 {
            let z0 = zb * (0.45 + 0.14 * k as f32);
            clipped_poly(p, &quad(0.0, 1.0, z0, zb), lo, hi, BLACK, 0.06);
        }
        let mut z = 0.9 + side as f32 * 0.55;
        while z + 0.45 < zb {
            let z1 = z + 0.45;
            clipped_poly(p, &quad(0.0, 0.72, z - 0.05, z1 + 0.05), lo, hi, WHITE.lit(l * 0.9), 1.0);
            clipped_poly(p, &quad(0.0, 0.7, z, z1), lo, hi, door.lit(shade), 1.0);
            clipped_poly(p, &quad(0.45, 0.62, z + 0.12, z1 - 0.18), lo, hi, Rgb::new(190, 210, 220).lit(l), 1.0);
            clipped_poly(p, &quad(0.0, 0.7, z + 0.38, z1), lo, hi, BLACK, 0.12);
            let hz = z1 - 0.06;
            let (hx, hyy) = at(x, hgt(0.33), hz);
            if hyy >= lo && hyy <= hi {
                p.circle(hx, hyy, 0.012 * p.h / hz, GOLD.lit(l).color());
            }
            z += 1.1;
        }
    }
    if !upper {
        return;
    }
    // The lit far end: a bright wall with a window.
    let (bl, bt) = at(lx, t, zb);
    let (br, bb) = at(rx, b, zb);
    p.gradient(bl, bt, br, bb, Rgb::new(250, 244, 226).lit(l), Rgb::new(236, 226, 200).lit(l));
    let (ww, wt, wb) = (0.3 * (br - bl), bt + 0.15 * (bb - bt), bt + 0.6 * (bb - bt));
    p.rect(vx - ww, wt, vx + ww, wb, WHITE.color());
    p.glow(vx, (wt + wb) * 0.5, 0.3 * p.unit, lamp, 0.7);
    p.rect(vx - 1.0, wt, vx + 1.0, wb, Rgb::new(200, 200, 200).color());
    // Ceiling lights.
    let mut z = 0.6;
    while z < zb - 0.2 {
        let (w0, w1) = (0.07 * p.w, 0.07 * p.w);
        let pts = [at(vx - w0, t, z), at(vx + w1, t, z), at(vx + w1, t, z + 0.3), at(vx - w0, t, z + 0.3)];
        clipped_poly(p, &pts, lo, hi, lamp, 1.0);
        let c = at(vx, t, z + 0.15);
        if c.1 > lo {
            p.glow(c.0, c.1, 0.2 * p.h / z, lamp, 0.35);
        }
        z += 0.9;
    }
}

/// A gallery: a pale wall with framed pictures at eye level, each under a spot light.
fn frames(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let wallc = if rng.unit() < 0.7 {
        Rgb::new(240, 236, 228)
    } else {
        pick(rng, &[Rgb::new(120, 40, 50), Rgb::new(50, 80, 70), Rgb::new(60, 70, 100)])
    }
    .lit(l);
    p.gradient(p.x0, top, p.x1, hy, wallc.lit(0.85), wallc.lit(0.95));
    skirting(p, wallc.lit(0.7));
    let eye = hy - 0.3 * p.h;
    let mut x = p.x0 + rng.range(0.02, 0.08) * p.w;
    while x < p.x1 {
        let fw = rng.range(0.13, 0.22) * p.w;
        let fh = rng.range(0.16, 0.28) * p.h;
        let (l0, t0) = (x, eye - fh * 0.5);
        // The spot light: a fixture on a rail, a cone of light, a pool on the wall.
        let cx = l0 + fw * 0.5;
        p.poly(
            &[
                (cx - 0.01 * p.w, top.max(p.y0)),
                (cx + 0.01 * p.w, top.max(p.y0)),
                (cx + fw * 0.7, t0 + fh),
                (cx - fw * 0.7, t0 + fh),
            ],
            Rgb::new(255, 244, 214).alpha(0.07),
        );
        p.glow(cx, t0 + fh * 0.3, 0.7 * fw.max(fh), Rgb::new(255, 240, 200), 0.35);
        p.rect(
            cx - 0.008 * p.w,
            top.max(p.y0),
            cx + 0.008 * p.w,
            top.max(p.y0) + 0.02 * p.h,
            Rgb::new(40, 40, 44).color(),
        );
        let frame = pick(rng, &[GOLD, Rgb::new(30, 28, 26), Rgb::new(120, 80, 44), Rgb::new(236, 236, 232)]).lit(l);
        let fb = 0.012 * p.unit + rng.range(0.0, 0.01) * p.unit;
        p.rect(l0 + 4.0, t0 + 5.0, l0 + fw + 4.0, t0 + fh + 5.0, BLACK.alpha(0.25));
        p.rect(l0, t0, l0 + fw, t0 + fh, frame.color());
        p.rect(l0 + fb * 0.3, t0 + fb * 0.3, l0 + fw - fb * 0.3, t0 + fb * 0.6, frame.lit(1.3).color());
        let (il, it, ir, ib) = (l0 + fb, t0 + fb, l0 + fw - fb, t0 + fh - fb);
        painting(p, rng, il, it, ir, ib);
        // A caption card.
        p.rect(l0 + fw + 0.012 * p.w, eye + 0.02 * p.h, l0 + fw + 0.03 * p.w, eye + 0.035 * p.h, WHITE.lit(l).color());
        x += fw + rng.range(0.08, 0.16) * p.w;
    }
}

/// A small abstract or landscape painting filling the given box.
fn painting(p: &mut Painter, rng: &mut Rng, l0: f32, t0: f32, r0: f32, b0: f32) {
    let l = light(p);
    let (w, h) = (r0 - l0, b0 - t0);
    let pal = [
        Rgb::new(230, 180, 80),
        Rgb::new(60, 100, 160),
        Rgb::new(190, 70, 60),
        Rgb::new(80, 140, 90),
        Rgb::new(240, 230, 210),
        Rgb::new(40, 40, 60),
    ];
    if rng.unit() < 0.5 {
        // Landscape: sky, hills, a sun.
        let sky = pick(rng, &[Rgb::new(140, 180, 220), Rgb::new(240, 170, 120), Rgb::new(200, 210, 230)]).lit(l);
        p.gradient(l0, t0, r0, b0, sky, sky.mix(WHITE, 0.4));
        p.circle(l0 + w * rng.range(0.2, 0.8), t0 + h * 0.3, h * 0.1, Rgb::new(255, 230, 160).lit(l).color());
        let hill = pick(rng, &[Rgb::new(70, 120, 70), Rgb::new(110, 130, 80), Rgb::new(70, 90, 110)]).lit(l);
        let y = t0 + h * rng.range(0.5, 0.65);
        p.poly(
            &[
                (l0, b0),
                (l0, y),
                (l0 + w * 0.4, y - h * 0.15),
                (l0 + w * 0.75, y + h * 0.05),
                (r0, y - h * 0.05),
                (r0, b0),
            ],
            hill.color(),
        );
        p.poly(
            &[(l0, b0), (l0, y + h * 0.2), (l0 + w * 0.6, y + h * 0.1), (r0, y + h * 0.25), (r0, b0)],
            hill.lit(0.75).color(),
        );
    } else {
        let bg = pick(rng, &pal).lit(l);
        p.rect(l0, t0, r0, b0, bg.color());
        for _ in 0..4 {
            let c = pick(rng, &pal).lit(l);
            let (x, y) = (l0 + rng.unit() * w, t0 + rng.unit() * h);
            let s = rng.range(0.15, 0.4) * w.min(h);
            if rng.unit() < 0.5 {
                p.circle(x, y, s * 0.5, c.color());
            } else {
                p.rect((x - s).max(l0), (y - s * 0.5).max(t0), (x + s).min(r0), (y + s * 0.5).min(b0), c.color());
            }
        }
    }
}

/// A cinema: a big bright screen between dark curtained walls, a projector beam.
fn screen(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p).min(0.7);
    let hy = p.hy;
    let dark = Rgb::new(40, 22, 26).lit(l);
    p.gradient(p.x0, top, p.x1, hy, dark.lit(0.6), dark);
    let (sl, sr) = (0.15 * p.w, 0.85 * p.w);
    let (st, sb) = (top.max(p.y0).max(0.0) + 0.07 * p.h, hy - 0.13 * p.h);
    p.glow(0.5 * p.w, (st + sb) * 0.5, 0.75 * p.w, Rgb::new(180, 200, 255), 0.35);
    p.rect(sl - 0.01 * p.w, st - 0.01 * p.w, sr + 0.01 * p.w, sb + 0.01 * p.w, BLACK.color());
    let a = p.scene.palette.accents;
    p.gradient(sl, st, sr, sb, Rgb::new(236, 240, 255), Rgb::new(214, 222, 246));
    // A faint projected picture.
    p.rect(sl, st + 0.6 * (sb - st), sr, sb, a[1].mix(WHITE, 0.6).alpha(0.5));
    p.circle(sl + 0.7 * (sr - sl), st + 0.35 * (sb - st), 0.08 * (sb - st) + 4.0, a[0].mix(WHITE, 0.5).alpha(0.6));
    // Curtains at the sides, in folds.
    let red = Rgb::new(150, 24, 34).lit(l);
    let fold = 0.025 * p.w;
    for (c0, c1) in [(p.x0, sl - 0.01 * p.w), (sr + 0.01 * p.w, p.x1)] {
        let mut x = c0;
        let mut i = 0;
        while x < c1 {
            let k = if i % 2 == 0 { 1.0 } else { 0.7 };
            p.gradient(x, top, (x + fold).min(c1), hy, red.lit(k * 0.8), red.lit(k));
            x += fold;
            i += 1;
        }
    }
    // A valance across the top.
    p.rect(p.x0, top, p.x1, st - 0.02 * p.h, red.lit(0.6).color());
    let mut x = grid_start(p.x0, 0.05 * p.w);
    while x < p.x1 {
        p.circle(x + 0.025 * p.w, st - 0.02 * p.h, 0.025 * p.w, red.lit(0.6).color());
        x += 0.05 * p.w;
    }
    // Exit signs and sconces on the side walls.
    for x in [0.05 * p.w, 0.95 * p.w] {
        p.glow(x, hy - 0.25 * p.h, 0.08 * p.unit, Rgb::new(255, 190, 120), 0.5);
    }
    p.rect(0.03 * p.w, st, 0.07 * p.w, st + 0.025 * p.h, Rgb::new(60, 220, 100).color());
    // The beam from the projection booth behind the audience.
    let bx = 0.5 * p.w + rng.range(-0.05, 0.05) * p.w;
    p.poly(
        &[
            (bx - 0.02 * p.w, top.min(0.0)),
            (bx + 0.02 * p.w, top.min(0.0)),
            (sr, st + 0.2 * (sb - st)),
            (sl, st + 0.2 * (sb - st)),
        ],
        Rgb::new(220, 230, 255).alpha(0.05),
    );
    fade(p, hy, 0.12 * p.h, BLACK, 0.5);
}

/// A gym: painted block wall, high windows, a team stripe, padding and a backboard.
fn panels(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let paint = pick(rng, &[Rgb::new(232, 226, 210), Rgb::new(214, 222, 230)]).lit(l);
    blocks(p, rng, top, paint, (0.04 * p.h).max(4.0));
    let team =
        pick(rng, &[Rgb::new(200, 40, 40), Rgb::new(30, 70, 160), Rgb::new(30, 120, 70), Rgb::new(230, 150, 30)])
            .lit(l);
    // High windows.
    let wy = top.max(p.y0) + 0.04 * p.h;
    let mut x = grid_start(p.x0, 0.2 * p.w);
    while x < p.x1 {
        p.rect(x + 0.02 * p.w, wy, x + 0.18 * p.w, wy + 0.08 * p.h, Rgb::new(230, 240, 250).lit(l.max(0.7)).color());
        for k in 1..4 {
            let mx = x + 0.02 * p.w + 0.04 * p.w * k as f32;
            p.rect(mx - 1.0, wy, mx + 1.0, wy + 0.08 * p.h, paint.lit(0.6).color());
        }
        x += 0.2 * p.w;
    }
    // Wooden slat panelling on the lower wall, the stripe, padding mats.
    let (pt, st) = (hy - 0.2 * p.h, hy - 0.24 * p.h);
    let wood = Rgb::new(196, 150, 96).lit(l);
    p.rect(p.x0, pt, p.x1, hy, wood.color());
    let mut x = grid_start(p.x0, 0.02 * p.w);
    while x < p.x1 {
        p.rect(x, pt, x + 1.0, hy, wood.lit(0.8).color());
        x += 0.02 * p.w;
    }
    p.rect(p.x0, st, p.x1, pt - 0.01 * p.h, team.color());
    p.rect(p.x0, st + 0.012 * p.h, p.x1, st + 0.018 * p.h, WHITE.lit(l).color());
    let mat = Rgb::new(40, 60, 120).lit(l);
    let mut x = grid_start(p.x0, 0.12 * p.w);
    while x < p.x1 {
        p.rect(x + 2.0, hy - 0.12 * p.h, x + 0.12 * p.w - 2.0, hy, mat.color());
        p.rect(x + 2.0, hy - 0.12 * p.h, x + 0.12 * p.w - 2.0, hy - 0.11 * p.h, mat.lit(1.3).color());
        x += 0.12 * p.w;
    }
    // A scoreboard high on the wall.
    let (cx, by) = (0.22 * p.w, (top.max(p.y0) + 0.15 * p.h).min(st - 0.12 * p.h));
    if by > top {
        let (bw, bh) = (0.16 * p.w, 0.08 * p.h);
        p.rect(cx - bw * 0.5, by, cx + bw * 0.5, by + bh, Rgb::new(24, 24, 28).color());
        frame_rect(p, cx - bw * 0.5, by, cx + bw * 0.5, by + bh, 2.0, team);
        for (k, c) in [(0.2f32, Rgb::new(255, 90, 60)), (0.62, Rgb::new(255, 200, 60))] {
            let x = cx - bw * 0.5 + k * bw;
            p.rect(x, by + bh * 0.25, x + bw * 0.18, by + bh * 0.75, c.color());
        }
    }
}

/// A studio: dark acoustic foam in a checkerboard of wedge tiles, a warm lamp.
fn foam(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let base = pick(rng, &[Rgb::new(52, 52, 58), Rgb::new(40, 46, 70), Rgb::new(80, 36, 40)]).lit(l);
    p.rect(p.x0, top, p.x1, hy, base.lit(0.5).color());
    let s = (0.1 * p.unit).max(8.0);
    let strips = 4;
    let mut r = 0;
    loop {
        let (yb, yt) = (hy - r as f32 * s, hy - (r + 1) as f32 * s);
        if yb <= top {
            break;
        }
        let mut x = grid_start(p.x0, s);
        let mut c = (x / s) as i64 + r as i64;
        while x < p.x1 {
            for k in 0..strips {
                let f = k as f32 / strips as f32;
                let g = s / strips as f32;
                if c % 2 == 0 {
                    p.gradient(x + f * s, yt + 1.0, x + f * s + g - 1.0, yb - 1.0, base.lit(1.25), base.lit(0.7));
                } else {
                    p.rect(x + 1.0, yt + f * s, x + s - 1.0, yt + f * s + g * 0.55, base.lit(1.2).color());
                    p.rect(x + 1.0, yt + f * s + g * 0.55, x + s - 1.0, yt + f * s + g, base.lit(0.75).color());
                }
            }
            x += s;
            c += 1;
        }
        r += 1;
    }
    let lamp = pick(rng, &[Rgb::new(255, 180, 100), Rgb::new(200, 80, 255), Rgb::new(255, 80, 120)]);
    p.glow(p.x0 + rng.range(0.2, 0.8) * (p.x1 - p.x0), hy - 0.3 * p.h, 0.5 * p.unit, lamp, 0.35);
    fade(p, hy, 0.1 * p.h, BLACK, 0.4);
}

/// A ballroom: tall windows between draped curtains held by gold tie-backs.
fn curtains(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let sky = p.scene.palette.sky;
    let wallc = Rgb::new(236, 222, 190).lit(l);
    p.gradient(p.x0, top, p.x1, hy, wallc.lit(0.85), wallc);
    skirting(p, Rgb::new(200, 180, 140).lit(l));
    let cloth =
        pick(rng, &[Rgb::new(150, 24, 40), Rgb::new(36, 50, 120), Rgb::new(40, 100, 70), Rgb::new(190, 150, 70)])
            .lit(l);
    let period = 0.36 * p.w;
    let (wt, wb) = (top.max(p.y0).max(-0.2 * p.h) + 0.08 * p.h, hy - 0.05 * p.h);
    let mut x = grid_start(p.x0, period) - period * 0.5;
    while x < p.x1 + period {
        let (wl, wr) = (x - 0.07 * p.w, x + 0.07 * p.w);
        let arch = 0.07 * p.w;
        // The window: arched, with mullions, the sky beyond.
        p.rect(wl - 5.0, wt + arch - 5.0, wr + 5.0, wb + 5.0, wallc.lit(1.1).color());
        p.circle(x, wt + arch, arch + 5.0, wallc.lit(1.1).color());
        p.gradient(wl, wt + arch, wr, wb, sky.top.mix(sky.horizon, 0.3), sky.horizon);
        p.circle(x, wt + arch, arch, sky.top.mix(sky.horizon, 0.3).color());
        p.rect(x - 1.5, wt, x + 1.5, wb, wallc.lit(1.1).color());
        let mut y = wt + arch;
        while y < wb {
            p.rect(wl, y - 1.0, wr, y + 1.0, wallc.lit(1.1).color());
            y += 0.08 * p.h;
        }
        if p.scene.look.lamps {
            p.glow(x, wt + 0.3 * (wb - wt), 0.1 * p.unit, Rgb::new(255, 220, 160), 0.2);
        }
        // A curtain either side, gathered towards its outer edge at a tie-back.
        let tie = hy - 0.28 * p.h;
        for side in [-1.0f32, 1.0] {
            let inner = x + side * 0.045 * p.w;
            let outer = x + side * 0.16 * p.w;
            let n = 6;
            for k in 0..n {
                let (u0, u1) = (k as f32 / n as f32, (k + 1) as f32 / n as f32);
                let lerp = |a: f32, b: f32, u: f32| a + (b - a) * u;
                let gathered = |u: f32| lerp(outer - side * 0.035 * p.w, outer, u);
                let pts = [
                    (lerp(inner, outer, u0), top),
                    (lerp(inner, outer, u1), top),
                    (gathered(1.0 - u1), tie),
                    (lerp(inner - side * 0.01 * p.w, outer, u1), hy),
                    (lerp(inner - side * 0.01 * p.w, outer, u0), hy),
                    (gathered(1.0 - u0), tie),
                ];
                let shade = if k % 2 == 0 { 1.0 } else { 0.72 };
                p.poly(&pts, cloth.lit(shade).color());
            }
            let gx = outer - side * 0.02 * p.w;
            p.rect(gx - 0.025 * p.w, tie - 0.008 * p.h, gx + 0.025 * p.w, tie + 0.008 * p.h, GOLD.lit(l).color());
            p.circle(gx, tie + 0.02 * p.h, 0.012 * p.unit, GOLD.lit(l * 1.1).color());
            p.rect(gx - 2.0, tie + 0.02 * p.h, gx + 2.0, tie + 0.06 * p.h, GOLD.lit(l).color());
        }
        x += period;
    }
    // A pelmet with a gold fringe across the top.
    let pt = top.max(p.y0).max(-0.2 * p.h) + 0.05 * p.h;
    p.rect(p.x0, top, p.x1, pt, cloth.lit(0.8).color());
    let mut sx = grid_start(p.x0, 0.06 * p.w);
    while sx < p.x1 {
        p.circle(sx + 0.03 * p.w, pt, 0.03 * p.w, cloth.lit(0.8).color());
        sx += 0.06 * p.w;
    }
    p.rect(p.x0, pt - 0.008 * p.h, p.x1, pt - 0.002 * p.h, GOLD.lit(l).color());
}

/// An aquarium: a huge tank of blue water with light rays, rocks, weed and fish.
fn tank(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let dark = Rgb::new(14, 20, 30);
    p.rect(p.x0, top, p.x1, hy, dark.color());
    let (tt, tb) = (top.max(p.y0) + 0.03 * p.h, hy - 0.06 * p.h);
    let deep = Rgb::new(8, 50, 110).lit(l.max(0.6));
    let shallow = Rgb::new(40, 150, 200).lit(l.max(0.6));
    p.gradient(p.x0, tt, p.x1, tb, shallow, deep);
    let span = p.x1 - p.x0;
    // Light rays from the surface.
    for _ in 0..(span / p.w * 6.0) as i32 {
        let x = rng.range(p.x0, p.x1);
        let wdt = rng.range(0.02, 0.06) * p.w;
        p.poly(
            &[(x, tt), (x + wdt, tt), (x + wdt * 2.5 + 0.1 * p.w, tb), (x + wdt * 1.5 + 0.1 * p.w, tb)],
            Rgb::new(200, 240, 255).alpha(0.08),
        );
    }
    // Caustic ripples near the surface.
    for _ in 0..(span / p.w * 60.0) as i32 {
        let x = rng.range(p.x0, p.x1);
        let y = tt + rng.unit() * rng.unit() * 0.15 * p.h;
        p.hline(x, x + rng.range(4.0, 0.04 * p.w), y, Rgb::new(220, 250, 255), 0.3);
    }
    // Rocks and weed along the bottom.
    let mut x = p.x0 - 0.05 * p.w;
    while x < p.x1 {
        let r = rng.range(0.03, 0.08) * p.unit;
        let c = Rgb::new(60, 60, 70).mix(Rgb::new(120, 100, 80), rng.unit()).lit(l);
        p.circle(x, tb, r, c.color());
        p.circle(x - r * 0.3, tb - r * 0.4, r * 0.4, c.lit(1.3).alpha(0.4));
        if rng.unit() < 0.5 {
            let wx = x + rng.range(-0.03, 0.03) * p.w;
            let wh = rng.range(0.1, 0.25) * p.h;
            let weed = Rgb::new(40, 120, 70).lit(l);
            for k in 0..3 {
                let dx = (k as f32 - 1.0) * 0.01 * p.w;
                p.poly(
                    &[
                        (wx + dx - 3.0, tb),
                        (wx + dx * 2.0 + rng.range(-0.02, 0.02) * p.w, tb - wh * (0.6 + 0.2 * k as f32)),
                        (wx + dx + 3.0, tb),
                    ],
                    weed.color(),
                );
            }
        }
        x += r * rng.range(1.2, 2.2);
    }
    p.rect(p.x0, tb - 0.01 * p.h, p.x1, tb, Rgb::new(200, 180, 140).lit(l * 0.7).color());
    // Fish: dark silhouettes far off, bright ones near the glass.
    let colours = [Rgb::new(250, 140, 40), Rgb::new(250, 220, 60), Rgb::new(80, 200, 240), Rgb::new(240, 80, 120)];
    for i in 0..(span / p.w * 22.0) as i32 {
        let fx = rng.range(p.x0, p.x1);
        let fy = rng.range(tt + 0.05 * p.h, tb - 0.06 * p.h);
        let near = i % 3 == 0;
        let s = if near { rng.range(0.02, 0.035) } else { rng.range(0.008, 0.016) } * p.unit;
        let dir = if rng.unit() < 0.5 { 1.0 } else { -1.0 };
        let c = if near { pick(rng, &colours).lit(l) } else { deep.lit(0.55) };
        p.poly(
            &[(fx + dir * s * 1.6, fy), (fx, fy - s * 0.6), (fx - dir * s * 1.2, fy), (fx, fy + s * 0.6)],
            c.color(),
        );
        p.poly(
            &[(fx - dir * s * 1.0, fy), (fx - dir * s * 1.9, fy - s * 0.6), (fx - dir * s * 1.9, fy + s * 0.6)],
            c.color(),
        );
        if near {
            p.circle(fx + dir * s * 0.9, fy - s * 0.12, s * 0.14, BLACK.color());
        }
    }
    // A big manta shadow gliding past.
    let (mx, my, ms) = (p.x0 + rng.range(0.2, 0.8) * span, tt + 0.12 * p.h, 0.08 * p.unit);
    p.poly(
        &[(mx - ms * 2.0, my), (mx, my - ms * 0.5), (mx + ms * 2.0, my), (mx, my + ms * 0.7)],
        deep.lit(0.4).alpha(0.8),
    );
    // Bubbles.
    for _ in 0..(span / p.w * 25.0) as i32 {
        let bx = rng.range(p.x0, p.x1);
        let by = rng.range(tt, tb);
        p.circle(bx, by, rng.range(1.0, 0.006 * p.unit + 1.5), Rgb::new(220, 245, 255).alpha(0.45));
    }
    // Glass panels in a dark frame; a reflection streak.
    let step = 0.5 * p.w;
    let mut x = grid_start(p.x0, step);
    while x < p.x1 {
        p.rect(x - 0.008 * p.w, tt, x + 0.008 * p.w, tb, dark.color());
        p.poly(
            &[(x + 0.1 * p.w, tb), (x + 0.14 * p.w, tb), (x + 0.24 * p.w, tt), (x + 0.2 * p.w, tt)],
            WHITE.alpha(0.05),
        );
        x += step;
    }
    p.rect(p.x0, tt - 0.01 * p.h, p.x1, tt, dark.lit(1.5).color());
    p.rect(p.x0, tb, p.x1, hy, dark.lit(1.8).color());
}

/// An office: floor-to-ceiling glass onto a city skyline.
fn windows(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let sky = p.scene.palette.sky;
    p.gradient(p.x0, top, p.x1, hy, sky.top, sky.horizon);
    let lamps = p.scene.look.lamps;
    let base = hy - 0.04 * p.h;
    for (row, haze) in [(0, 0.6f32), (1, 0.3)] {
        let mut x = p.x0 - rng.range(0.0, 0.05) * p.w;
        while x < p.x1 {
            let bw = rng.range(0.05, 0.12) * p.w;
            let bh = rng.range(0.12, 0.4) * p.h * if row == 0 { 1.2 } else { 0.8 };
            let c = Rgb::new(70, 84, 110).mix(sky.horizon, haze).lit(l.max(0.5));
            p.rect(x, base - bh, x + bw - 2.0, base, c.color());
            if row == 1 {
                let mut wy = base - bh + 0.02 * p.h;
                while wy < base - 0.01 * p.h {
                    let mut wx = x + 0.008 * p.w;
                    while wx < x + bw - 0.012 * p.w {
                        let on = if lamps { rng.unit() < 0.5 } else { rng.unit() < 0.15 };
                        let wc = if lamps && on { Rgb::new(255, 220, 140) } else { c.mix(sky.horizon, 0.35) };
                        p.rect(wx, wy, wx + 0.006 * p.w, wy + 0.008 * p.h, wc.alpha(if on { 0.9 } else { 0.5 }));
                        wx += 0.014 * p.w;
                    }
                    wy += 0.022 * p.h;
                }
            }
            x += bw;
        }
    }
    // Tinted glass, reflections, then the mullions, a transom and a sill.
    p.rect(p.x0, top, p.x1, hy, Rgb::new(120, 170, 200).alpha(0.12));
    let step = 0.22 * p.w;
    let frame = Rgb::new(60, 64, 70).lit(l);
    let mut x = grid_start(p.x0, step);
    while x < p.x1 {
        p.poly(
            &[(x + 0.04 * p.w, hy), (x + 0.07 * p.w, hy), (x + 0.15 * p.w, top), (x + 0.12 * p.w, top)],
            WHITE.alpha(0.07),
        );
        p.rect(x - 0.006 * p.w, top, x + 0.006 * p.w, hy, frame.color());
        x += step;
    }
    let tr = top.max(p.y0) + 0.1 * p.h;
    p.rect(p.x0, tr, p.x1, tr + 0.01 * p.h, frame.color());
    p.rect(p.x0, top, p.x1, top.max(p.y0) + 0.04 * p.h, Rgb::new(226, 226, 222).lit(l).color());
    p.rect(p.x0, hy - 0.02 * p.h, p.x1, hy, frame.lit(0.8).color());
}

/// A glasshouse seen from inside: a light green tint over the sky, white glazing bars, an
/// eave beam and roof ribs rising towards a point high above.
fn glasshouse(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let top = top.max(p.y0);
    p.rect(p.x0, top, p.x1, hy, Rgb::new(200, 236, 214).alpha(0.2));
    let bar = Rgb::new(246, 248, 244).lit(l);
    let t = (0.006 * p.unit).max(1.5);
    let eave = hy - 0.38 * p.h;
    // Upright walls: a grid of panes, a few fogged.
    let (pw, ph) = (0.08 * p.w, 0.085 * p.h);
    let mut y = hy;
    while y > eave.max(top) {
        let mut x = grid_start(p.x0, pw);
        while x < p.x1 {
            if rng.unit() < 0.2 {
                p.rect(x, y - ph, x + pw, y, WHITE.alpha(0.12));
            }
            x += pw;
        }
        p.rect(p.x0, y - t * 0.5, p.x1, y + t * 0.5, bar.alpha(0.85));
        y -= ph;
    }
    let mut x = grid_start(p.x0, pw);
    while x < p.x1 {
        p.rect(x - t * 0.5, eave, x + t * 0.5, hy, bar.alpha(0.85));
        x += pw;
    }
    // The roof: ribs converging on a point far overhead, purlins across.
    if eave > top {
        let apex = (0.5 * p.w, hy - 1.9 * p.h);
        let mut x = grid_start(p.x0 - 0.5 * p.w, pw * 1.5);
        while x < p.x1 + 0.5 * p.w {
            let f = (eave - top) / (eave - apex.1);
            let end = (x + (apex.0 - x) * f, top);
            seg(p, (x, eave), end, t * 1.4, bar, 0.85);
            x += pw * 1.5;
        }
        let mut y = eave;
        let mut gap = 0.06 * p.h;
        while y > top {
            p.rect(p.x0, y - t * 0.5, p.x1, y + t * 0.5, bar.alpha(0.7));
            y -= gap;
            gap *= 1.18;
        }
        p.rect(p.x0, eave - t * 2.0, p.x1, eave + t * 2.0, bar.color());
    }
    // Sheen on the glass.
    let mut x = grid_start(p.x0, 0.45 * p.w);
    while x < p.x1 {
        p.poly(&[(x, hy), (x + 0.05 * p.w, hy), (x + 0.3 * p.w, top), (x + 0.25 * p.w, top)], WHITE.alpha(0.06));
        x += 0.45 * p.w;
    }
    // A low brick sill.
    let sill = Rgb::new(150, 90, 70).lit(l);
    p.rect(p.x0, hy - 0.03 * p.h, p.x1, hy, sill.color());
    p.rect(p.x0, hy - 0.034 * p.h, p.x1, hy - 0.03 * p.h, bar.color());
}

/// A food court: a row of counters under coloured signs and striped awnings.
fn shopfronts(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let base = top.max(p.y0).max(-0.1 * p.h);
    let ceiling = Rgb::new(200, 200, 196).lit(l);
    p.gradient(p.x0, top, p.x1, hy, ceiling.lit(0.8), ceiling);
    let (st, sb) = (base + 0.1 * p.h, base + 0.18 * p.h);
    let ab = sb + 0.06 * p.h;
    let ct = hy - 0.12 * p.h;
    let colours = [
        Rgb::new(220, 50, 50),
        Rgb::new(240, 170, 30),
        Rgb::new(40, 140, 80),
        Rgb::new(40, 100, 190),
        Rgb::new(200, 70, 150),
        Rgb::new(240, 110, 40),
    ];
    let period = 0.32 * p.w;
    let mut x = grid_start(p.x0, period);
    let mut ci = rng.next_u64() as usize;
    while x < p.x1 {
        let c = colours[ci % colours.len()].lit(l);
        ci += 1 + (rng.next_u64() % 2) as usize;
        let (ul, ur) = (x + 0.012 * p.w, x + period - 0.012 * p.w);
        // Inside the shop: warm, with a lit menu board.
        p.gradient(ul, sb, ur, ct, Rgb::new(120, 80, 50).lit(l), Rgb::new(70, 46, 32).lit(l));
        let (ml, mr) = (ul + 0.03 * p.w, ur - 0.03 * p.w);
        let (mt, mb) = (ab + 0.015 * p.h, ab + 0.09 * p.h);
        if mb < ct {
            p.rect(ml, mt, mr, mb, Rgb::new(250, 244, 226).color());
            let n = 4;
            for k in 0..n {
                let fx = ml + (mr - ml) * (k as f32 + 0.5) / n as f32;
                p.circle(
                    fx,
                    mt + 0.35 * (mb - mt),
                    0.2 * (mb - mt),
                    pick(rng, &colours).mix(Rgb::new(160, 100, 50), 0.5).color(),
                );
                p.rect(
                    fx - 0.02 * p.w,
                    mt + 0.7 * (mb - mt),
                    fx + 0.02 * p.w,
                    mt + 0.78 * (mb - mt),
                    Rgb::new(60, 60, 60).color(),
                );
            }
        }
        // The sign, then the striped awning with a scalloped edge.
        p.rect(ul, st, ur, sb, c.color());
        let words = 2 + rng.next_u64() % 2;
        let mut wx = ul + 0.04 * p.w;
        for _ in 0..words {
            let ww = rng.range(0.04, 0.08) * p.w;
            if wx + ww > ur - 0.03 * p.w {
                break;
            }
            p.rect(wx, st + 0.025 * p.h, wx + ww, sb - 0.025 * p.h, WHITE.lit(l.max(0.8)).color());
            wx += ww + 0.02 * p.w;
        }
        if p.scene.look.lamps {
            p.glow((ul + ur) * 0.5, (st + sb) * 0.5, 0.18 * p.unit, c.mix(WHITE, 0.3), 0.35);
        }
        let stripes = 10;
        for k in 0..stripes {
            let (u0, u1) = (k as f32 / stripes as f32, (k + 1) as f32 / stripes as f32);
            let xa = |u: f32| ul + (ur - ul) * u;
            let over = 0.01 * p.w;
            let xb = |u: f32| ul - over + (ur - ul + 2.0 * over) * u;
            let sc = if k % 2 == 0 { c } else { WHITE.lit(l) };
            p.poly(&[(xa(u0), sb), (xa(u1), sb), (xb(u1), ab), (xb(u0), ab)], sc.color());
            p.circle((xb(u0) + xb(u1)) * 0.5, ab, (xb(u1) - xb(u0)) * 0.5, sc.color());
        }
        // The counter.
        p.rect(ul, ct, ur, hy, c.lit(0.6).color());
        p.rect(ul, ct, ur, ct + 0.015 * p.h, Rgb::new(210, 214, 218).lit(l).color());
        p.rect(ul, ct + 0.04 * p.h, ur, ct + 0.05 * p.h, c.lit(0.9).color());
        p.rect(ur - 0.05 * p.w, ct - 0.04 * p.h, ur - 0.02 * p.w, ct, Rgb::new(50, 50, 56).lit(l).color());
        // A pillar between units.
        p.rect(x - 0.012 * p.w, top, x + 0.012 * p.w, hy, ceiling.lit(1.05).color());
        x += period;
    }
    // Ceiling lights.
    let mut x = grid_start(p.x0, 0.16 * p.w);
    while x < p.x1 {
        p.glow(x, base + 0.04 * p.h, 0.08 * p.unit, Rgb::new(255, 248, 230), 0.6);
        x += 0.16 * p.w;
    }
}

/// A soft painted wall with a skirting board and one decoration. `pastel`: a nursery or
/// hospital pastel, perhaps with stripes or dots; otherwise a plain warm colour.
fn pastel(p: &mut Painter, rng: &mut Rng, top: f32, pastel: bool) {
    let l = light(p);
    let hy = p.hy;
    let name = p.scene.place.as_ref().map(|pl| pl.name.clone()).unwrap_or_default();
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    let wallc = if pastel {
        pick(
            rng,
            &[
                Rgb::new(248, 214, 222),
                Rgb::new(206, 236, 218),
                Rgb::new(204, 224, 246),
                Rgb::new(226, 214, 242),
                Rgb::new(250, 238, 196),
            ],
        )
    } else {
        pick(rng, &[Rgb::new(226, 212, 190), Rgb::new(214, 206, 196), Rgb::new(236, 230, 218)])
    }
    .lit(l);
    p.gradient(p.x0, top, p.x1, hy, wallc.lit(0.9), wallc);
    if pastel {
        match rng.next_u64() % 3 {
            0 => {
                let mut x = grid_start(p.x0, 0.06 * p.w);
                while x < p.x1 {
                    p.rect(x, top, x + 0.03 * p.w, hy, WHITE.alpha(0.18));
                    x += 0.06 * p.w;
                }
            }
            1 => {
                let s = 0.07 * p.unit;
                let mut y = hy - s * 0.5;
                let mut r = 0;
                while y > top {
                    let mut x = grid_start(p.x0, s) + if r % 2 == 1 { s * 0.5 } else { 0.0 };
                    while x < p.x1 {
                        p.circle(x, y, s * 0.12, WHITE.alpha(0.4));
                        x += s;
                    }
                    y -= s * 0.8;
                    r += 1;
                }
            }
            _ => {}
        }
        // A white dado rail over a white-panelled lower wall.
        let dado = hy - 0.2 * p.h;
        p.rect(p.x0, dado, p.x1, hy, Rgb::new(246, 244, 238).lit(l).color());
        p.rect(p.x0, dado - 0.008 * p.h, p.x1, dado + 0.004 * p.h, Rgb::new(230, 226, 218).lit(l).color());
        let mut x = grid_start(p.x0, 0.14 * p.w);
        while x < p.x1 {
            frame_rect(
                p,
                x + 0.015 * p.w,
                dado + 0.025 * p.h,
                x + 0.125 * p.w,
                hy - 0.04 * p.h,
                1.5,
                Rgb::new(214, 210, 200).lit(l),
            );
            x += 0.14 * p.w;
        }
    }
    skirting(p, Rgb::new(240, 238, 232).lit(l * 0.95));
    let (cx, cy) = (rng.range(0.58, 0.72) * p.w, hy - 0.36 * p.h);
    if has(&["hospital", "clinic", "ward", "infirmary", "doctor"]) {
        // A handrail and a clock.
        let ry = hy - 0.16 * p.h;
        p.rect(p.x0, ry, p.x1, ry + 0.014 * p.h, Rgb::new(180, 190, 196).lit(l).color());
        p.rect(p.x0, ry, p.x1, ry + 0.004 * p.h, WHITE.lit(l).color());
        let r = 0.05 * p.unit;
        p.circle(cx, cy, r * 1.12, Rgb::new(60, 64, 70).color());
        p.circle(cx, cy, r, WHITE.lit(l).color());
        seg(p, (cx, cy), (cx, cy - r * 0.8), 2.0, BLACK, 0.9);
        seg(p, (cx, cy), (cx + r * 0.55, cy + r * 0.1), 2.0, BLACK, 0.9);
    } else if pastel && has(&["nursery", "kid", "child", "baby", "play"]) {
        // Bunting across the wall.
        let colours =
            [Rgb::new(240, 110, 120), Rgb::new(250, 200, 80), Rgb::new(110, 180, 230), Rgb::new(140, 210, 140)];
        let y = (top.max(p.y0) + 0.08 * p.h).max(0.06 * p.h);
        let mut x = grid_start(p.x0, 0.04 * p.w);
        let mut i = 0;
        while x < p.x1 {
            let sag = 0.03 * p.h * (1.0 - ((x / (0.5 * p.w)).fract() * 2.0 - 1.0).powi(2));
            p.poly(
                &[(x, y + sag), (x + 0.03 * p.w, y + sag), (x + 0.015 * p.w, y + sag + 0.05 * p.h)],
                colours[i % 4].lit(l).color(),
            );
            x += 0.04 * p.w;
            i += 1;
        }
    } else if rng.unit() < 0.3 {
        // A round mirror.
        let r = 0.09 * p.unit;
        p.circle(cx, cy, r * 1.1, GOLD.lit(l).color());
        p.circle(cx, cy, r, Rgb::new(190, 204, 212).lit(l).color());
        p.circle(cx - r * 0.3, cy - r * 0.3, r * 0.35, WHITE.alpha(0.3));
    } else {
        let (fw, fh) = (0.18 * p.w, 0.22 * p.h);
        let (l0, t0) = (cx - fw * 0.5, cy - fh * 0.5);
        p.rect(l0 + 4.0, t0 + 5.0, l0 + fw + 4.0, t0 + fh + 5.0, BLACK.alpha(0.2));
        p.rect(l0, t0, l0 + fw, t0 + fh, pick(rng, &[Rgb::new(90, 60, 40), WHITE, GOLD]).lit(l).color());
        painting(p, rng, l0 + 6.0, t0 + 6.0, l0 + fw - 6.0, t0 + fh - 6.0);
    }
}

/// A grandstand: a roof edge on columns, tiers packed with a crowd of tiny coloured dots,
/// advertising boards along the front.
fn stands(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let seat =
        pick(rng, &[Rgb::new(40, 80, 170), Rgb::new(170, 40, 40), Rgb::new(40, 130, 80), Rgb::new(110, 110, 120)])
            .lit(l);
    let (rt, rb) = (top, top + 0.045 * p.h);
    let boards = hy - 0.035 * p.h;
    p.gradient(p.x0, rb, p.x1, boards, seat.lit(0.45), seat.lit(0.9));
    let row = (0.012 * p.h).max(2.0);
    let mut y = boards;
    while y > rb {
        p.rect(p.x0, y - 1.0, p.x1, y, BLACK.alpha(0.25));
        y -= row;
    }
    // Aisles.
    let mut x = grid_start(p.x0, 0.17 * p.w);
    while x < p.x1 {
        p.rect(x, rb, x + 0.012 * p.w, boards, Rgb::new(150, 150, 150).lit(l * 0.8).color());
        x += 0.17 * p.w;
    }
    // The crowd: a shirt and a head per seat, a few empty seats.
    let dot = (0.005 * p.h).round().max(1.0);
    let step = dot * 2.2;
    let shirts = [
        Rgb::new(230, 60, 50),
        Rgb::new(250, 250, 250),
        Rgb::new(250, 210, 60),
        Rgb::new(40, 90, 200),
        Rgb::new(40, 40, 50),
        Rgb::new(60, 170, 90),
        Rgb::new(240, 130, 40),
    ];
    let skins = [Rgb::new(236, 196, 160), Rgb::new(190, 140, 100), Rgb::new(120, 80, 56), Rgb::new(60, 40, 30)];
    let shade_top = rb + 0.04 * p.h;
    let mut y = boards - dot;
    while y > rb + dot * 2.0 {
        let dim = if y < shade_top { 0.6 } else { 1.0 };
        let mut x = p.x0 + rng.range(0.0, step);
        while x < p.x1 {
            if rng.unit() < 0.88 {
                let c = pick(rng, &shirts).lit(l * dim);
                let s = pick(rng, &skins).lit(l * dim);
                let jx = x + rng.range(-0.3, 0.3) * dot;
                for dy in 0..dot as i32 {
                    for dx in 0..dot as i32 {
                        p.blend(jx + dx as f32, y + dy as f32, c, 1.0);
                    }
                }
                p.blend(jx + (dot * 0.5).floor(), y - 1.0, s, 1.0);
                if dot > 1.5 {
                    p.blend(jx + (dot * 0.5).floor(), y - 2.0, s, 1.0);
                }
            }
            x += step;
        }
        y -= step;
    }
    // Roof and columns.
    let steel = Rgb::new(70, 74, 80).lit(l);
    p.rect(p.x0, rt, p.x1, rb, steel.color());
    p.rect(p.x0, rb - 0.008 * p.h, p.x1, rb, steel.lit(1.6).color());
    p.rect(p.x0, rb, p.x1, rb + 0.01 * p.h, BLACK.alpha(0.3));
    let mut x = grid_start(p.x0, 0.3 * p.w) + 0.1 * p.w;
    while x < p.x1 {
        p.rect(x - 0.004 * p.w, rb, x + 0.004 * p.w, boards, steel.color());
        x += 0.3 * p.w;
    }
    // Floodlights on the roof after dark.
    if p.scene.look.lamps {
        let mut x = grid_start(p.x0, 0.45 * p.w) + 0.2 * p.w;
        while x < p.x1 {
            p.rect(x - 0.03 * p.w, rt - 0.03 * p.h, x + 0.03 * p.w, rt - 0.005 * p.h, Rgb::new(255, 255, 240).color());
            p.glow(x, rt - 0.02 * p.h, 0.25 * p.unit, Rgb::new(240, 244, 255), 0.7);
            x += 0.45 * p.w;
        }
    }
    // Advertising boards.
    let ads = [
        Rgb::new(220, 30, 40),
        Rgb::new(20, 60, 160),
        Rgb::new(250, 200, 20),
        Rgb::new(20, 20, 24),
        Rgb::new(30, 150, 70),
    ];
    let bw = 0.16 * p.w;
    let mut x = grid_start(p.x0, bw);
    while x < p.x1 {
        let c = pick(rng, &ads).lit(l);
        p.rect(x, boards, x + bw, hy, c.color());
        let tw = rng.range(0.05, 0.1) * p.w;
        p.rect(
            x + (bw - tw) * 0.5,
            boards + 0.01 * p.h,
            x + (bw + tw) * 0.5,
            hy - 0.01 * p.h,
            WHITE.lit(l.max(0.7)).color(),
        );
        p.rect(x, boards, x + 1.0, hy, BLACK.alpha(0.5));
        x += bw;
    }
}

/// Wooden post-and-rail fencing.
fn fence(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let band = hy - top;
    let wood = pick(rng, &[Rgb::new(140, 104, 70), Rgb::new(120, 112, 100), Rgb::new(160, 120, 80)]).lit(l);
    let rail = (0.16 * band).max(2.0);
    for f in [0.18f32, 0.55] {
        let y = top + f * band;
        p.rect(p.x0, y, p.x1, y + rail, wood.color());
        p.rect(p.x0, y, p.x1, y + rail * 0.3, wood.lit(1.2).color());
        p.rect(p.x0, y + rail, p.x1, y + rail * 1.3, BLACK.alpha(0.2));
    }
    let step = 0.11 * p.w;
    let pw = (0.012 * p.w).max(2.0);
    let mut x = grid_start(p.x0, step);
    while x < p.x1 {
        let px = x + rng.range(-0.005, 0.005) * p.w;
        let pt = top - rng.range(0.0, 0.1) * band;
        p.rect(px - pw * 0.5, pt, px + pw * 0.5, hy, wood.lit(0.92).color());
        p.rect(px - pw * 0.5, pt, px - pw * 0.1, hy, wood.lit(1.12).color());
        p.rect(px + pw * 0.25, pt, px + pw * 0.5, hy, BLACK.alpha(0.2));
        x += step;
    }
}

/// A clipped hedge with a bumpy top, and headstones in front of it.
fn hedge(p: &mut Painter, rng: &mut Rng, top: f32) {
    let l = light(p);
    let hy = p.hy;
    let band = hy - top;
    let green = Rgb::new(40, 82, 44).lit(l);
    let body = top + 0.2 * band;
    p.gradient(p.x0, body, p.x1, hy, green.lit(1.05), green.lit(0.7));
    let mut x = p.x0;
    while x < p.x1 {
        let r = rng.range(0.15, 0.25) * band;
        p.circle(x, body + r * 0.3, r, green.lit(rng.range(0.95, 1.1)).color());
        x += r * 1.2;
    }
    // Leaf texture.
    let count = ((p.x1 - p.x0) * band / 14.0) as i32;
    for _ in 0..count {
        let lx = rng.range(p.x0, p.x1);
        let ly = rng.range(body, hy);
        let c = if rng.unit() < 0.5 { green.lit(1.35) } else { green.lit(0.6) };
        p.blend(lx, ly, c, 0.7);
    }
    // Headstones and crosses.
    let stone = Rgb::new(150, 150, 146).lit(l);
    let span = p.x1 - p.x0;
    let n = (span / p.w * 6.0) as i32;
    for i in 0..n {
        let sx = p.x0 + span * (i as f32 + rng.range(0.1, 0.9)) / n as f32;
        let sh = rng.range(0.35, 0.6) * band;
        let sw = sh * rng.range(0.45, 0.65);
        let c = stone.lit(rng.range(0.8, 1.1));
        if rng.unit() < 0.25 {
            p.rect(sx - sw * 0.12, hy - sh * 1.2, sx + sw * 0.12, hy, c.color());
            p.rect(sx - sw * 0.45, hy - sh * 0.95, sx + sw * 0.45, hy - sh * 0.75, c.color());
        } else {
            p.rect(sx - sw * 0.5, hy - sh + sw * 0.5, sx + sw * 0.5, hy, c.color());
            p.circle(sx, hy - sh + sw * 0.5, sw * 0.5, c.color());
            p.rect(sx + sw * 0.2, hy - sh + sw * 0.5, sx + sw * 0.5, hy, BLACK.alpha(0.15));
        }
    }
}

/// Paint `floor` from the horizon to the bottom of the backdrop.
pub(super) fn floor(p: &mut Painter, rng: &mut Rng, floor: Floor) {
    if p.hy >= p.y1 {
        return;
    }
    let indoor = p.scene.setting.is_interior();
    let wall = p.scene.place.as_ref().and_then(|pl| pl.wall);
    let room = matches!(
        floor,
        Floor::Wood
            | Floor::Tiles
            | Floor::Checker
            | Floor::Marble
            | Floor::Carpet
            | Floor::Court
            | Floor::Pool
            | Floor::Seats
    );
    let lift = match floor {
        _ if indoor && (room || floor == Floor::Concrete) => 0.1,
        _ if room => 0.04,
        Floor::Rails | Floor::Highway | Floor::Trail | Floor::Crosswalk => 0.008,
        _ => 0.03,
    };
    let v = Persp::new(p, lift);
    let l = light(p);
    match floor {
        Floor::Wood => {
            let c = pick(rng, &[Rgb::new(150, 100, 60), Rgb::new(176, 126, 80), Rgb::new(120, 76, 46)]);
            planks(p, &v, rng, c, 0.16);
            reflect(p, 0.12 * p.h, 0.12);
        }
        Floor::Tiles => {
            let c = pick(rng, &[Rgb::new(226, 228, 230), Rgb::new(214, 206, 192), Rgb::new(200, 210, 214)]).lit(l);
            grid(p, &v, rng, 0.32, c, None);
            reflect(p, 0.1 * p.h, 0.16);
        }
        Floor::Checker => {
            grid(p, &v, rng, 0.36, Rgb::new(238, 236, 230).lit(l), Some(Rgb::new(34, 34, 38).lit(l)));
            reflect(p, 0.1 * p.h, 0.12);
        }
        Floor::Marble => marble(p, &v, rng),
        Floor::Carpet => carpet(p, &v, rng, wall),
        Floor::Concrete => concrete_floor(p, &v, rng, indoor),
        Floor::Court => court(p, &v, rng),
        Floor::Pool => pool(p, &v, rng),
        Floor::Seats => seats(p, &v, rng),
        Floor::Track => track(p, &v, rng),
        Floor::Pitch => pitch(p, &v, rng),
        Floor::Diamond => diamond(p, &v, rng),
        Floor::Fairway => fairway(p, &v, rng),
        Floor::Rails => rails(p, &v, rng),
        Floor::Platform => platform(p, &v, rng),
        Floor::Crosswalk => crosswalk(p, &v, rng),
        Floor::Parking => parking(p, &v, rng),
        Floor::Racetrack => racetrack(p, &v, rng),
        Floor::Highway => highway(p, &v, rng),
        Floor::Dirt => dirt(p, &v, rng),
        Floor::Trail => trail(p, &v, rng),
        Floor::Gravel => gravel(p, &v, rng),
        Floor::Marsh => marsh(p, &v, rng),
        Floor::Slope => slope(p, &v, rng),
        Floor::Cobbles => cobbles(p, &v, rng),
    }
    if indoor {
        if wall == Some(Wall::Doors) {
            corridor(p, p.hy, p.y1);
        } else {
            // Where the wall meets the floor.
            for i in 0..4 {
                p.rect(p.x0, p.hy, p.x1, p.hy + (i + 1) as f32 * 0.006 * p.h, BLACK.alpha(0.06));
            }
        }
    } else {
        // Aerial perspective: the ground melts into the sky at the horizon.
        let haze = p.scene.palette.sky.horizon;
        let band = 0.12 * (p.h - p.hy).max(0.0);
        for i in 0..6 {
            p.rect(p.x0, p.hy, p.x1, p.hy + (i + 1) as f32 * band / 6.0, haze.alpha(0.06));
        }
    }
}

/// Mirror the wall into a polished floor: rows just below the horizon take a fading copy of
/// the rows just above it.
fn reflect(p: &mut Painter, rows: f32, alpha: f32) {
    let (w, h) = (p.pm.width() as usize, p.pm.height() as i64);
    let hy = p.hy as i64 - i64::from(p.oy);
    let n = rows.max(1.0) as i64;
    let data = p.pm.data_mut();
    for dy in 0..n {
        let (src, dst) = (hy - 1 - dy, hy + dy);
        if src < 0 || dst < 0 || dst >= h {
            continue;
        }
        let a = (alpha * (1.0 - dy as f32 / n as f32) * 256.0) as u32;
        let (si, di) = (src as usize * w * 4, dst as usize * w * 4);
        for i in 0..w * 4 {
            let (s, d) = (u32::from(data[si + i]), u32::from(data[di + i]));
            data[di + i] = ((d * (256 - a) + s * a) >> 8) as u8;
        }
    }
}

/// The whole floor as a gradient from `far` at the horizon to `near` at the bottom.
fn base(p: &mut Painter, far: Rgb, near: Rgb) {
    p.gradient(p.x0, p.hy, p.x1, p.y1, far, near);
}

/// Boards running away from the viewer, with seams, butt joints and grain.
fn planks(p: &mut Painter, v: &Persp, rng: &mut Rng, colour: Rgb, pw: f32) {
    let c = colour.lit(light(p));
    base(p, c.lit(0.85), c);
    let (a0, a1) = v.span(p, v.near);
    let mut a = grid_start(a0, pw);
    while a < a1 {
        gquad(p, v, (a, a + pw), (v.near, v.far), c.lit(rng.range(0.84, 1.12)), 1.0);
        gline(
            p,
            v,
            (a + rng.range(0.2, 0.8) * pw, v.near),
            (a + rng.range(0.2, 0.8) * pw, v.far),
            0.01,
            c.lit(0.7),
            0.3,
        );
        let mut d = v.near + rng.range(0.0, 2.0);
        while d < v.far {
            gline(p, v, (a, d), (a + pw, d), 0.012, c.lit(0.5), 0.8);
            d += rng.range(1.2, 2.6);
        }
        gline(p, v, (a, v.near), (a, v.far), 0.012, c.lit(0.45), 0.9);
        a += pw;
    }
    p.glow(0.3 * p.w, v.y(v.far * 0.5), 0.45 * p.unit, WHITE, 0.12);
}

/// Square floor tiles `s` eye heights across with grout; `dark`: a checkerboard.
fn grid(p: &mut Painter, v: &Persp, rng: &mut Rng, s: f32, c: Rgb, dark: Option<Rgb>) {
    base(p, c.lit(0.9), c);
    let mut d = grid_start(v.near, s);
    let mut row = (d / s).round() as i64;
    while d < v.far {
        let (a0, a1) = v.span(p, (d + s).min(v.far));
        let mut a = grid_start(a0, s);
        let mut col = (a / s).round() as i64;
        while a < a1 {
            let tone = match dark {
                Some(k) if (row + col).rem_euclid(2) == 1 => k,
                _ => c,
            };
            gquad(p, v, (a, a + s), (d, d + s), tone.lit(rng.range(0.95, 1.05)), 1.0);
            a += s;
            col += 1;
        }
        d += s;
        row += 1;
    }
    let grout = if dark.is_some() { c.lit(0.6) } else { c.lit(0.72) };
    let mut d = grid_start(v.near, s);
    while d < v.far {
        grow(p, v, d, 0.015, grout, 0.9);
        d += s;
    }
    let (a0, a1) = v.span(p, v.far);
    let mut a = grid_start(a0, s);
    while a < a1 {
        gline(p, v, (a, v.near), (a, v.far), 0.015, grout, 0.9);
        a += s;
    }
    p.glow(0.35 * p.w, v.y(v.far * 0.45), 0.4 * p.unit, WHITE, 0.15);
}

/// Polished marble slabs with veins, and the room mirrored in them.
fn marble(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let c = pick(rng, &[Rgb::new(236, 232, 224), Rgb::new(226, 222, 218), Rgb::new(232, 220, 204)]).lit(l);
    base(p, c.lit(0.92), c);
    let s = 0.8;
    let mut d = grid_start(v.near, s);
    while d < v.far {
        let (a0, a1) = v.span(p, (d + s).min(v.far));
        let mut a = grid_start(a0, s);
        while a < a1 {
            gquad(p, v, (a, a + s), (d, d + s), c.lit(rng.range(0.94, 1.04)), 1.0);
            a += s;
        }
        d += s;
    }
    // Veins.
    let (a0, a1) = v.span(p, v.far * 0.7);
    for _ in 0..30 {
        let mut pt = (rng.range(a0, a1), rng.range(v.near, v.far));
        let mut dir: f32 = rng.range(0.0, std::f32::consts::TAU);
        let vein = Rgb::new(150, 146, 150).lit(l);
        for _ in 0..6 {
            dir += rng.range(-0.6, 0.6);
            let next = (pt.0 + dir.cos() * 0.25, pt.1 + dir.sin() * 0.25);
            gline(p, v, pt, next, 0.012, vein, 0.35);
            pt = next;
        }
    }
    let mut d = grid_start(v.near, s);
    while d < v.far {
        grow(p, v, d, 0.01, c.lit(0.8), 0.6);
        d += s;
    }
    let (a0, a1) = v.span(p, v.far);
    let mut a = grid_start(a0, s);
    while a < a1 {
        gline(p, v, (a, v.near), (a, v.far), 0.01, c.lit(0.8), 0.6);
        a += s;
    }
    reflect(p, 0.3 * p.h, 0.35);
    // Highlights of the lights above, stretched towards the viewer.
    let warm = Rgb::new(255, 236, 200);
    let mut x = grid_start(p.x0, 0.36 * p.w) + 0.18 * p.w;
    while x < p.x1 {
        p.poly(
            &[(x - 0.01 * p.w, p.hy), (x + 0.01 * p.w, p.hy), (x + 0.04 * p.w, p.y1), (x - 0.04 * p.w, p.y1)],
            warm.alpha(0.07),
        );
        p.glow(x, p.hy + 0.05 * p.h, 0.12 * p.unit, warm, 0.3);
        x += 0.36 * p.w;
    }
}

/// Carpet: a soft colour with fibre texture; an office's carpet tiles, a rug elsewhere.
fn carpet(p: &mut Painter, v: &Persp, rng: &mut Rng, wall: Option<Wall>) {
    let l = light(p);
    let c = pick(
        rng,
        &[
            Rgb::new(120, 40, 50),
            Rgb::new(50, 64, 100),
            Rgb::new(110, 116, 120),
            Rgb::new(70, 100, 80),
            Rgb::new(190, 170, 140),
        ],
    )
    .lit(l);
    base(p, c.lit(0.8), c);
    let count = (((p.x1 - p.x0) * (p.y1 - p.hy)) / 60.0) as i32;
    for _ in 0..count {
        let y = rng.range(p.hy, p.y1);
        let x = rng.range(p.x0, p.x1);
        let len = 1.0 + 3.0 * (y - p.hy) / (p.y1 - p.hy);
        let tone = if rng.unit() < 0.5 { c.lit(1.25) } else { c.lit(0.75) };
        p.hline(x, x + len, y, tone, 0.35);
    }
    if wall == Some(Wall::Windows) {
        let s = 0.5;
        let mut d = grid_start(v.near, s);
        while d < v.far {
            grow(p, v, d, 0.01, c.lit(0.7), 0.5);
            d += s;
        }
        let (a0, a1) = v.span(p, v.far);
        let mut a = grid_start(a0, s);
        while a < a1 {
            gline(p, v, (a, v.near), (a, v.far), 0.01, c.lit(0.7), 0.5);
            a += s;
        }
    } else {
        // A rug with a border.
        let rug =
            pick(rng, &[Rgb::new(170, 60, 50), Rgb::new(40, 70, 120), Rgb::new(200, 170, 110), Rgb::new(90, 60, 100)])
                .lit(l);
        let (ra, rd0, rd1) = (1.3, 1.5, 3.6);
        gquad(p, v, (-ra, ra), (rd0, rd1), rug, 1.0);
        gquad(p, v, (-ra + 0.15, ra - 0.15), (rd0 + 0.15, rd1 - 0.15), rug.lit(0.7), 1.0);
        gquad(p, v, (-ra + 0.25, ra - 0.25), (rd0 + 0.25, rd1 - 0.25), rug.lit(1.1), 1.0);
        gpoly(
            p,
            v,
            &[(0.0, rd0 + 0.45), (ra - 0.5, (rd0 + rd1) * 0.5), (0.0, rd1 - 0.45), (-ra + 0.5, (rd0 + rd1) * 0.5)],
            GOLD.lit(l * 0.8),
            0.8,
        );
        for k in 0..12 {
            let a = -ra + 2.0 * ra * (k as f32 + 0.5) / 12.0;
            gline(p, v, (a, rd0 - 0.08), (a, rd0), 0.03, Rgb::new(230, 220, 200).lit(l), 0.8);
        }
    }
    fade(p, p.y1, 0.3 * (p.y1 - p.hy), BLACK, 0.15);
}

/// Concrete: joints, stains and speckle; oil stains on a forecourt.
fn concrete_floor(p: &mut Painter, v: &Persp, rng: &mut Rng, indoor: bool) {
    let l = light(p);
    let c = if indoor { Rgb::new(140, 140, 136) } else { Rgb::new(176, 174, 168) }.lit(l);
    base(p, c.lit(0.9).mix(p.scene.palette.sky.horizon, if indoor { 0.0 } else { 0.2 }), c);
    let s = if indoor { 1.2 } else { 1.6 };
    let mut d = grid_start(v.near, s);
    while d < v.far {
        let (a0, a1) = v.span(p, (d + s).min(v.far));
        let mut a = grid_start(a0, s);
        while a < a1 {
            gquad(p, v, (a, a + s), (d, d + s), c.lit(rng.range(0.93, 1.06)), 1.0);
            a += s;
        }
        grow(p, v, d, 0.02, c.lit(0.6), 0.7);
        d += s;
    }
    let (a0, a1) = v.span(p, v.far);
    let mut a = grid_start(a0, s);
    while a < a1 {
        gline(p, v, (a, v.near), (a, v.far), 0.02, c.lit(0.6), 0.7);
        a += s;
    }
    let (a0, a1) = v.span(p, v.far * 0.5);
    for _ in 0..(if indoor { 8 } else { 16 }) {
        let at = (rng.range(a0, a1), rng.range(v.near, v.far * 0.7));
        let r = rng.range(0.2, 0.8);
        let a = rng.range(0.08, 0.25);
        gblob(p, v, rng, at, (r, r * 0.7), Rgb::new(40, 36, 34), a);
    }
    let count = (((p.x1 - p.x0) * (p.y1 - p.hy)) / 40.0) as i32;
    for _ in 0..count {
        let (x, y) = (rng.range(p.x0, p.x1), rng.range(p.hy, p.y1));
        p.blend(x, y, if rng.unit() < 0.5 { WHITE } else { BLACK }, 0.15);
    }
    if indoor {
        p.glow(0.35 * p.w, v.y(v.far * 0.4), 0.4 * p.unit, Rgb::new(255, 230, 180), 0.1);
    }
}

/// A sports hall floor: glossy maple with painted court lines and a centre circle.
fn court(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    planks(p, v, rng, Rgb::new(214, 166, 108), 0.09);
    let team = pick(rng, &[Rgb::new(170, 40, 40), Rgb::new(30, 70, 150), Rgb::new(30, 110, 70)]).lit(l);
    let line = WHITE.lit(l.max(0.8));
    let side = v.near + 0.6;
    // Painted surround in front of the sideline.
    let (a0, a1) = v.span(p, side);
    gquad(p, v, (a0, a1), (v.near * 0.9, side), team, 0.85);
    grow(p, v, side, 0.06, line, 1.0);
    gline(p, v, (0.0, side), (0.0, v.far + 1.0), 0.06, line, 1.0);
    let centre = (0.0, side + 1.6);
    let ring: Vec<(f32, f32)> = (0..32)
        .map(|i| {
            let t = i as f32 / 32.0 * std::f32::consts::TAU;
            (centre.0 + 1.0 * t.cos(), centre.1 + 1.0 * t.sin())
        })
        .collect();
    gpoly(p, v, &ring, team, 0.7);
    gring(p, v, centre, 1.0, 0.06, line, 1.0);
    // The three-point arcs and keys at either end, where they come into view.
    for dir in [-1.0f32, 1.0] {
        let basket = (dir * 7.5, side + 2.6);
        gquad(p, v, (dir * 7.5 - dir * 3.0, dir * 7.5), (basket.1 - 0.9, basket.1 + 0.9), team, 0.7);
        gring(p, v, (dir * 4.5, basket.1), 0.9, 0.05, line, 1.0);
        gline(p, v, (dir * 4.5, basket.1 - 0.9), (dir * 7.5, basket.1 - 0.9), 0.05, line, 1.0);
        gline(p, v, (dir * 4.5, basket.1 + 0.9), (dir * 7.5, basket.1 + 0.9), 0.05, line, 1.0);
    }
    reflect(p, 0.2 * p.h, 0.28);
    let mut x = grid_start(p.x0, 0.3 * p.w) + 0.15 * p.w;
    while x < p.x1 {
        p.glow(x, p.hy + 0.04 * p.h, 0.1 * p.unit, WHITE, 0.35);
        x += 0.3 * p.w;
    }
}

/// An indoor pool: a tiled deck along the far side, then blue water with lane ropes,
/// lane markings on the bottom and ripples.
fn pool(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let edge = v.far * 0.72;
    let deck = Rgb::new(226, 230, 232).lit(l);
    p.rect(p.x0, p.hy, p.x1, v.y(edge), deck.color());
    let s = 0.25;
    let mut d = edge;
    while d < v.far {
        grow(p, v, d, 0.01, deck.lit(0.75), 0.8);
        d += s;
    }
    let (a0, a1) = v.span(p, v.far);
    let mut a = grid_start(a0, s);
    while a < a1 {
        gline(p, v, (a, edge), (a, v.far), 0.01, deck.lit(0.75), 0.8);
        a += s;
    }
    let (shallow, deep) = (Rgb::new(90, 200, 226).lit(l), Rgb::new(20, 120, 190).lit(l));
    p.gradient(p.x0, v.y(edge), p.x1, p.y1, shallow, deep);
    // Lane markings on the bottom, seen through the water.
    let lane = 1.5;
    let (a0, a1) = v.span(p, edge);
    let mut a = grid_start(a0, lane) + lane * 0.5;
    while a < a1 {
        gquad(p, v, (a - 0.1, a + 0.1), (v.near * 0.9, edge - 0.6), Rgb::new(10, 50, 110), 0.5);
        gquad(p, v, (a - 0.4, a + 0.4), (edge - 0.75, edge - 0.6), Rgb::new(10, 50, 110), 0.5);
        a += lane;
    }
    // Ripples and glints.
    let count = (((p.x1 - p.x0) * (p.y1 - v.y(edge))) / 250.0) as i32;
    for _ in 0..count {
        let y = rng.range(v.y(edge), p.y1);
        let x = rng.range(p.x0, p.x1);
        let len = 2.0 + 0.05 * p.w * (y - p.hy) / (p.y1 - p.hy);
        p.hline(x, x + len, y, WHITE, rng.range(0.15, 0.45));
        p.hline(x + len * 0.3, x + len * 1.2, y + 1.0, deep.lit(0.7), 0.25);
    }
    // Lane ropes of floats.
    let mut a = grid_start(a0, lane);
    let mut i = 0;
    while a < a1 {
        let (c0, c1) =
            if i % 2 == 0 { (Rgb::new(220, 40, 40), WHITE) } else { (Rgb::new(30, 60, 200), Rgb::new(250, 210, 40)) };
        let mut d = v.near * 0.9;
        let mut k = 0;
        while d < edge - 0.1 {
            let c = if (k / 3) % 2 == 0 { c0 } else { c1 };
            gquad(p, v, (a - 0.05, a + 0.05), (d, d + 0.11), c.lit(l), 1.0);
            d += 0.13;
            k += 1;
        }
        a += lane;
        i += 1;
    }
    // The pool edge: a gutter and a coping.
    grow(p, v, edge, 0.12, deck.lit(1.05), 1.0);
    grow(p, v, edge - 0.08, 0.05, Rgb::new(30, 60, 80), 0.6);
}

/// Cinema seating: rows of red seat backs receding towards the screen, an aisle.
fn seats(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p).min(0.7);
    base(p, Rgb::new(30, 18, 20).lit(l), Rgb::new(20, 12, 14).lit(l));
    let red = pick(rng, &[Rgb::new(170, 30, 40), Rgb::new(150, 26, 60), Rgb::new(40, 50, 120)]).lit(l);
    let step = 0.6;
    let mut rows = Vec::new();
    let mut d = v.near + 0.35;
    while d < v.far {
        rows.push(d);
        d += step;
    }
    let aisle = 2.4;
    let (sw, gap) = (0.4, 0.05);
    for &d in rows.iter().rev() {
        let sc = v.scale(d);
        let yb = v.y(d);
        let yt = (yb - 0.42 * sc).max(p.hy);
        let (a0, a1) = v.span(p, d);
        let mut a = grid_start(a0, sw + gap);
        while a < a1 {
            if (a + sw * 0.5 - aisle).abs() > 0.45 {
                let (xl, xr) = (v.vx + a * sc, v.vx + (a + sw) * sc);
                p.rect(xl, yt + 0.06 * sc, xr, yb, red.color());
                p.circle(xl + 0.06 * sc, yt + 0.06 * sc, 0.06 * sc, red.color());
                p.circle(xr - 0.06 * sc, yt + 0.06 * sc, 0.06 * sc, red.color());
                p.rect(xl + 0.06 * sc, yt, xr - 0.06 * sc, yt + 0.06 * sc, red.color());
                p.rect(xl + 0.04 * sc, yt + 0.02 * sc, xr - 0.04 * sc, yt + 0.08 * sc, red.lit(1.35).color());
                p.rect(xl, yb - 0.12 * sc, xr, yb, BLACK.alpha(0.3));
            }
            a += sw + gap;
        }
        // Step lights along the aisle.
        let (x, y) = (v.vx + (aisle - 0.3) * sc, yb - 0.02 * sc);
        p.glow(x, y, 0.12 * sc, Rgb::new(255, 170, 80), 0.6);
    }
}

/// Grass for the sports grounds: a gradient with mowing stripes across the depth.
fn mown(p: &mut Painter, v: &Persp, c: Rgb, band: f32) {
    base(p, c.lit(0.9), c.lit(1.05));
    let mut d = grid_start(v.near, band);
    let mut i = (d / band).round() as i64;
    while d < v.far {
        if i.rem_euclid(2) == 0 {
            let (t, b) = (v.y((d + band).min(v.far)), v.y(d));
            p.rect(p.x0, t, p.x1, b, WHITE.alpha(0.07));
        }
        d += band;
        i += 1;
    }
}

/// A running track: terracotta lanes crossing the view and bending away on one side, white
/// lane lines, the grass infield beyond.
fn track(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    mown(p, v, Rgb::new(70, 150, 70).lit(l), 1.5);
    let clay = Rgb::new(196, 84, 58).lit(l);
    let side = if rng.unit() < 0.5 { -1.0f32 } else { 1.0 };
    let bend = 1.0;
    let curve = 0.09;
    let lanes = 6;
    let (outer, inner) = (v.near * 0.85, v.near + 3.2);
    let depth = |a: f32, d0: f32| {
        let over = (a * side - bend).max(0.0);
        d0 + curve * over * over * (1.0 + 0.15 * d0)
    };
    let (a0, a1) = v.span(p, inner);
    let (a0, a1) = if side > 0.0 { (a0, a1 * 6.0) } else { (a0 * 6.0, a1) };
    let step = 0.2;
    let mut a = a0;
    while a < a1 {
        let (da, db) = (depth(a, outer), depth(a + step, outer));
        let (ia, ib) = (depth(a, inner), depth(a + step, inner));
        if da.min(db) < v.far {
            gpoly(p, v, &[(a, da), (a + step, db), (a + step, ib.min(v.far)), (a, ia.min(v.far))], clay, 1.0);
        }
        a += step;
    }
    for i in 0..=lanes {
        let d0 = outer + (inner - outer) * i as f32 / lanes as f32;
        let mut a = a0;
        while a < a1 {
            let (da, db) = (depth(a, d0), depth(a + step, d0));
            if da < v.far {
                gline(p, v, (a, da), (a + step, db), 0.05, WHITE.lit(l.max(0.8)), 0.95);
            }
            a += step;
        }
    }
    // Rubber texture.
    let count = (((p.x1 - p.x0) * (p.y1 - p.hy)) / 50.0) as i32;
    for _ in 0..count {
        let (x, y) = (rng.range(p.x0, p.x1), rng.range(p.hy, p.y1));
        p.blend(x, y, BLACK, 0.08);
    }
}

/// A football pitch: striped grass, the touchline, halfway line and centre circle.
fn pitch(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let _ = rng;
    mown(p, v, Rgb::new(60, 150, 60).lit(l), 1.2);
    let line = WHITE.lit(l.max(0.85));
    let touch = v.near + 0.8;
    grow(p, v, touch, 0.06, line, 0.95);
    gline(p, v, (0.0, touch), (0.0, v.far + 1.0), 0.06, line, 0.95);
    let c = (0.0, touch + 4.2);
    gring(p, v, c, 3.2, 0.06, line, 0.95);
    let spot: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let t = i as f32 / 10.0 * std::f32::consts::TAU;
            (c.0 + 0.12 * t.cos(), c.1 + 0.12 * t.sin())
        })
        .collect();
    gpoly(p, v, &spot, line, 0.95);
    // Corner arcs of the penalty areas where they come into view.
    for dir in [-1.0f32, 1.0] {
        let x = dir * 14.0;
        gline(p, v, (x, touch + 3.0), (x, v.far + 1.0), 0.06, line, 0.95);
        gline(p, v, (x, touch + 3.0), (x + dir * 6.0, touch + 3.0), 0.06, line, 0.95);
    }
}

/// A baseball field: grass with the brown infield, the diamond of bases, the foul lines.
fn diamond(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let _ = rng;
    mown(p, v, Rgb::new(70, 150, 64).lit(l), 1.0);
    let clay = Rgb::new(176, 120, 76).lit(l);
    let grass = Rgb::new(80, 160, 70).lit(l);
    let line = WHITE.lit(l.max(0.85));
    let home = (0.0, v.near + 0.7);
    let s = 5.0;
    let h = s * std::f32::consts::FRAC_1_SQRT_2;
    let first = (h, home.1 + h);
    let second = (0.0, home.1 + 2.0 * h);
    let third = (-h, home.1 + h);
    // The infield dirt: a fan out from home to beyond second base.
    let mut fan = vec![home];
    for i in 0..=20 {
        let t = -0.85 + 1.7 * i as f32 / 20.0;
        let r = 2.0 * h + 1.6;
        fan.push((home.0 + r * t.sin(), home.1 + r * t.cos()));
    }
    gpoly(p, v, &fan, clay, 1.0);
    // The grass square inside the base paths.
    let mid = (0.0, home.1 + h);
    let shrink = |q: (f32, f32)| (mid.0 + (q.0 - mid.0) * 0.75, mid.1 + (q.1 - mid.1) * 0.75);
    gpoly(p, v, &[shrink(home), shrink(first), shrink(second), shrink(third)], grass, 1.0);
    let circle = |c: (f32, f32), r: f32| -> Vec<(f32, f32)> {
        (0..16)
            .map(|i| {
                let t = i as f32 / 16.0 * std::f32::consts::TAU;
                (c.0 + r * t.cos(), c.1 + r * t.sin())
            })
            .collect()
    };
    gpoly(p, v, &circle(home, 0.8), clay, 1.0);
    gpoly(p, v, &circle(mid, 0.45), clay.lit(1.08), 1.0);
    gpoly(p, v, &circle(mid, 0.08), line, 1.0);
    // Foul lines and the bases.
    for dir in [-1.0f32, 1.0] {
        gline(p, v, home, (dir * 40.0, home.1 + 40.0), 0.05, line, 0.95);
    }
    for b in [first, second, third] {
        gpoly(p, v, &[(b.0, b.1 - 0.15), (b.0 + 0.15, b.1), (b.0, b.1 + 0.15), (b.0 - 0.15, b.1)], line, 1.0);
    }
    gpoly(
        p,
        v,
        &[
            (-0.12, home.1 - 0.1),
            (0.12, home.1 - 0.1),
            (0.12, home.1 + 0.05),
            (0.0, home.1 + 0.14),
            (-0.12, home.1 + 0.05),
        ],
        line,
        1.0,
    );
    for dir in [-1.0f32, 1.0] {
        let x = dir * 0.35;
        gline(p, v, (x, home.1 - 0.4), (x, home.1 + 0.4), 0.03, line, 0.8);
        gline(p, v, (x + dir * 0.4, home.1 - 0.4), (x + dir * 0.4, home.1 + 0.4), 0.03, line, 0.8);
        gline(p, v, (x, home.1 - 0.4), (x + dir * 0.4, home.1 - 0.4), 0.03, line, 0.8);
        gline(p, v, (x, home.1 + 0.4), (x + dir * 0.4, home.1 + 0.4), 0.03, line, 0.8);
    }
}

/// A golf course: smooth bright fairway with mowing bands, rough at the sides, a bunker and
/// a flag on the green.
fn fairway(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let rough = Rgb::new(60, 120, 50).lit(l);
    let fair = Rgb::new(110, 190, 80).lit(l);
    base(p, rough.lit(0.95), rough);
    let width = 3.0;
    let sway = |d: f32| 0.8 * (d * 0.15).sin();
    let mut d = v.near * 0.9;
    while d < v.far {
        let nd = (d * 1.08 + 0.1).min(v.far);
        gpoly(
            p,
            v,
            &[(sway(d) - width, d), (sway(d) + width, d), (sway(nd) + width, nd), (sway(nd) - width, nd)],
            fair,
            1.0,
        );
        d = nd;
    }
    // Mowing bands along the fairway.
    for k in -3..3 {
        if k % 2 == 0 {
            let a = k as f32 * width / 3.0;
            gquad(p, v, (a, a + width / 3.0), (v.near * 0.9, v.far), WHITE, 0.06);
        }
    }
    // A bunker with a lip of shadow.
    let side = if rng.unit() < 0.5 { -1.0 } else { 1.0 };
    let at = (side * rng.range(1.5, 2.6), rng.range(2.5, 4.0));
    gblob(p, v, rng, (at.0, at.1 + 0.08), (1.1, 0.6), Rgb::new(60, 90, 40), 0.6);
    gblob(p, v, rng, at, (1.0, 0.55), Rgb::new(236, 216, 160).lit(l), 1.0);
    // The green and its flag.
    let g = (sway(v.far * 0.5) + rng.range(-0.8, 0.8), v.far * 0.5);
    gblob(p, v, rng, g, (2.0, 1.2), Rgb::new(130, 210, 100).lit(l), 1.0);
    let (fx, fy) = v.pt(g.0, g.1);
    let pole = 1.5 * v.scale(g.1);
    seg(p, (fx, fy), (fx, fy - pole), (0.05 * v.scale(g.1)).max(1.0), WHITE, 1.0);
    p.poly(
        &[(fx, fy - pole), (fx + pole * 0.35, fy - pole * 0.88), (fx, fy - pole * 0.76)],
        Rgb::new(230, 40, 40).color(),
    );
}

/// Sprinkle `n` pixel specks of `c` over the rows `top..bottom`.
fn speckle(p: &mut Painter, rng: &mut Rng, top: f32, bottom: f32, per_px: f32, c: Rgb, alpha: f32) {
    let n = (((p.x1 - p.x0) * (bottom - top).max(0.0)) * per_px) as i32;
    for _ in 0..n {
        let (x, y) = (rng.range(p.x0, p.x1), rng.range(top, bottom));
        p.blend(x, y, c, alpha);
    }
}

/// Sleepers across a track bed at lateral `centre`, then two rails, all receding.
fn track_bed(p: &mut Painter, v: &Persp, centre: f32, l: f32) {
    let sleeper = Rgb::new(90, 70, 56).lit(l);
    let mut d = v.near * 0.8;
    while d < v.far {
        let px = v.y(d) - v.y(d + 0.4);
        if px < 2.0 {
            gquad(p, v, (centre - 0.75, centre + 0.75), (d, v.far), sleeper, 0.5);
            break;
        }
        gquad(p, v, (centre - 0.75, centre + 0.75), (d, d + 0.15), sleeper, 1.0);
        d += 0.4;
    }
    for x in [centre - 0.45, centre + 0.45] {
        gquad(p, v, (x - 0.035, x + 0.035), (v.near * 0.8, v.far), Rgb::new(90, 88, 86).lit(l), 1.0);
        gquad(p, v, (x - 0.035, x - 0.005), (v.near * 0.8, v.far), Rgb::new(210, 214, 220).lit(l), 1.0);
    }
}

/// A railway: gravel ballast between grass, sleepers and two steel rails to the vanishing point.
fn rails(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let grass = Rgb::new(90, 140, 60).lit(l);
    base(p, grass.lit(0.9), grass);
    speckle(p, rng, p.hy, p.y1, 0.05, grass.lit(0.7), 0.6);
    let two = rng.unit() < 0.5;
    let centres: &[f32] = if two { &[-1.1, 1.1] } else { &[0.0] };
    let ballast = Rgb::new(130, 120, 110).lit(l);
    for &c in centres {
        gquad(p, v, (c - 1.4, c + 1.4), (v.near * 0.8, v.far), ballast.lit(0.85), 1.0);
        gquad(p, v, (c - 1.1, c + 1.1), (v.near * 0.8, v.far), ballast, 1.0);
    }
    let top = v.y(v.far * 0.9).max(p.hy);
    let n = (((p.x1 - p.x0) * (p.y1 - top)) * 0.06) as i32;
    for _ in 0..n {
        let y = rng.range(top, p.y1);
        let d = v.depth(y);
        let c = centres[(rng.next_u64() % centres.len() as u64) as usize];
        let a = c + rng.range(-1.1, 1.1);
        let x = v.vx + a * v.scale(d);
        let tone = if rng.unit() < 0.5 { ballast.lit(1.3) } else { ballast.lit(0.6) };
        p.blend(x, y, tone, 0.7);
    }
    for &c in centres {
        track_bed(p, v, c, l);
    }
}

/// A station platform: concrete to the edge with a yellow safety line, the track bed below.
fn platform(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    // The track bed sits lower, so it lies on a flatter perspective.
    let drop = 1.7;
    let bed = Persp { k: v.k * drop, far: v.far * drop, ..*v };
    let edge = v.near + 1.1;
    let gravel = Rgb::new(96, 88, 80).lit(l);
    p.gradient(p.x0, p.hy, p.x1, v.y(edge), gravel.lit(0.9), gravel.lit(0.7));
    speckle(p, rng, p.hy, v.y(edge), 0.08, gravel.lit(1.4), 0.5);
    let (d0, d1) = (edge * drop + 0.5, edge * drop + 1.4);
    let sleeper = Rgb::new(80, 64, 52).lit(l);
    let (a0, a1) = bed.span(p, d1 + 0.5);
    let mut a = grid_start(a0, 0.45);
    while a < a1 {
        gquad(p, &bed, (a, a + 0.16), (d0 - 0.35, d1 + 0.35), sleeper, 1.0);
        a += 0.45;
    }
    for d in [d0, d1] {
        grow(p, &bed, d, 0.07, Rgb::new(80, 80, 84).lit(l), 1.0);
        grow(p, &bed, d - 0.02, 0.025, Rgb::new(220, 224, 230).lit(l), 1.0);
    }
    // The platform itself.
    let slab = Rgb::new(170, 168, 162).lit(l);
    p.gradient(p.x0, v.y(edge), p.x1, p.y1, slab.lit(0.92), slab);
    let s = 1.0;
    let (a0, a1) = v.span(p, edge);
    let mut a = grid_start(a0, s);
    while a < a1 {
        gline(p, v, (a, v.near * 0.8), (a, edge), 0.015, slab.lit(0.7), 0.7);
        a += s;
    }
    speckle(p, rng, v.y(edge), p.y1, 0.02, BLACK, 0.12);
    let yellow = Rgb::new(250, 204, 30).lit(l.max(0.7));
    let (ya, yb) = (edge - 0.5, edge - 0.32);
    let (t, b) = (v.y(yb), v.y(ya));
    p.rect(p.x0, t, p.x1, b, yellow.color());
    // Tactile bumps along the line.
    let mut a = grid_start(a0, 0.12);
    while a < a1 {
        let (x, y) = v.pt(a, (ya + yb) * 0.5);
        p.blend(x, y, yellow.lit(0.7), 0.8);
        a += 0.12;
    }
    // The coping stone along the edge, its face dropping into shadow.
    let (t, b) = (v.y(edge), v.y(edge - 0.12));
    p.rect(p.x0, t, p.x1, b, Rgb::new(230, 228, 220).lit(l).color());
    p.rect(p.x0, t - 0.004 * p.h, p.x1, t, BLACK.alpha(0.35));
}

/// An asphalt surface with a little texture.
fn asphalt(p: &mut Painter, rng: &mut Rng, c: Rgb) {
    base(p, c.mix(p.scene.palette.sky.horizon, 0.2), c);
    speckle(p, rng, p.hy, p.y1, 0.04, c.lit(1.5), 0.4);
    speckle(p, rng, p.hy, p.y1, 0.03, BLACK, 0.3);
}

/// A dashed painted line along the depth at lateral `a`.
fn dashes(p: &mut Painter, v: &Persp, a: f32, (from, len, gap): (f32, f32, f32), wdt: f32, c: Rgb) {
    let mut d = from;
    while d < v.far {
        if v.y(d) - v.y(d + len) < 0.6 {
            gline(p, v, (a, d), (a, v.far), wdt, c, 0.4);
            break;
        }
        gline(p, v, (a, d), (a, d + len), wdt, c, 0.95);
        d += len + gap;
    }
}

/// A street with a zebra crossing across the road, seen from the kerb.
fn crosswalk(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    asphalt(p, rng, Rgb::new(70, 72, 78).lit(l));
    let road = 3.4;
    let pave = Rgb::new(150, 146, 140).lit(l);
    let (a0, a1) = v.span(p, v.far);
    gquad(p, v, (a0.min(-road - 1.0), -road), (v.near * 0.8, v.far), pave, 1.0);
    gquad(p, v, (road, a1.max(road + 1.0)), (v.near * 0.8, v.far), pave, 1.0);
    for side in [-road, road] {
        gline(p, v, (side, v.near * 0.8), (side, v.far), 0.08, Rgb::new(200, 196, 190).lit(l), 1.0);
    }
    let paint = WHITE.lit(l.max(0.8));
    let (z0, z1) = (v.near + 1.0, v.near + 2.6);
    let stripe = 0.34;
    let mut a = -road + 0.2;
    while a + stripe < road - 0.1 {
        gquad(p, v, (a, a + stripe), (z0, z1), paint, 0.95);
        a += stripe * 2.0;
    }
    gquad(p, v, (0.0, road), (z1 + 0.4, z1 + 0.5), paint, 0.9);
    gquad(p, v, (-road, 0.0), (z0 - 0.5, z0 - 0.4), paint, 0.9);
    dashes(p, v, 0.0, (z1 + 0.6, 1.2, 1.8), 0.06, paint);
    dashes(p, v, 0.0, (v.near * 0.8, 0.6, 0.9), 0.06, paint);
}

/// A car park: asphalt with two rows of white bay lines, wheel stops and oil stains.
fn parking(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    asphalt(p, rng, Rgb::new(74, 76, 80).lit(l));
    let paint = WHITE.lit(l.max(0.8));
    let bay = 1.6;
    for (d0, d1) in [(v.near + 0.3, v.near + 3.0), (v.near + 5.5, v.near + 8.2)] {
        let (a0, a1) = v.span(p, d1);
        let mut a = grid_start(a0, bay);
        while a < a1 {
            gline(p, v, (a, d0), (a, d1), 0.06, paint, 0.95);
            gquad(p, v, (a + 0.4, a + bay - 0.4), (d1 - 0.4, d1 - 0.3), Rgb::new(170, 168, 160).lit(l), 1.0);
            if rng.unit() < 0.4 {
                gblob(p, v, rng, (a + bay * 0.5, (d0 + d1) * 0.5), (0.3, 0.5), BLACK, 0.2);
            }
            a += bay;
        }
        grow(p, v, d1, 0.06, paint, 0.95);
    }
    // A direction arrow down the aisle.
    let d = v.near + 3.8;
    gpoly(
        p,
        v,
        &[(-0.15, d), (0.15, d), (0.15, d + 0.8), (0.4, d + 0.8), (0.0, d + 1.3), (-0.4, d + 0.8), (-0.15, d + 0.8)],
        paint,
        0.9,
    );
}

/// A racing circuit: asphalt across the view with red-and-white kerbs, grass either side.
fn racetrack(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let grass = Rgb::new(80, 150, 70).lit(l);
    mown(p, v, grass, 1.0);
    let (n, f) = (v.near + 1.0, v.near + 6.0);
    let tar = Rgb::new(64, 66, 72).lit(l);
    p.gradient(p.x0, v.y(f), p.x1, v.y(n), tar.mix(p.scene.palette.sky.horizon, 0.15), tar);
    speckle(p, rng, v.y(f), v.y(n), 0.05, tar.lit(1.5), 0.4);
    // Rubber laid down on the racing line.
    for _ in 0..40 {
        let d = rng.range(n + 1.0, f - 1.0);
        let (a0, a1) = v.span(p, d);
        let a = rng.range(a0, a1);
        gline(p, v, (a, d), (a + rng.range(1.0, 4.0), d + rng.range(-0.3, 0.3)), 0.08, BLACK, 0.25);
    }
    let paint = WHITE.lit(l.max(0.8));
    for (d, dir) in [(n, -1.0f32), (f, 1.0)] {
        grow(p, v, d + dir * 0.1 - dir * 0.25, 0.05, paint, 0.95);
        let (k0, k1) = if dir < 0.0 { (d - 0.35, d) } else { (d, d + 0.35) };
        let (a0, a1) = v.span(p, k1);
        let seg_len = 0.7;
        let mut a = grid_start(a0, seg_len);
        let mut i = (a / seg_len).round() as i64;
        while a < a1 {
            let c = if i.rem_euclid(2) == 0 { Rgb::new(220, 30, 30) } else { WHITE };
            gquad(p, v, (a, a + seg_len), (k0, k1), c.lit(l.max(0.7)), 1.0);
            a += seg_len;
            i += 1;
        }
    }
}

/// A highway: lanes of asphalt receding, dashed lane lines, a median, verges.
fn highway(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let verge = Rgb::new(100, 140, 70).lit(l);
    base(p, verge.mix(p.scene.palette.sky.horizon, 0.3), verge);
    speckle(p, rng, p.hy, p.y1, 0.06, verge.lit(0.7), 0.5);
    let road = 5.0;
    let tar = Rgb::new(70, 72, 78).lit(l);
    gquad(p, v, (-road - 0.8, road + 0.8), (v.near * 0.8, v.far), Rgb::new(130, 124, 116).lit(l), 1.0);
    gquad(p, v, (-road, road), (v.near * 0.8, v.far), tar, 1.0);
    let paint = WHITE.lit(l.max(0.8));
    for side in [-1.0f32, 1.0] {
        gline(p, v, (side * (road - 0.2), v.near * 0.8), (side * (road - 0.2), v.far), 0.08, paint, 0.95);
        for k in 1..3 {
            dashes(p, v, side * (0.3 + 1.6 * k as f32), (v.near * 0.8 + rng.range(0.0, 2.0), 1.8, 3.6), 0.08, paint);
        }
        gline(
            p,
            v,
            (side * 0.3, v.near * 0.8),
            (side * 0.3, v.far),
            0.06,
            Rgb::new(240, 200, 40).lit(l.max(0.8)),
            0.95,
        );
    }
    // A concrete median barrier.
    gquad(p, v, (-0.15, 0.15), (v.near * 0.8, v.far), Rgb::new(190, 188, 182).lit(l), 1.0);
    gquad(p, v, (-0.15, -0.05), (v.near * 0.8, v.far), Rgb::new(150, 148, 142).lit(l), 1.0);
    // Tyre polish down the middle of each lane.
    for k in [-2.5f32, -0.95, 0.95, 2.5, -4.1, 4.1] {
        gquad(p, v, (k - 0.35, k + 0.35), (v.near * 0.8, v.far), BLACK, 0.08);
    }
}

/// Stones scattered on the ground, sized by depth, each with a lit top.
fn pebbles(p: &mut Painter, v: &Persp, rng: &mut Rng, n: usize, size: f32, c: Rgb, lateral: Option<(f32, f32)>) {
    let mut stones: Vec<(f32, f32)> = (0..n)
        .map(|_| {
            let d = v.near + (v.far - v.near) * rng.unit() * rng.unit();
            let (a0, a1) = lateral.unwrap_or_else(|| v.span(p, d));
            (rng.range(a0, a1), d)
        })
        .collect();
    stones.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (a, d) in stones {
        let (x, y) = v.pt(a, d);
        let r = (size * v.scale(d) * rng.range(0.5, 1.3)).max(0.6);
        let tone = c.lit(rng.range(0.75, 1.2));
        p.circle(x, y, r, tone.color());
        if r > 1.5 {
            p.circle(x - r * 0.25, y - r * 0.3, r * 0.45, tone.lit(1.3).alpha(0.7));
            p.rect(x - r, y + r * 0.5, x + r, y + r * 0.9, BLACK.alpha(0.2));
        }
    }
}

/// Packed earth with pebbles and two pairs of tyre ruts.
fn dirt(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let earth = Rgb::new(150, 112, 76).lit(l);
    base(p, earth.mix(p.scene.palette.sky.horizon, 0.25), earth.lit(0.92));
    speckle(p, rng, p.hy, p.y1, 0.05, earth.lit(1.3), 0.5);
    speckle(p, rng, p.hy, p.y1, 0.05, earth.lit(0.6), 0.5);
    let wander = rng.range(0.0, 6.0);
    let path = |d: f32| 0.6 * (d * 0.25 + wander).sin();
    for rut in [-0.85f32, 0.85] {
        let mut d = v.near * 0.8;
        while d < v.far {
            let nd = (d * 1.1 + 0.05).min(v.far);
            let (c0, c1) = (path(d) + rut, path(nd) + rut);
            gpoly(p, v, &[(c0 - 0.16, d), (c0 + 0.16, d), (c1 + 0.16, nd), (c1 - 0.16, nd)], earth.lit(0.7), 0.6);
            gline(p, v, (c0 + 0.17, d), (c1 + 0.17, nd), 0.04, earth.lit(1.2), 0.5);
            d = nd;
        }
    }
    pebbles(p, v, rng, 260, 0.03, Rgb::new(150, 140, 130).lit(l), None);
}

/// A dirt track winding into the distance with grass either side.
fn trail(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let grass = Rgb::new(86, 140, 60).lit(l);
    base(p, grass.mix(p.scene.palette.sky.horizon, 0.3), grass);
    let earth = Rgb::new(156, 120, 82).lit(l);
    let phase = rng.range(0.0, 6.0);
    let path = |d: f32| 1.2 * (d * 0.06 + phase).sin() - 1.2 * phase.sin();
    let half = 1.0;
    let mut d = v.near * 0.8;
    while d < v.far {
        let nd = (d * 1.06 + 0.04).min(v.far);
        let (c0, c1) = (path(d), path(nd));
        gpoly(
            p,
            v,
            &[(c0 - half - 0.1, d), (c0 + half + 0.1, d), (c1 + half + 0.1, nd), (c1 - half - 0.1, nd)],
            earth.lit(0.8),
            1.0,
        );
        gpoly(p, v, &[(c0 - half, d), (c0 + half, d), (c1 + half, nd), (c1 - half, nd)], earth, 1.0);
        gpoly(
            p,
            v,
            &[(c0 - 0.15, d), (c0 + 0.15, d), (c1 + 0.15, nd), (c1 - 0.15, nd)],
            Rgb::new(110, 150, 70).lit(l),
            0.5,
        );
        d = nd;
    }
    // Grass blades, thickest along the verges.
    let mut tufts: Vec<(f32, f32)> = (0..700)
        .map(|_| {
            let d = v.near + (v.far - v.near) * rng.unit() * rng.unit();
            let (a0, a1) = v.span(p, d);
            let a = if rng.unit() < 0.4 {
                path(d) + if rng.unit() < 0.5 { -half } else { half } + rng.range(-0.2, 0.2)
            } else {
                rng.range(a0, a1)
            };
            (a, d)
        })
        .filter(|&(a, d)| (a - path(d)).abs() > half * 0.8)
        .collect();
    tufts.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (a, d) in tufts {
        let (x, y) = v.pt(a, d);
        let s = v.scale(d);
        let c = grass.lit(rng.range(0.65, 1.25));
        for k in 0..3 {
            let lean = (k as f32 - 1.0) * 0.05 * s;
            seg(p, (x + lean * 0.3, y), (x + lean, y - rng.range(0.1, 0.2) * s), (0.015 * s).max(1.0), c, 0.9);
        }
    }
    pebbles(p, v, rng, 60, 0.03, Rgb::new(150, 140, 130).lit(l), Some((-0.8, 0.8)));
}

/// Loose gravel: dense speckle and stones.
fn gravel(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let c = Rgb::new(156, 148, 136).lit(l);
    base(p, c.mix(p.scene.palette.sky.horizon, 0.25), c.lit(0.9));
    speckle(p, rng, p.hy, p.y1, 0.15, c.lit(1.35), 0.6);
    speckle(p, rng, p.hy, p.y1, 0.15, c.lit(0.55), 0.6);
    pebbles(p, v, rng, 500, 0.025, c, None);
}

/// A marsh: muddy ground with pools of still water reflecting the sky, and reed tufts.
fn marsh(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let sky = p.scene.palette.sky;
    let mud = Rgb::new(96, 100, 60).lit(l);
    base(p, mud.mix(sky.horizon, 0.3), mud);
    speckle(p, rng, p.hy, p.y1, 0.04, mud.lit(0.6), 0.5);
    let water = sky.horizon.mix(sky.top, 0.35);
    for _ in 0..26 {
        let d = v.near + (v.far - v.near) * rng.unit().powf(1.5);
        let (a0, a1) = v.span(p, d);
        let at = (rng.range(a0, a1), d);
        let r = rng.range(0.6, 2.4) * (0.5 + d * 0.1);
        gblob(p, v, rng, (at.0, at.1 - 0.05), (r * 1.05, r * 0.45), mud.lit(0.6), 1.0);
        gblob(p, v, rng, at, (r, r * 0.4), water, 0.92);
        let (x, y) = v.pt(at.0, at.1);
        p.hline(x - r * 0.4 * v.scale(d), x + r * 0.2 * v.scale(d), y, WHITE, 0.35);
    }
    // Reed tufts, far to near.
    let mut tufts: Vec<(f32, f32)> = (0..90)
        .map(|_| {
            let d = v.near + (v.far - v.near) * rng.unit() * rng.unit();
            let (a0, a1) = v.span(p, d);
            (rng.range(a0, a1), d)
        })
        .collect();
    tufts.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (a, d) in tufts {
        let (x, y) = v.pt(a, d);
        let s = v.scale(d);
        let reed = Rgb::new(90, 110, 50).mix(Rgb::new(150, 140, 80), rng.unit()).lit(l);
        for _ in 0..7 {
            let top = (x + rng.range(-0.12, 0.12) * s, y - rng.range(0.3, 0.7) * s);
            seg(p, (x + rng.range(-0.04, 0.04) * s, y), top, (0.015 * s).max(1.0), reed, 0.95);
            if rng.unit() < 0.2 {
                p.rect(
                    top.0 - 0.015 * s,
                    top.1,
                    top.0 + 0.015 * s,
                    top.1 + 0.08 * s,
                    Rgb::new(110, 70, 40).lit(l).color(),
                );
            }
        }
    }
}

/// A ski slope: white snow rising to the horizon, ski tracks, soft blue shadows, poles.
fn slope(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let snow = Rgb::new(246, 248, 252).lit(l.max(0.5));
    let shade = Rgb::new(170, 190, 226).lit(l.max(0.5));
    base(p, snow.mix(shade, 0.5), snow);
    for _ in 0..24 {
        let d = v.near + (v.far - v.near) * rng.unit() * rng.unit();
        let (a0, a1) = v.span(p, d);
        let at = (rng.range(a0, a1), d);
        let (rx, rd) = (rng.range(0.6, 1.6), rng.range(0.2, 0.5));
        gblob(p, v, rng, at, (rx, rd), shade, 0.35);
        gblob(p, v, rng, (at.0 - 0.1, at.1 + 0.2), (rx * 0.8, rd * 0.6), WHITE, 0.5);
    }
    for _ in 0..7 {
        let (a0, a1) = v.span(p, v.near * 2.0);
        let start = rng.range(a0, a1);
        let (amp, freq, ph) = (rng.range(0.3, 0.9), rng.range(0.4, 1.0), rng.range(0.0, 6.0));
        let path = |d: f32| start + amp * (d * freq + ph).sin();
        let mut d = v.near * 0.8;
        while d < v.far {
            let nd = (d * 1.05 + 0.05).min(v.far);
            for off in [-0.07f32, 0.07] {
                gline(p, v, (path(d) + off, d), (path(nd) + off, nd), 0.03, shade.lit(0.85), 0.6);
            }
            d = nd;
        }
    }
    speckle(p, rng, p.hy, p.y1, 0.01, WHITE, 1.0);
    // Slalom poles.
    let mut d = v.near + 2.0;
    let mut i = 0;
    while d < v.far * 0.6 {
        let a = if i % 2 == 0 { -1.2 } else { 1.2 } + 1.5;
        let (x, y) = v.pt(a, d);
        let s = v.scale(d);
        let c = if i % 2 == 0 { Rgb::new(220, 40, 40) } else { Rgb::new(40, 80, 220) };
        seg(p, (x, y), (x, y - 0.7 * s), (0.02 * s).max(1.0), c, 1.0);
        p.poly(&[(x, y - 0.7 * s), (x + 0.25 * s, y - 0.62 * s), (x, y - 0.52 * s)], c.color());
        d += 1.8;
        i += 1;
    }
}

/// Stone setts in staggered rows, fading to texture in the distance.
fn cobbles(p: &mut Painter, v: &Persp, rng: &mut Rng) {
    let l = light(p);
    let stone = Rgb::new(130, 124, 118).lit(l);
    base(p, stone.lit(0.8), stone.lit(0.55));
    let (dep, wid) = (0.16, 0.24);
    let mut d = v.near * 0.8;
    let mut r = 0;
    while d < v.far {
        if v.y(d) - v.y(d + dep) < 1.8 {
            break;
        }
        let off = if r % 2 == 1 { wid * 0.5 } else { 0.0 };
        let (a0, a1) = v.span(p, d + dep);
        let mut a = grid_start(a0 - off, wid) + off;
        while a < a1 {
            let c = stone.lit(rng.range(0.8, 1.15)).mix(Rgb::new(140, 110, 90), rng.unit() * 0.3);
            gquad(p, v, (a + 0.02, a + wid - 0.02), (d + 0.02, d + dep - 0.02), c, 1.0);
            gquad(p, v, (a + 0.04, a + wid - 0.06), (d + dep * 0.55, d + dep - 0.03), WHITE, 0.12);
            a += wid;
        }
        d += dep;
        r += 1;
    }
    // Beyond, only the rows of joints show.
    while d < v.far {
        grow(p, v, d, 0.02, BLACK, 0.25);
        d += dep;
    }
    speckle(p, rng, p.hy, v.y(d.min(v.far)).max(p.hy), 0.1, stone.lit(1.2), 0.4);
    if p.scene.look.lamps || p.scene.atmosphere.wet {
        let (a0, a1) = v.span(p, v.far * 0.5);
        for _ in 0..120 {
            let (a, dd) = (rng.range(a0, a1), v.near + (v.far - v.near) * rng.unit() * rng.unit());
            let (x, y) = v.pt(a, dd);
            p.hline(x, x + 0.08 * v.scale(dd), y, Rgb::new(255, 220, 160), 0.35);
        }
    }
}
