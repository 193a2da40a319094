//! Things that make a place: bath and shower, nursery, ballroom, studio, shop, laboratory, stairs, a phone booth, a filling station, a cemetery.

use tiny_skia::PathBuilder;

use crate::draw::{Anim, DARK, GLASS, Pen, WARM_LIGHT, WHITE};
use crate::palette::Rgb;

const SHADOW: Rgb = Rgb::new(0, 0, 0);
const STEEL: Rgb = Rgb::new(196, 200, 206);
const CHROME: Rgb = Rgb::new(214, 218, 226);
const BRASS: Rgb = Rgb::new(214, 170, 80);
const WATER: Rgb = Rgb::new(150, 200, 240);
const RUBBER: Rgb = Rgb::new(40, 40, 44);
const GRASS: Rgb = Rgb::new(70, 140, 60);
const WOOD: Rgb = Rgb::new(150, 110, 70);

/// A freestanding roll-top bathtub from the side: a long low enamel basin with a rolled rim, four clawed feet, a chrome mixer tap at one end and a little foam on the water.
pub(super) fn bathtub(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.48);
    let edge = c.lit(0.62);
    // Clawed feet: a ball on a curled leg.
    for (x, s) in [(-0.36f32, -1.0f32), (0.36, 1.0)] {
        p.poly(
            &[(x - 0.035, -0.14), (x + 0.035, -0.14), (x + 0.02 + s * 0.03, -0.04), (x - 0.02 + s * 0.03, -0.04)],
            BRASS.lit(0.85),
        );
        p.ellipse(x + s * 0.03, -0.035, 0.04, 0.035, BRASS);
        p.circle(x + s * 0.045, -0.045, 0.012, BRASS.mix(WHITE, 0.5));
    }
    // The basin: flat rim, sides curving down to a narrower rounded bottom.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.5, -0.4);
    pb.line_to(0.5, -0.4);
    pb.cubic_to(0.47, -0.2, 0.4, -0.1, 0.26, -0.1);
    pb.line_to(-0.26, -0.1);
    pb.cubic_to(-0.4, -0.1, -0.47, -0.2, -0.5, -0.4);
    pb.close();
    let basin = pb.finish();
    p.stroke(basin.clone(), 0.02, edge, 1.0);
    p.fill_path(basin, c, 1.0);
    // Shade on the lower belly and a long highlight along the side.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.47, -0.26);
    pb.quad_to(0.0, -0.2, 0.47, -0.26);
    pb.cubic_to(0.42, -0.14, 0.36, -0.1, 0.26, -0.1);
    pb.line_to(-0.26, -0.1);
    pb.cubic_to(-0.36, -0.1, -0.42, -0.14, -0.47, -0.26);
    pb.close();
    p.fill_path(pb.finish(), c.lit(0.82), 1.0);
    p.curve((-0.4, -0.33), (0.0, -0.3), (0.38, -0.33), 0.018, c.mix(WHITE, 0.6));
    // Rolled rim, water and foam just above it.
    let slosh = a.wave(0.4) * 0.006;
    p.ellipse_a(0.0, -0.425 + slosh, 0.46, 0.022, WATER, 0.9);
    for (x, r) in [(-0.22, 0.035), (-0.15, 0.028), (-0.08, 0.032), (0.02, 0.026), (0.09, 0.033)] {
        p.circle(x, -0.43 + slosh, r, WHITE);
    }
    p.rrect(-0.51, -0.425, 0.51, -0.39, 0.018, edge);
    p.rrect(-0.505, -0.422, 0.505, -0.398, 0.015, c.mix(WHITE, 0.25));
    // Mixer tap at the left end: a pillar, a spout arching over and two handles.
    p.rect(-0.43, -0.56, -0.4, -0.42, CHROME.lit(0.85));
    p.curve((-0.415, -0.56), (-0.415, -0.63), (-0.33, -0.6), 0.025, CHROME);
    p.rect(-0.345, -0.6, -0.315, -0.565, CHROME.lit(0.8));
    p.line(-0.47, -0.54, -0.36, -0.54, 0.018, CHROME.lit(0.9));
    p.circle(-0.47, -0.545, 0.018, Rgb::new(220, 70, 70));
    p.circle(-0.36, -0.545, 0.018, Rgb::new(70, 130, 230));
}

/// A wall-mounted shower: a tiled wall strip, a riser pipe up to a round head angled down, animated streaks of water falling to a tray, a mixer valve and a half glass screen.
pub(super) fn shower(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.3);
    // A strip of wall tiles behind, in the main colour.
    p.rect(-0.3, -1.0, -0.18, -0.06, c.lit(0.72));
    for k in 0..9 {
        let y = -0.96 + k as f32 * 0.1;
        p.line(-0.3, y, -0.18, y, 0.006, c.lit(0.55));
    }
    // The tray.
    p.rrect(-0.32, -0.08, 0.32, 0.0, 0.015, c.lit(0.85));
    p.rect(-0.32, -0.08, 0.32, -0.06, c.mix(WHITE, 0.3));
    p.ellipse(0.05, -0.07, 0.04, 0.006, DARK);
    // Riser pipe, arm and head (a flat disc tipped down).
    p.line(-0.22, -0.12, -0.22, -0.92, 0.03, c);
    p.line(-0.215, -0.12, -0.215, -0.9, 0.008, c.mix(WHITE, 0.5));
    p.lines(&[(-0.22, -0.92), (-0.05, -0.9)], 0.03, c);
    p.rotated(18.0, 0.03, -0.87, |p| {
        p.rrect(-0.12, -0.9, 0.16, -0.82, 0.04, c.lit(0.75));
        p.rrect(-0.1, -0.955, 0.14, -0.87, 0.05, c);
        p.rect_a(-0.07, -0.945, 0.1, -0.925, WHITE, 0.45);
    });
    // Mixer valve and hand-held hose hook.
    p.rrect(-0.27, -0.6, -0.17, -0.52, 0.02, c.lit(0.85));
    p.circle(-0.22, -0.56, 0.032, c);
    p.line(-0.22, -0.56, -0.13, -0.56, 0.02, c.lit(0.9));
    // Falling water: streaks that slide down in time.
    let fall = (a.t * 1.6).fract();
    for k in 0..7 {
        let x0 = -0.06 + k as f32 * 0.04;
        let spread = (k as f32 - 3.0) * 0.035;
        for j in 0..4 {
            let u = ((j as f32 + fall + k as f32 * 0.37) / 4.0).fract();
            let y0 = -0.82 + u * 0.7;
            let y1 = (y0 + 0.1).min(-0.08);
            if y1 <= y0 {
                continue;
            }
            let x = x0 + spread * (u + 0.2);
            p.line(x, y0, x + spread * 0.12, y1, 0.01, WATER);
        }
    }
    p.ellipse_a(0.05, -0.085, 0.2, 0.02, WHITE, 0.5);
    // Half glass screen with a chrome frame and a glint.
    p.rect_a(0.3, -0.78, 0.33, -0.08, GLASS.mix(WHITE, 0.5), 0.45);
    p.rect_a(0.06, -0.78, 0.3, -0.08, GLASS.mix(WHITE, 0.6), 0.18);
    p.line(0.33, -0.78, 0.33, -0.08, 0.014, CHROME);
    p.line(0.06, -0.78, 0.33, -0.78, 0.01, CHROME);
    p.line(0.12, -0.7, 0.22, -0.5, 0.012, WHITE);
}

/// A baby's cot from the side: corner posts with round knobs, top and bottom rails, a row of rounded slats, a mattress seen between them and a mobile turning above.
pub(super) fn crib(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.46);
    let edge = c.lit(0.62);
    // Mattress and blanket behind the slats.
    p.rrect(-0.4, -0.32, 0.4, -0.2, 0.03, WHITE.lit(0.95));
    p.rrect(-0.05, -0.34, 0.4, -0.24, 0.03, Rgb::new(150, 190, 235));
    p.rrect(-0.36, -0.37, -0.18, -0.3, 0.03, WHITE);
    // Rails.
    p.rrect(-0.42, -0.62, 0.42, -0.56, 0.02, edge);
    p.rrect(-0.42, -0.615, 0.42, -0.575, 0.018, c);
    p.rect(-0.42, -0.2, 0.42, -0.13, edge);
    p.rect(-0.42, -0.195, 0.42, -0.14, c.lit(0.9));
    // Slats.
    for k in 0..11 {
        let x = -0.35 + k as f32 * 0.07;
        p.rrect(x - 0.017, -0.57, x + 0.017, -0.19, 0.012, edge);
        p.rrect(x - 0.012, -0.565, x + 0.012, -0.195, 0.01, c);
    }
    // Corner posts with knobs and little feet.
    for x in [-0.45, 0.45] {
        p.rrect(x - 0.035, -0.68, x + 0.035, 0.0, 0.015, edge);
        p.rrect(x - 0.028, -0.675, x + 0.028, -0.005, 0.012, c);
        p.circle(x, -0.71, 0.04, c);
        p.circle(x - 0.012, -0.72, 0.012, c.mix(WHITE, 0.5));
    }
    // A mobile on an arm from the right post, toys swinging round.
    p.lines(&[(0.45, -0.7), (0.45, -0.96), (0.1, -0.96)], 0.014, c.lit(0.8));
    p.line(0.1, -0.96, 0.1, -0.9, 0.006, DARK);
    let swing = a.wave(0.25) * 0.05;
    p.line(-0.05 + swing, -0.88, 0.25 - swing, -0.88, 0.01, DARK.lit(2.0));
    p.line(0.1, -0.9, 0.1, -0.88, 0.006, DARK);
    let toys = [
        (Rgb::new(250, 200, 60), -0.05 + swing),
        (Rgb::new(240, 110, 140), 0.1),
        (Rgb::new(110, 190, 230), 0.25 - swing),
    ];
    for (col, x) in toys {
        p.line(x, -0.88, x, -0.8, 0.005, DARK.lit(2.0));
        p.circle(x, -0.77, 0.035, col);
    }
    p.poly(&[(0.1, -0.84), (0.115, -0.8), (0.085, -0.8)], Rgb::new(250, 200, 60));
}

/// A brass chandelier hanging from the top: a chain down to a bulb-shaped stem, curved arms in two tiers holding candle bulbs with glowing flames, and crystal drops beneath.
pub(super) fn chandelier(p: &mut Pen, c: Rgb, a: &Anim) {
    let edge = c.lit(0.6);
    let flicker = 0.85 + 0.15 * a.wave(1.3);
    p.glow(0.0, -0.5, 0.55, WARM_LIGHT, 0.35 * flicker);
    // Ceiling rose and chain.
    p.ellipse(0.0, -0.985, 0.09, 0.02, c);
    for k in 0..7 {
        let y = -0.96 + k as f32 * 0.045;
        if k % 2 == 0 {
            p.ellipse(0.0, y, 0.014, 0.024, edge);
        } else {
            p.ellipse(0.0, y, 0.007, 0.024, c);
        }
    }
    // The central stem: a stack of knobs and a drop.
    p.ellipse(0.0, -0.63, 0.05, 0.03, c);
    p.rect(-0.02, -0.63, 0.02, -0.35, c);
    p.ellipse(0.0, -0.5, 0.06, 0.04, c);
    p.ellipse(0.0, -0.38, 0.1, 0.04, c);
    p.ellipse(0.0, -0.3, 0.05, 0.06, c);
    p.poly(&[(-0.025, -0.26), (0.025, -0.26), (0.0, -0.19)], c);
    p.ellipse_a(-0.02, -0.5, 0.02, 0.015, WHITE, 0.5);
    // Crystal drops hung between the arms.
    let crystal = Rgb::new(220, 236, 255);
    for (x, y) in [(-0.32, -0.32), (-0.16, -0.3), (0.16, -0.3), (0.32, -0.32), (-0.08, -0.26), (0.08, -0.26)] {
        p.line(x, y - 0.05, x, y, 0.004, crystal.lit(0.8));
        p.poly(&[(x, y - 0.01), (x + 0.018, y + 0.02), (x, y + 0.05), (x - 0.018, y + 0.02)], crystal);
        p.lamp(x - 0.005, y + 0.015, 0.005, WHITE);
    }
    // Arms: lower tier wide, upper tier narrower; each an S-curve up to a cup and a candle.
    let tiers = [(-0.38, [0.42, 0.21], -0.53), (-0.52, [0.31, 0.1], -0.68)];
    for (y0, reach, top) in tiers {
        for s in [-1.0f32, 1.0] {
            for f in reach {
                let x = s * f;
                p.curve((0.0, y0), (x, y0 + 0.12), (x, top + 0.04), 0.018, edge);
                p.ellipse(x, top + 0.04, 0.04, 0.014, c);
                p.rect(x - 0.014, top - 0.05, x + 0.014, top + 0.035, WHITE.lit(0.95));
                p.glow(x, top - 0.075, 0.07, WARM_LIGHT, 0.7 * flicker);
                p.lamp(x, top - 0.075, 0.018, Rgb::new(255, 240, 190));
            }
        }
    }
}

/// A studio microphone on a stand: a capsule grille with a mesh and a band, held in a ring shock mount, on a thin pole with a clip and a round heavy base.
pub(super) fn microphone(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.24);
    let edge = c.lit(0.6);
    // Round base and pole.
    p.ellipse(0.0, -0.03, 0.22, 0.04, edge);
    p.ellipse(0.0, -0.045, 0.21, 0.035, c);
    p.ellipse_a(-0.06, -0.055, 0.09, 0.012, WHITE, 0.25);
    p.line(0.0, -0.05, 0.0, -0.56, 0.024, c);
    p.line(-0.005, -0.06, -0.005, -0.56, 0.006, c.mix(WHITE, 0.4));
    p.rrect(-0.028, -0.36, 0.028, -0.3, 0.012, edge);
    // A cable down the pole.
    p.curve((0.02, -0.6), (0.08, -0.3), (0.03, -0.08), 0.01, RUBBER);
    // Shock mount: a yoke and a ring with elastic.
    p.line(0.0, -0.52, 0.0, -0.58, 0.03, edge);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.16, -0.8);
    pb.cubic_to(-0.16, -0.52, 0.16, -0.52, 0.16, -0.8);
    p.stroke(pb.finish(), 0.022, edge, 1.0);
    for x in [-0.16, 0.16] {
        p.circle(x, -0.8, 0.025, edge);
    }
    // The grille capsule.
    p.rrect(-0.11, -0.99, 0.11, -0.6, 0.11, edge);
    p.rrect(-0.1, -0.98, 0.1, -0.61, 0.1, c.lit(1.25).mix(STEEL, 0.25));
    for k in 0..6 {
        let y = -0.93 + k as f32 * 0.05;
        p.line(-0.09, y, 0.09, y, 0.006, c.lit(0.8));
    }
    for x in [-0.05, 0.0, 0.05] {
        p.line(x, -0.96, x, -0.72, 0.006, c.lit(0.8));
    }
    p.rect(-0.105, -0.71, 0.105, -0.67, c.mix(BRASS, 0.5));
    p.rrect(-0.1, -0.67, 0.1, -0.61, 0.03, c);
    p.ellipse_a(-0.05, -0.9, 0.025, 0.05, WHITE, 0.45);
    // Ring of the shock mount in front, with elastic cross threads.
    p.ellipse(0.0, -0.8, 0.15, 0.03, edge);
    p.ellipse(0.0, -0.8, 0.11, 0.012, c.lit(0.35));
    p.rrect(-0.1, -0.8, 0.1, -0.77, 0.01, c.lit(1.25).mix(STEEL, 0.25));
    p.ellipse(0.0, -0.77, 0.15, 0.02, edge);
    for x in [-0.13, 0.13] {
        p.line(x, -0.8, x * 0.7, -0.86, 0.006, RUBBER);
        p.line(x, -0.8, x * 0.7, -0.74, 0.006, RUBBER);
    }
    p.lamp(0.0, -0.645, 0.01, Rgb::new(120, 255, 140));
}

/// A supermarket trolley from the side: a wire basket flared at the top, a grid of wires, a handle bar with a grip, a chassis with a bottom tray and four castor wheels.
pub(super) fn shopping_cart(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.46);
    let edge = c.lit(0.62);
    let w = 0.014;
    // Wheels and castor forks.
    for x in [-0.34f32, -0.22, 0.22, 0.34] {
        let far = x.abs() < 0.3;
        let col = if far { RUBBER.lit(1.5) } else { RUBBER };
        p.line(x, -0.1, x, -0.06, 0.014, edge);
        p.circle(x, -0.045, 0.045, col);
        p.circle(x, -0.045, 0.015, STEEL);
    }
    // Chassis: base rails and the bottom tray.
    p.line(-0.38, -0.1, 0.4, -0.1, 0.02, c);
    p.line(-0.36, -0.2, 0.36, -0.2, 0.012, c);
    for k in 0..8 {
        let x = -0.34 + k as f32 * 0.1;
        p.line(x, -0.2, x, -0.1, 0.008, c);
    }
    // Basket outline: top rim wider than bottom, a slanted front.
    let (tl, tr, bl, br, top, bot) = (-0.42, 0.48, -0.36, 0.34, -0.72, -0.34);
    p.poly_a(&[(tl, top), (tr, top), (br, bot), (bl, bot)], c, 0.2);
    // Grid: vertical wires and horizontal wires.
    for k in 0..=12 {
        let u = k as f32 / 12.0;
        let xt = tl + (tr - tl) * u;
        let xb = bl + (br - bl) * u;
        p.line(xt, top, xb, bot, 0.008, c);
    }
    for k in 0..=5 {
        let v = k as f32 / 5.0;
        let y = top + (bot - top) * v;
        let xl = tl + (bl - tl) * v;
        let xr = tr + (br - tr) * v;
        p.line(xl, y, xr, y, 0.008, c);
    }
    p.lines(&[(tl, top), (tr, top), (br, bot), (bl, bot), (tl, top)], 0.022, edge);
    p.line(tl, top, tr, top, 0.02, c.mix(WHITE, 0.3));
    // Legs from basket to chassis.
    p.line(bl, bot, -0.38, -0.1, 0.022, c);
    p.line(br, bot, 0.3, -0.1, w * 1.5, c);
    p.line(-0.3, bot, -0.3, -0.1, w, c.lit(0.8));
    // Handle: rising back from the rear of the rim, with a coloured grip.
    p.line(tl, top, -0.48, -0.78, 0.02, c);
    p.line(-0.46, -0.74, -0.5, -0.8, 0.02, c);
    p.rrect(-0.51, -0.84, -0.45, -0.76, 0.02, Rgb::new(220, 50, 50));
    p.circle(-0.47, -0.8, 0.022, Rgb::new(240, 80, 80));
    // Child seat flap at the back.
    p.poly_a(&[(-0.41, -0.7), (-0.2, -0.7), (-0.22, -0.56), (-0.39, -0.56)], Rgb::new(220, 50, 50), 0.85);
}

/// A laboratory bench: a counter top over cabinets and drawers, with an Erlenmeyer flask, a rack of coloured test tubes, a beaker bubbling and a microscope.
pub(super) fn lab_bench(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let edge = c.lit(0.62);
    // Cabinets: plinth, body, doors and a drawer stack with handles.
    p.rect(-0.47, -0.04, 0.47, 0.0, DARK);
    p.rect(-0.48, -0.5, 0.48, -0.03, edge);
    for (l, r) in [(-0.46, -0.17), (-0.15, 0.14), (0.16, 0.46)] {
        p.rect(l, -0.47, r, -0.06, c);
        p.rect_a(r - 0.02, -0.47, r, -0.06, SHADOW, 0.12);
    }
    for k in 0..3 {
        let y = -0.47 + k as f32 * 0.137;
        p.line(0.16, y, 0.46, y, 0.008, edge);
        p.rrect(0.26, y + 0.05, 0.36, y + 0.07, 0.008, STEEL.lit(0.8));
    }
    p.rrect(-0.21, -0.36, -0.19, -0.2, 0.008, STEEL.lit(0.8));
    p.rrect(-0.13, -0.36, -0.11, -0.2, 0.008, STEEL.lit(0.8));
    p.line(-0.15, -0.47, -0.15, -0.06, 0.01, edge);
    // Dark worktop.
    let top = Rgb::new(44, 48, 56);
    p.rect(-0.5, -0.54, 0.5, -0.49, top);
    p.rect(-0.5, -0.54, 0.5, -0.53, top.lit(1.8));
    // Test tube rack with four tubes.
    let liquids = [Rgb::new(230, 60, 80), Rgb::new(80, 200, 110), Rgb::new(70, 140, 240), Rgb::new(250, 200, 50)];
    let (rl, rr) = (-0.46, -0.22);
    for (k, col) in liquids.iter().enumerate() {
        let x = rl + 0.035 + k as f32 * 0.057;
        let lvl = -0.64 + (k % 2) as f32 * 0.04;
        p.rrect(x - 0.018, -0.78, x + 0.018, -0.55, 0.018, WHITE.lit(0.8));
        p.rrect(x - 0.013, lvl, x + 0.013, -0.56, 0.013, *col);
        p.line(x - 0.008, -0.76, x - 0.008, -0.6, 0.005, WHITE);
    }
    p.rect(rl, -0.68, rr, -0.655, WOOD);
    p.rect(rl, -0.56, rr, -0.54, WOOD);
    p.rect(rl, -0.68, rl + 0.015, -0.54, WOOD);
    p.rect(rr - 0.015, -0.68, rr, -0.54, WOOD);
    // Erlenmeyer flask: narrow neck widening to a flat bottom, green liquid.
    let (fx, fb) = (-0.1, -0.54);
    let flask = [
        (fx - 0.025, -0.86),
        (fx + 0.025, -0.86),
        (fx + 0.025, -0.76),
        (fx + 0.1, fb),
        (fx - 0.1, fb),
        (fx - 0.025, -0.76),
    ];
    p.poly_a(&flask, WHITE, 0.5);
    p.poly(&[(fx - 0.062, -0.65), (fx + 0.062, -0.65), (fx + 0.1, fb), (fx - 0.1, fb)], Rgb::new(90, 220, 140));
    p.lines(
        &[
            (fx - 0.025, -0.86),
            (fx - 0.025, -0.76),
            (fx - 0.1, fb),
            (fx + 0.1, fb),
            (fx + 0.025, -0.76),
            (fx + 0.025, -0.86),
        ],
        0.01,
        WHITE.lit(0.85),
    );
    p.line(fx - 0.035, -0.865, fx + 0.035, -0.865, 0.014, WHITE.lit(0.85));
    for k in 0..3 {
        let u = ((a.t * 0.6 + k as f32 * 0.33).fract()) * 0.1;
        p.circle(fx - 0.03 + k as f32 * 0.03, -0.58 - u, 0.008, WHITE);
    }
    // Microscope: base, arm, stage, tube and eyepiece.
    let m = DARK.lit(1.4);
    p.rrect(0.1, -0.58, 0.34, -0.54, 0.015, m);
    p.curve((0.3, -0.56), (0.36, -0.72), (0.24, -0.86), 0.05, m);
    p.rect(0.1, -0.69, 0.28, -0.665, m);
    p.rotated(-25.0, 0.2, -0.78, |p| {
        p.rrect(0.17, -0.93, 0.23, -0.7, 0.01, WHITE.lit(0.9));
        p.rect(0.175, -0.99, 0.225, -0.93, m);
        p.rect(0.185, -0.72, 0.215, -0.67, m);
    });
    p.circle(0.3, -0.72, 0.025, STEEL);
    p.rect(0.15, -0.695, 0.22, -0.685, Rgb::new(150, 200, 240));
    // Beaker at the right end with blue liquid.
    p.rect_a(0.38, -0.68, 0.47, -0.54, WHITE, 0.45);
    p.rect(0.385, -0.62, 0.465, -0.545, Rgb::new(90, 140, 240));
    p.lines(&[(0.38, -0.68), (0.38, -0.54), (0.47, -0.54), (0.47, -0.68)], 0.008, WHITE.lit(0.85));
}

/// A flight of stairs from the side: steps rising left to right with a dark riser and a lit tread each, a solid stringer underneath, a newel post, balusters and a sloping handrail.
pub(super) fn stairs(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let n = 8;
    let (x0, x1, h) = (-0.5f32, 0.5f32, 0.7f32);
    let run = (x1 - x0) / n as f32;
    let rise = h / n as f32;
    // The staircase body (stringer) as a stepped polygon, then its shaded underside.
    let mut pts = vec![(x0, 0.0)];
    for k in 0..n {
        let x = x0 + k as f32 * run;
        let y = -(k as f32 + 1.0) * rise;
        pts.push((x, y));
        pts.push((x + run, y));
    }
    pts.push((x1, 0.0));
    p.poly(&pts, c.lit(0.7));
    p.poly_a(&[(x0, 0.0), (x1, -h + rise), (x1, 0.0)], SHADOW, 0.15);
    // Treads and risers.
    for k in 0..n {
        let x = x0 + k as f32 * run;
        let y = -(k as f32 + 1.0) * rise;
        p.rect(x, y, x + run, y + rise, c);
        p.rect(x - 0.01, y - 0.012, x + run, y + 0.015, c.mix(WHITE, 0.3));
        p.rect(x - 0.01, y + 0.015, x + run, y + 0.025, c.lit(0.75));
        p.rect(x, y + rise - 0.02, x + run, y + rise, c.lit(0.85));
    }
    // Balusters: one on each step, rising to the rail.
    let rail = 0.2;
    let rail_y = |x: f32| -((x - x0) / run) * rise - rise - rail;
    let bal = c.lit(0.55);
    for k in 0..n {
        let x = x0 + (k as f32 + 0.5) * run;
        let y = -(k as f32 + 1.0) * rise - 0.012;
        p.line(x, y, x, rail_y(x), 0.016, bal);
    }
    // Newel post at the foot and a handrail along the slope.
    let nx = x0 + 0.03;
    p.rect(nx - 0.03, rail_y(nx) - 0.04, nx + 0.03, -rise, c.lit(0.5));
    p.circle(nx, rail_y(nx) - 0.06, 0.035, c.lit(0.5));
    p.line(nx, rail_y(nx), x1, rail_y(x1), 0.03, c.lit(0.5));
    p.line(nx, rail_y(nx) - 0.01, x1, rail_y(x1) - 0.01, 0.008, c.mix(WHITE, 0.3));
}

/// A red British telephone kiosk: a roof with a domed top and crown, a lit 'TELEPHONE' sign band, a door of small window panes, a narrow base plinth.
pub(super) fn phone_booth(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.3);
    let edge = c.lit(0.62);
    let (l, r) = (-0.24, 0.24);
    // Plinth, body, corner posts.
    p.rect(l - 0.03, -0.05, r + 0.03, 0.0, edge);
    p.rect(l, -0.8, r, -0.05, c);
    p.rect(l, -0.8, l + 0.04, -0.05, c.lit(0.85));
    p.rect(r - 0.04, -0.8, r, -0.05, c.lit(0.85));
    // Sign band (a lit strip with dark letters suggested).
    p.rect(l - 0.02, -0.86, r + 0.02, -0.78, edge);
    let sign = if a.lamps { WARM_LIGHT } else { WHITE.lit(0.95) };
    if a.lamps {
        p.glow(0.0, -0.82, 0.25, WARM_LIGHT, 0.4);
    }
    p.rect(l + 0.04, -0.845, r - 0.04, -0.8, sign);
    for k in 0..9 {
        let x = l + 0.06 + k as f32 * 0.04;
        p.rect(x, -0.832, x + 0.022, -0.814, DARK);
    }
    // Stepped roof and dome with a crown.
    p.rect(l - 0.03, -0.89, r + 0.03, -0.855, c);
    p.rect(l - 0.01, -0.91, r + 0.01, -0.885, c.lit(0.9));
    let mut pb = PathBuilder::new();
    pb.move_to(l - 0.01, -0.905);
    pb.quad_to(0.0, -1.02, r + 0.01, -0.905);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.ellipse(0.0, -0.975, 0.03, 0.018, BRASS);
    // Window panes: three columns, eight rows, in the door.
    let glass = if a.lamps { WARM_LIGHT.lit(0.9) } else { GLASS.mix(WHITE, 0.2) };
    let (gl, gr, gt, gb): (f32, f32, f32, f32) = (l + 0.06, r - 0.06, -0.74, -0.2);
    let (cols, rows) = (3, 8);
    let pw = (gr - gl) / cols as f32;
    let ph = (gb - gt) / rows as f32;
    for i in 0..cols {
        for j in 0..rows {
            let x = gl + i as f32 * pw;
            let y = gt + j as f32 * ph;
            p.rect(x + 0.008, y + 0.008, x + pw - 0.008, y + ph - 0.008, glass);
        }
    }
    p.poly_a(&[(gl, gt), (gl + 0.08, gt), (gl + 0.02, gb), (gl, gb)], WHITE, 0.15);
    // Kick panel and door handle.
    p.rect(gl, -0.17, gr, -0.08, c.lit(0.85));
    p.rrect(r - 0.055, -0.5, r - 0.04, -0.38, 0.006, DARK);
}

/// A petrol pump: a tall cabinet with a rounded lit head, a digital display and price panel, a brand stripe, a hose curling to a nozzle holstered on the side, on an island kerb.
pub(super) fn gas_pump(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.3);
    let edge = c.lit(0.62);
    let (l, r) = (-0.2, 0.14);
    // Island kerb.
    p.rect(-0.26, -0.06, 0.24, 0.0, Rgb::new(170, 172, 176));
    p.rect(-0.26, -0.06, 0.24, -0.045, WHITE.lit(0.9));
    // Body with a side face for depth.
    p.poly(&[(r, -0.78), (r + 0.06, -0.74), (r + 0.06, -0.06), (r, -0.06)], edge);
    p.rect(l, -0.78, r, -0.06, c);
    p.rect(l, -0.2, r, -0.06, c.lit(0.8));
    p.rect_a(l, -0.78, l + 0.025, -0.06, WHITE, 0.2);
    // Head: a lit sign box.
    p.rrect(l - 0.01, -0.9, r + 0.02, -0.77, 0.03, WHITE.lit(0.95));
    p.rect(l - 0.01, -0.85, r + 0.02, -0.81, c.lit(0.9));
    if a.lamps {
        p.glow(-0.03, -0.84, 0.2, WHITE, 0.35);
    }
    // Display: dark screen with glowing digits that tick over.
    p.rrect(l + 0.03, -0.72, r - 0.03, -0.56, 0.015, DARK);
    let digit = Rgb::new(120, 240, 140);
    let tick = (a.t * 3.0) as i32;
    for row in 0..2 {
        for k in 0..4 {
            let x = l + 0.05 + k as f32 * 0.057;
            let y = -0.7 + row as f32 * 0.07;
            let on = (tick + k + row) % 5 != 0 || row == 1;
            p.rect_a(x, y, x + 0.04, y + 0.045, digit, if on { 1.0 } else { 0.4 });
        }
    }
    // Price panel with three grade buttons.
    p.rect(l + 0.03, -0.5, r - 0.03, -0.38, WHITE.lit(0.92));
    for (k, col) in [Rgb::new(60, 170, 80), Rgb::new(240, 180, 40), DARK].iter().enumerate() {
        let y = -0.485 + k as f32 * 0.035;
        p.rect(l + 0.045, y, l + 0.09, y + 0.025, *col);
        p.rect(l + 0.11, y + 0.008, r - 0.05, y + 0.017, DARK.lit(2.0));
    }
    // Holster on the side, hose loop and nozzle.
    p.rect(r + 0.02, -0.55, r + 0.08, -0.46, DARK.lit(1.3));
    let mut pb = PathBuilder::new();
    pb.move_to(r + 0.06, -0.3);
    pb.cubic_to(0.34, -0.22, 0.36, -0.02, 0.28, -0.12);
    pb.cubic_to(0.22, -0.2, 0.3, -0.5, 0.26, -0.56);
    p.stroke(pb.finish(), 0.028, RUBBER, 1.0);
    p.rotated(-30.0, 0.24, -0.55, |p| {
        p.rrect(0.18, -0.6, 0.3, -0.54, 0.02, DARK.lit(1.6));
        p.rect(0.12, -0.585, 0.18, -0.565, STEEL);
        p.rect(0.22, -0.54, 0.26, -0.5, DARK.lit(1.6));
    });
}

/// A filling-station canopy: a wide deep roof slab with a coloured band and white trim, two square pillars with stripes, lights under the slab casting pools of light.
pub(super) fn canopy(p: &mut Pen, c: Rgb, a: &Anim) {
    let band = Rgb::new(220, 50, 50);
    // Light pools on the ground.
    if a.lamps {
        for x in [-0.25, 0.0, 0.25] {
            p.ellipse_a(x, -0.02, 0.2, 0.035, WARM_LIGHT.mix(WHITE, 0.5), 0.5);
        }
    }
    // Pillars with a base and a stripe.
    for x in [-0.34, 0.34] {
        p.rect(x - 0.05, -0.74, x + 0.05, 0.0, c.lit(0.9));
        p.rect(x + 0.02, -0.74, x + 0.05, 0.0, c.lit(0.7));
        p.rect(x - 0.05, -0.3, x + 0.05, -0.24, band);
        p.rect(x - 0.065, -0.06, x + 0.065, 0.0, c.lit(0.6));
        p.contact_shadow(x, 0.09);
    }
    // Underside of the slab (seen from below a little), with recessed lights.
    p.poly(&[(-0.46, -0.74), (0.46, -0.74), (0.5, -0.7), (-0.5, -0.7)], c.lit(0.55));
    for k in 0..5 {
        let x = -0.36 + k as f32 * 0.18;
        p.ellipse(x, -0.715, 0.04, 0.01, WARM_LIGHT.mix(WHITE, 0.6));
        if a.lamps {
            p.glow(x, -0.7, 0.12, WARM_LIGHT, 0.5);
        }
    }
    // The fascia: a white slab with a coloured band and a brand badge.
    p.rect(-0.5, -0.94, 0.5, -0.74, c);
    p.rect(-0.5, -0.88, 0.5, -0.8, band);
    p.rect(-0.5, -0.94, 0.5, -0.925, c.mix(WHITE, 0.5));
    p.rect(-0.5, -0.755, 0.5, -0.74, c.lit(0.75));
    p.circle(0.0, -0.84, 0.08, c);
    p.circle(0.0, -0.84, 0.065, Rgb::new(250, 200, 50));
    p.circle(0.0, -0.84, 0.03, band);
}

/// A gravestone: a round-topped slab with a chamfered edge on a plinth, an engraved cross and lines of lettering, moss at the foot and a tuft of grass.
pub(super) fn tombstone(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.3);
    let edge = c.lit(0.6);
    let (l, r, top) = (-0.2, 0.2, -0.7);
    // Plinth.
    p.rect(-0.26, -0.08, 0.26, 0.0, edge);
    p.rect(-0.26, -0.08, 0.26, -0.065, c.lit(0.9));
    // Slab: a side face, then the front with a rounded top.
    let slab = |dx: f32| {
        let mut pb = PathBuilder::new();
        pb.move_to(l + dx, -0.07);
        pb.line_to(l + dx, top + 0.2);
        pb.cubic_to(l + dx, top - 0.06, r + dx, top - 0.06, r + dx, top + 0.2);
        pb.line_to(r + dx, -0.07);
        pb.close();
        pb.finish()
    };
    p.fill_path(slab(0.035), edge, 1.0);
    p.fill_path(slab(0.0), c, 1.0);
    p.curve((l + 0.03, top + 0.2), (0.0, top - 0.02), (r - 0.03, top + 0.2), 0.012, c.mix(WHITE, 0.3));
    // Engraved cross and lettering.
    let cut = c.lit(0.55);
    p.rect(-0.018, -0.58, 0.018, -0.38, cut);
    p.rect(-0.08, -0.53, 0.08, -0.495, cut);
    for (k, w) in [(0, 0.13), (1, 0.1), (2, 0.12)] {
        let y = -0.31 + k as f32 * 0.05;
        p.rect(-w, y, w, y + 0.018, cut);
    }
    // Moss and a crack.
    p.ellipse_a(-0.12, -0.08, 0.09, 0.03, GRASS.lit(0.8), 0.7);
    p.lines(&[(0.15, -0.62), (0.12, -0.56), (0.14, -0.5)], 0.006, edge);
    // Grass tufts at the foot.
    for (x, s) in [(-0.24, 1.0f32), (-0.2, -1.0), (0.2, 1.0), (0.25, -1.0), (0.22, 0.3)] {
        p.line(x, 0.0, x + s * 0.025, -0.1, 0.012, GRASS);
        p.line(x, 0.0, x - s * 0.01, -0.07, 0.012, GRASS.lit(1.2));
    }
}
