//! How a subject moves: what the scene decides and the drawings animate by.

/// How a subject moves over the clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Moves across the frame (driving, crossing, sailing).
    Travel,
    /// Moves across with a bobbing gait (walking, running).
    Gait,
    /// Drifts with a slow bob (flying, floating, hovering).
    Fly,
    /// Drops down over the clip (falling, sinking, landing).
    Fall,
    /// Rises over the clip.
    Rise,
    /// Turns about its centre (rotating, spinning).
    Spin,
    /// Travels with a sinuous up-and-down (swimming).
    Swim,
    /// Hops (jumping, bouncing, dancing).
    Bounce,
    /// Stays put with a small sway (standing, sitting, and objects).
    Idle,
}
