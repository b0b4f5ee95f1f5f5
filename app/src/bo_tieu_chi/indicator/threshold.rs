//! An indicator's threshold in the editor: none, one level for every year, one level per year,
//! or a relative rule (shown, kept, not edited here); numbers read by the kernel with the
//! indicator's kind, so a count's `6.000` is 6000.

use crate::bo_tieu_chi::forms::{error_view, kernel_read, number_field, shown};
use crate::ui::flag_select::FlagSelect;
use leptos::prelude::*;
use ntm_core::rules::{Kind, Threshold};
use ntm_core::rules_edit::{self, Field, FieldError};
use std::collections::BTreeMap;

/// How the threshold is given in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    None,
    Fixed,
    Years,
    Relative,
}

/// The threshold's fields; the texts are kept as typed.
#[derive(Clone, Copy)]
pub struct ThresholdFields {
    pub mode: RwSignal<Mode>,
    pub flag: RwSignal<Option<bool>>,
    pub fixed: RwSignal<String>,
    pub by_year: StoredValue<Vec<(u16, RwSignal<String>)>>,
    pub relative: StoredValue<Option<Threshold>>,
}

impl ThresholdFields {
    /// `current`: the form's threshold; `relative`: the indicator's own, when it is relative.
    pub fn new(
        kind: Kind,
        current: Option<&Threshold>,
        relative: Option<Threshold>,
        years: impl Iterator<Item = u16>,
    ) -> Self {
        let mode = match current {
            _ if relative.is_some() => Mode::Relative,
            None | Some(Threshold::Flag(_)) => Mode::None,
            Some(Threshold::Fixed(_)) => Mode::Fixed,
            Some(Threshold::ByYear(_)) => Mode::Years,
            Some(Threshold::Relative { .. }) => Mode::Relative,
        };
        let by_year = years
            .map(|y| {
                let v = match current {
                    Some(Threshold::ByYear(m)) => m.get(&y).copied().flatten(),
                    _ => None,
                };
                (y, RwSignal::new(shown(kind, v)))
            })
            .collect();
        ThresholdFields {
            mode: RwSignal::new(mode),
            flag: RwSignal::new(match current {
                Some(Threshold::Flag(b)) => Some(*b),
                _ => None,
            }),
            fixed: RwSignal::new(match current {
                Some(Threshold::Fixed(v)) => kind.show(*v),
                _ => String::new(),
            }),
            by_year: StoredValue::new(by_year),
            relative: StoredValue::new(relative),
        }
    }

    /// The threshold the fields give for `kind`, or the reasons they do not.
    pub fn read(&self, kind: Kind, errs: &mut Vec<FieldError>) -> Option<Threshold> {
        if kind == Kind::Boolean {
            return self.flag.get_untracked().map(Threshold::Flag);
        }
        match self.mode.get_untracked() {
            Mode::None => None,
            Mode::Relative => self.relative.get_value(),
            Mode::Fixed => match kernel_read(kind, &self.fixed.get_untracked()) {
                Ok(Some(v)) => Some(Threshold::Fixed(v)),
                Ok(None) => {
                    errs.push(FieldError::new(
                        Field::Threshold,
                        "nhập một số, hoặc chọn “Chưa có ngưỡng”",
                    ));
                    None
                }
                Err(p) => {
                    errs.push(FieldError::new(Field::Threshold, p));
                    None
                }
            },
            Mode::Years => {
                let mut m = BTreeMap::new();
                for (y, txt) in self.by_year.get_value() {
                    match kernel_read(kind, &txt.get_untracked()) {
                        Ok(v) => {
                            m.insert(y, v);
                        }
                        Err(p) => errs.push(FieldError {
                            field: Field::Threshold,
                            message: format!("Ngưỡng năm {y}: {p}"),
                        }),
                    }
                }
                Some(Threshold::ByYear(m))
            }
        }
    }
}

/// The threshold part of the indicator form; drawn again when the kind or the unit changes.
#[component]
pub fn ThresholdField(
    prefix: String,
    kind: RwSignal<Kind>,
    unit: RwSignal<String>,
    fields: ThresholdFields,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    move || {
        let k = kind.get();
        let err_id = format!("{prefix}-thr-err");
        if k == Kind::Boolean {
            let id = format!("{prefix}-flag");
            return view! {
                <div class="field">
                    <label for=id.clone()>"Ngưỡng (yêu cầu)"</label>
                    <FlagSelect
                        id=id
                        initial=fields.flag.get_untracked()
                        on_change=Callback::new(move |b| fields.flag.set(b))
                        testid="threshold-input"
                        yes_label="Đạt (phải có)"
                        no_label="Không (phải không có)"
                        blank_label="Chưa có ngưỡng"
                        described_by=err_id.clone()
                    />
                    {error_view(errors, &[Field::Threshold], err_id)}
                </div>
            }
            .into_any();
        }
        let (prefix, unit) = (prefix.clone(), unit.get());
        let body_prefix = prefix.clone();
        view! {
            <fieldset class="form-group">
                <legend>"Ngưỡng"</legend>
                {fields.relative.with_value(Option::is_none).then(|| mode_radios(&prefix, fields.mode))}
                {move || threshold_body(&body_prefix, k, &unit, fields)}
                <p class="hint" id=format!("{prefix}-thr-hint")>
                    {format!("Cách gõ: {}.", k.examples())}
                </p>
                {error_view(errors, &[Field::Threshold], err_id)}
            </fieldset>
        }
        .into_any()
    }
}

fn mode_radios(prefix: &str, mode: RwSignal<Mode>) -> impl IntoView {
    let radio = |m: Mode, value: &'static str, label: &'static str| {
        let id = format!("{prefix}-mode-{value}");
        view! {
            <label class="radio" for=id.clone()>
                <input
                    type="radio"
                    id=id.clone()
                    name=format!("{prefix}-mode")
                    value=value
                    prop:checked=move || mode.get() == m
                    on:change=move |_| mode.set(m)
                />
                {label}
            </label>
        }
    };
    view! {
        <div class="radio-row">
            {radio(Mode::None, "none", "Chưa có ngưỡng")}
            {radio(Mode::Fixed, "fixed", "Một mức cho mọi năm")}
            {radio(Mode::Years, "years", "Theo từng năm")}
        </div>
    }
}

fn threshold_body(prefix: &str, k: Kind, unit: &str, f: ThresholdFields) -> AnyView {
    let described = format!("{prefix}-thr-hint {prefix}-thr-err");
    match f.mode.get() {
        Mode::None => view! {
            <p class="hint">"Chỉ tiêu chưa có ngưỡng: kết quả là “thiếu ngưỡng”."</p>
        }
        .into_any(),
        Mode::Relative => view! {
            <p class="derived">
                {format!(
                    "Ngưỡng tương đối: {} — tính theo chỉ tiêu khác, không sửa ở đây.",
                    f.relative.with_value(|r| rules_edit::threshold_text(k, r.as_ref(), None))
                )}
            </p>
        }
        .into_any(),
        Mode::Fixed => {
            let id = format!("{prefix}-fixed");
            view! {
                <div class="field">
                    <label for=id.clone()>"Mức ngưỡng"</label>
                    {number_field(id, k, f.fixed, "threshold-input".into(), described, unit)}
                </div>
            }
            .into_any()
        }
        Mode::Years => {
            let rows = f
                .by_year
                .get_value()
                .into_iter()
                .map(|(y, txt)| {
                    let id = format!("{prefix}-y{y}");
                    let testid = format!("threshold-input-{y}");
                    view! {
                        <tr>
                            <th scope="row">
                                <label for=id.clone()>{format!("Năm {y}")}</label>
                            </th>
                            <td>{number_field(id, k, txt, testid, described.clone(), unit)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="year-input-table">
                    <caption>"Ngưỡng theo năm đánh giá (để trống: chưa có ngưỡng năm đó)"</caption>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
}
