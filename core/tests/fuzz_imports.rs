//! Every import parser of the core against hostile input: random text, and valid files with
//! random edits. A parser may refuse (with a Vietnamese message naming the field) but never
//! panic, and what it accepts reads back to the same thing. Cases per property: the
//! PROPTEST_CASES environment variable (scripts/test.sh sets a bounded number); failures proptest
//! finds are written to core/tests/regressions/ — commit them: they are replayed first on every run.
#![cfg(not(target_arch = "wasm32"))]

use ntm_core::awards::builtin;
use ntm_core::backup::Backup;
use ntm_core::figures::Figures;
use ntm_core::input::Kind;
use ntm_core::nominations::Register;
use ntm_core::{consolidate, Dossier, Rules, RulesFile};
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(Rules::built_in)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../").to_string() + path).unwrap()
}

/// Valid files of every format, as seeds for mutation.
fn seeds() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        [
            "docs/examples/ho-so-13306-2024.json",
            "docs/examples/so-lieu-35.json",
            "docs/examples/danh-sach-khen-thuong.json",
            "tests/cases/rules/kiem-thu-day-du.json",
            "tests/e2e/fixtures/bo-tieu-chi-thu-nghiem.json",
            "tests/e2e/fixtures/storage/sao-luu-hop-le.json",
        ]
        .iter()
        .map(|p| read(p))
        .collect()
    })
}

/// A seed with a few random edits: bytes replaced, removed, or JSON tokens inserted.
fn mutated() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "null",
        "-1",
        "1e400",
        "\"\"",
        "[]",
        "{}",
        "true",
        "\"\\u0000\"",
        "\"=HYPERLINK(1)\"",
        "\"<script>alert(1)</script>\"",
        "99999999999999999999",
        "\"2025-02-30\"",
        ",",
        "\"",
        "}",
    ]);
    (
        0..6usize,
        prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, tokens), 1..6),
    )
        .prop_map(|(seed, edits)| {
            let mut s: Vec<char> = seeds()[seed % seeds().len()].chars().collect();
            for (at, op, tok) in edits {
                if s.is_empty() {
                    break;
                }
                let i = at.index(s.len());
                match op {
                    0 => {
                        s.remove(i);
                    }
                    1 => s.splice(i..i, tok.chars()).for_each(drop),
                    _ => s[i] = tok.chars().next().unwrap_or(' '),
                }
            }
            s.into_iter().collect()
        })
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), mutated()]
}

#[test]
fn the_seeds_are_valid_files() {
    let s = seeds();
    Dossier::parse(&s[0], rules()).unwrap();
    Figures::parse(&s[1]).unwrap();
    Register::parse(&s[2], builtin()).unwrap();
    RulesFile::parse(&s[3]).unwrap();
    RulesFile::parse(&s[4]).unwrap();
    Backup::parse(&s[5]).unwrap();
}

#[test]
fn numbers_read_back_bit_for_bit() {
    // found by the fuzzer: without serde_json's float_roundtrip 96.21000000000001 read back as 96.21
    let v = 96.210_000_000_000_01_f64;
    let text = serde_json::to_string(&v).unwrap();
    assert_eq!(
        serde_json::from_str::<f64>(&text).unwrap().to_bits(),
        v.to_bits()
    );
}

/// What a file is not taken at its word for: no accepted fact claims "verified" on a
/// placeholder document or date.
fn no_verified_placeholder(r: &Rules) {
    for set in &r.sets {
        for (c, i) in set.indicators() {
            if i.status.is_verified() || i.threshold_checked().is_verified() {
                assert_eq!(i.source.placeholder(), None, "{}/{}", set.id, i.code);
            }
            if c.status.is_verified() {
                assert_eq!(set.source.placeholder(), None, "{}/{}", set.id, c.code);
            }
        }
    }
    for t in &r.targets {
        if t.status.is_verified() {
            assert_eq!(t.source.placeholder(), None, "{}", t.id);
        }
    }
}

fn refused_well(e: &ntm_core::InputError) {
    assert!(
        !e.problem.trim().is_empty(),
        "an empty message for {:?}",
        e.field
    );
}

/// Any JSON value a province's own indicator might hold (never null: null is "not entered").
fn kept_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value as Json};
    let leaf = prop_oneof![
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        any::<String>().prop_map(Json::String),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::btree_map("\\PC{0,6}", inner, 0..4)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: Some(Box::new(
        proptest::test_runner::FileFailurePersistence::WithSource("regressions"))), ..ProptestConfig::default() })]

    #[test]
    fn dossiers(text in any_input()) {
        match Dossier::parse(&text, rules()) {
            Ok(d) => {
                let again = Dossier::parse(&d.to_json(), rules()).expect("an accepted dossier reads back");
                prop_assert_eq!(d.to_json(), again.to_json());
            }
            Err(e) => refused_well(&e),
        }
    }

    /// Values under codes the rules do not have (in a known set, or in a set of a province's
    /// own) never refuse a dossier: accepted, they are all kept, as they were, never evaluated,
    /// and they read back from the exported file.
    #[test]
    fn unknown_codes_are_kept(
        extra in prop::collection::vec(
            (prop_oneof![Just("ntm".to_string()), "tinh_[a-z_]{0,8}"], "[^\\x00]{0,8}", kept_value()),
            1..8,
        )
    ) {
        let base = &seeds()[0];
        let plain = Dossier::parse(base, rules()).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(base).unwrap();
        let mut want = std::collections::BTreeMap::new();
        for (set, code, v) in extra {
            // "tỉnh:" keeps the code off the built-in ones ("1.1", "14.1").
            let code = format!("tỉnh:{code}");
            json["values"][&set][&code] = v.clone();
            want.insert((set, code), v);
        }
        let d = Dossier::parse(&json.to_string(), rules()).expect("unknown codes never refuse a dossier");
        for ((set, code), v) in &want {
            prop_assert_eq!(d.unknown.values.get(set).and_then(|m| m.get(code)), Some(v));
        }
        prop_assert_eq!(d.unknown.values.values().map(|m| m.len()).sum::<usize>(), want.len());
        prop_assert_eq!(&d.values, &plain.values);
        prop_assert_eq!(ntm_core::evaluate(rules(), &d), ntm_core::evaluate(rules(), &plain));
        let again = Dossier::parse(&d.to_json(), rules()).expect("an accepted dossier reads back");
        prop_assert_eq!(&again.unknown, &d.unknown);
        prop_assert_eq!(again.to_json(), d.to_json());
    }

    #[test]
    fn rules_files(text in any_input()) {
        match RulesFile::parse(&text) {
            Ok(f) => {
                // laying it over the built-in rules may refuse, never panic
                match Rules::with_override(&f) {
                    Err(e) => refused_well(&e),
                    Ok(r) => no_verified_placeholder(&r),
                }
            }
            Err(e) => refused_well(&e),
        }
    }

    #[test]
    fn placeholder_sources_never_pass_as_verified(
        before in "[A-Za-zĐđ0-9 /-]{0,12}",
        filler in prop::sample::select(vec!["…", "...", "xxx", "XXX", ""]),
        after in "[A-Za-zĐđ0-9 /-]{0,12}",
        date in prop::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9 ./…-]{0,10}"),
        status in prop::sample::select(vec!["verified", "partial", "unverified"]),
    ) {
        let document = format!("{before}{filler}{after}");
        let mut source = serde_json::json!({ "document": document });
        if let Some(d) = &date {
            source["date"] = serde_json::json!(d);
        }
        let text = serde_json::json!({
            "format": "chung-suc/rules", "version": 1, "id": "p", "title": "p",
            "sets": [{ "id": "ntm", "criteria": [{ "code": "15", "indicators": [{
                "code": "15.1", "threshold": 95, "source": source, "status": status }] }] }]
        })
        .to_string();
        let file = RulesFile::parse(&text).expect("a well-formed file");
        match Rules::with_override(&file) {
            Ok(r) => no_verified_placeholder(&r),
            Err(e) => {
                refused_well(&e);
                prop_assert!(e.field.as_str().starts_with("sets[ntm].criteria[15].indicators[15.1].source."), "{}", e.field);
                prop_assert_eq!(status, "verified");
            }
        }
        // An empty filler with real text around it may be a real number; any other filler is refused.
        if status == "verified" && (!filler.is_empty() || document.trim().is_empty()) {
            prop_assert!(Rules::with_override(&file).is_err(), "{}", document);
        }
    }

    #[test]
    fn figures(text in any_input()) {
        if let Err(e) = Figures::parse(&text) {
            refused_well(&e);
        }
    }

    #[test]
    fn registers(text in any_input()) {
        match Register::parse(&text, builtin()) {
            Ok(r) => {
                let again = Register::parse(&r.to_json(), builtin()).expect("an accepted register reads back");
                prop_assert_eq!(r, again);
            }
            Err(e) => refused_well(&e),
        }
    }

    #[test]
    fn consolidation_files(text in any_input(), name in "[a-z0-9 .-]{0,20}") {
        // dossiers and bundles alike: every file gets a result, and the names are kept
        let out = consolidate::import_files([(name.as_str(), text.as_str())], rules());
        prop_assert_eq!(out.len(), 1);
    }

    #[test]
    fn backups(text in any_input()) {
        match Backup::parse(&text) {
            Ok(b) => {
                let again = Backup::parse(&b.to_json()).expect("an accepted backup reads back");
                prop_assert_eq!(again, b);
            }
            Err(e) => refused_well(&e),
        }
        // A stored record of any text is read or refused, never a panic.
        let _ = ntm_core::storage::decode::<ntm_core::storage::Draft>(&text);
        let _ = ntm_core::storage::peek(&text);
    }

    #[test]
    fn typed_numbers(text in "\\PC{0,24}") {
        for kind in Kind::ALL {
            match kind.parse(&text) {
                Ok(_) => {}
                Err(p) => prop_assert!(!p.message_vi(kind).is_empty()),
            }
        }
    }

    /// Digits and marks as officials type them: whatever is accepted is a checked number,
    /// and what the app shows for it reads back to the same number.
    #[test]
    fn typed_numbers_read_back(text in "-?[0-9]{0,7}([., \u{a0}][0-9]{0,4}){0,3}( ?%| đ)?") {
        for kind in [Kind::Count, Kind::Number, Kind::Percent, Kind::Money] {
            if let Ok(Some(v)) = kind.parse_number(&text) {
                prop_assert!(kind.check(v).is_ok());
                prop_assert_eq!(kind.parse_number(&kind.show(v)), Ok(Some(v)), "{:?} {:?}", kind, text);
            }
        }
    }
}

/// The Excel reader (feature `excel`): any text typed in a value cell, and any damage to the
/// file, is read or refused naming the sheet and cell — never a panic.
#[cfg(feature = "excel")]
mod excel_workbooks {
    use super::*;
    use ntm_core::excel::{self, commune, Cell};
    use std::sync::OnceLock;

    fn book() -> &'static excel::Book {
        static B: OnceLock<excel::Book> = OnceLock::new();
        B.get_or_init(|| {
            let d = Dossier::parse(&read("docs/examples/ho-so-13306-2024.json"), rules()).unwrap();
            let a = ntm_core::evaluate(rules(), &d);
            commune::book(&a, &d, &d.unknown.rows(rules()), "2025-06-30")
        })
    }

    fn bytes() -> &'static Vec<u8> {
        static X: OnceLock<Vec<u8>> = OnceLock::new();
        X.get_or_init(|| excel::to_xlsx(book()).unwrap())
    }

    /// Each case writes or reads a whole workbook (~50 ms): a fixed, smaller number of cases than
    /// the text parsers get (PROPTEST_CASES does not apply).
    fn runner() -> proptest::test_runner::TestRunner {
        proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: 64,
            ..ProptestConfig::default()
        })
    }

    #[test]
    fn typed_cells() {
        runner()
            .run(&(0usize..40, "\\PC{0,16}"), |(row, text)| {
                let mut b = book().clone();
                let rows = &mut b.sheets[0].rows;
                let row = row % rows.len();
                rows[row][5] = Cell::text(text).input();
                if let Err(e) = excel::read_commune(&excel::to_xlsx(&b).unwrap(), rules()) {
                    prop_assert!(e.starts_with("Trang "), "{}", e);
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn damaged_files() {
        let cases = (
            0usize..100_000,
            any::<u8>(),
            proptest::option::of(0usize..100_000),
        );
        runner()
            .run(&cases, |(at, byte, cut)| {
                let mut x = bytes().clone();
                let n = x.len();
                x[at % n] = byte;
                if let Some(c) = cut {
                    x.truncate(c % n);
                }
                // Refused or read: either way, no panic, and a refusal says something.
                if let Err(e) = excel::read_commune(&x, rules()) {
                    prop_assert!(!e.is_empty());
                }
                Ok(())
            })
            .unwrap();
    }
}
