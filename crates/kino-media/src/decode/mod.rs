//! Uploaded media in: MP4/MOV demuxing behind the limits in [`crate::limits`], H.264 and
//! AAC decoding, probing, stills (PNG, JPEG, WebP), and clips resampled as engine input.

mod aac;
mod clip_frames;
mod demux;
mod probe;
mod retime;
mod sps;
mod still;
mod tracks;

pub use clip_frames::{ClipFrames, last_frame, source_audio};
pub use probe::{AudioInfo, ProbeInfo, probe_mp4};
pub use still::{DecodedImage, decode_image, image_kind};
pub use tracks::{decode_audio, decode_video};
