//! The editor of one movement target (T1–T9): its threshold and upper level read by the kernel
//! with the target's kind, its source and status.

use crate::bo_tieu_chi::forms::{
    error_view, id_part, kernel_read, number_field, other_errors, shown, source_fields,
    status_select, Done, FormCtx, SourceFields,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use ntm_core::rules::Target;
use ntm_core::rules_edit::{self, check_target, Field, FieldError, TargetForm};

const TARGET_FIELDS: &[Field] = &[
    Field::Threshold,
    Field::Upper,
    Field::Source,
    Field::SourceDate,
    Field::SourceUrl,
];

/// Edit a movement target's threshold, upper bound, source and status.
#[component]
pub fn TargetEditor(target: Target, on_done: Callback<Done>) -> impl IntoView {
    let f = FormCtx::new(on_done);
    let kind = target.kind;
    let prefix = format!("tg-{}", id_part(&target.id));
    let threshold = RwSignal::new(shown(kind, target.threshold));
    let upper = RwSignal::new(shown(kind, target.upper));
    let status = RwSignal::new(target.status);
    let src = SourceFields::new(Some(&target.source));
    let save = {
        let target = target.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let mut errs = Vec::new();
            let mut num = |txt: String, field: Field| {
                kernel_read(kind, &txt).unwrap_or_else(|p| {
                    errs.push(FieldError::new(field, p));
                    None
                })
            };
            let t = num(threshold.get_untracked(), Field::Threshold);
            let u = num(upper.get_untracked(), Field::Upper);
            let form = TargetForm {
                id: target.id.clone(),
                threshold: t,
                upper: u,
                source: src.read(&mut errs),
                status: status.get_untracked(),
            };
            let base = f.rc.base.get_value();
            if errs.is_empty() {
                errs = check_target(&base, &target, &form);
            }
            if f.refuse(errs) {
                return;
            }
            let mut patch = f.rc.patch.get_untracked();
            rules_edit::put_target(&mut patch, &base, &form);
            f.apply(patch, format!("Đã lưu mục tiêu {}.", target.id));
        }
    };
    let unit = target.unit.clone();
    let num_field = move |id: String,
                          label: &'static str,
                          value: RwSignal<String>,
                          field: &'static [Field],
                          testid: &'static str| {
        let err_id = format!("{id}-err");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {number_field(id, kind, value, testid.into(), err_id.clone(), &unit)}
                {error_view(f.errors, field, err_id)}
            </div>
        }
    };
    view! {
        <form
            class="bo-tieu-chi-rule-form"
            node_ref=f.form_ref
            novalidate
            on:submit=save
            aria-label=format!("Sửa mục tiêu {}", target.id)
            on:keydown=f.on_keydown()
        >
            {other_errors(f.errors, TARGET_FIELDS)}
            <div class="form-row">
                {num_field(format!("{prefix}-thr"), "Mức ngưỡng", threshold, &[Field::Threshold], "target-threshold-input")}
                {num_field(format!("{prefix}-up"), "Mức vượt (không bắt buộc)", upper, &[Field::Upper], "target-upper-input")}
                {status_select(format!("{prefix}-status"), status)}
            </div>
            {source_fields(&prefix, src, f.errors)}
            {f.actions("Lưu thay đổi", "save-target")}
        </form>
    }
}
