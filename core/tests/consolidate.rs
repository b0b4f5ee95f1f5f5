//! Consolidation: bundle file, importing many files, duplicates, review states, table rows, CSV.

use ntm_core::consolidate::{
    self, content_hash, import_file, import_files, Bundle, Consolidation, Counts, DossierKey,
    Filter, Incoming, Review, ReviewState, SortKey, StateKind,
};
use ntm_core::{units, Dossier, Level, Rules, RulesFile, Value};
use std::collections::BTreeMap;
use std::path::Path;

const AT: &str = "2025-03-01T08:00:00Z";

fn full_rules() -> Rules {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/rules/kiem-thu-day-du.json");
    let text = std::fs::read_to_string(path).unwrap();
    Rules::with_override(&RulesFile::parse(&text).unwrap()).unwrap()
}

/// The golden cases' base dossier (every criterion met under the test rules: kiểu mẫu).
fn kieu_mau(code: &str, year: u16) -> Dossier {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/base/xa-phu-van-2024.json");
    let mut d = Dossier::parse(&std::fs::read_to_string(path).unwrap(), &full_rules()).unwrap();
    let u = units::find(code).unwrap();
    d.unit.code = u.code.clone();
    d.unit.name = u.name.clone();
    d.unit.district_code = u.district_code.clone();
    d.year = year;
    d
}

fn simple(code: &str, year: u16) -> Dossier {
    let mut d = Dossier::new(units::find(code).unwrap(), year);
    d.set_value("ntm", "15.1", Some(Value::Number(96.0)));
    d
}

fn incoming(d: Dossier) -> (String, Incoming) {
    (
        format!("{}-{}.json", d.unit.code, d.year),
        Incoming {
            dossier: d,
            review: None,
        },
    )
}

#[test]
fn bundle_round_trip_is_byte_identical() {
    let rules = Rules::built_in();
    let a = simple("13306", 2024);
    let b = simple("13426", 2023);
    let mut c = Consolidation::default();
    c.merge(vec![incoming(a), incoming(b)], AT);
    c.entries[0]
        .review
        .verify("Nguyễn Văn A, phòng NN", AT)
        .unwrap();
    let text = c.to_bundle().to_json();
    assert!(text.starts_with("{\n  \"format\": \"chung-suc/bundle\",\n  \"version\": 1,"));
    assert!(text.ends_with("}\n"));
    let parsed = Bundle::parse(&text, &rules).unwrap();
    assert_eq!(parsed.to_json(), text);
    assert_eq!(parsed.dossiers.len(), 2);
    assert_eq!(
        parsed.reviews["13306-2024"].kind(),
        StateKind::VerifiedByDistrict
    );
    // And through a consolidation again.
    let again = Consolidation::from_bundle(parsed, AT);
    assert_eq!(again.to_bundle().to_json(), text);
    // A BOM is accepted.
    assert!(Bundle::parse(&format!("\u{feff}{text}"), &rules).is_ok());
}

#[test]
fn bad_entry_is_named_with_its_index() {
    let rules = Rules::built_in();
    let mut ds: Vec<serde_json::Value> = ["13306", "13426", "13507", "13513"]
        .iter()
        .map(|c| serde_json::from_str(&simple(c, 2024).to_json()).unwrap())
        .collect();
    ds[3]["values"]["ntm"]["15.1"] = serde_json::json!(120);
    let text =
        serde_json::json!({"format": "chung-suc/bundle", "version": 1, "dossiers": ds}).to_string();
    let e = Bundle::parse(&text, &rules).unwrap_err();
    assert_eq!(e.field, "dossiers[3].values.ntm.15.1");
    assert!(e.problem.contains("120"), "{}", e.problem);
    // Through the file import the other three are kept and the fourth is listed with its
    // position, commune and reason.
    let got = import_file("goi.json", &text, &rules).unwrap();
    assert_eq!(got.dossiers.len(), 3);
    assert_eq!(got.refused.len(), 1);
    let p = &got.refused[0];
    assert_eq!(p.entry, Some(3));
    assert_eq!(p.error.field, "dossiers[3].values.ntm.15.1");
    assert_eq!(
        p.text_vi(),
        format!(
            "Hồ sơ thứ 4 — Xã Trịnh Xá (mã 13513), năm 2024: Trường “dossiers[3].values.ntm.15.1”: {}",
            p.error.problem
        )
    );
    // A file that is not a bundle at all is still refused whole, naming the file.
    let msg = import_file(
        "goi.json",
        "{\"format\": \"chung-suc/bundle\", \"version\": 1}",
        &rules,
    )
    .unwrap_err();
    assert!(msg.starts_with("goi.json: "), "{msg}");
    assert!(msg.contains("dossiers"), "{msg}");
}

#[test]
fn partly_valid_bundle_keeps_the_valid_dossiers() {
    let rules = Rules::built_in();
    let json = |d: &Dossier| -> serde_json::Value { serde_json::from_str(&d.to_json()).unwrap() };
    let good_a = simple("13306", 2024);
    let good_b = simple("13426", 2024);
    let mut bad_value = json(&simple("13507", 2024));
    bad_value["values"]["ntm"]["15.1"] = serde_json::json!(-5);
    let mut bad_unit = json(&simple("13513", 2023));
    bad_unit["unit"]["code"] = serde_json::json!("99999");
    let no_unit = serde_json::json!({"format": "chung-suc/dossier", "version": 1, "year": 2024});
    let verified = {
        let mut r = Review::received(&good_a, AT);
        r.verify("Huyện", AT).unwrap();
        serde_json::to_value(&r).unwrap()
    };
    let text = serde_json::json!({
        "format": "chung-suc/bundle", "version": 1,
        "dossiers": [json(&good_a), bad_value, json(&good_b), bad_unit, no_unit, json(&simple("13327", 2024))],
        "reviews": {
            "13306-2024": verified,
            // the review of a refused dossier goes with it, without a second line
            "13507-2024": {"state": {"state": "received", "at": AT}, "content_hash": "sha256:00"},
            // a review that cannot be read refuses its dossier: the district's work is not lost silently
            "13327-2024": {"state": {"state": "approved", "at": AT}, "content_hash": "sha256:00"},
            // a review of no dossier of the file is listed; the dossiers stay
            "13570-2024": {"state": {"state": "received", "at": AT}, "content_hash": "sha256:00"},
            "khong-phai-khoa": {}
        }
    })
    .to_string();
    let got = import_file("goi-mot-phan.json", &text, &rules).unwrap();
    let kept: Vec<String> = got
        .dossiers
        .iter()
        .map(|i| DossierKey::of(&i.dossier).id())
        .collect();
    assert_eq!(kept, ["13306-2024", "13426-2024"]);
    assert_eq!(
        got.dossiers[0].review.as_ref().map(Review::kind),
        Some(StateKind::VerifiedByDistrict),
        "a valid dossier keeps its review"
    );
    let lines: Vec<String> = got.refused.iter().map(|p| p.text_vi()).collect();
    assert_eq!(got.refused.len(), 6, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "Hồ sơ thứ 2 — Xã Đinh Xá (mã 13507), năm 2024: Trường “dossiers[1].values.ntm.15.1”:"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "Hồ sơ thứ 4 — Xã Trịnh Xá (mã 99999), năm 2023: Trường “dossiers[3].unit.code”:"
        ),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("không có trong danh mục"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("Hồ sơ thứ 5, năm 2024: Trường “dossiers[4].unit”: thiếu"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with(
            "Hồ sơ thứ 6 — Xã Mộc Hoàn (mã 13327), năm 2024: Trường “reviews.13327-2024"
        ),
        "{}",
        lines[3]
    );
    assert_eq!(got.refused[3].entry, Some(5));
    assert!(
        lines[4..].iter().any(|l| l.starts_with(
            "Trạng thái thẩm tra “13570-2024”: Trường “reviews.13570-2024”: không có hồ sơ nào"
        )),
        "{lines:#?}"
    );
    assert!(
        lines[4..]
            .iter()
            .any(|l| l.contains("“khong-phai-khoa”") && l.contains("mã xã-năm")),
        "{lines:#?}"
    );

    // The strict reader (the stored consolidation) still refuses the whole file at the first problem.
    assert_eq!(
        Bundle::parse(&text, &rules).unwrap_err().field,
        "dossiers[1].values.ntm.15.1"
    );
    let (b, problems) = Bundle::parse_lenient(&text, &rules).unwrap();
    assert_eq!((b.dossiers.len(), problems.len()), (2, 6));

    // Every dossier invalid: nothing kept, each listed; not an error of the file.
    let mut bad = json(&simple("13306", 2024));
    bad["year"] = serde_json::json!(1990);
    let all_bad = serde_json::json!({"format": "chung-suc/bundle", "version": 1, "dossiers": [bad.clone(), bad]}).to_string();
    let got = import_file("hong-het.json", &all_bad, &rules).unwrap();
    assert!(got.dossiers.is_empty());
    assert_eq!(got.refused.len(), 2);
    assert!(
        got.refused[1].text_vi().contains("năm 1990 nằm ngoài"),
        "{:?}",
        got.refused[1]
    );
}

#[test]
fn bundle_refuses_unknown_fields_and_orphan_reviews() {
    let rules = Rules::built_in();
    let d: serde_json::Value = serde_json::from_str(&simple("13306", 2024).to_json()).unwrap();
    let extra =
        serde_json::json!({"format": "chung-suc/bundle", "version": 1, "dossiers": [d], "x": 1});
    assert_eq!(
        Bundle::parse(&extra.to_string(), &rules).unwrap_err().field,
        "x"
    );
    let orphan = serde_json::json!({"format": "chung-suc/bundle", "version": 1, "dossiers": [d],
        "reviews": {"13426-2024": {"state": {"state": "received", "at": AT}, "content_hash": "sha256:00"}}});
    assert_eq!(
        Bundle::parse(&orphan.to_string(), &rules)
            .unwrap_err()
            .field,
        "reviews.13426-2024"
    );
    let bad_state = serde_json::json!({"format": "chung-suc/bundle", "version": 1, "dossiers": [d],
        "reviews": {"13306-2024": {"state": {"state": "approved", "at": AT}, "content_hash": "sha256:00"}}});
    let e = Bundle::parse(&bad_state.to_string(), &rules).unwrap_err();
    assert!(e.field.starts_with("reviews.13306-2024"), "{e:?}");
    let v2 = serde_json::json!({"format": "chung-suc/bundle", "version": 2, "dossiers": []});
    assert_eq!(
        Bundle::parse(&v2.to_string(), &rules).unwrap_err().field,
        "version"
    );
}

#[test]
fn import_many_files_names_each_bad_file() {
    let rules = Rules::built_in();
    let good = simple("13306", 2024).to_json();
    let bundle = Bundle {
        dossiers: vec![simple("13426", 2024), simple("13507", 2024)],
        reviews: BTreeMap::new(),
    }
    .to_json();
    let results = import_files(
        [
            ("a.json", good.as_str()),
            ("hong.json", "{ \"format\": "),
            ("khac.json", "{\"format\": \"chung-suc/rules\"}"),
            ("goi.json", bundle.as_str()),
        ],
        &rules,
    );
    assert_eq!(results.len(), 4);
    assert_eq!(results[0].result.as_ref().unwrap().dossiers.len(), 1);
    let hong = results[1].result.as_ref().unwrap_err();
    assert!(
        hong.starts_with("hong.json: ") && hong.contains("JSON"),
        "{hong}"
    );
    let khac = results[2].result.as_ref().unwrap_err();
    assert!(
        khac.contains("format") && khac.contains("chung-suc/bundle"),
        "{khac}"
    );
    assert_eq!(results[3].result.as_ref().unwrap().dossiers.len(), 2);
}

#[test]
fn duplicates_are_reported_not_dropped() {
    let mut c = Consolidation::default();
    let a = simple("13306", 2024);
    let mut a2 = a.clone();
    a2.set_value("ntm", "15.1", Some(Value::Number(80.0)));
    let b = simple("13426", 2024);
    let report = c.merge(
        vec![
            incoming(a.clone()),
            incoming(b.clone()),
            (
                "ban-2.json".into(),
                Incoming {
                    dossier: a2.clone(),
                    review: None,
                },
            ),
            (
                "ban-giong.json".into(),
                Incoming {
                    dossier: b.clone(),
                    review: None,
                },
            ),
        ],
        AT,
    );
    assert_eq!(
        report.added, 1,
        "only the commune-year without a conflict is added"
    );
    assert_eq!(report.identical.len(), 1);
    assert_eq!(report.identical[0].0, "ban-giong.json");
    assert_eq!(report.duplicates.len(), 1);
    let g = &report.duplicates[0];
    assert_eq!(
        g.key,
        DossierKey {
            unit_code: "13306".into(),
            year: 2024
        }
    );
    assert_eq!(g.candidates.len(), 2);
    assert_eq!(g.candidates[1].source.as_deref(), Some("ban-2.json"));
    // Nothing of 13306-2024 is in the table until the user chooses.
    assert!(c.position(&g.key).is_none());
    c.resolve(report.duplicates[0].clone(), 1, AT);
    let p = c.position(&g.key).unwrap();
    assert_eq!(
        c.entries[p].dossier.value("ntm", "15.1"),
        Some(Value::Number(80.0))
    );
    assert_eq!(c.entries.len(), 2);

    // Importing a different version again groups it with the one held.
    let report = c.merge(
        vec![(
            "lan-3.json".into(),
            Incoming {
                dossier: a,
                review: None,
            },
        )],
        AT,
    );
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(
        report.duplicates[0].candidates[0].source, None,
        "the held version is offered"
    );
    c.resolve(report.duplicates[0].clone(), 0, AT);
    assert_eq!(
        c.entries[p].dossier.value("ntm", "15.1"),
        Some(Value::Number(80.0))
    );
}

#[test]
fn review_transitions() {
    let d = simple("13306", 2024);
    let mut r = Review::received(&d, AT);
    assert_eq!(r.kind(), StateKind::Received);
    // Appraisal needs the district's verification first.
    assert!(r.appraise("Sở NN", AT).is_err());
    // A name is required.
    assert!(r.verify("  ", AT).is_err());
    r.verify("Phòng Kinh tế TP Phủ Lý", "2025-03-02T09:00:00Z")
        .unwrap();
    assert_eq!(r.kind(), StateKind::VerifiedByDistrict);
    assert!(r.verify("x", AT).is_err(), "no double verification");
    r.appraise("Văn phòng Điều phối NTM tỉnh", "2025-03-05T10:00:00Z")
        .unwrap();
    match &r.state {
        ReviewState::AppraisedByProvince {
            verified,
            appraised,
        } => {
            assert_eq!(verified.by, "Phòng Kinh tế TP Phủ Lý");
            assert_eq!(appraised.at, "2025-03-05T10:00:00Z");
        }
        s => panic!("{s:?}"),
    }
    assert_eq!(r.history.len(), 2);

    // Return with comments; empty comments are refused.
    let mut r2 = Review::received(&d, AT);
    assert!(r2
        .return_with(
            "Huyện",
            AT,
            BTreeMap::from([("ntm/15.1".into(), "  ".into())])
        )
        .is_err());
    r2.return_with(
        "Huyện",
        AT,
        BTreeMap::from([("ntm/15.1".into(), "Thiếu minh chứng BHYT".into())]),
    )
    .unwrap();
    match &r2.state {
        ReviewState::Returned { comments, stamp } => {
            assert_eq!(comments["ntm/15.1"], "Thiếu minh chứng BHYT");
            assert_eq!(stamp.by, "Huyện");
        }
        s => panic!("{s:?}"),
    }
    assert!(
        r2.verify("Huyện", AT).is_err(),
        "a returned dossier waits for a new version"
    );
}

#[test]
fn changed_content_reopens_a_verified_dossier() {
    let d = simple("13306", 2024);
    let mut c = Consolidation::default();
    c.merge(vec![incoming(d.clone())], AT);
    c.entries[0].review.verify("Huyện", AT).unwrap();
    // The same content again changes nothing.
    assert!(!c.entries[0].review.clone().observe(&content_hash(&d), AT));

    let mut changed = d.clone();
    changed.set_value("ntm", "15.1", Some(Value::Number(99.0)));
    let report = c.merge(
        vec![(
            "moi.json".into(),
            Incoming {
                dossier: changed,
                review: None,
            },
        )],
        "2025-04-01T00:00:00Z",
    );
    assert_eq!(report.duplicates.len(), 1);
    c.resolve(report.duplicates[0].clone(), 1, "2025-04-01T00:00:00Z");
    let r = &c.entries[0].review;
    match &r.state {
        ReviewState::Received { at, note } => {
            assert_eq!(at, "2025-04-01T00:00:00Z");
            assert!(note.as_deref().unwrap().contains("thay đổi"), "{note:?}");
        }
        s => panic!("not reopened: {s:?}"),
    }
    assert_eq!(
        r.history.last().unwrap().state,
        StateKind::VerifiedByDistrict
    );

    // A review in a bundle written for other content is reopened on import.
    let mut b = c.to_bundle();
    b.reviews
        .get_mut("13306-2024")
        .unwrap()
        .verify("Huyện", AT)
        .unwrap();
    b.dossiers[0].set_value("ntm", "15.1", Some(Value::Number(50.0)));
    let c2 =
        Consolidation::from_bundle(Bundle::parse(&b.to_json(), &Rules::built_in()).unwrap(), AT);
    assert_eq!(c2.entries[0].review.kind(), StateKind::Received);
}

#[test]
fn rows_sorting_filtering_and_counts() {
    let rules = full_rules();
    let mut c = Consolidation::default();
    c.merge(
        vec![
            incoming(kieu_mau("13306", 2024)), // Phủ Lý, kiểu mẫu
            incoming(simple("13327", 2024)),   // Duy Tiên, chưa đạt
            incoming(kieu_mau("13426", 2023)), // Phủ Lý
        ],
        AT,
    );
    let rows = consolidate::rows(&c, &rules);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].level, Level::NtmKieuMau);
    assert_eq!(rows[0].ntm_met, 19);
    assert_eq!(rows[0].ntm.len(), 19);
    assert_eq!(rows[1].level, Level::ChuaDat);
    assert_eq!(rows[1].district_name, "Thị xã Duy Tiên");
    assert_eq!(
        Counts::of(&rows).text_vi(),
        "3 hồ sơ · 2 đạt NTM · 2 nâng cao · 2 kiểu mẫu"
    );

    let mut idx: Vec<usize> = (0..3).collect();
    consolidate::sorted(&rows, &mut idx, SortKey::NtmMet, true);
    assert_eq!(idx[0], 1);
    consolidate::sorted(&rows, &mut idx, SortKey::Unit, true);
    let names: Vec<&str> = idx.iter().map(|&i| rows[i].unit_name.as_str()).collect();
    assert_eq!(names, ["Xã Kim Bình", "Xã Mộc Hoàn", "Xã Phù Vân"]);
    consolidate::sorted(&rows, &mut idx, SortKey::Year, false);
    assert_eq!(rows[idx[2]].key.year, 2023);

    let f = Filter {
        district: Some("347".into()),
        ..Filter::default()
    };
    assert_eq!(consolidate::filtered(&rows, &f), vec![0, 2]);
    let f = Filter {
        level: Some(Level::ChuaDat),
        ..Filter::default()
    };
    assert_eq!(consolidate::filtered(&rows, &f), vec![1]);
    let f = Filter {
        year: Some(2023),
        district: Some("347".into()),
        ..Filter::default()
    };
    assert_eq!(consolidate::filtered(&rows, &f), vec![2]);

    // Dossiers made under other rules are marked.
    assert!(rows[0].other_rules.is_none());
    let mut other = simple("13507", 2024);
    other.rules = Some(ntm_core::RulesRef {
        id: "khac".into(),
        hash: "sha256:abcdef0123456789".into(),
    });
    c.merge(vec![incoming(other)], AT);
    let rows = consolidate::rows(&c, &rules);
    assert_eq!(rows[3].other_rules.as_ref().unwrap().id, "khac");
}

#[test]
fn consolidated_csv_bytes() {
    let rules = full_rules();
    let mut c = Consolidation::default();
    c.merge(
        vec![
            incoming(kieu_mau("13306", 2024)),
            incoming(simple("13327", 2024)),
        ],
        AT,
    );
    c.entries[0].review.verify("Huyện", AT).unwrap();
    let rows = consolidate::rows(&c, &rules);
    let bytes = consolidate::csv_excel(&rules, &rows);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with(
            "STT,Mã xã,Xã,Huyện,Năm,Mức đạt,Số tiêu chí NTM đạt,TC1 Quy hoạch,TC2 Giao thông,"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("TC19 Quốc phòng và An ninh,Trạng thái,Bộ tiêu chí"),
        "{}",
        lines[0]
    );
    let short = rules.reference().short_hash().to_string();
    assert_eq!(
        lines[1],
        format!(
            // 19/19 is written ="19/19": Excel would read it as a date (19 July) otherwise.
            "1,13306,Xã Phù Vân,Thành phố Phủ Lý,2024,Đạt chuẩn nông thôn mới kiểu mẫu,\"=\"\"19/19\"\"\",{}Đã thẩm tra,{} ({short})",
            "Đạt,".repeat(19),
            rules.id
        )
    );
    assert!(
        lines[2]
            .starts_with("2,13327,Xã Mộc Hoàn,Thị xã Duy Tiên,2024,Chưa đạt chuẩn nông thôn mới,"),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].contains("Chưa xác định") && lines[2].contains(",Đã nhận,"),
        "{}",
        lines[2]
    );

    let plain = consolidate::csv_plain(&rules, &rows);
    let text = std::str::from_utf8(&plain).unwrap();
    assert!(text.starts_with("unit_code,unit_name,district_code,year,level,ntm_met,ntm_total,tc1,"));
    let row1 = text.lines().nth(1).unwrap();
    assert!(
        row1.starts_with("13306,Xã Phù Vân,347,2024,ntm_kieu_mau,19,19,dat,"),
        "{row1}"
    );
    assert!(row1.contains(",verified_by_district,"), "{row1}");
    assert_eq!(consolidate::csv_file_name(Some(2024)), "tong-hop-2024.csv");
    assert_eq!(consolidate::csv_file_name(None), "tong-hop-tat-ca.csv");
}

#[test]
fn csv_cells_are_formula_safe() {
    // The only free text in a row comes from the unit list; a rules id could be anything.
    let rules = Rules::built_in();
    let mut c = Consolidation::default();
    let mut d = simple("13306", 2024);
    d.rules = Some(ntm_core::RulesRef {
        id: "=cmd".into(),
        hash: "sha256:1".into(),
    });
    c.merge(vec![incoming(d)], AT);
    let rows = consolidate::rows(&c, &rules);
    let bytes = consolidate::csv_excel(&rules, &rows);
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains(",=") && !text.contains("\n="), "{text}");
}

/// A version of `d` with 15.1 = `pct`, read from file `name`.
fn version(d: &Dossier, pct: f64, name: &str) -> (String, Incoming) {
    let mut v = d.clone();
    v.set_value("ntm", "15.1", Some(Value::Number(pct)));
    (
        name.to_string(),
        Incoming {
            dossier: v,
            review: None,
        },
    )
}

#[test]
fn an_import_in_steps_keeps_one_group_per_commune_year() {
    let a = simple("13306", 2024);
    let b = simple("13426", 2024);
    let mut c = Consolidation::default();
    let mut pending = Vec::new();
    // Step 1: a and b are new.
    let r1 = c.merge_pending(
        &mut pending,
        vec![incoming(a.clone()), incoming(b.clone())],
        AT,
    );
    assert_eq!((r1.added, pending.len()), (2, 0));
    // Step 2: a second version of a makes a group with the version held.
    let r2 = c.merge_pending(&mut pending, vec![version(&a, 80.0, "a-2.json")], AT);
    assert_eq!((r2.added, pending.len()), (0, 1));
    assert!(r2.duplicates.is_empty(), "the groups are in `pending`");
    // Step 3: a third version joins that group, the second one again is identical, the held
    // one again too; a version of b starts its own group.
    let r3 = c.merge_pending(
        &mut pending,
        vec![
            version(&a, 70.0, "a-3.json"),
            version(&a, 80.0, "a-2-lan-nua.json"),
            incoming(a.clone()),
            version(&b, 50.0, "b-2.json"),
        ],
        AT,
    );
    assert_eq!(
        pending.len(),
        2,
        "one group per commune-year, whatever the steps"
    );
    assert_eq!(r3.identical.len(), 2);
    assert_eq!(r3.identical[0].0, "a-2-lan-nua.json");
    let ga = &pending[0];
    assert_eq!(ga.key.id(), "13306-2024");
    let sources: Vec<Option<&str>> = ga.candidates.iter().map(|c| c.source.as_deref()).collect();
    assert_eq!(sources, [None, Some("a-2.json"), Some("a-3.json")]);
    // Nothing changed in the table until the choice.
    assert_eq!(c.entries.len(), 2);
    assert_eq!(c.entries[0].dossier, a);
    let g = pending.remove(0);
    c.resolve(g, 2, AT);
    assert_eq!(
        c.entries[0].dossier.value("ntm", "15.1"),
        Some(Value::Number(70.0))
    );
    // A commune-year first seen with two versions in one step waits with no version held.
    let d = simple("13507", 2024);
    c.merge_pending(
        &mut pending,
        vec![incoming(d.clone()), version(&d, 10.0, "d-2.json")],
        AT,
    );
    assert_eq!(pending.len(), 2);
    assert!(pending[1].candidates.iter().all(|c| c.source.is_some()));
    assert!(c.position(&pending[1].key).is_none());
}

#[test]
fn merging_many_dossiers_in_steps() {
    // 3 000 commune-years (codes made up: merging does not look them up), each sent twice,
    // read in steps of 40 files as the app does.
    let unit = units::find("13306").unwrap();
    let mut files = Vec::new();
    for i in 0..3000u32 {
        let mut u = unit.clone();
        u.code = format!("9{i:05}");
        let d = Dossier::new(&u, 2021 + (i % 5) as u16);
        files.push(incoming(d.clone()));
        files.push(version(&d, f64::from(i % 100), &format!("{i}-2.json")));
    }
    // The second versions arrive in reverse order, far from the first ones.
    let (mut firsts, mut seconds): (Vec<_>, Vec<_>) =
        files.into_iter().enumerate().partition(|(n, _)| n % 2 == 0);
    seconds.reverse();
    firsts.extend(seconds);
    let files: Vec<_> = firsts.into_iter().map(|(_, f)| f).collect();
    let mut c = Consolidation::default();
    let mut pending = Vec::new();
    let t = std::time::Instant::now();
    let mut added = 0;
    for chunk in files.chunks(40) {
        added += c.merge_pending(&mut pending, chunk.to_vec(), AT).added;
    }
    assert_eq!(added, 3000);
    assert_eq!(c.entries.len(), 3000);
    assert_eq!(pending.len(), 3000);
    assert!(pending.iter().all(|g| g.candidates.len() == 2));
    // Linear, not quadratic: well under a second even unoptimised.
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}

#[test]
fn pending_choices_survive_a_round_trip() {
    let rules = Rules::built_in();
    let a = simple("13306", 2024);
    let b = simple("13426", 2024);
    let mut c = Consolidation::default();
    let mut pending = Vec::new();
    c.merge_pending(&mut pending, vec![incoming(a.clone())], AT);
    c.merge_pending(
        &mut pending,
        vec![
            version(&a, 80.0, "a-2.json"),
            incoming(b.clone()),
            version(&b, 60.0, "b-2.json"),
        ],
        AT,
    );
    assert_eq!(pending.len(), 2);
    let (text, n) = consolidate::pending_to_json(&pending, usize::MAX);
    assert_eq!(n, 2);
    assert!(
        text.starts_with("{\"format\":\"chung-suc/pending\",\"version\":1,"),
        "{text}"
    );
    // The held version is not written twice: it is in the consolidation.
    assert_eq!(text.matches("\"source\"").count(), 3);
    let read = consolidate::pending_from_json(&text, &rules, &c, AT).unwrap();
    let (back, problems) = (read.groups, read.dropped);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back, pending);

    // The held version is taken as it is now (verified since).
    c.entries[0].review.verify("Huyện", AT).unwrap();
    let back = consolidate::pending_from_json(&text, &rules, &c, AT)
        .unwrap()
        .groups;
    assert_eq!(
        back[0].candidates[0].entry.review.kind(),
        StateKind::VerifiedByDistrict
    );

    // A budget keeps the first groups that fit.
    let one = consolidate::pending_to_json(&pending[..1], usize::MAX)
        .0
        .len();
    let (cut, n) = consolidate::pending_to_json(&pending, one + 10);
    assert_eq!(n, 1);
    let back = consolidate::pending_from_json(&cut, &rules, &c, AT)
        .unwrap()
        .groups;
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].key, pending[0].key);

    // A version the rules no longer accept is left out and named with its file.
    let edited = text.replacen("\"15.1\":80}", "\"15.1\":180}", 1);
    assert_ne!(edited, text);
    let read = consolidate::pending_from_json(&edited, &rules, &c, AT).unwrap();
    let (back, problems) = (read.groups, read.dropped);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "a-2.json");
    assert!(
        problems[0].1.text_vi().contains("dossier.values.ntm.15.1"),
        "{:?}",
        problems[0]
    );
    assert_eq!(
        back.len(),
        1,
        "the group of a has only the held version left"
    );
    // Not a pending list: an error, nothing guessed.
    assert!(consolidate::pending_from_json("{\"format\":\"x\"}", &rules, &c, AT).is_err());
}

#[test]
fn names_sort_in_vietnamese_order() {
    let rules = Rules::built_in();
    let mut c = Consolidation::default();
    // Byte order would put "Bình", "Chính", "Chuyên" first and "An Đổ" last.
    let codes = [
        "13630", "13561", "13552", "13528", "13588", "13540", "13531", "13573", "13345", "13576",
        "13582", "13579", "13516",
    ];
    c.merge(
        codes.iter().map(|k| incoming(simple(k, 2024))).collect(),
        AT,
    );
    let rows = consolidate::rows(&c, &rules);
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    consolidate::sorted(&rows, &mut idx, SortKey::Unit, true);
    let names: Vec<&str> = idx
        .iter()
        .map(|&i| rows[i].unit_name.trim_start_matches("Xã "))
        .collect();
    assert_eq!(
        names,
        [
            "An Đổ",
            "An Lão",
            "An Ninh",
            "Bắc Lý",
            "Bình An",
            "Bồ Đề",
            "Chân Lý",
            "Chính Lý",
            "Chuyên Ngoại",
            "Công Lý",
            "Đạo Lý",
            "Đồng Du",
            "Hòa Hậu"
        ]
    );
    consolidate::sorted(&rows, &mut idx, SortKey::Unit, false);
    assert_eq!(rows[idx[0]].unit_name, "Xã Hòa Hậu");
    // `compare` agrees with `sorted`: An Lão comes after An Đổ (in bytes it would come first).
    assert_eq!(rows[1].unit_name, "Xã An Lão");
    assert_eq!(rows[2].unit_name, "Xã An Đổ");
    assert_eq!(
        consolidate::compare(&rows[1], &rows[2], SortKey::Unit),
        std::cmp::Ordering::Greater
    );
    // Districts by name: Bình Lục (B) … Thị xã Kim Bảng; the table's district column too.
    let names: Vec<&str> = consolidate::districts_by_name()
        .iter()
        .map(|d| d.1)
        .collect();
    assert_eq!(
        names,
        [
            "Huyện Bình Lục",
            "Huyện Lý Nhân",
            "Huyện Thanh Liêm",
            "Thành phố Phủ Lý",
            "Thị xã Duy Tiên",
            "Thị xã Kim Bảng"
        ]
    );
    consolidate::sorted(&rows, &mut idx, SortKey::District, true);
    assert_eq!(rows[idx[0]].district_name, "Huyện Bình Lục");
    assert_eq!(rows[idx[idx.len() - 1]].district_name, "Thị xã Duy Tiên");
}

#[test]
fn how_files_are_split_into_steps_does_not_matter() {
    let a = simple("13306", 2024);
    let b = simple("13426", 2024);
    let held = simple("13507", 2024);
    let files = [
        incoming(a.clone()),
        incoming(b.clone()),
        version(&a, 80.0, "a-2.json"),
        version(&held, 10.0, "held-2.json"),
        incoming(a.clone()),
    ];
    let run = |step: usize| {
        let mut c = Consolidation::default();
        c.merge(vec![incoming(held.clone())], AT);
        let mut pending = Vec::new();
        let mut staged = consolidate::Staged::default();
        let mut identical = 0;
        for chunk in files.chunks(step) {
            let r = c.stage(&mut pending, &mut staged, chunk.to_vec(), AT);
            assert_eq!(r.added, 0, "nothing is added before the end");
            identical += r.identical.len();
        }
        // The version of a held commune-year waits at once, with the held version first.
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].candidates[0].source, None);
        assert_eq!(staged.len(), 3);
        let added = c.finish(&mut pending, staged);
        let keys: Vec<String> = c
            .entries
            .iter()
            .map(|e| DossierKey::of(&e.dossier).id())
            .collect();
        let groups: Vec<String> = pending.iter().map(|g| g.key.id()).collect();
        (added, identical, keys, groups)
    };
    let whole = run(files.len());
    assert_eq!(
        whole,
        (
            1,
            1,
            vec!["13507-2024".to_string(), "13426-2024".to_string()],
            vec!["13507-2024".to_string(), "13306-2024".to_string()]
        ),
        "a (two versions) waits for a choice, out of the table; b is added"
    );
    assert_eq!(run(1), whole);
    assert_eq!(run(2), whole);
}

#[test]
fn versions_of_a_commune_year_are_told_apart_by_their_values() {
    let rules = full_rules();
    let mut a = simple("13306", 2024);
    a.set_value("ntm", "1.1", Some(Value::Bool(true)));
    a.set_value("ntm", "15.1", Some(Value::Number(96.2)));
    let mut b = a.clone();
    b.set_value("ntm", "15.1", Some(Value::Number(90.0)));
    b.set_value("ntm", "1.1", None);
    let mut c = Consolidation::default();
    let report = c.merge(
        vec![
            (
                "ho-so.json".into(),
                Incoming {
                    dossier: a,
                    review: None,
                },
            ),
            (
                "ho-so.json".into(),
                Incoming {
                    dossier: b,
                    review: None,
                },
            ),
        ],
        AT,
    );
    let g = &report.duplicates[0];
    let diff = ntm_core::consolidate::differences(g, &rules, 5);
    assert_eq!(
        diff[0],
        (vec!["1.1: Có".to_string(), "15.1: 96,2 %".to_string()], 0)
    );
    assert_eq!(
        diff[1],
        (
            vec!["1.1: chưa nhập".to_string(), "15.1: 90 %".to_string()],
            0
        )
    );
    let one = ntm_core::consolidate::differences(g, &rules, 1);
    assert_eq!(one[1], (vec!["1.1: chưa nhập".to_string()], 1));
}
