//! The one module that touches the browser's storage: localStorage (every record of the app),
//! sessionStorage (one message across a reload) and the StorageManager (persistence, usage).
//!
//! Records, their keys and their envelope (`schema`, `rev`, `by`) are the core's
//! (`ntm_core::storage`, docs/backup-format.md): records of older layouts are migrated when
//! read. A record that cannot be read is never deleted: it is moved under
//! `chung-suc:khong-doc-duoc:…` with the reason, listed on the "Dữ liệu trên máy" page and
//! downloadable there.
//!
//! Two tabs: each write compares the stored record's revision with the one this tab last read
//! or wrote; if another tab wrote since, nothing is overwritten (`Conflict`). A write the
//! browser refuses (a full quota) leaves what was stored untouched, and the data that could not
//! be written is handed to the page as a file to download (`Event::Unsaved`).
//!
//! Plain web-sys Storage, not gloo-storage: gloo panics when localStorage is unavailable and
//! hides the DOMException name that tells a full quota from other refusals.

use ntm_core::backup::{self, Action, Backup, Plan, Record};
use ntm_core::storage::{
    self as rec, Exported, FiguresUnit, Kind, Meta, OpenDraft, Unreadable, CONSOLIDATION_ASIDE_KEY,
    CONSOLIDATION_KEY, DISTRICT_INPUTS_KEY, DRAFT_PREFIX, EXPORTED_KEY, FIGURES_PREFIX,
    FIGURES_UNIT_KEY, NOMINATIONS_KEY, OPEN_KEY, PREFIX, REGISTERED_KEY, RULES_KEY, SCHEMA,
    UNREADABLE_PREFIX,
};
pub use ntm_core::storage::{
    Draft, StoredDistrictInputs, StoredFigures, StoredNominations, StoredRegistered, StoredRules,
};
use ntm_core::RulesRef;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use wasm_bindgen::JsValue;

// ---- events for the page ---------------------------------------------------------------------

/// Data the browser refused to store: what it is, why, and the file that holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsaved {
    pub key: String,
    /// "hồ sơ nháp “Tự đánh giá Xã Phù Vân năm 2024”".
    pub what: String,
    /// The whole message, in Vietnamese.
    pub message: String,
    /// Another tab wrote the record (else: the browser refused the write).
    pub conflict: bool,
    pub file_name: String,
    /// A backup file (`chung-suc/sao-luu`) holding the one record as it would have been stored.
    pub text: String,
}

/// What the page is told about storage, as it happens.
#[derive(Clone, Debug)]
pub enum Event {
    /// A record could not be read and was set aside (the list of unreadable data changed).
    SetAside,
    /// A write was refused or would have overwritten another tab's work.
    Unsaved(Unsaved),
    /// A record was written (an earlier failure for it is over).
    Saved(String),
}

type Listener = Rc<dyn Fn(Event)>;

thread_local! {
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
    /// The envelope (revision, writer) of each record as this tab last read or wrote it.
    static KNOWN: RefCell<HashMap<String, (u64, String)>> = RefCell::new(HashMap::new());
    /// Records that could not be read nor moved aside (storage full): left in place.
    static STUCK: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
    /// This tab's id, written in every record it stores (`by`).
    static TAB: String = format!("t-{:08x}", (js_sys::Math::random() * 4_294_967_295.0) as u32);
}

/// Where storage events go (set once, by the app, before anything is read).
pub fn set_listener(f: impl Fn(Event) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(f)));
}

fn emit(e: Event) {
    if let Some(l) = LISTENER.with(|l| l.borrow().clone()) {
        l(e);
    }
}

fn tab() -> String {
    TAB.with(Clone::clone)
}

fn remember(key: &str, meta: &Meta) {
    KNOWN.with(|k| {
        k.borrow_mut()
            .insert(key.to_string(), (meta.rev, meta.by.clone()))
    });
}

fn forget(key: &str) {
    KNOWN.with(|k| k.borrow_mut().remove(key));
}

fn known(key: &str) -> Option<(u64, String)> {
    KNOWN.with(|k| k.borrow().get(key).cloned())
}

// ---- localStorage ----------------------------------------------------------------------------

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| {
            "Trình duyệt không cho phép lưu dữ liệu (localStorage bị tắt hoặc đang ở chế độ riêng tư)."
                .to_string()
        })
}

fn error_name(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn is_quota(name: &str) -> bool {
    name.contains("Quota")
}

/// A refused write in words: quota is the usual cause and needs a different action.
fn refusal(name: &str, what: &str) -> String {
    let keep = "Những gì đã lưu trước đó vẫn còn nguyên; phần vừa sửa mới chỉ có trên màn hình này — hãy bấm “Tải phần chưa lưu (JSON)” để giữ lại.";
    if is_quota(name) {
        format!("Bộ nhớ của trình duyệt đã đầy nên chưa lưu được {what}. {keep} Sau đó giải phóng chỗ: xóa bớt hồ sơ nháp cũ đã xuất, hoặc tải tệp sao lưu ở trang “Dữ liệu trên máy”.")
    } else {
        format!(
            "Trình duyệt từ chối ghi {what} ({}). {keep}",
            if name.is_empty() {
                "không rõ lý do"
            } else {
                name
            }
        )
    }
}

fn read(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|_| "Không đọc được bộ nhớ của trình duyệt.".to_string())
}

/// Every key of the app in localStorage.
fn app_keys() -> Vec<String> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// "20251130-0915", for file names.
fn stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{}{:02}{:02}-{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

// ---- setting aside what cannot be read -------------------------------------------------------

/// Moves the record under `key` aside (with `reason`); it is never deleted. If even that cannot
/// be written, the record stays where it is and is listed as it is.
fn set_aside(key: &str, text: &str, reason: &str) {
    forget(key);
    let Ok(s) = storage() else { return };
    let at = crate::clock::now_ms();
    let mut aside = format!("{UNREADABLE_PREFIX}{at}:{key}");
    let mut n = 2;
    while matches!(s.get_item(&aside), Ok(Some(_))) {
        aside = format!("{UNREADABLE_PREFIX}{at}-{n}:{key}");
        n += 1;
    }
    let record = Unreadable {
        key: key.to_string(),
        reason: reason.to_string(),
        at,
        text: text.to_string(),
    };
    if s.set_item(&aside, &rec::encode(&record, 1, &tab())).is_ok() {
        let _ = s.remove_item(key);
        STUCK.with(|st| st.borrow_mut().remove(key));
    } else {
        STUCK.with(|st| st.borrow_mut().insert(key.to_string(), reason.to_string()));
    }
    emit(Event::SetAside);
}

/// Reads the record under `key` and takes it as this tab's (its revision is what the next write
/// compares with); one that cannot be read is set aside and its reason returned.
fn get<T: DeserializeOwned>(key: &str) -> Option<Result<T, String>> {
    read_record(key, true)
}

/// [`get`]; `take`: whether this tab takes the record as the one it works on (a list that only
/// shows records does not, or it would hide another tab's newer save from the conflict check).
fn read_record<T: DeserializeOwned>(key: &str, take: bool) -> Option<Result<T, String>> {
    let text = match read(key) {
        Ok(Some(t)) => t,
        Ok(None) => return None,
        Err(e) => return Some(Err(e)),
    };
    Some(match rec::decode::<T>(&text) {
        Ok((t, meta)) => {
            if take {
                remember(key, &meta);
            }
            Ok(t)
        }
        Err(e) => {
            let reason = e.to_string();
            set_aside(key, &text, &reason);
            Err(format!("{reason}; bản lưu đã được chuyển sang mục “Dữ liệu không đọc được” ở trang “Dữ liệu trên máy”, không bị xóa"))
        }
    })
}

/// Every record of the app is read once at start (drafts by the drafts list, the consolidation
/// by its page); those that cannot be read are set aside now rather than when a page opens.
pub fn sweep() {
    let Ok(s) = storage() else { return };
    for key in app_keys() {
        let Some(kind) = Kind::of_key(&key) else {
            continue;
        };
        if matches!(kind, Kind::Draft | Kind::Consolidation | Kind::Unreadable) {
            continue;
        }
        let Ok(Some(text)) = s.get_item(&key) else {
            continue;
        };
        let checked = serde_json::from_str::<Json>(&text)
            .map_err(|e| {
                format!(
                    "không phải JSON hợp lệ (dòng {}, cột {})",
                    e.line(),
                    e.column()
                )
            })
            .and_then(|v| rec::check(kind, &key, &v).map_err(|e| e.to_string()));
        if let Err(reason) = checked {
            set_aside(&key, &text, &reason);
        }
    }
}

// ---- writing ---------------------------------------------------------------------------------

/// Why a record was not written.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// Another tab wrote the record since this tab read it; nothing was overwritten.
    Conflict(String),
    /// The browser refused the write (full quota, storage off); nothing stored changed.
    Refused(String),
}

impl WriteError {
    pub fn message(self) -> String {
        match self {
            WriteError::Conflict(m) | WriteError::Refused(m) => m,
        }
    }
}

/// A backup file holding one record: what a refused write hands the user.
fn single_backup(key: &str, text: &str) -> String {
    let value = serde_json::from_str(text).unwrap_or(Json::String(text.to_string()));
    Backup::new(
        now_iso(),
        vec![Record {
            key: key.to_string(),
            value,
        }],
    )
    .to_json()
}

fn file_slug(key: &str) -> String {
    let rest = key.strip_prefix(PREFIX).unwrap_or(key);
    let rest = rest
        .strip_prefix("draft:")
        .map_or_else(|| rest.to_string(), |id| format!("ho-so-{id}"));
    rest.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Writes `payload` under `key` as the next revision, unless another tab wrote since this tab
/// read it (`Conflict`) or the browser refuses (`Refused`); `what` names the data for messages.
fn put<T: Serialize + DeserializeOwned>(
    key: &str,
    payload: &T,
    what: &str,
) -> Result<(), WriteError> {
    let s = storage().map_err(WriteError::Refused)?;
    let stored = s
        .get_item(key)
        .map_err(|_| WriteError::Refused("Không đọc được bộ nhớ của trình duyệt.".into()))?;
    let mine = known(key);
    let mut base = mine.as_ref().map_or(0, |(rev, _)| *rev);
    if let Some(text) = &stored {
        match rec::decode::<T>(text) {
            Ok((_, meta)) => {
                // A tab that never read this record (a new draft, an imported unit) writes over
                // it knowingly; one that did must still have the stored revision in hand.
                if let Some((rev, by)) = &mine {
                    if meta.rev != *rev || meta.by != *by {
                        let message = format!(
                            "{} vừa được lưu ở một thẻ (tab) khác của ứng dụng, nên thẻ này không ghi đè. Thay đổi ở thẻ này chưa được lưu: hãy bấm “Tải phần chưa lưu (JSON)” để giữ lại, rồi tải lại trang để xem bản mới.",
                            capitalise(what)
                        );
                        let unsaved = rec::encode(payload, meta.rev.max(*rev) + 1, &tab());
                        emit(Event::Unsaved(Unsaved {
                            key: key.to_string(),
                            what: what.to_string(),
                            message: message.clone(),
                            conflict: true,
                            file_name: format!("chua-luu-{}-{}.json", file_slug(key), stamp()),
                            text: single_backup(key, &unsaved),
                        }));
                        return Err(WriteError::Conflict(message));
                    }
                }
                base = base.max(meta.rev);
            }
            Err(e) => {
                set_aside(key, text, &e.to_string());
                if matches!(s.get_item(key), Ok(Some(_))) {
                    return Err(WriteError::Refused(format!(
                        "Chưa lưu được {what}: bản đang lưu không đọc được và chưa chuyển sang chỗ riêng được, nên không ghi đè."
                    )));
                }
            }
        }
    }
    let meta = Meta {
        schema: SCHEMA,
        rev: base + 1,
        by: tab(),
    };
    let text = rec::encode(payload, meta.rev, &meta.by);
    match s.set_item(key, &text) {
        Ok(()) => {
            remember(key, &meta);
            emit(Event::Saved(key.to_string()));
            Ok(())
        }
        Err(err) => {
            let message = refusal(&error_name(&err), what);
            emit(Event::Unsaved(Unsaved {
                key: key.to_string(),
                what: what.to_string(),
                message: message.clone(),
                conflict: false,
                file_name: format!("chua-luu-{}-{}.json", file_slug(key), stamp()),
                text: single_backup(key, &text),
            }));
            Err(WriteError::Refused(message))
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A setting: last write wins, a failure only costs the setting.
fn put_setting<T: Serialize>(key: &str, payload: &T) {
    if let Ok(s) = storage() {
        let _ = s.set_item(key, &rec::encode(payload, 1, &tab()));
    }
}

// ---- drafts ----------------------------------------------------------------------------------

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

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// How the messages name a draft.
pub fn draft_what(name: &str) -> String {
    format!("hồ sơ nháp “{name}”")
}

/// Every stored draft, newest first. Drafts that cannot be read are set aside.
pub fn list() -> Vec<DraftSummary> {
    let mut drafts = Vec::new();
    for key in app_keys() {
        let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
            continue;
        };
        if let Some(Ok(mut d)) = read_record::<Draft>(&key, false) {
            // The key is the identity; a record edited by hand cannot hijack another.
            d.id = id.to_string();
            drafts.push(DraftSummary::from(&d));
        }
    }
    drafts.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    drafts
}

pub fn load(id: &str) -> Result<Draft, String> {
    let mut d: Draft =
        get(&draft_key(id)).unwrap_or_else(|| Err("hồ sơ không còn trong bộ nhớ".to_string()))?;
    d.id = id.to_string();
    Ok(d)
}

/// What another tab left under a draft's key, compared with what this tab knows of it.
pub enum Elsewhere {
    /// The stored draft is the one this tab last read or wrote.
    Same,
    /// Another tab wrote a newer one (not yet taken by this tab).
    Changed(Box<Draft>),
    /// Nothing is stored any more.
    Deleted,
}

/// Whether another tab changed or deleted draft `id` since this tab read or wrote it. Reading
/// it here does not count as taking it: a save from this tab still meets the conflict.
pub fn draft_elsewhere(id: &str) -> Elsewhere {
    let key = draft_key(id);
    let Ok(Some(text)) = read(&key) else {
        return Elsewhere::Deleted;
    };
    match rec::decode::<Draft>(&text) {
        Ok((mut d, meta)) => {
            if known(&key) == Some((meta.rev, meta.by.clone())) {
                Elsewhere::Same
            } else {
                d.id = id.to_string();
                Elsewhere::Changed(Box::new(d))
            }
        }
        // Not ours to judge here: the next read sets it aside.
        Err(_) => Elsewhere::Same,
    }
}

pub fn save(d: &Draft) -> Result<(), WriteError> {
    put(&draft_key(&d.id), d, &draft_what(&d.name))
}

/// The file a draft that could not be saved is downloaded as (a backup holding it).
pub fn draft_unsaved_file(d: &Draft) -> (String, String) {
    let key = draft_key(&d.id);
    let rev = known(&key).map_or(0, |(r, _)| r) + 1;
    (
        format!("chua-luu-{}-{}.json", file_slug(&key), stamp()),
        single_backup(&key, &rec::encode(d, rev, &tab())),
    )
}

pub fn delete(id: &str) -> Result<(), String> {
    let key = draft_key(id);
    storage()?
        .remove_item(&key)
        .map_err(|_| "Không xóa được hồ sơ khỏi bộ nhớ của trình duyệt.".to_string())?;
    forget(&key);
    Ok(())
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

/// The draft that was open when the page was last used.
pub fn open_id() -> Option<String> {
    let text = read(OPEN_KEY).ok().flatten()?;
    rec::decode::<OpenDraft>(&text).ok().map(|(o, _)| o.id)
}

pub fn set_open_id(id: Option<&str>) {
    // Losing this only means the editor starts closed; not worth an error message.
    match id {
        Some(id) => put_setting(OPEN_KEY, &OpenDraft { id: id.to_string() }),
        None => {
            if let Ok(s) = storage() {
                let _ = s.remove_item(OPEN_KEY);
            }
        }
    }
}

/// When each draft was last exported.
pub fn exported() -> BTreeMap<String, f64> {
    read(EXPORTED_KEY)
        .ok()
        .flatten()
        .and_then(|t| rec::decode::<Exported>(&t).ok())
        .map(|(e, _)| e.at)
        .unwrap_or_default()
}

/// Records that drafts `ids` were exported at `at` (merged with what other tabs recorded).
pub fn set_exported(ids: &[String], at: f64) -> BTreeMap<String, f64> {
    let mut all = exported();
    for id in ids {
        all.insert(id.clone(), at);
    }
    put_setting(EXPORTED_KEY, &Exported { at: all.clone() });
    all
}

/// Drops the export time of a deleted draft.
pub fn forget_exported(id: &str) {
    let mut all = exported();
    if all.remove(id).is_some() {
        put_setting(EXPORTED_KEY, &Exported { at: all });
    }
}

// ---- rules -----------------------------------------------------------------------------------

const RULES_WHAT: &str = "bộ tiêu chí của tỉnh";

/// The imported rules file, if any: `Err` when the record itself is unreadable.
pub fn load_rules() -> Option<Result<StoredRules, String>> {
    get(RULES_KEY)
}

pub fn save_rules(r: &StoredRules) -> Result<(), String> {
    put(RULES_KEY, r, RULES_WHAT).map_err(WriteError::message)
}

/// Sets the stored rules aside (they no longer apply to the built-in rules): kept, not deleted.
pub fn set_aside_rules(reason: &str) {
    if let Ok(Some(text)) = read(RULES_KEY) {
        set_aside(RULES_KEY, &text, reason);
    }
}

pub fn clear_rules() -> Result<(), String> {
    storage()?
        .remove_item(RULES_KEY)
        .map_err(|_| "Không xóa được bộ tiêu chí đã lưu.".to_string())?;
    forget(RULES_KEY);
    Ok(())
}

// ---- consolidation (Tổng hợp) --------------------------------------------------------------

/// The consolidation (dossiers and their reviews), kept as the text of a bundle file, with the
/// duplicate groups still waiting for a choice and the refused list of the last import. Records
/// of older builds have neither field and load with none (fields are only added).
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

/// The stored consolidation, if any: `Err` when the record itself is unreadable (the Tổng hợp
/// page then sets it aside with `set_aside_consolidation`).
pub fn load_consolidation() -> Option<Result<StoredConsolidation, String>> {
    match read(CONSOLIDATION_KEY) {
        Ok(Some(text)) => Some(
            rec::decode::<StoredConsolidation>(&text)
                .map(|(c, _)| c)
                .map_err(|e| e.to_string()),
        ),
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
        let name = error_name(&err);
        let why = if is_quota(&name) {
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

/// Moves an unreadable stored consolidation aside (kept, never deleted). One set aside earlier
/// is moved among the other unreadable records first, so it is not overwritten.
pub fn set_aside_consolidation() -> Result<(), String> {
    let s = storage()?;
    if let Ok(Some(text)) = s.get_item(CONSOLIDATION_KEY) {
        if let Ok(Some(older)) = s.get_item(CONSOLIDATION_ASIDE_KEY) {
            set_aside(
                CONSOLIDATION_ASIDE_KEY,
                &older,
                "bảng tổng hợp không đọc được, được trang Tổng hợp giữ riêng trước đó",
            );
            if matches!(s.get_item(CONSOLIDATION_ASIDE_KEY), Ok(Some(_))) {
                return Err("Không có chỗ để giữ riêng bảng tổng hợp không đọc được.".into());
            }
        }
        s.set_item(CONSOLIDATION_ASIDE_KEY, &text)
            .map_err(|e| refusal(&error_name(&e), "bảng tổng hợp không đọc được"))?;
        s.remove_item(CONSOLIDATION_KEY)
            .map_err(|_| "Không chuyển được bảng tổng hợp.".to_string())?;
        emit(Event::SetAside);
    }
    Ok(())
}

pub fn clear_consolidation() -> Result<(), String> {
    storage()?
        .remove_item(CONSOLIDATION_KEY)
        .map_err(|_| "Không xóa được bảng tổng hợp khỏi bộ nhớ của trình duyệt.".to_string())
}

// ---- movement targets page: figures form and registered targets ----------------------------

pub fn load_figures(unit_code: &str) -> Option<Result<StoredFigures, String>> {
    get(&format!("{FIGURES_PREFIX}{unit_code}"))
}

pub fn save_figures(f: &StoredFigures) -> Result<(), String> {
    put(
        &format!("{FIGURES_PREFIX}{}", f.figures.unit_code),
        f,
        &format!("số liệu tổng hợp của {}", f.figures.unit_name),
    )
    .map_err(WriteError::message)
}

/// The unit last chosen on the targets page.
pub fn figures_unit() -> Option<String> {
    let text = read(FIGURES_UNIT_KEY).ok().flatten()?;
    rec::decode::<FiguresUnit>(&text)
        .ok()
        .map(|(u, _)| u.unit_code)
}

pub fn set_figures_unit(unit_code: &str) {
    // Losing this only means the page starts on the province.
    put_setting(
        FIGURES_UNIT_KEY,
        &FiguresUnit {
            unit_code: unit_code.to_string(),
        },
    );
}

pub fn load_registered() -> Option<Result<StoredRegistered, String>> {
    get(REGISTERED_KEY)
}

pub fn save_registered(r: &StoredRegistered) -> Result<(), String> {
    put(REGISTERED_KEY, r, Kind::Registered.label()).map_err(WriteError::message)
}

/// Every stored commune draft, newest first (for counting communes at nâng cao).
pub fn all_drafts() -> Vec<Draft> {
    list()
        .iter()
        .filter_map(|s| {
            let mut d = read_record::<Draft>(&draft_key(&s.id), false)?.ok()?;
            d.id = s.id.clone();
            Some(d)
        })
        .collect()
}

// ---- district results (Tổng hợp): the values a district enters itself ----------------------

/// The stored district inputs, if any: `Err` when the record itself is unreadable.
pub fn load_district_inputs() -> Option<Result<StoredDistrictInputs, String>> {
    get(DISTRICT_INPUTS_KEY)
}

pub fn save_district_inputs(d: &StoredDistrictInputs) -> Result<(), String> {
    put(DISTRICT_INPUTS_KEY, d, Kind::DistrictInputs.label()).map_err(WriteError::message)
}

// ---- nominations (Khen thưởng): the register of candidates and good models ------------------

/// The stored register, if any: `Err` when the record itself is unreadable.
pub fn load_nominations() -> Option<Result<StoredNominations, String>> {
    get(NOMINATIONS_KEY)
}

pub fn save_nominations(n: &StoredNominations) -> Result<(), String> {
    put(NOMINATIONS_KEY, n, Kind::Nominations.label()).map_err(WriteError::message)
}

// ---- unreadable data -------------------------------------------------------------------------

/// A record kept aside because it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadableEntry {
    /// Where it is kept now.
    pub key: String,
    /// Where it was stored.
    pub original_key: String,
    /// What it was ("hồ sơ nháp", …).
    pub what: String,
    pub reason: String,
    /// When it was set aside (0 when unknown).
    pub at: f64,
    /// Characters of its text.
    pub chars: usize,
}

/// Every record kept aside, oldest first.
pub fn unreadable() -> Vec<UnreadableEntry> {
    let Ok(s) = storage() else { return Vec::new() };
    let what_of = |key: &str| {
        Kind::of_key(key)
            .map(|k| k.label().to_string())
            .unwrap_or_else(|| "dữ liệu".into())
    };
    let mut list = Vec::new();
    for key in app_keys() {
        let Ok(Some(text)) = s.get_item(&key) else {
            continue;
        };
        if key == CONSOLIDATION_ASIDE_KEY {
            list.push(UnreadableEntry {
                original_key: CONSOLIDATION_KEY.into(),
                what: Kind::Consolidation.label().into(),
                reason: "không đọc được với bộ tiêu chí hoặc phiên bản đang dùng (trang Tổng hợp đã giữ riêng)".into(),
                at: 0.0,
                chars: text.chars().count(),
                key,
            });
        } else if key.starts_with(UNREADABLE_PREFIX) {
            let entry = match rec::decode::<Unreadable>(&text) {
                Ok((u, _)) => UnreadableEntry {
                    what: what_of(&u.key),
                    original_key: u.key,
                    reason: u.reason,
                    at: u.at,
                    chars: u.text.chars().count(),
                    key: key.clone(),
                },
                Err(_) => UnreadableEntry {
                    original_key: key.clone(),
                    what: "dữ liệu".into(),
                    reason: "không rõ".into(),
                    at: 0.0,
                    chars: text.chars().count(),
                    key: key.clone(),
                },
            };
            list.push(entry);
        }
    }
    for (key, reason) in STUCK.with(|st| st.borrow().clone()) {
        if let Ok(Some(text)) = s.get_item(&key) {
            list.push(UnreadableEntry {
                original_key: key.clone(),
                what: what_of(&key),
                reason: format!(
                    "{reason} (chưa chuyển sang chỗ riêng được vì bộ nhớ đầy; vẫn ở chỗ cũ)"
                ),
                at: 0.0,
                chars: text.chars().count(),
                key,
            });
        }
    }
    list.sort_by(|a, b| a.at.total_cmp(&b.at).then_with(|| a.key.cmp(&b.key)));
    list
}

/// The original text of an unreadable record (exactly as it was stored).
pub fn unreadable_text(key: &str) -> Option<String> {
    let text = read(key).ok().flatten()?;
    if key.starts_with(UNREADABLE_PREFIX) {
        if let Ok((u, _)) = rec::decode::<Unreadable>(&text) {
            return Some(u.text);
        }
    }
    Some(text)
}

// ---- backup and restore ----------------------------------------------------------------------

/// Every record of the app as stored: the one `backup` writes and `plan_restore` compares with.
fn records() -> Vec<Record> {
    let Ok(s) = storage() else { return Vec::new() };
    let at = crate::clock::now_ms();
    let mut out = Vec::new();
    for key in app_keys() {
        let Ok(Some(text)) = s.get_item(&key) else {
            continue;
        };
        let kind = Kind::of_key(&key);
        let parsed = serde_json::from_str::<Json>(&text);
        let readable = match (&kind, &parsed) {
            (Some(kind), Ok(v)) => rec::check(*kind, &key, v).map_err(|e| e.to_string()),
            (None, _) => Err("khóa không thuộc phiên bản này của ứng dụng".into()),
            (_, Err(e)) => Err(format!(
                "không phải JSON hợp lệ (dòng {}, cột {})",
                e.line(),
                e.column()
            )),
        };
        match (readable, parsed) {
            (Ok(()), Ok(value)) => out.push(Record { key, value }),
            (Err(reason), _) => {
                // Kept in the backup as what it is: data that could not be read.
                let u = Unreadable {
                    key: key.clone(),
                    reason,
                    at,
                    text,
                };
                out.push(Record {
                    key: format!("{UNREADABLE_PREFIX}{at}:{key}"),
                    value: serde_json::from_str(&rec::encode(&u, 1, &tab()))
                        .expect("an encoded record is JSON"),
                });
            }
            (Ok(()), Err(_)) => unreachable!("a checked record was parsed"),
        }
    }
    out
}

/// A backup of everything the app keeps in this browser, and its file name.
pub fn backup() -> (String, String) {
    let b = Backup::new(now_iso(), records());
    (format!("sao-luu-chung-suc-{}.json", stamp()), b.to_json())
}

/// What restoring `b` would change here.
pub fn plan_restore(b: &Backup) -> Plan {
    backup::plan(b, &records())
}

/// The consolidation records of a backup are checked the app's way too (the core checks what
/// it reads of them).
pub fn check_backup(b: &Backup) -> Result<(), String> {
    for (i, r) in b.records.iter().enumerate() {
        if r.key == CONSOLIDATION_KEY {
            rec::decode_value::<StoredConsolidation>(r.value.clone()).map_err(|e| {
                let field = if e.field.is_empty() {
                    format!("records[{i}].value")
                } else {
                    format!("records[{i}].value.{}", e.field)
                };
                format!("Trường “{field}”: {} (bảng tổng hợp hồ sơ)", e.problem)
            })?;
        }
    }
    Ok(())
}

/// Writes what `plan` adds, replaces or merges. All or nothing: if the browser refuses a
/// write, what was written is undone and the message says what did not fit.
pub fn restore(b: &Backup, plan: &Plan) -> Result<usize, String> {
    let s = storage()?;
    let by_key: HashMap<&str, &Json> = b
        .records
        .iter()
        .map(|r| (r.key.as_str(), &r.value))
        .collect();
    let mut undo: Vec<(String, Option<String>)> = Vec::new();
    let mut written = 0;
    for step in &plan.steps {
        if !matches!(step.action, Action::Add | Action::Replace | Action::Merge) {
            continue;
        }
        let Some(value) = by_key.get(step.key.as_str()) else {
            continue;
        };
        let old = s.get_item(&step.key).ok().flatten();
        let old_rev = old
            .as_deref()
            .and_then(|t| rec::peek(t).ok())
            .map_or(0, |m| m.rev);
        let text = if step.kind == Kind::Unreadable {
            match value {
                Json::String(t) => t.clone(),
                v => v.to_string(),
            }
        } else if step.action == Action::Merge {
            let mine = old
                .as_deref()
                .and_then(|t| rec::decode::<Exported>(t).ok())
                .map(|(e, _)| e)
                .unwrap_or_default();
            let theirs = rec::decode_value::<Exported>((*value).clone())
                .map(|(e, _)| e)
                .unwrap_or_default();
            rec::encode(&backup::merge_exported(&mine, &theirs), old_rev + 1, &tab())
        } else {
            match rec::upgrade((*value).clone()) {
                Ok((fields, meta)) => rec::encode_fields(fields, old_rev.max(meta.rev) + 1, &tab()),
                Err(e) => return Err(format!("{}: {e}", step.name)),
            }
        };
        if let Err(err) = s.set_item(&step.key, &text) {
            // Undo: first what was added (it frees room), then what was replaced.
            undo.sort_by_key(|(_, old)| old.is_some());
            for (key, old) in undo {
                match old {
                    None => {
                        let _ = s.remove_item(&key);
                    }
                    Some(t) => {
                        let _ = s.set_item(&key, &t);
                    }
                }
            }
            return Err(format!(
                "Chưa khôi phục được: {}. Dữ liệu trên máy được giữ như trước khi khôi phục.",
                refusal(&error_name(&err), &step.name)
                    .split(". ")
                    .next()
                    .unwrap_or_default()
            ));
        }
        undo.push((step.key.clone(), old));
        written += 1;
    }
    Ok(written)
}

// ---- a message across one reload (sessionStorage) --------------------------------------------

const FLASH_KEY: &str = "chung-suc:thong-bao";

pub fn set_flash(message: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(FLASH_KEY, message);
    }
}

pub fn take_flash() -> Option<String> {
    let s = web_sys::window().and_then(|w| w.session_storage().ok().flatten())?;
    let m = s.get_item(FLASH_KEY).ok().flatten();
    let _ = s.remove_item(FLASH_KEY);
    m
}

// ---- how much is stored ------------------------------------------------------------------------

/// The app's records of one kind in localStorage: how many, and their characters (keys
/// included; browsers count the quota of this storage in characters).
#[derive(Clone, Debug, PartialEq)]
pub struct Usage {
    pub kind: Kind,
    pub count: usize,
    pub chars: usize,
}

pub fn usage() -> Vec<Usage> {
    let Ok(s) = storage() else { return Vec::new() };
    let mut by: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for key in app_keys() {
        let Some(kind) = Kind::of_key(&key) else {
            continue;
        };
        let len = s
            .get_item(&key)
            .ok()
            .flatten()
            .map_or(0, |v| v.encode_utf16().count());
        let e = by.entry(kind).or_default();
        e.0 += 1;
        e.1 += key.encode_utf16().count() + len;
    }
    by.into_iter()
        .map(|(kind, (count, chars))| Usage { kind, count, chars })
        .collect()
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    let has = js_sys::Reflect::get(&nav, &JsValue::from_str("storage"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    has.then(|| nav.storage())
}

async fn promise(p: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(p.ok()?).await.ok()
}

/// Whether the browser has promised not to clear this site's data under pressure.
pub async fn persisted() -> Option<bool> {
    promise(storage_manager()?.persisted()).await?.as_bool()
}

/// Asks the browser to keep this site's data (some browsers ask the user).
pub async fn persist() -> Option<bool> {
    promise(storage_manager()?.persist()).await?.as_bool()
}

/// What the browser says this site uses and may use, in bytes (all its storage: the offline
/// copy of the app included).
pub async fn estimate() -> Option<(f64, f64)> {
    let v = promise(storage_manager()?.estimate()).await?;
    let get = |k: &str| {
        js_sys::Reflect::get(&v, &JsValue::from_str(k))
            .ok()
            .and_then(|x| x.as_f64())
    };
    Some((get("usage")?, get("quota")?))
}
