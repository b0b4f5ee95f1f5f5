//! Chung Sức — browser app for Hà Nam's "Chung sức xây dựng nông thôn mới" movement.
//! A thin shell over `ntm_core`: every rule and verdict comes from the core.
//!
//! Built as more than one WASM entry (docs/architecture.md, "Entries"): each `[[bin]]` starts
//! the same shell with the pages it carries, so a commune's first load holds only its page.

// A library only so that each entry links the pages it names: its `new()`s read storage and
// create reactive state, which a `Default` would hide.
#![allow(clippy::new_without_default)]

pub mod app;
pub mod bo_tieu_chi;
pub mod du_lieu;
pub mod entry;
pub mod infra;
pub mod khen_thuong;
pub mod muc_tieu;
pub mod routes;
pub mod tong_hop;
pub mod tu_danh_gia;
pub mod ui;

/// Mounts the app with the pages of entry `E`, once the deployment's rules file is read.
pub fn start<E: entry::Entry>() {
    // The release build's panics are bare traps (scripts/build.sh; boot.js says so); other
    // builds print the panic to the console.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    // The deployment's rules file comes first: no verdict is computed with rules it replaces.
    wasm_bindgen_futures::spawn_local(async {
        let deployed = infra::deployed::load().await;
        leptos::mount::mount_to_body(move || app::app::<E>(deployed));
        // Rendering is synchronous, so the page is usable now; tests wait for this flag.
        if let Some(body) = leptos::prelude::document().body() {
            if let Some(loading) = leptos::prelude::document().get_element_by_id("loading") {
                loading.remove();
            }
            let _ = body.set_attribute("data-ready", "1");
        }
    });
}
