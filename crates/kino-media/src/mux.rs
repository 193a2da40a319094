//! Streaming MP4 writer over shiguredo_mp4's sans-I/O muxer.
//!
//! Sample data goes to the file as it is encoded; only the sample tables stay in memory.
//! Space for the moov box is reserved right after ftyp, and the finished moov is written
//! into it at the end, so the file is moov-before-mdat ("faststart") without a second pass.
//! If the reservation was too small (the clip ran longer than announced), the file is
//! rewritten once with a large enough reservation.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use shiguredo_mp4::boxes::{
    AudioSampleEntryFields, Avc1Box, AvccBox, EsdsBox, Mp4aBox, SampleEntry, VisualSampleEntryFields,
};
use shiguredo_mp4::descriptors::{DecoderConfigDescriptor, DecoderSpecificInfo, EsDescriptor, SlConfigDescriptor};
use shiguredo_mp4::mux::{FinalizedBoxes, Mp4FileMuxer, Mp4FileMuxerOptions, Sample, estimate_maximum_moov_box_size};
use shiguredo_mp4::{FixedPointNumber, TrackKind, Uint};

use crate::aac::{AAC_FRAME_SAMPLES, AUDIO_SPECIFIC_CONFIG};
use crate::error::MediaError;
use crate::h264::EncodedPicture;
use kino_engine::AUDIO_SAMPLE_RATE;

/// Without a frame count we reserve moov space for this long a clip (a few tens of KB).
const DEFAULT_RESERVED_SECONDS: u64 = 20;
/// How far one track may run ahead of the other before we stop waiting to interleave
/// (bounds memory if an engine sends all its video before its audio).
const MAX_LEAD_SECONDS: u64 = 2;
const WRITE_BUFFER: usize = 1 << 20;

struct Pending {
    data: Vec<u8>,
    keyframe: bool,
    entry: Option<SampleEntry>,
    /// Position in its track, which gives its start time.
    index: u64,
}

/// What the replay path needs to rebuild the tables; `entry` only where it changes
/// (boxed: a sample entry is a few hundred bytes and this is kept per sample).
struct Record {
    kind: TrackKind,
    size: u32,
    keyframe: bool,
    entry: Option<Box<SampleEntry>>,
}

pub(crate) struct Mp4Writer {
    path: PathBuf,
    file: BufWriter<File>,
    muxer: Mp4FileMuxer,
    options: Mp4FileMuxerOptions,
    data_start: u64,
    position: u64,
    fps: NonZeroU32,
    width: u16,
    height: u16,
    audio_bitrate: u32,
    video_params: Option<(Vec<u8>, Vec<u8>)>,
    video: VecDeque<Pending>,
    audio: VecDeque<Pending>,
    video_count: u64,
    audio_count: u64,
    records: Vec<Record>,
}

/// Result of [`Mp4Writer::finish`].
pub(crate) struct Mp4Summary {
    pub(crate) bytes: u64,
    pub(crate) video_frames: u32,
    pub(crate) audio_frames: u64,
}

impl Mp4Writer {
    /// `expected_frames`: video frames announced by the caller, to size the moov reservation.
    pub(crate) fn create(
        path: &Path,
        width: u32,
        height: u32,
        fps: u32,
        audio_bitrate: u32,
        expected_frames: Option<u32>,
    ) -> Result<Self, MediaError> {
        let fps_nz = NonZeroU32::new(fps).ok_or_else(|| MediaError::InvalidSettings("fps is 0".into()))?;
        let (w, h) = match (u16::try_from(width), u16::try_from(height)) {
            (Ok(w), Ok(h)) => (w, h),
            _ => return Err(MediaError::InvalidSettings(format!("size {width}x{height} too large for MP4"))),
        };
        let video_frames = expected_frames.map_or(DEFAULT_RESERVED_SECONDS * u64::from(fps), u64::from);
        let options = Mp4FileMuxerOptions {
            reserved_moov_box_size: reservation(video_frames, fps),
            creation_timestamp: SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default(),
            ..Default::default()
        };
        let muxer = Mp4FileMuxer::with_options(options.clone()).map_err(mux_err)?;
        let file = File::create(path).map_err(|e| MediaError::io(path, e))?;
        let mut file = BufWriter::with_capacity(WRITE_BUFFER, file);
        let initial = muxer.initial_boxes_bytes();
        file.write_all(initial).map_err(|e| MediaError::io(path, e))?;
        let data_start = initial.len() as u64;
        Ok(Self {
            path: path.to_owned(),
            file,
            muxer,
            options,
            data_start,
            position: data_start,
            fps: fps_nz,
            width: w,
            height: h,
            audio_bitrate,
            video_params: None,
            video: VecDeque::new(),
            audio: VecDeque::new(),
            video_count: 0,
            audio_count: 0,
            records: Vec::new(),
        })
    }

    pub(crate) fn push_video(&mut self, picture: EncodedPicture) -> Result<(), MediaError> {
        // A new sample entry only when the parameter sets change (openh264 keeps them
        // constant, but a changed SPS must not be paired with a stale avcC).
        let mut entry = None;
        if let (Some(sps), Some(pps)) = (picture.sps, picture.pps)
            && self.video_params.as_ref() != Some(&(sps.clone(), pps.clone()))
        {
            entry = Some(self.avc1_entry(&sps, &pps)?);
            self.video_params = Some((sps, pps));
        }
        if self.video_params.is_none() {
            return Err(MediaError::H264Encode("first picture carries no SPS/PPS".into()));
        }
        let index = self.video_count;
        self.video_count += 1;
        self.video.push_back(Pending { data: picture.sample, keyframe: picture.keyframe, entry, index });
        self.interleave(false)
    }

    pub(crate) fn push_audio(&mut self, frame: Vec<u8>) -> Result<(), MediaError> {
        let entry = (self.audio_count == 0).then(|| self.mp4a_entry());
        let index = self.audio_count;
        self.audio_count += 1;
        self.audio.push_back(Pending { data: frame, keyframe: true, entry, index });
        self.interleave(false)
    }

    /// Write every queued sample, finalize the moov, and make the file moov-first.
    pub(crate) fn finish(mut self) -> Result<Mp4Summary, MediaError> {
        if self.video_count == 0 {
            return Err(MediaError::NoFrames);
        }
        self.interleave(true)?;
        let path = self.path.clone();
        let io = |e| MediaError::io(&path, e);
        let mut file = self.file.into_inner().map_err(|e| MediaError::io(&path, e.into_error()))?;
        let finalized = self.muxer.finalize().map_err(mux_err)?;
        if finalized.is_faststart_enabled() {
            write_finalized(&mut file, finalized).map_err(io)?;
        } else {
            let needed = finalized.moov_box_size();
            drop(file);
            rewrite_faststart(&path, &self.options, needed, self.data_start, self.position, &self.records, self.fps)?;
        }
        let bytes = std::fs::metadata(&path).map_err(io)?.len();
        Ok(Mp4Summary {
            bytes,
            video_frames: u32::try_from(self.video_count).unwrap_or(u32::MAX),
            audio_frames: self.audio_count,
        })
    }

    /// Write queued samples in start-time order. Until `drain`, wait for the other track
    /// to catch up (up to MAX_LEAD_SECONDS) so the file interleaves audio and video.
    fn interleave(&mut self, drain: bool) -> Result<(), MediaError> {
        let fps = u64::from(self.fps.get());
        let max_video_lead = MAX_LEAD_SECONDS * fps;
        let max_audio_lead = MAX_LEAD_SECONDS * u64::from(AUDIO_SAMPLE_RATE / AAC_FRAME_SAMPLES);
        loop {
            let take_video = match (self.video.front(), self.audio.front()) {
                // Compare start times v/fps and a*1024/48000 without division.
                (Some(v), Some(a)) => {
                    v.index * u64::from(AUDIO_SAMPLE_RATE) <= a.index * u64::from(AAC_FRAME_SAMPLES) * fps
                }
                (Some(_), None) if drain || self.video.len() as u64 > max_video_lead => true,
                (None, Some(_)) if drain || self.audio.len() as u64 > max_audio_lead => false,
                _ => return Ok(()),
            };
            let (kind, pending) = if take_video {
                (TrackKind::Video, self.video.pop_front())
            } else {
                (TrackKind::Audio, self.audio.pop_front())
            };
            if let Some(p) = pending {
                self.write_sample(kind, p)?;
            }
        }
    }

    fn write_sample(&mut self, kind: TrackKind, p: Pending) -> Result<(), MediaError> {
        self.file.write_all(&p.data).map_err(|e| MediaError::io(&self.path, e))?;
        let sample = sample_for(kind, p.entry.clone(), p.keyframe, self.fps, self.position, p.data.len());
        self.muxer.append_sample(&sample).map_err(mux_err)?;
        self.position += p.data.len() as u64;
        let size = u32::try_from(p.data.len()).map_err(|_| MediaError::Mux("sample over 4 GiB".into()))?;
        self.records.push(Record { kind, size, keyframe: p.keyframe, entry: p.entry.map(Box::new) });
        Ok(())
    }

    fn avc1_entry(&self, sps: &[u8], pps: &[u8]) -> Result<SampleEntry, MediaError> {
        if sps.len() < 4 {
            return Err(MediaError::H264Encode("SPS too short".into()));
        }
        Ok(SampleEntry::Avc1(Avc1Box {
            visual: VisualSampleEntryFields {
                data_reference_index: VisualSampleEntryFields::DEFAULT_DATA_REFERENCE_INDEX,
                width: self.width,
                height: self.height,
                horizresolution: VisualSampleEntryFields::DEFAULT_HORIZRESOLUTION,
                vertresolution: VisualSampleEntryFields::DEFAULT_VERTRESOLUTION,
                frame_count: VisualSampleEntryFields::DEFAULT_FRAME_COUNT,
                compressorname: VisualSampleEntryFields::NULL_COMPRESSORNAME,
                depth: VisualSampleEntryFields::DEFAULT_DEPTH,
            },
            avcc_box: AvccBox {
                avc_profile_indication: sps[1],
                profile_compatibility: sps[2],
                avc_level_indication: sps[3],
                length_size_minus_one: Uint::new(3),
                sps_list: vec![sps.to_vec()],
                pps_list: vec![pps.to_vec()],
                chroma_format: None,
                bit_depth_luma_minus8: None,
                bit_depth_chroma_minus8: None,
                sps_ext_list: vec![],
            },
            unknown_boxes: vec![],
        }))
    }

    fn mp4a_entry(&self) -> SampleEntry {
        SampleEntry::Mp4a(Mp4aBox {
            audio: AudioSampleEntryFields {
                data_reference_index: AudioSampleEntryFields::DEFAULT_DATA_REFERENCE_INDEX,
                channelcount: 2,
                samplesize: AudioSampleEntryFields::DEFAULT_SAMPLESIZE,
                samplerate: FixedPointNumber::new(AUDIO_SAMPLE_RATE as u16, 0),
            },
            esds_box: EsdsBox {
                es: EsDescriptor {
                    es_id: 1,
                    stream_priority: Uint::new(0),
                    depends_on_es_id: None,
                    url_string: None,
                    ocr_es_id: None,
                    dec_config_descr: DecoderConfigDescriptor {
                        object_type_indication: 0x40, // MPEG-4 audio
                        stream_type: Uint::new(5),    // audio stream
                        up_stream: Uint::new(0),
                        buffer_size_db: Uint::new(0),
                        max_bitrate: self.audio_bitrate,
                        avg_bitrate: self.audio_bitrate,
                        dec_specific_info: Some(DecoderSpecificInfo { payload: AUDIO_SPECIFIC_CONFIG.to_vec() }),
                    },
                    sl_config_descr: SlConfigDescriptor,
                },
            },
            unknown_boxes: vec![],
        })
    }
}

/// moov bytes for this many frames of video plus the matching AAC frames, with slack
/// for the per-chunk entries interleaving adds.
fn reservation(video_frames: u64, fps: u32) -> usize {
    let seconds = video_frames.div_ceil(u64::from(fps.max(1))) + 1;
    let audio_frames = seconds * u64::from(AUDIO_SAMPLE_RATE).div_ceil(u64::from(AAC_FRAME_SAMPLES));
    let counts = [video_frames as usize + 1, audio_frames as usize];
    estimate_maximum_moov_box_size(&counts) + 1024
}

fn sample_for(
    kind: TrackKind,
    entry: Option<SampleEntry>,
    keyframe: bool,
    fps: NonZeroU32,
    offset: u64,
    size: usize,
) -> Sample {
    let (timescale, duration) = match kind {
        TrackKind::Audio => (NonZeroU32::new(AUDIO_SAMPLE_RATE).unwrap_or(NonZeroU32::MIN), AAC_FRAME_SAMPLES),
        _ => (fps, 1),
    };
    Sample {
        track_kind: kind,
        sample_entry: entry,
        keyframe,
        timescale,
        duration,
        composition_time_offset: None,
        data_offset: offset,
        data_size: size,
    }
}

fn write_finalized(file: &mut File, finalized: &FinalizedBoxes) -> std::io::Result<()> {
    for (offset, bytes) in finalized.offset_and_bytes_pairs() {
        file.seek(SeekFrom::Start(offset))?;
        file.write_all(bytes)?;
    }
    file.flush()
}

/// The moov outgrew its reservation: replay the sample tables into a muxer with enough
/// room, copy the sample data behind the new header, and replace the file.
fn rewrite_faststart(
    path: &Path,
    options: &Mp4FileMuxerOptions,
    moov_size: usize,
    data_start: u64,
    data_end: u64,
    records: &[Record],
    fps: NonZeroU32,
) -> Result<(), MediaError> {
    let mut options = options.clone();
    options.reserved_moov_box_size = moov_size + 1024;
    let mut muxer = Mp4FileMuxer::with_options(options).map_err(mux_err)?;
    let initial = muxer.initial_boxes_bytes().to_vec();
    let mut offset = initial.len() as u64;
    for r in records {
        let entry = r.entry.as_deref().cloned();
        let sample = sample_for(r.kind, entry, r.keyframe, fps, offset, r.size as usize);
        muxer.append_sample(&sample).map_err(mux_err)?;
        offset += u64::from(r.size);
    }
    let finalized = muxer.finalize().map_err(mux_err)?;
    if !finalized.is_faststart_enabled() {
        return Err(MediaError::Mux("moov does not fit its reservation after a rewrite".into()));
    }

    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(".faststart");
    let tmp = PathBuf::from(tmp_name);
    let result = (|| -> std::io::Result<()> {
        let mut src = File::open(path)?;
        src.seek(SeekFrom::Start(data_start))?;
        let mut dst = File::create(&tmp)?;
        dst.write_all(&initial)?;
        let copied = std::io::copy(&mut (&mut src).take(data_end - data_start), &mut dst)?;
        if copied != data_end - data_start {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "sample data shorter than written"));
        }
        write_finalized(&mut dst, finalized)?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(MediaError::io(path, e));
    }
    Ok(())
}

fn mux_err(e: shiguredo_mp4::mux::MuxError) -> MediaError {
    MediaError::Mux(e.to_string())
}
