//! The records the browser app keeps in localStorage: their keys, the envelope every record
//! carries (`schema`, `rev`, `by`) and the migrations that read records written by older
//! versions of the app. Pure JSON: the app's `store.rs` does the reading and writing.
//!
//! Layout versions (`schema`):
//! - **0** — no `schema` field: the record's fields alone, as the app wrote them before records
//!   carried a version (and as a record typed by hand looks). Read as version 1.
//! - **1** — `schema: 1` beside the record's fields (builds up to the offline work of issue 4).
//! - **2** — adds `rev`, the record's revision (1 on its first write, +1 on each write), and
//!   `by`, the id of the tab that wrote it, so two tabs never overwrite each other's newer work
//!   silently. A record of version 0 or 1 is read as revision 0 by no tab.
//!
//! A record that cannot be read (not JSON, a version newer than this build, a structure that
//! does not fit) is never deleted: the app moves it under [`UNREADABLE_PREFIX`].

use crate::dossier::Dossier;
use crate::error::{FieldPath, SerdeKind, SerdeMessage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;
use std::fmt;

/// Version of the stored record layout (not of the dossier format, which has its own).
pub const SCHEMA: u64 = 2;

pub const PREFIX: &str = "chung-suc:";
pub const DRAFT_PREFIX: &str = "chung-suc:draft:";
pub const OPEN_KEY: &str = "chung-suc:open";
pub const RULES_KEY: &str = "chung-suc:rules";
pub const CONSOLIDATION_KEY: &str = "chung-suc:consolidation";
/// Where the Tổng hợp page sets aside a stored consolidation it cannot read.
pub const CONSOLIDATION_ASIDE_KEY: &str = "chung-suc:consolidation:khong-doc-duoc";
pub const FIGURES_PREFIX: &str = "chung-suc:figures:";
pub const FIGURES_UNIT_KEY: &str = "chung-suc:figures-unit";
pub const REGISTERED_KEY: &str = "chung-suc:registered";
pub const DISTRICT_INPUTS_KEY: &str = "chung-suc:district-inputs";
pub const NOMINATIONS_KEY: &str = "chung-suc:nominations";
pub const EXPORTED_KEY: &str = "chung-suc:exported";
/// Records that could not be read, kept aside: `chung-suc:khong-doc-duoc:<ms>:<original key>`.
pub const UNREADABLE_PREFIX: &str = "chung-suc:khong-doc-duoc:";

/// What a stored record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Draft,
    Rules,
    Consolidation,
    Figures,
    Registered,
    DistrictInputs,
    Nominations,
    /// The draft that was open (a setting of this browser).
    OpenDraft,
    /// The unit last shown on the targets page (a setting of this browser).
    FiguresUnit,
    /// When each draft was last exported.
    Exported,
    /// A record kept aside because it could not be read.
    Unreadable,
}

impl Kind {
    /// The kind of the record stored under `key`; `None` for keys that are not the app's.
    pub fn of_key(key: &str) -> Option<Kind> {
        let non_empty = |rest: &str| !rest.is_empty();
        Some(match key {
            OPEN_KEY => Kind::OpenDraft,
            RULES_KEY => Kind::Rules,
            CONSOLIDATION_KEY => Kind::Consolidation,
            CONSOLIDATION_ASIDE_KEY => Kind::Unreadable,
            FIGURES_UNIT_KEY => Kind::FiguresUnit,
            REGISTERED_KEY => Kind::Registered,
            DISTRICT_INPUTS_KEY => Kind::DistrictInputs,
            NOMINATIONS_KEY => Kind::Nominations,
            EXPORTED_KEY => Kind::Exported,
            _ => {
                if key.strip_prefix(DRAFT_PREFIX).is_some_and(non_empty) {
                    Kind::Draft
                } else if key.strip_prefix(FIGURES_PREFIX).is_some_and(non_empty) {
                    Kind::Figures
                } else if key.strip_prefix(UNREADABLE_PREFIX).is_some_and(non_empty) {
                    Kind::Unreadable
                } else {
                    return None;
                }
            }
        })
    }

    /// What the record is, in Vietnamese ("hồ sơ nháp").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Draft => "hồ sơ nháp",
            Kind::Rules => "bộ tiêu chí của tỉnh",
            Kind::Consolidation => "bảng tổng hợp hồ sơ",
            Kind::Figures => "số liệu tổng hợp",
            Kind::Registered => "danh sách chỉ tiêu đăng ký thi đua",
            Kind::DistrictInputs => "số liệu cấp huyện (trang Tổng hợp)",
            Kind::Nominations => "danh sách đề nghị khen thưởng",
            Kind::OpenDraft => "hồ sơ đang mở",
            Kind::FiguresUnit => "đơn vị đang xem ở trang Mục tiêu",
            Kind::Exported => "thời điểm xuất hồ sơ",
            Kind::Unreadable => "dữ liệu không đọc được",
        }
    }

    /// Settings of one browser: restored only where the other machine has none.
    pub fn is_setting(self) -> bool {
        matches!(self, Kind::OpenDraft | Kind::FiguresUnit)
    }
}

// ---- the records -----------------------------------------------------------------------------

/// A commune's working copy of its self-assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub name: String,
    /// Milliseconds since 1970 (Date.now()) of the last successful write.
    pub saved_at: f64,
    pub dossier: Dossier,
    /// The text as typed in each field ("ntm/15.1", "cond/xdcb_debt_vnd", "ev/ntm/1.1"), so
    /// invalid text survives a reload even though it is never stored as a number.
    #[serde(default)]
    pub raw: BTreeMap<String, String>,
}

/// The draft that was open when the page was last used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenDraft {
    pub id: String,
}

/// The province's rules file (imported, edited on the rules page, or both), kept as its JSON
/// text so it is re-checked on every start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRules {
    /// Name of the imported file; empty when the edits started from the built-in rules.
    pub file_name: String,
    pub saved_at: f64,
    pub text: String,
    /// Edited on the rules page since it was imported (records of older builds: `false`).
    #[serde(default)]
    pub edited: bool,
}

/// The figures form of one unit (province or district), with the text as typed in each field
/// ("2025/poor_households"), so invalid text survives a reload without being counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredFigures {
    pub saved_at: f64,
    pub figures: crate::figures::Figures,
    #[serde(default)]
    pub raw: BTreeMap<String, String>,
}

/// The unit last chosen on the targets page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FiguresUnit {
    pub unit_code: String,
}

/// The registered targets (đăng ký thi đua) kept in this browser.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredRegistered {
    pub saved_at: f64,
    pub items: Vec<crate::registered::RegisteredTarget>,
}

/// The values districts enter on the Tổng hợp page (QĐ 320 H.0.3, H.0.4), as typed, keyed
/// "district/year/indicator" ("347/2024/H.0.4"), so invalid text survives a reload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredDistrictInputs {
    pub saved_at: f64,
    #[serde(default)]
    pub raw: BTreeMap<String, String>,
}

/// The nomination register kept in this browser (the same document its JSON export holds).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredNominations {
    pub saved_at: f64,
    pub register: crate::nominations::Register,
}

/// When each draft (by id) was last exported (JSON, CSV, print or a backup).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Exported {
    #[serde(default)]
    pub at: BTreeMap<String, f64>,
}

/// A record kept aside: its key, why it could not be read, when, and its text unchanged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unreadable {
    pub key: String,
    pub reason: String,
    pub at: f64,
    pub text: String,
}

// ---- envelope and migrations -----------------------------------------------------------------

/// What the envelope of a stored record says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The layout version the record was written with (0 = none written).
    pub schema: u64,
    /// Revision: 0 for records written before revisions existed.
    pub rev: u64,
    /// The tab that wrote it ("" when unknown).
    pub by: String,
}

/// Why a record cannot be read: the field at fault (empty: the whole record) and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    pub field: FieldPath,
    pub problem: String,
}

impl RecordError {
    fn whole(problem: impl Into<String>) -> Self {
        RecordError {
            field: FieldPath::root(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "trường “{}”: {}", self.field, self.problem)
        }
    }
}

impl From<RecordError> for String {
    fn from(e: RecordError) -> String {
        e.to_string()
    }
}

/// Version 0 → 1: the record had no envelope; its fields are the record. Only the version is
/// added.
fn migrate_0_to_1(record: &mut Map<String, Json>) {
    record.insert("schema".into(), Json::from(1u64));
}

/// Version 1 → 2: revisions. A record written before them is revision 0, by no known tab.
fn migrate_1_to_2(record: &mut Map<String, Json>) -> Result<(), RecordError> {
    for field in ["rev", "by"] {
        if record.contains_key(field) {
            // No record of version 1 has these: a record that does is not what it says it is.
            return Err(RecordError {
                field: field.into(),
                problem: "không có trong lược đồ 1 — bản ghi không đúng phiên bản đã ghi".into(),
            });
        }
    }
    record.insert("schema".into(), Json::from(2u64));
    record.insert("rev".into(), Json::from(0u64));
    Ok(())
}

/// Brings a stored record to the current layout and takes its envelope off: the record's own
/// fields and what the envelope said.
pub fn upgrade(value: Json) -> Result<(Map<String, Json>, Meta), RecordError> {
    let Json::Object(mut record) = value else {
        return Err(RecordError::whole("không phải một đối tượng JSON"));
    };
    let schema = match record.get("schema") {
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| RecordError {
            field: "schema".into(),
            problem: "không phải số nguyên không âm".into(),
        })?,
    };
    if schema > SCHEMA {
        return Err(RecordError::whole(format!(
            "được lưu bởi phiên bản mới hơn của ứng dụng (lược đồ {schema}; phiên bản này đọc tới lược đồ {SCHEMA})"
        )));
    }
    let mut version = schema;
    while version < SCHEMA {
        match version {
            0 => migrate_0_to_1(&mut record),
            1 => migrate_1_to_2(&mut record)?,
            _ => unreachable!("every version below SCHEMA has a migration"),
        }
        version += 1;
    }
    record.remove("schema");
    let rev = match record.remove("rev") {
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| RecordError {
            field: "rev".into(),
            problem: "không phải số nguyên không âm".into(),
        })?,
    };
    let by = match record.remove("by") {
        None => String::new(),
        Some(Json::String(s)) => s,
        Some(_) => {
            return Err(RecordError {
                field: "by".into(),
                problem: "không phải chuỗi".into(),
            })
        }
    };
    Ok((record, Meta { schema, rev, by }))
}

fn parse_json(text: &str) -> Result<Json, RecordError> {
    serde_json::from_str(text).map_err(|e| {
        RecordError::whole(format!(
            "không phải JSON hợp lệ (dòng {}, cột {})",
            e.line(),
            e.column()
        ))
    })
}

/// Reads a stored record of type `T` from its text, migrating older layouts.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<(T, Meta), RecordError> {
    decode_value(parse_json(text)?)
}

/// [`decode`] from an already parsed value.
pub fn decode_value<T: DeserializeOwned>(value: Json) -> Result<(T, Meta), RecordError> {
    let (record, meta) = upgrade(value)?;
    let record = Json::Object(record);
    let payload = T::deserialize(&record).map_err(|e| structure(&record, &e))?;
    Ok((payload, meta))
}

/// serde's words are English: say the problem in Vietnamese and name the field. The path is
/// found afterwards in the record's tree (the one node the error describes), not tracked while
/// reading: a path-tracking deserialiser doubles every stored type's reading code in WASM.
fn structure(record: &Json, e: &serde_json::Error) -> RecordError {
    let text = e.to_string();
    let msg = SerdeMessage::of(&text);
    let (field, problem) = match msg.kind {
        // The object that lacks it cannot be told from the others: the field's own name.
        SerdeKind::MissingField if !msg.quoted.is_empty() => (
            FieldPath::root().field(msg.quoted),
            msg.kind.problem().to_string(),
        ),
        SerdeKind::UnknownVariant => (
            only_node(record, &|v| match v {
                Json::String(s) => *s == msg.quoted,
                Json::Object(o) => o.len() == 1 && o.contains_key(&msg.quoted),
                _ => false,
            }),
            format!("giá trị “{}” không hợp lệ", msg.quoted),
        ),
        SerdeKind::UnknownField => {
            let at = only_node(record, &|v| v.get(&msg.quoted).is_some());
            let at = if at.is_empty() {
                at
            } else {
                at.field(msg.quoted.as_str())
            };
            (at, msg.kind.problem().to_string())
        }
        SerdeKind::WrongType => {
            // "invalid type: string \"x\", expected …": the part before ", expected".
            let found = text.split_once(": ").map_or("", |(_, rest)| {
                rest.split(", expected").next().unwrap_or("")
            });
            (
                only_node(record, &|v| unexpected(v).iter().any(|u| u == found)),
                msg.kind.problem().to_string(),
            )
        }
        SerdeKind::Other => (FieldPath::root(), "không đọc được".to_string()),
        k => (FieldPath::root(), k.problem().to_string()),
    };
    RecordError { field, problem }
}

/// The path of the one node of `tree` that `hit` picks; the root when none or several do.
fn only_node(tree: &Json, hit: &dyn Fn(&Json) -> bool) -> FieldPath {
    fn walk(v: &Json, at: &FieldPath, hit: &dyn Fn(&Json) -> bool, found: &mut Vec<FieldPath>) {
        if found.len() > 1 {
            return;
        }
        if hit(v) {
            found.push(at.clone());
        }
        match v {
            Json::Object(o) => o
                .iter()
                .for_each(|(k, c)| walk(c, &at.clone().field(k.as_str()), hit, found)),
            Json::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, c)| walk(c, &at.clone().index(i), hit, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(tree, &FieldPath::root(), hit, &mut found);
    match found.len() {
        1 => found.pop().unwrap_or_default(),
        _ => FieldPath::root(),
    }
}

/// How serde names a JSON value in "invalid type"/"invalid value" messages.
fn unexpected(v: &Json) -> Vec<String> {
    match v {
        Json::Null => vec!["null".into(), "unit value".into()],
        Json::Bool(b) => vec![format!("boolean `{b}`")],
        Json::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or_default();
            vec![
                format!("floating point `{f}`"),
                format!("floating point `{f:.1}`"),
            ]
        }
        Json::Number(n) => vec![format!("integer `{n}`")],
        Json::String(s) => vec![format!("string {s:?}")],
        Json::Array(_) => vec!["sequence".into()],
        Json::Object(_) => vec!["map".into()],
    }
}

/// Only the envelope of a stored record (its fields are skipped, not built).
pub fn peek(text: &str) -> Result<Meta, RecordError> {
    #[derive(Deserialize)]
    struct Envelope {
        schema: Option<Json>,
        rev: Option<Json>,
        by: Option<Json>,
    }
    let e: Envelope = serde_json::from_str(text).map_err(|e| {
        RecordError::whole(format!(
            "không phải đối tượng JSON hợp lệ (dòng {}, cột {})",
            e.line(),
            e.column()
        ))
    })?;
    let mut m = Map::new();
    for (k, v) in [("schema", e.schema), ("rev", e.rev), ("by", e.by)] {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    }
    upgrade(Json::Object(m)).map(|(_, meta)| meta)
}

/// The text to store for `payload` at revision `rev`, written by tab `by`.
pub fn encode<T: Serialize>(payload: &T, rev: u64, by: &str) -> String {
    encode_value(payload, rev, by).to_string()
}

/// [`encode`] as a JSON value (for a store that writes values, not text).
pub fn encode_value<T: Serialize>(payload: &T, rev: u64, by: &str) -> Json {
    match serde_json::to_value(payload).expect("stored records serialise") {
        Json::Object(m) => envelope(m, rev, by),
        other => other,
    }
}

/// [`encode`] for a record already taken apart by [`upgrade`].
pub fn encode_fields(record: Map<String, Json>, rev: u64, by: &str) -> String {
    envelope(record, rev, by).to_string()
}

/// The record's fields with the envelope put back on, as a JSON value.
pub fn envelope(mut record: Map<String, Json>, rev: u64, by: &str) -> Json {
    record.insert("schema".into(), Json::from(SCHEMA));
    record.insert("rev".into(), Json::from(rev));
    if !by.is_empty() {
        record.insert("by".into(), Json::from(by));
    }
    Json::Object(record)
}

fn typed<T: DeserializeOwned>(v: &Json) -> Result<T, RecordError> {
    decode_value::<T>(v.clone()).map(|(t, _)| t)
}

/// [`check`] for the kinds the commune's page reads besides drafts (rules, the open draft, export
/// times); `None` for the others. The commune entry checks only these at start, so it does not
/// carry the readers of the district's, targets' and awards' records (~44 KB gzip).
pub fn check_commune(kind: Kind, value: &Json) -> Option<Result<(), RecordError>> {
    Some(match kind {
        Kind::Rules => typed::<StoredRules>(value).map(drop),
        Kind::OpenDraft => typed::<OpenDraft>(value).map(drop),
        Kind::Exported => typed::<Exported>(value).map(drop),
        _ => return None,
    })
}

/// Checks that `value` is a readable record of the kind stored under `key` (the backup file
/// uses this for every record it holds). Unreadable records are kept as they are.
pub fn check(kind: Kind, key: &str, value: &Json) -> Result<(), RecordError> {
    if let Some(checked) = check_commune(kind, value) {
        return checked;
    }
    match kind {
        Kind::Draft => typed::<Draft>(value).map(drop),
        // Checked above.
        Kind::Rules | Kind::OpenDraft | Kind::Exported => Ok(()),
        Kind::Consolidation => {
            // Its full shape is the app's (the refused list); the core checks what it reads.
            let (record, _) = upgrade(value.clone())?;
            if !record.get("bundle").is_some_and(Json::is_string) {
                return Err(RecordError {
                    field: "bundle".into(),
                    problem: "thiếu hoặc không phải chuỗi".into(),
                });
            }
            if !record.get("saved_at").is_some_and(Json::is_number) {
                return Err(RecordError {
                    field: "saved_at".into(),
                    problem: "thiếu hoặc không phải số".into(),
                });
            }
            Ok(())
        }
        Kind::Figures => {
            let f = typed::<StoredFigures>(value)?;
            let unit = key.strip_prefix(FIGURES_PREFIX).unwrap_or_default();
            if f.figures.unit_code != unit {
                return Err(RecordError {
                    field: "figures.unit_code".into(),
                    problem: format!(
                        "là “{}” nhưng khóa ghi đơn vị “{unit}”",
                        f.figures.unit_code
                    ),
                });
            }
            Ok(())
        }
        Kind::Registered => typed::<StoredRegistered>(value).map(drop),
        Kind::DistrictInputs => typed::<StoredDistrictInputs>(value).map(drop),
        Kind::Nominations => typed::<StoredNominations>(value).map(drop),
        Kind::FiguresUnit => typed::<FiguresUnit>(value).map(drop),
        Kind::Unreadable => match value {
            Json::String(_) => Ok(()),
            _ => typed::<Unreadable>(value).map(drop),
        },
    }
}

/// The last change time a record states (`saved_at`, milliseconds), if any.
pub fn saved_at(value: &Json) -> Option<f64> {
    value.get("saved_at").and_then(Json::as_f64)
}

/// A short Vietnamese name of a record for lists ("hồ sơ nháp “Tự đánh giá …”").
pub fn describe(kind: Kind, key: &str, value: &Json) -> String {
    match kind {
        Kind::Draft => match value.get("name").and_then(Json::as_str) {
            Some(name) => format!("hồ sơ nháp “{name}”"),
            None => format!(
                "hồ sơ nháp {}",
                key.strip_prefix(DRAFT_PREFIX).unwrap_or(key)
            ),
        },
        Kind::Figures => {
            let name = value
                .get("figures")
                .and_then(|f| f.get("unit_name"))
                .and_then(Json::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| key.strip_prefix(FIGURES_PREFIX).unwrap_or(key).to_string());
            format!("số liệu tổng hợp của {name}")
        }
        Kind::Unreadable => match value.get("key").and_then(Json::as_str) {
            Some(k) => format!("dữ liệu không đọc được (khóa {k})"),
            None => "dữ liệu không đọc được".to_string(),
        },
        other => other.label().to_string(),
    }
}

#[cfg(test)]
mod tests;
