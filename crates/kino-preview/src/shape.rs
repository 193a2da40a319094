//! The shapes subjects are drawn as: one per id in the vocabulary's `shapes` list, with the
//! facts layout needs (does it fly, is it a road vehicle, a backdrop piece) and a default colour.

use crate::palette::{Palette, Rgb};
use crate::plan::{Category, Setting};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    Car,
    Bus,
    Truck,
    Bicycle,
    Motorcycle,
    Train,
    Tram,
    Boat,
    Ship,
    Sailboat,
    Airplane,
    Helicopter,
    Rocket,
    HotAirBalloon,
    Submarine,
    Ufo,
    Cat,
    Dog,
    Fox,
    Rabbit,
    Deer,
    Horse,
    Cow,
    Bear,
    Elephant,
    Giraffe,
    Monkey,
    Bird,
    Owl,
    Duck,
    Penguin,
    Fish,
    Shark,
    Whale,
    Dolphin,
    Octopus,
    Jellyfish,
    Turtle,
    Frog,
    Butterfly,
    Bee,
    Snail,
    Snake,
    Person,
    Child,
    Crowd,
    Robot,
    Dragon,
    Dinosaur,
    Monster,
    Alien,
    Ghost,
    TeddyBear,
    Unicorn,
    Snowman,
    Cup,
    Kite,
    Ball,
    Balloon,
    Lamp,
    Lantern,
    Candle,
    Book,
    Guitar,
    Piano,
    Umbrella,
    Clock,
    Chair,
    Gift,
    Cake,
    Fruit,
    Flag,
    Screen,
    Bottle,
    Bell,
    House,
    Lighthouse,
    Skyscraper,
    Tower,
    Bridge,
    Castle,
    Windmill,
    Tent,
    Statue,
    Fountain,
    FerrisWheel,
    Pyramid,
    Tree,
    PalmTree,
    Flower,
    Leaf,
    Mountain,
    Volcano,
    Rock,
    Cloud,
    Sun,
    Moon,
    Star,
    Planet,
    Rainbow,
    Wave,
    Fire,
    Tornado,
    Snowflake,
    Iceberg,
    TrafficLight,
    FireHydrant,
    StopSign,
    ParkingMeter,
    Bench,
    PottedPlant,
    Vase,
    Backpack,
    Handbag,
    Suitcase,
    Tie,
    Frisbee,
    Skis,
    Snowboard,
    BaseballBat,
    BaseballGlove,
    Skateboard,
    Surfboard,
    TennisRacket,
    Scissors,
    HairDrier,
    Toothbrush,
    Remote,
    Keyboard,
    WineGlass,
    Fork,
    Knife,
    Spoon,
    Bowl,
    Banana,
    Sandwich,
    Orange,
    Broccoli,
    Carrot,
    HotDog,
    Pizza,
    Donut,
    Couch,
    Bed,
    DiningTable,
    Toilet,
    Tv,
    Laptop,
    CellPhone,
    Microwave,
    Oven,
    Toaster,
    Sink,
    Refrigerator,
    Sheep,
    Zebra,
    Bathtub,
    Shower,
    Crib,
    Chandelier,
    Microphone,
    ShoppingCart,
    LabBench,
    Stairs,
    PhoneBooth,
    GasPump,
    Canopy,
    Tombstone,
    Arch,
    Barn,
    Carousel,
    Crane,
    TrafficCone,
    Goal,
    BasketballHoop,
    JunkPile,
    Factory,
    Mansion,
    Palace,
    Waterfall,
    Orb,
}

impl Shape {
    /// Every shape, in vocabulary order.
    #[cfg(test)]
    pub const ALL: &[Shape] = &[
        Self::Car,
        Self::Bus,
        Self::Truck,
        Self::Bicycle,
        Self::Motorcycle,
        Self::Train,
        Self::Tram,
        Self::Boat,
        Self::Ship,
        Self::Sailboat,
        Self::Airplane,
        Self::Helicopter,
        Self::Rocket,
        Self::HotAirBalloon,
        Self::Submarine,
        Self::Ufo,
        Self::Cat,
        Self::Dog,
        Self::Fox,
        Self::Rabbit,
        Self::Deer,
        Self::Horse,
        Self::Cow,
        Self::Bear,
        Self::Elephant,
        Self::Giraffe,
        Self::Monkey,
        Self::Bird,
        Self::Owl,
        Self::Duck,
        Self::Penguin,
        Self::Fish,
        Self::Shark,
        Self::Whale,
        Self::Dolphin,
        Self::Octopus,
        Self::Jellyfish,
        Self::Turtle,
        Self::Frog,
        Self::Butterfly,
        Self::Bee,
        Self::Snail,
        Self::Snake,
        Self::Person,
        Self::Child,
        Self::Crowd,
        Self::Robot,
        Self::Dragon,
        Self::Dinosaur,
        Self::Monster,
        Self::Alien,
        Self::Ghost,
        Self::TeddyBear,
        Self::Unicorn,
        Self::Snowman,
        Self::Cup,
        Self::Kite,
        Self::Ball,
        Self::Balloon,
        Self::Lamp,
        Self::Lantern,
        Self::Candle,
        Self::Book,
        Self::Guitar,
        Self::Piano,
        Self::Umbrella,
        Self::Clock,
        Self::Chair,
        Self::Gift,
        Self::Cake,
        Self::Fruit,
        Self::Flag,
        Self::Screen,
        Self::Bottle,
        Self::Bell,
        Self::House,
        Self::Lighthouse,
        Self::Skyscraper,
        Self::Tower,
        Self::Bridge,
        Self::Castle,
        Self::Windmill,
        Self::Tent,
        Self::Statue,
        Self::Fountain,
        Self::FerrisWheel,
        Self::Pyramid,
        Self::Tree,
        Self::PalmTree,
        Self::Flower,
        Self::Leaf,
        Self::Mountain,
        Self::Volcano,
        Self::Rock,
        Self::Cloud,
        Self::Sun,
        Self::Moon,
        Self::Star,
        Self::Planet,
        Self::Rainbow,
        Self::Wave,
        Self::Fire,
        Self::Tornado,
        Self::Snowflake,
        Self::Iceberg,
        Self::TrafficLight,
        Self::FireHydrant,
        Self::StopSign,
        Self::ParkingMeter,
        Self::Bench,
        Self::PottedPlant,
        Self::Vase,
        Self::Backpack,
        Self::Handbag,
        Self::Suitcase,
        Self::Tie,
        Self::Frisbee,
        Self::Skis,
        Self::Snowboard,
        Self::BaseballBat,
        Self::BaseballGlove,
        Self::Skateboard,
        Self::Surfboard,
        Self::TennisRacket,
        Self::Scissors,
        Self::HairDrier,
        Self::Toothbrush,
        Self::Remote,
        Self::Keyboard,
        Self::WineGlass,
        Self::Fork,
        Self::Knife,
        Self::Spoon,
        Self::Bowl,
        Self::Banana,
        Self::Sandwich,
        Self::Orange,
        Self::Broccoli,
        Self::Carrot,
        Self::HotDog,
        Self::Pizza,
        Self::Donut,
        Self::Couch,
        Self::Bed,
        Self::DiningTable,
        Self::Toilet,
        Self::Tv,
        Self::Laptop,
        Self::CellPhone,
        Self::Microwave,
        Self::Oven,
        Self::Toaster,
        Self::Sink,
        Self::Refrigerator,
        Self::Sheep,
        Self::Zebra,
        Self::Bathtub,
        Self::Shower,
        Self::Crib,
        Self::Chandelier,
        Self::Microphone,
        Self::ShoppingCart,
        Self::LabBench,
        Self::Stairs,
        Self::PhoneBooth,
        Self::GasPump,
        Self::Canopy,
        Self::Tombstone,
        Self::Arch,
        Self::Barn,
        Self::Carousel,
        Self::Crane,
        Self::TrafficCone,
        Self::Goal,
        Self::BasketballHoop,
        Self::JunkPile,
        Self::Factory,
        Self::Mansion,
        Self::Palace,
        Self::Waterfall,
        Self::Orb,
    ];

    /// The shape for a vocabulary id; an unknown id falls back to its category's family shape.
    pub fn from_id(id: &str, category: Category) -> Self {
        match id {
            "car" => Self::Car,
            "bus" => Self::Bus,
            "truck" => Self::Truck,
            "bicycle" => Self::Bicycle,
            "motorcycle" => Self::Motorcycle,
            "train" => Self::Train,
            "tram" => Self::Tram,
            "boat" => Self::Boat,
            "ship" => Self::Ship,
            "sailboat" => Self::Sailboat,
            "airplane" => Self::Airplane,
            "helicopter" => Self::Helicopter,
            "rocket" => Self::Rocket,
            "hot_air_balloon" => Self::HotAirBalloon,
            "submarine" => Self::Submarine,
            "ufo" => Self::Ufo,
            "cat" => Self::Cat,
            "dog" => Self::Dog,
            "fox" => Self::Fox,
            "rabbit" => Self::Rabbit,
            "deer" => Self::Deer,
            "horse" => Self::Horse,
            "cow" => Self::Cow,
            "bear" => Self::Bear,
            "elephant" => Self::Elephant,
            "giraffe" => Self::Giraffe,
            "monkey" => Self::Monkey,
            "bird" => Self::Bird,
            "owl" => Self::Owl,
            "duck" => Self::Duck,
            "penguin" => Self::Penguin,
            "fish" => Self::Fish,
            "shark" => Self::Shark,
            "whale" => Self::Whale,
            "dolphin" => Self::Dolphin,
            "octopus" => Self::Octopus,
            "jellyfish" => Self::Jellyfish,
            "turtle" => Self::Turtle,
            "frog" => Self::Frog,
            "butterfly" => Self::Butterfly,
            "bee" => Self::Bee,
            "snail" => Self::Snail,
            "snake" => Self::Snake,
            "person" => Self::Person,
            "child" => Self::Child,
            "crowd" => Self::Crowd,
            "robot" => Self::Robot,
            "dragon" => Self::Dragon,
            "dinosaur" => Self::Dinosaur,
            "monster" => Self::Monster,
            "alien" => Self::Alien,
            "ghost" => Self::Ghost,
            "teddy_bear" => Self::TeddyBear,
            "unicorn" => Self::Unicorn,
            "snowman" => Self::Snowman,
            "cup" => Self::Cup,
            "kite" => Self::Kite,
            "ball" => Self::Ball,
            "balloon" => Self::Balloon,
            "lamp" => Self::Lamp,
            "lantern" => Self::Lantern,
            "candle" => Self::Candle,
            "book" => Self::Book,
            "guitar" => Self::Guitar,
            "piano" => Self::Piano,
            "umbrella" => Self::Umbrella,
            "clock" => Self::Clock,
            "chair" => Self::Chair,
            "gift" => Self::Gift,
            "cake" => Self::Cake,
            "fruit" => Self::Fruit,
            "flag" => Self::Flag,
            "screen" => Self::Screen,
            "bottle" => Self::Bottle,
            "bell" => Self::Bell,
            "house" => Self::House,
            "lighthouse" => Self::Lighthouse,
            "skyscraper" => Self::Skyscraper,
            "tower" => Self::Tower,
            "bridge" => Self::Bridge,
            "castle" => Self::Castle,
            "windmill" => Self::Windmill,
            "tent" => Self::Tent,
            "statue" => Self::Statue,
            "fountain" => Self::Fountain,
            "ferris_wheel" => Self::FerrisWheel,
            "pyramid" => Self::Pyramid,
            "tree" => Self::Tree,
            "palm_tree" => Self::PalmTree,
            "flower" => Self::Flower,
            "leaf" => Self::Leaf,
            "mountain" => Self::Mountain,
            "volcano" => Self::Volcano,
            "rock" => Self::Rock,
            "cloud" => Self::Cloud,
            "sun" => Self::Sun,
            "moon" => Self::Moon,
            "star" => Self::Star,
            "planet" => Self::Planet,
            "rainbow" => Self::Rainbow,
            "wave" => Self::Wave,
            "fire" => Self::Fire,
            "tornado" => Self::Tornado,
            "snowflake" => Self::Snowflake,
            "iceberg" => Self::Iceberg,
            "traffic_light" => Self::TrafficLight,
            "fire_hydrant" => Self::FireHydrant,
            "stop_sign" => Self::StopSign,
            "parking_meter" => Self::ParkingMeter,
            "bench" => Self::Bench,
            "potted_plant" => Self::PottedPlant,
            "vase" => Self::Vase,
            "backpack" => Self::Backpack,
            "handbag" => Self::Handbag,
            "suitcase" => Self::Suitcase,
            "tie" => Self::Tie,
            "frisbee" => Self::Frisbee,
            "skis" => Self::Skis,
            "snowboard" => Self::Snowboard,
            "baseball_bat" => Self::BaseballBat,
            "baseball_glove" => Self::BaseballGlove,
            "skateboard" => Self::Skateboard,
            "surfboard" => Self::Surfboard,
            "tennis_racket" => Self::TennisRacket,
            "scissors" => Self::Scissors,
            "hair_drier" => Self::HairDrier,
            "toothbrush" => Self::Toothbrush,
            "remote" => Self::Remote,
            "keyboard" => Self::Keyboard,
            "wine_glass" => Self::WineGlass,
            "fork" => Self::Fork,
            "knife" => Self::Knife,
            "spoon" => Self::Spoon,
            "bowl" => Self::Bowl,
            "banana" => Self::Banana,
            "sandwich" => Self::Sandwich,
            "orange" => Self::Orange,
            "broccoli" => Self::Broccoli,
            "carrot" => Self::Carrot,
            "hot_dog" => Self::HotDog,
            "pizza" => Self::Pizza,
            "donut" => Self::Donut,
            "couch" => Self::Couch,
            "bed" => Self::Bed,
            "dining_table" => Self::DiningTable,
            "toilet" => Self::Toilet,
            "tv" => Self::Tv,
            "laptop" => Self::Laptop,
            "cell_phone" => Self::CellPhone,
            "microwave" => Self::Microwave,
            "oven" => Self::Oven,
            "toaster" => Self::Toaster,
            "sink" => Self::Sink,
            "refrigerator" => Self::Refrigerator,
            "sheep" => Self::Sheep,
            "zebra" => Self::Zebra,
            "bathtub" => Self::Bathtub,
            "shower" => Self::Shower,
            "crib" => Self::Crib,
            "chandelier" => Self::Chandelier,
            "microphone" => Self::Microphone,
            "shopping_cart" => Self::ShoppingCart,
            "lab_bench" => Self::LabBench,
            "stairs" => Self::Stairs,
            "phone_booth" => Self::PhoneBooth,
            "gas_pump" => Self::GasPump,
            "canopy" => Self::Canopy,
            "tombstone" => Self::Tombstone,
            "arch" => Self::Arch,
            "barn" => Self::Barn,
            "carousel" => Self::Carousel,
            "crane" => Self::Crane,
            "traffic_cone" => Self::TrafficCone,
            "goal" => Self::Goal,
            "basketball_hoop" => Self::BasketballHoop,
            "junk_pile" => Self::JunkPile,
            "factory" => Self::Factory,
            "mansion" => Self::Mansion,
            "palace" => Self::Palace,
            "waterfall" => Self::Waterfall,
            "orb" => Self::Orb,
            _ => match category {
                Category::Vehicle => Self::Car,
                Category::Animal => Self::Dog,
                Category::Person => Self::Person,
                Category::Creature => Self::Monster,
                Category::Object => Self::Ball,
                Category::Building => Self::House,
                Category::Nature => Self::Tree,
                Category::Unknown => Self::Orb,
            },
        }
    }

    pub fn is_road_vehicle(self) -> bool {
        matches!(
            self,
            Self::Car | Self::Bus | Self::Truck | Self::Bicycle | Self::Motorcycle | Self::Train | Self::Tram
        )
    }

    pub fn is_boat(self) -> bool {
        matches!(self, Self::Boat | Self::Ship | Self::Sailboat)
    }

    pub fn is_sea_creature(self) -> bool {
        matches!(
            self,
            Self::Fish | Self::Shark | Self::Whale | Self::Dolphin | Self::Octopus | Self::Jellyfish | Self::Submarine
        )
    }

    pub fn is_person(self) -> bool {
        matches!(self, Self::Person | Self::Child | Self::Crowd)
    }

    /// Things that naturally live in the sky.
    pub fn flies(self) -> bool {
        matches!(
            self,
            Self::Airplane
                | Self::Helicopter
                | Self::Rocket
                | Self::HotAirBalloon
                | Self::Ufo
                | Self::Bird
                | Self::Owl
                | Self::Butterfly
                | Self::Bee
                | Self::Kite
                | Self::Balloon
                | Self::Lantern
                | Self::Dragon
                | Self::Ghost
                | Self::Cloud
                | Self::Sun
                | Self::Moon
                | Self::Star
                | Self::Planet
                | Self::Snowflake
                | Self::Leaf
                | Self::Orb
        )
    }

    /// Big, still things that sit behind the action.
    pub fn is_backdrop(self) -> bool {
        matches!(
            self,
            Self::House
                | Self::Lighthouse
                | Self::Skyscraper
                | Self::Tower
                | Self::Bridge
                | Self::Castle
                | Self::Windmill
                | Self::Tent
                | Self::Statue
                | Self::Fountain
                | Self::FerrisWheel
                | Self::Pyramid
                | Self::Tree
                | Self::PalmTree
                | Self::Mountain
                | Self::Volcano
                | Self::Iceberg
                | Self::Rainbow
                | Self::Arch
                | Self::Barn
                | Self::Carousel
                | Self::Crane
                | Self::Canopy
                | Self::Factory
                | Self::Mansion
                | Self::Palace
                | Self::Waterfall
        )
    }

    /// Where a thing is usually seen, when the prompt names no setting: tableware on a
    /// table, appliances in a kitchen, furniture in a room, street furniture on a street.
    pub fn home(self) -> Option<Setting> {
        use Shape as S;
        Some(match self {
            S::Cup | S::Cake | S::Bottle | S::Book | S::Candle | S::Fruit | S::Gift => Setting::Table,
            S::WineGlass | S::Fork | S::Knife | S::Spoon | S::Bowl | S::Banana | S::Sandwich | S::Orange => {
                Setting::Table
            }
            S::Broccoli | S::Carrot | S::HotDog | S::Pizza | S::Donut | S::Vase | S::Scissors | S::Remote => {
                Setting::Table
            }
            S::Keyboard | S::Laptop | S::CellPhone | S::Toothbrush | S::HairDrier | S::Handbag => Setting::Table,
            S::Microwave | S::Oven | S::Toaster | S::Sink | S::Refrigerator => Setting::Kitchen,
            S::Couch | S::Bed | S::DiningTable | S::Toilet | S::Tv | S::PottedPlant | S::Backpack => Setting::Room,
            S::Suitcase | S::Tie => Setting::Room,
            S::TrafficLight | S::FireHydrant | S::StopSign | S::ParkingMeter => Setting::CityStreet,
            S::Bench | S::Frisbee | S::BaseballBat | S::BaseballGlove | S::TennisRacket | S::Skateboard => {
                Setting::Park
            }
            S::Skis | S::Snowboard => Setting::Snowfield,
            S::Surfboard => Setting::Beach,
            _ => return None,
        })
    }

    /// The colour when the prompt names none.
    pub fn default_colour(self, palette: &Palette, index: usize) -> Rgb {
        use Shape as S;
        match self {
            S::Car
            | S::Bus
            | S::Truck
            | S::Bicycle
            | S::Motorcycle
            | S::Boat
            | S::Ship
            | S::Sailboat
            | S::Kite
            | S::Balloon
            | S::HotAirBalloon
            | S::Ball
            | S::Gift
            | S::Umbrella
            | S::Flag
            | S::Book => palette.accents[index % 3],
            S::Train | S::Tram => Rgb::new(196, 40, 40),
            S::Airplane | S::Helicopter | S::Rocket | S::Ufo | S::Submarine => Rgb::new(226, 228, 232),
            S::Cat => Rgb::new(236, 150, 70),
            S::Dog => Rgb::new(170, 116, 64),
            S::Fox => Rgb::new(222, 110, 40),
            S::Rabbit => Rgb::new(214, 206, 196),
            S::Deer | S::Horse | S::Monkey => Rgb::new(150, 98, 56),
            S::Cow => Rgb::new(240, 236, 228),
            S::Bear | S::TeddyBear => Rgb::new(120, 80, 48),
            S::Elephant | S::Rock | S::Statue | S::Robot => Rgb::new(150, 152, 160),
            S::Giraffe => Rgb::new(230, 180, 80),
            S::Bird => Rgb::new(50, 60, 80),
            S::Owl => Rgb::new(150, 110, 70),
            S::Duck => Rgb::new(236, 200, 60),
            S::Penguin => Rgb::new(30, 32, 40),
            S::Fish => Rgb::new(250, 140, 40),
            S::Shark | S::Dolphin => Rgb::new(120, 140, 160),
            S::Whale => Rgb::new(60, 84, 120),
            S::Octopus => Rgb::new(200, 80, 110),
            S::Jellyfish => Rgb::new(230, 150, 220),
            S::Turtle | S::Frog | S::Snake | S::Dinosaur | S::Dragon | S::Alien => Rgb::new(70, 150, 70),
            S::Butterfly => Rgb::new(80, 140, 240),
            S::Bee => Rgb::new(246, 196, 30),
            S::Snail => Rgb::new(180, 130, 80),
            S::Person => Rgb::new(60, 90, 160),
            S::Child => Rgb::new(230, 90, 60),
            S::Crowd => Rgb::new(90, 90, 110),
            S::Monster => Rgb::new(130, 70, 170),
            S::Ghost | S::Snowman | S::Unicorn | S::Snowflake | S::Cloud => Rgb::new(244, 244, 250),
            S::Cup => Rgb::new(236, 232, 224),
            S::Lamp | S::Lantern | S::Candle | S::Star | S::Sun => Rgb::new(255, 214, 110),
            S::Guitar | S::Chair | S::Piano => Rgb::new(150, 90, 44),
            S::Clock => Rgb::new(230, 230, 226),
            S::Cake => Rgb::new(250, 210, 220),
            S::Fruit => Rgb::new(214, 40, 40),
            S::Screen => Rgb::new(40, 44, 52),
            S::Bottle => Rgb::new(60, 140, 90),
            S::Bell => Rgb::new(214, 170, 60),
            S::House => Rgb::new(220, 200, 170),
            S::Lighthouse => Rgb::new(240, 240, 236),
            S::Skyscraper | S::Tower => Rgb::new(120, 140, 170),
            S::Bridge => Rgb::new(180, 60, 50),
            S::Castle | S::Pyramid => Rgb::new(200, 180, 140),
            S::Windmill | S::Tent | S::FerrisWheel | S::Fountain => Rgb::new(230, 226, 216),
            S::Tree | S::PalmTree | S::Leaf => Rgb::new(60, 140, 60),
            S::Flower => Rgb::new(240, 90, 150),
            S::Mountain => Rgb::new(110, 120, 150),
            S::Volcano => Rgb::new(90, 70, 64),
            S::Moon => Rgb::new(236, 236, 246),
            S::Planet => Rgb::new(210, 160, 100),
            S::Rainbow => Rgb::new(255, 255, 255),
            S::Wave | S::Iceberg => Rgb::new(60, 150, 210),
            S::Fire => Rgb::new(255, 140, 30),
            S::Tornado => Rgb::new(140, 140, 150),
            S::Backpack
            | S::Handbag
            | S::Suitcase
            | S::Tie
            | S::Frisbee
            | S::Skis
            | S::Snowboard
            | S::Skateboard
            | S::Surfboard
            | S::TennisRacket
            | S::Scissors
            | S::HairDrier
            | S::Toothbrush
            | S::Bowl
            | S::Couch
            | S::Bed => palette.accents[index % 3],
            S::TrafficLight => Rgb::new(40, 44, 48),
            S::FireHydrant => Rgb::new(200, 40, 36),
            S::StopSign => Rgb::new(200, 24, 32),
            S::ParkingMeter => Rgb::new(120, 124, 130),
            S::Bench => Rgb::new(150, 100, 60),
            S::PottedPlant => Rgb::new(60, 140, 60),
            S::Vase => Rgb::new(70, 110, 170),
            S::BaseballBat => Rgb::new(196, 150, 96),
            S::BaseballGlove => Rgb::new(150, 90, 44),
            S::Remote => Rgb::new(40, 44, 52),
            S::Keyboard => Rgb::new(40, 44, 52),
            S::WineGlass => Rgb::new(150, 20, 50),
            S::Fork => Rgb::new(200, 204, 210),
            S::Knife => Rgb::new(200, 204, 210),
            S::Spoon => Rgb::new(200, 204, 210),
            S::Banana => Rgb::new(246, 214, 70),
            S::Sandwich => Rgb::new(226, 186, 120),
            S::Orange => Rgb::new(250, 150, 30),
            S::Broccoli => Rgb::new(60, 140, 50),
            S::Carrot => Rgb::new(240, 120, 30),
            S::HotDog => Rgb::new(200, 80, 50),
            S::Pizza => Rgb::new(236, 180, 90),
            S::Donut => Rgb::new(240, 150, 180),
            S::DiningTable => Rgb::new(150, 100, 60),
            S::Toilet => Rgb::new(244, 244, 246),
            S::Tv => Rgb::new(40, 44, 52),
            S::Laptop => Rgb::new(180, 184, 190),
            S::CellPhone => Rgb::new(40, 44, 52),
            S::Microwave => Rgb::new(220, 222, 226),
            S::Oven => Rgb::new(220, 222, 226),
            S::Toaster => Rgb::new(200, 204, 210),
            S::Sink => Rgb::new(220, 222, 226),
            S::Refrigerator => Rgb::new(236, 238, 240),
            S::Sheep => Rgb::new(238, 234, 222),
            S::Zebra => Rgb::new(244, 244, 244),
            S::Bathtub => Rgb::new(244, 244, 246),
            S::Shower => Rgb::new(200, 204, 210),
            S::Crib => Rgb::new(236, 220, 196),
            S::Chandelier => Rgb::new(232, 196, 110),
            S::Microphone => Rgb::new(60, 62, 68),
            S::ShoppingCart => Rgb::new(190, 196, 204),
            S::LabBench => Rgb::new(230, 232, 236),
            S::Stairs => Rgb::new(170, 130, 96),
            S::PhoneBooth => Rgb::new(200, 40, 40),
            S::GasPump => Rgb::new(220, 50, 50),
            S::Canopy => Rgb::new(236, 238, 240),
            S::Tombstone => Rgb::new(150, 152, 156),
            S::Arch => Rgb::new(214, 196, 160),
            S::Barn => Rgb::new(170, 46, 40),
            S::Carousel => Rgb::new(230, 80, 90),
            S::Crane => Rgb::new(240, 190, 40),
            S::TrafficCone => Rgb::new(246, 120, 30),
            S::Goal => Rgb::new(246, 246, 246),
            S::BasketballHoop => Rgb::new(230, 100, 40),
            S::JunkPile => Rgb::new(130, 110, 96),
            S::Factory => Rgb::new(150, 120, 110),
            S::Mansion => Rgb::new(236, 228, 212),
            S::Palace => Rgb::new(236, 214, 170),
            S::Waterfall => Rgb::new(200, 230, 246),
            S::Orb => palette.accents[index % 3],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_shape_has_its_own_variant() {
        let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(crate::plan::DEFAULT_VOCABULARY_JSON)
            .ok()
            .and_then(|j| j.get("shapes").cloned())
            .and_then(|s| serde_json::from_value(s).ok())
            .unwrap_or_default();
        assert_eq!(ids.len(), Shape::ALL.len());
        for id in &ids {
            let s = Shape::from_id(id, Category::Unknown);
            assert!(s != Shape::Orb || id == "orb", "{id} has no shape");
        }
    }
}
