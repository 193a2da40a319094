//! Traffic: a steady low rumble, cars passing now and then (band-passed noise swelling in
//! and out as its pitch drops and it pans across: a doppler-ish sweep), and a rare horn.

use crate::audio::Layer;
use crate::audio::dsp::{Lp, Noise, RATE, Sine, Svf, SvfCoef, advance, one_pole, pan, samples, smooth};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, Default)]
struct Car {
    active: bool,
    start: f32,
    len: f32,
    hz: f32,
    dir: f32,
    level: f32,
    svf: Svf,
}

#[derive(Debug, Clone, Copy, Default)]
struct Horn {
    /// Samples left to sound; 0 = quiet.
    left: u32,
    len: u32,
    step: [f32; 2],
    phase: [f32; 2],
    pan: [f32; 2],
}

#[derive(Debug)]
pub(super) struct Traffic {
    noise: Noise,
    rng: Rng,
    sine: Sine,
    rumble: [[Lp; 2]; 2],
    a_rumble: f32,
    cars: [Car; 3],
    next_car: f32,
    horn: Horn,
    horn_at: f32,
}

impl Traffic {
    pub(super) fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            next_car: rng.range(0.2, 1.5),
            horn_at: f32::INFINITY,
            rng: Rng::new(rng.next_u64()),
            sine: Sine::new(),
            rumble: [[Lp::default(); 2]; 2],
            a_rumble: one_pole(110.0),
            cars: [Car::default(); 3],
            horn: Horn::default(),
        }
    }

    fn spawn(&mut self, t: f32) {
        if let Some(car) = self.cars.iter_mut().find(|c| !c.active) {
            let len = self.rng.range(2.5, 5.0);
            *car = Car {
                active: true,
                start: t,
                len,
                hz: self.rng.range(140.0, 320.0),
                dir: if self.rng.unit() < 0.5 { -1.0 } else { 1.0 },
                level: self.rng.range(0.5, 1.0),
                svf: Svf::default(),
            };
            if self.horn.left == 0 && self.horn_at.is_infinite() && self.rng.unit() < 0.12 {
                self.horn_at = t + len * self.rng.range(0.3, 0.6);
            }
        }
        self.next_car = t + self.rng.range(1.2, 4.5);
    }

    fn honk(&mut self) {
        let hz = self.rng.range(330.0, 440.0);
        let len = samples(self.rng.range(0.18, 0.5));
        self.horn = Horn {
            left: len,
            len,
            step: [hz / RATE, hz * 1.26 / RATE],
            phase: [0.0, 0.3],
            pan: pan(self.rng.range(-0.7, 0.7)),
        };
        self.horn_at = f32::INFINITY;
    }
}

impl Layer for Traffic {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.next_car {
            self.spawn(t);
        }
        if t >= self.horn_at {
            self.honk();
        }
        let rumble = gain * 2.8;
        let mut car_coef = [SvfCoef::new(200.0, 1.0); 3];
        let mut car_gain = [[0.0f32; 2]; 3];
        for (k, car) in self.cars.iter_mut().enumerate() {
            if !car.active {
                continue;
            }
            let p = (t - car.start) / car.len;
            if p >= 1.0 {
                car.active = false;
                continue;
            }
            // Position along the road, -1 (far one way) to 1 (far the other).
            let x = (p - 0.5) * 8.0;
            let pos = x / (1.0 + x.abs());
            let near = 1.0 / (1.0 + 0.6 * x * x);
            let edges = smooth(p * 6.0) * smooth((1.0 - p) * 6.0);
            car_coef[k] = SvfCoef::new(car.hz * (1.0 - 0.12 * pos), 1.3);
            let pg = pan(car.dir * pos * 0.9);
            let g = gain * 0.9 * car.level * near * edges;
            car_gain[k] = [g * pg[0], g * pg[1]];
        }
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let n = self.noise.next();
                let [a, b] = &mut self.rumble[ch];
                *o += rumble * b.tick(self.a_rumble, a.tick(self.a_rumble, n));
            }
            for (k, car) in self.cars.iter_mut().enumerate() {
                if car.active {
                    let y = car.svf.tick(&car_coef[k], self.noise.next());
                    let s = y.band + 0.5 * y.low;
                    frame[0] += car_gain[k][0] * s;
                    frame[1] += car_gain[k][1] * s;
                }
            }
            if self.horn.left > 0 {
                let h = &mut self.horn;
                let done = h.len - h.left;
                let ramp = samples(0.015);
                let env = (done.min(h.left) as f32 / ramp as f32).min(1.0);
                let mut s = 0.0;
                for (ph, step) in h.phase.iter_mut().zip(h.step) {
                    // A reedy tone: fundamental plus some 2nd and 3rd harmonic.
                    let p2 = if *ph * 2.0 >= 1.0 { *ph * 2.0 - 1.0 } else { *ph * 2.0 };
                    let p3 = *ph * 3.0;
                    let p3 = p3 - (p3 as u32) as f32;
                    s += self.sine.at(*ph) + 0.4 * self.sine.at(p2) + 0.25 * self.sine.at(p3);
                    advance(ph, step);
                }
                let s = gain * 0.1 * env * s;
                frame[0] += h.pan[0] * s;
                frame[1] += h.pan[1] * s;
                h.left -= 1;
            }
        }
    }
}
