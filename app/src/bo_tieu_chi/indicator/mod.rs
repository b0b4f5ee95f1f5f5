//! The editor of one indicator (edit or add): identity, kind and comparison, threshold, source,
//! status and note; the change goes to the province's patch through `ntm_core::rules_edit`.

mod identity;
mod kind;
mod threshold;

use crate::bo_tieu_chi::forms::{
    id_part, labelled_status_select, other_errors, source_fields, Done, FormCtx, SourceFields,
};
use crate::tu_danh_gia::indicator_row::derived_text;
use identity::IdentityFields;
use kind::{ComparisonField, KindField, UnitField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use ntm_core::rules::{Comparison, Indicator, Kind, Threshold};
use ntm_core::rules_edit::{self, check_form, Field, IndicatorForm};
use ntm_core::Status;
use threshold::{ThresholdField, ThresholdFields};

const INDICATOR_FIELDS: &[Field] = &[
    Field::Code,
    Field::Name,
    Field::Kind,
    Field::Comparison,
    Field::Threshold,
    Field::Unit,
    Field::Source,
    Field::SourceDate,
    Field::SourceUrl,
    Field::Note,
];

/// Where the indicator is and what it is now (`None` when adding).
struct Target {
    set: String,
    crit: String,
    existing: Option<Indicator>,
    adding: bool,
    /// The built-in source when it gave no number: shown, and not offered as the new one's.
    old_source: Option<String>,
}

/// Every field of the form.
#[derive(Clone, Copy)]
struct IndicatorFields {
    code: RwSignal<String>,
    name: RwSignal<String>,
    kind: RwSignal<Kind>,
    comparison: RwSignal<Comparison>,
    unit: RwSignal<String>,
    status: RwSignal<Status>,
    threshold_status: RwSignal<Status>,
    note: RwSignal<String>,
    threshold: ThresholdFields,
    src: SourceFields,
}

impl IndicatorFields {
    fn new(t: &Target, years: impl Iterator<Item = u16>) -> Self {
        let form0 = t.existing.as_ref().map(IndicatorForm::from_indicator);
        let f = form0.as_ref();
        let text = |get: fn(&IndicatorForm) -> &String| {
            RwSignal::new(f.map(get).cloned().unwrap_or_default())
        };
        let kind = f.map_or(Kind::Percent, |f| f.kind);
        let relative = t.existing.as_ref().and_then(|i| match &i.threshold {
            Some(r @ Threshold::Relative { .. }) => Some(r.clone()),
            _ => None,
        });
        IndicatorFields {
            code: RwSignal::new(f.map(|f| f.code.clone()).unwrap_or_default()),
            name: text(|f| &f.name),
            kind: RwSignal::new(kind),
            comparison: RwSignal::new(match f.map(|f| f.comparison) {
                Some(Comparison::AtMost) => Comparison::AtMost,
                _ => Comparison::AtLeast,
            }),
            unit: text(|f| &f.unit),
            status: RwSignal::new(f.map_or(Status::Unverified, |f| f.status)),
            threshold_status: RwSignal::new(f.map_or(Status::Unverified, |f| f.threshold_status)),
            note: text(|f| &f.note),
            threshold: ThresholdFields::new(
                kind,
                f.and_then(|f| f.threshold.as_ref()),
                relative,
                years,
            ),
            // Left empty, the built-in source stays.
            src: SourceFields::new(f.filter(|_| t.old_source.is_none()).map(|f| &f.source)),
        }
    }

    /// The form as typed, with the problems found reading it.
    fn read(&self, errs: &mut Vec<rules_edit::FieldError>) -> IndicatorForm {
        let k = self.kind.get_untracked();
        let flag = k == Kind::Boolean;
        IndicatorForm {
            code: self.code.get_untracked().trim().to_string(),
            name: self.name.get_untracked(),
            kind: k,
            comparison: if flag {
                Comparison::Equals
            } else {
                self.comparison.get_untracked()
            },
            threshold: self.threshold.read(k, errs),
            unit: if flag {
                String::new()
            } else {
                self.unit.get_untracked()
            },
            source: self.src.read(errs),
            status: self.status.get_untracked(),
            threshold_status: self.threshold_status.get_untracked(),
            note: self.note.get_untracked(),
        }
    }
}

fn save(f: FormCtx, t: &Target, fields: IndicatorFields) {
    let mut errs = Vec::new();
    let form = fields.read(&mut errs);
    let base = f.rc.base.get_value();
    if errs.is_empty() {
        errs = f
            .rc
            .active
            .with_untracked(|active| check_form(&base, active, &t.set, &t.crit, &form, t.adding));
    }
    if f.refuse(errs) {
        return;
    }
    let mut patch = f.rc.patch.get_untracked();
    rules_edit::put_indicator(&mut patch, &base, &t.set, &t.crit, &form);
    let message = if t.adding {
        format!("Đã thêm chỉ tiêu {} vào tiêu chí {}.", form.code, t.crit)
    } else {
        format!("Đã lưu chỉ tiêu {}.", form.code)
    };
    f.apply(patch, message);
}

/// Edit an indicator (`code: Some`) or add one to the criterion (`code: None`).
#[component]
pub fn IndicatorEditor(
    set: String,
    crit: String,
    code: Option<String>,
    on_done: Callback<Done>,
) -> impl IntoView {
    let f = FormCtx::new(on_done);
    let rules = f.rc.active.get_untracked();
    let existing = code
        .as_deref()
        .and_then(|c| rules.set(&set).and_then(|s| s.indicator(c)).cloned());
    let derived = existing
        .as_ref()
        .and_then(|i| i.input.as_ref())
        .map(|i| derived_text(&rules, &set, i));
    // A built-in source that gave no number is not the source of a number typed now.
    let old_source = existing.as_ref().and_then(|e| {
        f.rc.base.with_value(|b| {
            let b = b.set(&set)?.indicator(&e.code)?;
            (e.source == b.source && rules_edit::normalize(b.threshold.as_ref()).is_none())
                .then(|| b.source.citation())
        })
    });
    let prefix = format!(
        "ed-{}-{}-{}",
        id_part(&set),
        id_part(&crit),
        code.as_deref().map_or("moi".to_string(), id_part)
    );
    let heading = match &code {
        Some(c) => format!("Sửa chỉ tiêu {c}"),
        None => format!("Thêm chỉ tiêu vào tiêu chí {crit}"),
    };
    let target = Target {
        adding: code.is_none(),
        set,
        crit,
        existing,
        old_source,
    };
    let adding = target.adding;
    let fields = IndicatorFields::new(&target, rules.years.from..=rules.years.to);
    let old_source = target.old_source.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save(f, &target, fields);
    };
    let heading_id = format!("{prefix}-h");
    let note_id = format!("{prefix}-note");
    let errors = f.errors;

    view! {
        <form
            class="bo-tieu-chi-rule-form"
            node_ref=f.form_ref
            aria-labelledby=heading_id.clone()
            data-testid="indicator-form"
            novalidate
            on:submit=on_submit
            on:keydown=f.on_keydown()
        >
            <h5 id=heading_id.clone()>{heading}</h5>
            {derived.map(|d| view! {
                <p class="alert alert-info">
                    {format!(
                        "Chỉ tiêu này không nhập trực tiếp ({d}). Loại giá trị và nguồn số liệu của nó không sửa được ở đây; tên, ngưỡng, căn cứ, tình trạng và ghi chú thì sửa được."
                    )}
                </p>
            })}
            {other_errors(errors, INDICATOR_FIELDS)}
            <IdentityFields prefix=prefix.clone() code=fields.code name=fields.name adding errors />
            <div class="form-row">
                <KindField prefix=prefix.clone() kind=fields.kind adding />
                <ComparisonField prefix=prefix.clone() kind=fields.kind comparison=fields.comparison errors />
                <UnitField prefix=prefix.clone() kind=fields.kind unit=fields.unit errors />
            </div>
            <ThresholdField prefix=prefix.clone() kind=fields.kind unit=fields.unit fields=fields.threshold errors />
            {old_source.map(|c| view! {
                <p class="hint">
                    {format!("Căn cứ hiện ghi: {c} — văn bản này chưa cho ngưỡng. Nếu nhập ngưỡng, hãy ghi văn bản quy định ngưỡng đó.")}
                </p>
            })}
            {source_fields(&prefix, fields.src, errors)}
            <div class="form-row">
                {labelled_status_select(format!("{prefix}-status"), "Tình trạng xác minh mã, tên chỉ tiêu", fields.status)}
                {labelled_status_select(format!("{prefix}-threshold-status"), "Tình trạng xác minh ngưỡng", fields.threshold_status)}
            </div>
            <div class="field">
                <label for=note_id.clone()>"Ghi chú (không bắt buộc)"</label>
                <textarea
                    id=note_id
                    rows="2"
                    prop:value=move || fields.note.get()
                    on:input=move |ev| fields.note.set(event_target_value(&ev))
                ></textarea>
            </div>
            {f.actions("Lưu thay đổi", "save-indicator")}
        </form>
    }
}
