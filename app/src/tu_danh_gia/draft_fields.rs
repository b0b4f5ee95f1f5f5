//! The shared number and yes/no widgets bound to the open draft: typed text kept in
//! `Draft::raw` (so refused text survives a reload), the value written into the dossier.

use crate::tu_danh_gia::state::Workspace;
use crate::ui::flag_select::FlagSelect;
use crate::ui::number_input::{ExtraCheck, NumberInput};
use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::{Dossier, Value};
use std::sync::Arc;

/// Writes an accepted value (None = not entered or refused) into the dossier.
pub type ApplyNumber = Arc<dyn Fn(&mut Dossier, Option<f64>) + Send + Sync>;
/// Writes the chosen yes/no (None = not entered) into the dossier.
pub type ApplyFlag = Arc<dyn Fn(&mut Dossier, Option<bool>) + Send + Sync>;

/// A number field of the draft; `key` is its key of typed text (`ntm_core::typed`).
#[component]
pub fn DraftNumber(
    id: String,
    testid: String,
    error_testid: String,
    kind: Kind,
    key: String,
    value: Option<f64>,
    #[prop(optional, into)] suffix: Option<String>,
    #[prop(optional, into)] described_by: Option<String>,
    #[prop(optional)] check: Option<ExtraCheck>,
    apply: ApplyNumber,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let initial = ws.field_text(&key, kind, value.map(Value::Number));
    let on_text = Callback::new(move |(text, value): (String, Option<f64>)| {
        let apply = apply.clone();
        ws.set_field(key.clone(), text, move |d| apply(d, value));
    });
    view! {
        <NumberInput
            id=id
            kind=kind
            initial=initial
            on_text=on_text
            testid=testid
            error_testid=error_testid
            suffix=suffix.unwrap_or_default()
            described_by=described_by.unwrap_or_default()
            check=check.unwrap_or_else(|| Callback::new(|_| Ok(())))
        />
    }
}

/// A yes/no field of the draft.
#[component]
pub fn DraftFlag(
    id: String,
    testid: String,
    initial: Option<bool>,
    yes_label: &'static str,
    no_label: &'static str,
    #[prop(optional, into)] described_by: Option<String>,
    apply: ApplyFlag,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let on_change = Callback::new(move |value: Option<bool>| {
        let apply = apply.clone();
        ws.edit(move |d| apply(&mut d.dossier, value));
    });
    view! {
        <FlagSelect
            id=id
            initial=initial
            on_change=on_change
            testid=testid
            yes_label=yes_label
            no_label=no_label
            described_by=described_by.unwrap_or_default()
        />
    }
}
