//! [`ScenePlan`] → [`Scene`]: where things are, how big, how they move and how the world is
//! lit. The plan says *what*; this module does the layout. Everything here is a pure function
//! of (plan, prompt, seed, seconds), so a scene is reproducible. Sizes and positions are
//! fractions of the frame, so one scene fits every contract size.

use crate::palette::{self, DEFAULT_PALETTES, Palette, Rgb, SkyBody};
use crate::plan::{
    Action, CameraMove, Category, Lighting, OnScreenText, Place, PositionHint, ScenePlan, Setting, Shot, TimeOfDay,
    Weather,
};
use crate::rng::{Rng, hash_str};
use crate::shape::Shape;

pub use crate::motion::Motion;
use crate::words::Words;

/// Where the sky meets the ground by default, as a fraction of the frame height.
pub const HORIZON: f32 = 0.62;
/// At most this many copies of one subject are drawn.
const MAX_COPIES: u32 = 8;

/// Atmosphere drawn in front of or into the scene.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Atmosphere {
    pub rain: bool,
    pub snow: bool,
    /// Fog/mist/haze strength, 0 = none.
    pub fog: f32,
    pub dust: bool,
    pub sparks: bool,
    pub steam: bool,
    pub smoke: bool,
    pub lightning: bool,
    pub wind: bool,
    /// The ground is wet (rain, or the prompt asks for reflections): subjects and lights reflect.
    pub wet: bool,
}

/// Lighting cues that change how the backdrop and the subjects are painted.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Look {
    pub neon: bool,
    pub backlight: bool,
    pub blinds: bool,
    pub soft: bool,
    pub spotlight: bool,
    pub god_rays: bool,
    /// Lit windows, street lamps and glows (it is dark enough for them to show).
    pub lamps: bool,
}

/// One drawn thing. Positions are fractions of the frame (world space at the start of the clip).
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    pub shape: Shape,
    pub colour: Rgb,
    /// A variant flag some shapes read (a taxi is a car with a roof sign).
    pub variant: u8,
    /// Length (or height) as a fraction of the frame's shorter side.
    pub size: f32,
    /// Anchor x at t = 0, fraction of the width.
    pub x0: f32,
    /// Base line (where it stands) or, for flyers, the bottom of its box, fraction of the height.
    pub y: f32,
    pub motion: Motion,
    /// Frame widths per second along x; negative moves left.
    pub speed: f32,
    /// Offset in turns so copies do not move in lockstep.
    pub phase: f32,
    /// Background traffic re-enters from the other side; the main subject does not.
    pub wraps: bool,
    pub main: bool,
    /// Steam or smoke rises from it.
    pub steams: bool,
    /// Tied by a string to the subject at this index (a kite to its flyer).
    pub tether: Option<usize>,
    /// Stands on top of the subject at this index ("a cat on top of a car"): its base follows
    /// that subject's measured top, in whatever frame it is drawn.
    pub rests_on: Option<usize>,
    /// The plan subject this is (a copy of); `None` for background life nobody named.
    pub named: Option<usize>,
    /// What the prompt says it is doing (a person's pose follows it).
    pub act: Option<Action>,
    /// One of the named place's props (a bathroom's tub).
    pub prop: bool,
}

impl Subject {
    /// Something nobody named (background traffic, birds, a place's props): `shape` at
    /// (`x0`, `y`), `size` big, still until the caller says otherwise.
    fn unnamed(shape: Shape, colour: Rgb, size: f32, x0: f32, y: f32) -> Self {
        Subject {
            shape,
            colour,
            variant: 0,
            size,
            x0,
            y,
            motion: Motion::Idle,
            speed: 0.0,
            phase: 0.0,
            wraps: false,
            main: false,
            steams: false,
            tether: None,
            rests_on: None,
            named: None,
            act: None,
            prop: false,
        }
    }

    /// Anchor (x, y) as fractions of the frame at time `t` (before the camera).
    pub fn at(&self, t: f32, seconds: f32) -> (f32, f32) {
        let x = self.x0 + self.speed * t;
        let x = if self.wraps {
            const LO: f32 = -0.3;
            const SPAN: f32 = 1.6;
            LO + crate::math::fract((x - LO) / SPAN) * SPAN
        } else {
            x
        };
        let u = (t / seconds.max(0.1)).clamp(0.0, 1.0);
        let y = match self.motion {
            Motion::Fall => self.y + 0.45 * u - 0.2,
            Motion::Rise => self.y - 0.4 * u + 0.1,
            _ => self.y,
        };
        (x, y)
    }
}

/// The plan for one clip, laid out.
#[derive(Debug, Clone)]
pub struct Scene {
    pub palette: Palette,
    pub setting: Setting,
    /// The named place, whose wall and floor the backdrop paints (its props are subjects).
    pub place: Option<Place>,
    /// Fraction of the height where the ground starts (0 = all ground, 1 = all sky).
    pub horizon: f32,
    pub ground_colour: Rgb,
    pub atmosphere: Atmosphere,
    pub look: Look,
    /// Colours the prompt asked the whole scene to lean towards.
    pub tint: Vec<Rgb>,
    /// Drawn back to front.
    pub subjects: Vec<Subject>,
    pub camera: CameraMove,
    pub shot: Option<Shot>,
    pub text: Option<OnScreenText>,
    /// A text-only prompt: a title card instead of a landscape.
    pub title_card: bool,
    /// Seeds the static details (stars, clouds, buildings) and the particles.
    pub detail_seed: u64,
    pub seconds: f32,
}

impl Scene {
    /// Plan `prompt` with the built-in vocabulary and lay it out.
    pub fn plan(prompt: &str, seed: u64, seconds: f32) -> Self {
        Self::from_plan(&crate::plan::plan(prompt), prompt, seed, seconds)
    }

    pub fn from_plan(plan: &ScenePlan, prompt: &str, seed: u64, seconds: f32) -> Self {
        let hash = hash_str(prompt);
        // The look follows the prompt alone; the seed varies layout and details.
        let mut rng = Rng::new(hash ^ seed.wrapping_mul(0xA076_1D64_78BD_642F));
        let seconds = seconds.max(1.0);

        let has = |w: Weather| plan.weather.contains(&w);
        let lit = |l: Lighting| plan.lighting.contains(&l);
        let mut atmosphere = Atmosphere {
            rain: has(Weather::Rain) || has(Weather::Storm),
            snow: has(Weather::Snow),
            fog: if has(Weather::Fog) {
                0.55
            } else if has(Weather::Mist) {
                0.4
            } else if has(Weather::Haze) {
                0.25
            } else {
                0.0
            },
            dust: has(Weather::Dust),
            sparks: has(Weather::Sparks),
            steam: has(Weather::Steam),
            smoke: has(Weather::Smoke),
            lightning: has(Weather::Lightning) || has(Weather::Storm),
            wind: has(Weather::Wind),
            wet: false,
        };
        atmosphere.wet = atmosphere.rain || lit(Lighting::Reflections) || prompt_says_wet(prompt);

        let title_card = plan.subjects.is_empty() && plan.text.is_some() && plan.setting.is_none();
        let setting = plan.setting.unwrap_or_else(|| infer_setting(plan, atmosphere));

        let mut palette = match plan.time_of_day {
            Some(t) => time_palette(t),
            None if lit(Lighting::Overcast) => palette::OVERCAST,
            None if setting == Setting::Space => palette::NIGHT,
            None if title_card => palette::NIGHT,
            None => DEFAULT_PALETTES[(hash % DEFAULT_PALETTES.len() as u64) as usize],
        };
        palette = weathered(palette, atmosphere);
        if lit(Lighting::Neon) && plan.time_of_day.is_none() {
            // Neon reads at night.
            palette = palette::NIGHT;
        }
        if !plan.palette.is_empty() {
            for (i, c) in plan.palette.iter().take(3).enumerate() {
                palette.accents[i] = c.rgb;
            }
        }
        let tint: Vec<Rgb> = plan.palette.iter().map(|c| c.rgb).collect();
        if !tint.is_empty() {
            let t = average(&tint);
            palette.sky.top = palette.sky.top.mix(t, 0.3);
            palette.sky.horizon = palette.sky.horizon.mix(t, 0.3);
            palette.ground = palette.ground.mix(t, 0.3);
        }
        if lit(Lighting::Warm) || lit(Lighting::Candlelight) || lit(Lighting::Firelight) {
            palette.sky.horizon = palette.sky.horizon.mix(Rgb::new(255, 170, 90), 0.3);
        }
        if lit(Lighting::Cool) || lit(Lighting::Moonlight) {
            palette.sky.horizon = palette.sky.horizon.mix(Rgb::new(110, 150, 230), 0.3);
        }

        let dark = palette.sky.light < 0.7;
        let look = Look {
            neon: lit(Lighting::Neon),
            backlight: lit(Lighting::Backlight),
            blinds: lit(Lighting::Blinds),
            soft: lit(Lighting::Soft),
            spotlight: lit(Lighting::Spotlight) || setting == Setting::Stage,
            god_rays: lit(Lighting::GodRays),
            lamps: dark || lit(Lighting::Neon),
        };

        let shot = plan.shot;
        let horizon = match (shot, setting) {
            (Some(Shot::Aerial), _) => 0.0,
            (_, Setting::Space | Setting::Sky) => 1.0,
            (_, Setting::Underwater) => 0.86,
            (_, s) if s.is_interior() => 0.6,
            (Some(Shot::CloseUp | Shot::Macro), _) => 0.66,
            _ if title_card => 1.0,
            _ => HORIZON,
        };
        let ground_colour = ground_colour(setting, &palette).lit(palette.sky.light.max(0.35));

        let mut subjects = lay_out(plan, setting, horizon, shot, seconds, &palette, &mut rng);
        cross(&mut subjects, plan, prompt, seconds);
        extras(&mut subjects, setting, horizon, &palette, atmosphere, &mut rng);
        if let Some(place) = &plan.place {
            furnish(&mut subjects, place, horizon, &palette, &mut rng);
        }
        // Far things first, the main subject last among its peers.
        let mut subjects = by_depth(subjects);
        // Re-point tethers after the sort.
        relink_tethers(&mut subjects);

        Scene {
            palette,
            setting,
            place: plan.place.clone(),
            horizon,
            ground_colour,
            atmosphere,
            look,
            tint,
            subjects,
            camera: plan.camera,
            shot,
            text: plan.text.clone(),
            title_card,
            detail_seed: rng.next_u64(),
            seconds,
        }
    }

    /// Only what was named, for drawing over pixels from elsewhere: no background traffic
    /// or birds (the picture has its own), no weather (the grade draws that).
    pub fn named_only(mut self) -> Self {
        self.subjects.retain(|s| !s.wraps);
        self.atmosphere = Atmosphere::default();
        self
    }

    /// The main subject (the first one the prompt names), if any.
    pub fn main_subject(&self) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.main)
    }
}

fn prompt_says_wet(prompt: &str) -> bool {
    let w = Words::new(prompt);
    w.has_any(&["wet", "soaked", "puddle", "puddles", "glistening", "slick"])
}

fn average(cs: &[Rgb]) -> Rgb {
    let n = cs.len().max(1) as u32;
    let s = cs.iter().fold([0u32; 3], |a, c| [a[0] + u32::from(c.r), a[1] + u32::from(c.g), a[2] + u32::from(c.b)]);
    Rgb::new((s[0] / n) as u8, (s[1] / n) as u8, (s[2] / n) as u8)
}

fn time_palette(t: TimeOfDay) -> Palette {
    match t {
        TimeOfDay::Dawn => palette::DAWN,
        TimeOfDay::Morning => palette::MORNING,
        TimeOfDay::Noon => palette::NOON,
        TimeOfDay::Afternoon => palette::TEAL_AFTERNOON,
        TimeOfDay::GoldenHour => palette::GOLDEN_HOUR,
        TimeOfDay::Sunset => palette::SUNSET,
        TimeOfDay::Dusk => palette::DUSK,
        TimeOfDay::BlueHour => palette::BLUE_HOUR,
        TimeOfDay::Night => palette::NIGHT,
    }
}

/// No setting named: guess from the first subject and the weather, as v1 did.
fn infer_setting(plan: &ScenePlan, atmosphere: Atmosphere) -> Setting {
    let first = plan.subjects.first().map(|s| Shape::from_id(&s.shape, s.category));
    if let Some(home) = first.and_then(Shape::home) {
        return home;
    }
    match first {
        Some(s) if s.is_road_vehicle() => Setting::Road,
        Some(s) if s.is_boat() => Setting::Ocean,
        Some(s) if s.is_sea_creature() => Setting::Underwater,
        Some(Shape::Rocket | Shape::Ufo | Shape::Planet | Shape::Star) => Setting::Space,
        _ if atmosphere.snow => Setting::Snowfield,
        _ => Setting::Field,
    }
}

/// Rain and snow grey the sky and hide the sun.
fn weathered(mut p: Palette, a: Atmosphere) -> Palette {
    let (grey, amount, light) = if a.rain {
        (Rgb::new(96, 104, 116), 0.45, 0.85)
    } else if a.snow {
        (Rgb::new(200, 206, 216), 0.45, 0.95)
    } else if a.fog > 0.0 {
        (Rgb::new(190, 196, 204), a.fog * 0.5, 1.0)
    } else {
        return p;
    };
    let amount = if p.sky.light < 0.7 { amount * 0.5 } else { amount };
    p.sky.top = p.sky.top.mix(grey.lit(p.sky.light), amount);
    p.sky.horizon = p.sky.horizon.mix(grey.lit(p.sky.light), amount);
    p.sky.light *= light;
    if p.sky.body == SkyBody::Sun && (a.rain || a.snow) {
        p.sky.body = SkyBody::Hidden;
    }
    p
}

fn ground_colour(setting: Setting, p: &Palette) -> Rgb {
    use Setting as S;
    match setting {
        S::CityStreet | S::Road | S::Market | S::Village => p.ground.mix(Rgb::new(110, 110, 112), 0.7),
        S::Park | S::Garden | S::Field => p.ground.mix(Rgb::new(70, 150, 60), 0.4),
        S::Forest => p.ground.mix(Rgb::new(40, 90, 40), 0.6),
        S::Beach | S::Desert => Rgb::new(222, 192, 134),
        S::Ocean | S::Lake | S::River | S::Harbor => p.sky.horizon.mix(Rgb::new(20, 70, 120), 0.6),
        S::Mountains => p.ground.mix(Rgb::new(110, 120, 100), 0.5),
        S::Snowfield => Rgb::new(236, 240, 248),
        S::Sky => p.sky.horizon,
        S::Space => Rgb::new(10, 10, 20),
        S::Underwater => Rgb::new(194, 176, 128),
        S::Kitchen | S::Cafe | S::Room | S::Table => Rgb::new(140, 92, 56),
        S::Stage => Rgb::new(70, 44, 34),
    }
}

/// Sort key: background things first, flyers and the main subject last.
fn depth(s: &Subject) -> f32 {
    let base = if s.shape.is_backdrop() { 0.0 } else { 1.0 };
    base + s.y * 0.5 + if s.main { 0.3 } else { 0.0 } + s.size * 0.01
}

/// Subjects in drawing order (far first, see `depth`); a subject resting on another comes
/// right after it, and `rests_on` follows the new order.
fn by_depth(subjects: Vec<Subject>) -> Vec<Subject> {
    let key = |i: usize| match subjects[i].rests_on.and_then(|j| subjects.get(j)) {
        Some(under) => depth(under) + 1e-4,
        None => depth(&subjects[i]),
    };
    let mut order: Vec<usize> = (0..subjects.len()).collect();
    order.sort_by(|&a, &b| key(a).total_cmp(&key(b)));
    let mut new_index = vec![0; subjects.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Subject>> = subjects.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&old| slots[old].take())
        .map(|mut s| {
            s.rests_on = s.rests_on.map(|j| new_index[j]);
            s
        })
        .collect()
}

fn relink_tethers(subjects: &mut [Subject]) {
    // Tethers were set as "the first person"; find it again after sorting.
    let person = subjects
        .iter()
        .position(|s| s.main && s.shape.is_person())
        .or_else(|| subjects.iter().position(|s| s.shape.is_person()));
    for s in subjects.iter_mut() {
        if s.tether.is_some() {
            s.tether = person;
        }
    }
}

/// Default motion for a subject whose action the prompt does not give.
fn motion_for(action: Option<Action>, shape: Shape) -> Motion {
    use Action as A;
    match action {
        Some(A::Crossing | A::Driving | A::Sailing | A::Riding | A::Rolling | A::Crashing) => Motion::Travel,
        Some(A::Running | A::Walking | A::Climbing) => Motion::Gait,
        Some(A::Flying | A::Floating | A::Drifting | A::Hovering | A::Orbiting) => Motion::Fly,
        Some(A::Falling | A::Sinking | A::Landing | A::Melting) => Motion::Fall,
        Some(A::Rising) => Motion::Rise,
        Some(A::Rotating | A::Spinning | A::TurningAround) => Motion::Spin,
        Some(A::Swimming) => Motion::Swim,
        Some(A::Jumping | A::Bouncing | A::Dancing | A::Playing | A::Sports | A::Exercising | A::Fighting) => {
            Motion::Bounce
        }
        Some(A::Skating) => Motion::Travel,
        Some(A::Crawling) => Motion::Gait,
        Some(_) => Motion::Idle,
        None if shape.is_road_vehicle() || shape.is_boat() => Motion::Travel,
        None if shape.is_sea_creature() => Motion::Swim,
        None if shape.flies() => Motion::Fly,
        None => Motion::Idle,
    }
}

/// Base size (fraction of the shorter side) for a shape at a medium shot.
fn base_size(shape: Shape, category: Category) -> f32 {
    if shape.is_backdrop() {
        return 0.62;
    }
    match category {
        _ if shape == Shape::Bus || shape == Shape::Train || shape == Shape::Tram => 0.7,
        Category::Vehicle => 0.5,
        Category::Person => 0.42,
        Category::Animal if shape.flies() => 0.22,
        Category::Animal => 0.36,
        Category::Creature => 0.48,
        Category::Object => 0.3,
        _ => 0.3,
    }
}

fn lay_out(
    plan: &ScenePlan,
    setting: Setting,
    horizon: f32,
    shot: Option<Shot>,
    seconds: f32,
    palette: &Palette,
    rng: &mut Rng,
) -> Vec<Subject> {
    let mut out = Vec::new();
    let shot_scale = match shot {
        Some(Shot::Wide) => 0.72,
        None => 0.85,
        Some(Shot::Medium) => 1.0,
        Some(Shot::CloseUp) => 1.9,
        Some(Shot::Macro) => 2.3,
        Some(Shot::Aerial) => 0.5,
    };
    let close = matches!(shot, Some(Shot::CloseUp | Shot::Macro));
    let interior = setting.is_interior();
    let n = plan.subjects.len().max(1);
    let hinted = |h: PositionHint| plan.subjects.iter().any(|s| s.position_hint == Some(h));
    // Two subjects placed by a relation ("a cat on the left of a dog") stay where it puts them.
    let side_by_side = hinted(PositionHint::Left) && hinted(PositionHint::Right);
    let stacked = hinted(PositionHint::Above) && hinted(PositionHint::Below);
    for (i, ps) in plan.subjects.iter().enumerate() {
        let shape = Shape::from_id(&ps.shape, ps.category);
        let main = i == 0;
        let colour = ps.color.unwrap_or_else(|| shape.default_colour(palette, i));
        let motion = motion_for(ps.action, shape);
        let variant = u8::from(ps.noun == "taxi" || ps.noun == "cab");
        let count = ps.count.clamp(1, MAX_COPIES);
        let mut size = base_size(shape, ps.category) * shot_scale;
        if close && !main {
            size *= 0.5;
        }
        if close && main {
            size = size.min(if interior { 0.62 } else { 0.8 });
        }
        if count > 1 {
            size *= (1.0 / (count as f32).sqrt()).max(0.45);
        }
        // Where along x this subject's group sits: where the prompt says, else in order.
        let slot = match ps.position_hint {
            Some(PositionHint::Left) => 0.28,
            Some(PositionHint::Right) => 0.72,
            Some(PositionHint::Center | PositionHint::Above | PositionHint::Below) => 0.5,
            _ if n == 1 => 0.5,
            _ => 0.25 + 0.5 * i as f32 / (n - 1) as f32,
        };
        let held = match ps.position_hint {
            Some(PositionHint::Left | PositionHint::Right) => side_by_side,
            Some(PositionHint::Above | PositionHint::Below) => stacked,
            _ => false,
        };
        let sky = ps.position_hint == Some(PositionHint::Sky)
            || (shape.flies() && motion != Motion::Idle && ps.position_hint != Some(PositionHint::Ground))
            || matches!(shape, Shape::Sun | Shape::Moon | Shape::Cloud | Shape::Star | Shape::Rainbow | Shape::Planet)
            || (motion == Motion::Fly && !shape.is_sea_creature());
        let travels = matches!(motion, Motion::Travel | Motion::Gait | Motion::Swim)
            || (motion == Motion::Fly && !matches!(shape, Shape::Kite | Shape::Balloon | Shape::Lantern));
        let speed_for = |rng: &mut Rng| -> f32 {
            if !travels || held {
                return 0.0;
            }
            let base = match (motion, ps.action) {
                (_, Some(Action::Running)) => 0.75,
                (Motion::Gait, _) => 0.35,
                (Motion::Fly, _) => 0.3,
                (Motion::Swim, _) => 0.35,
                _ => 0.55,
            };
            base * rng.range(0.9, 1.1) / seconds
        };
        for k in 0..count {
            let spread = if count == 1 { 0.0 } else { (k as f32 / (count - 1) as f32 - 0.5) * 0.7 };
            let scale = if k == 0 { 1.0 } else { rng.range(0.7, 1.0) };
            let speed = speed_for(rng);
            let x_start =
                if speed > 0.0 && count == 1 { if n == 1 || main { 0.24 } else { slot - 0.25 } } else { slot + spread };
            let s = size * scale;
            let y = if sky {
                let centre = if close { 0.45 } else { rng.range(0.16, 0.34) + 0.05 * (k % 3) as f32 };
                (centre + 0.5 * s).min(horizon.max(0.5))
            } else if setting == Setting::Space {
                0.55 + 0.5 * s
            } else if setting == Setting::Underwater || shape.is_sea_creature() {
                rng.range(0.4, 0.65) + 0.4 * s
            } else if shape.is_backdrop() {
                horizon + 0.06 * (1.0 - horizon)
            } else if interior {
                horizon + (if close { 0.62 } else { 0.4 }) * (1.0 - horizon) + 0.03 * k as f32
            } else if horizon <= 0.01 {
                // Aerial: the ground fills the frame.
                0.35 + 0.4 * rng.unit()
            } else {
                let far = if main { 0.62 } else { 0.4 } + 0.12 * (k % 3) as f32 - 0.06;
                horizon + far.clamp(0.2, 0.9) * (1.0 - horizon)
            };
            let tether = (shape == Shape::Kite).then_some(usize::MAX);
            out.push(Subject {
                shape,
                colour,
                variant,
                size: s,
                x0: if k == 0 && count > 1 { x_start.clamp(0.1, 0.9) } else { x_start },
                y,
                motion,
                speed: if k > 0 { speed * rng.range(0.8, 1.2) } else { speed },
                phase: rng.unit(),
                wraps: false,
                main: main && k == 0,
                steams: ps.action == Some(Action::Steaming)
                    || (shape == Shape::Cup && plan.weather.contains(&Weather::Steam)),
                tether,
                rests_on: None,
                named: Some(i),
                act: ps.action,
                prop: false,
            });
        }
        // Only the first three distinct subjects get the full treatment; a crowd of nouns shrinks.
        if i >= 5 {
            break;
        }
    }
    if stacked {
        stack(&mut out, plan);
    }
    // Tether kites to a person if there is one; otherwise the string runs off-frame.
    let has_person = out.iter().any(|s| s.shape.is_person());
    for s in &mut out {
        if s.tether.is_some() && !has_person {
            s.tether = None;
        }
    }
    // A kite with its flyer: the person stands to one side, the kite above the other.
    if has_person && out.iter().any(|s| s.shape == Shape::Kite) {
        for s in &mut out {
            if s.shape.is_person() && s.motion == Motion::Idle {
                s.x0 = 0.36;
            }
            if s.shape == Shape::Kite {
                s.x0 = 0.64;
            }
        }
    }
    out
}

/// "A on top of B": B stands where it was laid out and A rests on it (see `rests_on`), both
/// still; if the two would not fit under the top of a landscape frame, both shrink.
fn stack(out: &mut [Subject], plan: &ScenePlan) {
    let first_with = |h: PositionHint| {
        let i = plan.subjects.iter().position(|s| s.position_hint == Some(h))?;
        out.iter().position(|s| s.named == Some(i))
    };
    let (Some(top), Some(base)) = (first_with(PositionHint::Above), first_with(PositionHint::Below)) else {
        return;
    };
    // Sizes are fractions of the frame's shorter side, y of its height: in a portrait frame
    // the pair is shorter than this, so the landscape case is the one to fit.
    let tall = |s: &Subject| -s.size * crate::draw::extent(s.shape)[1];
    let total = tall(&out[base]) + tall(&out[top]);
    let room = out[base].y - 0.04;
    if total > room && total > 0.0 {
        let k = room / total;
        out[base].size *= k;
        out[top].size *= k;
    }
    // Where it stands is worked out from `base` as each frame is drawn.
    out[top].rests_on = Some(base);
}

/// Background life the prompt does not name: far traffic on roads, birds in clear skies.
fn extras(
    subjects: &mut Vec<Subject>,
    setting: Setting,
    horizon: f32,
    palette: &Palette,
    a: Atmosphere,
    rng: &mut Rng,
) {
    if horizon <= 0.01 || horizon >= 0.99 {
        return;
    }
    let drift = |rng: &mut Rng, lo: f32, hi: f32| {
        let s = rng.range(lo, hi);
        if rng.unit() < 0.5 { -s } else { s }
    };
    let roads = matches!(setting, Setting::CityStreet | Setting::Road);
    if roads && subjects.iter().any(|s| s.shape.is_road_vehicle()) {
        for i in 0..2 {
            let (size, x0) = (rng.range(0.14, 0.18), rng.range(0.0, 1.0));
            let y = horizon + rng.range(0.16, 0.22) * (1.0 - horizon);
            subjects.push(Subject {
                motion: Motion::Travel,
                speed: drift(rng, 0.04, 0.08),
                phase: rng.unit(),
                wraps: true,
                ..Subject::unnamed(Shape::Car, palette.accents[i % 3], size, x0, y)
            });
        }
    }
    let outdoors = !matches!(
        setting,
        Setting::Table
            | Setting::Kitchen
            | Setting::Cafe
            | Setting::Room
            | Setting::Stage
            | Setting::Underwater
            | Setting::Space
    );
    let clear = !a.rain && !a.snow && a.fog == 0.0;
    let flyers = subjects.iter().any(|s| s.shape.flies());
    if outdoors && clear && !flyers && palette.sky.light > 0.7 && subjects.len() < 6 {
        for _ in 0..3 {
            let (size, x0) = (rng.range(0.035, 0.06), rng.range(0.0, 1.0));
            let y = rng.range(0.12, 0.3) * horizon / HORIZON;
            subjects.push(Subject {
                motion: Motion::Fly,
                speed: rng.range(0.03, 0.06),
                phase: rng.unit(),
                wraps: true,
                ..Subject::unnamed(Shape::Bird, Rgb::new(40, 40, 48), size, x0, y)
            });
        }
    }
}

/// A subject whose action crosses the frame ("a taxi crossing the street", "a bird flying
/// across the sky", "a boat sailing past") travels through it: it enters at one edge and
/// leaves by the other over the clip, however long, instead of moving partway.
fn cross(subjects: &mut [Subject], plan: &ScenePlan, prompt: &str, seconds: f32) {
    let across = Words::new(prompt).has_any(&["across", "past", "through", "by"]);
    for s in subjects.iter_mut() {
        let single = s.named.and_then(|i| plan.subjects.get(i)).is_some_and(|p| p.count <= 1);
        if single && s.speed > 0.0 && (s.act == Some(Action::Crossing) || (s.main && across)) {
            s.x0 = -0.08;
            s.speed = 1.16 / seconds;
        }
    }
}

/// A place's props ("a bathroom": a tub, a toilet, a sink) stand along the back of its floor,
/// or on its horizon outdoors, each drawn as a still subject nobody named (so it animates and
/// sorts by depth like any other). A prop the prompt names as a subject ("a castle") is drawn
/// once, as the subject; with subjects in frame, the props keep to the sides.
fn furnish(subjects: &mut Vec<Subject>, place: &Place, horizon: f32, palette: &Palette, rng: &mut Rng) {
    let mut named: Vec<Shape> = subjects.iter().filter(|s| s.named.is_some()).map(|s| s.shape).collect();
    let mut props = Vec::new();
    for id in &place.props {
        let shape = Shape::from_id(id, Category::Object);
        match named.iter().position(|&s| s == shape) {
            Some(k) => {
                named.remove(k);
            }
            None => props.push(shape),
        }
    }
    let alone = !subjects.iter().any(|s| s.named.is_some());
    let slots: &[f32] = match (props.len(), alone) {
        (1, true) => &[0.5],
        (2, true) => &[0.3, 0.72],
        (3, true) => &[0.5, 0.18, 0.82],
        (_, true) => &[0.5, 0.14, 0.86, 0.32, 0.68],
        (_, false) => &[0.84, 0.16, 0.92, 0.08, 0.7],
    };
    let interior = place.setting.is_interior();
    for (k, shape) in props.into_iter().enumerate().take(slots.len()) {
        let size = prop_size(shape) * rng.range(0.92, 1.08);
        let y = if shape == Shape::Chandelier {
            // Hangs from the ceiling: its top (unit y = -1) at the frame's top.
            size * 0.95
        } else if interior {
            horizon + 0.1 * (1.0 - horizon)
        } else {
            horizon + (0.02 + 0.05 * (k % 2) as f32) * (1.0 - horizon)
        };
        let x0 = slots[k] + rng.range(-0.025, 0.025);
        subjects.push(Subject {
            phase: rng.unit(),
            prop: true,
            ..Subject::unnamed(shape, shape.default_colour(palette, k), size, x0, y)
        });
    }
}

/// How big a place's prop is drawn, as a fraction of the frame's shorter side per unit: a
/// landmark fills much of the frame, furniture stands at the back of a room, small things
/// are small.
fn prop_size(shape: Shape) -> f32 {
    use Shape as S;
    match shape {
        S::Castle | S::Palace | S::Mansion | S::Arch | S::Barn | S::Factory | S::Waterfall | S::Carousel => 0.62,
        S::FerrisWheel | S::Lighthouse | S::Skyscraper | S::Tower | S::Windmill | S::Crane | S::Volcano => 0.7,
        S::Canopy | S::Bridge | S::Iceberg | S::House | S::Fountain | S::Statue | S::Dinosaur => 0.55,
        S::Stairs | S::Shower | S::PhoneBooth | S::Tree | S::PalmTree | S::Tent | S::JunkPile => 0.5,
        S::Chandelier => 0.45,
        S::Train | S::Airplane => 0.75,
        S::Bus | S::Truck => 0.55,
        S::Car | S::Elephant | S::Giraffe => 0.42,
        S::GasPump | S::BasketballHoop | S::Goal | S::Refrigerator | S::LabBench | S::Bed | S::Bathtub => 0.36,
        S::Tombstone | S::TrafficCone | S::Flag | S::Rock | S::Fire | S::TeddyBear | S::Cake => 0.16,
        _ => 0.3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_word_colours_the_main_subject() {
        let s = Scene::plan("a red car at noon", 0, 8.0);
        let main = s.main_subject().expect("main subject");
        assert_eq!(main.shape, Shape::Car);
        assert!(main.colour.r > 150 && main.colour.g < 80);
        assert_eq!(s.setting, Setting::Road);
    }

    #[test]
    fn time_words_pick_the_sky() {
        assert_eq!(Scene::plan("a boat at night", 0, 4.0).palette.name, "night");
        assert_eq!(Scene::plan("a boat at blue hour", 0, 4.0).palette.name, "blue hour");
        let p = Scene::plan("birds in the rain", 0, 4.0);
        assert!(p.atmosphere.rain && p.atmosphere.wet);
        assert_eq!(p.main_subject().map(|s| s.shape), Some(Shape::Bird));
    }

    #[test]
    fn blue_hour_does_not_colour_the_subject_blue() {
        let s = Scene::plan("a car at blue hour", 0, 4.0);
        let c = s.main_subject().map(|m| m.colour).expect("main subject");
        let (r, g, b) = (i32::from(c.r), i32::from(c.g), i32::from(c.b));
        assert!(!(b > r + 60 && b > g + 60), "{c:?}");
    }

    #[test]
    fn counts_draw_copies_and_kites_tie_to_people() {
        let s = Scene::plan("three red balloons", 0, 4.0);
        assert_eq!(s.subjects.iter().filter(|x| x.shape == Shape::Balloon).count(), 3);
        let s = Scene::plan("a child flying a red kite in a park", 0, 4.0);
        let kite = s.subjects.iter().find(|x| x.shape == Shape::Kite).expect("kite");
        let flyer = kite.tether.map(|i| s.subjects[i].shape);
        assert_eq!(flyer, Some(Shape::Child));
    }

    #[test]
    fn wrapping_subjects_stay_near_the_frame() {
        let s = Scene::plan("a bus on a road", 3, 20.0);
        for sub in s.subjects.iter().filter(|s| s.wraps) {
            for i in 0..200 {
                let (x, _) = sub.at(i as f32 * 0.1, 20.0);
                assert!((-0.31..1.31).contains(&x), "{x}");
            }
        }
    }
}
