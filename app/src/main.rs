//! Chung Sức — browser app for Hà Nam's "Chung sức xây dựng nông thôn mới" movement.
//! A thin shell over `ntm_core`: every rule and verdict comes from the core.

mod app;
mod bo_tieu_chi;
mod du_lieu;
mod infra;
mod khen_thuong;
mod muc_tieu;
mod routes;
mod tong_hop;
mod tu_danh_gia;
mod ui;

fn main() {
    console_error_panic_hook::set_once();
    // The deployment's rules file comes first: no verdict is computed with rules it replaces.
    wasm_bindgen_futures::spawn_local(async {
        let deployed = infra::deployed::load().await;
        leptos::mount::mount_to_body(move || leptos::view! { <app::App deployed /> });
        // Rendering is synchronous, so the page is usable now; tests wait for this flag.
        if let Some(body) = leptos::prelude::document().body() {
            if let Some(loading) = leptos::prelude::document().get_element_by_id("loading") {
                loading.remove();
            }
            let _ = body.set_attribute("data-ready", "1");
        }
    });
}
