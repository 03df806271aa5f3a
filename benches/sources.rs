//! `copydesk sources` over a desk's folder: 2,000 generated stories (the
//! seeded generator in `common`, 300 to 1,500 words each, Markdown with a
//! front-matter `date:` across twelve months) written to a temporary
//! folder, then counted the way the command line counts them: each file
//! read, made a [`Story`] with its date, and the stories counted on every
//! core by [`count_stories`] into a [`Desk`]. Criterion reports the
//! throughput in bytes of story text (`Throughput::Bytes`); the target is
//! 20 MB/s on two cores.
//!
//! After criterion, the release binary itself (`copydesk sources DIR
//! --format json`, start-up, walking and config discovery included) is
//! timed on the same folder, best of three, and both figures are printed.
//!
//! `COPYDESK_BENCH_DUMP=dir cargo bench --bench sources` writes the stories
//! to `dir` (for profiling `copydesk sources dir`) and measures nothing.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{draft, Rng, Size, SEED};
use copydesk::source_count::stories::{count_stories, Story};
use copydesk::source_count::Desk;
use copydesk::{Config, SourceFormat};
use criterion::{Criterion, SamplingMode, Throughput};

const STORIES: usize = 2_000;

/// The stories' folder, removed when dropped.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `n` generated stories into `dir` and returns their bytes.
fn write_stories(dir: &Path, n: usize) -> u64 {
    std::fs::create_dir_all(dir).expect("can create the stories' folder");
    let mut rng = Rng::new(SEED);
    let mut bytes = 0;
    for i in 0..n {
        let words = 300 + rng.below(1_200);
        let text = draft(SEED ^ (i as u64 + 1), Size::Words(words));
        let (headline, body) = text.split_once('\n').unwrap_or((&text, ""));
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let story = format!("---\ndate: 2025-{month:02}-{day:02}\n---\n\n# {headline}\n{body}");
        bytes += story.len() as u64;
        std::fs::write(dir.join(format!("story-{i:04}.md")), story).expect("can write a story");
    }
    bytes
}

/// Counts the folder's stories as `copydesk sources` does.
fn count_folder(dir: &Path, config: &Config) -> Desk {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder is readable")
        .map(|e| e.expect("an entry").path())
        .collect();
    paths.sort();
    let stories: Vec<Story> = paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a story is readable");
            let id = path.to_string_lossy().into_owned();
            Story::draft(id, text, SourceFormat::Markdown, config)
        })
        .collect();
    count_stories(&stories).into_iter().collect()
}

/// The release binary over the folder: the best of three runs.
fn time_binary(dir: &Path) -> Option<Duration> {
    let bin = std::env::var_os("COPYDESK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_copydesk")));
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(&bin)
                .args(["sources", "--format", "json"])
                .arg(dir)
                .stdout(Stdio::null())
                .status()
                .ok()?;
            status.success().then(|| start.elapsed())
        })
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .min()
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    // `cargo test --benches` runs this once on a few stories, as a test
    let n = if benching { STORIES } else { 20 };
    if let Some(dump) = std::env::var_os("COPYDESK_BENCH_DUMP") {
        let bytes = write_stories(Path::new(&dump), STORIES);
        println!(
            "{STORIES} stories, {bytes} bytes, written to {}",
            dump.to_string_lossy()
        );
        return;
    }
    let folder =
        Folder(std::env::temp_dir().join(format!("copydesk-bench-sources-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&folder.0);
    let bytes = write_stories(&folder.0, n);
    let config = Config::default();
    let desk = count_folder(&folder.0, &config);
    assert_eq!(desk.totals.stories, n);
    assert!(desk.totals.sources > n, "every story quotes someone");
    if !benching {
        return;
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{n} stories, {mb:.1} MB, {} sources ({} named people: {} women, {} men, {} unknown), {} cores",
        desk.totals.sources,
        desk.totals.people,
        desk.totals.women,
        desk.totals.men,
        desk.totals.unknown,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    let mut group = c.benchmark_group("sources");
    group.throughput(Throughput::Bytes(bytes));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("2000_stories", |b| {
        b.iter(|| count_folder(black_box(&folder.0), &config))
    });
    group.finish();
    c.final_summary();
    if let Some(took) = time_binary(&folder.0) {
        println!(
            "copydesk sources DIR --format json (the binary, best of 3): {:.2?}, {:.1} MB/s",
            took,
            mb / took.as_secs_f64()
        );
    }
}
