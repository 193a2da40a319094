//! The preview engine's cheap parts, timed: planning a long prompt (whole against a quarter,
//! the clock's view of what the tests check by counting steps) and rendering the soundtrack
//! (ms of work per second of audio). The tests assert no times; these are the numbers.
use std::hint::black_box;
use std::time::{Duration, Instant};

use kino_preview::inspect::plan_steps;
use kino_preview::{plan, render_audio};

/// The adversarial prompts of kino-preview's `long_prompts_are_fast_and_bounded` test.
pub fn long_prompts() -> Vec<(&'static str, String)> {
    let mut x = 42u64;
    let mut next = move || {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    const PICKS: &[char] =
        &[' ', ' ', ' ', '\'', '"', '“', '”', '‘', '’', ',', '.', '-', '«', '»', '!', '\n', '3', 'é', 'ß', 'İ'];
    let random: String = (0..32_000)
        .map(|_| match next() % 4 {
            0 => PICKS[(next() % PICKS.len() as u64) as usize],
            1 => char::from(b'a' + (next() % 26) as u8),
            _ => loop {
                if let Some(c) = char::from_u32((next() % 0x11_0000) as u32) {
                    break c;
                }
            },
        })
        .collect();
    let sentence = "Wide tracking shot of three yellow taxis crossing a rain-soaked city street at blue hour, the words 'Hi' in neon, a palette of teal and rust. ";
    vec![
        ("random", random),
        ("prose", sentence.repeat(32_000 / sentence.len() + 1).chars().take(32_000).collect()),
        ("quotes", "'".repeat(32_000)),
        ("dquotes", "\"a".repeat(16_000)),
        ("opens", "“a ".repeat(10_700)),
        ("digits", "9".repeat(32_000)),
        ("articles", "a ".repeat(16_000)),
        ("one word", "x".repeat(32_000)),
    ]
}

fn best_of(runs: u32, prompt: &str) -> Duration {
    let _ = plan(prompt); // warm the built-in vocabulary
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            black_box(plan(black_box(prompt)));
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Planning time of each long prompt and of its first quarter, with the step counts.
pub fn run_plan(runs: u32) -> anyhow::Result<()> {
    println!("| prompt | chars | ms | quarter ms | time ratio | steps | quarter steps | step ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, prompt) in long_prompts() {
        let quarter: String = prompt.chars().take(prompt.chars().count() / 4).collect();
        let (t, tq) = (best_of(runs, &prompt), best_of(runs, &quarter));
        let (s, sq) = (plan_steps(&prompt).1, plan_steps(&quarter).1);
        println!(
            "| {name} | {} | {:.3} | {:.3} | {:.1} | {s} | {sq} | {:.2} |",
            prompt.chars().count(),
            t.as_secs_f64() * 1e3,
            tq.as_secs_f64() * 1e3,
            t.as_secs_f64() / tq.as_secs_f64().max(1e-9),
            s as f64 / sq.max(1) as f64,
        );
    }
    Ok(())
}

/// Milliseconds of work per second of stereo audio for a busy, a single-cue and a quiet prompt.
pub fn run_audio(seconds: u32, runs: u32) -> anyhow::Result<()> {
    let busy = "a thunderstorm with heavy rain, wind, waves, a crowd, traffic and fire, upbeat music";
    println!("| prompt | ms per second of audio |");
    println!("|---|---:|");
    for prompt in [busy, "waves crashing on a beach", "a calm meadow"] {
        let mut best = Duration::MAX;
        for _ in 0..runs.max(1) {
            let started = Instant::now();
            black_box(render_audio(prompt, 1, seconds));
            best = best.min(started.elapsed());
        }
        println!("| {prompt} | {:.2} |", best.as_secs_f64() * 1e3 / f64::from(seconds.max(1)));
    }
    Ok(())
}
