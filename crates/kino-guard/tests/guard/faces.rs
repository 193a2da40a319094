//! The face rules on real images: photos of people are refused, a cat, a coffee cup and a
//! drawn smiley are not, and a switched-off rule looks at nothing.
use kino_guard::{Gray, Policy, faces};

fn gray(name: &str) -> Gray {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let img = image::open(&path).unwrap_or_else(|e| panic!("{path}: {e}")).to_rgb8();
    Gray::from_packed(img.as_raw(), img.width(), img.height(), 3)
}

#[test]
fn photos_of_people_have_faces() {
    let settings = faces::DEFAULT_SETTINGS;
    for name in ["face_astronaut.png", "face_grace_hopper.jpg"] {
        let found = faces::detect(&gray(name), &settings);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let f = found[0];
        assert!(f.width >= 60 && f.score >= settings.min_score, "{name}: {f:?}");
    }
}

#[test]
fn animals_objects_and_drawings_do_not() {
    for name in ["no_face_cat.png", "no_face_coffee.png", "no_face_drawing.png"] {
        assert!(faces::detect(&gray(name), &faces::DEFAULT_SETTINGS).is_empty(), "{name}");
    }
}

#[test]
fn the_rule_blocks_and_can_be_switched_off() {
    let policy = Policy::builtin();
    let b = policy.input_faces.check([&gray("no_face_cat.png"), &gray("face_astronaut.png")]).unwrap_err();
    assert_eq!(b.rule, "input_faces");
    assert!(policy.input_faces.check([&gray("no_face_cat.png")]).is_ok());
    let mut off = policy.input_faces.clone();
    off.enabled = false;
    assert!(off.check([&gray("face_astronaut.png")]).is_ok());
}

#[test]
fn large_and_tiny_images_are_handled() {
    // A 4000x3000 upscale of the astronaut: detected after the reduction to 960 px.
    let small = gray("face_astronaut.png");
    let (w, h) = (4000u32, 3000u32);
    let mut pixels = vec![128u8; (w * h) as usize];
    for y in 0..h {
        for x in 0..w.min(3000) {
            let (sx, sy) = (x * small.width / 3000, y * small.height / 3000);
            pixels[(y * w + x) as usize] = small.pixels[(sy * small.width + sx) as usize];
        }
    }
    let big = Gray { width: w, height: h, pixels };
    let found = faces::detect(&big, &faces::DEFAULT_SETTINGS);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].width > 600, "reported in the input's pixels: {:?}", found[0]);
    for (w, h) in [(1, 1), (19, 300), (300, 19), (0, 0)] {
        let g = Gray { width: w, height: h, pixels: vec![0; (w * h) as usize] };
        assert!(faces::detect(&g, &faces::DEFAULT_SETTINGS).is_empty());
    }
    let wrong = Gray { width: 100, height: 100, pixels: vec![0; 10] };
    assert!(faces::detect(&wrong, &faces::DEFAULT_SETTINGS).is_empty());
}
