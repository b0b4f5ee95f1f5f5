use super::*;

// Fixed samples of records as older builds wrote them (tests/e2e/fixtures/storage/).
const DRAFT_V1: &str = include_str!("../../../tests/e2e/fixtures/storage/draft-schema-1.json");
const DRAFT_V0: &str = include_str!("../../../tests/e2e/fixtures/storage/draft-schema-0.json");
const RULES_V1: &str = include_str!("../../../tests/e2e/fixtures/storage/rules-schema-1.json");
const REGISTERED_V1: &str =
    include_str!("../../../tests/e2e/fixtures/storage/registered-schema-1.json");
const FUTURE: &str = include_str!("../../../tests/e2e/fixtures/storage/draft-schema-9.json");
const CORRUPT: &str = include_str!("../../../tests/e2e/fixtures/storage/draft-hong.txt");

#[test]
fn keys_name_their_kind() {
    assert_eq!(
        Kind::of_key("chung-suc:draft:13306-2024"),
        Some(Kind::Draft)
    );
    assert_eq!(Kind::of_key("chung-suc:draft:"), None);
    assert_eq!(Kind::of_key("chung-suc:figures:35"), Some(Kind::Figures));
    assert_eq!(
        Kind::of_key("chung-suc:figures-unit"),
        Some(Kind::FiguresUnit)
    );
    assert_eq!(
        Kind::of_key("chung-suc:consolidation"),
        Some(Kind::Consolidation)
    );
    assert_eq!(
        Kind::of_key("chung-suc:consolidation:khong-doc-duoc"),
        Some(Kind::Unreadable)
    );
    assert_eq!(
        Kind::of_key("chung-suc:khong-doc-duoc:1:chung-suc:draft:x"),
        Some(Kind::Unreadable)
    );
    assert_eq!(Kind::of_key("other-app:thing"), None);
    assert_eq!(Kind::of_key("chung-suc:unknown"), None);
}

#[test]
fn a_schema_1_draft_is_migrated_with_every_value() {
    let (d, meta): (Draft, Meta) = decode(DRAFT_V1).unwrap();
    assert_eq!(meta.schema, 1);
    assert_eq!(meta.rev, 0);
    assert_eq!(meta.by, "");
    assert_eq!(d.id, "13306-2024");
    assert_eq!(d.name, "Tự đánh giá Xã Phù Vân năm 2024");
    assert_eq!(d.dossier.unit.code.to_string(), "13306");
    assert_eq!(d.dossier.year, 2024);
    assert_eq!(
        d.raw.get("ntm_nang_cao/14.2").map(String::as_str),
        Some("khoảng 90")
    );
    assert_eq!(
        d.dossier.value("ntm_nang_cao", "14.1"),
        Some(crate::Value::Number(95.5))
    );
    assert_eq!(
        d.dossier.evidence["ntm"].get("1.1").map(String::as_str),
        Some("QĐ số 15/QĐ-UBND")
    );
    // Written back at the current layout, it reads the same, at the new revision.
    let text = encode(&d, 1, "t-a");
    let (again, meta): (Draft, Meta) = decode(&text).unwrap();
    assert_eq!(again, d);
    assert_eq!(
        meta,
        Meta {
            schema: SCHEMA,
            rev: 1,
            by: "t-a".into()
        }
    );
}

#[test]
fn a_record_without_envelope_is_version_0() {
    let (d, meta): (Draft, Meta) = decode(DRAFT_V0).unwrap();
    assert_eq!(meta.schema, 0);
    assert_eq!(meta.rev, 0);
    assert_eq!(d.dossier.unit.code.to_string(), "13426");
    assert_eq!(d.raw.get("ntm/15.1").map(String::as_str), Some("96,2"));
}

#[test]
fn other_schema_1_records_are_migrated() {
    let (r, meta): (StoredRules, Meta) = decode(RULES_V1).unwrap();
    assert_eq!(meta.schema, 1);
    assert_eq!(r.file_name, "bo-tieu-chi-ha-nam.json");
    assert!(!r.edited, "records of older builds have no `edited`: false");
    assert!(crate::RulesFile::parse(&r.text).is_ok());
    let (reg, _): (StoredRegistered, Meta) = decode(REGISTERED_V1).unwrap();
    assert_eq!(reg.items.len(), 1);
    assert_eq!(reg.items[0].registrant, "Xã Phù Vân");
}

#[test]
fn unreadable_records_say_why() {
    let e = decode::<Draft>(FUTURE).unwrap_err();
    assert!(e.problem.contains("phiên bản mới hơn"), "{e}");
    assert!(e.problem.contains("lược đồ 9"), "{e}");
    let e = decode::<Draft>(CORRUPT).unwrap_err();
    assert!(
        e.problem.starts_with("không phải JSON hợp lệ (dòng "),
        "{e}"
    );
    let e = decode::<Draft>(&DRAFT_V1.replace("1795965385248.0", "\"hôm qua\"")).unwrap_err();
    assert_eq!(e.field, "saved_at");
    assert_eq!(e.problem, "sai kiểu dữ liệu");
    let e = decode::<Draft>(&DRAFT_V1.replace(r#""year":2024"#, r#""nam":2024"#)).unwrap_err();
    // The object lacking it is not found afterwards (see `structure`): the field's own name.
    assert_eq!(e.field, "year");
    assert_eq!(e.problem, "thiếu trường bắt buộc");
    assert_eq!(e.to_string(), "trường “year”: thiếu trường bắt buộc");
    // A wrong value deep inside is found in the tree with its whole path.
    let e = decode::<Draft>(&DRAFT_V1.replace(r#""code":"13306""#, r#""code":13306"#)).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.problem.as_str()),
        ("dossier.unit.code", "sai kiểu dữ liệu")
    );
    // Two values alike: no guess, the record as a whole.
    // (`"1.1":true` is in the draft's values already.)
    let e = decode::<Draft>(&DRAFT_V1.replace(r#""code":"13306""#, r#""code":true"#)).unwrap_err();
    assert_eq!(e.field, "");
    let e = decode::<Draft>(r#"{"schema":"1"}"#).unwrap_err();
    assert_eq!(e.field, "schema");
    let e = decode::<Draft>("[1,2]").unwrap_err();
    assert_eq!(e.problem, "không phải một đối tượng JSON");
}

#[test]
fn a_migration_that_cannot_apply_fails() {
    // A "version 1" record carrying a revision was not written by version 1.
    let text = DRAFT_V1.replace(r#""schema":1"#, r#""schema":1,"rev":4"#);
    let e = decode::<Draft>(&text).unwrap_err();
    assert_eq!(e.field, "rev");
    let e = decode::<Draft>(r#"{"schema":2,"rev":-1}"#).unwrap_err();
    assert_eq!(e.field, "rev");
}

#[test]
fn peek_reads_only_the_envelope() {
    assert_eq!(peek(DRAFT_V1).unwrap().rev, 0);
    let d: Draft = decode(DRAFT_V1).unwrap().0;
    let meta = peek(&encode(&d, 7, "t-b")).unwrap();
    assert_eq!((meta.schema, meta.rev, meta.by.as_str()), (2, 7, "t-b"));
    assert!(peek(FUTURE).is_err());
    assert!(peek(CORRUPT).is_err());
}

#[test]
fn check_refuses_a_figures_record_under_another_unit() {
    let v: Json = serde_json::from_str(
        r#"{"schema":2,"rev":1,"saved_at":1,"figures":{"format":"chung-suc/figures","version":1,"unit_code":"347","unit_name":"Thành phố Phủ Lý","years":{}}}"#,
    )
    .unwrap();
    assert!(check(Kind::Figures, "chung-suc:figures:347", &v).is_ok());
    let e = check(Kind::Figures, "chung-suc:figures:35", &v).unwrap_err();
    assert_eq!(e.field, "figures.unit_code");
}
