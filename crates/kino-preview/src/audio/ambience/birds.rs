//! Birds: a few birds, each singing phrases of short chirps (FM sweeps and trills between
//! 2.5 and 5.5 kHz) at random times, each from its own place in the stereo field.

use crate::audio::Layer;
use crate::audio::dsp::{RATE, Sine, advance, bell, pan, samples};
use crate::rng::Rng;

use super::below;

#[derive(Debug, Clone, Copy)]
struct Bird {
    pan: [f32; 2],
    /// Samples until the next chirp starts (while `len` is 0).
    wait: u32,
    chirps_left: u32,
    /// The current chirp: samples done and total (0 = none sounding).
    pos: u32,
    len: u32,
    from: f32,
    to: f32,
    trill_step: f32,
    trill_depth: f32,
    trill_phase: f32,
    phase: f32,
    level: f32,
    /// The phrase's pitch centre and sweep direction.
    centre: f32,
    sweep: f32,
}

#[derive(Debug)]
pub(super) struct Birds {
    rng: Rng,
    sine: Sine,
    birds: [Bird; 3],
}

impl Birds {
    pub(super) fn new(rng: &mut Rng) -> Self {
        let mut r = Rng::new(rng.next_u64());
        let birds = [-0.6f32, 0.55, 0.05].map(|p| Bird {
            pan: pan(p + 0.2 * r.signed()),
            wait: samples(r.range(0.1, 2.0)),
            chirps_left: 0,
            pos: 0,
            len: 0,
            from: 0.0,
            to: 0.0,
            trill_step: 0.0,
            trill_depth: 0.0,
            trill_phase: 0.0,
            phase: 0.0,
            level: r.range(0.6, 1.0),
            centre: 4000.0,
            sweep: 1.0,
        });
        Self { rng: r, sine: Sine::new(), birds }
    }
}

fn start_chirp(b: &mut Bird, rng: &mut Rng) {
    if b.chirps_left == 0 {
        // A new phrase: its own pitch and gesture.
        b.chirps_left = 2 + below(rng, 6);
        b.centre = rng.range(3000.0, 4800.0);
        b.sweep = rng.range(-1.0, 1.0);
    }
    b.chirps_left -= 1;
    let span = rng.range(300.0, 1200.0) * b.sweep;
    let centre = b.centre + rng.range(-250.0, 250.0);
    b.from = centre - span * 0.5;
    b.to = centre + span * 0.5;
    b.len = samples(rng.range(0.04, 0.13));
    b.pos = 0;
    let trill = rng.unit() < 0.35;
    b.trill_step = if trill { rng.range(25.0, 60.0) / RATE } else { 0.0 };
    b.trill_depth = if trill { rng.range(150.0, 400.0) } else { 0.0 };
    b.trill_phase = 0.0;
    b.phase = 0.0;
}

impl Layer for Birds {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        for b in &mut self.birds {
            let g = gain * 0.32 * b.level;
            for frame in out.iter_mut() {
                if b.len == 0 {
                    if b.wait > 0 {
                        b.wait -= 1;
                        continue;
                    }
                    start_chirp(b, &mut self.rng);
                }
                let p = b.pos as f32 / b.len as f32;
                let hz = b.from + (b.to - b.from) * p + b.trill_depth * self.sine.at(b.trill_phase);
                advance(&mut b.trill_phase, b.trill_step);
                advance(&mut b.phase, hz.clamp(2300.0, 5900.0) / RATE);
                // A sharp attack and a softer tail.
                let env = bell(p.sqrt());
                let s = g * env * self.sine.at(b.phase);
                frame[0] += b.pan[0] * s;
                frame[1] += b.pan[1] * s;
                b.pos += 1;
                if b.pos >= b.len {
                    b.len = 0;
                    b.wait = if b.chirps_left > 0 {
                        samples(self.rng.range(0.03, 0.12))
                    } else {
                        samples(self.rng.range(0.6, 3.5))
                    };
                }
            }
        }
    }
}
