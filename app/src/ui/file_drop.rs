//! Choosing a JSON file: a labelled file input, plus a zone to drop the file onto. The size
//! limit is stated under the hint and checked before the file is read.

use crate::infra::download::{limit_text, read_text, ChosenFile, MAX_IMPORT_BYTES};
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
    on_file: Callback<ChosenFile>,
) -> impl IntoView {
    let max_bytes = max_bytes.unwrap_or(MAX_IMPORT_BYTES);
    let dragging = RwSignal::new(false);
    let take = move |file: Option<web_sys::File>| {
        if let Some(file) = file {
            spawn_local(async move {
                let chosen = read_text(file, max_bytes).await;
                on_file.run(chosen);
            });
        }
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
                accept=".json,application/json"
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
