//! How far a rule was checked against its source; unverified ones stand out. A rule's badges
//! name the fact they speak of: "Ngưỡng: chưa có", "Mã chỉ tiêu: chưa xác minh".

use leptos::prelude::*;
use ntm_core::rules::{Badge, Standing};
use ntm_core::Status;

fn class_and_icon(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::Verified => ("tag tag-verified", "✓"),
        Standing::Partial => ("tag tag-partial", "◐"),
        Standing::Unverified => ("tag tag-unverified", "⚠"),
        Standing::NotFound | Standing::Missing => ("tag tag-not-found", "⚠"),
    }
}

/// The status of a rule that is one fact (a target, an award standard): "Căn cứ: …".
#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let (class, icon) = class_and_icon(status.into());
    view! {
        <span class=class title="Tình trạng xác minh căn cứ của quy định này">
            <span aria-hidden="true">{icon}</span>
            " Căn cứ: "
            {status.label_vi()}
        </span>
    }
}

/// One badge: which fact, and how far it was checked.
#[component]
pub fn BadgeTag(badge: Badge, #[prop(optional, into)] testid: Option<String>) -> impl IntoView {
    let (class, icon) = class_and_icon(badge.standing);
    let title = match badge.standing {
        Standing::Missing => "Bộ tiêu chí chưa có ngưỡng này — nhập theo văn bản của tỉnh",
        _ => "Tình trạng xác minh với văn bản gốc",
    };
    view! {
        <span
            class=class
            title=title
            data-testid=testid
            data-fact=format!("{:?}", badge.fact).to_ascii_lowercase()
            data-standing=badge.standing.code()
        >
            <span aria-hidden="true">{icon}</span>
            " "
            {badge.label_vi()}
        </span>
    }
}

/// An indicator's badges side by side (its threshold's, then its code's when not verified).
#[component]
pub fn BadgeTags(badges: Vec<Badge>, #[prop(into)] testid: String) -> impl IntoView {
    view! {
        <span class="badge-tags" data-testid=testid>
            {badges.into_iter().map(|badge| view! { <BadgeTag badge /> }).collect_view()}
        </span>
    }
}
