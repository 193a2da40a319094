//! Tableware and food: wine glass, fork, knife, spoon, bowl, banana, sandwich, orange, broccoli, carrot, hot dog, pizza, donut.

use tiny_skia::{PathBuilder, Transform};

use crate::draw::{Anim, DARK, Pen, WHITE};
use crate::palette::Rgb;

const STEEL: Rgb = Rgb::new(204, 210, 218);
const LEAF: Rgb = Rgb::new(70, 150, 60);

/// An ellipse as four cubics; `ccw` reverses the winding so a second oval cuts a hole.
fn oval(pb: &mut PathBuilder, cx: f32, cy: f32, rx: f32, ry: f32, ccw: bool) {
    const K: f32 = 0.552_284_8;
    let (kx, ky) = (rx * K, ry * K);
    let s = if ccw { -1.0 } else { 1.0 };
    pb.move_to(cx + rx, cy);
    pb.cubic_to(cx + rx, cy + s * ky, cx + kx, cy + s * ry, cx, cy + s * ry);
    pb.cubic_to(cx - kx, cy + s * ry, cx - rx, cy + s * ky, cx - rx, cy);
    pb.cubic_to(cx - rx, cy - s * ky, cx - kx, cy - s * ry, cx, cy - s * ry);
    pb.cubic_to(cx + kx, cy - s * ry, cx + rx, cy - s * ky, cx + rx, cy);
    pb.close();
}

/// A filled ellipse turned by `deg` about its centre.
fn tilted(p: &mut Pen, cx: f32, cy: f32, rx: f32, ry: f32, deg: f32, c: Rgb) {
    p.rotated(deg, cx, cy, |p| p.ellipse(cx, cy, rx, ry, c));
}

/// A stemmed wine glass from the side. `c` is the wine and also tints the glass, so the
/// default reads as red wine in clear glass and "a blue wine glass" is blue all through.
pub(super) fn wine_glass(p: &mut Pen, c: Rgb, a: &Anim) {
    let glass = c.mix(WHITE, 0.72);
    p.contact_shadow(0.0, 0.3);
    // Foot, stem and the knot where the stem meets the bowl.
    p.ellipse_a(0.0, -0.035, 0.23, 0.04, glass, 0.85);
    p.ellipse_a(-0.04, -0.045, 0.14, 0.015, WHITE, 0.5);
    p.rect_a(-0.022, -0.47, 0.022, -0.04, glass, 0.85);
    p.rect_a(-0.012, -0.44, -0.004, -0.07, WHITE, 0.6);
    p.ellipse_a(0.0, -0.46, 0.045, 0.025, glass, 0.9);
    // The bowl: a tulip, open at the rim.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.205, -0.98);
    pb.cubic_to(-0.29, -0.76, -0.25, -0.47, 0.0, -0.455);
    pb.cubic_to(0.25, -0.47, 0.29, -0.76, 0.205, -0.98);
    let outline = pb.finish();
    let mut pb = PathBuilder::new();
    pb.move_to(-0.205, -0.98);
    pb.cubic_to(-0.29, -0.76, -0.25, -0.47, 0.0, -0.455);
    pb.cubic_to(0.25, -0.47, 0.29, -0.76, 0.205, -0.98);
    pb.close();
    p.fill_path(pb.finish(), glass, 0.35);
    // Wine: the bowl's lower part (the same cubics split at the surface), gently swaying.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.243, -0.72);
    pb.cubic_to(-0.2305, -0.5812, -0.156, -0.4644, 0.0, -0.455);
    pb.cubic_to(0.156, -0.4644, 0.2305, -0.5812, 0.243, -0.72);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly_a(
        &[
            (0.243, -0.72),
            (0.236, -0.62),
            (0.2, -0.54),
            (0.12, -0.48),
            (0.03, -0.458),
            (0.1, -0.52),
            (0.16, -0.6),
            (0.17, -0.72),
        ],
        DARK,
        0.15,
    );
    tilted(p, 0.0, -0.72, 0.243, 0.034, a.wave(0.3) * 2.5, c.lit(1.3));
    // Glass edge, rim and a long highlight.
    p.stroke(outline, 0.014, glass, 0.95);
    let mut pb = PathBuilder::new();
    oval(&mut pb, 0.0, -0.98, 0.205, 0.028, false);
    p.stroke(pb.finish(), 0.012, glass, 0.95);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.19, -0.92);
    pb.quad_to(-0.25, -0.72, -0.15, -0.55);
    p.stroke(pb.finish(), 0.028, WHITE, 0.55);
    p.ellipse_a(0.17, -0.86, 0.015, 0.05, WHITE, 0.45);
}

/// The handle shared by fork and spoon: narrow neck at the top, wider rounded end at the base.
fn cutlery_handle(p: &mut Pen, c: Rgb, neck: f32, end: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(-neck, -0.6);
    pb.line_to(-end, -0.15);
    pb.quad_to(-end - 0.005, -0.02, 0.0, -0.02);
    pb.quad_to(end + 0.005, -0.02, end, -0.15);
    pb.line_to(neck, -0.6);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly_a(&[(0.0, -0.6), (neck, -0.6), (end, -0.15), (end * 0.6, -0.04), (0.0, -0.04)], DARK, 0.15);
    p.lines_a(&[(-neck * 0.5, -0.55), (-end * 0.55, -0.14)], 0.012, WHITE, 0.6);
}

/// A fork standing upright, tines up: a slim handle flaring into four tines.
pub(super) fn fork(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.16);
    cutlery_handle(p, c, 0.022, 0.055);
    // Shoulders: the neck flares out to the width of the tines.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.022, -0.58);
    pb.cubic_to(-0.024, -0.66, -0.13, -0.66, -0.13, -0.75);
    pb.line_to(-0.13, -0.79);
    pb.line_to(0.13, -0.79);
    pb.line_to(0.13, -0.75);
    pb.cubic_to(0.13, -0.66, 0.024, -0.66, 0.022, -0.58);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    for (l, k) in [(-0.13, 1.0), (-0.058, 1.0), (0.016, 0.92), (0.09, 0.85)] {
        p.rrect(l, -1.0, l + 0.04, -0.76, 0.02, c.lit(k));
    }
    p.lines_a(&[(-0.11, -0.97), (-0.11, -0.8)], 0.01, WHITE, 0.6);
}

/// A chef's knife standing on its handle: riveted handle in `c`, steel blade curving to the tip.
pub(super) fn knife(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.16);
    p.rrect(-0.065, -0.45, 0.065, -0.02, 0.05, c.lit(0.8));
    p.rrect(-0.065, -0.45, 0.035, -0.02, 0.05, c);
    p.lines_a(&[(-0.04, -0.42), (-0.04, -0.06)], 0.012, WHITE, 0.45);
    for y in [-0.11, -0.23, -0.35] {
        p.circle(0.0, y, 0.018, STEEL);
    }
    // Blade: straight spine on the left, edge sweeping up to the tip.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.065, -0.47);
    pb.line_to(-0.065, -0.92);
    pb.line_to(-0.06, -1.0);
    pb.cubic_to(0.02, -0.9, 0.15, -0.8, 0.15, -0.62);
    pb.quad_to(0.15, -0.47, 0.1, -0.47);
    pb.close();
    p.fill_path(pb.finish(), STEEL, 1.0);
    let mut pb = PathBuilder::new();
    pb.move_to(0.12, -0.49);
    pb.quad_to(0.14, -0.5, 0.14, -0.62);
    pb.cubic_to(0.14, -0.78, 0.02, -0.88, -0.055, -0.98);
    p.stroke(pb.finish(), 0.03, WHITE, 0.6);
    p.rect_a(-0.065, -0.92, -0.04, -0.47, DARK, 0.12);
    // Bolster between blade and handle.
    p.rrect(-0.075, -0.5, 0.075, -0.44, 0.015, STEEL.lit(0.8));
    // A glint running up the blade.
    let g = a.wave(0.25) * 0.5 + 0.5;
    p.ellipse_a(0.04, -0.58 - g * 0.24, 0.02, 0.05, WHITE, 0.7);
}

/// A spoon standing upright: slim handle and an oval bowl with its hollow shaded in.
pub(super) fn spoon(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.16);
    cutlery_handle(p, c, 0.022, 0.06);
    p.ellipse(0.0, -0.79, 0.16, 0.21, c);
    p.ellipse(0.012, -0.78, 0.13, 0.175, c.lit(0.8));
    p.ellipse(0.025, -0.76, 0.1, 0.14, c.lit(0.88));
    p.ellipse_a(-0.06, -0.85, 0.03, 0.075, WHITE, 0.6);
    p.ellipse_a(0.0, -0.6, 0.06, 0.012, DARK, 0.25);
}

/// A deep bowl seen a little from above: a wide rounded body on a foot ring, the inside shaded.
pub(super) fn bowl(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.34);
    p.poly(&[(-0.17, -0.1), (0.17, -0.1), (0.19, -0.01), (-0.19, -0.01)], c.lit(0.75));
    let mut pb = PathBuilder::new();
    pb.move_to(-0.49, -0.62);
    pb.cubic_to(-0.49, -0.22, -0.3, -0.07, 0.0, -0.07);
    pb.cubic_to(0.3, -0.07, 0.49, -0.22, 0.49, -0.62);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    // Shade on the right, highlight on the left, a painted band.
    let mut pb = PathBuilder::new();
    pb.move_to(0.12, -0.62);
    pb.cubic_to(0.3, -0.45, 0.3, -0.2, 0.0, -0.07);
    pb.cubic_to(0.3, -0.07, 0.49, -0.22, 0.49, -0.62);
    pb.close();
    p.fill_path(pb.finish(), DARK, 0.16);
    p.curve((-0.485, -0.5), (0.0, -0.3), (0.485, -0.5), 0.03, c.mix(WHITE, 0.55));
    let mut pb = PathBuilder::new();
    pb.move_to(-0.41, -0.45);
    pb.quad_to(-0.38, -0.26, -0.24, -0.17);
    p.stroke(pb.finish(), 0.035, WHITE, 0.4);
    // Rim and the hollow inside.
    p.ellipse(0.0, -0.62, 0.49, 0.13, c.lit(1.12));
    p.ellipse(0.0, -0.615, 0.455, 0.108, c.lit(0.62));
    p.ellipse(0.02, -0.57, 0.3, 0.055, c.lit(0.75));
}

/// A banana lying on its side: a curved yellow crescent, dark tip on the left, stalk on the right.
pub(super) fn banana(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.36);
    p.with(Transform::from_translate(0.0, 0.065), |p| {
        let mut pb = PathBuilder::new();
        pb.move_to(-0.45, -0.66);
        pb.cubic_to(-0.42, -0.12, 0.2, 0.02, 0.4, -0.5);
        pb.line_to(0.36, -0.56);
        pb.cubic_to(0.12, -0.25, -0.28, -0.22, -0.42, -0.69);
        pb.close();
        p.fill_path(pb.finish(), c, 1.0);
        // Shaded underside and a ridge along the middle.
        let mut pb = PathBuilder::new();
        pb.move_to(-0.44, -0.6);
        pb.cubic_to(-0.38, -0.1, 0.2, 0.0, 0.39, -0.49);
        pb.cubic_to(0.2, -0.1, -0.3, -0.12, -0.44, -0.6);
        pb.close();
        p.fill_path(pb.finish(), c.lit(0.82), 1.0);
        let mut pb = PathBuilder::new();
        pb.move_to(-0.41, -0.64);
        pb.cubic_to(-0.3, -0.22, 0.15, -0.14, 0.36, -0.52);
        p.stroke(pb.finish(), 0.014, c.lit(1.2), 0.8);
        // Dark tip and the stalk.
        p.ellipse(-0.435, -0.675, 0.028, 0.032, Rgb::new(70, 50, 30));
        p.lines(&[(0.37, -0.52), (0.43, -0.62), (0.46, -0.68)], 0.065, Rgb::new(150, 150, 70));
        p.ellipse(0.462, -0.69, 0.035, 0.02, Rgb::new(90, 70, 40));
    });
}

/// A sandwich from the side: two slices of bread round lettuce, tomato, cheese and ham, a
/// cocktail stick with an olive on top.
pub(super) fn sandwich(p: &mut Pen, c: Rgb, _a: &Anim) {
    let crust = c.lit(0.8);
    let crumb = c.mix(WHITE, 0.55);
    p.contact_shadow(0.0, 0.48);
    // Stick and olive behind the top slice.
    p.line(0.05, -0.5, 0.09, -0.93, 0.018, Rgb::new(220, 200, 150));
    p.circle(0.082, -0.84, 0.055, Rgb::new(90, 130, 50));
    p.circle(0.082, -0.84, 0.02, Rgb::new(200, 60, 40));
    // Bottom slice.
    p.rrect(-0.46, -0.21, 0.46, -0.02, 0.06, crust);
    p.rrect(-0.43, -0.19, 0.43, -0.06, 0.04, crumb);
    // Fillings: ham, cheese with a drooping corner, tomato, frilly lettuce.
    p.rrect(-0.45, -0.44, 0.45, -0.37, 0.03, Rgb::new(236, 150, 150));
    p.poly(
        &[(-0.47, -0.38), (0.47, -0.38), (0.47, -0.33), (0.38, -0.33), (0.44, -0.22), (0.3, -0.33), (-0.47, -0.33)],
        Rgb::new(250, 200, 60),
    );
    p.rrect(-0.42, -0.34, 0.42, -0.27, 0.03, Rgb::new(214, 50, 40));
    let mut lettuce = vec![(-0.48, -0.27)];
    for k in 0..=8 {
        let x = -0.48 + k as f32 * 0.12;
        lettuce.push((x, if k % 2 == 0 { -0.19 } else { -0.24 }));
    }
    lettuce.push((0.48, -0.29));
    p.poly(&lettuce, Rgb::new(110, 180, 60));
    // Top slice, a little domed.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.46, -0.46);
    pb.line_to(-0.46, -0.58);
    pb.quad_to(-0.46, -0.7, 0.0, -0.7);
    pb.quad_to(0.46, -0.7, 0.46, -0.58);
    pb.line_to(0.46, -0.46);
    pb.quad_to(0.46, -0.43, 0.4, -0.43);
    pb.line_to(-0.4, -0.43);
    pb.quad_to(-0.46, -0.43, -0.46, -0.46);
    pb.close();
    p.fill_path(pb.finish(), crust, 1.0);
    p.rrect(-0.43, -0.63, 0.43, -0.46, 0.06, crumb);
    p.rect_a(-0.38, -0.61, 0.1, -0.59, WHITE, 0.35);
}

/// An orange with half of one in front: dimpled peel, a leaf at the top; the half shows its segments.
pub(super) fn orange(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.46);
    // The whole fruit: one round sphere, shaded low right.
    p.circle(-0.08, -0.42, 0.4, c.lit(0.82));
    p.circle(-0.12, -0.46, 0.35, c);
    p.ellipse_a(-0.24, -0.6, 0.08, 0.06, WHITE, 0.4);
    for (x, y) in [
        (-0.3, -0.4),
        (-0.2, -0.3),
        (-0.05, -0.58),
        (0.05, -0.45),
        (-0.15, -0.7),
        (0.1, -0.66),
        (-0.35, -0.55),
        (-0.1, -0.2),
        (0.18, -0.5),
    ] {
        p.circle(x, y, 0.012, c.lit(0.75));
    }
    // Navel, stalk and leaf at the top.
    p.ellipse(-0.08, -0.8, 0.04, 0.016, Rgb::new(110, 120, 50));
    p.line(-0.08, -0.8, -0.06, -0.86, 0.022, Rgb::new(100, 90, 40));
    tilted(p, 0.04, -0.88, 0.12, 0.045, -18.0, LEAF);
    p.line(-0.06, -0.86, 0.14, -0.91, 0.01, LEAF.lit(0.7));
    // A cut half in front: peel below, pith ring and eight segments on the face.
    let (hx, hy) = (0.27, -0.19);
    p.ellipse(hx, hy, 0.21, 0.17, c.lit(0.88));
    p.ellipse(hx, hy, 0.21, 0.1, c);
    p.ellipse(hx, hy, 0.19, 0.087, Rgb::new(255, 240, 214));
    p.ellipse(hx, hy, 0.17, 0.075, c.mix(WHITE, 0.22));
    for k in 0..8 {
        let t = k as f32 * std::f32::consts::FRAC_PI_4;
        p.line(hx, hy, hx + 0.17 * t.cos(), hy + 0.075 * t.sin(), 0.012, Rgb::new(255, 240, 214));
    }
    p.ellipse(hx, hy, 0.025, 0.012, Rgb::new(255, 245, 225));
}

/// A head of broccoli standing up: a thick pale stalk branching into a bumpy green crown.
pub(super) fn broccoli(p: &mut Pen, c: Rgb, a: &Anim) {
    let stalk = c.mix(Rgb::new(200, 230, 150), 0.6);
    p.contact_shadow(0.0, 0.28);
    p.poly(&[(-0.12, -0.03), (0.12, -0.03), (0.07, -0.42), (-0.07, -0.42)], stalk);
    p.poly_a(&[(0.03, -0.03), (0.12, -0.03), (0.07, -0.42), (0.02, -0.42)], DARK, 0.12);
    p.ellipse(0.0, -0.03, 0.12, 0.03, stalk.mix(WHITE, 0.35));
    for (x, y) in [(-0.26, -0.6), (0.26, -0.6), (0.0, -0.66), (-0.12, -0.6), (0.12, -0.62)] {
        p.line(0.0, -0.38, x, y, 0.07, stalk);
    }
    // The crown sways a touch.
    let sway = a.wave(0.25) * 1.5;
    p.rotated(sway, 0.0, -0.3, |p| {
        for (x, y, r, k) in [
            (-0.3, -0.66, 0.17, 0.78),
            (0.3, -0.66, 0.17, 0.72),
            (-0.14, -0.8, 0.18, 0.85),
            (0.15, -0.8, 0.18, 0.8),
            (-0.19, -0.62, 0.15, 1.0),
            (0.2, -0.62, 0.15, 0.92),
            (0.0, -0.7, 0.17, 1.0),
        ] {
            p.circle(x, y, r, c.lit(k));
        }
        for (x, y) in [
            (-0.36, -0.7),
            (-0.2, -0.88),
            (0.02, -0.9),
            (-0.05, -0.74),
            (0.2, -0.86),
            (0.33, -0.7),
            (-0.24, -0.64),
            (0.14, -0.66),
            (0.26, -0.58),
        ] {
            p.circle(x, y, 0.04, c.lit(1.18));
        }
        for (x, y) in [(-0.3, -0.56), (0.1, -0.58), (-0.1, -0.66), (0.32, -0.62), (0.05, -0.82)] {
            p.circle(x, y, 0.025, c.lit(0.65));
        }
    });
}

/// A carrot leaning across the box, tip down-left, its leafy top waving up-right.
pub(super) fn carrot(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(-0.12, 0.3);
    p.rotated(32.0, 0.0, -0.5, |p| {
        let sway = a.wave(0.4) * 5.0;
        p.rotated(sway, 0.0, -0.66, |p| {
            // Three fronds, each a stem with pairs of slim leaflets.
            for (x, y) in [(-0.15, -0.97), (0.0, -1.02), (0.15, -0.96)] {
                p.line(0.0, -0.66, x, y, 0.022, LEAF.lit(0.85));
                let deg = (y + 0.66_f32).atan2(x).to_degrees();
                for (k, t) in [0.5_f32, 0.75, 1.0].into_iter().enumerate() {
                    let (lx, ly) = (x * t, -0.66 + (y + 0.66) * t);
                    let side = if k % 2 == 0 { 35.0 } else { -35.0 };
                    tilted(p, lx, ly, 0.06, 0.022, deg + side, LEAF);
                    tilted(p, lx, ly, 0.05, 0.018, deg - side, LEAF.lit(0.9));
                }
            }
        });
        let mut pb = PathBuilder::new();
        pb.move_to(-0.13, -0.64);
        pb.quad_to(-0.12, -0.28, 0.0, -0.0);
        pb.quad_to(0.12, -0.28, 0.13, -0.64);
        pb.quad_to(0.0, -0.7, -0.13, -0.64);
        pb.close();
        p.fill_path(pb.finish(), c, 1.0);
        p.poly_a(&[(0.04, -0.68), (0.13, -0.64), (0.09, -0.35), (0.0, 0.0)], DARK, 0.14);
        p.lines_a(&[(-0.08, -0.6), (-0.06, -0.3)], 0.02, WHITE, 0.35);
        for (y, l, r) in [(-0.52, -0.12, -0.02), (-0.42, 0.0, 0.11), (-0.3, -0.09, 0.0), (-0.18, 0.0, 0.06)] {
            p.line(l, y, r, y + 0.01, 0.014, c.lit(0.7));
        }
        p.ellipse(0.0, -0.645, 0.12, 0.03, c.lit(1.12));
    });
}

/// A hot dog from the side: a sausage in a split bun, a zigzag of mustard on top.
pub(super) fn hot_dog(p: &mut Pen, c: Rgb, _a: &Anim) {
    let bun = Rgb::new(226, 170, 96);
    p.contact_shadow(0.0, 0.46);
    // Back half of the bun, then the sausage poking out both ends, then the front half.
    p.rrect(-0.42, -0.54, 0.42, -0.26, 0.14, bun.lit(0.86));
    p.ellipse_a(-0.1, -0.5, 0.2, 0.022, WHITE, 0.3);
    p.rrect(-0.5, -0.46, 0.5, -0.25, 0.105, c);
    p.rrect(-0.49, -0.36, 0.49, -0.26, 0.05, c.lit(0.8));
    p.lines_a(&[(-0.42, -0.415), (0.42, -0.415)], 0.022, WHITE, 0.35);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.44, -0.31);
    pb.quad_to(0.0, -0.25, 0.44, -0.31);
    pb.quad_to(0.44, -0.03, 0.32, -0.03);
    pb.line_to(-0.32, -0.03);
    pb.quad_to(-0.44, -0.03, -0.44, -0.31);
    pb.close();
    p.fill_path(pb.finish(), bun, 1.0);
    p.ellipse_a(0.0, -0.07, 0.36, 0.035, bun.lit(0.75), 0.6);
    p.curve((-0.43, -0.305), (0.0, -0.245), (0.43, -0.305), 0.022, bun.mix(WHITE, 0.45));
    p.ellipse_a(-0.2, -0.18, 0.12, 0.022, WHITE, 0.3);
    // Mustard.
    let mut zig = Vec::with_capacity(10);
    for k in 0..10 {
        let x = -0.38 + k as f32 * 0.084;
        zig.push((x, if k % 2 == 0 { -0.44 } else { -0.36 }));
    }
    p.lines(&zig, 0.035, Rgb::new(246, 200, 40));
}

/// A slice of pizza, point down: golden crust along the top, melted cheese, pepperoni and olives.
pub(super) fn pizza(p: &mut Pen, c: Rgb, _a: &Anim) {
    let crust = c.mix(Rgb::new(176, 104, 44), 0.5);
    let pepperoni = Rgb::new(186, 44, 36);
    p.contact_shadow(0.0, 0.14);
    let mut pb = PathBuilder::new();
    pb.move_to(0.0, -0.02);
    pb.line_to(-0.44, -0.8);
    pb.quad_to(0.0, -0.98, 0.44, -0.8);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly_a(&[(0.0, -0.02), (0.1, -0.9), (0.44, -0.8)], DARK, 0.1);
    // Cheese drips over the left edge.
    p.ellipse(-0.3, -0.53, 0.035, 0.06, c);
    p.ellipse(-0.16, -0.28, 0.03, 0.05, c);
    // Sauce showing under the crust, then the crust.
    p.curve((-0.43, -0.78), (0.0, -0.94), (0.43, -0.78), 0.05, Rgb::new(200, 60, 30));
    p.curve((-0.45, -0.82), (0.0, -1.02), (0.45, -0.82), 0.11, crust);
    p.curve((-0.38, -0.86), (0.0, -1.02), (0.38, -0.86), 0.025, crust.mix(WHITE, 0.35));
    // Toppings.
    for (x, y, r) in [(-0.16, -0.7, 0.08), (0.18, -0.68, 0.075), (0.0, -0.45, 0.07), (-0.02, -0.2, 0.045)] {
        p.circle(x, y, r, pepperoni);
        p.circle(x - r * 0.3, y - r * 0.3, r * 0.25, pepperoni.lit(1.25));
    }
    for (x, y) in [(0.12, -0.42), (-0.12, -0.52), (0.04, -0.64)] {
        p.circle(x, y, 0.03, DARK);
        p.circle(x, y, 0.013, c);
    }
    tilted(p, -0.2, -0.84, 0.045, 0.02, -30.0, Rgb::new(60, 140, 50));
    tilted(p, 0.08, -0.3, 0.04, 0.018, 40.0, Rgb::new(60, 140, 50));
}

/// A donut seen face on, tilted back a little: dough ring, dripping icing and sprinkles.
pub(super) fn donut(p: &mut Pen, c: Rgb, _a: &Anim) {
    let dough = Rgb::new(214, 150, 82);
    let (cx, cy) = (0.0, -0.45);
    p.contact_shadow(0.0, 0.4);
    // The dough: a ring with a real hole.
    let mut pb = PathBuilder::new();
    oval(&mut pb, cx, cy, 0.48, 0.42, false);
    oval(&mut pb, cx, cy - 0.01, 0.14, 0.12, true);
    p.fill_path(pb.finish(), dough, 1.0);
    p.ellipse_a(cx, cy + 0.3, 0.3, 0.08, dough.lit(0.75), 0.5);
    // The icing: a scalloped ring, drips hanging down its outer edge.
    let mut pb = PathBuilder::new();
    let n = 12;
    for k in 0..=n {
        let t = k as f32 / n as f32 * std::f32::consts::TAU;
        let (s, co) = (t.sin(), t.cos());
        let (x, y) = (cx + 0.4 * co, cy - 0.02 + 0.35 * s);
        if k == 0 {
            pb.move_to(x, y);
        } else {
            let m = t - std::f32::consts::PI / n as f32;
            let drip = if m.sin() > 0.2 { 0.08 } else { 0.03 };
            pb.quad_to(cx + (0.44 + drip) * m.cos(), cy - 0.02 + (0.39 + drip) * m.sin(), x, y);
        }
    }
    pb.close();
    oval(&mut pb, cx, cy - 0.01, 0.17, 0.15, true);
    p.fill_path(pb.finish(), c, 1.0);
    p.ellipse_a(cx - 0.18, cy - 0.2, 0.12, 0.05, WHITE, 0.35);
    // Inner wall of the hole.
    p.ellipse_a(cx, cy - 0.1, 0.12, 0.03, dough.lit(0.85), 0.8);
    // Sprinkles.
    let colours = [Rgb::new(250, 250, 250), Rgb::new(80, 170, 230), Rgb::new(250, 210, 60), Rgb::new(110, 200, 90)];
    for k in 0..14 {
        let t = k as f32 * 0.45 + 0.2;
        let r = if k % 2 == 0 { 0.28 } else { 0.34 };
        let (x, y) = (cx + r * t.cos(), cy - 0.02 + r * 0.87 * t.sin());
        let d = (k as f32 * 1.3).sin() * 0.03;
        p.line(x - 0.03, y - d, x + 0.03, y + d, 0.022, colours[k % 4]);
    }
}
