//! Layout, hash routing and the shared state (rules, workspace) provided to pages.

use crate::components::storage_alerts::StorageAlerts;
use crate::components::update_banner::UpdateBanner;
use crate::pages::{
    bo_tieu_chi::BoTieuChi, du_lieu::DuLieu, khen_thuong::KhenThuong, muc_tieu::MucTieu,
    tong_hop::TongHop, tu_danh_gia::TuDanhGia,
};
use crate::rules_ctx::RulesCtx;
use crate::storage_ctx::StorageCtx;
use crate::workspace::Workspace;
use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    TuDanhGia,
    TongHop,
    MucTieu,
    KhenThuong,
    BoTieuChi,
    DuLieu,
}

impl Route {
    /// Hash routes need no server rewrites, so the app works from any sub-path.
    fn from_hash(hash: &str) -> Route {
        match hash.trim_start_matches('#').trim_end_matches('/') {
            "/bo-tieu-chi" => Route::BoTieuChi,
            "/tong-hop" => Route::TongHop,
            "/muc-tieu" => Route::MucTieu,
            "/khen-thuong" => Route::KhenThuong,
            "/du-lieu" => Route::DuLieu,
            _ => Route::TuDanhGia,
        }
    }

    fn href(self) -> &'static str {
        match self {
            Route::TuDanhGia => "#/tu-danh-gia",
            Route::TongHop => "#/tong-hop",
            Route::MucTieu => "#/muc-tieu",
            Route::KhenThuong => "#/khen-thuong",
            Route::BoTieuChi => "#/bo-tieu-chi",
            Route::DuLieu => "#/du-lieu",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Route::TuDanhGia => "Tự đánh giá",
            Route::TongHop => "Tổng hợp",
            Route::MucTieu => "Mục tiêu phong trào",
            Route::KhenThuong => "Khen thưởng",
            Route::BoTieuChi => "Bộ tiêu chí",
            Route::DuLieu => "Dữ liệu trên máy",
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    // First: it hears of every record set aside or not saved, from the first read on.
    let sc = StorageCtx::new();
    provide_context(sc);
    let rules = RulesCtx::load();
    let ws = Workspace::new(rules);
    provide_context(rules);
    provide_context(ws);

    let route = RwSignal::new(Route::from_hash(&current_hash()));
    let listener = window_event_listener(ev::hashchange, move |_| {
        route.set(Route::from_hash(&current_hash()));
    });
    // Unsaved typing is written before the page goes away (tab closed, reloaded, hidden).
    let pagehide = window_event_listener(ev::pagehide, move |_| ws.flush());
    // Another tab changed storage: the same drafts here, and its newer version of the open
    // draft is taken (or, over unsaved changes here, shown as a conflict).
    let storage = window_event_listener(ev::storage, move |e| {
        let key = e.key();
        sc.on_storage(key.clone());
        ws.on_storage(key);
    });
    on_cleanup(move || {
        listener.remove();
        pagehide.remove();
        storage.remove();
    });

    Effect::new(move |_| {
        document().set_title(match route.get() {
            Route::TuDanhGia => "Tự đánh giá xã — Chung Sức",
            Route::TongHop => "Tổng hợp hồ sơ xã — Chung Sức",
            Route::MucTieu => "Mục tiêu phong trào — Chung Sức",
            Route::KhenThuong => "Khen thưởng — Chung Sức",
            Route::BoTieuChi => "Bộ tiêu chí — Chung Sức",
            Route::DuLieu => "Dữ liệu trên máy — Chung Sức",
        });
    });

    let nav_link = move |r: Route| {
        view! {
            <a
                href=r.href()
                class="nav-link"
                aria-current=move || (route.get() == r).then_some("page")
            >
                {r.label()}
            </a>
        }
    };

    view! {
        <a class="skip-link" href="#noi-dung" on:click=move |ev| {
            // The hash is the router's; move focus without changing it.
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("noi-dung") {
                use wasm_bindgen::JsCast;
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>"Bỏ qua, tới nội dung chính"</a>
        <header class="site-header">
            <div class="site-brand">
                <img src="./icon.svg" alt="" width="40" height="40" class="site-logo" />
                <p class="site-title">
                    <strong class="site-name">"Chung Sức"</strong>
                    <span class="site-sep">" — "</span>
                    <span class="site-tagline">
                        "Phong trào thi đua “Chung sức xây dựng nông thôn mới” tỉnh Hà Nam 2021–2025"
                    </span>
                </p>
            </div>
            <nav class="site-nav" aria-label="Chức năng chính">
                {nav_link(Route::TuDanhGia)}
                {nav_link(Route::TongHop)}
                {nav_link(Route::MucTieu)}
                {nav_link(Route::KhenThuong)}
                {nav_link(Route::BoTieuChi)}
                {nav_link(Route::DuLieu)}
            </nav>
        </header>
        <UpdateBanner />
        <StorageAlerts on_data_page=Signal::derive(move || route.get() == Route::DuLieu) />
        <main id="noi-dung" tabindex="-1" class="site-main">
            {move || match route.get() {
                Route::TuDanhGia => view! { <TuDanhGia /> }.into_any(),
                Route::TongHop => view! { <TongHop /> }.into_any(),
                Route::MucTieu => view! { <MucTieu /> }.into_any(),
                Route::KhenThuong => view! { <KhenThuong /> }.into_any(),
                Route::BoTieuChi => view! { <BoTieuChi /> }.into_any(),
                Route::DuLieu => view! { <DuLieu /> }.into_any(),
            }}
        </main>
        <footer class="site-footer no-print">
            <p>
                "Dữ liệu chỉ lưu trong trình duyệt này ("
                <a href="#/du-lieu">"sao lưu, khôi phục"</a>
                "). Mọi kết luận đều kèm căn cứ; chỉ tiêu thiếu số liệu không bao giờ được tính là đạt."
            </p>
        </footer>
    }
}
