//! A number typed the Vietnamese way ("95,5", "65.000.000"). Invalid text is kept and shown
//! with its reason, but never stored as a number.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::typed::parse_number;
use leptos::html;
use leptos::prelude::*;
use ntm_core::rules::Kind;
use ntm_core::text::format_decimal;
use ntm_core::{Dossier, Rules};
use std::sync::Arc;

/// Writes an accepted value (None = not entered) into the dossier.
pub type ApplyNumber = Arc<dyn Fn(&mut Dossier, Option<f64>) + Send + Sync>;
/// The core's verdict on a parsed number for this field.
pub type CheckNumber = Arc<dyn Fn(&Rules, f64) -> Result<(), String> + Send + Sync>;

/// The value the text stands for and, if it is not acceptable, why.
fn judge(
    rules: &RulesCtx,
    kind: Kind,
    check: &CheckNumber,
    text: &str,
) -> (Option<f64>, Option<String>) {
    match parse_number(kind, text) {
        Ok(None) => (None, None),
        Ok(Some(v)) => {
            let verdict = rules.active.with_untracked(|r| check(r, v));
            match verdict {
                Ok(()) => (Some(v), None),
                Err(e) => (None, Some(e)),
            }
        }
        Err(e) => (None, Some(e)),
    }
}

#[component]
pub fn NumberField(
    id: String,
    testid: String,
    error_testid: String,
    kind: Kind,
    raw_key: String,
    initial: String,
    suffix: Option<String>,
    /// Ids of other elements describing the field (e.g. the requirement).
    described_by: Option<String>,
    check: CheckNumber,
    apply: ApplyNumber,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rules = expect_context::<RulesCtx>();
    let error = RwSignal::new(judge(&rules, kind, &check, &initial).1);
    let input_ref = NodeRef::<html::Input>::new();
    let error_id = format!("{id}-error");

    let commit = {
        let check = check.clone();
        let apply = apply.clone();
        let raw_key = raw_key.clone();
        move |text: String| -> Option<f64> {
            let (value, problem) = judge(&rules, kind, &check, &text);
            error.set(problem);
            let apply = apply.clone();
            ws.set_field(raw_key.clone(), text, move |d| apply(d, value));
            value
        }
    };
    let on_input = {
        let commit = commit.clone();
        move |ev| {
            commit(event_target_value(&ev));
        }
    };
    // Money is written back with thousands separators once the user leaves the field.
    let on_change = move |ev| {
        if kind != Kind::Money {
            return;
        }
        let text = event_target_value(&ev);
        if let Ok(Some(v)) = parse_number(kind, &text) {
            let pretty = format_decimal(v);
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
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let inputmode = if kind == Kind::Money {
        "numeric"
    } else {
        "decimal"
    };

    view! {
        <div class="field-control">
            <div class="input-wrap">
                <input
                    type="text"
                    id=id
                    class="num-input"
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=testid
                    value=initial
                    node_ref=input_ref
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described
                    on:input=on_input
                    on:change=on_change
                />
                {suffix.map(|s| view! { <span class="suffix" aria-hidden="true">{s}</span> })}
            </div>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="field-error" id=error_id.clone() data-testid=error_testid.clone()>
                                <span aria-hidden="true">"⚠ "</span>
                                {e}
                                " Giá trị này chưa được tính."
                            </p>
                        }
                    })
            }}
        </div>
    }
}
