//! Demuxing uploaded MP4/MOV files with re_mp4, behind the limits in [`crate::limits`].

use std::ops::Range;

use re_mp4::{Mp4, StsdBoxContent, Track, TrackKind};

use super::sps::{SpsInfo, parse_sps};
use crate::error::MediaError;
use crate::limits::{MAX_DIMENSION, MAX_DURATION_SECONDS, prescan};

/// avc profile_idc values openh264 decodes: Baseline, Main, High (8-bit 4:2:0).
const SUPPORTED_PROFILES: [u8; 3] = [66, 77, 100];
const AAC_SAMPLE_RATES: [u32; 13] =
    [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

pub(crate) struct SampleRef {
    pub(crate) range: Range<usize>,
    pub(crate) is_sync: bool,
    /// Presentation time in track ticks (the first is zero).
    pub(crate) pts: i64,
}

pub(crate) struct VideoTrack {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) length_size: usize,
    pub(crate) sps: Vec<Vec<u8>>,
    pub(crate) pps: Vec<Vec<u8>>,
    pub(crate) sps_info: Option<SpsInfo>,
    pub(crate) samples: Vec<SampleRef>,
    pub(crate) duration_seconds: f64,
    /// Ticks per second of the sample times.
    pub(crate) timescale: u64,
}

pub(crate) struct AudioTrack {
    /// Short name: "aac", "mp3", else the codec string or sample-entry fourcc.
    pub(crate) codec: String,
    /// AudioSpecificConfig, present for AAC.
    pub(crate) asc: Option<[u8; 2]>,
    pub(crate) sample_rate: u32,
    pub(crate) channels: u32,
    pub(crate) samples: Vec<SampleRef>,
    /// Duration in samples at `sample_rate`.
    pub(crate) total_samples: u64,
    /// Leading samples an edit list says to skip (encoder priming), at `sample_rate`.
    pub(crate) skip_samples: u64,
}

pub(crate) struct Demuxed {
    /// The first video track, or why it cannot be used.
    pub(crate) video: Option<Result<VideoTrack, MediaError>>,
    pub(crate) audio: Option<AudioTrack>,
}

/// Parse the container (call inside [`guarded`](crate::error::guarded)).
pub(crate) fn demux(bytes: &[u8]) -> Result<Demuxed, MediaError> {
    prescan(bytes)?;
    let mp4 = Mp4::read_bytes(bytes).map_err(|e| MediaError::NotMp4(e.to_string()))?;
    let mut out = Demuxed { video: None, audio: None };
    for track in mp4.tracks().values() {
        let contents = &track.trak(&mp4).mdia.minf.stbl.stsd.contents;
        let is_video = track.kind == Some(TrackKind::Video)
            || matches!(
                contents,
                StsdBoxContent::Avc1(_)
                    | StsdBoxContent::Hev1(_)
                    | StsdBoxContent::Hvc1(_)
                    | StsdBoxContent::Vp08(_)
                    | StsdBoxContent::Vp09(_)
                    | StsdBoxContent::Av01(_)
            );
        if is_video && out.video.is_none() {
            out.video = Some(video_track(&mp4, track, bytes.len()));
        } else if (track.kind == Some(TrackKind::Audio) || matches!(contents, StsdBoxContent::Mp4a(_)))
            && out.audio.is_none()
        {
            out.audio = Some(audio_track(&mp4, track, bytes.len())?);
        }
    }
    Ok(out)
}

fn video_track(mp4: &Mp4, track: &Track, file_len: usize) -> Result<VideoTrack, MediaError> {
    let avc1 = match &track.trak(mp4).mdia.minf.stbl.stsd.contents {
        StsdBoxContent::Avc1(avc1) => avc1,
        StsdBoxContent::Unknown(fourcc) => {
            return Err(MediaError::UnsupportedVideoCodec(fourcc.to_string()));
        }
        other => {
            let name = other.codec_string().unwrap_or_else(|| "unknown".into());
            return Err(MediaError::UnsupportedVideoCodec(name));
        }
    };
    let config = &avc1.avcc.contents;
    let profile = config.avc_profile_indication;
    if !SUPPORTED_PROFILES.contains(&profile) {
        return Err(MediaError::UnsupportedH264Profile { profile_idc: profile, name: profile_name(profile) });
    }
    let sps: Vec<Vec<u8>> = config.sequence_parameter_sets.iter().map(|n| n.bytes.clone()).collect();
    let pps: Vec<Vec<u8>> = config.picture_parameter_sets.iter().map(|n| n.bytes.clone()).collect();
    let sps_info = sps.first().and_then(|s| parse_sps(s));
    if let Some(info) = &sps_info
        && (info.chroma_format_idc != 1 || info.bit_depth_luma != 8 || info.bit_depth_chroma != 8)
    {
        return Err(MediaError::UnsupportedH264Profile { profile_idc: info.profile_idc, name: "not 8-bit 4:2:0" });
    }
    let (width, height) = (u32::from(avc1.width), u32::from(avc1.height));
    if width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(MediaError::TooLarge { width, height, max: MAX_DIMENSION });
    }
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt(format!("video track declares size {width}x{height}")));
    }
    let (samples, ticks) = sample_refs(track, file_len)?;
    let duration_seconds = if track.timescale > 0 { ticks as f64 / track.timescale as f64 } else { 0.0 };
    check_duration(duration_seconds)?;
    Ok(VideoTrack {
        width,
        height,
        length_size: usize::from(config.length_size_minus_one) + 1,
        sps,
        pps,
        sps_info,
        samples,
        duration_seconds,
        timescale: track.timescale,
    })
}

fn audio_track(mp4: &Mp4, track: &Track, file_len: usize) -> Result<AudioTrack, MediaError> {
    let trak = track.trak(mp4);
    let (samples, ticks) = sample_refs(track, file_len)?;
    let timescale = track.timescale.max(1);
    check_duration(ticks as f64 / timescale as f64)?;
    let (codec, asc, sample_rate, channels) = match &trak.mdia.minf.stbl.stsd.contents {
        StsdBoxContent::Mp4a(m) => match &m.esds {
            Some(esds) => {
                let oti = esds.es_desc.dec_config.object_type_indication;
                let ds = &esds.es_desc.dec_config.dec_specific;
                let rate = AAC_SAMPLE_RATES
                    .get(usize::from(ds.freq_index))
                    .copied()
                    .unwrap_or(u32::from(m.samplerate.value()));
                let channels = match ds.chan_conf {
                    1..=6 => u32::from(ds.chan_conf),
                    7 => 8,
                    _ => u32::from(m.channelcount),
                };
                match oti {
                    0x40 | 0x66..=0x68 => {
                        let asc = (ds.profile > 0 && ds.profile < 31 && ds.freq_index < 13).then_some([
                            (ds.profile << 3) | (ds.freq_index >> 1),
                            ((ds.freq_index & 1) << 7) | (ds.chan_conf << 3),
                        ]);
                        ("aac".to_owned(), asc, rate, channels)
                    }
                    0x69 | 0x6b => ("mp3".to_owned(), None, rate, channels),
                    _ => (format!("mp4a.{oti:02x}"), None, rate, channels),
                }
            }
            None => ("mp4a".to_owned(), None, u32::from(m.samplerate.value()), u32::from(m.channelcount)),
        },
        StsdBoxContent::Unknown(fourcc) => (fourcc.to_string(), None, timescale as u32, 0),
        other => (other.codec_string().unwrap_or_else(|| "unknown".into()), None, timescale as u32, 0),
    };
    let to_rate = |t: u64| (u128::from(t) * u128::from(sample_rate) / u128::from(timescale)) as u64;
    // The first edit's media_time is where playback starts: encoder priming before it
    // is not part of the clip. u32::MAX / u64::MAX mean an empty edit.
    let skip_ticks = trak
        .edts
        .as_ref()
        .and_then(|e| e.elst.as_ref())
        .and_then(|elst| elst.entries.first())
        .map(|e| e.media_time)
        .filter(|&t| t < u64::from(u32::MAX) && t < ticks)
        .unwrap_or(0);
    Ok(AudioTrack {
        codec,
        asc,
        sample_rate,
        channels,
        samples,
        total_samples: to_rate(ticks),
        skip_samples: to_rate(skip_ticks),
    })
}

/// Sample byte ranges (checked against the file) and total duration in track ticks.
fn sample_refs(track: &Track, file_len: usize) -> Result<(Vec<SampleRef>, u64), MediaError> {
    let mut ticks = 0u64;
    let mut refs = Vec::with_capacity(track.samples.len());
    for s in &track.samples {
        let end =
            s.offset.checked_add(s.size).filter(|&e| e <= file_len as u64).ok_or_else(|| {
                MediaError::Corrupt(format!("sample {} lies outside the file (truncated upload?)", s.id))
            })?;
        refs.push(SampleRef {
            range: s.offset as usize..end as usize,
            is_sync: s.is_sync,
            pts: s.composition_timestamp,
        });
        ticks = ticks.saturating_add(s.duration);
    }
    Ok((refs, ticks))
}

fn check_duration(seconds: f64) -> Result<(), MediaError> {
    if !seconds.is_finite() || seconds > f64::from(MAX_DURATION_SECONDS) {
        return Err(MediaError::TooLong { seconds, max: MAX_DURATION_SECONDS });
    }
    Ok(())
}

fn profile_name(profile_idc: u8) -> &'static str {
    match profile_idc {
        44 => "CAVLC 4:4:4 Intra",
        88 => "Extended",
        110 => "High 10",
        122 => "High 4:2:2",
        244 => "High 4:4:4 Predictive",
        83 | 86 => "Scalable",
        118 | 128 => "Multiview",
        _ => "unknown",
    }
}
