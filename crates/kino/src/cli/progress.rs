//! Render progress for `kino generate`: a bar (frames, fps, ETA) on a terminal; otherwise
//! (logs, CI, a pipe) one plain line per second, once there is a rate to report.
use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the plain lines come.
const PLAIN_EVERY: Duration = Duration::from_secs(1);

pub enum Progress {
    Bar(indicatif::ProgressBar),
    Plain { total: u32, last: Cell<Instant> },
}

impl Progress {
    /// A bar when stderr is a terminal, plain lines otherwise.
    pub fn new(total: u32) -> Self {
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(u64::from(total));
            let style = indicatif::ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} frames  {per_sec:.green}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            Progress::Bar(bar)
        } else {
            Progress::Plain { total, last: Cell::new(Instant::now()) }
        }
    }

    /// Report `done` frames after `elapsed`; the plain form says nothing within its first
    /// second, and at most once a second after that.
    pub fn show(&self, done: u32, elapsed: Duration) {
        match self {
            Progress::Bar(bar) => bar.set_position(u64::from(done)),
            Progress::Plain { total, last } => {
                if last.get().elapsed() < PLAIN_EVERY {
                    return;
                }
                if let Some(line) = plain_line(done, *total, elapsed) {
                    last.set(Instant::now());
                    eprintln!("{line}");
                }
            }
        }
    }

    /// Take the bar off the terminal (the caller prints the result or the error).
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// `frames 24/96  31.5 fps  ETA 2.3s`, or nothing while no frame is done (no rate, so no
/// ETA) or once all are (the result line follows).
fn plain_line(done: u32, total: u32, elapsed: Duration) -> Option<String> {
    let secs = elapsed.as_secs_f64();
    if done == 0 || done >= total || secs <= 0.0 {
        return None;
    }
    let fps = f64::from(done) / secs;
    let eta = f64::from(total - done) / fps;
    Some(format!("frames {done}/{total}  {fps:.1} fps  ETA {eta:.1}s"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_say_only_what_is_known() {
        let second = Duration::from_secs(1);
        assert_eq!(plain_line(0, 96, second), None, "no frame yet: no rate, no ETA");
        assert_eq!(plain_line(0, 96, Duration::ZERO), None);
        assert_eq!(plain_line(96, 96, second * 4), None, "finished: the result line says it");
        assert_eq!(plain_line(24, 96, second).as_deref(), Some("frames 24/96  24.0 fps  ETA 3.0s"));
        assert_eq!(plain_line(48, 96, second * 4).as_deref(), Some("frames 48/96  12.0 fps  ETA 4.0s"));
    }
}
