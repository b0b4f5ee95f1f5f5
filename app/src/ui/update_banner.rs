//! "Có phiên bản mới": a newer build is installed by the service worker (public/boot.js) and
//! waits; the official chooses when to reload. Drafts live in localStorage and are not touched.

use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Whether boot.js has announced a waiting worker.
fn waiting() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("chungSucUpdate"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false)
}

/// Asks boot.js to activate the waiting worker; the page reloads when it takes over.
fn apply() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("chungSucApplyUpdate"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window()).ok())
        .is_some_and(|v| v.as_bool() == Some(true))
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let ready = RwSignal::new(waiting());
    let dismissed = RwSignal::new(false);
    let handle = window_event_listener_untyped("chung-suc-update", move |_| {
        dismissed.set(false);
        ready.set(true);
    });
    on_cleanup(move || handle.remove());
    let update = move |_| {
        // Whatever was just typed is written before the page goes.
        ws.flush();
        if !apply() {
            let _ = window().location().reload();
        }
    };
    move || {
        (ready.get() && !dismissed.get()).then(|| {
            view! {
                <div class="update-banner no-print" role="status" data-testid="update-banner">
                    <p>
                        <strong>"Có phiên bản mới của Chung Sức."</strong>
                        " Bản nháp và dữ liệu đã lưu trên máy này được giữ nguyên khi cập nhật."
                    </p>
                    <div class="update-actions">
                        <button type="button" class="primary" data-testid="update-now" on:click=update>
                            "Tải lại để cập nhật"
                        </button>
                        <button type="button" on:click=move |_| dismissed.set(true)>
                            "Để sau"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
