//! Objects, buildings and nature: cups, kites, lamps, instruments (`objects`); street
//! furniture and things people carry (`street`); sports gear and small hand-held things
//! (`sports`); tableware and food (`kitchen`); furniture and appliances (`home`); houses,
//! towers, bridges (`buildings`); trees, flowers, mountains (`nature`); sky bodies, fire and
//! weather shapes (`sky`). [`draw`] dispatches on [`Shape`]; anything else is an orb.

mod buildings;
mod home;
mod kitchen;
mod nature;
mod objects;
mod places;
mod sky;
mod sports;
mod street;
mod venues;

use super::{Anim, Pen, WHITE};
use crate::palette::Rgb;
use crate::shape::Shape;

use buildings::{
    bridge, castle, ferris_wheel, fountain, house, lighthouse, pyramid, skyscraper, statue, tent, tower, windmill,
};
use nature::{flower, iceberg, leaf, mountain, palm, rock, tree, volcano, wave};
use objects::{
    ball, balloon, bell, book, bottle, cake, candle, chair, clock, cup, flag, fruit, gift, guitar, kite, lamp, lantern,
    piano, screen, umbrella,
};
use sky::{cloud, fire, moon, planet, rainbow, snowflake, star, sun, tornado};

pub fn draw(p: &mut Pen, shape: Shape, c: Rgb, a: &Anim) {
    use Shape as S;
    // Spinning things turn about their middle; the caller rotates the whole placement.
    match shape {
        S::Cup => cup(p, c),
        S::Kite => kite(p, c, a),
        S::Ball => ball(p, c, a),
        S::Balloon => balloon(p, c, a),
        S::Lamp => lamp(p, c, a),
        S::Lantern => lantern(p, c, a),
        S::Candle => candle(p, c, a),
        S::Book => book(p, c),
        S::Guitar => guitar(p, c),
        S::Piano => piano(p, c),
        S::Umbrella => umbrella(p, c),
        S::Clock => clock(p, c, a),
        S::Chair => chair(p, c),
        S::Gift => gift(p, c),
        S::Cake => cake(p, c, a),
        S::Fruit => fruit(p, c),
        S::Flag => flag(p, c, a),
        S::Screen => screen(p, c, a),
        S::Bottle => bottle(p, c),
        S::Bell => bell(p, c, a),
        S::House => house(p, c, a),
        S::Lighthouse => lighthouse(p, c, a),
        S::Skyscraper => skyscraper(p, c, a),
        S::Tower => tower(p, c, a),
        S::Bridge => bridge(p, c, a),
        S::Castle => castle(p, c, a),
        S::Windmill => windmill(p, c, a),
        S::Tent => tent(p, c, a),
        S::Statue => statue(p, c),
        S::Fountain => fountain(p, c, a),
        S::FerrisWheel => ferris_wheel(p, c, a),
        S::Pyramid => pyramid(p, c),
        S::Tree => tree(p, c, a),
        S::PalmTree => palm(p, c, a),
        S::Flower => flower(p, c, a),
        S::Leaf => leaf(p, c),
        S::Mountain => mountain(p, c),
        S::Volcano => volcano(p, c, a),
        S::Rock => rock(p, c),
        S::Cloud => cloud(p, c),
        S::Sun => sun(p, c, a),
        S::Moon => moon(p, c),
        S::Star => star(p, c, a),
        S::Planet => planet(p, c),
        S::Rainbow => rainbow(p),
        S::Wave => wave(p, c, a),
        S::Fire => fire(p, c, a),
        S::Tornado => tornado(p, c, a),
        S::Snowflake => snowflake(p, c),
        S::Iceberg => iceberg(p, c),
        S::TrafficLight => street::traffic_light(p, c, a),
        S::FireHydrant => street::fire_hydrant(p, c, a),
        S::StopSign => street::stop_sign(p, c, a),
        S::ParkingMeter => street::parking_meter(p, c, a),
        S::Bench => street::bench(p, c, a),
        S::PottedPlant => street::potted_plant(p, c, a),
        S::Vase => street::vase(p, c, a),
        S::Backpack => street::backpack(p, c, a),
        S::Handbag => street::handbag(p, c, a),
        S::Suitcase => street::suitcase(p, c, a),
        S::Tie => street::tie(p, c, a),
        S::Frisbee => sports::frisbee(p, c, a),
        S::Skis => sports::skis(p, c, a),
        S::Snowboard => sports::snowboard(p, c, a),
        S::BaseballBat => sports::baseball_bat(p, c, a),
        S::BaseballGlove => sports::baseball_glove(p, c, a),
        S::Skateboard => sports::skateboard(p, c, a),
        S::Surfboard => sports::surfboard(p, c, a),
        S::TennisRacket => sports::tennis_racket(p, c, a),
        S::Scissors => sports::scissors(p, c, a),
        S::HairDrier => sports::hair_drier(p, c, a),
        S::Toothbrush => sports::toothbrush(p, c, a),
        S::Remote => sports::remote(p, c, a),
        S::Keyboard => sports::keyboard(p, c, a),
        S::WineGlass => kitchen::wine_glass(p, c, a),
        S::Fork => kitchen::fork(p, c, a),
        S::Knife => kitchen::knife(p, c, a),
        S::Spoon => kitchen::spoon(p, c, a),
        S::Bowl => kitchen::bowl(p, c, a),
        S::Banana => kitchen::banana(p, c, a),
        S::Sandwich => kitchen::sandwich(p, c, a),
        S::Orange => kitchen::orange(p, c, a),
        S::Broccoli => kitchen::broccoli(p, c, a),
        S::Carrot => kitchen::carrot(p, c, a),
        S::HotDog => kitchen::hot_dog(p, c, a),
        S::Pizza => kitchen::pizza(p, c, a),
        S::Donut => kitchen::donut(p, c, a),
        S::Couch => home::couch(p, c, a),
        S::Bed => home::bed(p, c, a),
        S::DiningTable => home::dining_table(p, c, a),
        S::Toilet => home::toilet(p, c, a),
        S::Tv => home::tv(p, c, a),
        S::Laptop => home::laptop(p, c, a),
        S::CellPhone => home::cell_phone(p, c, a),
        S::Microwave => home::microwave(p, c, a),
        S::Oven => home::oven(p, c, a),
        S::Toaster => home::toaster(p, c, a),
        S::Sink => home::sink(p, c, a),
        S::Refrigerator => home::refrigerator(p, c, a),
        S::Bathtub => places::bathtub(p, c, a),
        S::Shower => places::shower(p, c, a),
        S::Crib => places::crib(p, c, a),
        S::Chandelier => places::chandelier(p, c, a),
        S::Microphone => places::microphone(p, c, a),
        S::ShoppingCart => places::shopping_cart(p, c, a),
        S::LabBench => places::lab_bench(p, c, a),
        S::Stairs => places::stairs(p, c, a),
        S::PhoneBooth => places::phone_booth(p, c, a),
        S::GasPump => places::gas_pump(p, c, a),
        S::Canopy => places::canopy(p, c, a),
        S::Tombstone => places::tombstone(p, c, a),
        S::Arch => venues::arch(p, c, a),
        S::Barn => venues::barn(p, c, a),
        S::Carousel => venues::carousel(p, c, a),
        S::Crane => venues::crane(p, c, a),
        S::TrafficCone => venues::traffic_cone(p, c, a),
        S::Goal => venues::goal(p, c, a),
        S::BasketballHoop => venues::basketball_hoop(p, c, a),
        S::JunkPile => venues::junk_pile(p, c, a),
        S::Factory => venues::factory(p, c, a),
        S::Mansion => venues::mansion(p, c, a),
        S::Palace => venues::palace(p, c, a),
        S::Waterfall => venues::waterfall(p, c, a),
        _ => orb(p, c, a),
    }
}

fn orb(p: &mut Pen, c: Rgb, a: &Anim) {
    let bob = a.wave(0.33) * 0.04;
    p.with(tiny_skia::Transform::from_translate(0.0, bob), |p| {
        p.glow(0.0, -0.5, 0.95, c, 0.4);
        p.circle(0.0, -0.5, 0.5, c);
        p.ellipse_a(0.0, -0.44, 0.44, 0.42, c.lit(0.85), 0.6);
        p.ellipse_a(-0.16, -0.67, 0.15, 0.15, WHITE, 0.43);
    });
}
