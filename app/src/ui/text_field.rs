//! The one labelled text input: its value from a signal, each keystroke handed back, and (when
//! given) the reason it is refused, tied to it for screen readers.

use crate::ui::field_error::FieldError;
use leptos::prelude::*;

#[component]
pub fn TextField(
    id: String,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    /// When the field is left (e.g. to save what was typed).
    #[prop(optional)]
    on_change: Option<Callback<()>>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    /// Why the text is refused; shown under the field and tied to it.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// An element elsewhere that explains the field's problem (a form-level message).
    #[prop(optional, into)]
    problem: Option<(Signal<bool>, &'static str)>,
    #[prop(default = "field")] class: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let invalid = move || error.with(Option::is_some) || problem.is_some_and(|(p, _)| p.get());
    let described = {
        let error_id = error_id.clone();
        move || {
            if error.with(Option::is_some) {
                Some(error_id.clone())
            } else {
                problem
                    .filter(|(p, _)| p.get())
                    .map(|(_, id)| id.to_string())
            }
        }
    };
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            <input
                type=input_type
                id=id
                data-testid=testid
                autocomplete="off"
                prop:value=move || value.get()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:change=move |_| {
                    if let Some(c) = on_change {
                        c.run(());
                    }
                }
            />
            <FieldError id=error_id message=error />
        </div>
    }
}
