//! Layout, hash routing and the state that outlives a page: created once here and provided
//! (storage, rules, drafts; the entry `E` adds its own); pages only `expect_context` it.

use crate::bo_tieu_chi::header::RulesBadge;
use crate::bo_tieu_chi::state::RulesCtx;
use crate::du_lieu::alerts::StorageAlerts;
use crate::entry::Entry;
use crate::infra::deployed::Deployed;
use crate::infra::storage_ctx::StorageCtx;
use crate::routes::{self, ROUTES};
use crate::tu_danh_gia::state::Workspace;
use crate::ui::update_banner::UpdateBanner;
use leptos::ev;
use leptos::prelude::*;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The shell of every entry: header, menu, alerts, the page of the route, footer.
/// `deployed`: the deployment's rules file, read before mounting.
pub fn app<E: Entry>(deployed: Deployed) -> impl IntoView {
    // First: it hears of every record set aside or not saved, from the first read on.
    let sc = StorageCtx::new(E::check_record);
    provide_context(sc);
    let rules = RulesCtx::load(deployed);
    let ws = Workspace::new(rules);
    provide_context(rules);
    provide_context(ws);
    let pages = E::provide(rules, ws);

    let route = RwSignal::new(routes::from_hash(&current_hash()));
    let listener = window_event_listener(ev::hashchange, move |_| {
        route.set(routes::from_hash(&current_hash()));
    });
    // Unsaved typing is written before the page goes away (tab closed, reloaded, hidden).
    let pagehide = window_event_listener(ev::pagehide, move |_| {
        ws.flush();
        pages.flush();
    });
    // Another tab changed storage: every state takes its newer records (over unsaved changes
    // here, the open draft shows a conflict and the others keep this tab's).
    let storage = window_event_listener(ev::storage, move |e| {
        let key = e.key();
        sc.on_storage(key.clone());
        pages.on_storage(key.as_deref());
        ws.on_storage(key);
    });
    on_cleanup(move || {
        listener.remove();
        pagehide.remove();
        storage.remove();
    });

    Effect::new(move |_| document().set_title(route.get().title));
    // On a phone the menu is one row that scrolls sideways: the current page's link is shown.
    // Measured in the next frame, never in the start's task: reading a position there would lay
    // out the whole new page inside it (a long task on slow machines).
    Effect::new(move |started: Option<()>| {
        let at = ROUTES.iter().position(|r| r.hash == route.get().hash);
        // A menu starts scrolled to its first link.
        if started.is_none() && at == Some(0) {
            return;
        }
        request_animation_frame(move || {
            let link = at.and_then(|i| {
                let sel = format!(".site-nav > a:nth-child({})", i + 1);
                document().query_selector(&sel).ok().flatten()
            });
            if let Some(link) = link {
                use wasm_bindgen::JsCast;
                let link = link.unchecked_into::<web_sys::HtmlElement>();
                if let Some(nav) = link.parent_element() {
                    let nav = nav.unchecked_into::<web_sys::HtmlElement>();
                    nav.set_scroll_left(link.offset_left() - nav.offset_left() - 12);
                }
            }
        });
    });

    let nav_link = move |r: &'static routes::Route| {
        view! {
            <a
                href=r.hash
                class="nav-link"
                aria-current=move || (route.get().hash == r.hash).then_some("page")
            >
                {r.label}
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
            <RulesBadge />
            <nav class="site-nav" aria-label="Chức năng chính">
                {ROUTES.iter().map(nav_link).collect_view()}
            </nav>
        </header>
        <UpdateBanner />
        <StorageAlerts on_data_page=Signal::derive(move || route.get().hash == routes::DU_LIEU) />
        <main id="noi-dung" tabindex="-1" class="site-main">
            {move || E::page(route.get())}
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
