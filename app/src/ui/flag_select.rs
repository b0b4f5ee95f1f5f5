//! The one yes/no field: "— Chưa nhập —" / yes / no, as "" / "true" / "false".

use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::Value;

/// What the select's value stands for (`None` = not entered), read by the core's kernel.
pub fn read(text: &str) -> Option<bool> {
    match Kind::Boolean.parse(text) {
        Ok(Some(Value::Bool(b))) => Some(b),
        _ => None,
    }
}

#[component]
pub fn FlagSelect(
    id: String,
    initial: Option<bool>,
    on_change: Callback<Option<bool>>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(default = "Có")] yes_label: &'static str,
    #[prop(default = "Không")] no_label: &'static str,
    /// What the empty choice says ("— Chưa nhập —", or "Chưa có ngưỡng" for a threshold).
    #[prop(default = "— Chưa nhập —")]
    blank_label: &'static str,
    #[prop(optional, into)] described_by: Option<String>,
    /// Accessible name, for a field without a `<label for>`.
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field-control">
            <select
                id=id
                class="flag-select"
                data-testid=testid
                aria-label=label
                aria-describedby=described_by.filter(|d| !d.is_empty())
                on:change=move |ev| on_change.run(read(&event_target_value(&ev)))
            >
                <option value="" selected=initial.is_none()>
                    {blank_label}
                </option>
                <option value="true" selected=initial == Some(true)>
                    {yes_label}
                </option>
                <option value="false" selected=initial == Some(false)>
                    {no_label}
                </option>
            </select>
        </div>
    }
}
