//! Just enough of an H.264 SPS parser to learn chroma format, bit depth and the colour
//! matrix/range an uploaded stream declares (ITU-T H.264 §7.3.2.1.1 and Annex E.1.1).

use crate::color::{ColorSpace, Matrix};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpsInfo {
    pub(crate) profile_idc: u8,
    pub(crate) chroma_format_idc: u32,
    pub(crate) bit_depth_luma: u32,
    pub(crate) bit_depth_chroma: u32,
    /// (matrix_coefficients, full_range) when the VUI carries them.
    pub(crate) matrix_coefficients: Option<u8>,
    pub(crate) full_range: Option<bool>,
}

impl SpsInfo {
    /// The colour space to decode with: the declared one where we know it, else a guess.
    pub(crate) fn color_space(&self, width: u32, height: u32) -> ColorSpace {
        let guess = ColorSpace::guess(width, height);
        let matrix = match self.matrix_coefficients {
            Some(1) => Matrix::Bt709,
            Some(5 | 6) => Matrix::Bt601,
            _ => guess.matrix,
        };
        ColorSpace { matrix, full_range: self.full_range.unwrap_or(false) }
    }
}

/// Parse an SPS NAL unit (header byte included). None if it is malformed.
pub(crate) fn parse_sps(nal: &[u8]) -> Option<SpsInfo> {
    if nal.len() < 4 || nal[0] & 0x1f != 7 {
        return None;
    }
    let rbsp = unescape(&nal[1..]);
    let mut r = BitReader { data: &rbsp, pos: 0 };
    let profile_idc = r.bits(8)? as u8;
    r.bits(16)?; // constraint flags, level_idc
    r.ue()?; // seq_parameter_set_id
    let mut info = SpsInfo {
        profile_idc,
        chroma_format_idc: 1,
        bit_depth_luma: 8,
        bit_depth_chroma: 8,
        matrix_coefficients: None,
        full_range: None,
    };
    if matches!(profile_idc, 100 | 110 | 122 | 244 | 44 | 83 | 86 | 118 | 128 | 138 | 139 | 134 | 135) {
        info.chroma_format_idc = r.ue()?;
        if info.chroma_format_idc == 3 {
            r.bits(1)?; // separate_colour_plane_flag
        }
        info.bit_depth_luma = r.ue()?.checked_add(8)?;
        info.bit_depth_chroma = r.ue()?.checked_add(8)?;
        r.bits(1)?; // qpprime_y_zero_transform_bypass_flag
        if r.bits(1)? == 1 {
            let lists = if info.chroma_format_idc == 3 { 12 } else { 8 };
            for i in 0..lists {
                if r.bits(1)? == 1 {
                    skip_scaling_list(&mut r, if i < 6 { 16 } else { 64 })?;
                }
            }
        }
    }
    r.ue()?; // log2_max_frame_num_minus4
    match r.ue()? {
        0 => {
            r.ue()?; // log2_max_pic_order_cnt_lsb_minus4
        }
        1 => {
            r.bits(1)?;
            r.se()?;
            r.se()?;
            let n = r.ue()?;
            if n > 255 {
                return None;
            }
            for _ in 0..n {
                r.se()?;
            }
        }
        _ => {}
    }
    r.ue()?; // max_num_ref_frames
    r.bits(1)?; // gaps_in_frame_num_value_allowed_flag
    r.ue()?; // pic_width_in_mbs_minus1
    r.ue()?; // pic_height_in_map_units_minus1
    if r.bits(1)? == 0 {
        r.bits(1)?; // mb_adaptive_frame_field_flag
    }
    r.bits(1)?; // direct_8x8_inference_flag
    if r.bits(1)? == 1 {
        for _ in 0..4 {
            r.ue()?; // frame crop offsets
        }
    }
    if r.bits(1)? == 1 {
        // VUI: a truncated VUI still leaves the fields above valid.
        let _ = parse_vui_colour(&mut r, &mut info);
    }
    Some(info)
}

fn parse_vui_colour(r: &mut BitReader<'_>, info: &mut SpsInfo) -> Option<()> {
    // aspect_ratio_info_present_flag, then aspect_ratio_idc (255 = explicit SAR).
    if r.bits(1)? == 1 && r.bits(8)? == 255 {
        r.bits(32)?; // sar_width, sar_height
    }
    if r.bits(1)? == 1 {
        r.bits(1)?; // overscan_appropriate_flag
    }
    if r.bits(1)? == 1 {
        r.bits(3)?; // video_format
        info.full_range = Some(r.bits(1)? == 1);
        if r.bits(1)? == 1 {
            r.bits(16)?; // colour_primaries, transfer_characteristics
            info.matrix_coefficients = Some(r.bits(8)? as u8);
        }
    }
    Some(())
}

fn skip_scaling_list(r: &mut BitReader<'_>, size: usize) -> Option<()> {
    let (mut last, mut next) = (8i64, 8i64);
    for _ in 0..size {
        if next != 0 {
            next = (last + r.se()? + 256).rem_euclid(256);
        }
        if next != 0 {
            last = next;
        }
    }
    Some(())
}

/// Remove emulation-prevention bytes (00 00 03 → 00 00).
fn unescape(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut zeros = 0;
    for &b in data {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        out.push(b);
    }
    out
}

struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    fn bits(&mut self, n: u32) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let byte = *self.data.get(self.pos / 8)?;
            v = (v << 1) | u32::from((byte >> (7 - self.pos % 8)) & 1);
            self.pos += 1;
        }
        Some(v)
    }

    fn ue(&mut self) -> Option<u32> {
        let mut zeros = 0;
        while self.bits(1)? == 0 {
            zeros += 1;
            if zeros > 31 {
                return None;
            }
        }
        let rest = self.bits(zeros)?;
        Some(((1u64 << zeros) - 1 + u64::from(rest)).min(u64::from(u32::MAX)) as u32)
    }

    fn se(&mut self) -> Option<i64> {
        let k = i64::from(self.ue()?);
        Some(if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_x264_high_sps_with_bt709() {
        // x264 High@3.1 1280x720 SPS, VUI with bt709 colour description.
        let sps = [
            0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9, 0x40, 0x50, 0x05, 0xbb, 0x01, 0x6a, 0x02, 0x02, 0x02, 0x80, 0x00, 0x00,
            0x03, 0x00, 0x80, 0x00, 0x00, 0x18, 0x07, 0x8c, 0x18, 0xcb,
        ];
        let info = parse_sps(&sps).unwrap();
        assert_eq!(info.profile_idc, 100);
        assert_eq!(info.chroma_format_idc, 1);
        assert_eq!(info.bit_depth_luma, 8);
        assert_eq!(info.matrix_coefficients, Some(1));
        assert_eq!(info.full_range, Some(false));
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_sps(&[0x67]).is_none());
        assert!(parse_sps(&[0x68, 1, 2, 3, 4]).is_none());
        assert!(parse_sps(&[0x67, 0x64, 0, 0x1f, 0, 0, 0]).is_none());
    }
}
