//! One small generator per ambience cue. Each adds its next block into a stereo buffer at a
//! nominal level (long-run RMS about 0.1 alone at gain 1; sparse sounds like birds and
//! thunder lower on average, with louder peaks), carries its filter and event state from
//! block to block, and draws randomness only from its own seeded streams, so adding a cue
//! never changes another's sound. L and R get independent noise, so beds sound wide.

mod birds;
mod crickets;
mod crowd;
mod fire;
mod rain;
mod thunder;
mod traffic;
mod water;
mod waves;
mod wind;

use crate::plan::AudioCue;
use crate::rng::Rng;

use super::Layer;

use birds::Birds;
use crickets::Crickets;
use crowd::Crowd;
use fire::Fire;
use rain::Rain;
use thunder::Thunder;
use traffic::Traffic;
use water::Water;
use waves::Waves;
use wind::Wind;

/// The generator for `cue`, seeded by `seed`.
pub fn layer(cue: AudioCue, seed: u64) -> Box<dyn Layer> {
    let mut rng = Rng::new(seed ^ (cue as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    match cue {
        AudioCue::Rain => Box::new(Rain::new(&mut rng)),
        AudioCue::Wind => Box::new(Wind::new(&mut rng)),
        AudioCue::Waves => Box::new(Waves::new(&mut rng)),
        AudioCue::Traffic => Box::new(Traffic::new(&mut rng)),
        AudioCue::Birds => Box::new(Birds::new(&mut rng)),
        AudioCue::Crowd => Box::new(Crowd::new(&mut rng)),
        AudioCue::Fire => Box::new(Fire::new(&mut rng)),
        AudioCue::Thunder => Box::new(Thunder::new(&mut rng)),
        AudioCue::Water => Box::new(Water::new(&mut rng)),
        AudioCue::Crickets => Box::new(Crickets::new(&mut rng)),
    }
}

/// Uniform integer in [0, n).
fn below(rng: &mut Rng, n: u32) -> u32 {
    (rng.next_u64() % u64::from(n.max(1))) as u32
}
