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
//! Every read and write goes through `backend` (gloo-storage, guarded: it never panics, and it
//! tells a full quota from other refusals).

use crate::infra::clock;
use backend::{ReadError, Refusal};
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

mod backend;
mod backup_file;
mod consolidation;
mod district_inputs;
mod drafts;
mod figures;
mod flash;
mod nominations;
mod rules;
mod unreadable;
mod usage;

pub use backup_file::*;
pub use consolidation::*;
pub use district_inputs::*;
pub use drafts::*;
pub use figures::*;
pub use flash::*;
pub use nominations::*;
pub use rules::*;
pub use unreadable::*;
pub use usage::*;

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

/// A refused write in words: quota is the usual cause and needs a different action.
fn refusal(why: &Refusal, what: &str) -> String {
    let keep = "Những gì đã lưu trước đó vẫn còn nguyên; phần vừa sửa mới chỉ có trên màn hình này — hãy bấm “Tải phần chưa lưu (JSON)” để giữ lại.";
    match why {
        Refusal::Quota => format!("Bộ nhớ của trình duyệt đã đầy nên chưa lưu được {what}. {keep} Sau đó giải phóng chỗ: xóa bớt hồ sơ nháp cũ đã xuất, hoặc tải tệp sao lưu ở trang “Dữ liệu trên máy”."),
        // Nothing was ever stored here, and the page says so once (`storage_available`).
        Refusal::Unavailable => format!("Chưa lưu được {what}: {}", backend::UNAVAILABLE),
        Refusal::Other(name) => format!(
            "Trình duyệt từ chối ghi {what} ({}). {keep}",
            if name.is_empty() {
                "không rõ lý do"
            } else {
                name
            }
        ),
    }
}

/// Whether this browser lets the app keep anything at all.
pub fn storage_available() -> bool {
    backend::available()
}

/// Every key of the app in localStorage.
fn app_keys() -> Vec<String> {
    backend::keys()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

// ---- setting aside what cannot be read -------------------------------------------------------

/// Moves the record under `key` aside (with `reason`); it is never deleted. If even that cannot
/// be written, the record stays where it is and is listed as it is.
fn set_aside(key: &str, text: &str, reason: &str) {
    forget(key);
    let at = clock::now_ms();
    let mut aside = format!("{UNREADABLE_PREFIX}{at}:{key}");
    let mut n = 2;
    while backend::has(&aside) {
        aside = format!("{UNREADABLE_PREFIX}{at}-{n}:{key}");
        n += 1;
    }
    let record = Unreadable {
        key: key.to_string(),
        reason: reason.to_string(),
        at,
        text: text.to_string(),
    };
    if backend::set(&aside, &rec::encode_value(&record, 1, &tab())).is_ok() {
        let _ = backend::delete(key);
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
    Some(match backend::record::<T>(key) {
        Ok(None) => return None,
        Ok(Some((t, meta))) => {
            if take {
                remember(key, &meta);
            }
            Ok(t)
        }
        Err(ReadError::Unavailable) => Err(backend::UNAVAILABLE.to_string()),
        Err(ReadError::Unread(u)) => {
            set_aside(key, &u.text, &u.reason);
            Err(format!("{}; bản lưu đã được chuyển sang mục “Dữ liệu không đọc được” ở trang “Dữ liệu trên máy”, không bị xóa", u.reason))
        }
    })
}

/// How an entry checks a stored record at start (`crate::entry::Entry::check_record`): `None`
/// leaves the kind to an entry that reads it (the full entry checks every kind).
pub type Check = fn(Kind, &str, &Json) -> Option<Result<(), rec::RecordError>>;

/// Every record of the app is read once at start (drafts by the drafts list, the consolidation
/// by its page); those that cannot be read are set aside now rather than when a page opens.
pub fn sweep(check: Check) {
    for key in app_keys() {
        let Some(kind) = Kind::of_key(&key) else {
            continue;
        };
        if matches!(kind, Kind::Draft | Kind::Consolidation | Kind::Unreadable) {
            continue;
        }
        match backend::get_json(&key) {
            Ok(Some(v)) => {
                if let Some(Err(e)) = check(kind, &key, &v) {
                    set_aside(
                        &key,
                        &backend::text(&key).unwrap_or_default(),
                        &e.to_string(),
                    );
                }
            }
            Err(ReadError::Unread(u)) => set_aside(&key, &u.text, &u.reason),
            Ok(None) | Err(ReadError::Unavailable) => {}
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
fn single_backup(key: &str, value: Json) -> String {
    Backup::new(
        clock::now_iso(),
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
    let mine = known(key);
    let mut base = mine.as_ref().map_or(0, |(rev, _)| *rev);
    match backend::record::<T>(key) {
        Ok(Some((_, meta))) => {
            // A tab that never read this record (a new draft, an imported unit) writes over
            // it knowingly; one that did must still have the stored revision in hand.
            if let Some((rev, by)) = &mine {
                if meta.rev != *rev || meta.by != *by {
                    let message = format!(
                        "{} vừa được lưu ở một thẻ (tab) khác của ứng dụng, nên thẻ này không ghi đè. Thay đổi ở thẻ này chưa được lưu: hãy bấm “Tải phần chưa lưu (JSON)” để giữ lại, rồi tải lại trang để xem bản mới.",
                        capitalise(what)
                    );
                    let unsaved = rec::encode_value(payload, meta.rev.max(*rev) + 1, &tab());
                    emit(Event::Unsaved(Unsaved {
                        key: key.to_string(),
                        what: what.to_string(),
                        message: message.clone(),
                        conflict: true,
                        file_name: format!("chua-luu-{}-{}.json", file_slug(key), clock::stamp()),
                        text: single_backup(key, unsaved),
                    }));
                    return Err(WriteError::Conflict(message));
                }
            }
            base = base.max(meta.rev);
        }
        Err(ReadError::Unread(u)) => {
            set_aside(key, &u.text, &u.reason);
            if backend::has(key) {
                return Err(WriteError::Refused(format!(
                    "Chưa lưu được {what}: bản đang lưu không đọc được và chưa chuyển sang chỗ riêng được, nên không ghi đè."
                )));
            }
        }
        // No storage at all: the write below is refused and its data offered as a file.
        Ok(None) | Err(ReadError::Unavailable) => {}
    }
    let meta = Meta {
        schema: SCHEMA,
        rev: base + 1,
        by: tab(),
    };
    let value = rec::encode_value(payload, meta.rev, &meta.by);
    match backend::set(key, &value) {
        Ok(()) => {
            remember(key, &meta);
            emit(Event::Saved(key.to_string()));
            Ok(())
        }
        Err(why) => {
            let message = refusal(&why, what);
            emit(Event::Unsaved(Unsaved {
                key: key.to_string(),
                what: what.to_string(),
                message: message.clone(),
                conflict: false,
                file_name: format!("chua-luu-{}-{}.json", file_slug(key), clock::stamp()),
                text: single_backup(key, value),
            }));
            Err(WriteError::Refused(message))
        }
    }
}

fn capitalise(s: &str) -> String {
    ntm_core::text::upper_first(s)
}

/// A setting: last write wins, a failure only costs the setting.
fn put_setting<T: Serialize>(key: &str, payload: &T) {
    let _ = backend::set(key, &rec::encode_value(payload, 1, &tab()));
}
