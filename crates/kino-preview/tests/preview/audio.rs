//! The soundtrack alone (no pictures): cues sound like what they name, loudness and peaks
//! stay in range, silence is silent, music has a beat when upbeat, and the stream is
//! deterministic and chunk-independent.

use kino_preview::{SoundPlan, Synth, plan, render_audio};

const RATE: usize = 48_000;

fn rms(a: &[f32]) -> f64 {
    (a.iter().map(|&x| f64::from(x) * f64::from(x)).sum::<f64>() / a.len().max(1) as f64).sqrt()
}

fn peak(a: &[f32]) -> f32 {
    a.iter().fold(0.0f32, |m, v| m.max(v.abs()))
}

fn mono(a: &[f32]) -> Vec<f64> {
    a.chunks_exact(2).map(|p| 0.5 * (f64::from(p[0]) + f64::from(p[1]))).collect()
}

/// In-place radix-2 FFT (re, im), length a power of two.
fn fft(re: &mut [f64], im: &mut [f64]) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let ang = -2.0 * std::f64::consts::PI / len as f64;
        for start in (0..n).step_by(len) {
            for k in 0..len / 2 {
                let (s, c) = (ang * k as f64).sin_cos();
                let (a, b) = (start + k, start + k + len / 2);
                let tr = re[b] * c - im[b] * s;
                let ti = re[b] * s + im[b] * c;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
        len <<= 1;
    }
}

const N: usize = 2048;

/// Average power spectrum (Hann-windowed frames of 2048) of the mono mix; bin k is k·48000/2048 Hz.
fn spectrum(a: &[f32]) -> Vec<f64> {
    let m = mono(a);
    let mut power = vec![0.0; N / 2];
    for frame in m.chunks_exact(N) {
        let mut re: Vec<f64> = frame
            .iter()
            .enumerate()
            .map(|(i, x)| x * (0.5 - 0.5 * (2.0 * std::f64::consts::PI * i as f64 / N as f64).cos()))
            .collect();
        let mut im = vec![0.0; N];
        fft(&mut re, &mut im);
        for (k, p) in power.iter_mut().enumerate() {
            *p += re[k] * re[k] + im[k] * im[k];
        }
    }
    power
}

/// Share of the energy between `lo` and `hi` Hz (DC excluded).
fn band_share(spec: &[f64], lo: f64, hi: f64) -> f64 {
    let hz = |k: usize| k as f64 * RATE as f64 / N as f64;
    let total: f64 = spec.iter().skip(1).sum();
    let band: f64 = spec.iter().enumerate().skip(1).filter(|(k, _)| hz(*k) >= lo && hz(*k) < hi).map(|(_, p)| p).sum();
    band / total.max(1e-30)
}

/// Energy between `lo` and `hi` Hz in 512-sample windows every `hop` samples (mono).
fn band_envelope(a: &[f32], lo: f64, hi: f64, hop: usize) -> Vec<f64> {
    let m = mono(a);
    let size = 512;
    let hz = |k: usize| k as f64 * RATE as f64 / size as f64;
    let mut env = Vec::new();
    let mut start = 0;
    while start + size <= m.len() {
        let mut re: Vec<f64> = m[start..start + size].to_vec();
        let mut im = vec![0.0; size];
        fft(&mut re, &mut im);
        env.push((1..size / 2).filter(|&k| hz(k) >= lo && hz(k) < hi).map(|k| re[k] * re[k] + im[k] * im[k]).sum());
        start += hop;
    }
    env
}

#[test]
fn length_is_exact() {
    for s in [1, 2, 3] {
        assert_eq!(render_audio("waves on a beach", 1, s).len(), RATE * 2 * s as usize);
    }
    assert_eq!(render_audio("silence", 1, 2).len(), RATE * 4);
}

#[test]
fn silence_is_exact_zeros() {
    for p in ["a silent film of a black car", "a city street in the rain, no sound", "muted fireworks"] {
        let a = render_audio(p, 5, 3);
        assert_eq!(a.len(), RATE * 6);
        assert!(a.iter().all(|&x| x == 0.0), "{p}");
    }
}

#[test]
fn rain_is_broadband() {
    let rain = spectrum(&render_audio("heavy rain on a window", 1, 6));
    let calm = spectrum(&render_audio("a lake with calm music", 1, 6));
    let (r, c) = (band_share(&rain, 4000.0, 24_000.0), band_share(&calm, 4000.0, 24_000.0));
    assert!(r > 0.2, "rain share above 4 kHz {r}");
    assert!(r > 20.0 * c, "rain {r} vs calm music {c}");
}

#[test]
fn loud_prompts_never_pass_0_9() {
    for p in [
        "a thunderstorm with heavy rain, wind, waves, a crowd, traffic and fire, upbeat music",
        "thunder and lightning over a stormy sea with crashing waves",
        "a crackling bonfire in a gale",
        "upbeat music at a crowded market with honking traffic",
    ] {
        for seed in 1..=3 {
            let a = render_audio(p, seed, 8);
            let pk = peak(&a);
            assert!(pk <= 0.9, "{p} seed {seed}: peak {pk}");
            assert!(a.iter().all(|x| x.is_finite()));
            assert!(rms(&a) > 0.03, "{p}: too quiet, {}", rms(&a));
        }
    }
}

#[test]
fn birds_chirp_in_short_high_bursts() {
    let a = render_audio("birds chirping", 3, 8);
    let spec = spectrum(&a);
    let share = band_share(&spec, 2000.0, 6000.0);
    assert!(share > 0.7, "birds share in 2–6 kHz {share}");
    // Energy per 10 ms: loud chirps, mostly quiet in between.
    let env = band_envelope(&a, 2000.0, 6000.0, 480);
    let max = env.iter().cloned().fold(0.0, f64::max);
    let mean = env.iter().sum::<f64>() / env.len() as f64;
    assert!(max > 6.0 * mean, "crest: max {max} mean {mean}");
    let quiet = env.iter().filter(|&&e| e < 0.05 * max).count() as f64 / env.len() as f64;
    assert!(quiet > 0.4, "only {quiet} of hops quiet");
}

#[test]
fn traffic_is_mostly_low_rumble() {
    let a = render_audio("busy city traffic", 2, 8);
    let share = band_share(&spectrum(&a), 0.0, 200.0);
    assert!(share > 0.5, "traffic share below 200 Hz {share}");
}

#[test]
fn wind_and_waves_are_darker_than_rain() {
    let rain = band_share(&spectrum(&render_audio("rain", 1, 6)), 2000.0, 24_000.0);
    for p in ["a windy hilltop, wind", "ocean waves"] {
        let s = band_share(&spectrum(&render_audio(p, 1, 6)), 2000.0, 24_000.0);
        assert!(s < rain * 0.5, "{p}: {s} vs rain {rain}");
    }
}

#[test]
fn upbeat_music_has_a_beat_near_110_bpm() {
    let a = render_audio("upbeat music", 4, 12);
    // Onset strength: positive change of energy per 5 ms hop.
    let m = mono(&a);
    let hop = 240;
    let energy: Vec<f64> = m.chunks_exact(hop).map(|c| c.iter().map(|x| x * x).sum::<f64>()).collect();
    let onset: Vec<f64> = energy.windows(2).map(|w| (w[1] - w[0]).max(0.0)).collect();
    let mean = onset.iter().sum::<f64>() / onset.len() as f64;
    let o: Vec<f64> = onset.iter().map(|x| x - mean).collect();
    let ac = |lag: usize| o.iter().zip(&o[lag..]).map(|(a, b)| a * b).sum::<f64>();
    let hop_s = hop as f64 / RATE as f64;
    let (lo, hi) = ((0.4 / hop_s) as usize, (1.0 / hop_s) as usize);
    let best = (lo..hi).max_by(|&a, &b| ac(a).total_cmp(&ac(b))).unwrap();
    let period = best as f64 * hop_s;
    let beat = 60.0 / 110.0;
    assert!((period - beat).abs() < 0.02, "beat period {period:.3} s, want {beat:.3}");
    // And clearly periodic: the peak stands well above a lag between beats.
    let between = ac(((beat * 0.75) / hop_s) as usize);
    assert!(ac(best) > 2.0 * between.max(0.0), "peak {} vs off-beat {between}", ac(best));
}

#[test]
fn same_input_same_samples_and_seed_changes_them() {
    let p = "rain and birds over a forest with calm music";
    let a = render_audio(p, 9, 3);
    let b = render_audio(p, 9, 3);
    assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
    let c = render_audio(p, 10, 3);
    assert!(a.iter().zip(&c).any(|(x, y)| x != y));
}

#[test]
fn normal_ambience_is_sensibly_loud() {
    for p in [
        "waves crashing on a beach",
        "a rainy city street",
        "a quiet forest, natural ambient audio",
        "a crackling campfire",
        "a crowded market",
        "a stream in the mountains",
        "crickets at night",
        "a calm lake with soft music",
        "a red car driving along the coast at sunset",
    ] {
        let r = rms(&render_audio(p, 1, 6));
        assert!((0.03..=0.2).contains(&r), "{p}: rms {r}");
    }
}

#[test]
fn streaming_in_any_chunks_matches_one_call() {
    let p = "upbeat music on a rainy street with birds";
    let whole = render_audio(p, 3, 3);
    let mut synth = Synth::for_prompt(p, 3, 3);
    let mut got = Vec::new();
    let mut buf = Vec::new();
    for size in [1usize, 7, 2000, 63, 64, 65, 999, 1].iter().cycle() {
        if got.len() >= whole.len() {
            break;
        }
        let n = (*size).min((whole.len() - got.len()) / 2);
        synth.fill(&mut buf, n);
        got.extend_from_slice(&buf);
    }
    assert_eq!(got.len(), whole.len());
    assert!(got.iter().zip(&whole).all(|(x, y)| x.to_bits() == y.to_bits()));
    // Past the end it is silence.
    synth.fill(&mut buf, 100);
    assert!(buf.iter().all(|&x| x == 0.0));
}

#[test]
fn fades_in_and_out() {
    let a = render_audio("heavy rain", 1, 3);
    assert_eq!(a[0], 0.0);
    assert!(peak(&a[..200]) < 0.01);
    assert!(peak(&a[a.len() - 200..]) < 0.01);
    assert!(peak(&a[RATE..2 * RATE]) > 0.1);
}

/// Cheap by construction, checked without a clock (the clock's view: `kino-bench audio`): the
/// work per sample is one fixed-cost generator per layer, and even a prompt asking for
/// everything gets each ambience cue once plus the music, never a layer per mention.
#[test]
fn generation_is_cheap() {
    let p = "a thunderstorm with heavy rain, wind, waves, a crowd, traffic and fire, upbeat music";
    let twice = format!("{p}. {p}, more rain, more wind, more waves");
    for prompt in [p, twice.as_str(), "waves crashing on a beach", "a calm meadow"] {
        let sound = SoundPlan::new(&plan(prompt), prompt, 1);
        let distinct: std::collections::HashSet<_> = sound.cues.iter().collect();
        assert_eq!(distinct.len(), sound.cues.len(), "{prompt}: a cue twice: {:?}", sound.cues);
        assert!(sound.cues.len() <= ALL_CUES, "{prompt}: {:?}", sound.cues);
        let a = render_audio(prompt, 1, 10);
        assert_eq!(a.len(), RATE * 20);
        assert!(a.iter().all(|s| s.is_finite()));
    }
}

/// Ambience cues there are (rain, wind, waves, traffic, birds, crowd, fire, thunder, water, crickets).
const ALL_CUES: usize = 10;
