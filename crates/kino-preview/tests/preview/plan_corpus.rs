//! A corpus of prompts with the plan fields each must produce. Each row lists only the
//! fields it is about; the other fields may be anything.

use kino_preview::plan::{
    Action as A, AudioCue as Cue, CameraKind as Cam, Category, Direction as D, Lighting as L, Music, PositionHint,
    ScenePlan, Setting as S, Shot, Speed, TextEffect as Fx, TimeOfDay as T, Weather as W, plan,
};

#[derive(Debug, Clone, Copy)]
enum Check {
    Shot(Shot),
    Cam(Cam),
    Dir(Option<D>),
    Speed(Speed),
    /// noun, count, colour name, action (None = not checked)
    Subj(&'static str, Option<u32>, Option<&'static str>, Option<A>),
    NotSubj(&'static str),
    Cat(&'static str, Category),
    Pos(&'static str, PositionHint),
    Setting(S),
    NoSetting,
    NoShot,
    Time(T),
    Light(L),
    Weather(W),
    Palette(&'static [&'static str]),
    Text(&'static str, Fx),
    Cue(Cue),
    Music(Option<Music>),
    Silent,
    Ambient,
    Orb,
}
use Check::*;

const fn subj(n: &'static str) -> Check {
    Subj(n, None, None, None)
}

fn verify(prompt: &str, checks: &[Check]) -> Vec<String> {
    let p: ScenePlan = plan(prompt);
    let mut bad = Vec::new();
    let find = |n: &str| p.subjects.iter().find(|s| s.noun == n);
    for c in checks {
        let ok = match *c {
            Shot(s) => p.shot == Some(s),
            Cam(k) => p.camera.kind == k,
            Dir(d) => p.camera.direction == d,
            Speed(s) => p.camera.speed == s,
            Subj(n, count, color, action) => find(n).is_some_and(|s| {
                count.is_none_or(|c| s.count == c)
                    && color.is_none_or(|c| s.color_name.as_deref() == Some(c))
                    && action.is_none_or(|a| s.action == Some(a))
            }),
            NotSubj(n) => find(n).is_none(),
            Cat(n, cat) => find(n).is_some_and(|s| s.category == cat),
            Pos(n, pos) => find(n).is_some_and(|s| s.position_hint == Some(pos)),
            Setting(s) => p.setting == Some(s),
            NoSetting => p.setting.is_none(),
            NoShot => p.shot.is_none(),
            Time(t) => p.time_of_day == Some(t),
            Light(l) => p.lighting.contains(&l),
            Weather(w) => p.weather.contains(&w),
            Palette(names) => p.palette.iter().map(|c| c.name.as_str()).collect::<Vec<_>>() == names,
            Text(t, fx) => p.text.as_ref().is_some_and(|x| x.text == t && x.effect == fx),
            Cue(cue) => p.audio.cues.contains(&cue),
            Music(m) => p.audio.music == m,
            Silent => p.audio.silent && p.audio.cues.is_empty() && p.audio.music.is_none(),
            Ambient => p.audio.ambient,
            Orb => p.subjects.len() == 1 && p.subjects[0].shape == "orb",
        };
        if !ok {
            bad.push(format!("{prompt:?}: expected {c:?}\n  got {}", serde_json::to_string(&p).unwrap_or_default()));
        }
    }
    bad
}

const CORPUS: &[(&str, &[Check])] = &[
    // The prompts from the issue.
    (
        "Wide tracking shot of a yellow taxi crossing a rain-soaked city street at blue hour, neon reflections, natural ambient audio.",
        &[
            Shot(Shot::Wide),
            Cam(Cam::Tracking),
            Subj("taxi", Some(1), Some("yellow"), Some(A::Crossing)),
            Setting(S::CityStreet),
            Time(T::BlueHour),
            Light(L::Neon),
            Weather(W::Rain),
            Ambient,
            Cue(Cue::Rain),
            Cue(Cue::Traffic),
        ],
    ),
    ("A video of the words 'Thank you' in sparkling letters", &[Text("Thank you", Fx::Sparkle)]),
    (
        "Close-up of a steaming coffee cup on a wooden table, morning light through blinds",
        &[
            Shot(Shot::CloseUp),
            Subj("coffee cup", Some(1), None, Some(A::Steaming)),
            Weather(W::Steam),
            Setting(S::Table),
            Time(T::Morning),
            Light(L::Blinds),
        ],
    ),
    (
        "Wide shot of a child flying a red kite in a grassy park, golden hour sunlight, camera slowly pans upward.",
        &[
            Shot(Shot::Wide),
            Cam(Cam::Tilt),
            Dir(Some(D::Up)),
            Speed(Speed::Slow),
            subj("child"),
            Subj("kite", Some(1), Some("red"), Some(A::Flying)),
            Setting(S::Park),
            Time(T::GoldenHour),
        ],
    ),
    (
        "A calico cat playing a piano on stage",
        &[
            Subj("cat", Some(1), Some("calico"), Some(A::Playing)),
            Subj("piano", Some(1), None, None),
            Setting(S::Stage),
        ],
    ),
    // Shot sizes.
    (
        "Medium shot of a woman reading a book in a cafe",
        &[Shot(Shot::Medium), Subj("woman", None, None, Some(A::Reading)), subj("book"), Setting(S::Cafe)],
    ),
    (
        "Aerial view of a lighthouse on a rocky coast",
        &[Shot(Shot::Aerial), Cat("lighthouse", Category::Building), Setting(S::Beach)],
    ),
    ("Drone shot over a snowy forest", &[Shot(Shot::Aerial), Setting(S::Snowfield)]),
    (
        "Bird's-eye view of a market at noon",
        &[Shot(Shot::Aerial), NotSubj("bird"), Setting(S::Market), Time(T::Noon), Cue(Cue::Crowd)],
    ),
    ("Macro shot of a butterfly on a flower", &[Shot(Shot::Macro), subj("butterfly"), subj("flower")]),
    ("An extreme close-up of an owl", &[Shot(Shot::CloseUp), Cat("owl", Category::Animal)]),
    ("A wide river at dusk", &[NoShot, Setting(S::River), Time(T::Dusk), Cue(Cue::Water)]),
    ("A cat on a sofa", &[NoShot, NoSetting, Cam(Cam::Static)]),
    // Camera moves.
    ("Static shot of a windmill in a field", &[Cam(Cam::Static), subj("windmill"), Setting(S::Field)]),
    (
        "The camera pans left across a harbor full of boats",
        &[Cam(Cam::Pan), Dir(Some(D::Left)), Setting(S::Harbor), Subj("boat", Some(3), None, None)],
    ),
    (
        "Slow pan from left to right over the mountains",
        &[Cam(Cam::Pan), Dir(Some(D::Right)), Speed(Speed::Slow), Setting(S::Mountains)],
    ),
    ("Camera tilts down from the sky to a castle", &[Cam(Cam::Tilt), Dir(Some(D::Down)), subj("castle")]),
    (
        "Dolly in on a robot standing in a kitchen",
        &[Cam(Cam::Dolly), Dir(Some(D::In)), Subj("robot", None, None, Some(A::Standing)), Setting(S::Kitchen)],
    ),
    ("The camera pulls back to reveal a skyscraper", &[Cam(Cam::Dolly), Dir(Some(D::Out)), subj("skyscraper")]),
    ("Zoom out from a red rose", &[Cam(Cam::Zoom), Dir(Some(D::Out)), Subj("rose", None, Some("red"), None)]),
    (
        "Quick zoom in on a clock tower",
        &[Cam(Cam::Zoom), Dir(Some(D::In)), Speed(Speed::Fast), subj("clock tower"), NotSubj("clock")],
    ),
    (
        "The camera orbits a dragon on a mountaintop",
        &[Cam(Cam::Orbit), Subj("dragon", None, None, None), Setting(S::Mountains)],
    ),
    (
        "A moon orbiting a planet in space",
        &[Cam(Cam::Static), Subj("moon", None, None, Some(A::Orbiting)), Setting(S::Space)],
    ),
    (
        "Handheld footage of a crowd of people dancing at a concert",
        &[Cam(Cam::Handheld), Subj("person", Some(12), None, Some(A::Dancing)), Setting(S::Stage)],
    ),
    (
        "Tracking shot following a runner on a road",
        &[Cam(Cam::Tracking), Cat("runner", Category::Person), Setting(S::Road)],
    ),
    // Subjects, counts, colours, plurals.
    ("Three red balloons floating", &[Subj("balloon", Some(3), Some("red"), Some(A::Floating))]),
    (
        "Two dogs running on a beach",
        &[Subj("dog", Some(2), None, Some(A::Running)), Setting(S::Beach), Cue(Cue::Waves)],
    ),
    ("A pair of swans on a lake", &[Subj("swan", Some(2), None, None), Setting(S::Lake)]),
    ("A flock of geese flying over a lake", &[Subj("goose", Some(5), None, Some(A::Flying)), Setting(S::Lake)]),
    ("children playing in the snow", &[Subj("child", Some(3), None, Some(A::Playing)), Weather(W::Snow)]),
    ("12 taxis driving down an avenue", &[Subj("taxi", Some(12), None, Some(A::Driving)), Setting(S::CityStreet)]),
    ("mice in a kitchen", &[Subj("mouse", Some(3), None, None), Setting(S::Kitchen)]),
    ("A school of fish swimming underwater", &[Subj("fish", Some(6), None, Some(A::Swimming)), Setting(S::Underwater)]),
    ("A red car and a blue bus", &[Subj("car", Some(1), Some("red"), None), Subj("bus", Some(1), Some("blue"), None)]),
    (
        "A hot air balloon rising over the desert at sunrise",
        &[
            Subj("hot air balloon", Some(1), None, Some(A::Rising)),
            NotSubj("balloon"),
            Setting(S::Desert),
            Time(T::Dawn),
        ],
    ),
    (
        "Teddy bears sitting on a bed",
        &[Subj("teddy bear", Some(3), None, Some(A::Sitting)), Cat("teddy bear", Category::Creature), NotSubj("bear")],
    ),
    (
        "A navy sailboat sailing on the ocean",
        &[Subj("sailboat", None, Some("navy"), Some(A::Sailing)), Setting(S::Ocean)],
    ),
    ("A crimson dragon breathing fire", &[Subj("dragon", None, Some("crimson"), None), subj("fire"), Cue(Cue::Fire)]),
    ("A light blue umbrella in the rain", &[Subj("umbrella", None, Some("light blue"), None), Weather(W::Rain)]),
    (
        "A golden retriever rolling in the grass",
        &[Subj("golden retriever", None, None, Some(A::Rolling)), Cat("golden retriever", Category::Animal)],
    ),
    (
        "A man walking a dog through a park",
        &[Subj("man", None, None, Some(A::Walking)), Subj("dog", None, None, Some(A::Walking)), Setting(S::Park)],
    ),
    (
        "A ballerina turning around on stage",
        &[Subj("ballerina", None, None, Some(A::TurningAround)), Cat("ballerina", Category::Person)],
    ),
    ("A whale swimming past an iceberg", &[Subj("whale", None, None, Some(A::Swimming)), subj("iceberg")]),
    ("A snowman standing in a snowfield", &[Subj("snowman", None, None, Some(A::Standing)), Setting(S::Snowfield)]),
    ("A rotating globe-like planet", &[Subj("planet", None, None, Some(A::Rotating))]),
    ("Leaves falling from a tree", &[Subj("leaf", Some(3), None, Some(A::Falling)), subj("tree")]),
    (
        "An eagle on the left and a helicopter in the background",
        &[Pos("eagle", PositionHint::Left), Pos("helicopter", PositionHint::Background)],
    ),
    ("A white rabbit on the grass", &[Subj("rabbit", None, Some("white"), None), Pos("rabbit", PositionHint::Ground)]),
    ("A tram crossing a bridge", &[Subj("tram", None, None, Some(A::Crossing)), subj("bridge")]),
    ("A rocket launching from a pad at night", &[Subj("rocket", None, None, Some(A::Rising)), Time(T::Night)]),
    ("An alien and a monster", &[Cat("alien", Category::Creature), Cat("monster", Category::Creature)]),
    // Unknown nouns.
    (
        "A shimmering glorp wandering through a misty forest",
        &[Subj("glorp", Some(1), None, Some(A::Walking)), Orb, Weather(W::Mist), Setting(S::Forest)],
    ),
    ("cinematic 4k", &[Orb]),
    ("A purple zeppelin", &[Subj("zeppelin", None, Some("purple"), None), Orb]),
    // Settings.
    ("A deer in a pine forest", &[subj("deer"), Setting(S::Forest)]),
    ("A taxi on a city street", &[Setting(S::CityStreet)]),
    ("A horse in the mountains", &[Setting(S::Mountains), NotSubj("mountain")]),
    ("A lamp in a cozy living room", &[subj("lamp"), Setting(S::Room)]),
    ("An astronaut floating in outer space", &[Subj("astronaut", None, None, Some(A::Floating)), Setting(S::Space)]),
    ("A turtle swimming near a coral reef", &[Setting(S::Underwater)]),
    ("A fox crossing a snowy field", &[Subj("fox", None, None, Some(A::Crossing)), Setting(S::Snowfield)]),
    ("A bicycle leaning on a fence in a village", &[subj("bicycle"), Setting(S::Village)]),
    // Time of day and lighting.
    ("A train at dawn", &[Time(T::Dawn)]),
    ("A tower at golden hour, backlit", &[Time(T::GoldenHour), Light(L::Backlight)]),
    ("A house at blue hour", &[Time(T::BlueHour), Subj("house", None, None, None), Palette(&[])]),
    ("A guitar in soft light at midnight", &[Light(L::Soft), Time(T::Night)]),
    (
        "Neon-lit alley at night in the rain",
        &[Light(L::Neon), Time(T::Night), Weather(W::Rain), Setting(S::CityStreet)],
    ),
    ("A candlelit table with a cake", &[Light(L::Candlelight), Setting(S::Table), subj("cake")]),
    ("A castle at sunset with god rays", &[Time(T::Sunset), Light(L::GodRays)]),
    // Weather and atmosphere.
    ("A lighthouse in thick fog", &[Weather(W::Fog)]),
    ("Wind blowing through the tall grass, dust in the air", &[Weather(W::Wind), Weather(W::Dust), Cue(Cue::Wind)]),
    ("A blacksmith's workshop full of sparks and smoke", &[Weather(W::Sparks), Weather(W::Smoke)]),
    ("A snowy village during a blizzard", &[Weather(W::Snow), Setting(S::Village)]),
    ("A stormy sea with lightning", &[Weather(W::Storm), Weather(W::Lightning), Cue(Cue::Thunder), Cue(Cue::Waves)]),
    // Palettes.
    ("A beach in a palette of teal, sand, and rust", &[Palette(&["teal", "sand", "rust"]), Setting(S::Beach)]),
    ("A quiet street in teal and orange tones", &[Palette(&["teal", "orange"])]),
    ("A red sunset over the sea", &[Palette(&["red"]), NotSubj("sun")]),
    // On-screen text.
    ("Title card with \"Happy Birthday\" in glowing neon letters", &[Text("Happy Birthday", Fx::Glow)]),
    ("The word “Welcome” fading in over a beach", &[Text("Welcome", Fx::Fade), Setting(S::Beach)]),
    ("A sign that says ‘OPEN’ in neon", &[Text("OPEN", Fx::Neon)]),
    ("Typewriter text 'Chapter One' on a black background", &[Text("Chapter One", Fx::Typewriter)]),
    ("Bouncing letters spelling 'SALE'", &[Text("SALE", Fx::Bounce)]),
    ("The text 'Hello world'", &[Text("Hello world", Fx::Plain)]),
    ("A child's drawing of a house", &[subj("child"), subj("house")]),
    // Audio.
    (
        "Waves crashing on a beach, natural ambient audio",
        &[Ambient, Cue(Cue::Waves), Subj("wave", None, None, Some(A::Crashing))],
    ),
    ("A forest with birdsong and a calm music bed", &[Cue(Cue::Birds), Music(Some(Music::Calm))]),
    ("A skateboarder at a park with upbeat music", &[Music(Some(Music::Upbeat))]),
    ("City traffic at rush hour", &[Cue(Cue::Traffic)]),
    ("A crowd cheering in a stadium", &[Cue(Cue::Crowd), subj("crowd")]),
    ("A campfire crackling under the stars", &[Cue(Cue::Fire), Subj("campfire", None, None, Some(A::Burning))]),
    ("A silent film of a train, no audio", &[Silent]),
    ("Rain on a window, silence", &[Silent, Weather(W::Rain)]),
    ("A kite over a meadow, no music", &[Music(None)]),
    // Words that are two things: a colour or a thing, a thing or a doing.
    ("An orange on a plate", &[subj("orange"), Cat("orange", Category::Object)]),
    ("Three oranges and a banana", &[Subj("orange", Some(3), None, None), subj("banana")]),
    ("Turn the car orange", &[subj("car"), Palette(&["orange"]), NotSubj("orange")]),
    ("An orange sports car at sunset", &[Subj("sports car", None, Some("orange"), None), NotSubj("orange")]),
    ("A white sink in a bathroom", &[Subj("sink", None, Some("white"), None)]),
    ("The boat begins to sink", &[Subj("boat", None, None, Some(A::Sinking)), NotSubj("sink")]),
    // Relations between two subjects: each takes its side.
    ("A cat on the left of a dog", &[Pos("cat", PositionHint::Left), Pos("dog", PositionHint::Right)]),
    ("A red car to the right of a bus", &[Pos("car", PositionHint::Right), Pos("bus", PositionHint::Left)]),
    ("An apple on top of a sandwich", &[Pos("apple", PositionHint::Above), Pos("sandwich", PositionHint::Below)]),
    ("A cat under a table lamp", &[Pos("cat", PositionHint::Below), Pos("lamp", PositionHint::Above)]),
    (
        "A microwave on the bottom of an oven",
        &[Pos("microwave", PositionHint::Below), Pos("oven", PositionHint::Above)],
    ),
    // A verb after its doer is the doer's, whatever follows it.
    ("A person is playing piano", &[Subj("person", None, None, Some(A::Playing)), subj("piano")]),
    ("A woman riding a scooter down a hill", &[Subj("woman", None, None, Some(A::Riding)), subj("scooter")]),
    ("A falling leaf and a steaming cup", &[Subj("leaf", None, None, Some(A::Falling))]),
    // What people do, by family: each gets its own pose.
    ("A chef chopping onions in a kitchen", &[Subj("chef", None, None, Some(A::Cooking)), Setting(S::Kitchen)]),
    ("A man sweeping the floor", &[Subj("man", None, None, Some(A::Chores))]),
    ("Two children hugging in a park", &[Subj("child", Some(2), None, Some(A::Embracing))]),
    ("A girl is ice skating", &[Subj("girl", None, None, Some(A::Skating))]),
    ("A woman doing yoga at dawn", &[Subj("woman", None, None, Some(A::Exercising))]),
    // COCO's everyday things, each its own subject.
    ("A fire hydrant next to a stop sign", &[subj("fire hydrant"), subj("stop sign"), NotSubj("fire")]),
    ("A hot dog and a pizza", &[subj("hot dog"), subj("pizza"), NotSubj("dog")]),
    ("A sheep and a zebra", &[Cat("sheep", Category::Animal), Cat("zebra", Category::Animal)]),
];

#[test]
fn corpus() {
    assert!(CORPUS.len() >= 60, "{} prompts", CORPUS.len());
    let bad: Vec<String> = CORPUS.iter().flat_map(|(p, checks)| verify(p, checks)).collect();
    assert!(bad.is_empty(), "{} failed checks:\n{}", bad.len(), bad.join("\n"));
}
