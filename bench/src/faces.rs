//! Face detection quality on a labelled image set (`bench/faces/make_set.py`): precision
//! and recall of `input_faces` at several score thresholds, errors by kind of image, and
//! the detector's cost against decoding the same image.
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use kino_guard::{FaceSettings, Gray, faces};

struct Sample {
    file: String,
    face: bool,
    kind: String,
    best: f64,
}

pub fn run(set: &Path, thresholds: &[f64], min_face_px: u32) -> anyhow::Result<()> {
    let labels = std::fs::read_to_string(set.join("labels.csv"))?;
    let mut samples = Vec::new();
    let (mut decode_s, mut detect_s) = (0f64, 0f64);
    // Scores below the lowest threshold are not needed: detect once at that threshold.
    let floor = thresholds.iter().copied().fold(f64::INFINITY, f64::min);
    let settings = FaceSettings { min_score: floor, min_face_px, frames: 1 };
    for line in labels.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.splitn(4, ',').collect();
        anyhow::ensure!(cols.len() >= 3, "bad line in labels.csv: {line}");
        let bytes = std::fs::read(set.join(cols[0]))?;
        let t = Instant::now();
        let image = kino_media::decode_image(&bytes)?;
        let gray = Gray::from_packed(&image.rgba, image.width, image.height, 4);
        decode_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let found = faces::detect(&gray, &settings);
        detect_s += t.elapsed().as_secs_f64();
        let best = found.iter().map(|f| f.score).fold(f64::NEG_INFINITY, f64::max);
        samples.push(Sample { file: cols[0].to_string(), face: cols[1] == "1", kind: cols[2].to_string(), best });
    }
    let n = samples.len();
    let positives = samples.iter().filter(|s| s.face).count();
    println!("{n} images, {positives} with faces, {} without; faces from {min_face_px} px", n - positives);
    println!(
        "decode {:.1} ms/image, detect {:.1} ms/image (detect/decode {:.2})",
        decode_s * 1e3 / n as f64,
        detect_s * 1e3 / n as f64,
        detect_s / decode_s
    );
    println!("\n| min score | TP | FP | FN | TN | precision | recall |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &t in thresholds {
        let flagged = |s: &Sample| s.best >= t;
        let tp = samples.iter().filter(|s| s.face && flagged(s)).count();
        let fp = samples.iter().filter(|s| !s.face && flagged(s)).count();
        let fn_ = positives - tp;
        let tn = n - positives - fp;
        let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
        println!("| {t} | {tp} | {fp} | {fn_} | {tn} | {precision:.3} | {:.3} |", tp as f64 / positives.max(1) as f64);
    }
    let default = kino_guard::faces::DEFAULT_SETTINGS.min_score;
    println!("\nAt the default min score {default}, by kind (flagged / images):");
    let mut kinds: BTreeMap<(&str, bool), (usize, usize)> = BTreeMap::new();
    for s in &samples {
        let k = kinds.entry((s.kind.as_str(), s.face)).or_default();
        k.1 += 1;
        if s.best >= default {
            k.0 += 1;
        }
    }
    for ((kind, face), (flagged, total)) in kinds {
        println!("  {kind:<8} face={} {flagged}/{total}", u8::from(face));
    }
    println!("\nMistakes at the default:");
    for s in samples.iter().filter(|s| s.face != (s.best >= default)) {
        println!("  {} ({}, face={}) best score {:.2}", s.file, s.kind, u8::from(s.face), s.best);
    }
    Ok(())
}
