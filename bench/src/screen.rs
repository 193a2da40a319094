//! Prompt screening cost: `Policy::check_prompt` with the built-in lists against parsing the
//! same create request's JSON body (work every request already does), side by side.
use std::hint::black_box;
use std::time::Instant;

use kino_guard::Policy;

const PROMPTS: &[&str] = &[
    "A yellow taxi drives through a rainy city street at night, neon signs reflecting on the wet road",
    "Aerial shot of a snowy mountain range at golden hour, calm music",
    "A red kite flies over a green hill on a sunny afternoon, birds singing, a band playing in the distance",
    "Close-up of coffee being poured into a white cup, soft morning light, steam rising",
];

fn time_per_call(runs: usize, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed().as_secs_f64() / runs as f64
}

pub fn run(runs: usize) -> anyhow::Result<()> {
    let start = Instant::now();
    let policy = Policy::builtin();
    let build = start.elapsed().as_secs_f64();
    let phrases: usize = policy
        .rules
        .iter()
        .flat_map(|r| &r.entries)
        .map(|e| e.aliases.len() + e.ambiguous.len() + e.context.len())
        .sum();
    println!("built-in policy: {} rules, {phrases} phrases, built in {:.1} ms", policy.rules.len(), build * 1e3);
    let long = PROMPTS.join(". ").repeat(80);
    let cases: Vec<(&str, String)> =
        vec![("typical (~90 chars)", PROMPTS.join("\n")), ("long (32,000 chars)", long.chars().take(32_000).collect())];
    println!("\n| prompt | screen µs | JSON parse µs | screen / parse |");
    println!("|---|---:|---:|---:|");
    for (name, text) in cases {
        let prompts: Vec<String> =
            if text.len() < 1000 { text.lines().map(str::to_string).collect() } else { vec![text] };
        let bodies: Vec<String> = prompts
            .iter()
            .map(|p| {
                serde_json::json!({"prompt": p, "model": "sora-2", "size": "1280x720", "seconds": "8"}).to_string()
            })
            .collect();
        let n = runs / prompts.len().max(1) / if prompts[0].len() > 1000 { 50 } else { 1 };
        for p in &prompts {
            assert!(policy.check_prompt(p).is_ok(), "benchmark prompts must pass: {p}");
        }
        let screen = time_per_call(n, || {
            for p in &prompts {
                black_box(policy.check_prompt(black_box(p)).is_ok());
            }
        }) / prompts.len() as f64;
        let parse = time_per_call(n, || {
            for b in &bodies {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(b)).is_ok());
            }
        }) / prompts.len() as f64;
        println!("| {name} | {:.2} | {:.2} | {:.1} |", screen * 1e6, parse * 1e6, screen / parse);
    }
    Ok(())
}
