//! One small generator per ambience cue. Each adds its next block into a stereo buffer at a
//! nominal level (long-run RMS about 0.1 alone at gain 1; sparse sounds like birds and
//! thunder lower on average, with louder peaks), carries its filter and event state from
//! block to block, and draws randomness only from its own seeded streams, so adding a cue
//! never changes another's sound. L and R get independent noise, so beds sound wide.

use crate::math::sin_turns;
use crate::plan::AudioCue;
use crate::rng::Rng;

use super::Layer;
use super::dsp::{
    BLOCK_SECONDS, Lp, Noise, RATE, Sine, Svf, SvfCoef, advance, bell, decay, one_pole, pan, samples, smooth,
};

/// The generator for `cue`, seeded by `seed`.
pub fn layer(cue: AudioCue, seed: u64) -> Box<dyn Layer> {
    let mut rng = Rng::new(seed ^ (cue as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    match cue {
        AudioCue::Rain => Box::new(Rain::new(&mut rng)),
        AudioCue::Wind => Box::new(Wind::new(&mut rng)),
        AudioCue::Waves => Box::new(Waves::new(&mut rng)),
        AudioCue::Traffic => Box::new(Traffic::new(&mut rng)),
        AudioCue::Birds => Box::new(Birds::new(&mut rng)),
        AudioCue::Crowd => Box::new(Crowd::new(&mut rng)),
        AudioCue::Fire => Box::new(Fire::new(&mut rng)),
        AudioCue::Thunder => Box::new(Thunder::new(&mut rng)),
        AudioCue::Water => Box::new(Water::new(&mut rng)),
        AudioCue::Crickets => Box::new(Crickets::new(&mut rng)),
    }
}

/// Uniform integer in [0, n).
fn below(rng: &mut Rng, n: u32) -> u32 {
    (rng.next_u64() % u64::from(n.max(1))) as u32
}

// ---------------------------------------------------------------------------------------
// Rain: broadband hiss (gentle high-pass, soft top) with random droplet ticks, and a little
// low body so a downpour is not all treble.

#[derive(Debug)]
struct Rain {
    noise: Noise,
    rng: Rng,
    hp: [Lp; 2],
    lp: [Lp; 2],
    body: [Lp; 2],
    drop: [f32; 2],
    timer: [u32; 2],
    phase: f32,
    a_hp: f32,
    a_lp: f32,
    a_body: f32,
    drop_decay: f32,
}

/// Droplet ticks per second per channel.
const DROPS_PER_SECOND: f32 = 30.0;

impl Rain {
    fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            hp: [Lp::default(); 2],
            lp: [Lp::default(); 2],
            body: [Lp::default(); 2],
            drop: [0.0; 2],
            timer: [below(rng, 2000), below(rng, 2000)],
            phase: rng.unit(),
            a_hp: one_pole(1200.0),
            a_lp: one_pole(9000.0),
            a_body: one_pole(450.0),
            drop_decay: decay(0.002),
        }
    }
}

impl Layer for Rain {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        let g = gain * (0.9 + 0.1 * sin_turns(t / 6.0 + self.phase));
        let spacing = (2.0 * RATE / DROPS_PER_SECOND) as u32;
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                if self.timer[ch] == 0 {
                    let u = self.rng.unit();
                    self.drop[ch] = 0.5 + 3.0 * u * u;
                    self.timer[ch] = below(&mut self.rng, spacing);
                } else {
                    self.timer[ch] -= 1;
                }
                let n = self.noise.next();
                let x = n * (1.0 + self.drop[ch]);
                self.drop[ch] *= self.drop_decay;
                let high = x - self.hp[ch].tick(self.a_hp, x);
                let y = self.lp[ch].tick(self.a_lp, high);
                let b = self.body[ch].tick(self.a_body, n);
                *o += g * (0.28 * y + 0.37 * b);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Wind: low-passed noise whose level and cut-off breathe slowly, with random gusts; a
// little resonance gives it a whistle at the top of a gust.

#[derive(Debug)]
struct Wind {
    noise: Noise,
    rng: Rng,
    svf: [Svf; 2],
    phase: [f32; 2],
    gust: f32,
    target: f32,
    next_gust: f32,
}

impl Wind {
    fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            phase: [rng.unit(), rng.unit()],
            rng: Rng::new(rng.next_u64()),
            svf: [Svf::default(); 2],
            gust: 0.6,
            target: 0.6,
            next_gust: 0.0,
        }
    }
}

impl Layer for Wind {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.next_gust {
            self.target = self.rng.range(0.35, 1.0);
            self.next_gust = t + self.rng.range(1.5, 4.5);
        }
        self.gust += 0.003 * (self.target - self.gust);
        let mut coef = [SvfCoef::new(300.0, 1.0); 2];
        let mut level = [0.0f32; 2];
        for ch in 0..2 {
            let slow = 0.5 + 0.3 * sin_turns(t / 13.0 + self.phase[ch]) + 0.2 * sin_turns(t / 5.3 + self.phase[1 - ch]);
            let g = (slow * self.gust).clamp(0.05, 1.0);
            coef[ch] = SvfCoef::new(160.0 + 900.0 * g * g, 1.6);
            level[ch] = gain * 1.4 * g;
        }
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let y = self.svf[ch].tick(&coef[ch], self.noise.next());
                *o += level[ch] * (0.8 * y.low + y.band);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Waves: noise under a slow swell (a wave every 7–11 s, about 0.1 Hz): the cut-off opens as
// the wave builds and breaks, then the wash draws back; some foam hiss at the crest. The
// right ear hears the same wave a moment later, so it rolls across.

#[derive(Debug)]
struct Waves {
    noise: Noise,
    rng: Rng,
    svf: [Svf; 2],
    /// (start, length) of the current wave and the one before it.
    wave: (f32, f32),
    prev: (f32, f32),
}

/// How much later the right channel hears each wave.
const WAVE_LAG: f32 = 0.35;

impl Waves {
    fn new(rng: &mut Rng) -> Self {
        let len = rng.range(7.0, 11.0);
        let start = -rng.range(0.1, 0.6) * len;
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            svf: [Svf::default(); 2],
            wave: (start, len),
            prev: (start - len, len),
        }
    }

    fn envelope(&self, t: f32) -> f32 {
        let (start, len) = if t >= self.wave.0 { self.wave } else { self.prev };
        let p = ((t - start) / len).clamp(0.0, 1.0);
        if p < 0.3 {
            smooth(p / 0.3)
        } else {
            let q = (1.0 - p) / 0.7;
            q * q * (1.5 - 0.5 * q)
        }
    }
}

impl Layer for Waves {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.wave.0 + self.wave.1 {
            self.prev = self.wave;
            self.wave = (self.wave.0 + self.wave.1, self.rng.range(7.0, 11.0));
        }
        let mut coef = [SvfCoef::new(300.0, 0.7); 2];
        let mut level = [0.0f32; 2];
        let mut foam = [0.0f32; 2];
        for ch in 0..2 {
            let e = self.envelope(t - WAVE_LAG * ch as f32);
            coef[ch] = SvfCoef::new(220.0 + 2200.0 * e, 0.8);
            level[ch] = gain * 1.0 * (0.12 + 0.88 * e);
            foam[ch] = gain * 0.2 * e * e * e;
        }
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let y = self.svf[ch].tick(&coef[ch], self.noise.next());
                *o += level[ch] * y.low + foam[ch] * y.high;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Traffic: a steady low rumble, cars passing now and then (band-passed noise swelling in
// and out as its pitch drops and it pans across: a doppler-ish sweep), and a rare horn.

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
struct Traffic {
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
    fn new(rng: &mut Rng) -> Self {
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

// ---------------------------------------------------------------------------------------
// Birds: a few birds, each singing phrases of short chirps (FM sweeps and trills between
// 2.5 and 5.5 kHz) at random times, each from its own place in the stereo field.

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
struct Birds {
    rng: Rng,
    sine: Sine,
    birds: [Bird; 3],
}

impl Birds {
    fn new(rng: &mut Rng) -> Self {
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

// ---------------------------------------------------------------------------------------
// Crowd: babble. Several voices, each a buzzy pitch pulse plus breath noise through two
// vowel formants that jump every syllable, with pauses between words; over a soft bed of
// band-passed murmur.

#[derive(Debug, Clone, Copy)]
struct Talker {
    pan: [f32; 2],
    pitch_step: f32,
    phase: f32,
    f1: f32,
    f2: f32,
    t1: f32,
    t2: f32,
    f1_svf: Svf,
    f2_svf: Svf,
    /// Samples done and total of the current syllable (or pause).
    pos: u32,
    len: u32,
    voiced: bool,
    level: f32,
}

/// Voices in the babble (each costs two filters per sample).
const TALKERS: usize = 5;

#[derive(Debug)]
struct Crowd {
    noise: Noise,
    rng: Rng,
    talkers: [Talker; TALKERS],
    bed: [Svf; 2],
    bed_coef: SvfCoef,
}

impl Crowd {
    fn new(rng: &mut Rng) -> Self {
        let mut r = Rng::new(rng.next_u64());
        let talkers = std::array::from_fn(|i| Talker {
            pan: pan(-0.8 + 1.6 * (i as f32 + r.unit()) / TALKERS as f32),
            pitch_step: r.range(95.0, 230.0) / RATE,
            phase: r.unit(),
            f1: 500.0,
            f2: 1500.0,
            t1: 500.0,
            t2: 1500.0,
            f1_svf: Svf::default(),
            f2_svf: Svf::default(),
            pos: 0,
            len: samples(r.range(0.05, 0.4)),
            voiced: false,
            level: r.range(0.5, 1.0),
        });
        Self { noise: Noise::new(rng), rng: r, talkers, bed: [Svf::default(); 2], bed_coef: SvfCoef::new(700.0, 0.8) }
    }
}

impl Layer for Crowd {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                *o += gain * 0.3 * self.bed[ch].tick(&self.bed_coef, self.noise.next()).band;
            }
        }
        for v in &mut self.talkers {
            if v.pos >= v.len {
                // Next syllable, or a pause between words.
                v.pos = 0;
                v.voiced = !(v.voiced && self.rng.unit() < 0.25);
                v.len = if v.voiced { samples(self.rng.range(0.08, 0.24)) } else { samples(self.rng.range(0.12, 0.6)) };
                v.t1 = self.rng.range(300.0, 850.0);
                v.t2 = self.rng.range(900.0, 2400.0);
            }
            v.f1 += 0.15 * (v.t1 - v.f1);
            v.f2 += 0.15 * (v.t2 - v.f2);
            let c1 = SvfCoef::new(v.f1, 5.0);
            let c2 = SvfCoef::new(v.f2, 6.0);
            let block = out.len() as u32;
            let env = if v.voiced { bell(v.pos as f32 / v.len as f32) } else { 0.0 };
            let env_end = if v.voiced { bell((v.pos + block) as f32 / v.len as f32) } else { 0.0 };
            v.pos += block;
            if env == 0.0 && env_end == 0.0 {
                continue;
            }
            let g = gain * 0.44 * v.level;
            for (i, frame) in out.iter_mut().enumerate() {
                let e = env + (env_end - env) * i as f32 / block as f32;
                advance(&mut v.phase, v.pitch_step);
                let src = (v.phase - 0.5) + 0.35 * self.noise.next();
                let s = v.f1_svf.tick(&c1, src).band + 0.6 * v.f2_svf.tick(&c2, src).band;
                let s = g * e * s;
                frame[0] += v.pan[0] * s;
                frame[1] += v.pan[1] * s;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Fire: a low flickering roar, a faint hiss, and crackle (sparse sharp pops, some in bursts,
// each from a random place).

#[derive(Debug)]
struct Fire {
    noise: Noise,
    rng: Rng,
    roar: [[Lp; 2]; 2],
    a_roar: f32,
    hp: [Lp; 2],
    a_hp: f32,
    flicker: f32,
    flicker_target: f32,
    pop: f32,
    pop_decay: f32,
    pop_pan: [f32; 2],
    wait: u32,
    burst: u32,
}

impl Fire {
    fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            roar: [[Lp::default(); 2]; 2],
            a_roar: one_pole(220.0),
            hp: [Lp::default(); 2],
            a_hp: one_pole(1500.0),
            flicker: 0.7,
            flicker_target: 0.7,
            pop: 0.0,
            pop_decay: decay(0.0006),
            pop_pan: [0.7; 2],
            wait: samples(0.1),
            burst: 0,
        }
    }
}

impl Layer for Fire {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        if self.rng.unit() < 0.01 {
            self.flicker_target = self.rng.range(0.4, 1.0);
        }
        self.flicker += 0.004 * (self.flicker_target - self.flicker);
        let roar = gain * 2.6 * self.flicker;
        for frame in out.iter_mut() {
            if self.wait == 0 {
                let u = self.rng.unit();
                self.pop = 0.3 + 1.2 * u * u * u;
                self.pop_decay = decay(self.rng.range(0.0003, 0.0012));
                self.pop_pan = pan(self.rng.range(-0.8, 0.8));
                if self.burst == 0 && self.rng.unit() < 0.25 {
                    self.burst = 2 + below(&mut self.rng, 5);
                }
                self.wait = if self.burst > 0 {
                    self.burst -= 1;
                    samples(self.rng.range(0.004, 0.03))
                } else {
                    samples(self.rng.range(0.02, 0.16))
                };
            } else {
                self.wait -= 1;
            }
            let pop = self.pop * self.noise.next();
            self.pop *= self.pop_decay;
            for (ch, o) in frame.iter_mut().enumerate() {
                let n = self.noise.next();
                let [a, b] = &mut self.roar[ch];
                let low = b.tick(self.a_roar, a.tick(self.a_roar, n));
                let x = pop * self.pop_pan[ch] + 0.04 * n;
                let high = x - self.hp[ch].tick(self.a_hp, x);
                *o += roar * low + gain * 0.6 * high;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Thunder: now and then a crack followed by a long rolling rumble (noise through a low-pass
// that closes as it decays, its level rolling as it goes).

#[derive(Debug)]
struct Thunder {
    noise: Noise,
    rng: Rng,
    svf: [Svf; 2],
    crack: [Svf; 2],
    /// (start, length) of the current clap; none before the first.
    start: f32,
    len: f32,
    next: f32,
    roll: f32,
    roll_target: f32,
    level: f32,
}

impl Thunder {
    fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            next: rng.range(0.6, 2.5),
            rng: Rng::new(rng.next_u64()),
            svf: [Svf::default(); 2],
            crack: [Svf::default(); 2],
            start: -100.0,
            len: 1.0,
            roll: 1.0,
            roll_target: 1.0,
            level: 1.0,
        }
    }
}

impl Layer for Thunder {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.next {
            self.start = t;
            self.len = self.rng.range(2.5, 5.0);
            self.level = self.rng.range(0.6, 1.0);
            self.next = t + self.len + self.rng.range(3.0, 9.0);
        }
        let age = t - self.start;
        if age > self.len {
            return;
        }
        let p = age / self.len;
        if self.rng.unit() < BLOCK_SECONDS * 6.0 {
            self.roll_target = self.rng.range(0.3, 1.0);
        }
        self.roll += 0.01 * (self.roll_target - self.roll);
        let attack = smooth(age / 0.15);
        let fall = (1.0 - p) * (1.0 - p);
        let rumble = gain * 3.0 * self.level * attack * fall * self.roll;
        let crack = gain * 0.8 * self.level * smooth(age / 0.01) * (1.0 - smooth(age / 0.35));
        let coef = SvfCoef::new(90.0 + 350.0 * (1.0 - p) * (1.0 - p), 0.9);
        let crack_coef = SvfCoef::new(2500.0, 0.7);
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let n = self.noise.next();
                let y = self.svf[ch].tick(&coef, n).low;
                let c = self.crack[ch].tick(&crack_coef, n).low;
                *o += rumble * y + crack * c;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Water (a stream, a fountain): a band-passed wash with a quick random flutter, and small
// bubbles (short sine blips whose pitch rises as they fade).

#[derive(Debug, Clone, Copy, Default)]
struct Bubble {
    env: f32,
    decay: f32,
    step: f32,
    rise: f32,
    phase: f32,
    pan: [f32; 2],
}

#[derive(Debug)]
struct Water {
    noise: Noise,
    rng: Rng,
    sine: Sine,
    wash: [Svf; 2],
    flutter: [f32; 2],
    bubbles: [Bubble; 4],
    wait: u32,
}

impl Water {
    fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            sine: Sine::new(),
            wash: [Svf::default(); 2],
            flutter: [1.0; 2],
            bubbles: [Bubble::default(); 4],
            wait: 0,
        }
    }
}

impl Layer for Water {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        let coef = SvfCoef::new(900.0, 0.6);
        let mut g = [0.0f32; 2];
        for (ch, f) in self.flutter.iter_mut().enumerate() {
            *f += 0.2 * (self.rng.range(0.5, 1.2) - *f);
            g[ch] = gain * 1.0 * *f;
        }
        for frame in out.iter_mut() {
            if self.wait == 0 {
                if let Some(b) = self.bubbles.iter_mut().min_by(|a, b| a.env.total_cmp(&b.env)) {
                    let hz = self.rng.range(500.0, 2200.0);
                    *b = Bubble {
                        env: self.rng.range(0.3, 1.0),
                        decay: decay(self.rng.range(0.004, 0.015)),
                        step: hz / RATE,
                        rise: 1.0 + self.rng.range(2.0, 6.0) / RATE,
                        phase: 0.0,
                        pan: pan(self.rng.range(-0.8, 0.8)),
                    };
                }
                self.wait = samples(self.rng.range(0.0, 0.05));
            } else {
                self.wait -= 1;
            }
            for (ch, o) in frame.iter_mut().enumerate() {
                *o += g[ch] * self.wash[ch].tick(&coef, self.noise.next()).band;
            }
            for b in &mut self.bubbles {
                if b.env > 1e-3 {
                    let s = gain * 0.3 * b.env * self.sine.at(b.phase);
                    advance(&mut b.phase, b.step.min(0.2));
                    b.step *= b.rise;
                    b.env *= b.decay;
                    frame[0] += b.pan[0] * s;
                    frame[1] += b.pan[1] * s;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Crickets: a few insects, each chirping a short train of pulses of a high tone at its own
// steady rate.

#[derive(Debug, Clone, Copy)]
struct Cricket {
    pan: [f32; 2],
    step: f32,
    phase: f32,
    /// Samples into the current chirp cycle, and the cycle length.
    pos: u32,
    period: u32,
    pulses: u32,
    pulse: u32,
    level: f32,
}

#[derive(Debug)]
struct Crickets {
    rng: Rng,
    sine: Sine,
    crickets: [Cricket; 3],
}

impl Crickets {
    fn new(rng: &mut Rng) -> Self {
        let mut r = Rng::new(rng.next_u64());
        let crickets = [-0.7f32, 0.6, 0.0].map(|p| Cricket {
            pan: pan(p),
            step: r.range(4000.0, 5000.0) / RATE,
            phase: 0.0,
            pos: below(&mut r, samples(0.7)),
            period: samples(r.range(0.45, 0.9)),
            pulses: 2 + below(&mut r, 3),
            pulse: samples(r.range(0.012, 0.02)),
            level: r.range(0.5, 1.0),
        });
        Self { rng: r, sine: Sine::new(), crickets }
    }
}

impl Layer for Crickets {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        for c in &mut self.crickets {
            let g = gain * 0.45 * c.level;
            let train = 2 * c.pulse * c.pulses;
            for frame in out.iter_mut() {
                if c.pos < train {
                    let k = c.pos % (2 * c.pulse);
                    if k < c.pulse {
                        let s = g * bell(k as f32 / c.pulse as f32) * self.sine.at(c.phase);
                        frame[0] += c.pan[0] * s;
                        frame[1] += c.pan[1] * s;
                    }
                    advance(&mut c.phase, c.step);
                }
                c.pos += 1;
                if c.pos >= c.period {
                    c.pos = 0;
                    // A little jitter so the insects drift in and out of step.
                    c.period = (c.period as f32 * self.rng.range(0.97, 1.03)) as u32;
                    c.period = c.period.clamp(samples(0.4), samples(1.0));
                }
            }
        }
    }
}
