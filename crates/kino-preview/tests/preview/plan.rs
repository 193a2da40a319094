//! The prompt planner through its public API: the issue's prompts, the JSON form, the
//! data-driven vocabulary (including user extensions), robustness and linear work.

use kino_preview::inspect::plan_steps;
use kino_preview::plan::{
    Action, AudioCue, CameraKind, Category, Direction, Lighting, Music, Planner, ScenePlan, Setting, Shot, Speed,
    TextEffect, TimeOfDay, Vocabulary, Weather, plan, plan_with,
};

fn subject<'a>(p: &'a ScenePlan, noun: &str) -> &'a kino_preview::plan::Subject {
    p.subjects.iter().find(|s| s.noun == noun).unwrap_or_else(|| panic!("no {noun:?} in {p:#?}"))
}

#[test]
fn taxi_at_blue_hour() {
    let p = plan(
        "Wide tracking shot of a yellow taxi crossing a rain-soaked city street at blue hour, neon reflections, natural ambient audio.",
    );
    assert_eq!(p.shot, Some(Shot::Wide));
    assert_eq!(p.camera.kind, CameraKind::Tracking);
    assert_eq!(p.subjects.len(), 1, "{p:#?}");
    let taxi = subject(&p, "taxi");
    assert_eq!((taxi.count, taxi.category, taxi.shape.as_str()), (1, Category::Vehicle, "car"));
    assert_eq!(taxi.color_name.as_deref(), Some("yellow"));
    let c = taxi.color.expect("colour");
    assert!(c.r > 200 && c.g > 200 && c.b < 80, "{c:?}");
    assert_eq!(taxi.action, Some(Action::Crossing));
    assert_eq!(p.setting, Some(Setting::CityStreet));
    assert_eq!(p.time_of_day, Some(TimeOfDay::BlueHour));
    assert!(p.lighting.contains(&Lighting::Neon));
    assert_eq!(p.weather, vec![Weather::Rain]);
    assert!(p.palette.is_empty(), "blue hour is not a colour: {:?}", p.palette);
    assert!(p.audio.ambient && !p.audio.silent);
    assert!(p.audio.cues.contains(&AudioCue::Rain) && p.audio.cues.contains(&AudioCue::Traffic));
}

#[test]
fn sparkling_thank_you() {
    let p = plan("A video of the words 'Thank you' in sparkling letters");
    let text = p.text.as_ref().expect("text");
    assert_eq!(text.text, "Thank you");
    assert_eq!(text.effect, TextEffect::Sparkle);
    // The words of the title are not subjects.
    assert!(p.subjects.is_empty(), "{:?}", p.subjects);
}

#[test]
fn steaming_coffee_in_morning_light() {
    let p = plan("Close-up of a steaming coffee cup on a wooden table, morning light through blinds");
    assert_eq!(p.shot, Some(Shot::CloseUp));
    let cup = subject(&p, "coffee cup");
    assert_eq!((cup.count, cup.shape.as_str(), cup.category), (1, "cup", Category::Object));
    assert!(cup.action == Some(Action::Steaming) || p.weather.contains(&Weather::Steam));
    assert_eq!(p.setting, Some(Setting::Table));
    assert_eq!(p.time_of_day, Some(TimeOfDay::Morning));
    assert!(p.lighting.contains(&Lighting::Blinds) || p.lighting.contains(&Lighting::Soft));
}

#[test]
fn child_flying_a_red_kite() {
    let p = plan(
        "Wide shot of a child flying a red kite in a grassy park, golden hour sunlight, camera slowly pans upward.",
    );
    assert_eq!(p.shot, Some(Shot::Wide));
    assert_eq!(p.camera.kind, CameraKind::Tilt, "\"pans upward\" is a tilt up");
    assert_eq!(p.camera.direction, Some(Direction::Up));
    assert_eq!(p.camera.speed, Speed::Slow);
    let child = subject(&p, "child");
    assert_eq!(child.color, None, "red binds to the kite, not the child");
    assert_eq!(child.category, Category::Person);
    let kite = subject(&p, "kite");
    assert_eq!(kite.color_name.as_deref(), Some("red"));
    assert_eq!(kite.action, Some(Action::Flying));
    assert_eq!(p.setting, Some(Setting::Park));
    assert_eq!(p.time_of_day, Some(TimeOfDay::GoldenHour));
    assert!(p.palette.iter().all(|c| c.name != "golden"), "golden hour is lighting: {:?}", p.palette);
}

#[test]
fn calico_cat_at_the_piano() {
    let p = plan("A calico cat playing a piano on stage");
    let cat = subject(&p, "cat");
    assert_eq!((cat.category, cat.action), (Category::Animal, Some(Action::Playing)));
    assert_eq!(cat.color_name.as_deref(), Some("calico"));
    assert_eq!(subject(&p, "piano").category, Category::Object);
    assert_eq!(p.setting, Some(Setting::Stage));
}

#[test]
fn json_is_snake_case_and_stable() {
    let p = plan("Three red balloons floating over a beach in a palette of teal, sand, and rust, upbeat music");
    let json = serde_json::to_string(&p).expect("serialise");
    assert_eq!(
        json,
        r#"{"shot":null,"camera":{"kind":"static","direction":null,"speed":"normal"},"subjects":[{"noun":"balloon","shape":"balloon","category":"object","count":3,"color":[255,0,0],"color_name":"red","action":"floating","position_hint":null}],"setting":"beach","time_of_day":null,"lighting":[],"weather":[],"palette":[{"name":"teal","rgb":[0,128,128]},{"name":"sand","rgb":[194,178,128]},{"name":"rust","rgb":[183,65,14]}],"text":null,"audio":{"cues":["waves"],"music":"upbeat","silent":false,"ambient":false},"unplaced":[]}"#
    );
    let p = plan("Close-up, golden hour, dolly in, turning around, blue hour");
    let json = serde_json::to_string(&p).expect("serialise");
    assert!(json.contains(r#""shot":"close_up""#) && json.contains(r#""time_of_day":"golden_hour""#), "{json}");
    assert!(json.contains(r#""kind":"dolly","direction":"in""#), "{json}");
    assert!(!p.to_json_pretty().is_empty());
}

#[test]
fn deterministic_and_case_insensitive() {
    let a = plan("A Yellow TAXI crossing a CITY STREET at Blue Hour!!!");
    let b = plan("a yellow taxi crossing a city street at blue hour");
    assert_eq!(a, b);
    assert_eq!(a, plan("A Yellow TAXI crossing a CITY STREET at Blue Hour!!!"));
    assert_eq!(plan("a yellow taxi,crossing;a city-street"), plan("a yellow taxi crossing a city street"));
}

#[test]
fn colours_bind_to_the_next_subject_never_the_setting() {
    let p = plan("A green park with a dog");
    assert_eq!(subject(&p, "dog").color, None);
    assert_eq!(p.palette.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["green"]);
    let p = plan("A yellow taxi and a red kite");
    assert_eq!(subject(&p, "taxi").color_name.as_deref(), Some("yellow"));
    assert_eq!(subject(&p, "kite").color_name.as_deref(), Some("red"));
    // "snow" is a CSS colour, but here it is weather.
    let p = plan("A fox in the snow");
    assert!(p.weather.contains(&Weather::Snow) && subject(&p, "fox").color.is_none());
    // Every CSS colour name resolves, run-together or spelled out.
    for (name, rgb) in [("rebeccapurple", [102, 51, 153]), ("dark slate gray", [47, 79, 79]), ("teal", [0, 128, 128])] {
        let p = plan(&format!("a {name} car"));
        assert_eq!(subject(&p, "car").color.map(<[u8; 3]>::from), Some(rgb), "{name}");
    }
}

#[test]
fn quotes_of_every_kind() {
    for (prompt, text) in [
        ("a banner reading \"Grand Opening\"", "Grand Opening"),
        ("the words “Good night” glowing", "Good night"),
        ("the words ‘See you soon’ typed out", "See you soon"),
        ("the word 'Kino' bouncing", "Kino"),
        ("a sign saying «Bonjour»", "Bonjour"),
    ] {
        assert_eq!(plan(prompt).text.map(|t| t.text).as_deref(), Some(text), "{prompt}");
    }
    assert_eq!(plan("the child's kite and the dog's ball").text, None, "apostrophes are not quotes");
    assert_eq!(plan("the words “Good night” glowing").text.map(|t| t.effect), Some(TextEffect::Glow));
    assert_eq!(plan("the words ‘See you soon’ typed out").text.map(|t| t.effect), Some(TextEffect::Typewriter));
}

#[test]
fn silence_wins_over_sound_words() {
    let p = plan("Rain on a tin roof, calm music, silent");
    assert!(p.audio.silent && p.audio.cues.is_empty() && p.audio.music.is_none() && !p.audio.ambient);
    let p = plan("Rain on a tin roof with a calm piano music bed");
    assert_eq!(p.audio.music, Some(Music::Calm));
    assert_eq!(p.audio.cues, vec![AudioCue::Rain]);
}

#[test]
fn unknown_nouns_become_an_orb_only_when_no_noun_is_known() {
    let p = plan("A wobbly snorkfish hovering in a dark room");
    assert_eq!(p.subjects.len(), 1);
    assert_eq!((p.subjects[0].noun.as_str(), p.subjects[0].shape.as_str()), ("snorkfish", "orb"));
    assert_eq!(p.subjects[0].category, Category::Unknown);
    assert_eq!(p.subjects[0].action, Some(Action::Hovering));
    let p = plan("A snorkfish next to a cat");
    assert!(p.subjects.iter().all(|s| s.shape != "orb"), "{:?}", p.subjects);
    let p = plan("");
    assert_eq!(p.subjects.len(), 1);
    assert_eq!(p.subjects[0].shape, "orb");
}

#[test]
fn the_default_vocabulary_is_complete_and_consistent() {
    let v = Vocabulary::default();
    assert!(v.validate().is_empty(), "{:?}", v.validate());
    assert!(v.nouns.len() >= 60, "{} nouns", v.nouns.len());
    for cat in [
        Category::Vehicle,
        Category::Animal,
        Category::Person,
        Category::Creature,
        Category::Object,
        Category::Building,
        Category::Nature,
    ] {
        assert!(v.nouns.values().filter(|n| n.category == cat).count() >= 5, "{cat:?}");
    }
    for noun in [
        "car",
        "taxi",
        "bus",
        "truck",
        "bicycle",
        "motorcycle",
        "train",
        "tram",
        "boat",
        "ship",
        "sailboat",
        "airplane",
        "helicopter",
        "rocket",
        "hot air balloon",
        "cat",
        "dog",
        "bird",
        "horse",
        "fish",
        "whale",
        "butterfly",
        "deer",
        "fox",
        "rabbit",
        "owl",
        "eagle",
        "duck",
        "person",
        "man",
        "woman",
        "child",
        "runner",
        "dancer",
        "crowd",
        "robot",
        "dragon",
        "monster",
        "alien",
        "teddy bear",
        "coffee cup",
        "kite",
        "ball",
        "balloon",
        "lamp",
        "book",
        "guitar",
        "umbrella",
        "clock",
        "house",
        "lighthouse",
        "skyscraper",
        "tower",
        "bridge",
        "castle",
        "windmill",
        "tree",
        "flower",
        "mountain",
        "cloud",
        "sun",
        "moon",
        "star",
        "wave",
        "fire",
    ] {
        assert!(v.nouns.contains_key(noun), "{noun}");
    }
    // Every shape listed is used by some noun, so the renderer's list has no dead entries.
    for shape in &v.shapes {
        assert!(v.nouns.values().any(|n| &n.shape == shape), "{shape}");
    }
    assert!(v.shapes.iter().any(|s| s == "orb"));
    for c in ["aliceblue", "yellowgreen", "golden", "crimson", "teal", "rust", "sand", "navy"] {
        assert!(v.colors.contains_key(c), "{c}");
    }
    assert!(v.colors.len() >= 148);
    // Plurals: irregulars from the table, regular ones by rule.
    for (prompt, noun) in
        [("people", "person"), ("geese", "goose"), ("buses", "bus"), ("butterflies", "butterfly"), ("wolves", "wolf")]
    {
        let p = plan(prompt);
        assert_eq!(p.subjects.first().map(|s| s.noun.as_str()), Some(noun), "{prompt}");
        assert_eq!(p.subjects[0].count, 3, "{prompt}");
    }
}

#[test]
fn a_user_vocabulary_adds_words() {
    let prompt = "A silver zeppelin drifting over a glimmerfen at teatime";
    let before = plan(prompt);
    assert_eq!(subject(&before, "zeppelin").category, Category::Unknown);

    let extra = Vocabulary::from_json(
        r#"{
            "nouns": {"zeppelin": {"category": "vehicle", "shape": "airship"}},
            "shapes": ["airship"],
            "settings": {"glimmerfen": "lake"},
            "times": {"teatime": "afternoon"},
            "colors": {"kino blue": [10, 20, 200]}
        }"#,
    )
    .expect("user vocabulary");
    let vocab = Vocabulary::default().extend(extra);
    assert!(vocab.validate().is_empty(), "{:?}", vocab.validate());
    let p = plan_with(prompt, &vocab);
    let z = subject(&p, "zeppelin");
    assert_eq!((z.category, z.shape.as_str(), z.count), (Category::Vehicle, "airship", 1));
    assert_eq!(z.color_name.as_deref(), Some("silver"));
    assert_eq!(z.action, Some(Action::Drifting));
    assert_eq!(p.setting, Some(Setting::Lake));
    assert_eq!(p.time_of_day, Some(TimeOfDay::Afternoon));
    // Plurals and multi-word colours work for user words too, and old words still do.
    let planner = Planner::new(&vocab);
    let p = planner.plan("two kino blue zeppelins and a red taxi");
    assert_eq!(subject(&p, "zeppelin").count, 2);
    assert_eq!(subject(&p, "zeppelin").color_name.as_deref(), Some("kino blue"));
    assert_eq!(subject(&p, "taxi").color_name.as_deref(), Some("red"));
}

#[test]
fn bad_vocabulary_files_are_errors() {
    assert!(Vocabulary::from_json("{").is_err());
    assert!(Vocabulary::from_json(r#"{"nouns": {"x": {"category": "spaceship", "shape": "orb"}}}"#).is_err());
    assert!(Vocabulary::from_json(r#"{"wrods": {}}"#).is_err());
    assert_eq!(Vocabulary::from_json("{}").expect("empty is fine"), Vocabulary::empty());
    let bad_shape =
        Vocabulary::from_json(r#"{"nouns": {"x": {"category": "object", "shape": "nope"}}}"#).expect("parses");
    assert_eq!(bad_shape.validate().len(), 1);
}

#[test]
fn kinds_of_known_nouns_are_drawn_as_them_and_unknown_words_are_listed() {
    let p = plan("A dalmatian chasing a sedan past a poodle");
    for (noun, shape) in [("dalmatian", "dog"), ("sedan", "car"), ("poodle", "dog")] {
        assert_eq!(subject(&p, noun).shape, shape, "{noun}");
    }
    let p = plan("A quokka and a narwhal eating a sandwich, the text 'Quokka Time'");
    assert_eq!(p.unplaced, ["quokka", "narwhal"], "quoted text is not a word to place: {p:#?}");
    assert!(plan("A red car on a city street").unplaced.is_empty());
    // A user's kinds extend the table; one naming a noun nobody has is a problem to report.
    let mine = Vocabulary::from_json(r#"{"kinds": {"quokka": "rabbit", "narwhal": "whale", "gizmo": "doohickey"}}"#)
        .expect("parses");
    let vocab = Vocabulary::default().extend(mine);
    assert_eq!(vocab.validate(), ["kind \"gizmo\" is a \"doohickey\", which is not a noun"]);
    let p = plan_with("a quokka next to a narwhal", &vocab);
    assert_eq!((subject(&p, "quokka").shape.as_str(), subject(&p, "narwhal").shape.as_str()), ("rabbit", "whale"));
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
}

/// xorshift64*: a fixed pseudo-random stream for the fuzz tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn char(&mut self) -> char {
        const PICKS: &[char] =
            &[' ', ' ', ' ', '\'', '"', '“', '”', '‘', '’', ',', '.', '-', '«', '»', '!', '\n', '3', 'é', 'ß', 'İ'];
        match self.next() % 4 {
            0 => PICKS[(self.next() % PICKS.len() as u64) as usize],
            1 => char::from(b'a' + (self.next() % 26) as u8),
            _ => loop {
                if let Some(c) = char::from_u32((self.next() % 0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }
}

#[test]
fn never_panics_on_random_text() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words =
        ["a", "red", "taxi", "'", "blue hour", "three", "pans", "up", "the", "\"", "camera", "palette of", "teal", ","];
    for round in 0..400 {
        let len = (rng.next() % 200) as usize;
        let s: String = if round % 2 == 0 {
            (0..len).map(|_| rng.char()).collect()
        } else {
            (0..len / 4).map(|_| words[(rng.next() % words.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
        };
        let p = plan(&s);
        assert!(!p.subjects.is_empty() || p.text.is_some());
        assert!(serde_json::to_string(&p).is_ok());
    }
}

/// Planning work allowed per prompt character (the long prompts below take 7 to 19).
const STEPS_PER_CHAR: u64 = 32;

#[test]
fn long_prompts_are_fast_and_bounded() {
    let mut rng = Rng(42);
    let random: String = (0..32_000).map(|_| rng.char()).collect();
    let sentence = "Wide tracking shot of three yellow taxis crossing a rain-soaked city street at blue hour, the words 'Hi' in neon, a palette of teal and rust. ";
    let prose: String = sentence.repeat(32_000 / sentence.len() + 1).chars().take(32_000).collect();
    let quotes = "'".repeat(32_000);
    let dquotes = "\"a".repeat(16_000);
    let opens = "“a ".repeat(10_700);
    let digits = "9".repeat(32_000);
    let articles = "a ".repeat(16_000);
    let one_word = "x".repeat(32_000);
    for (name, prompt) in [
        ("random", &random),
        ("prose", &prose),
        ("quotes", &quotes),
        ("dquotes", &dquotes),
        ("opens", &opens),
        ("digits", &digits),
        ("articles", &articles),
        ("one word", &one_word),
    ] {
        let (p, steps) = plan_steps(prompt);
        assert_eq!(p, plan(prompt), "{name}: counting must not change the plan");
        assert!(
            p.subjects.len() <= kino_preview::plan::MAX_SUBJECTS && p.palette.len() <= kino_preview::plan::MAX_PALETTE
        );
        // Linear, counted rather than timed (the clock's view: `kino-bench plan`): 4x the text
        // takes about 4x the planner's steps (characters, tokens, items and key bytes visited),
        // where quadratic work would take 16x; and a bounded number of steps per character.
        let chars = prompt.chars().count() as u64;
        let quarter: String = prompt.chars().take(prompt.chars().count() / 4).collect();
        let (_, quarter_steps) = plan_steps(&quarter);
        println!("{name}: {chars} chars in {steps} steps, a quarter in {quarter_steps}");
        assert!(
            steps <= quarter_steps * 9 / 2 + 64,
            "{name}: {steps} steps for the whole, {quarter_steps} for a quarter"
        );
        assert!(steps <= STEPS_PER_CHAR * chars, "{name}: {steps} steps for {chars} chars");
    }
    let p = plan(&prose);
    assert_eq!(subject(&p, "taxi").count, 3);
}

#[test]
fn a_modifier_noun_is_the_thing_alone_and_an_adjective_before_another_word() {
    let shapes = |p: &str| kino_preview::plan(p).subjects.into_iter().map(|s| s.shape).collect::<Vec<_>>();
    assert_eq!(shapes("a remote"), ["remote"]);
    assert_eq!(shapes("a remote on the table"), ["remote"]);
    assert_eq!(shapes("a laptop and a remote"), ["laptop", "remote"]);
    assert_eq!(shapes("a remote, a phone and a cup"), ["remote", "cell_phone", "cup"]);
    // Before a noun, a place or a word it does not know, it describes what follows.
    assert_eq!(shapes("a remote cabin in the woods"), ["house"]);
    assert_eq!(shapes("a remote-controlled car"), ["car"]);
    assert!(shapes("a remote village in the mountains").is_empty());
    assert!(!shapes("a remote island").contains(&"remote".to_string()));
}
