//! Analysis + every rule (`check_draft`: `analyze` then `check`, what one keystroke costs
//! the server) on generated drafts of 1k, 2k, 10k and 100k words and 10 MB.
//!
//! `cargo bench --bench analysis` runs criterion on each size with
//! `Throughput::Bytes`, then reads criterion's own estimates back and prints
//! a table of MB/s and the linearity check the issue asks for (100k words
//! must cost at most ~110× the 1k case). A draft whose single run takes
//! longer than `COPYDESK_BENCH_MAX_SECS` (default 5) is timed once instead
//! (criterion's minimum of 10 samples would take too long) and marked so.
//!
//! `COPYDESK_BENCH_DUMP=dir cargo bench --bench analysis` writes the drafts
//! to `dir` (for profiling with `copydesk check`) and measures nothing.

mod common;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{criterion_home, draft, stats, Size, SEED};
use copydesk::{check_draft, Config, SourceFormat};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

const SIZES: [Size; 5] = [
    Size::Words(1_000),
    Size::Words(2_000),
    Size::Words(10_000),
    Size::Words(100_000),
    Size::Bytes(10_000_000),
];

const GROUP: &str = "analysis";

fn run(text: &str, config: &Config) -> usize {
    check_draft(text, SourceFormat::PlainText, config)
        .diagnostics
        .len()
}

/// A single run longer than this is measured once, outside criterion (whose
/// minimum of 10 samples would take too long); `COPYDESK_BENCH_MAX_SECS`.
fn max_single_run() -> Duration {
    let secs = std::env::var("COPYDESK_BENCH_MAX_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    Duration::from_secs_f64(secs)
}

/// Runs criterion on each draft. Returns the drafts measured once instead,
/// with their time in nanoseconds.
fn bench(c: &mut Criterion, drafts: &[(Size, String)], benching: bool) -> Vec<(String, f64)> {
    let config = Config::default();
    let mut single = Vec::new();
    let mut group = c.benchmark_group(GROUP);
    for (size, text) in drafts {
        if !benching && text.len() > 100_000 {
            continue; // `cargo test --benches`: the small drafts are enough
        }
        if benching {
            // One run first: a warm-up, and a probe for drafts too slow for
            // criterion's minimum of 10 samples.
            let start = Instant::now();
            black_box(run(text, &config));
            let took = start.elapsed();
            if took > max_single_run() {
                println!(
                    "{GROUP}/{}: one run took {took:.2?}, over {:?}: measured once, not by criterion",
                    size.id(),
                    max_single_run()
                );
                single.push((size.id(), took.as_nanos() as f64));
                continue;
            }
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        // Small sample counts for the big drafts so the whole run takes a
        // few minutes on two cores.
        let (samples, seconds, mode) = match text.len() {
            0..=100_000 => (50, 3, SamplingMode::Auto),
            100_001..=1_000_000 => (20, 5, SamplingMode::Flat),
            _ => (10, 10, SamplingMode::Flat),
        };
        group.sample_size(samples);
        group.sampling_mode(mode);
        group.measurement_time(Duration::from_secs(seconds));
        group.warm_up_time(Duration::from_secs(1));
        group.bench_with_input(BenchmarkId::from_parameter(size.id()), text, |b, t| {
            b.iter(|| run(black_box(t), &config))
        });
    }
    group.finish();
    single
}

/// Criterion's mean and median estimates for one benchmark, in nanoseconds.
fn estimates(id: &str) -> Option<(f64, f64)> {
    let path = criterion_home()
        .join(GROUP)
        .join(id)
        .join("new")
        .join("estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let point = |k: &str| json.get(k)?.get("point_estimate")?.as_f64();
    Some((point("mean")?, point("median")?))
}

/// The table for the README, from criterion's estimates (or the single run
/// of a draft too slow for criterion).
fn summary(drafts: &[(Size, String)], single: &[(String, f64)]) {
    let mut lines = vec![
        "| draft | words | bytes | quotes | median time | MB/s (median) |".to_owned(),
        "| --- | ---: | ---: | ---: | ---: | ---: |".to_owned(),
    ];
    let mut per_size = Vec::new();
    for (size, text) in drafts {
        let s = stats(text);
        let once = single.iter().find(|(id, _)| *id == size.id());
        let Some(median) = once
            .map(|&(_, ns)| ns)
            .or_else(|| estimates(&size.id()).map(|(_mean, median)| median))
        else {
            continue;
        };
        let mb_s = s.bytes as f64 / median * 1_000.0;
        lines.push(format!(
            "| {}{} | {} | {} | {} | {} | {:.2} |",
            size.label(),
            if once.is_some() { " (one run)" } else { "" },
            s.words,
            s.bytes,
            s.quotes,
            human(median),
            mb_s
        ));
        per_size.push((*size, s.words, median));
    }
    let find = |w: usize| {
        per_size
            .iter()
            .find(|(s, _, _)| matches!(s, Size::Words(n) if *n == w))
            .map(|&(_, words, t)| (words, t))
    };
    if let (Some((w1, t1)), Some((w100, t100))) = (find(1_000), find(100_000)) {
        let ratio = t100 / t1;
        let per_word = ratio / (w100 as f64 / w1 as f64);
        lines.push(String::new());
        lines.push(format!(
            "linearity: 100k words / 1k words = {ratio:.1}× the time for {:.1}× the words \
             (cost per word {per_word:.2}× the 1k case; target ≤ 110×): {}",
            w100 as f64 / w1 as f64,
            if ratio <= 110.0 { "met" } else { "MISSED" }
        ));
    }
    if let Some((_, t2)) = find(2_000) {
        lines.push(format!(
            "2k-word story: {} (target < 0.5 ms): {}",
            human(t2),
            if t2 < 500_000.0 { "met" } else { "MISSED" }
        ));
    }
    let table = lines.join("\n");
    println!("\n{table}\n");
    let out = criterion_home().join("copydesk-analysis.md");
    if std::fs::write(&out, format!("{table}\n")).is_ok() {
        println!("(written to {})", out.display());
    }
}

/// Hostile inputs (the property tests' pathological cases) at a size and at
/// four times that size: the ratio of the two times shows whether a scanner
/// goes quadratic on them (4× is linear, 16× quadratic). Each time is the
/// fastest of a few runs. Printed as a table and flagged above 8×.
fn hostile_scaling(benching: bool) {
    type Make = fn(usize) -> String;
    let inputs: &[(&str, Make)] = &[
        ("straight quotes `\"` in a row", |n| "\"".repeat(n)),
        ("curly opening quotes `“` in a row", |n| "“".repeat(n)),
        ("one line without spaces", |n| "x".repeat(n)),
        ("`Mr ` repeated (titles without names)", |n| {
            "Mr ".repeat(n / 3)
        }),
        ("short quotes `“a” ` in one paragraph", |n| {
            format!("H\n\n{}", "“a” ".repeat(n / 6))
        }),
        ("unclosed quotes after a speaker", |n| {
            "Ms Ann Lee said: “It ".repeat(n / 22)
        }),
        ("lone CRs", |n| "\r".repeat(n)),
        ("NULs", |n| "\0".repeat(n)),
        ("combining marks", |n| "e\u{301}".repeat(n / 3)),
        ("astral-plane emoji and spaces", |n| "😀 ".repeat(n / 5)),
    ];
    let (small, runs) = if benching { (250_000, 5) } else { (2_000, 1) };
    let time = |text: &str| {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(run(text, &Config::default()));
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let mut lines = vec![
        format!(
            "| hostile input | {} KB | {} KB | ratio |",
            small / 1000,
            4 * small / 1000
        ),
        "| --- | ---: | ---: | ---: |".to_owned(),
    ];
    for (name, make) in inputs {
        let (t1, t4) = (time(&make(small)), time(&make(4 * small)));
        let ratio = t4 / t1;
        lines.push(format!(
            "| {name} | {} | {} | {ratio:.1}×{} |",
            human(t1 * 1e9),
            human(t4 * 1e9),
            if ratio > 8.0 { " (super-linear?)" } else { "" }
        ));
    }
    if benching {
        println!("\n{}\n", lines.join("\n"));
    }
}

fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn main() {
    let drafts: Vec<(Size, String)> = SIZES.iter().map(|&s| (s, draft(SEED, s))).collect();
    if let Some(dir) = std::env::var_os("COPYDESK_BENCH_DUMP") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("create the dump directory");
        for (size, text) in &drafts {
            let path = dir.join(format!("{}.txt", size.id()));
            std::fs::write(&path, text).expect("write a draft");
            println!("{}", path.display());
        }
        return;
    }
    let benching = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default().configure_from_args();
    let single = bench(&mut c, &drafts, benching);
    c.final_summary();
    if benching {
        summary(&drafts, &single);
    }
    hostile_scaling(benching);
}
