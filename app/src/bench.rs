//! Benchmark hook for `scripts/bench-browser.mjs`, used by no page. It runs the import's own
//! path over many dossiers (a file's text as the browser hands it over, `consolidate::import_file`,
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
    /// Their table rows (`benchRows`).
    static ROWS: RefCell<Vec<Row>> = const { RefCell::new(Vec::new()) };
}

/// Reads and evaluates every text of `texts` (an array of JS strings, as file reads give them);
/// returns how many dossiers were evaluated. A text the import refuses is an error.
#[wasm_bindgen(js_name = benchParseEvaluate)]
pub fn bench_parse_evaluate(texts: js_sys::Array) -> Result<u32, JsError> {
    let rules = RULES.with(Arc::clone);
    let mut out = Vec::with_capacity(texts.length() as usize);
    for (i, text) in texts.iter().enumerate() {
        let text = text
            .as_string()
            .ok_or_else(|| JsError::new(&format!("texts[{i}] is not a string")))?;
        let got =
            consolidate::import_file("bench.json", &text, &rules).map_err(|e| JsError::new(&e))?;
        for incoming in got.dossiers {
            let assessment = evaluate(&rules, &incoming.dossier);
            out.push(Evaluated {
                dossier: incoming.dossier,
                assessment,
            });
        }
    }
    let n = out.len() as u32;
    LAST.with(|l| *l.borrow_mut() = out);
    Ok(n)
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
