//! Measuring helpers shared by the benchmark commands: file reading, records, and timed runs
//! (wall clock and thread CPU time).

use std::path::Path;
use std::time::Instant;

pub(crate) fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

pub(crate) fn read_text(p: &Path) -> Result<String, String> {
    String::from_utf8(read(p)?).map_err(|e| format!("{}: {e}", p.display()))
}

pub(crate) fn record(
    section: &str,
    who: &str,
    config: &str,
    metric: &str,
    value: impl std::fmt::Display,
) {
    println!("{section}\t{who}\t{config}\t{metric}\t{value}");
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// CPU time this thread has run, in seconds (Linux's scheduler statistics, nanoseconds).
/// The machine is shared: CPU time is steadier than wall time when other work competes.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Wall and CPU seconds of each timed run.
pub(crate) struct Runs {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

/// Times `f` once to warm up, then `iters` times; returns the timings and the last output.
pub(crate) fn time_runs(iters: usize, mut f: impl FnMut() -> String) -> (Runs, String) {
    let mut out = f();
    let mut runs = Runs {
        wall: Vec::with_capacity(iters),
        cpu: Vec::with_capacity(iters),
    };
    for _ in 0..iters {
        drop(out);
        let c = thread_cpu_secs();
        let t = Instant::now();
        out = f();
        runs.wall.push(t.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c, thread_cpu_secs()) {
            runs.cpu.push(c1 - c0);
        }
    }
    (runs, out)
}

pub(crate) fn report_runs(section: &str, who: &str, config: &str, input_bytes: usize, runs: &Runs) {
    let rate = |secs: &[f64]| -> Vec<f64> {
        secs.iter()
            .map(|s| input_bytes as f64 / 1e6 / s.max(1e-9))
            .collect()
    };
    let show = |metric: &str, mbps: Vec<f64>| {
        if mbps.is_empty() {
            return;
        }
        let lo = mbps.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = mbps.iter().copied().fold(0.0, f64::max);
        record(section, who, config, metric, format!("{:.1}", median(mbps)));
        record(
            section,
            who,
            config,
            &format!("{metric}_range"),
            format!("{lo:.1}–{hi:.1}"),
        );
    };
    // `mbps`: per CPU-second when the platform reports thread CPU time, else wall clock.
    if runs.cpu.len() == runs.wall.len() {
        show("mbps", rate(&runs.cpu));
        show("wall_mbps", rate(&runs.wall));
    } else {
        show("mbps", rate(&runs.wall));
    }
}
