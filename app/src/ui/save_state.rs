//! What a form shows about its last save; the drafts, figures and register share it.

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the draft was opened; holds its last save time.
    Clean(f64),
    Pending,
    Saved(f64),
    Failed(String),
}

use crate::infra::clock;
use leptos::prelude::*;

impl SaveState {
    /// In words; `empty` is what a form never saved says, `reason` whether a failure says why.
    pub fn text(&self, empty: &str, reason: bool) -> String {
        match self {
            SaveState::Clean(t) | SaveState::Saved(t) if *t > 0.0 => {
                format!("Đã lưu lúc {}", clock::time(*t))
            }
            SaveState::Clean(_) | SaveState::Saved(_) => empty.to_string(),
            SaveState::Pending => "Đang lưu…".to_string(),
            SaveState::Failed(e) if reason => format!("Chưa lưu được: {e}"),
            SaveState::Failed(_) => "Chưa lưu được".to_string(),
        }
    }

    fn class(&self) -> &'static str {
        match self {
            SaveState::Failed(_) => "save-status save-failed",
            SaveState::Pending => "save-status save-pending",
            _ => "save-status",
        }
    }
}

/// Whether a form's changes are saved, announced politely as it changes.
#[component]
pub fn SaveStatus(
    state: RwSignal<SaveState>,
    testid: &'static str,
    #[prop(default = "Chưa có thay đổi")] empty: &'static str,
    /// Whether a failure shows its reason here (else a notice beside it does).
    #[prop(optional)]
    reason: bool,
) -> impl IntoView {
    view! {
        <p class=move || state.with(SaveState::class) data-testid=testid role="status">
            {move || state.with(|s| s.text(empty, reason))}
        </p>
    }
}
