//! The deployment's rules file, shipped beside the app (`bo-tieu-chi.json`, see
//! docs/rules-format.md): fetched from this origin once at start, before the app mounts, so no
//! verdict is ever computed with rules the deployment replaces.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Its name in the served folder (written there by scripts/deploy-rules.sh).
pub const DEPLOYED_FILE: &str = "bo-tieu-chi.json";

/// What the deployment ships.
#[derive(Clone, Debug, PartialEq)]
pub enum Deployed {
    /// No rules file: the built-in rules, silently.
    None,
    Text(String),
    /// Named by index.html but not readable: why, in Vietnamese.
    Unreadable(String),
}

/// index.html names the file only when it is shipped (scripts/precache.mjs), so an app without
/// one makes no request for it.
fn shipped_url() -> Option<String> {
    let meta = document()
        .query_selector("meta[name=\"chung-suc-bo-tieu-chi\"]")
        .ok()
        .flatten()?;
    meta.get_attribute("content").filter(|u| !u.is_empty())
}

/// Reads the deployment's rules file (the service worker answers offline).
pub async fn load() -> Deployed {
    let Some(url) = shipped_url() else {
        return Deployed::None;
    };
    match fetch_text(&url).await {
        Ok(t) => Deployed::Text(t),
        Err(e) => Deployed::Unreadable(e),
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let offline = || "không kết nối được máy chủ".to_string();
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| offline())?
        .dyn_into()
        .map_err(|_| offline())?;
    if !resp.ok() {
        return Err(format!("máy chủ trả lời mã {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| offline())?)
        .await
        .map_err(|_| offline())?;
    text.as_string()
        .ok_or_else(|| "tệp không phải văn bản".to_string())
}
