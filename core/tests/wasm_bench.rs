//! The WASM half of the benchmark (scripts/bench.sh): the same generated dossiers as
//! `ntm bench`, evaluated in headless Chromium. Prints figures; asserts only that it ran.
#![cfg(target_arch = "wasm32")]

use ntm_core::{evaluate, Dossier, Rules, RulesFile};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
fn bench_wasm_evaluate() {
    let text = include_str!("../../tests/cases/rules/kiem-thu-day-du.json");
    let rules = Rules::with_override(&RulesFile::parse(text).unwrap()).unwrap();
    let count = 10_000;
    let texts: Vec<String> = ntm_core::sample::generate(&rules, count)
        .iter()
        .map(Dossier::to_json)
        .collect();
    let t = now();
    let parsed: Vec<Dossier> = texts
        .iter()
        .map(|t| Dossier::parse(t, &rules).unwrap())
        .collect();
    let parse_ms = now() - t;
    let t = now();
    let assessments: Vec<_> = parsed.iter().map(|d| evaluate(&rules, d)).collect();
    let eval_ms = now() - t;
    let t = now();
    let csv: usize = assessments
        .iter()
        .map(|a| ntm_core::export::csv_plain(a, &[]).len())
        .sum();
    let csv_ms = now() - t;
    console_log!("WASM (Chromium) — {count} hồ sơ");
    console_log!("  đọc + kiểm tra JSON:   {parse_ms:.1} ms");
    console_log!("  đánh giá:              {eval_ms:.1} ms");
    console_log!(
        "  xuất CSV từng hồ sơ:   {csv_ms:.1} ms ({:.1} MB)",
        csv as f64 / 1e6
    );
    assert_eq!(assessments.len(), count);
}
