//! Every place in the vocabulary looks like itself: in its rendered middle frame, its key prop
//! (the first it lists: a bathroom's tub, a gas station's canopy) is drawn where its box says,
//! and its wall and floor change the bare setting's backdrop. Places with the same look
//! (synonyms: "gas station", "petrol station") are checked once.

use std::collections::BTreeMap;

use kino_engine::GenerationSpec;
use kino_preview::Vocabulary;
use kino_preview::inspect::{self, Layers};
use kino_preview::plan::Place;

fn spec(prompt: &str) -> GenerationSpec {
    GenerationSpec {
        prompt: prompt.into(),
        width: 320,
        height: 180,
        fps: 24,
        seconds: 4,
        seed: 3,
        ..Default::default()
    }
}

/// The share of box `b` where the frame differs from the backdrop (what a drawing covered).
fn drawn(l: &Layers, b: Option<[f32; 4]>, width: usize) -> f64 {
    let Some([x0, y0, x1, y1]) = b else { return 0.0 };
    let (mut n, mut hit) = (0usize, 0usize);
    for y in y0 as usize..y1 as usize {
        for x in x0 as usize..x1 as usize {
            let i = (y * width + x) * 4;
            let d: u32 = (0..3).map(|c| u32::from(l.frame[i + c].abs_diff(l.backdrop[i + c]))).sum();
            n += 1;
            hit += usize::from(d > 48);
        }
    }
    if n == 0 { 0.0 } else { hit as f64 / n as f64 }
}

/// The share of pixels where two frames differ.
fn changed(a: &[u8], b: &[u8]) -> f64 {
    let px = a.chunks_exact(4).zip(b.chunks_exact(4));
    let n = px.clone().count().max(1);
    px.filter(|(p, q)| p.iter().zip(*q).take(3).map(|(x, y)| u32::from(x.abs_diff(*y))).sum::<u32>() > 48).count()
        as f64
        / n as f64
}

#[test]
fn every_place_draws_its_key_prop_and_its_wall_and_floor() {
    let v = Vocabulary::default();
    // One prompt per distinct look, named by its first phrase.
    let mut looks: BTreeMap<String, (&str, &Place)> = BTreeMap::new();
    for (name, place) in &v.places {
        let key = format!("{:?}", (place.setting, place.wall, place.floor, &place.props));
        looks.entry(key).or_insert((name.as_str(), place));
    }
    assert!(looks.len() >= 70, "only {} places", looks.len());
    let mut failures = Vec::new();
    for (name, place) in looks.values() {
        let s = spec(name);
        let mid = s.frame_count() / 2;
        let l = inspect::layers(&s, mid).expect("layers");
        let planned = kino_preview::plan(name);
        if planned.place.as_ref().map(|p| &p.props) != Some(&place.props) {
            failures.push(format!("{name}: planned as {:?}", planned.place));
            continue;
        }
        if !place.props.is_empty() {
            // The key prop is a prop, or the named subject when the prompt names it ("castle").
            let best = l.props.iter().chain(&l.boxes).map(|b| drawn(&l, *b, 320)).fold(0.0, f64::max);
            if best < 0.15 {
                failures.push(format!("{name}: no prop drawn ({:.0}% of its box)", 100.0 * best));
            }
        }
        if place.wall.is_some() || place.floor.is_some() {
            let bare = l.bare_backdrop.as_deref().expect("a place has a bare backdrop");
            let share = changed(&l.backdrop, bare);
            if share < 0.05 {
                failures.push(format!("{name}: wall and floor changed {:.0}% of the frame", 100.0 * share));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_place_named_alone_is_a_view_of_it_and_a_subject_stands_in_it() {
    let alone = kino_preview::plan("a bathroom");
    assert!(alone.subjects.is_empty(), "{:?}", alone.subjects);
    assert_eq!(alone.place.as_ref().map(|p| p.name.as_str()), Some("bathroom"));
    let with = kino_preview::plan("a cat in a gas station at night");
    assert_eq!(with.subjects.first().map(|s| s.shape.as_str()), Some("cat"));
    assert_eq!(with.place.as_ref().map(|p| p.name.as_str()), Some("gas station"));
    // A prop the prompt names is drawn once, as the subject.
    let s = spec("a castle");
    let l = inspect::layers(&s, 0).expect("layers");
    assert_eq!(l.boxes.len(), 1);
    assert!(l.props.is_empty(), "the castle is drawn twice");
}

#[test]
fn a_user_vocabulary_adds_a_place_and_a_prop_must_be_a_known_shape() {
    let extra = Vocabulary::from_json(
        r#"{"places": {"laundromat": {"setting": "room", "wall": "tiles", "floor": "tiles", "props": ["washer"]}}}"#,
    )
    .expect("parses");
    let v = Vocabulary::default().extend(extra);
    let problems = v.validate();
    assert!(problems.iter().any(|p| p.contains("laundromat") && p.contains("washer")), "{problems:?}");
    let ok = Vocabulary::from_json(
        r#"{"places": {"laundromat": {"setting": "room", "wall": "tiles", "floor": "tiles", "props": ["sink"]}}}"#,
    )
    .expect("parses");
    let v = Vocabulary::default().extend(ok);
    assert!(v.validate().is_empty(), "{:?}", v.validate());
    let plan = kino_preview::plan_with("a dog in a laundromat", &v);
    assert_eq!(plan.place.map(|p| p.props), Some(vec!["sink".to_string()]));
}
