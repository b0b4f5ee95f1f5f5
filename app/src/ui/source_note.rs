//! The legal source of a rule (linked when it has an address) and its note.

use leptos::prelude::*;

#[component]
pub fn SourceNote(citation: String, url: Option<String>, note: Option<String>) -> impl IntoView {
    let source = match url {
        Some(href) => view! {
            <a href=href target="_blank" rel="noopener noreferrer">
                {citation}
            </a>
        }
        .into_any(),
        None => view! { <span>{citation}</span> }.into_any(),
    };
    view! {
        <p class="source">
            <span class="source-label">"Căn cứ: "</span>
            {source}
        </p>
        {note.map(|n| view! { <p class="note">"Ghi chú: " {n}</p> })}
    }
}
