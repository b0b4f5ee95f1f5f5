//! Pieces every table shares.

use leptos::prelude::*;

/// Header cells of a table, each `scope="col"` (for screen readers).
pub fn header_cells(headers: &[&'static str]) -> impl IntoView {
    headers
        .iter()
        .map(|h| view! { <th scope="col">{*h}</th> })
        .collect_view()
}

/// The box of a table that may be wider than the screen: it scrolls sideways, and since it takes
/// focus (named by `label`) the keyboard can scroll it too.
#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
