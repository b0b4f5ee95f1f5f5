//! The one module that touches localStorage: drafts, the open draft's id, the province's
//! rules file (imported or edited) and more. Every record carries `"schema": 1`; a record that cannot be read is left in
//! place and reported, never deleted.
//! Plain web-sys Storage, not gloo-storage: gloo panics when localStorage is unavailable and hides
//! the DOMException name that tells a full quota from other refusals.

use ntm_core::{Dossier, RulesRef};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;

/// Version of the stored record layout (not of the dossier format, which has its own).
pub const SCHEMA: u64 = 1;
const DRAFT_PREFIX: &str = "chung-suc:draft:";
const OPEN_KEY: &str = "chung-suc:open";
const RULES_KEY: &str = "chung-suc:rules";

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

/// What the drafts list shows, without keeping every dossier in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftSummary {
    pub id: String,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub year: u16,
    pub saved_at: f64,
    pub rules: Option<RulesRef>,
}

impl From<&Draft> for DraftSummary {
    fn from(d: &Draft) -> Self {
        DraftSummary {
            id: d.id.clone(),
            name: d.name.clone(),
            unit_code: d.dossier.unit.code.to_string(),
            unit_name: d.dossier.unit.name.to_string(),
            year: d.dossier.year,
            saved_at: d.saved_at,
            rules: d.dossier.rules.clone(),
        }
    }
}

/// A stored record that could not be read; it stays in storage untouched.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    pub key: String,
    pub problem: String,
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

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| {
            "Trình duyệt không cho phép lưu dữ liệu (localStorage bị tắt hoặc đang ở chế độ riêng tư)."
                .to_string()
        })
}

/// A write failure in words: quota is the usual cause and needs a different action.
fn write_error(err: JsValue) -> String {
    let name = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name.contains("Quota") {
        "Bộ nhớ của trình duyệt đã đầy nên chưa lưu được. Dữ liệu vẫn còn trên màn hình: hãy bấm “Xuất JSON” để giữ lại, rồi xóa bớt hồ sơ nháp cũ.".into()
    } else {
        format!(
            "Trình duyệt từ chối ghi dữ liệu ({}). Dữ liệu vẫn còn trên màn hình: hãy bấm “Xuất JSON” để giữ lại.",
            if name.is_empty() { "không rõ lý do".into() } else { name }
        )
    }
}

fn write(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(write_error)
}

fn read(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|_| "Không đọc được bộ nhớ của trình duyệt.".to_string())
}

/// Wraps a payload with the schema version.
fn encode<T: Serialize>(payload: &T) -> String {
    let mut v = serde_json::to_value(payload).expect("stored records serialise");
    if let Json::Object(m) = &mut v {
        m.insert("schema".into(), Json::from(SCHEMA));
    }
    v.to_string()
}

/// Checks the schema version, then reads the payload (older schemas would be migrated here).
fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    let v: Json = serde_json::from_str(text).map_err(|e| {
        format!(
            "không phải JSON hợp lệ (dòng {}, cột {})",
            e.line(),
            e.column()
        )
    })?;
    match v.get("schema").and_then(Json::as_u64) {
        Some(SCHEMA) => {}
        Some(n) => {
            return Err(format!(
                "được lưu bởi phiên bản mới hơn của ứng dụng (lược đồ {n})"
            ))
        }
        None => return Err("thiếu số phiên bản lược đồ (schema)".into()),
    }
    // serde's words are English; the field it names is enough for whoever repairs the record.
    serde_json::from_value(v).map_err(|e| match e.to_string().split('`').nth(1) {
        Some(f) => format!("cấu trúc không đúng ở trường “{f}”"),
        None => "cấu trúc không đúng".to_string(),
    })
}

fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// Every stored draft (newest first) and every record that could not be read.
pub fn list() -> (Vec<DraftSummary>, Vec<Broken>) {
    let s = match storage() {
        Ok(s) => s,
        Err(problem) => {
            return (
                Vec::new(),
                vec![Broken {
                    key: "localStorage".into(),
                    problem,
                }],
            )
        }
    };
    let mut drafts = Vec::new();
    let mut broken = Vec::new();
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| s.key(i).ok().flatten()).collect();
    for key in keys {
        let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
            continue;
        };
        match read(&key).and_then(|t| t.ok_or_else(|| "bản ghi trống".to_string())) {
            Ok(text) => match decode::<Draft>(&text) {
                Ok(mut d) => {
                    // The key is the identity; a record edited by hand cannot hijack another.
                    d.id = id.to_string();
                    drafts.push(DraftSummary::from(&d));
                }
                Err(problem) => broken.push(Broken { key, problem }),
            },
            Err(problem) => broken.push(Broken { key, problem }),
        }
    }
    drafts.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    broken.sort_by(|a, b| a.key.cmp(&b.key));
    (drafts, broken)
}

pub fn load(id: &str) -> Result<Draft, String> {
    let text = read(&draft_key(id))?.ok_or_else(|| "hồ sơ không còn trong bộ nhớ".to_string())?;
    let mut d: Draft = decode(&text)?;
    d.id = id.to_string();
    Ok(d)
}

pub fn save(d: &Draft) -> Result<(), String> {
    write(&draft_key(&d.id), &encode(d))
}

pub fn delete(id: &str) -> Result<(), String> {
    storage()?
        .remove_item(&draft_key(id))
        .map_err(|_| "Không xóa được hồ sơ khỏi bộ nhớ của trình duyệt.".to_string())
}

/// A free id for a commune-year: "13306-2024", then "13306-2024-2", ….
pub fn free_id(unit_code: &str, year: u16) -> String {
    let base = format!("{unit_code}-{year}");
    let taken = |id: &str| matches!(read(&draft_key(id)), Ok(Some(_)));
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some id is free")
}

#[derive(Serialize, Deserialize)]
struct OpenDraft {
    id: String,
}

/// The draft that was open when the page was last used.
pub fn open_id() -> Option<String> {
    let text = read(OPEN_KEY).ok().flatten()?;
    decode::<OpenDraft>(&text).ok().map(|o| o.id)
}

pub fn set_open_id(id: Option<&str>) {
    // Losing this only means the editor starts closed; not worth an error message.
    let _ = match id {
        Some(id) => write(OPEN_KEY, &encode(&OpenDraft { id: id.to_string() })),
        None => storage().and_then(|s| s.remove_item(OPEN_KEY).map_err(write_error)),
    };
}

/// The imported rules file, if any: `Err` when the record itself is unreadable.
pub fn load_rules() -> Option<Result<StoredRules, String>> {
    match read(RULES_KEY) {
        Ok(Some(text)) => Some(decode(&text)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

pub fn save_rules(r: &StoredRules) -> Result<(), String> {
    write(RULES_KEY, &encode(r))
}

pub fn clear_rules() -> Result<(), String> {
    storage()?
        .remove_item(RULES_KEY)
        .map_err(|_| "Không xóa được bộ tiêu chí đã lưu.".to_string())
}

// ---- consolidation (Tổng hợp) --------------------------------------------------------------

const CONSOLIDATION_KEY: &str = "chung-suc:consolidation";
/// Where a stored consolidation that could not be read is moved, so a new one never overwrites it.
const CONSOLIDATION_BROKEN_KEY: &str = "chung-suc:consolidation:khong-doc-duoc";

/// The consolidation (dossiers and their reviews), kept as the text of a bundle file, with the
/// duplicate groups still waiting for a choice and the refused list of the last import. Records
/// of older builds have neither field and load with none (schema 1: fields are only added).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredConsolidation {
    pub saved_at: f64,
    /// A `chung-suc/bundle` file (docs/bundle-format.md).
    pub bundle: String,
    /// The waiting versions, `chung-suc/pending` JSON (`consolidate::pending_to_json`); empty
    /// when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pending: String,
    /// Waiting groups that did not fit in storage (they are gone after a reload).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pending_unsaved: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<crate::consolidation::Refused>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Characters the app's other records take in localStorage (its quota counts characters).
pub fn storage_chars_besides_consolidation() -> usize {
    let Ok(s) = storage() else { return 0 };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k != CONSOLIDATION_KEY)
        .map(|k| {
            let len = s
                .get_item(&k)
                .ok()
                .flatten()
                .map_or(0, |v| v.encode_utf16().count());
            k.len() + len
        })
        .sum()
}

/// The stored consolidation, if any: `Err` when the record itself is unreadable.
pub fn load_consolidation() -> Option<Result<StoredConsolidation, String>> {
    match read(CONSOLIDATION_KEY) {
        Ok(Some(text)) => Some(decode(&text)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

/// Writes the consolidation; the error says, in Vietnamese, that it is kept in memory only.
pub fn save_consolidation(c: &StoredConsolidation) -> Result<(), String> {
    // Written without the detour through a JSON value `encode` takes: the record can be
    // megabytes.
    #[derive(Serialize)]
    struct Versioned<'a> {
        schema: u64,
        #[serde(flatten)]
        record: &'a StoredConsolidation,
    }
    let text = serde_json::to_string(&Versioned {
        schema: SCHEMA,
        record: c,
    })
    .expect("stored records serialise");
    let s = storage()?;
    s.set_item(CONSOLIDATION_KEY, &text).map_err(|err| {
        let name = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        let why = if name.contains("Quota") {
            "bộ nhớ của trình duyệt không đủ chỗ cho bảng tổng hợp này".to_string()
        } else if name.is_empty() {
            "trình duyệt từ chối ghi".to_string()
        } else {
            format!("trình duyệt từ chối ghi ({name})")
        };
        format!(
            "Chưa lưu được bảng tổng hợp vào trình duyệt: {why}. Các hồ sơ và trạng thái thẩm tra vẫn còn trong trang này nhưng sẽ mất khi đóng hoặc tải lại trang — hãy bấm “Xuất tệp gói (JSON)” để giữ lại."
        )
    })
}

/// Moves an unreadable stored consolidation aside (kept, never deleted).
pub fn set_aside_consolidation() -> Result<(), String> {
    let s = storage()?;
    if let Ok(Some(text)) = s.get_item(CONSOLIDATION_KEY) {
        s.set_item(CONSOLIDATION_BROKEN_KEY, &text)
            .map_err(write_error)?;
        s.remove_item(CONSOLIDATION_KEY).map_err(write_error)?;
    }
    Ok(())
}

pub fn clear_consolidation() -> Result<(), String> {
    storage()?
        .remove_item(CONSOLIDATION_KEY)
        .map_err(|_| "Không xóa được bảng tổng hợp khỏi bộ nhớ của trình duyệt.".to_string())
}

// ---- movement targets page: figures form and registered targets ----------------------------

const FIGURES_PREFIX: &str = "chung-suc:figures:";
const FIGURES_UNIT_KEY: &str = "chung-suc:figures-unit";
const REGISTERED_KEY: &str = "chung-suc:registered";

/// The figures form of one unit (province or district), with the text as typed in each field
/// ("2025/poor_households"), so invalid text survives a reload without being counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredFigures {
    pub saved_at: f64,
    pub figures: ntm_core::figures::Figures,
    #[serde(default)]
    pub raw: BTreeMap<String, String>,
}

pub fn load_figures(unit_code: &str) -> Option<Result<StoredFigures, String>> {
    match read(&format!("{FIGURES_PREFIX}{unit_code}")) {
        Ok(Some(text)) => Some(decode(&text)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

pub fn save_figures(f: &StoredFigures) -> Result<(), String> {
    write(
        &format!("{FIGURES_PREFIX}{}", f.figures.unit_code),
        &encode(f),
    )
}

#[derive(Serialize, Deserialize)]
struct FiguresUnit {
    unit_code: String,
}

/// The unit last chosen on the targets page.
pub fn figures_unit() -> Option<String> {
    let text = read(FIGURES_UNIT_KEY).ok().flatten()?;
    decode::<FiguresUnit>(&text).ok().map(|u| u.unit_code)
}

pub fn set_figures_unit(unit_code: &str) {
    // Losing this only means the page starts on the province.
    let _ = write(
        FIGURES_UNIT_KEY,
        &encode(&FiguresUnit {
            unit_code: unit_code.to_string(),
        }),
    );
}

/// The registered targets (đăng ký thi đua) kept in this browser.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredRegistered {
    pub saved_at: f64,
    pub items: Vec<ntm_core::registered::RegisteredTarget>,
}

pub fn load_registered() -> Option<Result<StoredRegistered, String>> {
    match read(REGISTERED_KEY) {
        Ok(Some(text)) => Some(decode(&text)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

pub fn save_registered(r: &StoredRegistered) -> Result<(), String> {
    write(REGISTERED_KEY, &encode(r))
}

/// Every stored commune draft, newest first (for counting communes at nâng cao).
pub fn all_drafts() -> Vec<Draft> {
    list().0.iter().filter_map(|s| load(&s.id).ok()).collect()
}

// ---- district results (Tổng hợp): the values a district enters itself ----------------------

const DISTRICT_INPUTS_KEY: &str = "chung-suc:district-inputs";

/// The values districts enter on the Tổng hợp page (QĐ 320 H.0.3, H.0.4), as typed, keyed
/// "district/year/indicator" ("347/2024/H.0.4"), so invalid text survives a reload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredDistrictInputs {
    pub saved_at: f64,
    #[serde(default)]
    pub raw: BTreeMap<String, String>,
}

/// The stored district inputs, if any: `Err` when the record itself is unreadable.
pub fn load_district_inputs() -> Option<Result<StoredDistrictInputs, String>> {
    match read(DISTRICT_INPUTS_KEY) {
        Ok(Some(text)) => Some(decode(&text)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

pub fn save_district_inputs(d: &StoredDistrictInputs) -> Result<(), String> {
    write(DISTRICT_INPUTS_KEY, &encode(d))
}

// ---- nominations (Khen thưởng): the register of candidates and good models ------------------

const NOMINATIONS_KEY: &str = "chung-suc:nominations";

/// The nomination register kept in this browser (the same document its JSON export holds).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredNominations {
    pub saved_at: f64,
    pub register: ntm_core::nominations::Register,
}

/// The stored register, if any: `Err` when the record itself is unreadable.
pub fn load_nominations() -> Option<Result<StoredNominations, String>> {
    match read(NOMINATIONS_KEY) {
        Ok(Some(text)) => Some(decode(&text)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

pub fn save_nominations(n: &StoredNominations) -> Result<(), String> {
    write(NOMINATIONS_KEY, &encode(n))
}
