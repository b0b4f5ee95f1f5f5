//! How far a rule was checked against its source; unverified ones stand out.

use leptos::prelude::*;
use ntm_core::Status;

fn class_and_icon(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Verified => ("tag tag-verified", "✓"),
        Status::Partial => ("tag tag-partial", "◐"),
        Status::Unverified => ("tag tag-unverified", "⚠"),
        Status::NotFound => ("tag tag-not-found", "⚠"),
    }
}

#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let (class, icon) = class_and_icon(status);
    view! {
        <span class=class title="Tình trạng xác minh căn cứ của quy định này">
            <span aria-hidden="true">{icon}</span>
            " Căn cứ: "
            {status.label_vi()}
        </span>
    }
}
