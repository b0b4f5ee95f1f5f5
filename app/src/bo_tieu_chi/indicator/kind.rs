//! An indicator's kind of value (chosen only when it is added), its comparison and its unit.

use crate::bo_tieu_chi::forms::{error_view, has_error, text_input};
use leptos::prelude::*;
use ntm_core::rules::{Comparison, Kind};
use ntm_core::rules_edit::{Field, FieldError};

/// The kind select (adding) or the kind as text (editing: it cannot change).
#[component]
pub fn KindField(prefix: String, kind: RwSignal<Kind>, adding: bool) -> impl IntoView {
    if !adding {
        let label = kind.get_untracked().label();
        return view! {
            <div class="field">
                <p class="field-static">
                    <span class="label">"Loại giá trị: "</span>
                    {label}
                    <span class="hint">" (chỉ chọn được khi thêm chỉ tiêu mới)"</span>
                </p>
            </div>
        }
        .into_any();
    }
    let id = format!("{prefix}-kind");
    let options = Kind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.code() selected=move || kind.get() == k>{k.label()}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>"Loại giá trị"</label>
            <select
                id=id
                data-testid="kind-input"
                on:change=move |ev| {
                    if let Some(k) = Kind::from_code(&event_target_value(&ev)) {
                        kind.set(k);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
    .into_any()
}

/// ≥ or ≤ for numbers; a yes/no indicator is always "=".
#[component]
pub fn ComparisonField(
    prefix: String,
    kind: RwSignal<Kind>,
    comparison: RwSignal<Comparison>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let id = format!("{prefix}-cmp");
    move || {
        if kind.get() == Kind::Boolean {
            return view! {
                <div class="field">
                    <p class="field-static"><span class="label">"Phép so sánh: "</span>"= (có / không)"</p>
                </div>
            }
            .into_any();
        }
        let at = move |c: Comparison| move || comparison.get() == c;
        view! {
            <div class="field">
                <label for=id.clone()>"Phép so sánh"</label>
                <select
                    id=id.clone()
                    aria-invalid=has_error(errors, &[Field::Comparison])
                    on:change=move |ev| {
                        comparison.set(if event_target_value(&ev) == "<=" {
                            Comparison::AtMost
                        } else {
                            Comparison::AtLeast
                        })
                    }
                >
                    <option value=">=" selected=at(Comparison::AtLeast)>"≥ (ít nhất)"</option>
                    <option value="<=" selected=at(Comparison::AtMost)>"≤ (nhiều nhất)"</option>
                </select>
                {error_view(errors, &[Field::Comparison], format!("{id}-err"))}
            </div>
        }
        .into_any()
    }
}

/// The indicator's own unit, for kinds without one of their own (none for yes/no).
#[component]
pub fn UnitField(
    prefix: String,
    kind: RwSignal<Kind>,
    unit: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let id = format!("{prefix}-unit");
    move || {
        (kind.get() != Kind::Boolean).then(|| {
            text_input(
                id.clone(),
                "Đơn vị (không bắt buộc)",
                unit,
                errors,
                &[Field::Unit],
                None,
                None,
            )
        })
    }
}
