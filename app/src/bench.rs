//! Benchmark hook for `scripts/bench-browser.mjs`, used by no page. It runs the import's own
//! path over many dossiers (files' bytes as a blob read hands them over, `consolidate::import_file_with`,
//! `evaluate`, the table row) and the CSV exports of the result, so the script can time them
//! against the browser's own `JSON.parse` of the same texts in the same run. Built-in rules;
//! nothing is stored, nothing is shown.

use ntm_core::consolidate::{self, Entry, Review, Row};
use ntm_core::{evaluate, export, Assessment, Rules};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// One dossier read and evaluated, as the self-assessment export uses it.
struct Evaluated {
    dossier: ntm_core::Dossier,
    assessment: Assessment,
}

thread_local! {
    static RULES: Arc<Rules> = Arc::new(Rules::built_in());
    /// What the last `benchParseEvaluate` gave, for the CSV steps.
    static LAST: RefCell<Vec<Evaluated>> = const { RefCell::new(Vec::new()) };
    /// What `benchEvaluate` gave.
    static AGAIN: RefCell<Vec<Vec<Assessment>>> = const { RefCell::new(Vec::new()) };
    /// Their table rows (`benchRows`).
    static ROWS: RefCell<Vec<Row>> = const { RefCell::new(Vec::new()) };
}

/// Reads and evaluates dossier files as Tổng hợp's import receives them: `blobs` are batches of
/// files read as one blob each (`Uint8Array`s of their bytes one after the other), `sizes` each
/// file's length in bytes in order. Each batch is copied into WASM, split, checked as UTF-8 and
/// read by `consolidate::import_file`, as `tong_hop::state::reading` does; returns how many
/// dossiers were evaluated. A file the import refuses is an error.
#[wasm_bindgen(js_name = benchParseEvaluate)]
pub fn bench_parse_evaluate(blobs: js_sys::Array, sizes: Vec<u32>) -> Result<u32, JsError> {
    let rules = RULES.with(Arc::clone);
    // One reader for every file, as the import holds one per batch of files.
    let reader = ntm_core::dossier::Reader::new(&rules);
    let mut out = Vec::with_capacity(sizes.len());
    for_each_file(blobs, sizes, |text| {
        let got = consolidate::import_file_with(&reader, "bench.json", text)
            .map_err(|e| JsError::new(&e))?;
        for incoming in got.dossiers {
            let assessment = evaluate(&rules, &incoming.dossier);
            out.push(Evaluated {
                dossier: incoming.dossier,
                assessment,
            });
        }
        Ok(())
    })?;
    let n = out.len() as u32;
    LAST.with(|l| *l.borrow_mut() = out);
    Ok(n)
}

/// `evaluate` alone, again over the dossiers the last `benchParseEvaluate` read: its share of
/// that figure, printed beside it. Returns how many were evaluated.
#[wasm_bindgen(js_name = benchEvaluate)]
pub fn bench_evaluate() -> u32 {
    let rules = RULES.with(Arc::clone);
    let got: Vec<Assessment> = LAST.with(|l| {
        l.borrow()
            .iter()
            .map(|e| evaluate(&rules, &e.dossier))
            .collect()
    });
    let n = got.len() as u32;
    // Kept until `benchForget`, as the import keeps what it evaluates: nothing freed on the clock.
    AGAIN.with(|a| a.borrow_mut().push(got));
    n
}

/// Drops what the last runs kept, so a timed run does not pay for freeing the previous one's
/// 10 000 dossiers (an import keeps what it reads; it frees nothing).
#[wasm_bindgen(js_name = benchForget)]
pub fn bench_forget() {
    LAST.with(|l| l.borrow_mut().clear());
    AGAIN.with(|a| a.borrow_mut().clear());
    ROWS.with(|r| r.borrow_mut().clear());
}

/// serde_json reading the same files with nothing kept (`IgnoredAny`): the floor of any reader
/// built on it, for the benchmark to print beside the others. Returns how many files were JSON.
#[wasm_bindgen(js_name = benchTokenize)]
pub fn bench_tokenize(blobs: js_sys::Array, sizes: Vec<u32>) -> Result<u32, JsError> {
    let mut n = 0;
    for_each_file(blobs, sizes, |text| {
        n += u32::from(serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok());
        Ok(())
    })?;
    Ok(n)
}

/// Calls `f` with each file's text of `blobs` (batches of files read as one blob each) split by
/// `sizes`, as `tong_hop::state::reading` splits an import's reads.
fn for_each_file(
    blobs: js_sys::Array,
    sizes: Vec<u32>,
    mut f: impl FnMut(&str) -> Result<(), JsError>,
) -> Result<(), JsError> {
    let mut sizes = sizes.into_iter();
    for blob in blobs.iter() {
        let bytes = js_sys::Uint8Array::new(&blob).to_vec();
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            let n = sizes
                .next()
                .ok_or_else(|| JsError::new("sizes: fewer than the files"))?
                as usize;
            let (file, after) = rest.split_at(n.min(rest.len()));
            rest = after;
            f(std::str::from_utf8(file).map_err(|e| JsError::new(&e.to_string()))?)?;
        }
    }
    Ok(())
}

/// The table rows of the evaluated dossiers, as an import adds them (review received, content
/// hash); returns how many.
#[wasm_bindgen(js_name = benchRows)]
pub fn bench_rows() -> u32 {
    let rows: Vec<Row> = LAST.with(|l| {
        l.borrow()
            .iter()
            .map(|e| {
                let entry = Entry {
                    review: Review::received(&e.dossier, "2025-01-01T00:00:00Z"),
                    dossier: e.dossier.clone(),
                };
                consolidate::row_of(&entry, &e.assessment)
            })
            .collect()
    });
    let n = rows.len() as u32;
    ROWS.with(|r| *r.borrow_mut() = rows);
    n
}

/// Each evaluated dossier's own CSV (the self-assessment's "Xuất CSV", with the values kept
/// under codes the rules lack), for Excel or plain; returns the bytes written.
#[wasm_bindgen(js_name = benchCsvDossiers)]
pub fn bench_csv_dossiers(excel: bool) -> f64 {
    let rules = RULES.with(Arc::clone);
    LAST.with(|l| {
        l.borrow()
            .iter()
            .map(|e| {
                let kept = e.dossier.unknown.rows(&rules);
                let csv = if excel {
                    export::csv_excel(&e.assessment, &kept)
                } else {
                    export::csv_plain(&e.assessment, &kept)
                };
                csv.len() as f64
            })
            .sum()
    })
}

/// The consolidated table of the rows `benchRows` made as one CSV (Tổng hợp's export), for Excel
/// or plain; returns the bytes written.
#[wasm_bindgen(js_name = benchCsvTable)]
pub fn bench_csv_table(excel: bool) -> f64 {
    let rules = RULES.with(Arc::clone);
    ROWS.with(|r| {
        let r = r.borrow();
        let rows = r.iter();
        let csv = if excel {
            consolidate::csv_excel(&rules, rows)
        } else {
            consolidate::csv_plain(&rules, rows)
        };
        csv.len() as f64
    })
}
