//! Hostile documents: whatever a document's shape, reading and validating it takes
//! memory and work linear in its size, and the problems reported are bounded (the first ones,
//! then "and N more"). Each shape is generated at two sizes a factor of 10 apart, the larger
//! just under 2 MiB (the widget's default `maxBytes`); a counting allocator measures the peak
//! of live bytes and the number of allocations while the document is read, validated and its
//! problems written out as the CLI and the widget do. Counts and sizes only, never times.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use article_model::{parse_article_bytes, Problem};

const SEED: &str = include_str!("../../../www/article.json");

/// Counts live bytes, their peak and the allocations. Past [`TRIPWIRE`] live bytes it refuses
/// to allocate (the test process aborts with "memory allocation of N bytes failed") rather
/// than let a quadratic reader take the machine's memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
const TRIPWIRE: usize = 1 << 30;

impl Counting {
    fn grow(size: usize) -> bool {
        let live = LIVE.fetch_add(size, Relaxed) + size;
        if live > TRIPWIRE {
            LIVE.fetch_sub(size, Relaxed);
            return false;
        }
        PEAK.fetch_max(live, Relaxed);
        ALLOCATIONS.fetch_add(1, Relaxed);
        true
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !Self::grow(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = System.alloc(layout);
        if p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !Self::grow(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = System.alloc_zeroed(layout);
        if p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size <= layout.size() {
            // Shrinking is done in place (glibc, dlmalloc, talc).
            let p = System.realloc(ptr, layout, new_size);
            if !p.is_null() {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
                ALLOCATIONS.fetch_add(1, Relaxed);
            }
            return p;
        }
        // Growing is counted as the allocator may do it: the new block before the old one is
        // freed.
        if !Self::grow(new_size) {
            return std::ptr::null_mut();
        }
        let p = System.realloc(ptr, layout, new_size);
        if p.is_null() {
            LIVE.fetch_sub(new_size, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        p
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// One measurement at a time: the counters are global.
static SERIAL: Mutex<()> = Mutex::new(());

/// What reading one document cost.
#[derive(Debug, Clone, Copy)]
struct Cost {
    /// Peak live bytes above those live before.
    peak: usize,
    allocations: usize,
}

/// The problems of `doc`, their report as the CLI and the widget's `detail()` write it (one
/// `Display` per line), and what reading, validating and writing them cost.
fn measure(doc: &[u8]) -> (Result<(), Vec<Problem>>, String, Cost) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let allocations = ALLOCATIONS.load(Relaxed);
    let result = parse_article_bytes(doc).map(|_| ());
    let report = match &result {
        Ok(()) => String::new(),
        Err(problems) => problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let cost = Cost {
        peak: PEAK.load(Relaxed) - base,
        allocations: ALLOCATIONS.load(Relaxed) - allocations,
    };
    (result, report, cost)
}

/// The larger size of the added bytes: the document (the seed with them) is just under 2 MiB,
/// the widget's default `maxBytes`.
const BIG: usize = 2 * 1024 * 1024 - SEED.len() - 1024;
const MB: usize = 1_000_000;

/// The seed with `member` (`"name": value`) added as its first member.
fn seed_with(member: &str) -> String {
    SEED.replacen('{', &format!("{{{member},"), 1)
}

/// The finding: an unknown field holding an object under one long key, whose own object
/// repeats one short key (half the bytes in the key, half in `"a":0,`).
fn long_key_repeated_short_key(size: usize) -> String {
    let key = "k".repeat(size / 2);
    let repeats = (size - size / 2) / 6;
    seed_with(&format!(
        "\"extension\": {{\"{key}\": {{{}}}}}",
        vec!["\"a\":0"; repeats].join(",")
    ))
}

/// Objects nested 60 deep under 200-character keys, then an object with many different keys
/// each given twice: many problems, each with a long path.
fn duplicates_at_depth(size: usize) -> (String, usize) {
    let mut open = String::new();
    for level in 0..60 {
        open.push_str(&format!("{{\"{level:0>200}\": "));
    }
    let mut members = Vec::new();
    let mut len = open.len() + 60;
    let mut i = 0;
    while len < size {
        let pair = format!("\"d{i}\":0,\"d{i}\":0");
        len += pair.len() + 1;
        members.push(pair);
        i += 1;
    }
    let doc = format!(
        "\"extension\": {open}{{{}}}{}",
        members.join(","),
        "}".repeat(60)
    );
    (seed_with(&doc), i)
}

/// One key as long as the document.
fn huge_key(size: usize) -> String {
    seed_with(&format!("\"extension\": {{\"{}\": 1}}", "k".repeat(size)))
}

/// A copyright notice whose clauses hold numbers instead of paragraphs: one problem per item.
fn many_invalid_fields(size: usize) -> (String, usize) {
    // At most 100 clauses (MAX_ITEMS) of 10,000 paragraphs (MAX_PARAGRAPHS): every item is
    // looked at.
    let per_clause = 10_000;
    let items = (size / 2).min(100 * per_clause);
    let clauses: Vec<String> = (0..items.div_ceil(per_clause))
        .map(|c| {
            let n = per_clause.min(items - c * per_clause);
            format!("{{\"paragraphs\": [{}]}}", vec!["0"; n].join(","))
        })
        .collect();
    let doc = seed_with(&format!(
        "\"copyright\": {{\"title\": \"t\", \"clauses\": [{}]}}",
        clauses.join(",")
    ));
    // The seed's own copyright is a later duplicate: one more problem.
    (doc, items + 1)
}

/// A valid document with an unknown field of a million small values: the reader's own cost.
fn many_small_values(size: usize) -> String {
    seed_with(&format!(
        "\"extension\": [{}]",
        vec!["0"; size / 2].join(",")
    ))
}

/// Arrays nested 60 deep with one item each, over and over: an array's own allocation for
/// each two bytes of input.
fn nested_single_items(size: usize) -> String {
    let nest = format!("{}0{}", "[".repeat(60), "]".repeat(60));
    let n = size / (nest.len() + 1);
    seed_with(&format!("\"extension\": [{}]", vec![nest; n].join(",")))
}

/// The "and N more" summary that ends a cut list, if any, and its N.
fn more(problems: &[Problem]) -> Option<usize> {
    let last = problems.last()?;
    let rest = last.message.strip_prefix("and ")?;
    let n = rest.split(' ').next()?;
    rest[n.len()..]
        .starts_with(" more problem")
        .then(|| n.parse().ok())
        .flatten()
}

/// Reads the shape at both sizes and checks that the cost is linear and bounded; returns the
/// larger one's problems and report.
fn linear(name: &str, make: impl Fn(usize) -> String) -> (Result<(), Vec<Problem>>, String) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let small_doc = make(BIG / 10);
    let (small, small_report, small_cost) = measure(small_doc.as_bytes());
    eprintln!("{name}: {} bytes: {small_cost:?}", small_doc.len());
    assert!(
        small_cost.peak < 10 * MB,
        "{name}: {} bytes took {} bytes at peak",
        small_doc.len(),
        small_cost.peak
    );
    drop((small, small_report, small_doc));
    let big_doc = make(BIG);
    assert!(
        big_doc.len() <= 2 * 1024 * 1024,
        "{name}: {}",
        big_doc.len()
    );
    let (big, big_report, big_cost) = measure(big_doc.as_bytes());
    eprintln!("{name}: {} bytes: {big_cost:?}", big_doc.len());
    assert!(
        big_cost.peak < 100 * MB,
        "{name}: {} bytes took {} bytes at peak",
        big_doc.len(),
        big_cost.peak
    );
    let ratio = |big: usize, small: usize| big as f64 / small.max(1) as f64;
    assert!(
        ratio(big_cost.peak, small_cost.peak) <= 12.0,
        "{name}: peak {} -> {} bytes for 10 times the size",
        small_cost.peak,
        big_cost.peak
    );
    assert!(
        ratio(big_cost.allocations, small_cost.allocations) <= 12.0,
        "{name}: {} -> {} allocations for 10 times the size",
        small_cost.allocations,
        big_cost.allocations
    );
    (big, big_report)
}

/// A refused document's problems: at most 100 and the summary, the report at most 64 KB.
fn bounded(name: &str, result: Result<(), Vec<Problem>>, report: &str) -> Vec<Problem> {
    let Err(problems) = result else {
        panic!("{name}: the document must be refused")
    };
    assert!(
        problems.len() <= 101,
        "{name}: {} problems listed",
        problems.len()
    );
    assert!(
        report.len() <= 64 * 1024,
        "{name}: a report of {} bytes",
        report.len()
    );
    problems
}

#[test]
fn a_long_key_over_a_repeated_short_key() {
    let (result, report) = linear("long key", long_key_repeated_short_key);
    let p = bounded("long key", result, &report);
    let long = p
        .iter()
        .find(|p| p.path == "$.extension")
        .unwrap_or_else(|| panic!("no problem at $.extension: {report}"));
    let key = BIG / 2;
    assert!(
        long.message
            .starts_with(&format!("has a key of {key} characters (\"kkkk"))
            && long.message.contains("a key has at most 256 characters"),
        "{long}"
    );
    let duplicate = p
        .iter()
        .find(|p| p.message.contains("in the same object"))
        .unwrap_or_else(|| panic!("no duplicate: {report}"));
    assert!(
        duplicate.path.starts_with("$.extension.kkkk") && duplicate.path.ends_with("….a"),
        "{}",
        duplicate.path
    );
    assert!(
        duplicate
            .message
            .starts_with("is given more than once in the same object; keep one"),
        "{duplicate}"
    );
    assert_eq!(p.len(), 2, "{report}");
}

#[test]
fn many_duplicate_keys_at_depth() {
    let counts = std::cell::Cell::new(0);
    let (result, report) = linear("duplicates at depth", |size| {
        let (doc, n) = duplicates_at_depth(size);
        counts.set(n);
        doc
    });
    let p = bounded("duplicates at depth", result, &report);
    assert_eq!(p.len(), 101, "{report}");
    assert_eq!(more(&p), Some(counts.get() - 100), "{:?}", p.last());
    // The first is the first duplicate, its path shortened in the middle.
    assert!(p[0].path.starts_with("$.extension.000"), "{}", p[0].path);
    assert!(p[0].path.ends_with(".d0"), "{}", p[0].path);
    assert!(p[0].path.chars().count() <= 500, "{}", p[0].path);
}

#[test]
fn a_key_as_long_as_the_document() {
    let (result, report) = linear("huge key", huge_key);
    let p = bounded("huge key", result, &report);
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(p[0].path, "$.extension");
    assert!(
        p[0].message.contains("a key has at most 256 characters"),
        "{}",
        p[0]
    );
}

#[test]
fn many_invalid_fields_are_counted_not_listed() {
    let counts = std::cell::Cell::new(0);
    let (result, report) = linear("invalid fields", |size| {
        let (doc, n) = many_invalid_fields(size);
        counts.set(n);
        doc
    });
    let p = bounded("invalid fields", result, &report);
    assert_eq!(p.len(), 101, "{report}");
    assert_eq!(
        p[0].to_string(),
        "$.copyright.clauses[0].paragraphs[0]: expected a string, found a number"
    );
    assert_eq!(more(&p), Some(counts.get() - 100), "{:?}", p.last());
}

#[test]
fn many_small_values_in_an_unknown_field() {
    let (result, _) = linear("small values", many_small_values);
    assert_eq!(result, Ok(()));
}

#[test]
fn nesting_with_one_item_per_level() {
    let (result, _) = linear("nested single items", nested_single_items);
    assert_eq!(result, Ok(()));
}

/// A valid body of rich blocks, as many as fit: paragraphs of 1000 spans (the limit) with
/// links and emphasis, lists, and figures with full srcsets (at most 200). The model it builds
/// grows with the document, linearly.
fn rich_blocks(size: usize) -> String {
    let span = r#"{"text":"字","link":"https://a.example/x","em":true}"#;
    let paragraph = format!(
        r#"{{"type":"paragraph","content":[{}]}}"#,
        vec![span; 1000].join(",")
    );
    let srcset = [r#"{"src":"https://img.example/a.png","width":640}"#; 10].join(",");
    let figure = format!(
        r#"{{"type":"figure","image":{{"src":"https://img.example/a.png","alt":"圖","width":640,"height":480,"srcset":[{srcset}],"caption":"說明","credit":"圖/社"}}}}"#
    );
    let list = r#"{"type":"list","ordered":true,"items":[["一"],[{"text":"二","strong":true}]]}"#;
    let mut blocks = Vec::new();
    let (mut len, mut figures) = (0, 0);
    while len < size {
        let mut block = match blocks.len() % 3 {
            0 => paragraph.as_str(),
            1 if figures < article_model::MAX_FIGURES => {
                figures += 1;
                figure.as_str()
            }
            _ => list,
        };
        // The end is filled with small blocks, so both sizes are as asked.
        if len + block.len() + 1 > size {
            block = list;
        }
        if len + block.len() + 1 > size {
            break;
        }
        len += block.len() + 1;
        blocks.push(block.to_owned());
    }
    let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
    doc.as_object_mut().unwrap().remove("body");
    let head = doc.to_string();
    format!(
        "{},\"body\":[{}]}}",
        &head[..head.len() - 1],
        blocks.join(",")
    )
}

#[test]
fn a_body_of_rich_blocks_is_read_in_linear_memory() {
    let (result, report) = linear("rich blocks", rich_blocks);
    assert_eq!(result, Ok(()), "{report}");
}
