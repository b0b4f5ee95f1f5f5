//! Outcome badges: text, an icon and a colour, so colour is never the only signal.

use leptos::prelude::*;
use ntm_core::Outcome;

fn icon(code: &str) -> &'static str {
    match code {
        "dat" => "✓",
        "chua_dat" => "✗",
        "thieu_nguong" => "!",
        "khong_hop_le" => "⚠",
        _ => "?",
    }
}

/// A badge whose outcome may change; `code` is `Outcome::code()` or `CriterionOutcome::code()`.
#[component]
pub fn OutcomeBadge(
    code: Signal<&'static str>,
    label: Signal<&'static str>,
    #[prop(optional)] testid: Option<String>,
) -> impl IntoView {
    view! {
        <span
            class=move || format!("badge badge-{}", code.get())
            data-testid=testid
            data-outcome=move || code.get()
        >
            <span class="badge-icon" aria-hidden="true">
                {move || icon(code.get())}
            </span>
            {move || label.get()}
        </span>
    }
}

/// A badge for a fixed indicator outcome (print report, lists).
pub fn outcome_badge_static(o: Outcome) -> impl IntoView {
    view! {
        <span class=format!("badge badge-{}", o.code())>
            <span class="badge-icon" aria-hidden="true">
                {icon(o.code())}
            </span>
            {o.label_vi()}
        </span>
    }
}
