//! Pieces every table shares.

use leptos::prelude::*;

/// Header cells of a table, each `scope="col"` (for screen readers).
pub fn header_cells(headers: &[&'static str]) -> impl IntoView {
    headers
        .iter()
        .map(|h| view! { <th scope="col">{*h}</th> })
        .collect_view()
}
