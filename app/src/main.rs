//! Chung Sức — browser app for Hà Nam's "Chung sức xây dựng nông thôn mới" movement.
//! A thin shell over `ntm_core`: every rule and verdict comes from the core.

mod app;
mod clock;
mod components;
mod consolidation;
mod download;
mod fields;
mod figures_ctx;
mod fold;
mod nominations_ctx;
mod pages;
mod rules_ctx;
mod storage_ctx;
mod store;
mod workspace;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    // Rendering is synchronous, so the page is usable now; tests wait for this flag.
    if let Some(body) = leptos::prelude::document().body() {
        if let Some(loading) = leptos::prelude::document().get_element_by_id("loading") {
            loading.remove();
        }
        let _ = body.set_attribute("data-ready", "1");
    }
}
