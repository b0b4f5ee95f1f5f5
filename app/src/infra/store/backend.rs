//! The one door to the browser's Web Storage; every store reads and writes through it.
//!
//! Records go through gloo-storage (typed get, set, delete). gloo panics when the browser has no
//! storage (switched off, blocked, sandboxed), so availability is checked once, before any gloo
//! call, and every function here answers [`Refusal::Unavailable`] instead of calling it. A write
//! the browser refuses keeps the DOMException name gloo reports, which tells a full quota
//! (`QuotaExceededError`, Firefox's older `NS_ERROR_DOM_QUOTA_REACHED`) from other refusals.
//! Text that must stay exactly as stored (a record set aside, a write undone, a size) goes
//! through the same Storage object gloo uses (`LocalStorage::raw`).

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, SessionStorage, Storage};
use ntm_core::storage::{self as rec, Meta};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::JsValue;

thread_local! {
    /// Whether localStorage can be used at all: asked once (the getter itself throws when blocked).
    static LOCAL: bool = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some();
    static SESSION: bool = web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .is_some();
}

/// Whether localStorage can be used (asked once).
pub fn available() -> bool {
    LOCAL.with(|a| *a)
}

/// What the user is told when the browser keeps nothing.
pub const UNAVAILABLE: &str =
    "Trình duyệt không cho phép lưu dữ liệu (bộ nhớ cục bộ bị tắt, bị chặn hoặc đang ở chế độ riêng tư).";

/// Why the browser did not store something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// There is no localStorage at all.
    Unavailable,
    /// The storage is full.
    Quota,
    /// Any other refusal, by the browser's name for it ("" when it gave none).
    Other(String),
}

impl Refusal {
    fn of_name(name: &str) -> Refusal {
        // Chromium and WebKit say QuotaExceededError; Firefox before 2020 NS_ERROR_DOM_QUOTA_REACHED.
        if name.to_ascii_lowercase().contains("quota") {
            Refusal::Quota
        } else {
            Refusal::Other(name.to_string())
        }
    }

    fn of_gloo(e: StorageError) -> Refusal {
        match e {
            StorageError::JsError(js) => Refusal::of_name(&js.name),
            StorageError::SerdeError(_) | StorageError::KeyNotFound(_) => {
                Refusal::Other(String::new())
            }
        }
    }

    fn of_js(e: &JsValue) -> Refusal {
        let name = js_sys::Reflect::get(e, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        Refusal::of_name(&name)
    }
}

/// A stored record that could not be read: why, and its text exactly as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Unread {
    pub reason: String,
    pub text: String,
}

/// Why a record was not read.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    Unavailable,
    Unread(Unread),
}

impl ReadError {
    pub fn message(&self) -> String {
        match self {
            ReadError::Unavailable => UNAVAILABLE.to_string(),
            ReadError::Unread(u) => u.reason.clone(),
        }
    }
}

fn unread(key: &str, reason: String) -> ReadError {
    ReadError::Unread(Unread {
        reason,
        text: text(key).unwrap_or_default(),
    })
}

/// The words for text that is not JSON, with where it breaks.
pub fn not_json(e: &serde_json::Error) -> String {
    format!(
        "không phải JSON hợp lệ (dòng {}, cột {})",
        e.line(),
        e.column()
    )
}

/// The value stored under `key` (`None`: nothing is).
pub fn get_json(key: &str) -> Result<Option<Json>, ReadError> {
    if !available() {
        return Err(ReadError::Unavailable);
    }
    match LocalStorage::get::<Json>(key) {
        Ok(v) => Ok(Some(v)),
        Err(StorageError::KeyNotFound(_)) => Ok(None),
        Err(StorageError::SerdeError(e)) => Err(unread(key, not_json(&e))),
        Err(StorageError::JsError(e)) => Err(unread(key, e.message)),
    }
}

/// The record of type `T` under `key`, brought to the current layout, with its envelope.
pub fn record<T: DeserializeOwned>(key: &str) -> Result<Option<(T, Meta)>, ReadError> {
    match get_json(key)? {
        None => Ok(None),
        Some(v) => rec::decode_value::<T>(v)
            .map(Some)
            .map_err(|e| unread(key, e.to_string())),
    }
}

/// Writes `value` (as JSON) under `key`; on a refusal what was stored is untouched.
pub fn set<T: Serialize + ?Sized>(key: &str, value: &T) -> Result<(), Refusal> {
    if !available() {
        return Err(Refusal::Unavailable);
    }
    LocalStorage::set(key, value).map_err(Refusal::of_gloo)
}

pub fn delete(key: &str) -> Result<(), Refusal> {
    if !available() {
        return Err(Refusal::Unavailable);
    }
    LocalStorage::delete(key);
    Ok(())
}

/// The text stored under `key`, exactly as it is.
pub fn text(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Writes `text` under `key` exactly as it is (a record set aside or put back).
pub fn set_text(key: &str, text: &str) -> Result<(), Refusal> {
    if !available() {
        return Err(Refusal::Unavailable);
    }
    LocalStorage::raw()
        .set_item(key, text)
        .map_err(|e| Refusal::of_js(&e))
}

pub fn has(key: &str) -> bool {
    text(key).is_some()
}

/// Every key in localStorage (the app's and any other).
pub fn keys() -> Vec<String> {
    if !available() {
        return Vec::new();
    }
    let s = LocalStorage::raw();
    (0..LocalStorage::length())
        .filter_map(|i| s.key(i).ok().flatten())
        .collect()
}

/// Characters stored under `key`, key included (browsers count this storage's quota so).
pub fn chars(key: &str) -> usize {
    key.encode_utf16().count() + text(key).map_or(0, |t| t.encode_utf16().count())
}

/// sessionStorage: a message across one reload; losing it costs nothing.
pub fn session_set(key: &str, message: &str) {
    if SESSION.with(|a| *a) {
        let _ = SessionStorage::set(key, message);
    }
}

pub fn session_take(key: &str) -> Option<String> {
    if !SESSION.with(|a| *a) {
        return None;
    }
    let m = SessionStorage::get::<String>(key).ok();
    SessionStorage::delete(key);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_quota_is_told_from_other_refusals() {
        assert_eq!(Refusal::of_name("QuotaExceededError"), Refusal::Quota);
        assert_eq!(
            Refusal::of_name("NS_ERROR_DOM_QUOTA_REACHED"),
            Refusal::Quota
        );
        assert_eq!(
            Refusal::of_name("SecurityError"),
            Refusal::Other("SecurityError".into())
        );
        assert_eq!(Refusal::of_name(""), Refusal::Other(String::new()));
    }
}
