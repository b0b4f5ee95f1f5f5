//! The one-line notices under a form or a file input: an error (announced at once) or a
//! confirmation (announced politely), shown while their message is `Some`.

use leptos::prelude::*;

/// What went wrong, e.g. a refused file, named and explained.
#[component]
pub fn ErrorAlert(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <p class="alert alert-error" role="alert" data-testid=testid.clone()>{m}</p> }
        })
    }
}

/// What was done, e.g. "Đã nhập tệp …".
#[component]
pub fn OkAlert(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <p class="alert alert-ok" role="status" data-testid=testid.clone()>{m}</p> }
        })
    }
}
