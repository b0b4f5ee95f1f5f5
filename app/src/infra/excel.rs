//! Excel files through the on-demand module `ntm_excel` (app/src/excel_entry.rs): loaded by
//! `globalThis.ntmLoad` (public/boot.js) the first time an Excel button is used, never before.

use crate::infra::download::download;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use leptos::task::spawn_local;
use ntm_core::excel::{Book, MIME};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const NOT_LOADED: &str =
    "Không tải được phần xử lý tệp Excel. Hãy kiểm tra kết nối mạng rồi bấm lại.";

/// The module's exports, loaded once.
async fn module() -> Result<JsValue, String> {
    let global = js_sys::global();
    let load = Reflect::get(&global, &"ntmLoad".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(NOT_LOADED)?;
    let promise: Promise = load
        .call1(&global, &"ntm_excel".into())
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or(NOT_LOADED)?;
    JsFuture::from(promise).await.map_err(|_| NOT_LOADED.into())
}

/// Calls the module's function `name`; its error message is already Vietnamese.
fn call(module: &JsValue, name: &str, args: &Array) -> Result<JsValue, String> {
    let f: Function = Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(NOT_LOADED)?;
    f.apply(&JsValue::NULL, args).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "Không xử lý được tệp Excel.".into())
    })
}

/// The .xlsx bytes of `book`.
pub async fn workbook(book: &Book) -> Result<Vec<u8>, String> {
    let m = module().await?;
    let bytes = call(&m, "write_book", &Array::of1(&book.to_json().into()))?;
    Ok(Uint8Array::new(&bytes).to_vec())
}

/// The commune workbook of a dossier (its JSON text), made and judged by the module with the
/// active rules (their patch as JSON): the commune's entry carries no workbook code.
pub async fn commune_workbook(
    dossier_json: String,
    patch_json: String,
    today: String,
) -> Result<Vec<u8>, String> {
    let m = module().await?;
    let args = Array::of3(&dossier_json.into(), &patch_json.into(), &today.into());
    let bytes = call(&m, "write_commune", &args)?;
    Ok(Uint8Array::new(&bytes).to_vec())
}

/// Offers the workbook `make` gives as `file_name`; `done` hears the outcome (in Vietnamese).
pub fn offer(
    make: impl std::future::Future<Output = Result<Vec<u8>, String>> + 'static,
    file_name: String,
    done: impl Fn(Result<(), String>) + 'static,
) {
    spawn_local(async move {
        done(
            make.await
                .and_then(|bytes| download(&bytes, &file_name, MIME)),
        );
    });
}

/// Makes `book` and offers it as `file_name`; `done` hears the outcome (an error in Vietnamese).
pub fn download_book(book: Book, file_name: String, done: impl Fn(Result<(), String>) + 'static) {
    offer(async move { workbook(&book).await }, file_name, done);
}

/// The dossier JSON of a commune workbook, read with the active rules (their patch as JSON).
pub async fn read_commune(bytes: Vec<u8>, patch_json: String) -> Result<String, String> {
    let m = module().await?;
    let args = Array::of2(
        &Uint8Array::from(bytes.as_slice()).into(),
        &patch_json.into(),
    );
    call(&m, "read_commune", &args)?
        .as_string()
        .ok_or_else(|| "Không xử lý được tệp Excel.".into())
}
