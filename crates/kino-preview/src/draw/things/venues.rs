//! Landmarks and big outdoor things that make a place: an arch, a barn, a carousel, a building site, a sports ground, a junkyard, a factory, a mansion, a palace, a waterfall.

use tiny_skia::{Path, PathBuilder, Transform};

use crate::draw::{Anim, DARK, GLASS, Pen, WARM_LIGHT, WHITE};
use crate::math::{fract, sin_turns};
use crate::palette::Rgb;

const SHADOW: Rgb = Rgb::new(0, 0, 0);
const STEEL: Rgb = Rgb::new(150, 156, 164);
const CONCRETE: Rgb = Rgb::new(160, 158, 152);
const RUST: Rgb = Rgb::new(150, 74, 36);
const GOLD: Rgb = Rgb::new(222, 178, 70);
const SLATE: Rgb = Rgb::new(78, 82, 94);
const BRICK: Rgb = Rgb::new(150, 78, 58);
const ROCK: Rgb = Rgb::new(112, 102, 94);
const MOSS: Rgb = Rgb::new(72, 120, 60);
const SIGNAL_RED: Rgb = Rgb::new(214, 44, 44);
const RIM_ORANGE: Rgb = Rgb::new(236, 104, 30);
const WOOD: Rgb = Rgb::new(96, 64, 40);
/// Bézier handle length for a quarter ellipse.
const K: f32 = 0.5523;

/// A window pane: glass by day, some of them lit at night.
fn pane(a: &Anim, i: usize) -> Rgb {
    if a.lamps && !(i * 7919 + 3).is_multiple_of(3) { WARM_LIGHT } else { GLASS }
}

/// From the current point (l, spring), a half ellipse over the top to (r, spring), `ry` high.
fn arc_over(pb: &mut PathBuilder, l: f32, r: f32, spring: f32, ry: f32) {
    let (cx, rx) = ((l + r) * 0.5, (r - l) * 0.5);
    pb.cubic_to(l, spring - K * ry, cx - K * rx, spring - ry, cx, spring - ry);
    pb.cubic_to(cx + K * rx, spring - ry, r, spring - K * ry, r, spring);
}

/// A round-topped opening from `t` (its crown) down to `b`.
fn arched(l: f32, t: f32, r: f32, b: f32) -> Option<Path> {
    let ry = ((r - l) * 0.5).min(b - t);
    let mut pb = PathBuilder::new();
    pb.move_to(l, b);
    pb.line_to(l, t + ry);
    arc_over(&mut pb, l, r, t + ry, ry);
    pb.line_to(r, b);
    pb.close();
    pb.finish()
}

fn arched_window(p: &mut Pen, l: f32, t: f32, r: f32, b: f32, frame: Rgb, glass: Rgb) {
    let m = (r - l) * 0.18;
    p.fill_path(arched(l - m, t - m, r + m, b + m * 0.5), frame, 1.0);
    p.fill_path(arched(l, t, r, b), glass, 1.0);
}

/// A straight stroke with an alpha.
fn faint_line(p: &mut Pen, from: (f32, f32), to: (f32, f32), w: f32, c: Rgb, alpha: f32) {
    p.lines_a(&[from, to], w, c, alpha);
}

/// An onion dome standing on (cx, base), `w` its half width at the foot, `h` tall to the tip.
fn onion(cx: f32, base: f32, w: f32, h: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    pb.move_to(cx - w, base);
    pb.cubic_to(cx - w * 1.7, base - h * 0.35, cx - w * 0.25, base - h * 0.62, cx, base - h);
    pb.cubic_to(cx + w * 0.25, base - h * 0.62, cx + w * 1.7, base - h * 0.35, cx + w, base);
    pb.close();
    pb.finish()
}

/// A triumphal arch from the front: a stone block with a tall round-topped opening, an attic
/// with a jutting cornice, carved relief panels on the piers and a frieze band.
pub(super) fn arch(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    let (ol, or, spring) = (-0.15, 0.15, -0.44);
    // The body with the opening cut through it (the hole is wound the other way).
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in [(-0.46, -0.74), (0.46, -0.74), (0.46, 0.0), (-0.46, 0.0)].into_iter().enumerate() {
        if i == 0 { pb.move_to(x, y) } else { pb.line_to(x, y) }
    }
    pb.close();
    pb.move_to(or, 0.0);
    pb.line_to(or, spring);
    pb.cubic_to(or, spring - K * 0.15, K * 0.15, spring - 0.15, 0.0, spring - 0.15);
    pb.cubic_to(-K * 0.15, spring - 0.15, ol, spring - K * 0.15, ol, spring);
    pb.line_to(ol, 0.0);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    // Soffit of the vault and the reveals, in shade.
    for x in [ol, or - 0.025] {
        p.rect(x, spring, x + 0.025, 0.0, c.lit(0.6));
    }
    p.stroke(
        {
            let mut pb = PathBuilder::new();
            pb.move_to(ol + 0.012, spring);
            arc_over(&mut pb, ol + 0.012, or - 0.012, spring, 0.138);
            pb.finish()
        },
        0.025,
        c.lit(0.6),
        1.0,
    );
    // Archivolt ring and keystone.
    p.stroke(
        {
            let mut pb = PathBuilder::new();
            pb.move_to(ol - 0.02, spring);
            arc_over(&mut pb, ol - 0.02, or + 0.02, spring, 0.17);
            pb.finish()
        },
        0.022,
        c.lit(0.8),
        1.0,
    );
    p.poly(&[(-0.03, -0.63), (0.03, -0.63), (0.022, -0.58), (-0.022, -0.58)], c.lit(1.12));
    // Impost band at the springing, plinth, pier edges.
    p.rect(-0.46, spring - 0.015, ol, spring + 0.01, c.lit(0.82));
    p.rect(or, spring - 0.015, 0.46, spring + 0.01, c.lit(0.82));
    p.rect(-0.48, -0.05, ol, 0.0, c.lit(0.78));
    p.rect(or, -0.05, 0.48, 0.0, c.lit(0.78));
    // Relief panels on the piers: a frame with a group of figures.
    for (l, r) in [(-0.41, -0.2), (0.2, 0.41)] {
        p.rect(l, -0.36, r, -0.1, c.lit(0.78));
        p.rect(l + 0.012, -0.348, r - 0.012, -0.112, c.lit(0.92));
        for k in 0..3 {
            let x = l + 0.045 + k as f32 * 0.06;
            p.circle(x, -0.3, 0.014, c.lit(0.7));
            p.poly(&[(x - 0.018, -0.12), (x - 0.01, -0.285), (x + 0.01, -0.285), (x + 0.02, -0.12)], c.lit(0.7));
        }
        p.rect(l, -0.62, r, -0.5, c.lit(0.85));
        p.rect(l + 0.012, -0.61, r - 0.012, -0.51, c.lit(0.95));
    }
    // Frieze band under the cornice.
    p.rect(-0.46, -0.7, 0.46, -0.66, c.lit(0.78));
    for k in 0..19 {
        let x = -0.44 + k as f32 * 0.049;
        p.rect(x, -0.695, x + 0.022, -0.665, c.lit(0.92));
    }
    // Cornice (jutting, with its shadow), attic with shields, top slab.
    p.rect(-0.5, -0.77, 0.5, -0.74, c.lit(1.1));
    p.rect_a(-0.46, -0.74, 0.46, -0.72, SHADOW, 0.25);
    p.rect(-0.45, -0.93, 0.45, -0.77, c);
    p.rect(-0.45, -0.93, 0.45, -0.9, c.lit(0.85));
    for k in 0..7 {
        let x = -0.36 + k as f32 * 0.12;
        p.circle(x, -0.84, 0.028, c.lit(0.78));
        p.circle(x - 0.006, -0.846, 0.016, c.lit(1.05));
    }
    p.rect(-0.47, -0.96, 0.47, -0.93, c.lit(1.08));
    // A darker right side face.
    p.poly(&[(0.46, -0.74), (0.49, -0.72), (0.49, -0.05), (0.46, -0.05)], c.lit(0.68));
}

/// A farm barn from the front: a gambrel roof with white trim, vertical boards, big double doors
/// with white X braces, a hay loft door with hay, and a weather vane.
pub(super) fn barn(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    let roof = Rgb::new(70, 70, 78);
    let outline =
        [(-0.45, 0.0), (-0.45, -0.46), (-0.36, -0.74), (0.0, -0.9), (0.36, -0.74), (0.45, -0.46), (0.45, 0.0)];
    // The roof's edge, seen as a dark band round the gable, then the red front.
    let eave = [(-0.5, -0.42), (-0.4, -0.76), (0.0, -0.95), (0.4, -0.76), (0.5, -0.42)];
    p.lines(&eave, 0.05, roof);
    p.poly(&outline, c);
    // Vertical boards.
    for k in 0..17 {
        let x = -0.42 + k as f32 * 0.0525;
        let top = if x.abs() < 0.36 { -0.74 - (0.36 - x.abs()) * 0.44 } else { -0.46 - (0.45 - x.abs()) * 3.1 };
        p.line(x, top + 0.02, x, -0.01, 0.005, c.lit(0.75));
    }
    // White trim along the gable and the corners.
    let trim = WHITE.lit(0.96);
    p.lines(&outline, 0.022, trim);
    p.rect(-0.5, -0.46, 0.5, -0.44, trim);
    p.rect(-0.44, -0.47, 0.44, -0.44, trim);
    // Hay loft door with hay showing, and the hay hood beam.
    p.rect(-0.1, -0.72, 0.1, -0.52, trim);
    p.rect(-0.08, -0.7, 0.08, -0.54, Rgb::new(60, 40, 30));
    p.poly(&[(-0.08, -0.54), (-0.08, -0.6), (-0.03, -0.63), (0.03, -0.62), (0.08, -0.6), (0.08, -0.54)], GOLD);
    p.line(-0.07, -0.6, 0.06, -0.6, 0.006, GOLD.lit(0.8));
    p.poly(&[(-0.04, -0.82), (0.04, -0.82), (0.02, -0.76), (-0.02, -0.76)], roof);
    // Big double doors: white frames, X braces.
    p.rect(-0.25, -0.4, 0.25, 0.0, trim);
    for (l, r) in [(-0.23, -0.006), (0.006, 0.23)] {
        p.rect(l, -0.38, r, 0.0, c.lit(0.82));
        p.lines(&[(l, -0.38), (r, -0.38), (r, 0.0), (l, 0.0), (l, -0.38)], 0.02, trim);
        p.line(l, -0.38, r, 0.0, 0.02, trim);
        p.line(l, 0.0, r, -0.38, 0.02, trim);
    }
    p.line(-0.23, -0.19, 0.23, -0.19, 0.016, trim);
    // Small side windows.
    for (i, x) in [-0.36, 0.36].into_iter().enumerate() {
        p.rect(x - 0.05, -0.36, x + 0.05, -0.24, trim);
        p.rect(x - 0.037, -0.347, x + 0.037, -0.253, pane(a, i));
        p.line(x, -0.35, x, -0.25, 0.01, trim);
    }
    // A weather vane on the ridge.
    p.line(0.0, -0.95, 0.0, -1.0, 0.012, DARK);
    p.line(-0.05, -0.99, 0.05, -0.99, 0.01, DARK);
    p.poly(&[(0.05, -1.01), (0.075, -0.99), (0.05, -0.97)], DARK);
}

/// One carousel horse, body centred on (x, y), facing +x, legs out in a gallop.
fn pony(p: &mut Pen, x: f32, y: f32, coat: Rgb, saddle: Rgb) {
    let leg = coat.lit(0.8);
    p.line(x + 0.035, y + 0.015, x + 0.085, y + 0.04, 0.014, leg);
    p.line(x + 0.085, y + 0.04, x + 0.09, y + 0.065, 0.012, leg);
    p.line(x - 0.04, y + 0.015, x - 0.085, y + 0.055, 0.014, leg);
    p.curve((x - 0.055, y - 0.01), (x - 0.1, y - 0.01), (x - 0.095, y + 0.045), 0.016, DARK.lit(2.5));
    p.ellipse(x, y, 0.065, 0.032, coat);
    p.poly(&[(x + 0.025, y - 0.02), (x + 0.055, y - 0.085), (x + 0.085, y - 0.075), (x + 0.068, y + 0.005)], coat);
    p.poly(&[(x + 0.05, y - 0.09), (x + 0.085, y - 0.098), (x + 0.118, y - 0.062), (x + 0.104, y - 0.05)], coat);
    p.line(x + 0.03, y - 0.03, x + 0.055, y - 0.088, 0.014, DARK.lit(2.5));
    p.circle(x + 0.088, y - 0.08, 0.006, DARK);
    p.rrect(x - 0.03, y - 0.04, x + 0.02, y - 0.018, 0.008, saddle);
    p.line(x + 0.102, y - 0.056, x + 0.06, y - 0.03, 0.005, saddle);
}

/// A merry-go-round: a striped conical canopy with a scalloped valance and bulbs, a pennant on
/// top, a mirrored centre column, horses rising and falling on brass poles, a round platform.
pub(super) fn carousel(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let cream = Rgb::new(250, 240, 220);
    // Platform: skirt, then its top.
    p.rect(-0.46, -0.13, 0.46, 0.0, c.lit(0.7));
    p.rect(-0.46, -0.03, 0.46, 0.0, c.lit(0.5));
    for k in 0..9 {
        let x = -0.4 + k as f32 * 0.1;
        p.circle(x, -0.07, 0.012, GOLD);
    }
    p.ellipse(0.0, -0.13, 0.47, 0.045, c.mix(cream, 0.35));
    // Centre column: gold bands and two tall mirror panels.
    p.rect(-0.075, -0.66, 0.075, -0.13, c.lit(0.62));
    for (l, r) in [(-0.058, -0.006), (0.006, 0.058)] {
        p.fill_path(arched(l, -0.6, r, -0.2), Rgb::new(196, 212, 226), 1.0);
    }
    p.rect_a(-0.058, -0.56, -0.03, -0.2, WHITE, 0.5);
    for y in [-0.64, -0.18] {
        p.rect(-0.08, y - 0.015, 0.08, y + 0.015, GOLD);
    }
    // Poles and horses going up and down.
    let coats = [WHITE.lit(0.97), Rgb::new(150, 100, 62), cream, Rgb::new(120, 120, 128)];
    for (k, x) in [-0.34, -0.12, 0.1, 0.32].into_iter().enumerate() {
        p.line(x, -0.66, x, -0.13, 0.014, GOLD);
        let y = -0.38 + 0.06 * sin_turns(a.t * 0.5 + a.phase + k as f32 * 0.3);
        p.with(Transform::from_row(1.35, 0.0, 0.0, 1.35, x - 1.35 * x, y - 1.35 * y), |p| pony(p, x, y, coats[k], c));
        p.line(x, -0.66, x, y - 0.03, 0.014, GOLD);
        p.circle(x, -0.655, 0.012, GOLD.lit(0.85));
    }
    // Canopy: a striped cone.
    let apex = (0.0, -0.93);
    for k in 0..10 {
        let (x0, x1) = (-0.48 + k as f32 * 0.096, -0.48 + (k + 1) as f32 * 0.096);
        p.poly(&[apex, (x0, -0.72), (x1, -0.72)], if k % 2 == 0 { c } else { cream });
    }
    p.poly_a(&[apex, (0.1, -0.72), (0.48, -0.72)], SHADOW, 0.12);
    // Valance band with bulbs, and scallops under it.
    for k in 0..12 {
        let x = -0.44 + k as f32 * 0.08;
        p.circle(x, -0.66, 0.042, if k % 2 == 0 { c.lit(0.8) } else { cream.lit(0.92) });
    }
    p.rect(-0.49, -0.73, 0.49, -0.66, c.lit(0.75));
    p.rect(-0.49, -0.73, 0.49, -0.72, GOLD);
    for k in 0..13 {
        let x = -0.45 + k as f32 * 0.075;
        if a.lamps {
            p.glow(x, -0.695, 0.03, WARM_LIGHT, 0.6);
            p.lamp(x, -0.695, 0.01, WARM_LIGHT);
        } else {
            p.circle(x, -0.695, 0.01, WARM_LIGHT.lit(0.95));
        }
    }
    // Finial and a pennant flapping.
    p.line(0.0, -0.93, 0.0, -1.0, 0.01, GOLD.lit(0.8));
    p.circle(0.0, -0.93, 0.018, GOLD);
    let flap = 0.012 * a.wave(1.5);
    p.poly(&[(0.0, -1.0), (0.05, -0.992 + flap), (0.1, -0.98 + flap * 1.5), (0.0, -0.955)], c.lit(0.85));
}

/// A tower crane: a lattice mast on a concrete footing, a long lattice jib, a counter-jib with
/// concrete counterweights, tie bars from the tower head, a cab, a trolley with a hook on a cable.
pub(super) fn crane(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.2);
    p.rect(-0.14, -0.05, 0.14, 0.0, CONCRETE);
    p.rect(-0.14, -0.05, 0.14, -0.04, CONCRETE.lit(1.15));
    // Mast: two chords and criss-cross bracing.
    let (ml, mr, mt) = (-0.055, 0.055, -0.84);
    let n = 9;
    let step = (mt + 0.05) / n as f32;
    for i in 0..n {
        let y0 = -0.05 + i as f32 * step;
        p.line(ml, y0, mr, y0 + step, 0.011, c.lit(0.85));
        p.line(mr, y0, ml, y0 + step, 0.011, c.lit(0.85));
        p.line(ml, y0, mr, y0, 0.011, c.lit(0.85));
    }
    for x in [ml, mr] {
        p.line(x, -0.05, x, mt, 0.022, c);
    }
    // Tie bars from the tower head.
    let head = (0.0, -1.0);
    p.line(head.0, head.1, 0.34, -0.905, 0.007, c.lit(0.65));
    p.line(head.0, head.1, -0.32, -0.905, 0.007, c.lit(0.65));
    // Counter-jib and its concrete counterweights.
    p.rect(-0.34, -0.9, -0.05, -0.87, c.lit(0.85));
    for k in 0..3 {
        let x = -0.335 + k as f32 * 0.04;
        p.rect(x, -0.87, x + 0.036, -0.76, CONCRETE.lit(0.95));
        p.rect(x, -0.87, x + 0.036, -0.86, CONCRETE.lit(0.75));
    }
    // Jib: top and bottom chords with zig-zag bracing.
    let (jt, jb) = (-0.91, -0.865);
    let mut zig = Vec::new();
    for i in 0..=18 {
        let x = 0.05 + i as f32 * 0.025;
        zig.push((x, if i % 2 == 0 { jb } else { jt }));
    }
    p.lines(&zig, 0.008, c.lit(0.85));
    p.line(-0.05, jt, 0.5, jt, 0.016, c);
    p.line(-0.05, jb, 0.5, jb, 0.018, c);
    // Tower head.
    p.lines(&[(-0.05, jt), head, (0.05, jt)], 0.016, c);
    p.line(0.0, -0.98, 0.0, jt, 0.01, c.lit(0.85));
    // Slewing ring and the cab beside the mast.
    p.rect(-0.07, -0.865, 0.07, -0.835, c.lit(0.7));
    p.rrect(0.06, -0.865, 0.16, -0.76, 0.012, c);
    p.rect(0.095, -0.85, 0.15, -0.79, GLASS.lit(1.3));
    p.rect_a(0.06, -0.865, 0.16, -0.85, SHADOW, 0.2);
    // Trolley, cable and hook block swinging a little.
    let tx = 0.33 + 0.04 * a.wave(0.08);
    let hy = -0.46 + 0.03 * a.wave(0.13);
    p.rect(tx - 0.035, -0.87, tx + 0.035, -0.845, DARK.lit(1.6));
    for dx in [-0.012, 0.012] {
        p.line(tx + dx, -0.845, tx + dx, hy - 0.03, 0.005, DARK);
    }
    p.rrect(tx - 0.03, hy - 0.035, tx + 0.03, hy + 0.02, 0.008, SIGNAL_RED);
    p.rect(tx - 0.03, hy - 0.015, tx + 0.03, hy, WHITE);
    let mut pb = PathBuilder::new();
    pb.move_to(tx, hy + 0.02);
    pb.line_to(tx, hy + 0.05);
    pb.cubic_to(tx, hy + 0.09, tx - 0.05, hy + 0.085, tx - 0.045, hy + 0.055);
    p.stroke(pb.finish(), 0.012, STEEL.lit(0.7), 1.0);
    if a.lamps {
        for (x, y) in [head, (0.5, jt)] {
            p.glow(x, y, 0.05, SIGNAL_RED, 0.8);
            p.lamp(x, y, 0.012, Rgb::new(255, 90, 80));
        }
    }
}

/// A road cone: a tapered orange cone with two white reflective bands, on a square base.
pub(super) fn traffic_cone(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.36);
    // Square base: front face and top face.
    p.poly(&[(-0.34, -0.07), (-0.28, -0.12), (0.28, -0.12), (0.34, -0.07)], c.lit(0.72));
    p.rect(-0.34, -0.07, 0.34, 0.0, c.lit(0.55));
    p.rect_a(0.2, -0.07, 0.34, 0.0, SHADOW, 0.15);
    let (top, bot, wt, wb) = (-0.9, -0.1, 0.045, 0.22);
    let half = |y: f32| wt + (wb - wt) * (y - top) / (bot - top);
    p.ellipse(0.0, bot, wb, 0.03, c.lit(0.8));
    p.poly(&[(-wb, bot), (-wt, top), (wt, top), (wb, bot)], c);
    // White bands, their lower edges following the cone's curve.
    for (y0, y1) in [(-0.71, -0.6), (-0.47, -0.38)] {
        let mut pts = Vec::new();
        for i in 0..=8 {
            let u = -1.0 + i as f32 * 0.25;
            pts.push((u * half(y0), y0 + 0.02 * (1.0 - u * u)));
        }
        for i in (0..=8).rev() {
            let u = -1.0 + i as f32 * 0.25;
            pts.push((u * half(y1), y1 + 0.025 * (1.0 - u * u)));
        }
        p.poly(&pts, WHITE);
    }
    // Round shading: a dark right flank, a highlight on the left.
    p.poly_a(&[(0.06, bot + 0.02), (0.012, top), (wt, top), (wb, bot)], SHADOW, 0.16);
    p.line(-0.1, bot - 0.04, -0.025, top + 0.05, 0.018, WHITE.mix(c, 0.5));
    p.ellipse(0.0, top, wt, 0.012, c.lit(0.85));
}

/// A football goal from the front: white posts and crossbar, the net behind as a fine grid that
/// runs back to a ground bar, its side panels slanting.
pub(super) fn goal(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    let net = c.mix(WHITE, 0.35).lit(0.88);
    let (l, r, top) = (-0.47, 0.47, -0.52);
    let (bl, br, btop, bbot) = (-0.41, 0.41, -0.43, -0.05);
    p.rect_a(l, top, r, 0.0, net, 0.12);
    // The grid of the net.
    let mut x = l + 0.02;
    while x < r - 0.01 {
        faint_line(p, (x, top + 0.01), (x, -0.02), 0.0055, net, 0.9);
        x += 0.038;
    }
    let mut y = top + 0.035;
    while y < -0.01 {
        faint_line(p, (l + 0.01, y), (r - 0.01, y), 0.0055, net, 0.9);
        y += 0.038;
    }
    // Where the net turns: the back frame of the net.
    let back = net.lit(0.85);
    p.lines(&[(l, top), (bl, btop), (br, btop), (r, top)], 0.01, back);
    p.lines(&[(bl, btop), (bl, bbot), (br, bbot), (br, btop)], 0.01, back);
    p.line(bl, bbot, l, 0.0, 0.01, back);
    p.line(br, bbot, r, 0.0, 0.01, back);
    // Posts and crossbar, each with a shaded side.
    let w = 0.025;
    p.rect(l - w, top - w, r + w, top + w, c);
    p.rect(l - w, top + 0.01, r + w, top + w, c.lit(0.82));
    for x in [l, r] {
        p.rect(x - w, top - w, x + w, 0.0, c);
        p.rect(x + 0.004, top + w, x + w, 0.0, c.lit(0.82));
    }
}

/// A basketball hoop from the front: a white backboard with a red target square in a coloured
/// frame, an orange rim with a hanging net, on a padded pole with a weighted base.
pub(super) fn basketball_hoop(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.3);
    // Weighted base and the pole with its pad.
    p.poly(&[(-0.26, 0.0), (-0.22, -0.14), (0.22, -0.14), (0.26, 0.0)], c.lit(0.7));
    p.rect(-0.26, -0.03, 0.26, 0.0, c.lit(0.5));
    p.rect(-0.035, -0.62, 0.035, -0.12, c.lit(0.8));
    p.rrect(-0.05, -0.4, 0.05, -0.12, 0.02, c);
    p.rect_a(0.015, -0.62, 0.05, -0.12, SHADOW, 0.15);
    // Backboard: frame, white board, red target square, pad along the bottom.
    p.rect(-0.4, -1.0, 0.4, -0.56, c);
    p.rect(-0.36, -0.965, 0.36, -0.6, WHITE);
    p.rect_a(-0.36, -0.965, -0.1, -0.7, Rgb::new(200, 220, 240), 0.35);
    let sq = [(-0.12, -0.8), (0.12, -0.8), (0.12, -0.64), (-0.12, -0.64), (-0.12, -0.8)];
    p.lines(&sq, 0.018, SIGNAL_RED);
    p.rect(-0.4, -0.6, 0.4, -0.55, c.lit(0.75));
    // Net: strings from the rim narrowing down, criss-crossed.
    let net = WHITE.lit(0.95);
    let (ry, nb) = (-0.57, -0.4);
    for k in 0..7 {
        let u = -1.0 + k as f32 / 3.0;
        p.line(u * 0.12, ry, u * 0.07, nb, 0.006, net);
        if k < 6 {
            let v = u + 1.0 / 3.0;
            p.line(u * 0.12, ry, v * 0.095, (ry + nb) * 0.5, 0.005, net);
            p.line(v * 0.12, ry, u * 0.095, (ry + nb) * 0.5, 0.005, net);
            p.line(u * 0.095, (ry + nb) * 0.5, v * 0.07, nb, 0.005, net);
            p.line(v * 0.095, (ry + nb) * 0.5, u * 0.07, nb, 0.005, net);
        }
    }
    // Rim and its bracket.
    p.rect(-0.03, -0.6, 0.03, ry, STEEL.lit(0.8));
    let mut pb = PathBuilder::new();
    if let Some(rect) = tiny_skia::Rect::from_xywh(-0.125, ry - 0.025, 0.25, 0.05) {
        pb.push_oval(rect);
    }
    p.stroke(pb.finish(), 0.022, RIM_ORANGE, 1.0);
}

/// A heap of scrap: a rusty, grey mound with a car door, tyres, bent metal sheets, pipes and a
/// drum sticking out of it.
pub(super) fn junk_pile(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    let mound = [
        (-0.5, 0.0),
        (-0.45, -0.12),
        (-0.37, -0.22),
        (-0.3, -0.3),
        (-0.2, -0.4),
        (-0.1, -0.47),
        (0.02, -0.5),
        (0.12, -0.46),
        (0.22, -0.38),
        (0.32, -0.28),
        (0.41, -0.16),
        (0.47, -0.07),
        (0.5, 0.0),
    ];
    p.poly(&mound, c.lit(0.8));
    // Bits of scrap in the heap: small shards in the heap's colours.
    let shards = [
        (-0.4, -0.08, 0.05, 1.15),
        (-0.25, -0.18, 0.06, 0.65),
        (-0.1, -0.08, 0.07, 1.1),
        (0.05, -0.22, 0.05, 0.7),
        (0.2, -0.1, 0.06, 1.2),
        (0.34, -0.12, 0.05, 0.7),
        (-0.18, -0.32, 0.05, 1.2),
        (0.12, -0.34, 0.04, 1.05),
        (-0.32, -0.04, 0.04, 0.6),
        (0.0, -0.4, 0.04, 0.9),
    ];
    for (x, y, s, k) in shards {
        p.poly(
            &[(x - s, y + s * 0.3), (x - s * 0.2, y - s * 0.6), (x + s, y - s * 0.2), (x + s * 0.4, y + s * 0.5)],
            c.lit(k),
        );
    }
    // Pipes.
    p.line(-0.46, -0.16, -0.05, -0.34, 0.035, STEEL.lit(0.85));
    p.ellipse(-0.46, -0.16, 0.014, 0.019, DARK);
    p.line(0.08, -0.5, 0.3, -0.62, 0.022, RUST.lit(1.1));
    p.ellipse(0.3, -0.62, 0.01, 0.013, DARK);
    // Bent metal sheets, corrugated.
    let sheet = [(0.0, -0.45), (0.16, -0.58), (0.3, -0.46), (0.26, -0.36), (0.1, -0.32)];
    p.poly(&sheet, STEEL);
    for k in 0..4 {
        let t = k as f32 * 0.045;
        p.line(0.03 + t, -0.44 - t * 0.6, 0.13 + t, -0.33 - t * 0.2, 0.006, STEEL.lit(0.75));
    }
    p.poly(&[(-0.44, -0.02), (-0.4, -0.2), (-0.22, -0.16), (-0.24, -0.02)], c.mix(STEEL, 0.5));
    // A rusty car door, tipped over, with its window frame and handle.
    p.rotated(-18.0, -0.15, -0.42, |p| {
        p.rrect(-0.3, -0.52, -0.02, -0.3, 0.02, RUST);
        p.poly(&[(-0.28, -0.52), (-0.1, -0.52), (-0.04, -0.42), (-0.28, -0.42)], RUST.lit(0.8));
        p.poly(&[(-0.26, -0.51), (-0.11, -0.51), (-0.065, -0.435), (-0.26, -0.435)], GLASS.lit(0.8));
        p.line(-0.1, -0.38, -0.06, -0.38, 0.012, STEEL);
        p.circle(-0.2, -0.34, 0.025, RUST.lit(0.65));
        p.circle(-0.07, -0.33, 0.015, RUST.lit(1.2));
    });
    // Tyres: one upright, two lying stacked.
    for (x, y, r) in [(0.3, -0.17, 0.1), (-0.04, -0.15, 0.075)] {
        p.circle(x, y, r, DARK.lit(1.2));
        p.circle(x, y, r * 0.6, STEEL.lit(0.65));
        p.circle(x, y, r * 0.3, DARK);
        p.curve((x - r * 0.8, y - r * 0.3), (x - r * 0.6, y - r * 0.9), (x, y - r * 0.85), 0.008, DARK.lit(2.0));
    }
    for y in [-0.02, -0.08] {
        p.ellipse(0.4, y, 0.09, 0.035, DARK.lit(1.2));
        p.ellipse(0.4, y - 0.012, 0.045, 0.014, DARK);
    }
    // A bent bar sticking up.
    p.lines(&[(-0.28, -0.36), (-0.25, -0.52), (-0.3, -0.6)], 0.014, RUST.lit(0.75));
}

/// A factory: a brick-red shed with a saw-tooth roof of skylights, a row of tall windows, an annex
/// with a roller door, and two banded smokestacks puffing smoke that drifts away.
pub(super) fn factory(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    // Smokestacks (behind the annex).
    for (i, (x, top, w)) in [(0.26, -0.86, 0.045), (0.41, -0.76, 0.04)].into_iter().enumerate() {
        p.poly(&[(x - w, 0.0), (x - w * 0.75, top), (x + w * 0.75, top), (x + w, 0.0)], c.lit(0.82));
        p.poly_a(&[(x + w * 0.2, 0.0), (x + w * 0.15, top), (x + w * 0.75, top), (x + w, 0.0)], SHADOW, 0.15);
        p.rect(x - w * 0.8, top + 0.03, x + w * 0.8, top + 0.06, WHITE);
        p.rect(x - w * 0.82, top + 0.08, x + w * 0.82, top + 0.1, WHITE);
        p.rect(x - w * 0.9, top - 0.012, x + w * 0.9, top + 0.012, DARK.lit(1.5));
        // Smoke: puffs that rise, swell, drift left and fade.
        for k in 0..4 {
            let u = fract(a.t * 0.3 + k as f32 * 0.25 + i as f32 * 0.4 + a.phase);
            let (sx, sy) = (x - 0.02 - u * 0.28, top - 0.04 - u * 0.16);
            let grey = Rgb::new(150, 150, 156).lit(1.0 + 0.3 * u);
            p.ellipse_a(sx, sy, 0.045 + u * 0.07, 0.035 + u * 0.05, grey, 0.85 * (1.0 - u * u));
        }
    }
    // The shed: walls, then the saw-tooth roof with glazed faces.
    let (sl, sr, wall) = (-0.48, 0.16, -0.36);
    p.rect(sl, wall, sr, 0.0, c);
    let tooth = (sr - sl) / 4.0;
    for i in 0..4 {
        let x0 = sl + i as f32 * tooth;
        let x1 = x0 + tooth;
        p.poly(&[(x0, wall), (x1 - 0.03, -0.56), (x1, -0.56), (x1, wall)], c.lit(0.62));
        p.poly(&[(x1 - 0.03, -0.56), (x1, -0.56), (x1, wall), (x1 - 0.03, wall)], pane(a, i + 5).lit(1.2));
        p.line(x0, wall, x1 - 0.03, -0.56, 0.01, c.lit(0.45));
    }
    p.rect(sl, wall, sr, wall + 0.025, c.lit(0.7));
    // A row of tall windows with sills.
    for i in 0..6 {
        let x = sl + 0.04 + i as f32 * 0.1;
        p.rect(x, -0.3, x + 0.06, -0.13, pane(a, i));
        p.line(x + 0.03, -0.3, x + 0.03, -0.13, 0.006, c.lit(0.6));
        p.line(x, -0.215, x + 0.06, -0.215, 0.006, c.lit(0.6));
        p.rect(x - 0.005, -0.13, x + 0.065, -0.115, c.lit(1.15));
    }
    p.rect(sl, -0.04, sr, 0.0, c.lit(0.7));
    // The annex with a roller door and a flat roof.
    p.rect(0.12, -0.44, 0.49, 0.0, c.lit(0.88));
    p.rect(0.11, -0.46, 0.5, -0.43, c.lit(0.6));
    p.rect(0.2, -0.26, 0.41, 0.0, STEEL.lit(0.9));
    for k in 0..8 {
        let y = -0.24 + k as f32 * 0.03;
        p.line(0.2, y, 0.41, y, 0.005, STEEL.lit(0.7));
    }
    p.rect(0.18, -0.28, 0.43, -0.26, c.lit(0.6));
    p.rect(0.16, -0.39, 0.45, -0.32, pane(a, 11));
}

/// A grand house from the front, symmetrical: a slate hip roof with chimneys and dormers, two
/// storeys of shuttered windows, and a white portico of columns under a pediment.
pub(super) fn mansion(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    // Chimneys, the hip roof and its dormers.
    for x in [-0.3, 0.3] {
        p.rect(x - 0.035, -0.9, x + 0.035, -0.7, BRICK);
        p.rect(x - 0.045, -0.92, x + 0.045, -0.89, BRICK.lit(0.7));
    }
    p.poly(&[(-0.49, -0.58), (-0.36, -0.8), (0.36, -0.8), (0.49, -0.58)], SLATE);
    p.poly(&[(0.36, -0.8), (0.49, -0.58), (0.3, -0.58)], SLATE.lit(0.8));
    for (i, x) in [-0.24, 0.24].into_iter().enumerate() {
        p.poly(&[(x - 0.05, -0.66), (x, -0.73), (x + 0.05, -0.66)], SLATE.lit(0.7));
        p.rect(x - 0.04, -0.66, x + 0.04, -0.6, WHITE);
        p.rect(x - 0.025, -0.65, x + 0.025, -0.605, pane(a, i + 20));
    }
    // Walls, quoins, cornice, band course, plinth.
    p.rect(-0.46, -0.58, 0.46, 0.0, c);
    for x in [-0.46, 0.43] {
        for k in 0..9 {
            let y = -0.57 + k as f32 * 0.062;
            let w = if k % 2 == 0 { 0.03 } else { 0.02 };
            let l = if x < 0.0 { x } else { x + 0.03 - w };
            p.rect(l, y, l + w, y + 0.05, c.lit(0.88));
        }
    }
    p.rect(-0.48, -0.6, 0.48, -0.565, WHITE);
    p.rect(-0.46, -0.31, 0.46, -0.295, WHITE.lit(0.95));
    p.rect(-0.47, -0.05, 0.47, 0.0, c.lit(0.75));
    // Shuttered windows, three a side on two floors.
    let shutter = Rgb::new(52, 78, 64);
    for (row, (t, b)) in [(-0.51, -0.37), (-0.25, -0.1)].into_iter().enumerate() {
        for (col, x) in [-0.37, -0.29, -0.21, 0.21, 0.29, 0.37].into_iter().enumerate() {
            p.rect(x - 0.04, t, x - 0.03, b, shutter);
            p.rect(x + 0.03, t, x + 0.04, b, shutter);
            p.rect(x - 0.03, t, x + 0.03, b, WHITE);
            p.rect(x - 0.022, t + 0.008, x + 0.022, b - 0.008, pane(a, row * 6 + col));
            p.line(x, t, x, b, 0.006, WHITE);
            p.line(x - 0.03, (t + b) * 0.5, x + 0.03, (t + b) * 0.5, 0.006, WHITE);
            p.rect(x - 0.035, t - 0.018, x + 0.035, t - 0.006, WHITE.lit(0.92));
        }
    }
    // Portico: a shaded recess, the door with its fanlight, a window over it.
    p.rect(-0.16, -0.565, 0.16, -0.05, c.lit(0.72));
    p.rect(-0.05, -0.24, 0.05, -0.06, WOOD);
    p.line(0.0, -0.24, 0.0, -0.06, 0.005, WOOD.lit(0.6));
    p.fill_path(arched(-0.05, -0.3, 0.05, -0.24), pane(a, 30), 1.0);
    p.rect(-0.03, -0.48, 0.03, -0.36, pane(a, 31));
    // Columns with capitals and bases, the entablature and pediment.
    for x in [-0.13, -0.045, 0.045, 0.13] {
        p.rect(x - 0.016, -0.545, x + 0.016, -0.065, WHITE);
        p.rect(x + 0.004, -0.545, x + 0.016, -0.065, WHITE.lit(0.84));
        p.rect(x - 0.024, -0.56, x + 0.024, -0.54, WHITE.lit(0.96));
        p.rect(x - 0.024, -0.075, x + 0.024, -0.055, WHITE.lit(0.96));
    }
    p.rect(-0.18, -0.6, 0.18, -0.555, WHITE);
    p.rect_a(-0.18, -0.57, 0.18, -0.555, SHADOW, 0.12);
    p.poly(&[(-0.19, -0.6), (0.0, -0.73), (0.19, -0.6)], WHITE);
    p.poly(&[(-0.15, -0.61), (0.0, -0.705), (0.15, -0.61)], c.lit(0.92));
    p.circle(0.0, -0.645, 0.022, pane(a, 32));
    // Steps.
    p.rect(-0.17, -0.055, 0.17, -0.028, WHITE.lit(0.9));
    p.rect(-0.2, -0.028, 0.2, 0.0, WHITE.lit(0.8));
}

/// A royal palace: a long facade with rows of arched windows and a balustrade, a central pavilion
/// under a great gilded dome with a lantern and a flag, and towers at each end with onion domes.
pub(super) fn palace(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.52);
    let trim = c.mix(WHITE, 0.55);
    // Long facade and balustrade.
    p.rect(-0.42, -0.4, 0.42, 0.0, c);
    p.rect(-0.43, -0.43, 0.43, -0.4, trim);
    p.rect(-0.42, -0.47, 0.42, -0.455, trim);
    let mut x = -0.41;
    while x < 0.41 {
        p.rect(x, -0.455, x + 0.012, -0.43, trim);
        x += 0.025;
    }
    p.rect(-0.42, -0.22, 0.42, -0.205, trim);
    p.rect(-0.43, -0.04, 0.43, 0.0, c.lit(0.78));
    // Rows of arched windows in the wings.
    let mut i = 0;
    for (t, b) in [(-0.37, -0.26), (-0.18, -0.07)] {
        for k in 0..4 {
            for side in [-1.0, 1.0] {
                let x = side * (0.18 + k as f32 * 0.052);
                arched_window(p, x - 0.016, t, x + 0.016, b, trim, pane(a, i));
                i += 1;
            }
        }
    }
    // End towers with onion domes.
    for (j, tx) in [-0.43, 0.43].into_iter().enumerate() {
        p.rect(tx - 0.07, -0.6, tx + 0.07, 0.0, c.lit(0.92));
        p.rect(tx + 0.03, -0.6, tx + 0.07, 0.0, c.lit(0.8));
        p.rect(tx - 0.08, -0.62, tx + 0.08, -0.59, trim);
        for (k, (t, b)) in [(-0.55, -0.46), (-0.37, -0.26), (-0.18, -0.07)].into_iter().enumerate() {
            arched_window(p, tx - 0.022, t, tx + 0.022, b, trim, pane(a, 40 + j * 3 + k));
        }
        p.fill_path(onion(tx, -0.62, 0.06, 0.2), GOLD, 1.0);
        p.fill_path(onion(tx + 0.012, -0.62, 0.03, 0.18), GOLD.lit(1.18), 0.6);
        p.line(tx, -0.82, tx, -0.86, 0.008, GOLD.lit(0.8));
        p.circle(tx, -0.86, 0.008, GOLD);
    }
    // Central pavilion: drum, dome, lantern, flag.
    p.rect(-0.15, -0.52, 0.15, 0.0, c.lit(1.05));
    p.poly(&[(-0.17, -0.52), (0.0, -0.6), (0.17, -0.52)], trim);
    for x in [-0.15, -0.07, 0.07, 0.15] {
        p.rect(x - 0.008, -0.52, x + 0.008, -0.04, trim);
    }
    p.fill_path(arched(-0.05, -0.2, 0.05, -0.04), DARK.lit(1.6), 1.0);
    arched_window(p, -0.03, -0.44, 0.03, -0.28, trim, pane(a, 50));
    p.rect(-0.11, -0.68, 0.11, -0.56, c.lit(0.9));
    for (k, x) in [-0.07, 0.0, 0.07].into_iter().enumerate() {
        arched_window(p, x - 0.014, -0.66, x + 0.014, -0.58, trim, pane(a, 51 + k));
    }
    p.rect(-0.125, -0.7, 0.125, -0.675, trim);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.13, -0.7);
    arc_over(&mut pb, -0.13, 0.13, -0.7, 0.16);
    pb.close();
    p.fill_path(pb.finish(), GOLD, 1.0);
    for k in [-0.07, 0.0, 0.07] {
        p.curve((k * 1.6, -0.7), (k * 1.2, -0.83), (0.0, -0.86), 0.006, GOLD.lit(0.75));
    }
    p.rect(-0.025, -0.9, 0.025, -0.855, trim);
    p.fill_path(onion(0.0, -0.9, 0.03, 0.05), GOLD, 1.0);
    p.line(0.0, -0.95, 0.0, -1.0, 0.008, DARK);
    let flap = 0.012 * a.wave(1.2);
    p.poly(
        &[
            (0.0, -1.0),
            (0.05, -0.995 + flap),
            (0.1, -0.99 + flap * 1.6),
            (0.1, -0.95 + flap * 1.6),
            (0.05, -0.955 + flap),
            (0.0, -0.96),
        ],
        SIGNAL_RED,
    );
}

/// A waterfall: a rocky cliff with mossy tops, a sheet of water pouring over its lip with streaks
/// running down it, spray where it lands and a pool with spreading ripples.
pub(super) fn waterfall(p: &mut Pen, c: Rgb, a: &Anim) {
    // The cliff, its lit faces and ledges.
    p.poly(
        &[
            (-0.5, -0.06),
            (-0.5, -0.76),
            (-0.43, -0.9),
            (-0.3, -0.97),
            (-0.18, -0.94),
            (0.18, -0.94),
            (0.3, -0.99),
            (0.43, -0.9),
            (0.5, -0.78),
            (0.5, -0.06),
        ],
        ROCK,
    );
    p.poly(&[(-0.5, -0.74), (-0.43, -0.88), (-0.32, -0.92), (-0.38, -0.6), (-0.48, -0.45)], ROCK.lit(1.25));
    p.poly(&[(0.29, -0.96), (0.42, -0.88), (0.48, -0.7), (0.38, -0.62), (0.33, -0.8)], ROCK.lit(1.2));
    p.poly(&[(-0.46, -0.4), (-0.3, -0.46), (-0.34, -0.2), (-0.48, -0.16)], ROCK.lit(1.12));
    p.poly(&[(0.32, -0.5), (0.47, -0.46), (0.46, -0.22), (0.36, -0.26)], ROCK.lit(0.82));
    for (x0, y0, x1, y1) in
        [(-0.48, -0.5, -0.26, -0.56), (-0.44, -0.26, -0.28, -0.3), (0.3, -0.6, 0.49, -0.55), (0.3, -0.34, 0.48, -0.3)]
    {
        p.line(x0, y0, x1, y1, 0.012, ROCK.lit(0.6));
    }
    for (x, y, rx) in
        [(-0.38, -0.95, 0.1), (-0.24, -0.94, 0.07), (0.36, -0.96, 0.1), (0.24, -0.95, 0.07), (-0.47, -0.84, 0.05)]
    {
        p.ellipse(x, y, rx, 0.03, MOSS);
        p.ellipse(x - rx * 0.3, y - 0.01, rx * 0.5, 0.015, MOSS.lit(1.3));
    }
    // The falling sheet, widening as it falls, the river rolling over the lip.
    let (top, bot) = (-0.93, -0.12);
    let (wt, wb) = (0.2, 0.29);
    let half = |y: f32| wt + (wb - wt) * (y - top) / (bot - top);
    p.poly(&[(-wt, top), (wt, top), (wb, bot), (-wb, bot)], c);
    p.ellipse(0.0, top, wt + 0.01, 0.03, c.lit(0.9));
    p.curve((-wt, top + 0.01), (0.0, top + 0.05), (wt, top + 0.01), 0.02, c.mix(WHITE, 0.7));
    // Streaks: fixed darker ribs and bright runs moving down.
    for k in 0..9 {
        let u = -0.85 + k as f32 * 0.2125;
        p.line(u * wt, top + 0.04, u * wb, bot, 0.008, c.lit(0.84));
    }
    for k in 0..11 {
        let u = -0.9 + k as f32 * 0.18;
        for j in 0..3 {
            let f = fract(a.t * 0.7 + k as f32 * 0.37 + j as f32 / 3.0 + a.phase);
            let y0 = top + 0.04 + f * (bot - top - 0.1);
            let y1 = (y0 + 0.12).min(bot);
            faint_line(p, (u * half(y0), y0), (u * half(y1), y1), 0.011, WHITE, 0.75);
        }
    }
    // Pool with ripples, spray and mist where the water lands, boulders at the sides.
    p.ellipse(0.0, -0.07, 0.5, 0.07, c.lit(0.78));
    p.ellipse(0.0, -0.09, 0.42, 0.035, c.lit(0.9));
    for k in 0..2 {
        let f = fract(a.t * 0.4 + k as f32 * 0.5);
        let mut pb = PathBuilder::new();
        if let Some(r) = tiny_skia::Rect::from_xywh(-0.3 - 0.15 * f, -0.08 - 0.03 * f, 0.6 + 0.3 * f, 0.06 * f + 0.02) {
            pb.push_oval(r);
        }
        p.stroke(pb.finish(), 0.008, WHITE, 0.6 * (1.0 - f));
    }
    for k in 0..7 {
        let x = -0.27 + k as f32 * 0.09;
        let puff = 0.045 + 0.012 * sin_turns(a.t * 0.8 + k as f32 * 0.29);
        p.ellipse_a(x, bot + 0.005, puff, puff * 0.75, WHITE, 0.7);
    }
    p.glow(0.0, bot, 0.32, WHITE, 0.45);
    for (x, y, r) in [(-0.44, -0.06, 0.07), (0.43, -0.05, 0.08), (-0.34, -0.03, 0.045)] {
        p.ellipse(x, y, r, r * 0.7, ROCK.lit(0.9));
        p.ellipse(x - r * 0.3, y - r * 0.3, r * 0.4, r * 0.25, ROCK.lit(1.2));
    }
}
