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

/// The kiểu mẫu golden case's dossier (every criterion met under the test rules).
fn kieu_mau(code: &str, year: u16) -> Dossier {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/km-du-dieu-kien.json");
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut d = Dossier::parse(&case["dossier"].to_string(), &full_rules()).unwrap();
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
    // Through the file import: the file is named too.
    let msg = import_file("goi.json", &text, &rules).unwrap_err();
    assert!(msg.starts_with("goi.json: "), "{msg}");
    assert!(msg.contains("dossiers[3].values.ntm.15.1"), "{msg}");
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
    assert_eq!(results[0].result.as_ref().unwrap().len(), 1);
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
    assert_eq!(results[3].result.as_ref().unwrap().len(), 2);
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
            "1,13306,Xã Phù Vân,Thành phố Phủ Lý,2024,Đạt chuẩn nông thôn mới kiểu mẫu,19/19,{}Đã thẩm tra,{} ({short})",
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
