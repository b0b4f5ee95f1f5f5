//! A yes/no value: "— Chưa nhập —" / yes / no as "" / "true" / "false".

use crate::tu_danh_gia::fields::parse_flag;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use ntm_core::Dossier;
use std::sync::Arc;

/// Writes the chosen value (None = not entered) into the dossier.
pub type ApplyFlag = Arc<dyn Fn(&mut Dossier, Option<bool>) + Send + Sync>;

#[component]
pub fn FlagField(
    id: String,
    testid: String,
    initial: Option<bool>,
    yes_label: &'static str,
    no_label: &'static str,
    described_by: Option<String>,
    apply: ApplyFlag,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let on_change = move |ev| {
        let value = parse_flag(&event_target_value(&ev));
        let apply = apply.clone();
        ws.edit(move |d| apply(&mut d.dossier, value));
    };
    view! {
        <div class="field-control">
            <select
                id=id
                class="flag-select"
                data-testid=testid
                aria-describedby=described_by
                on:change=on_change
            >
                <option value="" selected=initial.is_none()>
                    "— Chưa nhập —"
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
