//! Bounds of a usage query: unix seconds, or a `YYYY-MM-DD` day (UTC). Ranges are half-open,
//! `[since, until)`; a day given as `until` counts in full, so `--since 2025-01-01 --until
//! 2025-01-31` is all of January.
const DAY_SECS: i64 = 24 * 3600;

/// Which end of the range a value bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Since,
    Until,
}

/// Unix seconds for `value` as `bound`; None when it is neither form.
pub fn parse(value: &str, bound: Bound) -> Option<i64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok();
    }
    let start = day_start(value)?;
    Some(if bound == Bound::Until { start + DAY_SECS } else { start })
}

/// Midnight UTC starting `YYYY-MM-DD`, in unix seconds.
fn day_start(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse::<i64>().ok()).flatten();
    let (y, m, d) = (num(&value[..4])?, num(&value[5..7])?, num(&value[8..])?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d) * DAY_SECS)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The UTC day of unix second `secs`, as `YYYY-MM-DD` (usage rows are grouped by it).
pub fn day_of(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(DAY_SECS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Midnight UTC of the first day of the month holding unix second `secs`.
pub fn month_start(secs: i64) -> i64 {
    let (y, m, _) = civil_from_days(secs.div_euclid(DAY_SECS));
    days_from_civil(y, m, 1) * DAY_SECS
}

/// The inverse of `days_from_civil` (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_of_instants() {
        assert_eq!(day_of(0), "1970-01-01");
        assert_eq!(day_of(951_782_400), "2000-02-29");
        assert_eq!(day_of(1_735_689_599), "2024-12-31");
        assert_eq!(month_start(1_709_251_199), parse("2024-02-01", Bound::Since).unwrap());
        assert_eq!(month_start(1_709_251_200), parse("2024-03-01", Bound::Since).unwrap());
        for secs in (0..4_000_000_000i64).step_by(86_400 * 37 + 12_345) {
            let day = day_of(secs);
            assert_eq!(parse(&day, Bound::Since).unwrap(), secs - secs.rem_euclid(DAY_SECS), "{day}");
        }
    }

    #[test]
    fn days_and_seconds_parse() {
        assert_eq!(parse("1970-01-01", Bound::Since), Some(0));
        assert_eq!(parse("1970-01-01", Bound::Until), Some(DAY_SECS));
        assert_eq!(parse("2000-03-01", Bound::Since), Some(951_868_800));
        assert_eq!(parse("2024-02-29", Bound::Since), Some(1_709_164_800));
        assert_eq!(parse("1759708800", Bound::Until), Some(1_759_708_800));
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["2023-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "yesterday", "", "-5", "1.5", "2025-01-+1"] {
            assert_eq!(parse(bad, Bound::Since), None, "{bad}");
        }
    }
}
