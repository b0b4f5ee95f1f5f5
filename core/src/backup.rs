//! The backup file (tệp sao lưu): every record the app keeps in one browser, in one file, to
//! restore on the same machine or another. What a restore would add or replace is worked out
//! here ([`plan`]) so the app can show it before anything changes.
//! Format reference: docs/backup-format.md.

use crate::envelope::Envelope;
use crate::error::{FieldPath, InputError};
use crate::storage::{self, Exported, Kind};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap};

pub const FORMAT: &str = "chung-suc/sao-luu";
pub const VERSION: u32 = 1;
/// Largest backup file a restore reads (checked before reading).
pub const MAX_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

const ENVELOPE: Envelope = Envelope {
    format: FORMAT,
    version: VERSION,
    what: "tệp sao lưu của Chung Sức",
    fields: Some(&["format", "version", "created_at", "app_schema", "records"]),
};

/// One stored record: its localStorage key and its value (the stored JSON, envelope included).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub key: String,
    pub value: Json,
}

/// A backup: when it was made, the record layout of the app that made it, and the records.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// ISO 8601 time the backup was made.
    pub created_at: String,
    pub app_schema: u64,
    pub records: Vec<Record>,
}

impl Backup {
    /// A backup of `records` (ordered by key, so two backups of the same data are the same file).
    pub fn new(created_at: impl Into<String>, mut records: Vec<Record>) -> Backup {
        records.sort_by(|a, b| a.key.cmp(&b.key));
        Backup {
            created_at: created_at.into(),
            app_schema: storage::SCHEMA,
            records,
        }
    }

    /// The file's text: the envelope on its own lines, then one record per line.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(
            256 + self.records.iter().map(|r| r.key.len() + 64).sum::<usize>(),
        );
        out.push_str("{\n");
        out.push_str(&format!("  \"format\": {},\n", Json::from(FORMAT)));
        out.push_str(&format!("  \"version\": {VERSION},\n"));
        out.push_str(&format!(
            "  \"created_at\": {},\n",
            Json::from(self.created_at.as_str())
        ));
        out.push_str(&format!("  \"app_schema\": {},\n", self.app_schema));
        out.push_str("  \"records\": [");
        for (i, r) in self.records.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            out.push_str(&serde_json::to_string(r).expect("records serialise"));
        }
        out.push_str(if self.records.is_empty() {
            "]\n"
        } else {
            "\n  ]\n"
        });
        out.push_str("}\n");
        out
    }

    /// Reads and checks a backup file: its envelope, and every record as the app would read it.
    /// The first problem found is returned, naming the field (`records[3].value.saved_at`).
    pub fn parse(text: &str) -> Result<Backup, InputError> {
        let root = ENVELOPE.open(text)?;
        let root = root.as_object().expect("the envelope checked an object");
        let created_at = root
            .get("created_at")
            .and_then(Json::as_str)
            .ok_or_else(|| InputError::new("created_at", "thiếu hoặc không phải chuỗi"))?
            .to_string();
        let app_schema = root
            .get("app_schema")
            .and_then(Json::as_u64)
            .ok_or_else(|| {
                InputError::new("app_schema", "thiếu hoặc không phải số nguyên không âm")
            })?;
        let list = root
            .get("records")
            .and_then(Json::as_array)
            .ok_or_else(|| InputError::new("records", "thiếu hoặc không phải danh sách"))?;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut records = Vec::with_capacity(list.len());
        for (i, r) in list.iter().enumerate() {
            let at = FieldPath::from("records").index(i);
            let o = r
                .as_object()
                .ok_or_else(|| InputError::new(&at, "không phải đối tượng {key, value}"))?;
            if let Some(k) = o.keys().find(|k| *k != "key" && *k != "value") {
                return Err(InputError::new(
                    at.clone().field(k),
                    "trường không được hỗ trợ",
                ));
            }
            let key = o.get("key").and_then(Json::as_str).ok_or_else(|| {
                InputError::new(at.clone().field("key"), "thiếu hoặc không phải chuỗi")
            })?;
            let kind = Kind::of_key(key).ok_or_else(|| {
                InputError::new(
                    at.clone().field("key"),
                    format!("“{key}” không phải khóa dữ liệu của Chung Sức"),
                )
            })?;
            if let Some(j) = seen.insert(key, i) {
                return Err(InputError::new(
                    at.clone().field("key"),
                    format!("“{key}” trùng với records[{j}]"),
                ));
            }
            let value = o
                .get("value")
                .ok_or_else(|| InputError::new(at.clone().field("value"), "thiếu"))?;
            storage::check(kind, key, value).map_err(|e| {
                let field = at.clone().field("value").join(&e.field);
                InputError::new(
                    field,
                    format!("{} ({})", e.problem, storage::describe(kind, key, value)),
                )
            })?;
            records.push(Record {
                key: key.to_string(),
                value: value.clone(),
            });
        }
        Ok(Backup {
            created_at,
            app_schema,
            records,
        })
    }
}

/// What restoring a record does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing is stored under its key on this machine.
    Add,
    /// This machine has a different record under the key: the backup's takes its place.
    Replace,
    /// This machine has the same record (revisions aside): nothing to do.
    Same,
    /// The export times: the later of the two for each draft.
    Merge,
    /// A setting of this browser that it already has: kept.
    KeepLocal,
}

/// One record of the backup and what restoring it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub key: String,
    pub kind: Kind,
    /// How the summary names it: a draft's name, else [`storage::describe`].
    pub name: String,
    pub action: Action,
    /// The last change of the record on this machine and in the backup (`saved_at`).
    pub local_saved_at: Option<f64>,
    pub backup_saved_at: Option<f64>,
}

/// What restoring a backup would do, record by record (the backup's order).
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
}

/// A record's own fields, its envelope (version, revision, writer) left out.
fn content(v: &Json) -> Json {
    match storage::upgrade(v.clone()) {
        Ok((fields, _)) => Json::Object(fields),
        Err(_) => v.clone(),
    }
}

fn exported_of(v: &Json) -> Exported {
    storage::decode_value::<Exported>(v.clone())
        .map(|(e, _)| e)
        .unwrap_or_default()
}

/// The later export time of each draft.
pub fn merge_exported(local: &Exported, backup: &Exported) -> Exported {
    let mut at: BTreeMap<String, f64> = local.at.clone();
    for (id, t) in &backup.at {
        let e = at.entry(id.clone()).or_insert(*t);
        if *t > *e {
            *e = *t;
        }
    }
    Exported { at }
}

/// Compares a backup with the records of this machine (`local`, as stored).
pub fn plan(backup: &Backup, local: &[Record]) -> Plan {
    let here: HashMap<&str, &Json> = local.iter().map(|r| (r.key.as_str(), &r.value)).collect();
    let steps = backup
        .records
        .iter()
        .filter_map(|r| {
            let kind = Kind::of_key(&r.key)?;
            let name = match kind {
                Kind::Draft => r
                    .value
                    .get("name")
                    .and_then(Json::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| storage::describe(kind, &r.key, &r.value)),
                _ => storage::describe(kind, &r.key, &r.value),
            };
            let mine = here.get(r.key.as_str()).copied();
            let action = match mine {
                None => Action::Add,
                Some(m) if content(m) == content(&r.value) => Action::Same,
                Some(_) if kind.is_setting() => Action::KeepLocal,
                Some(m) if kind == Kind::Exported => {
                    let mine = exported_of(m);
                    if merge_exported(&mine, &exported_of(&r.value)) == mine {
                        Action::Same
                    } else {
                        Action::Merge
                    }
                }
                Some(_) => Action::Replace,
            };
            Some(Step {
                key: r.key.clone(),
                kind,
                name,
                action,
                local_saved_at: mine.and_then(storage::saved_at),
                backup_saved_at: storage::saved_at(&r.value),
            })
        })
        .collect();
    Plan { steps }
}

/// The order the summary lists kinds in.
const ORDER: [Kind; 8] = [
    Kind::Draft,
    Kind::Rules,
    Kind::Consolidation,
    Kind::Figures,
    Kind::Registered,
    Kind::DistrictInputs,
    Kind::Nominations,
    Kind::Unreadable,
];

impl Plan {
    /// Records a restore would write (added, replaced or merged).
    pub fn changes(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s.action, Action::Add | Action::Replace | Action::Merge))
            .count()
    }

    fn count(&self, action: Action) -> usize {
        self.steps.iter().filter(|s| s.action == action).count()
    }

    /// What a restore would do, in Vietnamese sentences, one per line; `time` writes a
    /// `saved_at` ("30/11/2025 09:15").
    pub fn summary(&self, time: &dyn Fn(f64) -> String) -> Vec<String> {
        let mut lines = Vec::new();
        for kind in ORDER {
            let of = |a: Action| -> Vec<&Step> {
                self.steps
                    .iter()
                    .filter(|s| s.kind == kind && s.action == a)
                    .collect()
            };
            let added = of(Action::Add);
            if !added.is_empty() {
                lines.push(match kind {
                    Kind::Draft => format!("Thêm {} hồ sơ nháp: {}.", added.len(), quoted(&added)),
                    Kind::Figures => format!(
                        "Thêm {}.",
                        added
                            .iter()
                            .map(|s| s.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Kind::Unreadable => format!(
                        "Thêm {} bản ghi không đọc được (được giữ riêng như trên máy đã sao lưu).",
                        added.len()
                    ),
                    _ => format!("Thêm {}.", kind.label()),
                });
            }
            for s in of(Action::Replace) {
                let what = match kind {
                    Kind::Draft => format!("hồ sơ nháp “{}”", s.name),
                    _ => s.name.clone(),
                };
                let when = match (s.local_saved_at, s.backup_saved_at) {
                    (Some(l), Some(b)) => {
                        let newer = if l > b {
                            " — bản trên máy mới hơn bản sao lưu"
                        } else {
                            ""
                        };
                        format!(
                            " (bản trên máy sửa lúc {}, bản sao lưu sửa lúc {}){newer}",
                            time(l),
                            time(b)
                        )
                    }
                    _ => String::new(),
                };
                lines.push(format!("Thay {what}{when}."));
            }
        }
        let same = self.count(Action::Same);
        if same > 0 {
            lines.push(format!(
                "{same} bản ghi giống hệt dữ liệu trên máy: giữ nguyên."
            ));
        }
        if self.changes() == 0 {
            lines.insert(
                0,
                "Tệp sao lưu không có gì khác dữ liệu trên máy này.".into(),
            );
        }
        lines.push("Dữ liệu trên máy không có trong tệp sao lưu được giữ nguyên.".into());
        lines
    }
}

fn quoted(steps: &[&Step]) -> String {
    steps
        .iter()
        .map(|s| format!("“{}”", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{Draft, SCHEMA};

    const DRAFT_V1: &str = include_str!("../../tests/e2e/fixtures/storage/draft-schema-1.json");
    const DRAFT_V0: &str = include_str!("../../tests/e2e/fixtures/storage/draft-schema-0.json");
    const RULES_V1: &str = include_str!("../../tests/e2e/fixtures/storage/rules-schema-1.json");
    const BROKEN: &str = include_str!("../../tests/e2e/fixtures/storage/sao-luu-hong.json");

    fn json(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    fn sample() -> Backup {
        Backup::new(
            "2025-11-30T02:15:00.000Z",
            vec![
                Record {
                    key: "chung-suc:rules".into(),
                    value: json(RULES_V1),
                },
                Record {
                    key: "chung-suc:draft:13306-2024".into(),
                    value: json(DRAFT_V1),
                },
                Record {
                    key: "chung-suc:draft:13426-2023".into(),
                    value: json(DRAFT_V0),
                },
                Record {
                    key: "chung-suc:exported".into(),
                    value: json(r#"{"schema":2,"rev":3,"at":{"13306-2024":1795965000000}}"#),
                },
                Record {
                    key: "chung-suc:open".into(),
                    value: json(r#"{"schema":2,"rev":1,"id":"13306-2024"}"#),
                },
            ],
        )
    }

    #[test]
    fn a_backup_reads_back_as_written() {
        let b = sample();
        let text = b.to_json();
        assert!(text.starts_with("{\n  \"format\": \"chung-suc/sao-luu\",\n  \"version\": 1,"));
        let again = Backup::parse(&text).unwrap();
        assert_eq!(again, b);
        assert_eq!(again.app_schema, SCHEMA);
        assert_eq!(again.records[0].key, "chung-suc:draft:13306-2024");
        // An empty backup is a valid file too.
        let empty = Backup::new("2025-11-30T02:15:00.000Z", vec![]);
        assert_eq!(Backup::parse(&empty.to_json()).unwrap(), empty);
        // A byte-order mark from a Windows editor is accepted.
        assert!(Backup::parse(&format!("\u{feff}{text}")).is_ok());
    }

    fn error(text: &str) -> InputError {
        Backup::parse(text).unwrap_err()
    }

    #[test]
    fn invalid_files_name_the_field_and_problem() {
        let e = error(r#"{"format":"chung-suc/dossier","version":1}"#);
        assert_eq!(e.field, "format");
        assert!(e.problem.contains("tệp sao lưu"), "{e}");
        let e = error(r#"{"format":"chung-suc/sao-luu","version":2}"#);
        assert_eq!(e.field, "version");
        let e =
            error(r#"{"format":"chung-suc/sao-luu","version":1,"created_at":"x","app_schema":2}"#);
        assert_eq!(e.field, "records");
        let e = error(
            r#"{"format":"chung-suc/sao-luu","version":1,"created_at":"x","app_schema":2,"records":[],"extra":1}"#,
        );
        assert_eq!(e.field, "extra");
        let e = error(
            r#"{"format":"chung-suc/sao-luu","version":1,"created_at":"x","app_schema":2,"records":[{"key":"other:x","value":{}}]}"#,
        );
        assert_eq!(e.field, "records[0].key");
        assert!(e.problem.contains("không phải khóa dữ liệu"), "{e}");
        let dup = format!(
            r#"{{"format":"chung-suc/sao-luu","version":1,"created_at":"x","app_schema":2,"records":[{{"key":"chung-suc:rules","value":{RULES_V1}}},{{"key":"chung-suc:rules","value":{RULES_V1}}}]}}"#
        );
        let e = error(&dup);
        assert_eq!(e.field, "records[1].key");
        assert!(e.problem.contains("trùng với records[0]"), "{e}");
        assert!(error("{\"format\":")
            .problem
            .contains("không phải JSON hợp lệ"));
    }

    #[test]
    fn a_broken_record_in_the_fixed_sample_is_named() {
        let e = error(BROKEN);
        assert_eq!(e.field, "records[1].value.dossier.year");
        assert!(
            e.problem
                .contains("hồ sơ nháp “Tự đánh giá Xã Kim Bình năm 2023”"),
            "{e}"
        );
        assert_eq!(
            e.to_string(),
            format!("Trường “records[1].value.dossier.year”: {}", e.problem)
        );
    }

    #[test]
    fn a_record_of_a_newer_app_is_refused() {
        let future = include_str!("../../tests/e2e/fixtures/storage/draft-schema-9.json");
        let text = format!(
            r#"{{"format":"chung-suc/sao-luu","version":1,"created_at":"x","app_schema":9,"records":[{{"key":"chung-suc:draft:a","value":{future}}}]}}"#
        );
        let e = error(&text);
        assert_eq!(e.field, "records[0].value");
        assert!(e.problem.contains("phiên bản mới hơn"), "{e}");
    }

    fn time(ms: f64) -> String {
        format!("t{}", ms / 1000.0)
    }

    #[test]
    fn the_plan_lists_what_is_added_and_replaced() {
        let b = sample();
        // This machine: the same rules (another revision), a different 13306-2024 changed later,
        // its own open draft and older export times.
        let (mut d, _): (Draft, _) = storage::decode(DRAFT_V1).unwrap();
        d.name = "Bản trên máy".into();
        d.saved_at = 1_795_966_000_000.0;
        let local = vec![
            Record {
                key: "chung-suc:draft:13306-2024".into(),
                value: json(&storage::encode(&d, 5, "t-x")),
            },
            Record {
                key: "chung-suc:rules".into(),
                value: {
                    let (fields, _) = storage::upgrade(json(RULES_V1)).unwrap();
                    json(&storage::encode_fields(fields, 9, "t-x"))
                },
            },
            Record {
                key: "chung-suc:open".into(),
                value: json(r#"{"schema":2,"rev":4,"id":"13426-2023"}"#),
            },
            Record {
                key: "chung-suc:exported".into(),
                value: json(r#"{"schema":2,"rev":1,"at":{"13306-2024":1000}}"#),
            },
        ];
        let p = plan(&b, &local);
        let action = |k: &str| p.steps.iter().find(|s| s.key == k).unwrap().action;
        assert_eq!(action("chung-suc:draft:13306-2024"), Action::Replace);
        assert_eq!(action("chung-suc:draft:13426-2023"), Action::Add);
        assert_eq!(action("chung-suc:rules"), Action::Same);
        assert_eq!(action("chung-suc:open"), Action::KeepLocal);
        assert_eq!(action("chung-suc:exported"), Action::Merge);
        assert_eq!(p.changes(), 3);
        assert_eq!(
            p.summary(&time),
            vec![
                "Thêm 1 hồ sơ nháp: “Tự đánh giá Xã Kim Bình năm 2023”.".to_string(),
                "Thay hồ sơ nháp “Tự đánh giá Xã Phù Vân năm 2024” (bản trên máy sửa lúc t1795966000, bản sao lưu sửa lúc t1795965385.248) — bản trên máy mới hơn bản sao lưu.".into(),
                "1 bản ghi giống hệt dữ liệu trên máy: giữ nguyên.".into(),
                "Dữ liệu trên máy không có trong tệp sao lưu được giữ nguyên.".into(),
            ]
        );
        // On an empty machine everything is added.
        let fresh = plan(&b, &[]);
        assert!(fresh.steps.iter().all(|s| s.action == Action::Add));
        let lines = fresh.summary(&time);
        assert_eq!(lines[0], "Thêm 2 hồ sơ nháp: “Tự đánh giá Xã Phù Vân năm 2024”, “Tự đánh giá Xã Kim Bình năm 2023”.");
        assert_eq!(lines[1], "Thêm bộ tiêu chí của tỉnh.");
        // Restoring the same backup again changes nothing.
        let again = plan(&b, &b.records);
        assert_eq!(again.changes(), 0);
        assert_eq!(
            again.summary(&time)[0],
            "Tệp sao lưu không có gì khác dữ liệu trên máy này."
        );
    }

    #[test]
    fn export_times_merge_to_the_later() {
        let mine = Exported {
            at: [("a".to_string(), 5.0), ("b".to_string(), 9.0)].into(),
        };
        let theirs = Exported {
            at: [("a".to_string(), 7.0), ("c".to_string(), 1.0)].into(),
        };
        let m = merge_exported(&mine, &theirs);
        assert_eq!(m.at["a"], 7.0);
        assert_eq!(m.at["b"], 9.0);
        assert_eq!(m.at["c"], 1.0);
    }
}
