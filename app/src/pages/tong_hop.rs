//! Tổng hợp: a district or the province imports many commune dossiers and consolidates them.

use leptos::prelude::*;

#[component]
pub fn TongHop() -> impl IntoView {
    view! {
        <div class="page page-tong-hop">
            <h1 class="page-title">"Tổng hợp hồ sơ tự đánh giá của các xã"</h1>
        </div>
    }
}
