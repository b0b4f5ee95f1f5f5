//! The app's file side effects: saving bytes as a download and reading a chosen file as text.

use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Largest file an import reads; bigger ones are refused before reading.
pub const MAX_IMPORT_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Offers `bytes` as a download named `file_name`.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), String> {
    let fail = |_| format!("Không tạo được tệp “{file_name}” để tải xuống.");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| fail(wasm_bindgen::JsValue::NULL))?;
    body.append_child(&a).map_err(fail)?;
    a.click();
    a.remove();
    // The browser has taken its copy once the click is handled; free the URL a little later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
    Ok(())
}

/// A file the user chose, read as text (or why it was not read).
pub struct ChosenFile {
    pub name: String,
    pub text: Result<String, String>,
}

/// A file the user chose, read as bytes (an Excel workbook), or why it was not read.
pub struct ChosenBytes {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Why a file over `max_bytes` is not read.
fn too_big(file: &web_sys::File, max_bytes: f64) -> Option<String> {
    (file.size() > max_bytes).then(|| {
        format!(
            "tệp nặng {} MB, vượt giới hạn {} nên không được đọc",
            ntm_core::text::format_decimal((file.size() / 104_857.6).round() / 10.0),
            limit_text(max_bytes)
        )
    })
}

/// Reads `file` as UTF-8 text, refusing files over `max_bytes` before reading anything.
pub async fn read_text(file: web_sys::File, max_bytes: f64) -> ChosenFile {
    let name = file.name();
    if let Some(e) = too_big(&file, max_bytes) {
        return ChosenFile { name, text: Err(e) };
    }
    let text = gloo_file::futures::read_as_text(&gloo_file::Blob::from(file))
        .await
        .map_err(|_| "không đọc được tệp".to_string());
    ChosenFile { name, text }
}

/// Reads `file` as bytes, with the same size limit as `read_text`.
pub async fn read_bytes(file: web_sys::File, max_bytes: f64) -> ChosenBytes {
    let name = file.name();
    if let Some(e) = too_big(&file, max_bytes) {
        return ChosenBytes {
            name,
            bytes: Err(e),
        };
    }
    let bytes = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file))
        .await
        .map_err(|_| "không đọc được tệp".to_string());
    ChosenBytes { name, bytes }
}

/// "5 MB".
pub fn limit_text(max_bytes: f64) -> String {
    format!(
        "{} MB",
        ntm_core::text::format_decimal((max_bytes / 104_857.6).round() / 10.0)
    )
}
