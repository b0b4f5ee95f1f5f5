//! The `ntm` command-line tool, run as an official would run it.

use std::process::Command;

fn ntm(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ntm"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("run ntm");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn evaluate_prints_one_json_line_per_dossier() {
    let (code, out, err) = ntm(&[
        "evaluate",
        "docs/examples/ho-so-13306-2024.json",
        "tests/cases/rules/../../../docs/examples/ho-so-13306-2024.json",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let r = &lines[0];
    assert_eq!(r["unit_code"], "13306");
    assert_eq!(r["year"], 2024);
    assert_eq!(r["level"], "chua_dat");
    assert_eq!(r["sets"]["ntm"]["total"], 19);
    assert_eq!(r["sets"]["ntm_nang_cao"]["total"], 19);
    assert_eq!(r["sets"]["ntm_kieu_mau"]["total"], 4);
    let bhyt = r["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["set"] == "ntm_nang_cao" && i["code"] == "14.3")
        .unwrap();
    assert_eq!(bhyt["outcome"], "chua_dat"); // 38,5 % < 40 %
    assert!(r["rules"]["hash"].as_str().unwrap().starts_with("sha256:"));
}

#[test]
fn rules_file_changes_the_outcome() {
    let (code, out, err) = ntm(&[
        "evaluate",
        "--rules",
        "tests/cases/rules/kiem-thu-day-du.json",
        "docs/examples/ho-so-13306-2024.json",
    ]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(r["rules"]["id"], "kiem-thu-day-du");
    let income = r["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["set"] == "ntm" && i["code"] == "10")
        .unwrap();
    assert_eq!(income["outcome"], "dat"); // 72 000 000 ≥ 58 000 000 (test thresholds)
}

#[test]
fn invalid_input_exits_2_naming_file_and_field() {
    let dir = std::env::temp_dir().join(format!("ntm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let example = include_str!("../../docs/examples/ho-so-13306-2024.json");
    let pct = dir.join("bhyt-120.json");
    std::fs::write(&pct, example.replace("\"14.1\": 96.2", "\"14.1\": 120")).unwrap();
    let (code, out, err) = ntm(&[
        "evaluate",
        "docs/examples/ho-so-13306-2024.json",
        pct.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    // The valid dossier is still evaluated.
    assert_eq!(out.lines().count(), 1);
    assert!(err.contains("bhyt-120.json"), "{err}");
    assert!(
        err.contains("values.ntm_nang_cao.14.1") && err.contains("từ 0 đến 100"),
        "{err}"
    );

    let bad = dir.join("hong.json");
    std::fs::write(&bad, "{ \"format\": ").unwrap();
    let (code, _, err) = ntm(&["evaluate", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("hong.json") && err.contains("không phải JSON hợp lệ"),
        "{err}"
    );
    let missing = dir.join("khong-co.json");
    let (code, _, err) = ntm(&["evaluate", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("không đọc được tệp"), "{err}");
}

#[test]
fn bench_runs_on_generated_dossiers() {
    let (code, out, err) = ntm(&[
        "bench",
        "--count",
        "200",
        "--rules",
        "tests/cases/rules/kiem-thu-day-du.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("hồ sơ:") && out.contains("200"), "{out}");
    assert!(out.contains("đánh giá:") && out.contains("ms"), "{out}");
}

#[test]
fn consolidate_prints_targets_and_districts() {
    let (code, out, err) = ntm(&[
        "consolidate",
        "--figures",
        "docs/examples/so-lieu-35.json",
        "docs/examples/ho-so-13306-2024.json",
    ]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["year"], 2024);
    assert_eq!(r["dossiers"], 1);
    let targets = r["targets"].as_array().unwrap();
    let ids: Vec<&str> = targets.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"]);
    let t = |id: &str| targets.iter().find(|t| t["id"] == id).unwrap();
    // Example figures: 62 000 000 đ < 65 000 000 đ; poor households 10 000 → 4 200 = 58 % < 60 %.
    assert_eq!(t("T3")["outcome"], "chua_dat");
    assert_eq!(t("T4")["outcome"], "chua_dat");
    assert_eq!(t("T4")["upper_met"], false);
    assert_eq!(t("T4")["actual"], 58.0);
    // 372 000 / 500 000 = 74,4 % < 75 %; 95,2 % < 95,5 %; 98,1 % ≥ 98 %.
    assert_eq!(t("T5")["outcome"], "chua_dat");
    assert_eq!(t("T7")["outcome"], "chua_dat");
    assert_eq!(t("T9")["outcome"], "dat");
    // The one dossier is not at nâng cao: T2 counts 0 communes.
    assert_eq!(t("T2")["actual"], 0.0);
    let districts = r["districts"].as_array().unwrap();
    assert_eq!(districts.len(), 6);
    let phu_ly = districts.iter().find(|d| d["code"] == "347").unwrap();
    assert_eq!(phu_ly["assessed"], 1);
    assert_eq!(phu_ly["communes"], 4);
    // A thành phố falls under QĐ 320 Phụ lục II (not in the sources): no Phụ lục I conditions.
    assert_eq!(phu_ly["standard"], "phu_luc_2");
    assert_eq!(phu_ly["conditions"].as_array().unwrap().len(), 0);
    assert_eq!(phu_ly["outcome"], "chua_xac_dinh");
    let thanh_liem = districts.iter().find(|d| d["code"] == "351").unwrap();
    assert_eq!(thanh_liem["standard"], "phu_luc_1");
    assert_eq!(thanh_liem["conditions"].as_array().unwrap().len(), 5);
}

#[test]
fn consolidate_without_figures_reports_missing_data() {
    let (code, out, _) = ntm(&["consolidate", "--year", "2024"]);
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    for t in r["targets"].as_array().unwrap() {
        assert_eq!(t["outcome"], "thieu_so_lieu", "{}", t["id"]);
    }
}

#[test]
fn awards_prints_a_verdict_per_candidate_and_form() {
    let lines = |out: &str| -> Vec<serde_json::Value> {
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (code, out, err) = ntm(&["awards", "docs/examples/danh-sach-khen-thuong.json"]);
    assert_eq!(code, 0, "{err}");
    let all = lines(&out);
    // three candidates × six award forms of the plan
    assert_eq!(all.len(), 18);
    let one = |id: &str, award: &str| {
        all.iter()
            .find(|l| l["candidate_id"] == id && l["award"] == award)
            .unwrap()
            .clone()
    };
    let cb = one("cb1", "bang_khen_tinh");
    assert_eq!(cb["verdict"], "du_dieu_kien");
    assert_eq!(cb["proposed"], true);
    assert!(cb["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c.as_str().unwrap().contains("Điều 74 khoản 1 điểm d")));
    // the commune's dossier was not given: its level is unknown
    let x = one("x1", "hcld_hang_ba");
    assert_eq!(x["verdict"], "thieu_thong_tin");
    assert!(x["reason"]
        .as_str()
        .unwrap()
        .contains("Không tìm thấy hồ sơ"));

    // with the dossiers folder the level comes from the evaluated dossier
    let (code, out, err) = ntm(&[
        "awards",
        "--dossiers",
        "docs/examples",
        "docs/examples/danh-sach-khen-thuong.json",
    ]);
    assert_eq!(code, 0, "{err}");
    let x = lines(&out)
        .into_iter()
        .find(|l| l["candidate_id"] == "x1" && l["award"] == "hcld_hang_ba")
        .unwrap();
    assert!(
        !x["reason"]
            .as_str()
            .unwrap()
            .contains("Không tìm thấy hồ sơ"),
        "{x}"
    );

    // a broken register is refused, naming the field
    let dir = std::env::temp_dir().join(format!("ntm-awards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("sai.json");
    std::fs::write(
        &bad,
        r#"{"format":"chung-suc/danh-sach-khen-thuong","version":1,"decision_date":"2025-13-01"}"#,
    )
    .unwrap();
    let (code, _, err) = ntm(&["awards", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("decision_date"), "{err}");
}

/// `evaluate` writes its lines by hand: each must be exactly what serde_json prints for the same
/// value with its keys sorted at every depth — also with text that needs escaping.
#[test]
fn evaluate_lines_are_compact_json_with_sorted_keys() {
    let dir = std::env::temp_dir().join(format!("ntm-cli-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let example = include_str!("../../docs/examples/ho-so-13306-2024.json");
    // another commune name (accepted with a warning) and a file name, both with quotes
    let odd = dir.join("hồ sơ \"lạ\" \\ 1.json");
    std::fs::write(&odd, example.replace("Xã Phù Vân", "Xã \\\"Phù\\\"\\tVân")).unwrap();
    let (code, out, err) = ntm(&[
        "evaluate",
        "docs/examples/ho-so-13306-2024.json",
        "tests/e2e/fixtures/ho-so-chi-tieu-tinh.json",
        odd.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(&serde_json::to_string(&v).unwrap(), line);
    }
    let last: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(last["file"], odd.to_str().unwrap());
    assert_eq!(last["unit_name"], "Xã \"Phù\"\tVân");
    assert!(
        lines[1].contains(r#""kept":["ha_nam_bo_sung/HN.1","#),
        "{}",
        lines[1]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The keys of each JSON output, as docs/cli.md lists them (sorted, as printed).
#[test]
fn outputs_keep_their_documented_keys() {
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let (_, out, err) = ntm(&["evaluate", "docs/examples/ho-so-13306-2024.json"]);
    let line: serde_json::Value = serde_json::from_str(out.lines().next().expect(&err)).unwrap();
    assert_eq!(
        keys(&line),
        [
            "blockers",
            "file",
            "indicators",
            "level",
            "next_level",
            "rules",
            "sets",
            "unit_code",
            "unit_name",
            "year"
        ]
    );
    let (_, out, err) = ntm(&["consolidate", "docs/examples/ho-so-13306-2024.json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect(&err);
    assert_eq!(
        keys(&doc),
        [
            "districts",
            "dossiers",
            "duplicates",
            "levels",
            "refused",
            "rules",
            "targets",
            "year"
        ]
    );
    assert_eq!(
        keys(&doc["targets"][0]),
        [
            "actual",
            "gap",
            "id",
            "name",
            "outcome",
            "target",
            "upper",
            "upper_met"
        ]
    );
    assert_eq!(
        keys(&doc["districts"][0]),
        [
            "assessed",
            "code",
            "communes",
            "conditions",
            "kieu_mau",
            "missing",
            "name",
            "nang_cao",
            "ntm",
            "outcome",
            "standard"
        ]
    );
    let huyen = doc["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["standard"] == "phu_luc_1")
        .unwrap();
    assert_eq!(keys(&huyen["conditions"][0]), ["code", "outcome", "value"]);
    let (_, out, err) = ntm(&["awards", "docs/examples/danh-sach-khen-thuong.json"]);
    let line: serde_json::Value = serde_json::from_str(out.lines().next().expect(&err)).unwrap();
    assert_eq!(
        keys(&line),
        [
            "award",
            "candidate_id",
            "citations",
            "money_vnd",
            "proposed",
            "reason",
            "regime",
            "verdict"
        ]
    );
}

#[test]
fn rules_checks_a_province_file_as_the_app_reads_it() {
    let (code, out, err) = ntm(&["rules", "tests/e2e/fixtures/bo-tieu-chi-trien-khai.json"]);
    assert_eq!(code, 0, "{err}");
    let fields: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(fields[0], "trien-khai-thu-nghiem");
    assert!(fields[1].starts_with("sha256:"));
    assert_eq!(fields[2], "Bộ tiêu chí thử nghiệm của đơn vị triển khai");
    // A threshold outside its kind's range: refused, the message names the indicator.
    let bad = std::env::temp_dir().join("ntm-rules-ty-le-120.json");
    std::fs::write(
        &bad,
        r#"{"format":"chung-suc/rules","version":1,"id":"x","title":"x","sets":[{"id":"ntm","criteria":[{"code":"2","indicators":[{"code":"2.1","threshold":120}]}]}]}"#,
    )
    .unwrap();
    let (code, out, err) = ntm(&["rules", bad.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("Lỗi: "), "{err}");
    assert!(
        err.contains("indicators[2.1].threshold") && err.contains("100"),
        "{err}"
    );
}

#[test]
fn unknown_codes_are_evaluated_around_with_a_warning() {
    // A dossier with values of a province's own set and indicator, whose rules are not given.
    let fixture = "tests/e2e/fixtures/ho-so-chi-tieu-tinh.json";
    let (code, out, err) = ntm(&["evaluate", fixture]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(
        r["kept"],
        serde_json::json!(["ha_nam_bo_sung/HN.1", "ha_nam_bo_sung/HN.2", "ntm/19.9"])
    );
    assert!(
        err.starts_with(&format!("Cảnh báo: {fixture}: 3 chỉ tiêu không có trong bộ tiêu chí đang dùng — nạp bộ tiêu chí của tỉnh")),
        "{err}"
    );
    // Never counted: the verdict is the one of the same dossier without them.
    let (_, plain, _) = ntm(&["evaluate", "docs/examples/ho-so-13306-2024.json"]);
    let p: serde_json::Value = serde_json::from_str(plain.lines().next().unwrap()).unwrap();
    for key in ["level", "sets", "indicators", "blockers"] {
        assert_eq!(r[key], p[key], "{key}");
    }
    assert!(
        p.get("kept").is_none(),
        "no kept field when nothing is kept"
    );

    let (code, out, err) = ntm(&["consolidate", fixture]);
    assert_eq!(code, 0, "{err}");
    let c: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(c["dossiers"], 1);
    assert_eq!(c["refused"], serde_json::json!([]));
    assert!(err.contains("nạp bộ tiêu chí của tỉnh"), "{err}");
}

#[test]
fn an_empty_dossier_file_is_called_empty() {
    let (code, _, err) = ntm(&["evaluate", "tests/e2e/fixtures/rong.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("tests/e2e/fixtures/rong.json: Tệp rỗng"),
        "{err}"
    );
}
