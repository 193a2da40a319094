//! The closed sets a plan is made of. Every enum serialises as its snake_case name, which
//! is also how the vocabulary file names it, so `kino plan` output and `vocabulary.json`
//! speak the same words.

use serde::{Deserialize, Serialize};

/// How much of the scene the frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shot {
    Wide,
    Medium,
    CloseUp,
    Aerial,
    Macro,
}

/// What the camera does over the clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CameraKind {
    #[default]
    Static,
    Pan,
    Tilt,
    Tracking,
    Dolly,
    Zoom,
    Orbit,
    Handheld,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
    In,
    Out,
    Clockwise,
    Counterclockwise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speed {
    Slow,
    #[default]
    Normal,
    Fast,
}

/// What kind of thing a subject is; the renderer places and scales by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Vehicle,
    Animal,
    Person,
    Creature,
    Object,
    Building,
    Nature,
    /// A noun the vocabulary does not know (drawn as the generic "orb").
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Crossing,
    Flying,
    Running,
    Walking,
    Rotating,
    Spinning,
    Falling,
    Floating,
    Drifting,
    TurningAround,
    Driving,
    Sailing,
    Swimming,
    Sitting,
    Standing,
    Steaming,
    Playing,
    Dancing,
    Jumping,
    Bouncing,
    Rolling,
    Hovering,
    Orbiting,
    Burning,
    Flickering,
    Glowing,
    Flowing,
    Crashing,
    Waving,
    Swaying,
    Grazing,
    Eating,
    Sleeping,
    Reading,
    Singing,
    Rising,
    Sinking,
    Blooming,
    Melting,
    Landing,
    Climbing,
    Riding,
    // Families of what people do, each drawn with its own pose (ball games, workouts ...).
    Sports,
    Exercising,
    Skating,
    Cooking,
    Chores,
    Crafting,
    Grooming,
    Fighting,
    Gesturing,
    Embracing,
    Crawling,
    Using,
}

/// Where the scene takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    CityStreet,
    Road,
    Park,
    Garden,
    Field,
    Beach,
    Ocean,
    Lake,
    River,
    Harbor,
    Forest,
    Desert,
    Mountains,
    Snowfield,
    Sky,
    Space,
    Underwater,
    Village,
    Market,
    Kitchen,
    Cafe,
    Room,
    Table,
    Stage,
}

impl Setting {
    /// Indoors: a wall and a floor instead of a sky and the ground.
    pub fn is_interior(self) -> bool {
        matches!(self, Setting::Table | Setting::Kitchen | Setting::Cafe | Setting::Room)
    }
}

/// A named place ("a bathroom", "a gas station"): the setting it stands in and what makes it
/// look like itself — the surface behind (an interior's wall, or what closes off an exterior's
/// horizon), the surface underfoot, and the props that stand in it (shape ids, drawn in the
/// backdrop). Places are vocabulary data (`places`), so a user file can add its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The phrase that named it (filled in from the vocabulary key).
    #[serde(default)]
    pub name: String,
    pub setting: Setting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall: Option<Wall>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Floor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<String>,
}

/// What closes off the back of a place: an interior's wall, or a near barrier in front of an
/// exterior's horizon (stands round a pitch, a brick wall down an alley, a farm fence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wall {
    Plain,
    Tiles,
    Bricks,
    Concrete,
    Shelves,
    Bottles,
    Blackboard,
    Bars,
    Doors,
    Frames,
    Screen,
    Panels,
    Foam,
    Curtains,
    Tank,
    Windows,
    Glasshouse,
    Shopfronts,
    Pastel,
    Stands,
    Fence,
    Hedge,
}

/// What is underfoot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Floor {
    Wood,
    Tiles,
    Checker,
    Marble,
    Carpet,
    Concrete,
    Court,
    Pool,
    Seats,
    Track,
    Pitch,
    Diamond,
    Fairway,
    Rails,
    Platform,
    Crosswalk,
    Parking,
    Racetrack,
    Highway,
    Dirt,
    Trail,
    Gravel,
    Marsh,
    Slope,
    Cobbles,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    GoldenHour,
    Sunset,
    Dusk,
    BlueHour,
    Night,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lighting {
    Neon,
    Backlight,
    Soft,
    Hard,
    Blinds,
    Sunlight,
    Moonlight,
    Candlelight,
    Firelight,
    Spotlight,
    GodRays,
    Reflections,
    Studio,
    Warm,
    Cool,
    Overcast,
}

/// Weather and atmosphere: what hangs in the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weather {
    Rain,
    Snow,
    Storm,
    Lightning,
    Fog,
    Mist,
    Haze,
    Wind,
    Dust,
    Sparks,
    Steam,
    Smoke,
    Clouds,
}

/// How on-screen text is animated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEffect {
    Sparkle,
    Glow,
    Neon,
    Fade,
    Typewriter,
    Bounce,
    #[default]
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudioCue {
    Rain,
    Waves,
    Wind,
    Traffic,
    Birds,
    Crowd,
    Fire,
    Thunder,
    Water,
    Crickets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Music {
    Calm,
    Upbeat,
}

/// Where in the frame a subject sits, when the prompt says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionHint {
    Left,
    Right,
    Center,
    Foreground,
    Background,
    Sky,
    Ground,
    /// On top of, or above, the subject it is said of ("a cat on top of a car": the cat).
    Above,
    /// Under, or at the bottom of, the subject it is said of (in that example, the car).
    Below,
}
