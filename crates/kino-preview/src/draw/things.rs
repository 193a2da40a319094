//! Objects, buildings and nature: cups, kites, lamps, instruments; houses, towers, bridges;
//! trees, flowers, mountains, sky bodies, fire and weather shapes.

use super::{Anim, DARK, GLASS, KITE_KNOT, Pen, WARM_LIGHT, WHITE};
use crate::math::{cos_turns, sin_turns};
use crate::palette::Rgb;
use crate::scene::Motion;
use crate::shape::Shape;

pub fn draw(p: &mut Pen, shape: Shape, c: Rgb, a: &Anim) {
    use Shape as S;
    // Spinning things turn about their middle; the caller rotates the whole placement.
    match shape {
        S::Cup => cup(p, c),
        S::Kite => kite(p, c, a),
        S::Ball => ball(p, c, a),
        S::Balloon => balloon(p, c, a),
        S::Lamp => lamp(p, c, a),
        S::Lantern => lantern(p, c, a),
        S::Candle => candle(p, c, a),
        S::Book => book(p, c),
        S::Guitar => guitar(p, c),
        S::Piano => piano(p, c),
        S::Umbrella => umbrella(p, c),
        S::Clock => clock(p, c, a),
        S::Chair => chair(p, c),
        S::Gift => gift(p, c),
        S::Cake => cake(p, c, a),
        S::Fruit => fruit(p, c),
        S::Flag => flag(p, c, a),
        S::Screen => screen(p, c, a),
        S::Bottle => bottle(p, c),
        S::Bell => bell(p, c, a),
        S::House => house(p, c, a),
        S::Lighthouse => lighthouse(p, c, a),
        S::Skyscraper => skyscraper(p, c, a),
        S::Tower => tower(p, c, a),
        S::Bridge => bridge(p, c, a),
        S::Castle => castle(p, c, a),
        S::Windmill => windmill(p, c, a),
        S::Tent => tent(p, c, a),
        S::Statue => statue(p, c),
        S::Fountain => fountain(p, c, a),
        S::FerrisWheel => ferris_wheel(p, c, a),
        S::Pyramid => pyramid(p, c),
        S::Tree => tree(p, c, a),
        S::PalmTree => palm(p, c, a),
        S::Flower => flower(p, c, a),
        S::Leaf => leaf(p, c),
        S::Mountain => mountain(p, c),
        S::Volcano => volcano(p, c, a),
        S::Rock => rock(p, c),
        S::Cloud => cloud(p, c),
        S::Sun => sun(p, c, a),
        S::Moon => moon(p, c),
        S::Star => star(p, c, a),
        S::Planet => planet(p, c),
        S::Rainbow => rainbow(p),
        S::Wave => wave(p, c, a),
        S::Fire => fire(p, c, a),
        S::Tornado => tornado(p, c, a),
        S::Snowflake => snowflake(p, c),
        S::Iceberg => iceberg(p, c),
        _ => orb(p, c, a),
    }
}

/// A mug on a saucer, seen from the side; its steam is drawn by the canvas as particles.
fn cup(p: &mut Pen, c: Rgb) {
    p.ellipse_a(0.0, 0.0, 0.48, 0.05, Rgb::new(0, 0, 0), 0.25);
    p.ellipse(0.0, -0.04, 0.44, 0.06, c.lit(0.85));
    p.ellipse(0.0, -0.06, 0.3, 0.035, c.lit(0.7));
    // Handle: a thick ring on the right.
    let mut pb = tiny_skia::PathBuilder::new();
    if let Some(r) = tiny_skia::Rect::from_ltrb(0.17, -0.5, 0.42, -0.22) {
        pb.push_oval(r);
    }
    p.stroke(pb.finish(), 0.06, c.lit(0.9), 1.0);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.28, -0.6);
    pb.line_to(0.28, -0.6);
    pb.line_to(0.24, -0.14);
    pb.quad_to(0.22, -0.07, 0.14, -0.07);
    pb.line_to(-0.14, -0.07);
    pb.quad_to(-0.22, -0.07, -0.24, -0.14);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    // Shading down the right side and a highlight on the left.
    p.poly_a(&[(0.12, -0.6), (0.28, -0.6), (0.24, -0.14), (0.1, -0.08)], DARK, 0.18);
    p.rect_a(-0.2, -0.54, -0.15, -0.16, WHITE, 0.35);
    p.ellipse(0.0, -0.6, 0.28, 0.05, c.lit(0.8));
    p.ellipse(0.0, -0.6, 0.25, 0.038, Rgb::new(92, 52, 26));
    p.ellipse_a(-0.05, -0.605, 0.1, 0.012, Rgb::new(200, 150, 100), 0.6);
}

fn kite(p: &mut Pen, c: Rgb, a: &Anim) {
    let tilt = a.wave(0.35) * 8.0;
    p.rotated(tilt, 0.0, -0.6, |p| {
        // Tail: a ribbon with bows, whipping in the wind.
        let mut pts = Vec::with_capacity(10);
        for k in 0..10 {
            let y = -0.25 + k as f32 * 0.065;
            let x = sin_turns(a.t * 1.3 - k as f32 * 0.12) * 0.05 * (k as f32 / 3.0).min(1.5);
            pts.push((x - k as f32 * 0.02, y));
        }
        p.lines(&pts, 0.012, DARK);
        for (i, &(x, y)) in pts.iter().enumerate().skip(2).step_by(2) {
            let bow = if i % 4 == 0 { c } else { Rgb::new(250, 220, 80) };
            p.poly(&[(x - 0.05, y - 0.025), (x + 0.05, y + 0.025), (x + 0.05, y - 0.025), (x - 0.05, y + 0.025)], bow);
        }
        let (t, l, r, b) = ((0.0, -1.0), (-0.3, -0.62), (0.3, -0.62), (0.0, -0.25));
        p.poly(&[t, r, (0.0, -0.62)], c);
        p.poly(&[t, l, (0.0, -0.62)], c.lit(0.82));
        p.poly(&[l, b, (0.0, -0.62)], c.mix(WHITE, 0.25));
        p.poly(&[r, b, (0.0, -0.62)], c.lit(0.92));
        p.line(t.0, t.1, b.0, b.1, 0.015, DARK.lit(1.5));
        p.line(l.0, l.1, r.0, r.1, 0.015, DARK.lit(1.5));
        let _ = KITE_KNOT;
    });
}

fn ball(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse_a(0.0, 0.0, 0.4, 0.04, Rgb::new(0, 0, 0), 0.25);
    p.circle(0.0, -0.45, 0.42, c);
    let spin = if a.motion == Motion::Travel { -a.t * 0.6 } else { 0.0 };
    p.rotated(spin * 360.0, 0.0, -0.45, |p| {
        p.curve((-0.42, -0.45), (0.0, -0.3), (0.42, -0.45), 0.06, WHITE);
        p.curve((0.0, -0.87), (0.15, -0.45), (0.0, -0.03), 0.06, WHITE);
    });
    p.ellipse_a(-0.14, -0.62, 0.1, 0.08, WHITE, 0.4);
}

fn balloon(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.3) * 0.04;
    p.curve((0.0, -0.36), (0.06 + sway, -0.18), (sway * 2.0, 0.0), 0.01, Rgb::new(200, 200, 200));
    p.ellipse(0.0, -0.7, 0.25, 0.3, c);
    p.poly(&[(-0.04, -0.38), (0.04, -0.38), (0.0, -0.42)], c.lit(0.8));
    p.ellipse_a(-0.09, -0.8, 0.06, 0.1, WHITE, 0.45);
}

fn lamp(p: &mut Pen, c: Rgb, a: &Anim) {
    let pole = Rgb::new(50, 54, 60);
    if a.lamps {
        p.glow(0.15, -0.9, 0.45, WARM_LIGHT, 0.5);
        p.poly_a(&[(0.08, -0.9), (0.22, -0.9), (0.45, 0.0), (-0.15, 0.0)], WARM_LIGHT, 0.12);
    }
    p.rect(-0.03, -0.98, 0.03, 0.0, pole);
    p.rect(-0.08, -0.04, 0.08, 0.0, pole);
    p.lines(&[(0.0, -0.98), (0.15, -0.98), (0.15, -0.95)], 0.03, pole);
    p.poly(&[(0.08, -0.92), (0.22, -0.92), (0.19, -0.96), (0.11, -0.96)], pole);
    p.lamp(0.15, -0.9, 0.035, if a.lamps { WARM_LIGHT } else { c.mix(WHITE, 0.5) });
}

fn lantern(p: &mut Pen, c: Rgb, a: &Anim) {
    let flick = 0.85 + 0.15 * a.wave(3.0);
    p.glow(0.0, -0.45, 0.6, c.mix(WARM_LIGHT, 0.4), 0.45 * flick);
    p.ellipse(0.0, -0.45, 0.26, 0.32, c);
    for x in [-0.13, 0.0, 0.13] {
        p.curve((x * 0.3, -0.77), (x * 2.0, -0.45), (x * 0.3, -0.13), 0.012, c.lit(0.7));
    }
    p.rect(-0.1, -0.8, 0.1, -0.74, DARK);
    p.rect(-0.1, -0.16, 0.1, -0.1, DARK);
    p.ellipse_a(0.0, -0.45, 0.14, 0.2, WARM_LIGHT, 0.5 * flick);
}

fn candle(p: &mut Pen, c: Rgb, a: &Anim) {
    let flick = a.wave(4.0) * 0.02;
    p.glow(0.0, -0.82, 0.4, WARM_LIGHT, 0.5);
    p.rect(-0.1, -0.65, 0.1, 0.0, c.mix(WHITE, 0.6));
    p.ellipse(0.0, -0.65, 0.1, 0.03, c.mix(WHITE, 0.75));
    p.line(0.0, -0.65, 0.0, -0.7, 0.012, DARK);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(0.0, -0.7);
    pb.quad_to(0.06, -0.74, flick, -0.9);
    pb.quad_to(-0.06, -0.74, 0.0, -0.7);
    pb.close();
    p.fill_path(pb.finish(), Rgb::new(255, 200, 80), 1.0);
}

fn book(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.48, -0.08), (0.0, -0.02), (0.48, -0.08), (0.48, -0.02), (0.0, 0.04), (-0.48, -0.02)], c);
    p.poly(&[(-0.45, -0.3), (0.0, -0.24), (0.0, -0.02), (-0.45, -0.08)], WHITE);
    p.poly(&[(0.45, -0.3), (0.0, -0.24), (0.0, -0.02), (0.45, -0.08)], WHITE.lit(0.92));
    for i in 0..5 {
        let y = -0.25 + i as f32 * 0.035;
        p.line(-0.38, y, -0.06, y + 0.03, 0.008, Rgb::new(150, 150, 160));
        p.line(0.06, y + 0.03, 0.38, y, 0.008, Rgb::new(150, 150, 160));
    }
}

fn guitar(p: &mut Pen, c: Rgb) {
    p.rotated(-30.0, 0.0, -0.5, |p| {
        p.rect(-0.03, -1.0, 0.03, -0.45, Rgb::new(90, 56, 30));
        p.rect(-0.05, -1.08, 0.05, -0.98, Rgb::new(60, 40, 24));
        p.circle(0.0, -0.38, 0.16, c);
        p.circle(0.0, -0.16, 0.2, c);
        p.circle(0.0, -0.34, 0.06, DARK);
        p.rect(-0.07, -0.12, 0.07, -0.09, DARK);
        for x in [-0.015, 0.0, 0.015] {
            p.line(x, -1.0, x, -0.1, 0.004, Rgb::new(220, 220, 210));
        }
    });
}

fn piano(p: &mut Pen, c: Rgb) {
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.48, -0.62);
    pb.line_to(0.2, -0.62);
    pb.cubic_to(0.42, -0.62, 0.38, -0.45, 0.5, -0.42);
    pb.line_to(0.5, -0.36);
    pb.line_to(-0.48, -0.36);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly(&[(-0.48, -0.62), (0.1, -0.95), (0.14, -0.92), (-0.4, -0.62)], c.lit(0.8));
    p.rect(-0.5, -0.4, -0.2, -0.34, WHITE);
    for i in 0..8 {
        let x = -0.48 + i as f32 * 0.036;
        p.rect(x, -0.4, x + 0.012, -0.37, DARK);
    }
    for x in [-0.44, 0.0, 0.44] {
        p.rect(x - 0.025, -0.36, x + 0.025, 0.0, c.lit(0.8));
    }
}

fn umbrella(p: &mut Pen, c: Rgb) {
    p.lines(&[(0.0, -0.8), (0.0, -0.08), (0.06, -0.02), (0.1, -0.08)], 0.025, DARK);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.48, -0.6);
    pb.cubic_to(-0.46, -1.0, 0.46, -1.0, 0.48, -0.6);
    for i in 0..4 {
        let x1 = 0.48 - (i + 1) as f32 * 0.24;
        pb.quad_to(x1 + 0.12, -0.68, x1, -0.6);
    }
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.curve((0.0, -0.9), (-0.1, -0.75), (-0.24, -0.6), 0.01, c.lit(0.7));
    p.curve((0.0, -0.9), (0.1, -0.75), (0.24, -0.6), 0.01, c.lit(0.7));
}

fn clock(p: &mut Pen, c: Rgb, a: &Anim) {
    p.circle(0.0, -0.5, 0.48, c.lit(0.7));
    p.circle(0.0, -0.5, 0.42, c.mix(WHITE, 0.8));
    for i in 0..12 {
        let (s, co) = (sin_turns(i as f32 / 12.0), cos_turns(i as f32 / 12.0));
        p.line(s * 0.34, -0.5 - co * 0.34, s * 0.39, -0.5 - co * 0.39, 0.025, DARK);
    }
    let m = a.t / 6.0;
    let h = a.t / 72.0 + 0.3;
    p.line(0.0, -0.5, sin_turns(h) * 0.2, -0.5 - cos_turns(h) * 0.2, 0.04, DARK);
    p.line(0.0, -0.5, sin_turns(m) * 0.32, -0.5 - cos_turns(m) * 0.32, 0.025, DARK);
    p.circle(0.0, -0.5, 0.03, Rgb::new(200, 40, 40));
}

fn chair(p: &mut Pen, c: Rgb) {
    p.rect(-0.3, -0.5, -0.24, 0.0, c.lit(0.85));
    p.rect(0.24, -0.5, 0.3, 0.0, c.lit(0.85));
    p.rect(-0.32, -0.52, 0.32, -0.45, c);
    p.rect(-0.32, -1.0, -0.25, -0.45, c);
    for y in [-0.95, -0.8, -0.65] {
        p.rect(-0.32, y, -0.2, y + 0.05, c);
    }
}

fn gift(p: &mut Pen, c: Rgb) {
    p.rect(-0.36, -0.56, 0.36, 0.0, c);
    p.rect(-0.4, -0.66, 0.4, -0.54, c.lit(0.9));
    let ribbon = Rgb::new(250, 214, 80);
    p.rect(-0.05, -0.66, 0.05, 0.0, ribbon);
    p.ellipse(-0.12, -0.74, 0.12, 0.07, ribbon);
    p.ellipse(0.12, -0.74, 0.12, 0.07, ribbon);
    p.circle(0.0, -0.71, 0.05, ribbon.lit(0.85));
}

fn cake(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse(0.0, -0.02, 0.46, 0.05, WHITE.lit(0.9));
    p.rect(-0.4, -0.36, 0.4, -0.04, c);
    p.rect(-0.28, -0.6, 0.28, -0.36, c.mix(WHITE, 0.3));
    for (l, r, y) in [(-0.4, 0.4, -0.36), (-0.28, 0.28, -0.6)] {
        for i in 0..8 {
            let x = l + (r - l) * (i as f32 + 0.5) / 8.0;
            p.circle(x, y + 0.02, (r - l) / 16.0, WHITE);
        }
    }
    for x in [-0.15, 0.0, 0.15] {
        p.rect(x - 0.015, -0.74, x + 0.015, -0.6, Rgb::new(120, 180, 240));
        p.glow(x, -0.78, 0.08, WARM_LIGHT, 0.6 + 0.2 * a.wave(3.0));
        p.ellipse(x, -0.78, 0.02, 0.035, Rgb::new(255, 200, 80));
    }
}

fn fruit(p: &mut Pen, c: Rgb) {
    p.circle(-0.12, -0.38, 0.3, c);
    p.circle(0.12, -0.38, 0.3, c);
    p.ellipse(0.0, -0.3, 0.36, 0.28, c);
    p.line(0.0, -0.68, 0.04, -0.84, 0.03, Rgb::new(90, 60, 30));
    p.ellipse(0.14, -0.8, 0.1, 0.04, Rgb::new(70, 150, 60));
    p.ellipse_a(-0.16, -0.5, 0.06, 0.1, WHITE, 0.35);
}

fn flag(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.42, -1.0, -0.38, 0.0, Rgb::new(150, 150, 156));
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    for k in 0..=8 {
        let x = -0.38 + k as f32 * 0.1;
        let w = sin_turns(a.t * 1.2 - k as f32 * 0.12) * 0.03 * k as f32 / 4.0;
        top.push((x, -0.98 + w));
        bottom.push((x, -0.6 + w));
    }
    let mut pts = top.clone();
    pts.extend(bottom.iter().rev());
    p.poly(&pts, c);
    let mid: Vec<(f32, f32)> = top.iter().zip(&bottom).map(|(t, b)| (t.0, (t.1 + b.1) * 0.5)).collect();
    p.lines(&mid, 0.06, WHITE);
}

fn screen(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.04, -0.2, 0.04, -0.04, DARK);
    p.rect(-0.18, -0.05, 0.18, 0.0, DARK);
    p.rrect(-0.5, -0.82, 0.5, -0.18, 0.03, c);
    let hue = sin_turns(a.t * 0.2) * 0.5 + 0.5;
    let glow = Rgb::new(60, 140, 240).mix(Rgb::new(240, 100, 180), hue);
    p.glow(0.0, -0.5, 0.7, glow, 0.3);
    p.rect(-0.46, -0.78, 0.46, -0.22, glow.lit(0.9));
    p.circle(-0.15, -0.5, 0.12, glow.mix(WHITE, 0.5));
}

fn bottle(p: &mut Pen, c: Rgb) {
    p.rrect(-0.16, -0.62, 0.16, 0.0, 0.06, c);
    p.poly(&[(-0.16, -0.6), (-0.06, -0.78), (0.06, -0.78), (0.16, -0.6)], c);
    p.rect(-0.05, -0.96, 0.05, -0.76, c);
    p.rect(-0.06, -1.0, 0.06, -0.94, Rgb::new(200, 170, 60));
    p.rect(-0.16, -0.42, 0.16, -0.2, WHITE.lit(0.95));
    p.rect_a(-0.11, -0.58, -0.07, -0.05, WHITE, 0.35);
}

fn bell(p: &mut Pen, c: Rgb, a: &Anim) {
    let swing = a.wave(0.8) * 15.0;
    p.rotated(swing, 0.0, -0.95, |p| {
        p.circle(0.0, -0.95, 0.05, DARK);
        let mut pb = tiny_skia::PathBuilder::new();
        pb.move_to(-0.4, -0.12);
        pb.quad_to(-0.28, -0.2, -0.26, -0.55);
        pb.cubic_to(-0.24, -0.95, 0.24, -0.95, 0.26, -0.55);
        pb.quad_to(0.28, -0.2, 0.4, -0.12);
        pb.close();
        p.fill_path(pb.finish(), c, 1.0);
        p.circle(0.0, -0.08, 0.07, c.lit(0.7));
        p.rect_a(-0.14, -0.7, -0.09, -0.2, WHITE, 0.3);
    });
}

fn lit_window(a: &Anim, i: usize) -> Rgb {
    if a.lamps && !(i * 7919).is_multiple_of(3) { WARM_LIGHT } else { GLASS }
}

fn house(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.4, -0.55, 0.4, 0.0, c);
    p.poly(&[(-0.48, -0.53), (0.0, -0.95), (0.48, -0.53)], Rgb::new(160, 60, 50));
    p.rect(0.18, -0.95, 0.28, -0.7, Rgb::new(140, 70, 60));
    p.rect(-0.08, -0.3, 0.08, 0.0, Rgb::new(110, 70, 40));
    for (i, x) in [-0.3, 0.16].into_iter().enumerate() {
        p.rect(x, -0.42, x + 0.14, -0.26, lit_window(a, i + 1));
        p.line(x + 0.07, -0.42, x + 0.07, -0.26, 0.012, WHITE);
    }
}

fn lighthouse(p: &mut Pen, c: Rgb, a: &Anim) {
    if a.lamps {
        let sweep = sin_turns(a.t * 0.25);
        let end = 2.5 * sweep;
        p.poly_a(&[(0.0, -0.84), (end, -0.95), (end, -0.7)], WARM_LIGHT, 0.28);
        p.glow(0.0, -0.84, 0.3, WARM_LIGHT, 0.7);
    }
    p.poly(&[(-0.16, 0.0), (-0.1, -0.76), (0.1, -0.76), (0.16, 0.0)], c);
    for k in 0..3 {
        let y0 = -0.12 - k as f32 * 0.22;
        let w0 = 0.16 - (-y0) * 0.08;
        let w1 = 0.16 - (-(y0 - 0.1)) * 0.08;
        p.poly(&[(-w0, y0), (-w1, y0 - 0.1), (w1, y0 - 0.1), (w0, y0)], Rgb::new(200, 40, 40));
    }
    p.rect(-0.13, -0.78, 0.13, -0.75, DARK);
    p.rect(-0.08, -0.9, 0.08, -0.78, if a.lamps { WARM_LIGHT } else { GLASS });
    p.poly(&[(-0.11, -0.9), (0.0, -1.0), (0.11, -0.9)], Rgb::new(180, 40, 40));
}

fn skyscraper(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.18, -1.0, 0.18, 0.0, c);
    p.rect(-0.03, -1.08, 0.03, -1.0, c.lit(0.8));
    for row in 0..18 {
        for col in 0..4 {
            let x = -0.15 + col as f32 * 0.08;
            let y = -0.96 + row as f32 * 0.052;
            p.rect(x, y, x + 0.05, y + 0.03, lit_window(a, row * 4 + col));
        }
    }
}

fn tower(p: &mut Pen, c: Rgb, a: &Anim) {
    // A lattice tower: two curved legs, platforms, a spire.
    p.poly(&[(-0.35, 0.0), (-0.06, -0.75), (0.06, -0.75), (0.35, 0.0), (0.22, 0.0), (0.0, -0.5), (-0.22, 0.0)], c);
    p.rect(-0.2, -0.32, 0.2, -0.28, c.lit(0.8));
    p.rect(-0.1, -0.6, 0.1, -0.57, c.lit(0.8));
    p.poly(&[(-0.05, -0.75), (0.0, -1.0), (0.05, -0.75)], c);
    if a.lamps {
        p.glow(0.0, -1.0, 0.08, Rgb::new(255, 80, 80), 0.8);
    }
}

fn bridge(p: &mut Pen, c: Rgb, a: &Anim) {
    for x in [-0.28, 0.28] {
        p.rect(x - 0.03, -0.7, x + 0.03, 0.0, c);
    }
    p.rect(-0.5, -0.3, 0.5, -0.25, c.lit(0.8));
    p.curve((-0.5, -0.4), (-0.39, -0.4), (-0.28, -0.7), 0.012, c);
    p.curve((-0.28, -0.7), (0.0, -0.1), (0.28, -0.7), 0.012, c);
    p.curve((0.28, -0.7), (0.39, -0.4), (0.5, -0.4), 0.012, c);
    for i in 0..9 {
        let x = -0.22 + i as f32 * 0.055;
        let u = (x + 0.28) / 0.56;
        let y = -0.7 + 4.0 * 0.3 * u * (1.0 - u);
        let y = -0.7 + (y + 0.7) * 1.0;
        p.line(x, y.min(-0.3), x, -0.3, 0.006, c);
    }
    if a.lamps {
        for i in 0..8 {
            p.lamp(-0.45 + i as f32 * 0.13, -0.31, 0.008, WARM_LIGHT);
        }
    }
}

fn castle(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.35, -0.5, 0.35, 0.0, c);
    for x in [-0.42, 0.3] {
        p.rect(x, -0.75, x + 0.12, 0.0, c.lit(0.9));
        p.poly(&[(x - 0.02, -0.75), (x + 0.06, -0.92), (x + 0.14, -0.75)], Rgb::new(90, 70, 140));
    }
    for i in 0..6 {
        let x = -0.3 + i as f32 * 0.11;
        p.rect(x, -0.56, x + 0.06, -0.5, c);
    }
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.08, 0.0);
    pb.line_to(-0.08, -0.18);
    pb.quad_to(0.0, -0.28, 0.08, -0.18);
    pb.line_to(0.08, 0.0);
    pb.close();
    p.fill_path(pb.finish(), Rgb::new(60, 40, 30), 1.0);
    for (i, x) in [-0.2, 0.14].into_iter().enumerate() {
        p.rect(x, -0.38, x + 0.05, -0.28, lit_window(a, i));
    }
}

fn windmill(p: &mut Pen, c: Rgb, a: &Anim) {
    p.poly(&[(-0.16, 0.0), (-0.08, -0.62), (0.08, -0.62), (0.16, 0.0)], c);
    p.poly(&[(-0.1, -0.6), (0.0, -0.72), (0.1, -0.6)], Rgb::new(150, 70, 50));
    p.rect(-0.04, -0.16, 0.04, 0.0, Rgb::new(110, 70, 40));
    let turn = a.t * 0.15 + a.phase;
    for k in 0..4 {
        let ang = turn + k as f32 * 0.25;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        let (hx, hy) = (0.0, -0.62);
        let (ex, ey) = (hx + co * 0.42, hy + s * 0.42);
        let (nx, ny) = (-s * 0.06, co * 0.06);
        p.line(hx, hy, ex, ey, 0.015, Rgb::new(90, 60, 40));
        p.poly(
            &[(hx + co * 0.1, hy + s * 0.1), (ex, ey), (ex + nx, ey + ny), (hx + co * 0.1 + nx, hy + s * 0.1 + ny)],
            WHITE.lit(0.9),
        );
    }
    p.circle(0.0, -0.62, 0.03, DARK);
}

fn tent(p: &mut Pen, c: Rgb, a: &Anim) {
    p.poly(&[(-0.45, 0.0), (0.0, -0.6), (0.45, 0.0)], c);
    p.poly(&[(-0.1, 0.0), (0.0, -0.4), (0.1, 0.0)], if a.lamps { WARM_LIGHT } else { c.lit(0.5) });
    p.line(0.0, -0.6, 0.0, -0.68, 0.015, DARK);
}

fn statue(p: &mut Pen, c: Rgb) {
    p.rect(-0.2, -0.22, 0.2, 0.0, c.lit(0.8));
    p.rect(-0.16, -0.26, 0.16, -0.22, c.lit(0.9));
    p.rrect(-0.08, -0.7, 0.08, -0.26, 0.04, c);
    p.line(0.07, -0.66, 0.18, -0.95, 0.045, c);
    p.line(-0.07, -0.66, -0.12, -0.45, 0.045, c);
    p.circle(0.0, -0.78, 0.07, c);
    p.poly(&[(0.14, -0.95), (0.22, -1.02), (0.2, -0.92)], Rgb::new(255, 200, 80));
}

fn fountain(p: &mut Pen, c: Rgb, a: &Anim) {
    let water = Rgb::new(170, 210, 240);
    for k in 0..6 {
        let s = if k % 2 == 0 { 1.0 } else { -1.0 };
        let reach = 0.2 + 0.04 * (k / 2) as f32 + 0.01 * a.wave(2.0);
        p.curve((0.0, -0.6), (s * reach * 0.6, -0.95), (s * reach, -0.28), 0.015, water);
    }
    p.line(0.0, -0.3, 0.0, -0.62, 0.05, c.lit(0.9));
    p.ellipse(0.0, -0.3, 0.45, 0.07, c);
    p.rect(-0.45, -0.3, 0.45, -0.08, c);
    p.ellipse(0.0, -0.31, 0.4, 0.04, water.lit(0.9));
    p.ellipse(0.0, -0.62, 0.14, 0.03, c);
}

fn ferris_wheel(p: &mut Pen, c: Rgb, a: &Anim) {
    let (cx, cy, r) = (0.0, -0.52, 0.42);
    p.line(-0.25, 0.0, cx, cy, 0.03, c.lit(0.8));
    p.line(0.25, 0.0, cx, cy, 0.03, c.lit(0.8));
    let mut pb = tiny_skia::PathBuilder::new();
    if let Some(rect) = tiny_skia::Rect::from_xywh(cx - r, cy - r, 2.0 * r, 2.0 * r) {
        pb.push_oval(rect);
    }
    p.stroke(pb.finish(), 0.02, c, 1.0);
    let turn = a.t * 0.04;
    for k in 0..10 {
        let ang = turn + k as f32 / 10.0;
        let (x, y) = (cx + cos_turns(ang) * r, cy + sin_turns(ang) * r);
        p.line(cx, cy, x, y, 0.008, c);
        let col = [Rgb::new(230, 70, 70), Rgb::new(70, 150, 230), Rgb::new(250, 200, 60)][k % 3];
        p.rrect(x - 0.035, y, x + 0.035, y + 0.06, 0.01, col);
        if a.lamps {
            p.lamp(x, y, 0.01, WARM_LIGHT);
        }
    }
    p.circle(cx, cy, 0.04, c.lit(0.8));
}

fn pyramid(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.5, 0.0), (0.0, -0.6), (0.5, 0.0)], c);
    p.poly(&[(0.0, -0.6), (0.5, 0.0), (0.12, 0.0)], c.lit(0.75));
}

fn tree(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.2) * 0.02;
    p.poly(&[(-0.05, 0.0), (-0.03, -0.45), (0.03, -0.45), (0.05, 0.0)], Rgb::new(100, 68, 40));
    for (x, y, r, k) in
        [(-0.16, -0.52, 0.2, 0.8), (0.16, -0.54, 0.2, 0.85), (0.0, -0.72, 0.25, 1.0), (-0.06, -0.5, 0.18, 0.9)]
    {
        p.circle(x + sway * (1.0 - y), y, r, c.lit(k));
    }
    p.circle(0.06, -0.8, 0.1, c.mix(WHITE, 0.15));
}

fn palm(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.25) * 0.03;
    p.curve((0.0, 0.0), (0.05, -0.45), (0.12 + sway, -0.88), 0.05, Rgb::new(130, 96, 60));
    let (tx, ty) = (0.12 + sway, -0.88);
    for k in 0..7 {
        let ang = -0.05 - k as f32 * 0.075;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        p.curve((tx, ty), (tx + co * 0.25, ty + s * 0.3 - 0.1), (tx + co * 0.4, ty + s * 0.25 + 0.12), 0.04, c);
    }
    p.circle(tx, ty + 0.03, 0.04, Rgb::new(100, 70, 40));
}

fn flower(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.3) * 0.03;
    let (hx, hy) = (sway, -0.72);
    p.curve((0.0, 0.0), (0.02, -0.4), (hx, hy), 0.035, Rgb::new(60, 130, 60));
    p.ellipse(0.1, -0.35, 0.1, 0.04, Rgb::new(70, 150, 70));
    for k in 0..6 {
        let ang = k as f32 / 6.0 + a.t * 0.02;
        p.circle(hx + cos_turns(ang) * 0.12, hy + sin_turns(ang) * 0.12, 0.1, c);
    }
    p.circle(hx, hy, 0.08, Rgb::new(250, 200, 60));
}

fn leaf(p: &mut Pen, c: Rgb) {
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.4, -0.5);
    pb.quad_to(0.0, -0.85, 0.4, -0.5);
    pb.quad_to(0.0, -0.15, -0.4, -0.5);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.line(-0.45, -0.48, 0.38, -0.5, 0.015, c.lit(0.7));
}

fn mountain(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.5, 0.0), (-0.05, -0.85), (0.1, -0.7), (0.2, -0.78), (0.5, 0.0)], c);
    p.poly(&[(-0.05, -0.85), (0.5, 0.0), (0.15, 0.0)], c.lit(0.8));
    p.poly(&[(-0.05, -0.85), (-0.16, -0.64), (-0.08, -0.68), (0.0, -0.62), (0.06, -0.7), (0.1, -0.7)], WHITE);
}

fn volcano(p: &mut Pen, c: Rgb, a: &Anim) {
    for k in 0..4 {
        let u = crate::math::fract(a.t * 0.15 + k as f32 * 0.25);
        p.circle(
            0.05 + u * 0.15,
            -0.7 - u * 0.35,
            0.08 + u * 0.12,
            Rgb::new(90, 90, 96).mix(Rgb::new(160, 160, 166), u),
        );
    }
    p.glow(0.0, -0.66, 0.3, Rgb::new(255, 110, 30), 0.6);
    p.poly(&[(-0.5, 0.0), (-0.1, -0.66), (0.1, -0.66), (0.5, 0.0)], c);
    p.poly(&[(-0.08, -0.66), (0.08, -0.66), (0.03, -0.4), (0.06, -0.2), (-0.02, -0.45)], Rgb::new(255, 110, 30));
}

fn rock(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.45, 0.0), (-0.38, -0.3), (-0.1, -0.45), (0.2, -0.4), (0.42, -0.18), (0.46, 0.0)], c);
    p.poly(&[(0.2, -0.4), (0.42, -0.18), (0.46, 0.0), (0.1, 0.0)], c.lit(0.8));
}

fn cloud(p: &mut Pen, c: Rgb) {
    for (x, y, r) in [(-0.28, -0.35, 0.18), (-0.05, -0.48, 0.25), (0.22, -0.4, 0.2), (0.36, -0.3, 0.12)] {
        p.circle(x, y, r, c);
    }
    p.rrect(-0.46, -0.4, 0.48, -0.18, 0.11, c);
    p.rect_a(-0.4, -0.26, 0.42, -0.18, DARK, 0.08);
}

fn sun(p: &mut Pen, c: Rgb, a: &Anim) {
    p.glow(0.0, -0.5, 0.5, c, 0.5);
    let turn = a.t * 0.03;
    for k in 0..12 {
        let ang = turn + k as f32 / 12.0;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        p.line(co * 0.28, -0.5 + s * 0.28, co * 0.42, -0.5 + s * 0.42, 0.03, c);
    }
    p.lamp(0.0, -0.5, 0.22, c);
}

fn moon(p: &mut Pen, c: Rgb) {
    p.glow(0.0, -0.5, 0.5, c, 0.35);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(0.05, -0.9);
    pb.cubic_to(-0.5, -0.85, -0.5, -0.15, 0.05, -0.1);
    pb.cubic_to(-0.2, -0.3, -0.2, -0.7, 0.05, -0.9);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
}

fn star(p: &mut Pen, c: Rgb, a: &Anim) {
    let tw = 0.8 + 0.2 * a.wave(1.5);
    p.glow(0.0, -0.5, 0.5, c, 0.45 * tw);
    let mut pts = Vec::with_capacity(10);
    for k in 0..10 {
        let r = if k % 2 == 0 { 0.42 * tw } else { 0.17 * tw };
        let ang = -0.25 + k as f32 / 10.0;
        pts.push((cos_turns(ang) * r, -0.5 + sin_turns(ang) * r));
    }
    p.poly(&pts, c);
}

fn planet(p: &mut Pen, c: Rgb) {
    let ring = c.mix(WHITE, 0.4);
    p.with(tiny_skia::Transform::from_rotate_at(-18.0, 0.0, -0.5), |p| {
        let mut back = tiny_skia::PathBuilder::new();
        if let Some(r) = tiny_skia::Rect::from_ltrb(-0.5, -0.6, 0.5, -0.4) {
            back.push_oval(r);
        }
        p.stroke(back.finish(), 0.04, ring, 0.9);
        p.circle(0.0, -0.5, 0.28, c);
        p.ellipse_a(0.0, -0.55, 0.27, 0.05, c.lit(0.8), 0.6);
        p.ellipse_a(0.0, -0.44, 0.25, 0.04, c.lit(1.2), 0.5);
        let mut front = tiny_skia::PathBuilder::new();
        front.move_to(-0.5, -0.5);
        front.cubic_to(-0.5, -0.38, 0.5, -0.38, 0.5, -0.5);
        p.stroke(front.finish(), 0.04, ring, 0.9);
    });
}

fn rainbow(p: &mut Pen) {
    let colours = [
        Rgb::new(230, 60, 60),
        Rgb::new(246, 150, 50),
        Rgb::new(246, 220, 70),
        Rgb::new(80, 180, 80),
        Rgb::new(70, 130, 220),
        Rgb::new(130, 80, 200),
    ];
    for (i, c) in colours.into_iter().enumerate() {
        let r = 0.5 - i as f32 * 0.04;
        let mut pb = tiny_skia::PathBuilder::new();
        pb.move_to(-r, 0.0);
        pb.cubic_to(-r, -r * 1.33, r, -r * 1.33, r, 0.0);
        p.stroke(pb.finish(), 0.04, c, 0.7);
    }
}

fn wave(p: &mut Pen, c: Rgb, a: &Anim) {
    let roll = a.wave(0.3) * 0.03;
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.5, 0.0);
    pb.cubic_to(-0.3, -0.1, -0.1, -0.9 + roll, 0.2, -0.8);
    pb.cubic_to(0.4, -0.75, 0.45, -0.55, 0.3, -0.5);
    pb.cubic_to(0.2, -0.65, 0.05, -0.5, 0.2, -0.3);
    pb.cubic_to(0.3, -0.15, 0.45, -0.1, 0.5, 0.0);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.curve((-0.1, -0.7), (0.1, -0.86), (0.3, -0.72), 0.05, WHITE);
}

fn fire(p: &mut Pen, c: Rgb, a: &Anim) {
    p.glow(0.0, -0.35, 0.6, Rgb::new(255, 140, 40), 0.45 + 0.1 * a.wave(5.0));
    for x in [-0.2, 0.0, 0.2] {
        p.rect(x - 0.18, -0.06, x + 0.18, 0.0, Rgb::new(90, 60, 40));
    }
    for (layer, col, k) in [(0, c, 1.0), (1, Rgb::new(255, 200, 60), 0.65), (2, Rgb::new(255, 245, 200), 0.35)] {
        let mut pb = tiny_skia::PathBuilder::new();
        pb.move_to(-0.3 * k, -0.02);
        for i in 0..4 {
            let x = (-0.3 + 0.2 * i as f32) * k;
            let h = (0.55 + 0.25 * sin_turns(a.t * 3.0 + i as f32 * 0.37 + layer as f32 * 0.2)) * k;
            pb.quad_to(x - 0.05 * k, -h * 0.5, x + 0.1 * k, -h);
            pb.quad_to(x + 0.12 * k, -h * 0.5, x + 0.2 * k, -0.1 * k);
        }
        pb.line_to(0.3 * k, -0.02);
        pb.close();
        p.fill_path(pb.finish(), col, 1.0);
    }
}

fn tornado(p: &mut Pen, c: Rgb, a: &Anim) {
    for k in 0..10 {
        let u = k as f32 / 9.0;
        let y = -u * 0.95;
        let x = sin_turns(a.t * 0.4 + u * 0.6) * 0.06 * u;
        p.ellipse_a(x, y, 0.04 + u * 0.38, 0.05 + u * 0.02, c.lit(0.8 + 0.2 * u), 0.75);
    }
}

fn snowflake(p: &mut Pen, c: Rgb) {
    for k in 0..6 {
        let ang = k as f32 / 6.0;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        p.line(0.0, -0.5, co * 0.42, -0.5 + s * 0.42, 0.04, c);
        let (mx, my) = (co * 0.26, -0.5 + s * 0.26);
        let (s2, c2) = (sin_turns(ang + 0.1), cos_turns(ang + 0.1));
        let (s3, c3) = (sin_turns(ang - 0.1), cos_turns(ang - 0.1));
        p.line(mx, my, mx + c2 * 0.1, my + s2 * 0.1, 0.03, c);
        p.line(mx, my, mx + c3 * 0.1, my + s3 * 0.1, 0.03, c);
    }
}

fn iceberg(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.5, 0.0), (-0.3, -0.4), (-0.1, -0.5), (0.05, -0.8), (0.25, -0.45), (0.5, 0.0)], WHITE.mix(c, 0.15));
    p.poly(&[(0.05, -0.8), (0.25, -0.45), (0.5, 0.0), (0.1, 0.0)], WHITE.mix(c, 0.45));
    p.poly_a(&[(-0.45, 0.0), (0.45, 0.0), (0.3, 0.2), (-0.3, 0.2)], c, 0.5);
}

fn orb(p: &mut Pen, c: Rgb, a: &Anim) {
    let bob = a.wave(0.33) * 0.04;
    p.with(tiny_skia::Transform::from_translate(0.0, bob), |p| {
        p.glow(0.0, -0.5, 0.95, c, 0.4);
        p.circle(0.0, -0.5, 0.5, c);
        p.ellipse_a(0.0, -0.44, 0.44, 0.42, c.lit(0.85), 0.6);
        p.ellipse_a(-0.16, -0.67, 0.15, 0.15, WHITE, 0.43);
    });
}
