//! The soundtrack the prompt asks for: ambience cues (from sound words and from the scene:
//! rain, a city street, the sea), whether it wants natural ambient sound, a music bed and
//! its mood, or silence (which wins over everything else).

use serde::Serialize;

use super::lexicon::Meaning;
use super::scan::Item;
use super::types::{AudioCue, Music};
use super::work;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AudioPlan {
    pub cues: Vec<AudioCue>,
    pub music: Option<Music>,
    pub silent: bool,
    pub ambient: bool,
}

/// How far (in words) a mood word may sit before "music" (after: half as far).
const MOOD_WINDOW: usize = 3;

pub(crate) fn plan_audio(items: &[Item<'_>], skip: &[bool]) -> AudioPlan {
    let mut plan = AudioPlan::default();
    let mut no_music = false;
    for (k, item) in items.iter().enumerate() {
        work::step(1 + item.meanings.len());
        if skip.get(k).copied().unwrap_or(false) {
            continue;
        }
        for m in item.meanings.iter() {
            let Meaning::Audio(a) = *m else { continue };
            if let Some(cue) = a.cue
                && !plan.cues.contains(&cue)
            {
                plan.cues.push(cue);
            }
            plan.ambient |= a.ambient;
            plan.silent |= a.silent;
            no_music |= a.no_music;
            if a.music && plan.music.is_none() {
                work::step(items.len());
                let nearby = items
                    .iter()
                    .filter(|n| {
                        n.sentence == item.sentence
                            && n.end + MOOD_WINDOW >= item.start
                            && n.start <= item.end + MOOD_WINDOW / 2
                    })
                    .find_map(|n| {
                        n.meanings.iter().find_map(|m| if let Meaning::Mood(m) = m { Some(*m) } else { None })
                    });
                plan.music = Some(nearby.or(a.mood).unwrap_or(Music::Calm));
            }
        }
    }
    if no_music {
        plan.music = None;
    }
    if plan.silent {
        plan.cues.clear();
        plan.music = None;
        plan.ambient = false;
    }
    plan
}
