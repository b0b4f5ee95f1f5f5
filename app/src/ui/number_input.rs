//! The one number field: text typed the Vietnamese way, read by the core's input kernel
//! (`Kind::parse_number`), its refusal shown under it and never counted as a value.

use crate::ui::field_error::FieldError;
use leptos::html;
use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::text::sentence;

/// A further rule of the field beyond its kind's (e.g. a bound of its own), as a reason.
pub type ExtraCheck = Callback<f64, Result<(), String>>;

/// What typed text stands for: `Ok(None)` when blank, the value, or the reason in Vietnamese.
pub fn read(kind: Kind, text: &str, check: Option<ExtraCheck>) -> Result<Option<f64>, String> {
    match kind.parse_number(text) {
        Ok(Some(v)) => match check.map(|c| c.run(v)) {
            Some(Err(e)) => Err(e),
            _ => Ok(Some(v)),
        },
        Ok(None) => Ok(None),
        Err(p) => Err(sentence(&p.message_vi(kind))),
    }
}

/// Every keystroke hands `on_text` the typed text and the value it stands for (`None` when
/// blank or refused: a refused text is shown with its reason and is not counted).
#[component]
pub fn NumberInput(
    id: String,
    kind: Kind,
    /// The text shown first: what was typed and kept, else `kind.show(value)`.
    initial: String,
    on_text: Callback<(String, Option<f64>)>,
    #[prop(optional)] check: Option<ExtraCheck>,
    #[prop(optional, into)] testid: Option<String>,
    /// Default: the test id followed by `-error`.
    #[prop(optional, into)]
    error_testid: Option<String>,
    /// Default (also when empty): the kind's own unit (`%`, `đ`).
    #[prop(optional, into)]
    suffix: Option<String>,
    /// Ids of other elements describing the field (its requirement, its hint).
    #[prop(optional, into)]
    described_by: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// Accessible name, for a field without a `<label for>`.
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let error = RwSignal::new(read(kind, &initial, check).err());
    let input_ref = NodeRef::<html::Input>::new();
    let error_id = format!("{id}-error");
    let error_testid = error_testid.or_else(|| testid.as_ref().map(|t| format!("{t}-error")));
    // Empty props are "not given": a wrapper may pass its own optional values through.
    let suffix = suffix
        .filter(|s| !s.is_empty())
        .or_else(|| kind.suffix().map(String::from));
    let described_by = described_by.filter(|d| !d.is_empty());

    let commit = move |text: String| {
        let value = match read(kind, &text, check) {
            Ok(v) => {
                error.set(None);
                v
            }
            Err(e) => {
                error.set(Some(e));
                None
            }
        };
        on_text.run((text, value));
    };
    // Money is written back with its thousands marks once the field is left.
    let on_change = move |ev| {
        if kind != Kind::Money {
            return;
        }
        let text = event_target_value(&ev);
        if let Ok(Some(v)) = read(kind, &text, check) {
            let pretty = kind.show(v);
            if pretty != text {
                if let Some(input) = input_ref.get() {
                    input.set_value(&pretty);
                }
                commit(pretty);
            }
        }
    };
    let described = {
        let error_id = error_id.clone();
        move || {
            let mut ids: Vec<String> = described_by.iter().cloned().collect();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };

    view! {
        <div class="field-control">
            <div class="input-wrap">
                <input
                    type="text"
                    id=id
                    class="num-input"
                    inputmode=kind.inputmode()
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=testid
                    placeholder=placeholder
                    aria-label=label
                    value=initial
                    node_ref=input_ref
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    on:input=move |ev| commit(event_target_value(&ev))
                    on:change=on_change
                />
                {suffix.map(|s| view! { <span class="suffix" aria-hidden="true">{s}</span> })}
            </div>
            <FieldError
                id=error_id
                testid=error_testid.unwrap_or_default()
                message=error
                consequence="Giá trị này chưa được tính."
            />
        </div>
    }
}
