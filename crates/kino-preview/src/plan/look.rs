//! Setting, time of day, lighting and weather: the first setting (or place) and time named win;
//! every lighting and weather word is kept, once, in prompt order.

use super::lexicon::{Lexicon, Meaning};
use super::scan::Item;
use super::types::{Lighting, Place, Setting, TimeOfDay, Weather};
use super::work;

pub(crate) struct Look {
    pub setting: Option<Setting>,
    pub place: Option<Place>,
    pub time_of_day: Option<TimeOfDay>,
    pub lighting: Vec<Lighting>,
    pub weather: Vec<Weather>,
}

pub(crate) fn plan_look(items: &[Item<'_>], skip: &[bool], lexicon: &Lexicon) -> Look {
    let mut look = Look { setting: None, place: None, time_of_day: None, lighting: Vec::new(), weather: Vec::new() };
    for (k, item) in items.iter().enumerate() {
        work::step(1 + item.meanings.len());
        if skip.get(k).copied().unwrap_or(false) {
            continue;
        }
        for m in item.meanings.iter() {
            match *m {
                Meaning::Setting(s) => {
                    look.setting.get_or_insert(s);
                }
                Meaning::Place(i) if look.setting.is_none() => {
                    if let Some(place) = lexicon.places.get(i) {
                        look.setting = Some(place.setting);
                        look.place = Some(place.clone());
                    }
                }
                Meaning::Time(t) => {
                    look.time_of_day.get_or_insert(t);
                }
                Meaning::Lighting(l) if !look.lighting.contains(&l) => look.lighting.push(l),
                Meaning::Weather(w) if !look.weather.contains(&w) => look.weather.push(w),
                _ => {}
            }
        }
    }
    look
}
