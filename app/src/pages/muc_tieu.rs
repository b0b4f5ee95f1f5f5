//! Mục tiêu phong trào: the plan's targets T1–T9 against the province's or a district's figures.

use leptos::prelude::*;

#[component]
pub fn MucTieu() -> impl IntoView {
    view! {
        <div class="page page-muc-tieu">
            <h1 class="page-title">"Mục tiêu phong trào thi đua đến năm 2025"</h1>
        </div>
    }
}
