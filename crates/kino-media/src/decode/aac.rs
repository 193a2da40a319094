//! A minimal safe wrapper over FDK's AAC decoder (fdk-aac-sys).
//!
//! FDK's defaults add latency: a PCM limiter (15 ms look-ahead) and energy-interpolating
//! concealment (one frame), 1744 samples in all at 48 kHz, which shifts audio late against
//! video. Both are turned off here; whatever delay remains (`outputDelay`, e.g. SBR) is
//! reported so the caller can trim it and flush the tail.

use fdk_aac_sys as sys;

use crate::error::MediaError;

/// Largest frame FDK can return: 2048 samples (SBR) x 8 channels.
const MAX_FRAME_VALUES: usize = 2048 * 8;

pub(crate) struct AacDecoder {
    handle: sys::HANDLE_AACDECODER,
    pcm: Vec<i16>,
}

// SAFETY: the handle is owned exclusively by this value and FDK keeps no thread-local state.
unsafe impl Send for AacDecoder {}

fn check(code: sys::AAC_DECODER_ERROR, what: &str) -> Result<(), MediaError> {
    if code == sys::AAC_DECODER_ERROR_AAC_DEC_OK {
        Ok(())
    } else {
        Err(MediaError::AacDecode(format!("{what} failed (FDK error 0x{code:x})")))
    }
}

impl AacDecoder {
    /// A decoder for raw access units described by an AudioSpecificConfig.
    pub(crate) fn new(asc: &[u8]) -> Result<Self, MediaError> {
        // SAFETY: plain constructor; a null return is handled.
        let handle = unsafe { sys::aacDecoder_Open(sys::TRANSPORT_TYPE_TT_MP4_RAW, 1) };
        if handle.is_null() {
            return Err(MediaError::AacDecode("cannot open decoder".into()));
        }
        let decoder = Self { handle, pcm: vec![0; MAX_FRAME_VALUES] };
        let mut conf = asc.as_ptr().cast_mut();
        let len = asc.len() as u32;
        // SAFETY: FDK reads `len` bytes from `conf` (it does not write through it).
        check(unsafe { sys::aacDecoder_ConfigRaw(decoder.handle, &raw mut conf, &raw const len) }, "configure")?;
        for (param, value) in [
            (sys::AACDEC_PARAM_AAC_PCM_LIMITER_ENABLE, 0),
            (sys::AACDEC_PARAM_AAC_CONCEAL_METHOD, 0), // spectral muting: no extra delay
            (sys::AACDEC_PARAM_AAC_PCM_MAX_OUTPUT_CHANNELS, 2), // downmix 5.1 etc.
            (sys::AACDEC_PARAM_AAC_PCM_MIN_OUTPUT_CHANNELS, 2), // upmix mono
        ] {
            // SAFETY: valid handle; parameters FDK documents.
            check(unsafe { sys::aacDecoder_SetParam(decoder.handle, param, value) }, "set parameter")?;
        }
        Ok(decoder)
    }

    /// Decode one access unit; returns (interleaved samples, channels).
    pub(crate) fn decode(&mut self, access_unit: &[u8]) -> Result<(&[i16], usize), MediaError> {
        let mut ptr = access_unit.as_ptr().cast_mut();
        let size = access_unit.len() as u32;
        let mut valid = size;
        // SAFETY: FDK copies up to `size` bytes from `ptr` into its own buffer.
        check(unsafe { sys::aacDecoder_Fill(self.handle, &raw mut ptr, &raw const size, &raw mut valid) }, "fill")?;
        self.decode_frame(0)
    }

    /// Pull out audio still held in the filter banks.
    pub(crate) fn flush(&mut self) -> Result<(&[i16], usize), MediaError> {
        self.decode_frame(sys::AACDEC_FLUSH)
    }

    /// Samples (per channel) the decoder delays its output by.
    pub(crate) fn output_delay(&self) -> u32 {
        self.info().map_or(0, |i| i.outputDelay)
    }

    fn decode_frame(&mut self, flags: u32) -> Result<(&[i16], usize), MediaError> {
        // SAFETY: `pcm` has room for MAX_FRAME_VALUES samples, the size we pass.
        check(
            unsafe { sys::aacDecoder_DecodeFrame(self.handle, self.pcm.as_mut_ptr(), MAX_FRAME_VALUES as i32, flags) },
            "decode",
        )?;
        let info = self.info().ok_or_else(|| MediaError::AacDecode("no stream info".into()))?;
        let channels = usize::try_from(info.numChannels).unwrap_or(0).max(1);
        let len = (usize::try_from(info.frameSize).unwrap_or(0) * channels).min(MAX_FRAME_VALUES);
        Ok((&self.pcm[..len], channels))
    }

    fn info(&self) -> Option<sys::CStreamInfo> {
        // SAFETY: valid handle; FDK returns a pointer into the decoder instance (or null).
        let ptr = unsafe { sys::aacDecoder_GetStreamInfo(self.handle) };
        // SAFETY: non-null pointers from FDK point at an initialised CStreamInfo.
        (!ptr.is_null()).then(|| unsafe { *ptr })
    }
}

impl Drop for AacDecoder {
    fn drop(&mut self) {
        // SAFETY: the handle came from aacDecoder_Open and is closed once.
        unsafe { sys::aacDecoder_Close(self.handle) };
    }
}
