//! How much is stored, and what the browser promises about it.

use super::*;

/// The app's records of one kind in localStorage: how many, and their characters (keys
/// included; browsers count the quota of this storage in characters).
#[derive(Clone, Debug, PartialEq)]
pub struct Usage {
    pub kind: Kind,
    pub count: usize,
    pub chars: usize,
}

pub fn usage() -> Vec<Usage> {
    let mut by: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for key in app_keys() {
        let Some(kind) = Kind::of_key(&key) else {
            continue;
        };
        let e = by.entry(kind).or_default();
        e.0 += 1;
        e.1 += backend::chars(&key);
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
