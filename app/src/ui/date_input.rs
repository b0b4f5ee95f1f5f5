//! The one date field: `dd/mm/yyyy` whatever the browser's language (a browser's own date input
//! follows its locale: `mm/dd/yyyy` on an English system), read once by the core
//! (`ntm_core::text::parse_vi_date`); a refused text stays in the field with its reason.

use crate::ui::field_error::FieldError;
use leptos::prelude::*;
use ntm_core::text::{iso_to_vi_date, parse_vi_date};

/// What the field shows for a stored date: `dd/mm/yyyy`, or the text as it is.
fn shown(iso: &str) -> String {
    iso_to_vi_date(iso).unwrap_or_else(|| iso.to_string())
}

/// `value` is the ISO date kept (empty: none). `on_date` gets the ISO date (empty when cleared)
/// each time the typed text is a date; `on_invalid`, when given, gets a refused text (a form
/// that checks on submit keeps it, so the row is refused, not saved without its date).
#[component]
pub fn DateInput(
    id: String,
    /// The field's name, said in its error ("Ngày quyết định: …").
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_date: Callback<String>,
    #[prop(optional)] on_invalid: Option<Callback<String>>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional, into)] class: Option<String>,
    /// Marked invalid from outside too (a form's own check of this field).
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// A form's own reason for this field, shown when the field has none of its own.
    #[prop(optional, into)]
    form_error: Option<Signal<Option<String>>>,
    /// Ids of other elements describing the field.
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    let text = RwSignal::new(shown(&value.get_untracked()));
    let error = RwSignal::new(None::<String>);
    // A date changed elsewhere (another candidate opened, a file imported) is shown.
    Effect::new(move |_| {
        let v = value.get();
        let same =
            text.with_untracked(|t| parse_vi_date(t).ok().flatten().unwrap_or_default() == v);
        if !same && error.get_untracked().is_none() {
            text.set(shown(&v));
        }
    });
    let read = move |t: &str, on_leave: bool| match parse_vi_date(t) {
        Ok(d) => {
            error.set(None);
            on_date.run(d.unwrap_or_default());
        }
        // While typing, half a date is not yet an error; leaving the field, it is.
        Err(e) if on_leave => {
            error.set(Some(format!("{label}: {e}.")));
            if let Some(f) = on_invalid {
                f.run(t.to_string());
            }
        }
        Err(_) => {}
    };
    let shown_error =
        Signal::derive(move || error.get().or_else(|| form_error.and_then(|e| e.get())));
    let error_id = format!("{id}-error");
    let error_testid = testid.as_ref().map(|t| format!("{t}-error"));
    let described = move || {
        let mine = shown_error.with(Option::is_some).then(|| error_id.clone());
        let all = [described_by.clone(), mine]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        (!all.is_empty()).then_some(all)
    };
    let bad = move || shown_error.with(Option::is_some) || invalid.is_some_and(|i| i.get());
    view! {
        <input
            type="text"
            id=id.clone()
            class=class
            data-testid=testid
            inputmode="numeric"
            autocomplete="off"
            placeholder="ngày/tháng/năm"
            maxlength="10"
            prop:value=move || text.get()
            aria-invalid=move || bad().then_some("true")
            aria-describedby=described
            on:input=move |ev| {
                let t = event_target_value(&ev);
                text.set(t.clone());
                read(&t, false);
            }
            on:change=move |ev| {
                let t = event_target_value(&ev);
                read(&t, true);
                // A date typed another way (8/3/2022, ISO) is written back as dd/mm/yyyy.
                if let Ok(Some(iso)) = parse_vi_date(&t) {
                    text.set(shown(&iso));
                }
            }
        />
        <FieldError id=format!("{id}-error") testid=error_testid.unwrap_or_default() message=shown_error />
    }
}
