//! Furniture and appliances: couch, bed, dining table, toilet, tv, laptop, cell phone, microwave, oven, toaster, sink, refrigerator.

use tiny_skia::{PathBuilder, Transform};

use crate::draw::{Anim, DARK, GLASS, Pen, WARM_LIGHT, WHITE};
use crate::palette::Rgb;

const SHADOW: Rgb = Rgb::new(0, 0, 0);
const STEEL: Rgb = Rgb::new(196, 200, 206);
const WOOD: Rgb = Rgb::new(96, 64, 40);

/// A sofa from the front: a padded back with two cushions, rolled arms, seat cushions, a throw pillow and short legs.
pub(super) fn couch(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let seam = c.lit(0.62);
    for x in [-0.42, 0.42] {
        p.rect(x - 0.025, -0.08, x + 0.025, 0.0, WOOD);
    }
    // Back frame and its two cushions.
    p.rrect(-0.45, -0.72, 0.45, -0.3, 0.08, seam);
    for (l, r) in [(-0.39, -0.006), (0.006, 0.39)] {
        p.rrect(l, -0.67, r, -0.3, 0.07, c.lit(0.9));
        p.rrect(l + 0.035, -0.645, r - 0.035, -0.6, 0.02, c.mix(WHITE, 0.18));
        p.rect_a(l, -0.42, r, -0.3, SHADOW, 0.15);
    }
    // Seat base and seat cushions.
    p.rrect(-0.47, -0.3, 0.47, -0.07, 0.03, c.lit(0.72));
    for (l, r) in [(-0.395, -0.004), (0.004, 0.395)] {
        p.rrect(l, -0.375, r, -0.165, 0.05, seam);
        p.rrect(l + 0.008, -0.37, r - 0.008, -0.172, 0.045, c);
        p.rrect(l + 0.025, -0.36, r - 0.025, -0.315, 0.02, c.mix(WHITE, 0.22));
    }
    // Rolled arms.
    for (l, r) in [(-0.5, -0.36), (0.36, 0.5)] {
        p.rrect(l, -0.5, r, -0.07, 0.05, seam);
        p.rrect(l + 0.006, -0.5, r - 0.006, -0.076, 0.045, c.lit(0.88));
        p.ellipse((l + r) * 0.5, -0.5, 0.078, 0.05, seam);
        p.ellipse((l + r) * 0.5, -0.5, 0.07, 0.042, c.mix(WHITE, 0.15));
        p.rect_a(r - 0.035, -0.46, r - 0.006, -0.09, SHADOW, 0.15);
    }
    // A throw pillow leaning in the left corner: a plump square with a piped edge.
    let pillow = c.mix(WHITE, 0.6);
    p.rotated(-12.0, -0.25, -0.45, |p| {
        p.rrect(-0.345, -0.565, -0.155, -0.375, 0.06, pillow.lit(0.8));
        p.rrect(-0.338, -0.558, -0.162, -0.382, 0.055, pillow);
        p.ellipse_a(-0.27, -0.5, 0.05, 0.035, WHITE, 0.35);
    });
}

/// A bed from the side: a tall padded headboard, a white mattress with a pillow, a blanket turned down and draped over the side, and a low footboard.
pub(super) fn bed(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let frame = c.lit(0.68);
    for x in [-0.45, 0.43] {
        p.rect(x - 0.025, -0.1, x + 0.025, 0.0, WOOD);
    }
    // Headboard, rail and footboard.
    p.rrect(-0.5, -0.8, -0.39, -0.06, 0.05, frame);
    p.rect_a(-0.47, -0.76, -0.45, -0.12, WHITE, 0.2);
    p.rect(-0.4, -0.22, 0.42, -0.1, frame.lit(0.85));
    p.rrect(0.4, -0.46, 0.49, -0.06, 0.035, frame);
    // Mattress and pillow.
    p.rrect(-0.4, -0.38, 0.41, -0.2, 0.04, WHITE.lit(0.95));
    p.line(-0.38, -0.25, 0.39, -0.25, 0.008, WHITE.lit(0.8));
    p.rotated(-8.0, -0.27, -0.43, |p| {
        p.rrect(-0.38, -0.5, -0.15, -0.37, 0.055, WHITE.lit(0.8));
        p.rrect(-0.375, -0.495, -0.155, -0.38, 0.05, WHITE);
        p.curve((-0.34, -0.47), (-0.27, -0.44), (-0.2, -0.47), 0.008, WHITE.lit(0.85));
    });
    // Blanket: mounded on top, hanging over the side with a hem.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.12, -0.4);
    pb.quad_to(0.14, -0.48, 0.43, -0.4);
    pb.line_to(0.44, -0.15);
    pb.quad_to(0.3, -0.12, 0.16, -0.15);
    pb.quad_to(0.02, -0.12, -0.12, -0.15);
    pb.close();
    let blanket = pb.finish();
    p.stroke(blanket.clone(), 0.014, c.lit(0.7), 1.0);
    p.fill_path(blanket, c, 1.0);
    p.curve((-0.1, -0.2), (0.02, -0.17), (0.16, -0.2), 0.025, c.lit(0.8));
    p.curve((0.16, -0.2), (0.3, -0.17), (0.42, -0.2), 0.025, c.lit(0.8));
    p.curve((-0.08, -0.41), (0.14, -0.47), (0.38, -0.41), 0.014, c.mix(WHITE, 0.35));
    // The turned-down sheet.
    p.poly(&[(-0.16, -0.4), (-0.1, -0.41), (-0.1, -0.15), (-0.16, -0.16)], WHITE.lit(0.97));
    p.rect_a(-0.11, -0.4, -0.09, -0.15, SHADOW, 0.12);
}

/// A dining table from the front, seen a little from above: a wooden top with a runner, two plates, glasses and a vase of flowers, on four legs.
pub(super) fn dining_table(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    // Back legs (in shade), front legs, apron.
    for x in [-0.34, 0.34] {
        p.rect(x - 0.022, -0.62, x + 0.022, -0.1, c.lit(0.55));
    }
    for x in [-0.43, 0.43] {
        p.rect(x - 0.032, -0.56, x + 0.032, 0.0, c.lit(0.82));
        p.rect_a(x + 0.01, -0.54, x + 0.032, 0.0, SHADOW, 0.15);
    }
    p.rect(-0.44, -0.56, 0.44, -0.48, c.lit(0.7));
    // Top surface and its front edge.
    p.poly(&[(-0.5, -0.58), (0.5, -0.58), (0.42, -0.71), (-0.42, -0.71)], c.mix(WHITE, 0.15));
    p.line(-0.36, -0.67, 0.36, -0.67, 0.006, c.lit(0.9));
    p.rect(-0.5, -0.585, 0.5, -0.54, c.lit(0.85));
    // A runner down the middle, hanging over the edge.
    p.poly(&[(-0.1, -0.71), (0.1, -0.71), (0.12, -0.585), (-0.12, -0.585)], WHITE.lit(0.96));
    p.rect(-0.12, -0.585, 0.12, -0.47, WHITE.lit(0.9));
    p.poly(&[(-0.12, -0.47), (0.12, -0.47), (0.0, -0.43)], WHITE.lit(0.9));
    // Plates with glasses behind them.
    for x in [-0.3, 0.3] {
        p.rect_a(x + 0.08, -0.74, x + 0.12, -0.65, WHITE, 0.55);
        p.ellipse(x + 0.1, -0.655, 0.02, 0.006, WHITE.lit(0.8));
        p.ellipse(x, -0.625, 0.11, 0.03, WHITE.lit(0.85));
        p.ellipse(x, -0.632, 0.1, 0.025, WHITE);
        p.ellipse(x, -0.632, 0.055, 0.013, WHITE.lit(0.9));
    }
    // Vase and flowers.
    p.rrect(-0.04, -0.78, 0.04, -0.65, 0.03, Rgb::new(70, 110, 170));
    p.line(-0.02, -0.78, -0.05, -0.86, 0.008, Rgb::new(70, 130, 60));
    p.line(0.02, -0.78, 0.05, -0.87, 0.008, Rgb::new(70, 130, 60));
    p.line(0.0, -0.78, 0.0, -0.9, 0.008, Rgb::new(70, 130, 60));
    p.circle(-0.05, -0.86, 0.03, Rgb::new(230, 70, 80));
    p.circle(0.05, -0.87, 0.03, Rgb::new(250, 200, 60));
    p.circle(0.0, -0.91, 0.032, Rgb::new(240, 120, 160));
}

/// A toilet from the side, facing right: a cistern with a flush lever at the back, a closed seat and lid over a curved bowl on its pedestal.
pub(super) fn toilet(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.4);
    let edge = c.lit(0.62);
    // Cistern and lid.
    p.rrect(-0.45, -0.92, -0.19, -0.5, 0.03, edge);
    p.rrect(-0.44, -0.91, -0.2, -0.51, 0.025, c.lit(0.96));
    p.rect_a(-0.25, -0.9, -0.2, -0.52, SHADOW, 0.1);
    p.rrect(-0.47, -0.97, -0.17, -0.9, 0.02, edge);
    p.rrect(-0.46, -0.965, -0.18, -0.905, 0.018, c);
    p.line(-0.2, -0.85, -0.12, -0.85, 0.022, STEEL);
    p.circle(-0.2, -0.85, 0.022, STEEL.lit(0.8));
    // Bowl on its pedestal.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.22, -0.5);
    pb.line_to(0.37, -0.5);
    pb.cubic_to(0.41, -0.36, 0.3, -0.24, 0.12, -0.21);
    pb.quad_to(0.09, -0.08, 0.19, -0.02);
    pb.line_to(0.19, 0.0);
    pb.line_to(-0.18, 0.0);
    pb.line_to(-0.18, -0.02);
    pb.quad_to(-0.1, -0.1, -0.12, -0.26);
    pb.quad_to(-0.2, -0.32, -0.22, -0.5);
    pb.close();
    let bowl = pb.finish();
    p.stroke(bowl.clone(), 0.02, edge, 1.0);
    p.fill_path(bowl, c, 1.0);
    p.poly_a(
        &[
            (0.1, -0.47),
            (0.37, -0.47),
            (0.33, -0.33),
            (0.14, -0.22),
            (0.1, -0.08),
            (0.19, -0.02),
            (0.19, 0.0),
            (0.06, 0.0),
        ],
        SHADOW,
        0.1,
    );
    p.curve((-0.14, -0.44), (0.14, -0.36), (0.3, -0.46), 0.014, c.lit(0.82));
    p.curve((0.3, -0.44), (0.33, -0.36), (0.22, -0.29), 0.02, WHITE);
    // Seat and closed lid.
    p.rrect(-0.23, -0.54, 0.41, -0.495, 0.02, edge);
    p.rrect(-0.22, -0.535, 0.4, -0.5, 0.017, c.lit(0.9));
    p.rrect(-0.21, -0.59, 0.39, -0.535, 0.026, edge);
    p.rrect(-0.2, -0.585, 0.38, -0.54, 0.022, c);
    p.line(-0.14, -0.575, 0.3, -0.575, 0.01, WHITE);
}

/// A flat-screen TV from the front on a low media console: short feet, a thin bezel around a glowing, gently shimmering landscape picture with a channel logo.
pub(super) fn tv(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let flick = 1.0 + 0.06 * a.wave(0.7);
    let sky = Rgb::new(80, 150, 235).lit(flick);
    p.glow(0.0, -0.6, 0.66, sky, 0.25);
    // The console: legs, body with two doors and a shelf gap, top slab.
    for x in [-0.42, 0.42] {
        p.rect(x - 0.02, -0.05, x + 0.02, 0.0, DARK);
    }
    p.rect(-0.47, -0.21, 0.47, -0.04, WOOD);
    for (l, r) in [(-0.44, -0.16), (0.16, 0.44)] {
        p.rect(l, -0.18, r, -0.07, WOOD.lit(1.2));
        p.rect(l + 0.12, -0.14, r - 0.12, -0.125, WOOD.lit(0.6));
    }
    p.rect(-0.14, -0.18, 0.14, -0.07, WOOD.lit(0.55));
    p.rrect(-0.1, -0.14, 0.02, -0.07, 0.01, DARK.lit(1.4));
    p.lamp(0.0, -0.12, 0.006, Rgb::new(120, 200, 255));
    p.rrect(-0.5, -0.25, 0.5, -0.2, 0.01, WOOD.lit(1.35));
    // Short feet, then the panel (a sliver of depth on the right, the bezel, the picture).
    p.poly(&[(-0.34, -0.3), (-0.3, -0.3), (-0.26, -0.25), (-0.38, -0.25)], c.lit(0.75));
    p.poly(&[(0.3, -0.3), (0.34, -0.3), (0.38, -0.25), (0.26, -0.25)], c.lit(0.75));
    p.with(Transform::from_translate(0.0, 0.04), |p| {
        p.rrect(-0.48, -0.94, 0.5, -0.34, 0.02, c.lit(0.6));
        p.rrect(-0.5, -0.95, 0.48, -0.35, 0.02, c);
        let (l, t, r, b) = (-0.475, -0.925, 0.455, -0.375);
        p.rect(l, t, r, b, sky);
        p.rect(l, -0.65, r, b, sky.mix(WHITE, 0.35));
        p.glow(0.22, -0.74, 0.14, WARM_LIGHT, 0.8);
        p.lamp(0.22, -0.74, 0.055, Rgb::new(255, 236, 170));
        let drift = a.wave(0.08) * 0.1;
        p.ellipse(-0.22 + drift, -0.8, 0.09, 0.03, WHITE.lit(flick));
        p.ellipse(-0.16 + drift, -0.82, 0.06, 0.03, WHITE.lit(flick));
        let mut pb = PathBuilder::new();
        pb.move_to(l, b);
        pb.line_to(l, -0.56);
        pb.quad_to(-0.15, -0.74, 0.1, -0.56);
        pb.quad_to(0.3, -0.47, r, -0.58);
        pb.line_to(r, b);
        pb.close();
        p.fill_path(pb.finish(), Rgb::new(90, 170, 90).lit(flick), 1.0);
        let mut pb = PathBuilder::new();
        pb.move_to(l, b);
        pb.line_to(l, -0.46);
        pb.quad_to(0.05, -0.58, r, -0.44);
        pb.line_to(r, b);
        pb.close();
        p.fill_path(pb.finish(), Rgb::new(50, 130, 70).lit(flick), 1.0);
        // Channel logo, a progress bar, glare across the glass and a power light.
        p.rrect(0.34, -0.9, 0.43, -0.86, 0.008, WHITE);
        p.rect(0.355, -0.887, 0.415, -0.873, Rgb::new(220, 50, 60));
        p.rect_a(l + 0.04, -0.41, r - 0.04, -0.398, WHITE, 0.45);
        let played = 0.4 + 0.02 * a.t;
        p.rect(l + 0.04, -0.41, l + 0.04 + (r - l - 0.08) * played.min(1.0), -0.398, Rgb::new(230, 50, 60));
        p.poly_a(&[(l, t), (-0.2, t), (-0.45, b), (l, b)], WHITE, 0.08);
        p.lamp(0.42, -0.362, 0.007, Rgb::new(120, 255, 140));
    });
}

/// An open laptop in three-quarter view: the lid leaning back with a glowing desktop and window, the keyboard deck with keys and a trackpad.
pub(super) fn laptop(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.48);
    let screen = Rgb::new(70, 110, 220);
    p.glow(0.12, -0.6, 0.45, screen, 0.2);
    // Base: front and right faces, then the deck (drawn in its own u, v frame).
    p.poly(&[(-0.46, -0.07), (0.28, -0.07), (0.28, -0.03), (-0.46, -0.03)], c.lit(0.72));
    p.poly(&[(0.28, -0.07), (0.46, -0.27), (0.46, -0.23), (0.28, -0.03)], c.lit(0.6));
    let deck = Transform::from_row(0.74, 0.0, 0.18, -0.2, -0.46, -0.07);
    p.with(deck, |p| {
        p.rect(0.0, 0.0, 1.0, 1.0, c);
        p.rect(0.07, 0.46, 0.93, 0.93, DARK.lit(1.3));
        for k in 1..4 {
            let v = 0.46 + k as f32 * 0.1175;
            p.rect(0.07, v - 0.02, 0.93, v + 0.02, c.lit(0.9));
        }
        for k in 1..12 {
            let u = 0.07 + k as f32 * 0.0717;
            p.rect(u - 0.006, 0.46, u + 0.006, 0.93, c.lit(0.9));
        }
        p.rect(0.36, 0.08, 0.64, 0.38, c.lit(0.9));
        p.rect(0.0, 0.0, 1.0, 0.06, c.mix(WHITE, 0.22));
    });
    // Lid: rim in the body colour, dark bezel, then the display.
    let lid = Transform::from_row(0.74, 0.0, 0.03, -0.67, -0.28, -0.27);
    p.with(lid, |p| {
        p.rect(-0.01, -0.02, 1.01, 1.0, c.lit(0.85));
        p.rect(0.015, 0.0, 0.985, 0.985, DARK);
        p.rect(0.05, 0.05, 0.95, 0.945, screen);
        p.rect(0.05, 0.05, 0.95, 0.45, screen.mix(Rgb::new(200, 90, 200), 0.5));
        // A window with lines of text, and a dock.
        p.rect(0.2, 0.3, 0.78, 0.84, WHITE);
        p.rect(0.2, 0.77, 0.78, 0.84, Rgb::new(210, 214, 222));
        for (k, w) in [(0, 0.4), (1, 0.3), (2, 0.45), (3, 0.25), (4, 0.38)] {
            let v = 0.69 - k as f32 * 0.075;
            p.rect(0.26, v - 0.016, 0.26 + w, v + 0.016, Rgb::new(120, 130, 150));
        }
        let blink = if a.wave(1.0) > 0.0 { 1.0 } else { 0.0 };
        p.rect_a(0.53, 0.37, 0.545, 0.41, DARK, blink);
        p.rect(0.3, 0.08, 0.7, 0.16, Rgb::new(230, 232, 240));
        p.poly_a(&[(0.05, 0.945), (0.35, 0.945), (0.1, 0.05), (0.05, 0.05)], WHITE, 0.07);
    });
}

/// A smartphone standing upright, from the front: rounded body with a glowing screen of app icons, a dock, a camera pill and side buttons.
pub(super) fn cell_phone(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.28);
    let paper = Rgb::new(60, 120, 230).mix(c, 0.25);
    p.glow(0.0, -0.5, 0.5, paper, 0.25);
    // Edge thickness on the right, buttons on the left, then the body.
    p.rrect(-0.2, -0.975, 0.265, -0.025, 0.08, c.lit(0.68));
    p.rrect(-0.255, -0.8, -0.23, -0.72, 0.01, c.lit(0.8));
    p.rrect(-0.255, -0.68, -0.23, -0.6, 0.01, c.lit(0.8));
    p.rrect(-0.24, -0.98, 0.235, -0.02, 0.08, c);
    // Screen: two-tone wallpaper.
    p.rrect(-0.215, -0.955, 0.21, -0.045, 0.06, paper);
    p.rrect(-0.215, -0.55, 0.21, -0.045, 0.06, paper.mix(Rgb::new(220, 90, 200), 0.45));
    p.rrect(-0.05, -0.935, 0.045, -0.905, 0.015, SHADOW);
    p.rect(-0.18, -0.928, -0.12, -0.914, WHITE);
    p.rrect(0.12, -0.929, 0.17, -0.913, 0.004, WHITE);
    // App icons: four columns by four rows, then a dock of four.
    const ICONS: [Rgb; 8] = [
        Rgb::new(250, 90, 80),
        Rgb::new(80, 200, 110),
        Rgb::new(250, 200, 60),
        Rgb::new(240, 240, 245),
        Rgb::new(90, 170, 250),
        Rgb::new(250, 140, 50),
        Rgb::new(170, 100, 230),
        Rgb::new(60, 200, 210),
    ];
    for row in 0..4 {
        for col in 0..4 {
            let x = -0.0025 + (col as f32 - 1.5) * 0.096;
            let y = -0.82 + row as f32 * 0.115;
            let k = (row * 3 + col) % ICONS.len();
            p.rrect(x - 0.036, y - 0.036, x + 0.036, y + 0.036, 0.016, ICONS[k]);
        }
    }
    p.rrect(-0.195, -0.2, 0.19, -0.09, 0.04, WHITE.lit(0.9).mix(paper, 0.3));
    for col in 0..4 {
        let x = -0.0025 + (col as f32 - 1.5) * 0.096;
        p.rrect(x - 0.036, -0.181, x + 0.036, -0.109, 0.016, ICONS[(col * 3 + 1) % ICONS.len()]);
    }
    // A notification badge that pulses, the home bar and a glint.
    let badge = 0.017 + 0.004 * a.wave(1.2);
    p.circle(-0.12, -0.855, badge, Rgb::new(240, 50, 50));
    p.rrect(-0.07, -0.07, 0.065, -0.06, 0.005, WHITE);
    p.poly_a(&[(-0.215, -0.955), (-0.05, -0.955), (-0.215, -0.55)], WHITE, 0.1);
}

/// A microwave from the front, a little from above: a box with a door window showing a lit turntable and bowl, a handle, and a keypad with a clock display.
pub(super) fn microwave(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.02, 0.5);
    for x in [-0.4, 0.36] {
        p.rect(x - 0.03, -0.05, x + 0.03, 0.0, DARK);
    }
    // Body: top and right faces for depth, then the front.
    p.poly(&[(-0.48, -0.6), (0.42, -0.6), (0.49, -0.67), (-0.41, -0.67)], c.mix(WHITE, 0.2));
    p.poly(&[(0.42, -0.6), (0.49, -0.67), (0.49, -0.1), (0.42, -0.04)], c.lit(0.72));
    p.rrect(-0.48, -0.61, 0.43, -0.04, 0.025, c);
    // Door with window: a lit cavity, turntable and a bowl.
    p.rrect(-0.45, -0.57, 0.16, -0.08, 0.025, c.lit(0.93));
    p.rrect(-0.41, -0.52, 0.07, -0.13, 0.025, SHADOW.mix(GLASS, 0.5));
    let hum = 0.45 + 0.1 * a.wave(0.9);
    p.glow(-0.17, -0.3, 0.26, WARM_LIGHT, hum);
    p.ellipse(-0.17, -0.19, 0.17, 0.028, Rgb::new(170, 170, 160));
    p.rrect(-0.25, -0.28, -0.09, -0.2, 0.04, Rgb::new(230, 120, 90));
    p.ellipse(-0.17, -0.28, 0.08, 0.015, Rgb::new(200, 90, 60));
    p.poly_a(&[(-0.41, -0.52), (-0.25, -0.52), (-0.41, -0.3)], WHITE, 0.1);
    p.rrect(0.1, -0.5, 0.135, -0.15, 0.015, c.lit(0.7));
    // Control panel: display, keypad, start button.
    p.rect(0.18, -0.57, 0.4, -0.08, c.lit(0.86));
    p.rrect(0.2, -0.53, 0.38, -0.45, 0.01, DARK);
    let digit = Rgb::new(110, 250, 150);
    for x in [0.225, 0.26, 0.315, 0.35] {
        p.lamp(x, -0.49, 0.012, digit);
    }
    p.lamp(0.2875, -0.505, 0.005, digit);
    p.lamp(0.2875, -0.475, 0.005, digit);
    let key = c.mix(WHITE, 0.55);
    for row in 0..4 {
        for col in 0..3 {
            let x = 0.23 + col as f32 * 0.06;
            let y = -0.39 + row as f32 * 0.055;
            p.rrect(x - 0.022, y - 0.018, x + 0.022, y + 0.018, 0.008, key);
        }
    }
    p.rrect(0.2, -0.16, 0.38, -0.11, 0.012, Rgb::new(70, 160, 90));
}

/// A kitchen range from the front, a little from above: a black hob with four burners (one glowing, one holding a pot), a knob panel, an oven door with a lit window and handle, and a drawer.
pub(super) fn oven(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.03, 0.48);
    for x in [-0.38, 0.38] {
        p.rect(x - 0.03, -0.04, x + 0.03, 0.0, DARK);
    }
    // Body: side face, front, hob top.
    p.poly(&[(0.42, -0.72), (0.5, -0.83), (0.5, -0.13), (0.42, -0.03)], c.lit(0.72));
    p.rect(-0.42, -0.72, 0.42, -0.03, c);
    p.poly(&[(-0.42, -0.72), (0.42, -0.72), (0.5, -0.83), (-0.34, -0.83)], c.mix(WHITE, 0.2));
    p.poly(&[(-0.39, -0.735), (0.39, -0.735), (0.46, -0.82), (-0.32, -0.82)], DARK.lit(1.2));
    // Burners: front pair, back pair; the front right glows.
    let heat = 0.7 + 0.3 * a.wave(0.6);
    for (x, y) in [(-0.2, -0.76), (0.2, -0.76), (-0.13, -0.8), (0.27, -0.8)] {
        p.ellipse(x, y, 0.12, 0.018, Rgb::new(70, 70, 76));
        p.ellipse(x, y, 0.085, 0.012, DARK);
    }
    p.glow(0.2, -0.76, 0.16, Rgb::new(255, 90, 40), 0.5 * heat);
    p.ellipse_a(0.2, -0.76, 0.09, 0.013, Rgb::new(255, 80, 40), heat);
    p.ellipse(0.2, -0.76, 0.05, 0.006, DARK);
    // A pot on the back left burner.
    p.rrect(-0.24, -0.93, -0.02, -0.8, 0.02, STEEL);
    p.rect_a(-0.06, -0.92, -0.02, -0.81, SHADOW, 0.15);
    p.ellipse(-0.13, -0.93, 0.11, 0.017, STEEL.lit(1.1));
    p.line(-0.28, -0.9, -0.24, -0.9, 0.02, DARK);
    p.line(-0.02, -0.9, 0.02, -0.9, 0.02, DARK);
    // Knob panel.
    p.rect(-0.42, -0.72, 0.42, -0.63, c.lit(0.88));
    for x in [-0.33, -0.22, 0.22, 0.33] {
        p.circle(x, -0.675, 0.03, DARK);
        p.line(x, -0.675, x, -0.697, 0.01, WHITE);
    }
    p.rrect(-0.09, -0.7, 0.09, -0.65, 0.01, DARK);
    p.lamp(0.0, -0.675, 0.012, Rgb::new(110, 250, 150));
    // Oven door: handle, lit window with a rack.
    p.rrect(-0.39, -0.6, 0.39, -0.15, 0.02, c.lit(0.95));
    p.rrect(-0.31, -0.58, 0.31, -0.55, 0.015, STEEL);
    p.rect(-0.28, -0.56, -0.26, -0.53, STEEL.lit(0.8));
    p.rect(0.26, -0.56, 0.28, -0.53, STEEL.lit(0.8));
    p.rrect(-0.28, -0.49, 0.28, -0.22, 0.025, SHADOW.mix(GLASS, 0.4));
    p.glow(0.0, -0.35, 0.3, Rgb::new(255, 150, 60), 0.45 * heat);
    p.line(-0.26, -0.3, 0.26, -0.3, 0.008, Rgb::new(120, 100, 80));
    p.poly_a(&[(-0.28, -0.49), (-0.1, -0.49), (-0.24, -0.22), (-0.28, -0.22)], WHITE, 0.1);
    // Drawer.
    p.rect(-0.39, -0.12, 0.39, -0.05, c.lit(0.85));
    p.line(-0.2, -0.1, 0.2, -0.1, 0.012, c.lit(0.6));
}

/// A toaster from the front: a rounded chrome-shaded body with two slots, two slices of toast bobbing up and down with the side lever, and a browning dial.
pub(super) fn toaster(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.44);
    let pop = a.wave(0.3).max(0.0) * 0.12;
    let crust = Rgb::new(170, 104, 46);
    let crumb = Rgb::new(238, 200, 134);
    for x in [-0.36, 0.36] {
        p.rect(x - 0.04, -0.04, x + 0.04, 0.0, DARK);
    }
    // Body, its shading and the top with slots.
    p.rrect(-0.44, -0.62, 0.44, -0.03, 0.16, c);
    p.rect(-0.44, -0.2, 0.44, -0.03, c);
    p.rect_a(-0.44, -0.12, 0.44, -0.03, SHADOW, 0.2);
    p.ellipse(0.0, -0.6, 0.36, 0.03, c.mix(WHITE, 0.22));
    for x in [-0.15, 0.15] {
        p.rrect(x - 0.12, -0.615, x + 0.12, -0.59, 0.01, DARK);
    }
    // Toast: a crust outline around pale crumb, rounded on top.
    for (x, tilt) in [(-0.15f32, -3.0f32), (0.15, 3.0)] {
        let y0 = -0.6 - pop;
        p.rotated(tilt, x, -0.6, |p| {
            p.rect(x - 0.105, y0 - 0.2, x + 0.105, -0.6, crust);
            p.circle(x - 0.055, y0 - 0.22, 0.065, crust);
            p.circle(x + 0.055, y0 - 0.22, 0.065, crust);
            p.rect(x - 0.085, y0 - 0.2, x + 0.085, -0.6, crumb);
            p.circle(x - 0.055, y0 - 0.22, 0.047, crumb);
            p.circle(x + 0.055, y0 - 0.22, 0.047, crumb);
        });
    }
    // The slots' front lips over the toast's foot, then details.
    p.rect(-0.3, -0.597, 0.3, -0.575, c.mix(WHITE, 0.22));
    p.rect_a(-0.3, -0.52, -0.24, -0.1, WHITE, 0.4);
    p.rect_a(-0.2, -0.52, -0.18, -0.1, WHITE, 0.25);
    p.rect_a(0.3, -0.55, 0.44, -0.12, SHADOW, 0.12);
    // Lever slot and lever (down while toasting), browning dial.
    p.rrect(0.33, -0.5, 0.36, -0.16, 0.012, DARK);
    let lever = -0.2 - pop * 2.0;
    p.rrect(0.3, lever - 0.025, 0.43, lever + 0.025, 0.012, DARK.lit(1.4));
    p.circle(0.0, -0.26, 0.06, c.lit(0.75));
    p.circle(0.0, -0.26, 0.045, DARK.lit(1.5));
    p.line(0.0, -0.26, 0.03, -0.29, 0.012, WHITE);
}

/// A kitchen sink from the front, a little from above: a cabinet with two doors, a dark counter with a steel basin, and a gooseneck tap running water.
pub(super) fn sink(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.48);
    // Cabinet, toe kick, doors with handles.
    p.rect(-0.42, -0.05, 0.42, 0.0, c.lit(0.45));
    p.rect(-0.45, -0.5, 0.45, -0.04, c);
    for (l, r, hx) in [(-0.42, -0.015, -0.035), (0.015, 0.42, 0.035)] {
        p.rrect(l, -0.44, r, -0.08, 0.015, c.lit(0.62));
        p.rrect(l + 0.006, -0.434, r - 0.006, -0.086, 0.012, c.mix(WHITE, 0.1));
        p.rrect(l + 0.04, -0.4, r - 0.04, -0.12, 0.01, c.lit(0.8));
        p.rrect(l + 0.046, -0.394, r - 0.046, -0.126, 0.008, c);
        p.rrect(hx - 0.012, -0.4, hx + 0.012, -0.3, 0.01, STEEL.lit(0.8));
    }
    // Counter top and edge.
    let stone = Rgb::new(70, 72, 80);
    p.poly(&[(-0.5, -0.5), (0.5, -0.5), (0.45, -0.65), (-0.45, -0.65)], stone.lit(1.25));
    p.rect(-0.5, -0.51, 0.5, -0.46, stone);
    // Basin: steel rim, deep inside.
    p.rrect(-0.24, -0.62, 0.28, -0.52, 0.03, STEEL);
    p.rrect(-0.215, -0.61, 0.255, -0.535, 0.025, Rgb::new(112, 118, 128));
    p.rrect(-0.215, -0.61, 0.255, -0.585, 0.02, Rgb::new(150, 156, 166));
    p.ellipse(0.06, -0.565, 0.025, 0.008, DARK);
    // Gooseneck tap at the back, with a lever.
    p.rrect(-0.2, -0.65, -0.12, -0.62, 0.01, STEEL.lit(0.85));
    let mut pb = PathBuilder::new();
    pb.move_to(-0.16, -0.63);
    pb.line_to(-0.16, -0.84);
    pb.cubic_to(-0.16, -0.96, 0.06, -0.96, 0.06, -0.84);
    pb.line_to(0.06, -0.8);
    p.stroke(pb.finish(), 0.04, STEEL, 1.0);
    p.rect(0.04, -0.8, 0.08, -0.77, STEEL.lit(0.8));
    p.line(-0.14, -0.7, -0.05, -0.74, 0.02, STEEL.lit(0.9));
    p.line(-0.17, -0.85, -0.17, -0.66, 0.008, WHITE);
    // Running water with a shimmer and a splash.
    let shim = 0.55 + 0.15 * a.wave(2.0);
    let water = Rgb::new(150, 200, 240);
    p.rect_a(0.047, -0.77, 0.073, -0.57, water, shim);
    p.rect_a(0.055, -0.77, 0.062, -0.57, WHITE, shim * 0.6);
    p.ellipse_a(0.06, -0.568, 0.05, 0.01, WHITE, 0.6);
}

/// A tall two-door refrigerator from the front-right: freezer over fridge with long handles, a side face for depth, a note and magnets on the door.
pub(super) fn refrigerator(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.02, 0.42);
    let edge = c.lit(0.62);
    for x in [-0.29, 0.23] {
        p.rect(x - 0.03, -0.04, x + 0.03, 0.0, DARK);
    }
    // Side and top faces, then the cabinet front behind the doors.
    p.poly(&[(0.28, -0.97), (0.38, -1.0), (0.38, -0.07), (0.28, -0.03)], c.lit(0.74));
    p.poly(&[(-0.34, -0.97), (0.28, -0.97), (0.38, -1.0), (-0.24, -1.0)], c.mix(WHITE, 0.2));
    p.rrect(-0.345, -0.975, 0.285, -0.03, 0.04, edge);
    // Freezer and fridge doors.
    p.rrect(-0.335, -0.965, 0.275, -0.675, 0.035, c);
    p.rrect(-0.335, -0.66, 0.275, -0.04, 0.035, c);
    p.rect_a(0.23, -0.95, 0.275, -0.69, SHADOW, 0.07);
    p.rect_a(0.23, -0.645, 0.275, -0.055, SHADOW, 0.07);
    p.rect_a(-0.18, -0.95, -0.14, -0.06, WHITE, 0.28);
    // Handles.
    for (t, b) in [(-0.9, -0.72), (-0.62, -0.38)] {
        p.rrect(-0.3, t, -0.26, b, 0.02, STEEL.lit(0.75));
        p.rrect(-0.295, t, -0.27, b - 0.005, 0.015, STEEL);
    }
    // A note and magnets on the fridge door.
    p.rotated(6.0, 0.1, -0.5, |p| {
        p.rect(0.02, -0.58, 0.19, -0.42, WHITE.lit(0.98));
        for k in 0..3 {
            let y = -0.53 + k as f32 * 0.035;
            p.line(0.045, y, 0.16, y, 0.008, Rgb::new(120, 140, 190));
        }
        p.circle(0.105, -0.57, 0.02, Rgb::new(230, 60, 60));
    });
    p.circle(-0.05, -0.87, 0.022, Rgb::new(250, 200, 50));
    p.circle(0.02, -0.82, 0.022, Rgb::new(70, 170, 230));
    p.rrect(-0.1, -0.3, -0.02, -0.24, 0.01, Rgb::new(90, 190, 110));
}
