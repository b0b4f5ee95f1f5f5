//! Choosing a JSON file (or an Excel workbook, read as bytes): a labelled file input, plus a zone to drop the file onto. The size
//! limit is stated under the hint and checked before the file is read.

use crate::infra::download::{
    limit_text, read_bytes, read_text, ChosenBytes, ChosenFile, MAX_IMPORT_BYTES,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[component]
pub fn FileDrop(
    input_id: &'static str,
    label: &'static str,
    hint: &'static str,
    #[prop(optional)] drop_testid: Option<&'static str>,
    /// Largest file read, in bytes (default `MAX_IMPORT_BYTES`, 5 MB).
    #[prop(optional)]
    max_bytes: Option<f64>,
    /// A JSON file, read as text.
    #[prop(optional)]
    on_file: Option<Callback<ChosenFile>>,
    /// An Excel workbook (.xlsx), read as bytes, instead of a JSON file.
    #[prop(optional)]
    on_workbook: Option<Callback<ChosenBytes>>,
) -> impl IntoView {
    let max_bytes = max_bytes.unwrap_or(MAX_IMPORT_BYTES);
    let dragging = RwSignal::new(false);
    let take = move |file: Option<web_sys::File>| {
        if let Some(file) = file {
            spawn_local(async move {
                match (on_workbook, on_file) {
                    (Some(cb), _) => cb.run(read_bytes(file, max_bytes).await),
                    (None, Some(cb)) => cb.run(read_text(file, max_bytes).await),
                    (None, None) => {}
                }
            });
        }
    };
    let accept = if on_workbook.is_some() {
        ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        ".json,application/json"
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        take(input.files().and_then(|f| f.get(0)));
        // Cleared so choosing the same file again still counts as a change.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take(
            ev.data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|f| f.get(0)),
        );
    };
    view! {
        <div
            class="file-drop"
            class:dragging=move || dragging.get()
            data-testid=drop_testid
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label for=input_id class="file-label">
                {label}
            </label>
            // The native button would speak the browser's language; this one speaks Vietnamese.
            <input
                type="file"
                id=input_id
                class="file-input"
                accept=accept
                aria-describedby=format!("{input_id}-hint")
                on:change=on_change
            />
            <label for=input_id class="btn file-button" aria-hidden="true">
                "Chọn tệp…"
            </label>

            <p class="hint" id=format!("{input_id}-hint")>
                {hint}
                {format!(" Tệp tối đa {}.", limit_text(max_bytes))}
            </p>
        </div>
    }
}
