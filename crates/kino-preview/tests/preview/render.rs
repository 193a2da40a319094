//! Pixel checks on rendered frames: subjects in their asked colour, time of day and weather
//! visible, quoted text drawn, the camera move applied, every size rendering.

use kino_engine::GenerationSpec;
use kino_preview::inspect;

fn spec(prompt: &str, width: u32, height: u32) -> GenerationSpec {
    GenerationSpec { prompt: prompt.into(), width, height, fps: 24, seconds: 4, seed: 7, ..Default::default() }
}

fn frame(prompt: &str, index: u32) -> Vec<u8> {
    inspect::frame(&spec(prompt, 640, 360), index).expect("frame")
}

fn luma(p: &[u8]) -> f32 {
    0.2126 * f32::from(p[0]) + 0.7152 * f32::from(p[1]) + 0.0722 * f32::from(p[2])
}

fn mean_rgb(rgba: &[u8]) -> [f32; 3] {
    let mut s = [0f64; 3];
    for p in rgba.chunks_exact(4) {
        for c in 0..3 {
            s[c] += f64::from(p[c]);
        }
    }
    let n = (rgba.len() / 4) as f64;
    s.map(|v| (v / n) as f32)
}

/// Fraction of the main subject's box whose pixels pass `is`.
fn subject_fraction(prompt: &str, is: impl Fn(f32, f32, f32) -> bool) -> (f32, usize) {
    let s = spec(prompt, 640, 360);
    let rgba = inspect::frame(&s, 0).expect("frame");
    let [l, t, r, b] = inspect::main_subject_box(&s, 0).expect("main subject");
    let (mut hit, mut all) = (0usize, 0usize);
    for y in t as usize..b as usize {
        for x in l as usize..r as usize {
            let i = (y * 640 + x) * 4;
            let (pr, pg, pb) = (f32::from(rgba[i]), f32::from(rgba[i + 1]), f32::from(rgba[i + 2]));
            all += 1;
            if is(pr, pg, pb) {
                hit += 1;
            }
        }
    }
    assert!(all > 500, "{prompt}: subject box too small ({all} px)");
    (hit as f32 / all as f32, hit)
}

#[test]
fn subjects_are_drawn_in_the_asked_colour() {
    let yellow = |r: f32, g: f32, b: f32| r > 150.0 && g > 120.0 && b < r.min(g) - 80.0;
    let red = |r: f32, g: f32, b: f32| r > g + 90.0 && r > b + 90.0;
    let green = |r: f32, g: f32, b: f32| g > r + 50.0 && g > b + 40.0;
    for (prompt, is, name) in [
        ("a yellow taxi", &yellow as &dyn Fn(f32, f32, f32) -> bool, "yellow"),
        ("a red kite", &red, "red"),
        ("a green bus", &green, "green"),
        ("a red car on a city street", &red, "red"),
    ] {
        let (frac, n) = subject_fraction(prompt, is);
        assert!(frac > 0.15 && n > 400, "{prompt}: only {:.1}% ({n} px) of the subject box is {name}", frac * 100.0);
    }
    // And not by accident: a blue car is not red.
    let (frac, _) = subject_fraction("a blue car", red);
    assert!(frac < 0.03, "blue car shows {:.1}% red", frac * 100.0);
}

#[test]
fn night_is_dark_and_blue_hour_is_blue() {
    let mean_luma = |rgba: &[u8]| rgba.chunks_exact(4).map(luma).sum::<f32>() / (rgba.len() / 4) as f32;
    for place in ["a car on a city street", "a dog in a park", "a boat on the ocean"] {
        let night = mean_luma(&frame(&format!("{place} at night"), 12));
        let noon = mean_luma(&frame(&format!("{place} at noon"), 12));
        assert!(night < noon * 0.55, "{place}: night {night:.1} vs noon {noon:.1}");
    }
    for p in ["a car on a city street at blue hour", "a house in a field at blue hour"] {
        let [r, _, b] = mean_rgb(&frame(p, 12));
        assert!(b > r + 10.0, "{p}: mean red {r:.1} blue {b:.1}");
    }
    let [r, _, b] = mean_rgb(&frame("a house in a field at golden hour", 12));
    assert!(r > b, "golden hour is warm: red {r:.1} blue {b:.1}");
}

#[test]
fn night_city_has_lit_windows() {
    let rgba = frame("a quiet city street at night", 12);
    let warm = rgba.chunks_exact(4).filter(|p| p[0] > 200 && p[1] > 160 && p[2] < 190).count();
    assert!(warm > 400, "only {warm} warm window pixels");
}

#[test]
fn quoted_text_is_drawn_in_the_centre() {
    let with = frame("a beach at sunset with the words 'Hello world'", 48);
    let without = frame("a beach at sunset with the words", 48);
    let (w, h) = (640usize, 360usize);
    let (mut differ, mut white_with, mut white_without) = (0, 0, 0);
    for y in (h * 35 / 100)..(h * 65 / 100) {
        for x in 0..w {
            let i = (y * w + x) * 4;
            let d: i32 = (0..3).map(|c| (i32::from(with[i + c]) - i32::from(without[i + c])).abs()).sum();
            if d > 60 {
                differ += 1;
            }
            if with[i..i + 3].iter().all(|&c| c > 235) {
                white_with += 1;
            }
            if without[i..i + 3].iter().all(|&c| c > 235) {
                white_without += 1;
            }
        }
    }
    let band = w * h * 30 / 100;
    assert!(differ > band / 25, "only {differ} of {band} centre pixels changed");
    assert!(white_with > white_without + 1500, "text colour: {white_with} vs {white_without} white pixels");
}

#[test]
fn text_effects_render_and_animate() {
    for effect in ["sparkling", "glowing", "neon", "fading", "typewriter", "bouncing"] {
        let p = format!("the word 'Kino' in {effect} letters");
        let a = frame(&p, 2);
        let b = frame(&p, 40);
        assert_ne!(a, b, "{effect}: frames 2 and 40 are identical");
    }
    // Typewriter starts with fewer letters than it ends with.
    let bright = |rgba: &[u8]| rgba.chunks_exact(4).filter(|p| p[0] > 230 && p[1] > 230 && p[2] > 230).count();
    let early = bright(&frame("the word 'Typewriter' typed out in typewriter letters", 1));
    let late = bright(&frame("the word 'Typewriter' typed out in typewriter letters", 90));
    assert!(late > early * 2, "typewriter: {early} then {late} bright pixels");
}

/// The shift (dx, dy) that best maps frame `a` onto frame `b`, searched over ±`reach` pixels
/// on a luminance image: content that moved right gives dx > 0.
fn best_shift(a: &[u8], b: &[u8], w: usize, h: usize, reach: i32, vertical: bool) -> i32 {
    let la: Vec<f32> = a.chunks_exact(4).map(luma).collect();
    let lb: Vec<f32> = b.chunks_exact(4).map(luma).collect();
    let mut best = (f32::MAX, 0);
    for s in -reach..=reach {
        let (mut sum, mut n) = (0.0f32, 0u32);
        for y in (reach as usize..h - reach as usize).step_by(2) {
            for x in (reach as usize..w - reach as usize).step_by(2) {
                let (sx, sy) = if vertical { (x as i32, y as i32 - s) } else { (x as i32 - s, y as i32) };
                sum += (lb[y * w + x] - la[sy as usize * w + sx as usize]).abs();
                n += 1;
            }
        }
        let m = sum / n as f32;
        if m < best.0 {
            best = (m, s);
        }
    }
    best.1
}

#[test]
fn camera_pans_and_tilts_move_the_content() {
    let (w, h) = (640, 360);
    let right = best_shift(
        &frame("a castle on a hill at noon, camera pans right", 0),
        &frame("a castle on a hill at noon, camera pans right", 23),
        w,
        h,
        50,
        false,
    );
    assert!(right < -5, "pan right should move content left, got {right}");
    let left = best_shift(
        &frame("a castle on a hill at noon, camera pans left", 0),
        &frame("a castle on a hill at noon, camera pans left", 23),
        w,
        h,
        50,
        false,
    );
    assert!(left > 5, "pan left should move content right, got {left}");
    let up = best_shift(
        &frame("a castle on a hill at noon, camera tilts up", 0),
        &frame("a castle on a hill at noon, camera tilts up", 23),
        w,
        h,
        50,
        true,
    );
    assert!(up > 5, "tilt up should move content down, got {up}");
    // Zooming in grows the subject.
    let s = spec("dolly in on a red car at noon", 640, 360);
    let a = inspect::main_subject_box(&s, 0).expect("box");
    let b = inspect::main_subject_box(&s, 90).expect("box");
    assert!(b[2] - b[0] > (a[2] - a[0]) * 1.1, "dolly in: {a:?} then {b:?}");
}

#[test]
fn tracking_keeps_the_subject_centred() {
    let s = spec("tracking shot of a blue car driving down a road", 640, 360);
    for i in [0, 48, 95] {
        let [l, _, r, _] = inspect::main_subject_box(&s, i).expect("box");
        let cx = (l + r) * 0.5;
        assert!((cx - 320.0).abs() < 40.0, "frame {i}: subject centre at {cx}");
    }
}

/// Pixels brighter than both neighbours two columns away: thin vertical bright marks.
fn streak_pixels(rgba: &[u8], w: usize) -> usize {
    let l: Vec<f32> = rgba.chunks_exact(4).map(luma).collect();
    let h = l.len() / w;
    let mut n = 0;
    for y in 0..h {
        for x in 2..w - 2 {
            let c = l[y * w + x];
            if c > l[y * w + x - 2] + 15.0 && c > l[y * w + x + 2] + 15.0 {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn rain_draws_streaks_and_wet_reflections() {
    let wet = streak_pixels(&frame("a red car on a road in the rain at dusk", 30), 640);
    let dry = streak_pixels(&frame("a red car on a road at dusk", 30), 640);
    assert!(wet > dry * 2 + 1000, "rain streak pixels {wet} vs dry {dry}");
}

#[test]
fn same_spec_same_frame_and_seed_changes_it() {
    let p = "three birds flying over a snowy mountain at dawn, handheld";
    let a = inspect::frame(&spec(p, 320, 180), 17).expect("frame");
    let b = inspect::frame(&spec(p, 320, 180), 17).expect("frame");
    assert_eq!(a, b);
    let mut other = spec(p, 320, 180);
    other.seed = 8;
    assert_ne!(a, inspect::frame(&other, 17).expect("frame"));
}

#[test]
fn every_contract_size_renders_text_and_camera_moves() {
    for (w, h) in [(720, 1280), (1280, 720), (1024, 1792), (1792, 1024), (1080, 1920), (1920, 1080)] {
        for p in [
            "zoom out from a lighthouse at night with the words 'Good night' glowing",
            "camera orbits a robot in the snow",
        ] {
            let rgba = inspect::frame(&spec(p, w, h), 40).expect("frame");
            assert_eq!(rgba.len(), (w * h * 4) as usize);
            assert!(rgba.chunks_exact(4).all(|px| px[3] == 255), "{w}x{h} {p}");
        }
    }
}

#[test]
fn every_shape_and_setting_draws_something() {
    // One prompt per noun family and setting; each must differ from the empty scene.
    let empty = frame("an empty field at noon", 12);
    for noun in [
        "car",
        "bus",
        "truck",
        "bicycle",
        "motorcycle",
        "train",
        "tram",
        "boat",
        "ship",
        "airplane",
        "helicopter",
        "rocket",
        "hot air balloon",
        "submarine",
        "ufo",
        "cat",
        "dog",
        "fox",
        "rabbit",
        "deer",
        "horse",
        "cow",
        "bear",
        "elephant",
        "giraffe",
        "monkey",
        "bird",
        "owl",
        "duck",
        "penguin",
        "fish",
        "shark",
        "whale",
        "dolphin",
        "octopus",
        "jellyfish",
        "turtle",
        "frog",
        "butterfly",
        "bee",
        "snail",
        "snake",
        "person",
        "child",
        "crowd",
        "robot",
        "dragon",
        "dinosaur",
        "monster",
        "alien",
        "ghost",
        "teddy bear",
        "unicorn",
        "snowman",
        "cup",
        "kite",
        "ball",
        "balloon",
        "lamp",
        "lantern",
        "candle",
        "book",
        "guitar",
        "piano",
        "umbrella",
        "clock",
        "chair",
        "gift",
        "cake",
        "apple",
        "flag",
        "television",
        "bottle",
        "bell",
        "house",
        "lighthouse",
        "skyscraper",
        "tower",
        "bridge",
        "castle",
        "windmill",
        "tent",
        "statue",
        "fountain",
        "ferris wheel",
        "pyramid",
        "tree",
        "palm tree",
        "flower",
        "leaf",
        "mountain",
        "volcano",
        "rock",
        "cloud",
        "sun",
        "moon",
        "star",
        "planet",
        "rainbow",
        "wave",
        "fire",
        "tornado",
        "snowflake",
        "iceberg",
    ] {
        let rgba = frame(&format!("a {noun} in a field at noon"), 12);
        let changed = rgba.chunks_exact(4).zip(empty.chunks_exact(4)).filter(|(a, b)| a != b).count();
        assert!(changed > 1500, "{noun}: only {changed} pixels differ from the empty field");
    }
    for setting in [
        "city street",
        "road",
        "park",
        "garden",
        "field",
        "beach",
        "ocean",
        "lake",
        "harbor",
        "forest",
        "desert",
        "mountains",
        "snowfield",
        "space",
        "underwater",
        "village",
        "kitchen",
        "cafe",
        "room",
        "table",
        "stage",
    ] {
        let rgba = frame(&format!("a cat in the {setting}, fog, dust"), 12);
        assert!(rgba.chunks_exact(4).all(|p| p[3] == 255), "{setting}");
    }
}

/// Each named subject's drawn box in the middle frame, in plan order.
fn boxes(prompt: &str, width: u32, height: u32) -> Vec<[f32; 4]> {
    let s = spec(prompt, width, height);
    let mid = s.frame_count() / 2;
    inspect::subject_boxes(&s, mid).expect("boxes").into_iter().map(|b| b.expect("drawn, on frame")).collect()
}

fn centre(b: [f32; 4]) -> (f32, f32) {
    ((b[0] + b[2]) * 0.5, (b[1] + b[3]) * 0.5)
}

#[test]
fn related_subjects_are_drawn_on_their_stated_sides() {
    for (w, h) in [(640, 360), (360, 640)] {
        let b = boxes("a cat on the left of a dog", w, h);
        assert!(centre(b[0]).0 < centre(b[1]).0, "{w}x{h}: cat {:?} not left of dog {:?}", b[0], b[1]);
        assert!(b[0][2] <= b[1][0] + 4.0, "{w}x{h}: side by side, not overlapping: {b:?}");
        let b = boxes("a bicycle on the right of a car", w, h);
        assert!(centre(b[0]).0 > centre(b[1]).0, "{w}x{h}: bicycle not right of car: {b:?}");
    }
}

#[test]
fn a_thing_on_top_of_another_rests_on_it_in_every_frame_shape() {
    for (w, h) in [(640, 360), (360, 640), (480, 480)] {
        // "on top of": the microwave's base on the oven's measured top, one above the other.
        let b = boxes("a microwave on the top of an oven", w, h);
        let (microwave, oven) = (b[0], b[1]);
        assert!((microwave[3] - oven[1]).abs() <= 2.0, "{w}x{h}: microwave {microwave:?} not on oven {oven:?}");
        assert!((centre(microwave).0 - centre(oven).0).abs() < 0.2 * (oven[2] - oven[0]), "{w}x{h}: not centred");
        assert!(microwave[1] >= 0.0 && oven[3] <= h as f32, "{w}x{h}: both on frame");
        // "on the bottom of": the first named is the one underneath.
        let b = boxes("an apple on the bottom of a sandwich", w, h);
        assert!(centre(b[0]).1 > centre(b[1]).1, "{w}x{h}: apple {:?} not under sandwich {:?}", b[0], b[1]);
    }
}

#[test]
fn a_crossing_subject_travels_through_the_frame_however_long_the_clip() {
    for prompt in ["a taxi crossing the street", "a bird flying across the sky", "a deer running past a lighthouse"] {
        for seconds in [4, 20] {
            let s = GenerationSpec { seconds, ..spec(prompt, 320, 180) };
            let last = s.frame_count() - 1;
            let at = |i: u32| inspect::subject_boxes(&s, i).expect("boxes")[0].map(|b| (b[0] + b[2]) * 0.5);
            // It enters at the left edge (or just outside it), is in the middle halfway, and
            // leaves by the right edge.
            assert!(at(0).is_none_or(|x| x < 20.0), "{prompt} ({seconds} s) starts at {:?}", at(0));
            assert!(at(last / 2).is_some_and(|x| (110.0..210.0).contains(&x)), "{prompt} ({seconds} s) halfway");
            assert!(at(last).is_none_or(|x| x > 300.0), "{prompt} ({seconds} s) ends at {:?}", at(last));
        }
    }
}

#[test]
fn a_twenty_second_clip_keeps_moving_to_its_end() {
    for prompt in ["a dog running through a park, camera pans right", "a sailboat on the ocean at sunset"] {
        let s = GenerationSpec { seconds: 20, ..spec(prompt, 320, 180) };
        let (a, b) = (inspect::frame(&s, 16 * 24).expect("frame"), inspect::frame(&s, 19 * 24).expect("frame"));
        let changed = a.chunks_exact(4).zip(b.chunks_exact(4)).filter(|(p, q)| p != q).count();
        assert!(changed * 20 > a.len() / 4, "{prompt}: only {changed} pixels change between 16 s and 19 s");
    }
}
