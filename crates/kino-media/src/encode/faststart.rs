//! Fallback for a moov that outgrew its reservation: rebuild the tables with enough room,
//! copy the sample data behind the new header, and replace the file. Costs one extra copy
//! of the file, only for clips longer than announced.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use shiguredo_mp4::mux::{FinalizedBoxes, Mp4FileMuxer, Mp4FileMuxerOptions};

use super::sample_table::{Record, mux_err, sample_for};
use crate::error::MediaError;

/// Patch the regions the muxer finalized: ftyp, moov (into its reserved space), mdat size.
pub(crate) fn write_finalized(file: &mut File, finalized: &FinalizedBoxes) -> std::io::Result<()> {
    for (offset, bytes) in finalized.offset_and_bytes_pairs() {
        file.seek(SeekFrom::Start(offset))?;
        file.write_all(bytes)?;
    }
    file.flush()
}

/// The moov outgrew its reservation: replay the sample tables into a muxer with enough
/// room, copy the sample data behind the new header, and replace the file.
pub(crate) fn rewrite_faststart(
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
