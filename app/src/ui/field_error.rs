//! The reason under a field whose text is not accepted, tied to it by `aria-describedby`.

use leptos::prelude::*;

/// Shows `message` while it is `Some`; `id` is what the field's `aria-describedby` names.
#[component]
pub fn FieldError(
    id: String,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(into)] message: Signal<Option<String>>,
    /// Said after the reason, e.g. that the value is not counted.
    #[prop(optional)]
    consequence: Option<&'static str>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="field-error" id=id.clone() data-testid=testid.clone()>
                    <span aria-hidden="true">"⚠ "</span>
                    {m}
                    {consequence.map(|c| format!(" {c}"))}
                </p>
            }
        })
    }
}
