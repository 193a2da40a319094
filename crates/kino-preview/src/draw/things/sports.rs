//! Sports gear and small hand-held things: frisbee, skis, snowboard, baseball bat, baseball glove, skateboard, surfboard, tennis racket, scissors, hair drier, toothbrush, remote, keyboard.

use tiny_skia::{PathBuilder, Rect, Transform};

use crate::draw::{Anim, DARK, Pen, WHITE};
use crate::math::{cos_turns, sin_turns};
use crate::palette::Rgb;

const SHADOW: Rgb = Rgb::new(0, 0, 0);
const STEEL: Rgb = Rgb::new(196, 200, 208);

/// An oval outline.
fn ring(p: &mut Pen, cx: f32, cy: f32, rx: f32, ry: f32, width: f32, c: Rgb) {
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_ltrb(cx - rx, cy - ry, cx + rx, cy + ry) {
        pb.push_oval(r);
    }
    p.stroke(pb.finish(), width, c, 1.0);
}

/// Draw `f` scaled by (sx, sy) about unit point (x, y).
fn scaled(p: &mut Pen, sx: f32, sy: f32, x: f32, y: f32, f: impl FnOnce(&mut Pen)) {
    p.with(Transform::from_row(sx, 0.0, 0.0, sy, x - sx * x, y - sy * y), f);
}

/// A colour that reads on top of `c`: light on dark things, dark on light ones.
fn contrast(c: Rgb) -> Rgb {
    let lum = 0.3 * f32::from(c.r) + 0.59 * f32::from(c.g) + 0.11 * f32::from(c.b);
    if lum < 140.0 { c.mix(WHITE, 0.6) } else { c.lit(0.45) }
}

/// A flying disc seen at an angle from above: a domed top over a rolled rim, with rings and spinning marks.
pub(super) fn frisbee(p: &mut Pen, c: Rgb, a: &Anim) {
    let cy = -0.5 + a.wave(0.5) * 0.03;
    p.ellipse_a(0.0, -0.01, 0.34, 0.025, SHADOW, 0.18);
    p.rotated(-8.0, 0.0, cy, |p| {
        p.ellipse(0.0, cy + 0.06, 0.47, 0.17, c.lit(0.6));
        p.ellipse(0.0, cy + 0.03, 0.47, 0.17, c.lit(0.8));
        p.ellipse(0.0, cy, 0.47, 0.17, c);
        ring(p, 0.0, cy, 0.4, 0.135, 0.018, c.lit(0.82));
        ring(p, 0.0, cy - 0.005, 0.22, 0.07, 0.012, c.lit(0.88));
        p.ellipse(0.0, cy - 0.01, 0.2, 0.06, c.lit(1.08));
        let spin = a.t * 0.8 + a.phase;
        for k in 0..3 {
            let turn = spin + k as f32 / 3.0;
            let (x, y) = (cos_turns(turn) * 0.31, cy + sin_turns(turn) * 0.1);
            p.ellipse_a(x, y, 0.05, 0.017, WHITE, 0.55);
        }
        p.ellipse_a(-0.16, cy - 0.08, 0.16, 0.03, WHITE, 0.35);
    });
}

/// One ski seen from its top face, standing on its tail: a curled tip, steel edges, a stripe and a binding.
fn ski(p: &mut Pen, x: f32, c: Rgb) {
    let w = 0.058;
    let mut pb = PathBuilder::new();
    pb.move_to(x - w, -0.84);
    pb.cubic_to(x - w, -0.97, x - 0.015, -1.0, x, -1.0);
    pb.cubic_to(x + 0.015, -1.0, x + w, -0.97, x + w, -0.84);
    pb.line_to(x + w, -0.04);
    pb.quad_to(x + w, 0.0, x + w - 0.03, 0.0);
    pb.line_to(x - w + 0.03, 0.0);
    pb.quad_to(x - w, 0.0, x - w, -0.04);
    pb.close();
    let outline = pb.finish();
    p.fill_path(outline.clone(), c, 1.0);
    // The shovel curls back: a lighter cap at the tip.
    p.poly(&[(x - w, -0.84), (x + w, -0.84), (x + w * 0.8, -0.92), (x, -0.995), (x - w * 0.8, -0.92)], c.lit(1.18));
    p.stroke(outline, 0.012, STEEL.lit(0.8), 1.0);
    p.rect(x - 0.014, -0.82, x + 0.014, -0.06, WHITE.mix(c, 0.15));
    p.rect(x - 0.005, -0.82, x + 0.005, -0.06, c.lit(0.7));
    // Binding: toe piece, plate, heel piece with its lever.
    p.rect(x - 0.035, -0.52, x + 0.035, -0.3, STEEL.lit(0.7));
    p.rrect(x - 0.05, -0.56, x + 0.05, -0.48, 0.02, DARK);
    p.rrect(x - 0.055, -0.36, x + 0.055, -0.25, 0.025, DARK);
    p.rrect(x - 0.025, -0.3, x + 0.025, -0.2, 0.012, Rgb::new(210, 50, 40));
    p.line(x - w - 0.005, -0.33, x - w - 0.005, -0.22, 0.015, STEEL.lit(0.6));
    p.line(x + w + 0.005, -0.33, x + w + 0.005, -0.22, 0.015, STEEL.lit(0.6));
}

/// A pair of skis standing upright side by side, seen from the front: curled tips, stripes, bindings.
pub(super) fn skis(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.28);
    p.rotated(-2.0, -0.085, 0.0, |p| ski(p, -0.085, c.lit(0.9)));
    p.rotated(2.0, 0.085, 0.0, |p| ski(p, 0.085, c));
}

/// A snowboard standing on its tail, seen from the top: rounded nose and tail, a waisted sidecut, a graphic and two strapped bindings.
pub(super) fn snowboard(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.26);
    p.rotated(6.0, 0.0, 0.0, |p| {
        let mut pb = PathBuilder::new();
        pb.move_to(-0.19, -0.84);
        pb.quad_to(-0.16, -0.5, -0.19, -0.16);
        pb.cubic_to(-0.19, 0.05, 0.19, 0.05, 0.19, -0.16);
        pb.quad_to(0.16, -0.5, 0.19, -0.84);
        pb.cubic_to(0.19, -1.05, -0.19, -1.05, -0.19, -0.84);
        pb.close();
        let outline = pb.finish();
        p.fill_path(outline.clone(), c, 1.0);
        p.stroke(outline, 0.014, c.lit(0.6), 1.0);
        // Graphic: two slanting bands across the middle.
        let light = c.mix(WHITE, 0.55);
        p.poly(&[(-0.165, -0.44), (0.165, -0.56), (0.165, -0.5), (-0.165, -0.38)], light);
        p.poly(&[(-0.165, -0.54), (0.165, -0.66), (0.165, -0.62), (-0.165, -0.5)], c.lit(0.7));
        p.rect_a(-0.15, -0.9, -0.12, -0.12, WHITE, 0.25);
        // Bindings: a base disc, a frame, two straps and a highback.
        for (y, ang) in [(-0.26, -12.0), (-0.76, 12.0)] {
            p.rotated(ang, 0.0, y, |p| {
                p.circle(0.0, y, 0.07, STEEL.lit(0.75));
                p.rrect(-0.14, y - 0.05, 0.14, y + 0.05, 0.03, DARK.lit(1.3));
                p.rrect(-0.15, y + 0.03, 0.15, y + 0.075, 0.02, DARK);
                p.rect(-0.09, y - 0.065, -0.04, y + 0.04, DARK.lit(2.2));
                p.rect(0.05, y - 0.065, 0.1, y + 0.04, DARK.lit(2.2));
            });
        }
    });
}

/// A baseball bat leaning diagonally, from the side: knob, taped handle flaring into a long barrel; a ball at its foot.
pub(super) fn baseball_bat(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(-0.3, 0.18);
    p.contact_shadow(0.28, 0.1);
    p.rotated(-47.0, 0.0, -0.5, |p| {
        let y = -0.5;
        let mut pb = PathBuilder::new();
        pb.move_to(-0.62, y - 0.025);
        pb.line_to(-0.2, y - 0.03);
        pb.quad_to(0.0, y - 0.04, 0.2, y - 0.072);
        pb.line_to(0.58, y - 0.08);
        pb.quad_to(0.66, y - 0.08, 0.66, y);
        pb.quad_to(0.66, y + 0.08, 0.58, y + 0.08);
        pb.line_to(0.2, y + 0.072);
        pb.quad_to(0.0, y + 0.04, -0.2, y + 0.03);
        pb.line_to(-0.62, y + 0.025);
        pb.close();
        p.fill_path(pb.finish(), c, 1.0);
        p.lines(&[(0.05, y + 0.035), (0.2, y + 0.052), (0.6, y + 0.058)], 0.034, c.lit(0.8));
        p.lines_a(&[(-0.3, y - 0.014), (0.2, y - 0.046), (0.6, y - 0.05)], 0.02, WHITE, 0.35);
        p.ellipse_a(0.36, y - 0.005, 0.09, 0.035, DARK, 0.3);
        // Knob and grip tape.
        p.ellipse(-0.64, y, 0.03, 0.052, c.lit(0.85));
        p.rect(-0.62, y - 0.031, -0.38, y + 0.031, DARK.lit(1.2));
        for k in 0..4 {
            let x = -0.6 + k as f32 * 0.055;
            p.line(x, y + 0.029, x + 0.03, y - 0.029, 0.008, DARK.lit(2.2));
        }
    });
    // A baseball at its foot.
    let (bx, by, r) = (0.28, -0.1, 0.09);
    p.circle(bx, by, r, WHITE.lit(0.96));
    let red = Rgb::new(200, 40, 40);
    p.curve((bx - 0.05, by - 0.07), (bx - 0.01, by), (bx - 0.05, by + 0.07), 0.01, red);
    p.curve((bx + 0.05, by - 0.07), (bx + 0.01, by), (bx + 0.05, by + 0.07), 0.01, red);
    p.ellipse_a(bx - 0.03, by - 0.04, 0.03, 0.02, WHITE, 0.6);
}

/// A fielder's mitt from the palm side: four fused fingers and a thumb, a laced web between them, a deep pocket and a wrist strap.
pub(super) fn baseball_glove(p: &mut Pen, c: Rgb, _a: &Anim) {
    let lace = Rgb::new(226, 196, 140);
    let seam = c.lit(0.66);
    p.contact_shadow(0.02, 0.32);
    // Web between thumb and index finger: two leather bars crossed by laces.
    p.poly(&[(-0.18, -0.5), (-0.44, -0.74), (-0.36, -0.92), (-0.16, -0.96), (-0.08, -0.6)], c.lit(0.62));
    p.lines(&[(-0.28, -0.6), (-0.38, -0.86)], 0.04, c.lit(0.9));
    p.lines(&[(-0.18, -0.62), (-0.24, -0.92)], 0.04, c.lit(0.9));
    for k in 0..4 {
        let y = -0.66 - k as f32 * 0.07;
        p.line(-0.37 + k as f32 * 0.015, y + 0.01, -0.15 - k as f32 * 0.015, y - 0.01, 0.02, lace);
    }
    // Thumb.
    p.rotated(-36.0, -0.3, -0.4, |p| {
        p.rrect(-0.39, -0.76, -0.21, -0.16, 0.09, c.lit(0.92));
        p.line(-0.3, -0.72, -0.3, -0.3, 0.012, seam);
    });
    // Fingers, fat and fanned a little, each with a lace tie at its tip.
    for (x, top, ang) in [(-0.07, -0.97, -4.0), (0.07, -0.99, 0.0), (0.2, -0.93, 6.0), (0.32, -0.82, 14.0)] {
        p.rotated(ang, x, -0.45, |p| {
            p.rrect(x - 0.085, top, x + 0.085, -0.4, 0.085, c);
            p.line(x - 0.04, top + 0.07, x - 0.04, top + 0.22, 0.014, c.lit(1.15));
            p.line(x - 0.035, top + 0.035, x + 0.035, top + 0.035, 0.016, lace);
        });
    }
    // Palm with the pocket.
    p.ellipse(0.06, -0.4, 0.33, 0.33, c);
    p.ellipse(0.03, -0.44, 0.18, 0.2, c.lit(0.8));
    p.ellipse_a(-0.02, -0.52, 0.08, 0.1, WHITE, 0.16);
    // Seams between the fingers.
    for (x, ang) in [(-0.02, -4.0), (0.12, 2.5), (0.25, 10.0)] {
        p.rotated(ang, x, -0.45, |p| p.line(x, -0.88, x, -0.64, 0.014, seam));
    }
    // Lace stitched around the outer edge.
    for k in 0..5 {
        let y = -0.64 + k as f32 * 0.09;
        p.line(0.37, y, 0.41, y + 0.03, 0.016, lace);
    }
    // Wrist: a strap with a patch.
    p.rrect(-0.2, -0.17, 0.32, -0.02, 0.05, c.lit(0.78));
    p.rrect(-0.18, -0.15, 0.3, -0.09, 0.03, c.lit(0.92));
    p.rrect(0.02, -0.145, 0.12, -0.095, 0.015, Rgb::new(196, 40, 40));
}

/// A skateboard in three-quarter side view: a kicked deck with its edge, steel trucks, four wheels (the far pair behind) that spin as it rolls.
pub(super) fn skateboard(p: &mut Pen, c: Rgb, a: &Anim) {
    let roll = if a.moving() { -a.t * 2.0 } else { 0.1 };
    p.ellipse_a(0.0, -0.01, 0.44, 0.025, SHADOW, 0.25);
    let wheel = Rgb::new(242, 236, 216);
    let truck = STEEL.lit(0.85);
    // Far wheels, behind the deck.
    for x in [-0.3, 0.3] {
        p.rect(x - 0.01, -0.2, x + 0.05, -0.1, truck.lit(0.6));
        p.circle(x + 0.045, -0.1, 0.055, wheel.lit(0.78));
    }
    let deck = |pb: &mut PathBuilder, dy: f32| {
        pb.move_to(-0.46, -0.35 + dy);
        pb.quad_to(-0.4, -0.25 + dy, -0.3, -0.25 + dy);
        pb.line_to(0.3, -0.25 + dy);
        pb.quad_to(0.4, -0.25 + dy, 0.46, -0.35 + dy);
    };
    let mut pb = PathBuilder::new();
    deck(&mut pb, 0.03);
    p.stroke(pb.finish(), 0.08, c.lit(0.6), 1.0);
    let mut pb = PathBuilder::new();
    deck(&mut pb, 0.0);
    p.stroke(pb.finish(), 0.1, c, 1.0);
    let mut pb = PathBuilder::new();
    deck(&mut pb, 0.028);
    p.stroke(pb.finish(), 0.008, c.mix(WHITE, 0.5), 1.0);
    p.line(-0.26, -0.265, 0.2, -0.265, 0.012, WHITE.mix(c, 0.3));
    // Near trucks and wheels.
    for x in [-0.3, 0.3] {
        p.rect(x - 0.05, -0.215, x + 0.05, -0.19, DARK.lit(1.5));
        p.poly(&[(x - 0.025, -0.195), (x + 0.025, -0.195), (x + 0.045, -0.13), (x - 0.045, -0.13)], truck);
        p.line(x - 0.03, -0.065, x + 0.05, -0.09, 0.018, truck.lit(0.75));
        p.circle(x, -0.065, 0.063, wheel);
        p.circle(x, -0.065, 0.027, STEEL.lit(0.7));
        let (s, co) = (sin_turns(roll), cos_turns(roll));
        p.circle(x + co * 0.045, -0.065 + s * 0.045, 0.01, wheel.lit(0.75));
    }
}

/// A surfboard lying tilted, seen from above and a little from the side: pointed nose, rounded tail, a centre stripe with its stringer, a fin under the tail.
pub(super) fn surfboard(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.34);
    let y = -0.5;
    let outline = || {
        let mut pb = PathBuilder::new();
        pb.move_to(0.6, y);
        pb.cubic_to(0.42, y - 0.12, 0.12, y - 0.16, -0.12, y - 0.155);
        pb.cubic_to(-0.42, y - 0.15, -0.55, y - 0.1, -0.57, y - 0.04);
        pb.quad_to(-0.59, y, -0.57, y + 0.04);
        pb.cubic_to(-0.55, y + 0.1, -0.42, y + 0.15, -0.12, y + 0.155);
        pb.cubic_to(0.12, y + 0.16, 0.42, y + 0.12, 0.6, y);
        pb.close();
        pb.finish()
    };
    p.rotated(-35.0, 0.0, y, |p| {
        // Fin under the tail, then the rail (thickness), then the deck.
        p.poly(&[(-0.5, y + 0.1), (-0.38, y + 0.12), (-0.47, y + 0.27), (-0.53, y + 0.26)], DARK.lit(1.6));
        p.with(Transform::from_translate(0.0, 0.035), |p| p.fill_path(outline(), c.lit(0.65), 1.0));
        p.fill_path(outline(), c, 1.0);
        scaled(p, 0.9, 0.42, 0.0, y, |p| p.fill_path(outline(), WHITE.mix(c, 0.1), 1.0));
        scaled(p, 0.88, 0.2, 0.0, y, |p| p.fill_path(outline(), c.lit(0.95), 1.0));
        p.line(-0.5, y, 0.5, y, 0.008, Rgb::new(150, 110, 70));
        p.lines_a(&[(-0.4, y - 0.12), (-0.1, y - 0.135), (0.25, y - 0.11)], 0.02, WHITE, 0.4);
    });
}

/// A tennis racket leaning diagonally: an oval head with a string grid, an open throat, a wrapped grip; a ball beside it.
pub(super) fn tennis_racket(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(-0.2, 0.12);
    p.contact_shadow(0.3, 0.1);
    p.rotated(28.0, 0.0, -0.5, |p| {
        let (hx, hy, rx, ry) = (0.0, -0.72, 0.25, 0.31);
        // Strings: one path of chords across the inner oval.
        let (ix, iy) = (rx - 0.02, ry - 0.02);
        let mut pb = PathBuilder::new();
        for k in -5..=5 {
            let u = k as f32 / 6.0;
            let h = (1.0 - u * u).sqrt();
            pb.move_to(hx + u * ix, hy - h * iy);
            pb.line_to(hx + u * ix, hy + h * iy);
        }
        for k in -6..=6 {
            let v = k as f32 / 7.0;
            let w = (1.0 - v * v).sqrt();
            pb.move_to(hx - w * ix, hy + v * iy);
            pb.line_to(hx + w * ix, hy + v * iy);
        }
        p.stroke(pb.finish(), 0.007, WHITE.lit(0.9), 1.0);
        ring(p, hx, hy, rx, ry, 0.058, c);
        ring(p, hx, hy, rx + 0.018, ry + 0.018, 0.014, c.lit(0.7));
        // Throat and shaft.
        p.lines(&[(-0.1, hy + 0.27), (-0.025, -0.3), (0.025, -0.3), (0.1, hy + 0.27)], 0.05, c);
        p.rect(-0.035, -0.32, 0.035, -0.18, c.lit(0.85));
        // Grip wrap and butt cap.
        p.rrect(-0.036, -0.2, 0.036, 0.06, 0.015, DARK.lit(1.4));
        for k in 0..6 {
            let y = -0.17 + k as f32 * 0.04;
            p.line(-0.034, y + 0.02, 0.034, y - 0.005, 0.007, DARK.lit(2.4));
        }
        p.rrect(-0.042, 0.04, 0.042, 0.075, 0.012, c.lit(0.8));
    });
    // A tennis ball beside it.
    let (bx, by, r) = (0.3, -0.09, 0.085);
    let felt = Rgb::new(206, 226, 60);
    p.circle(bx, by, r, felt);
    p.curve((bx - r, by - 0.02), (bx, by + 0.06), (bx + 0.03, by - r + 0.005), 0.012, WHITE);
    p.ellipse_a(bx - 0.03, by - 0.035, 0.03, 0.02, WHITE, 0.4);
}

/// One scissor half about the pivot at (0, -0.5): a steel blade pointing up, its shank crossing down to a coloured finger loop on the right.
fn scissor_half(p: &mut Pen, c: Rgb, loop_r: f32) {
    p.poly(&[(-0.03, -0.47), (0.005, -0.56), (0.015, -0.99), (-0.02, -0.85), (-0.045, -0.6)], STEEL);
    p.poly(&[(0.0, -0.47), (0.035, -0.56), (0.015, -0.99), (0.005, -0.56)], STEEL.lit(0.78));
    p.line(0.0, -0.55, 0.01, -0.9, 0.006, WHITE);
    p.lines(&[(0.0, -0.5), (0.05, -0.4), (0.08, -0.33)], 0.065, c);
    ring(p, 0.12, -0.33 + loop_r * 0.75, loop_r * 0.8, loop_r, 0.065, c);
}

/// A pair of scissors standing point-up, seen flat: two steel blades crossing at a pivot screw and two coloured finger loops; they snip.
pub(super) fn scissors(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.24);
    let open = 13.0 + 7.0 * a.wave(0.5);
    p.rotated(open, 0.0, -0.5, |p| {
        p.with(Transform::from_row(-1.0, 0.0, 0.0, 1.0, 0.0, 0.0), |p| scissor_half(p, c.lit(0.88), 0.12));
    });
    p.rotated(-open, 0.0, -0.5, |p| scissor_half(p, c, 0.14));
    p.circle(0.0, -0.5, 0.028, STEEL.lit(0.6));
    p.circle(0.0, -0.5, 0.012, DARK);
}

/// A hair dryer from the side, pistol-shaped: a round body with a rear vent grille, a nozzle facing +x, an angled handle with a switch and a cord.
pub(super) fn hair_drier(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(-0.12, 0.2);
    // Cord.
    p.curve((-0.2, -0.06), (-0.32, 0.0), (-0.48, -0.03), 0.02, DARK.lit(1.3));
    // Handle, raked back.
    p.rotated(14.0, -0.13, -0.55, |p| {
        p.rrect(-0.22, -0.6, -0.04, -0.07, 0.07, c.lit(0.85));
        p.rrect(-0.1, -0.42, -0.07, -0.26, 0.015, DARK.lit(1.4));
        p.rrect(-0.1, -0.4, -0.07, -0.35, 0.01, WHITE);
        p.rrect(-0.2, -0.1, -0.06, -0.05, 0.02, DARK.lit(1.5));
    });
    // Nozzle.
    p.poly(&[(0.08, -0.84), (0.4, -0.76), (0.4, -0.6), (0.08, -0.52)], c.lit(0.82));
    p.rrect(0.38, -0.78, 0.46, -0.58, 0.02, DARK.lit(1.5));
    // Body and rear vent.
    p.rrect(-0.42, -0.9, 0.16, -0.46, 0.2, c);
    p.ellipse(-0.38, -0.68, 0.075, 0.2, c.lit(0.75));
    p.ellipse(-0.38, -0.68, 0.05, 0.15, DARK.lit(1.6));
    for k in -2..=2 {
        let y = -0.68 + k as f32 * 0.05;
        p.line(-0.41, y, -0.35, y, 0.012, c.lit(0.6));
    }
    p.line(-0.22, -0.86, 0.05, -0.86, 0.03, WHITE.mix(c, 0.35));
    p.line(-0.28, -0.5, 0.1, -0.5, 0.025, c.lit(0.78));
    // Warm air wavering out of the nozzle.
    let w = a.wave(2.0) * 0.01;
    for dy in [-0.04, 0.04] {
        p.curve((0.47, -0.68 + dy), (0.48, -0.68 + dy * 1.5 + w), (0.5, -0.68 + dy * 2.0), 0.01, WHITE);
    }
}

/// A toothbrush lying diagonally, from the side: a coloured handle with a rubber grip, a slim neck, a head of bristle tufts topped with paste.
pub(super) fn toothbrush(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(-0.1, 0.3);
    p.rotated(-36.0, 0.0, -0.5, |p| {
        let y = -0.5;
        p.lines(&[(-0.55, y + 0.005), (0.15, y - 0.005)], 0.09, c);
        p.lines(&[(0.15, y - 0.005), (0.34, y - 0.01)], 0.038, c);
        p.rrect(0.3, y - 0.035, 0.6, y + 0.02, 0.025, c);
        p.lines(&[(-0.55, y + 0.028), (0.15, y + 0.016)], 0.035, c.lit(0.8));
        p.rrect(-0.38, y - 0.03, -0.05, y + 0.03, 0.03, c.lit(0.72));
        for k in 0..5 {
            let x = -0.33 + k as f32 * 0.06;
            p.line(x, y - 0.015, x, y + 0.015, 0.012, c.mix(WHITE, 0.45));
        }
        p.lines_a(&[(-0.5, y - 0.02), (0.12, y - 0.025)], 0.012, WHITE, 0.45);
        // Bristle tufts, taller at the tip.
        let blue = Rgb::new(110, 190, 240);
        for k in 0..7 {
            let x = 0.33 + k as f32 * 0.04;
            let h = 0.11 + if k == 0 || k == 6 { 0.02 } else { 0.0 };
            let col = if k % 2 == 0 { WHITE } else { blue };
            p.rect(x, y - 0.035 - h, x + 0.03, y - 0.03, col);
        }
        // A ribbon of paste on top.
        p.lines(&[(0.33, y - 0.17), (0.4, y - 0.19), (0.47, y - 0.17), (0.54, y - 0.19), (0.6, y - 0.18)], 0.05, WHITE);
        p.lines(
            &[(0.34, y - 0.175), (0.4, y - 0.195), (0.47, y - 0.175), (0.54, y - 0.195)],
            0.014,
            Rgb::new(80, 200, 180),
        );
    });
}

/// A TV remote control standing on end, seen from the front: a slim rounded body, a red power key, a d-pad ring, rocker keys and a number pad.
pub(super) fn remote(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.2);
    let key = contrast(c);
    p.rotated(-10.0, 0.0, -0.5, |p| {
        p.rrect(-0.15, -0.98, 0.16, -0.02, 0.08, c.lit(0.7));
        p.rrect(-0.15, -0.98, 0.13, -0.02, 0.08, c);
        p.rect_a(-0.125, -0.9, -0.105, -0.1, WHITE, 0.18);
        p.rrect(-0.06, -0.975, 0.06, -0.95, 0.01, Rgb::new(90, 20, 30));
        p.circle(-0.065, -0.87, 0.032, Rgb::new(214, 44, 40));
        p.rrect(0.02, -0.89, 0.09, -0.85, 0.015, key);
        // D-pad.
        p.circle(-0.01, -0.68, 0.1, key.lit(0.85));
        p.circle(-0.01, -0.68, 0.045, key);
        for (dx, dy) in [(0.0, -0.075), (0.0, 0.075), (-0.075, 0.0), (0.075, 0.0)] {
            p.circle(-0.01 + dx, -0.68 + dy, 0.012, c.lit(0.8));
        }
        // Volume and channel rockers.
        p.rrect(-0.11, -0.55, -0.05, -0.4, 0.03, key);
        p.rrect(0.03, -0.55, 0.09, -0.4, 0.03, key);
        p.line(-0.095, -0.51, -0.065, -0.51, 0.01, c);
        p.line(0.045, -0.51, 0.075, -0.51, 0.01, c);
        // Number pad: one path of small keys.
        let mut pb = PathBuilder::new();
        for row in 0..4 {
            for col in 0..3 {
                let (x, y) = (-0.1 + col as f32 * 0.075, -0.34 + row as f32 * 0.065);
                if let Some(r) = Rect::from_xywh(x, y, 0.055, 0.042) {
                    pb.push_rect(r);
                }
            }
        }
        p.fill_path(pb.finish(), key, 1.0);
    });
}

/// A computer keyboard seen from above at an angle: a low slab with rows of keycaps, a wide space bar and status lights.
pub(super) fn keyboard(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.ellipse_a(0.0, -0.02, 0.5, 0.025, SHADOW, 0.25);
    // Slab: top face (a trapezoid) over its front edge.
    let (back, front) = (-0.44, -0.08);
    let (bw, fw) = (0.43, 0.5);
    p.poly(&[(-fw, front), (fw, front), (fw - 0.01, front + 0.06), (-fw + 0.01, front + 0.06)], c.lit(0.6));
    p.poly(&[(-bw, back), (bw, back), (fw, front), (-fw, front)], c.lit(0.8));
    // Map a point of the key field (u, v in [0, 1]) onto the top face.
    let at = |u: f32, v: f32| {
        let y = back + 0.05 + v * (front - back - 0.075);
        let hw = bw + (fw - bw) * (y - back) / (front - back) - 0.03;
        (-hw + u * 2.0 * hw, y)
    };
    let rows: [&[f32]; 5] = [
        &[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0],
        &[1.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.5],
        &[1.75, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.25],
        &[2.25, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.75],
        &[1.25, 1.25, 1.25, 6.25, 1.25, 1.25, 1.25, 1.25],
    ];
    let (mut sides, mut tops) = (PathBuilder::new(), PathBuilder::new());
    for (r, widths) in rows.iter().enumerate() {
        let (v0, v1) = (r as f32 / 5.0 + 0.02, (r + 1) as f32 / 5.0 - 0.03);
        let mut u = 0.0;
        for w in widths.iter() {
            let (u0, u1) = ((u + 0.08) / 15.0, (u + w - 0.08) / 15.0);
            u += w;
            let quad = [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)];
            let lip = [quad[3], quad[2], (quad[2].0, quad[2].1 + 0.016), (quad[3].0, quad[3].1 + 0.016)];
            crate::draw::add_polygon(&mut sides, &lip);
            crate::draw::add_polygon(&mut tops, &quad);
        }
    }
    p.fill_path(sides.finish(), c.lit(0.65), 1.0);
    p.fill_path(tops.finish(), c.mix(WHITE, 0.2), 1.0);
    p.lines_a(&[(-bw + 0.02, back + 0.01), (bw - 0.02, back + 0.01)], 0.01, WHITE, 0.3);
    for k in 0..3 {
        p.circle(0.28 + k as f32 * 0.04, back + 0.025, 0.008, Rgb::new(120, 230, 120));
    }
}
