//! The rules editor's inline forms: one indicator (edit or add), a criterion's name, a movement
//! target. Each builds a change to the province's patch with `ntm_core::rules_edit` and hands it
//! to `RulesCtx::apply_patch`; what the core refuses is shown beside the field it names.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tu_danh_gia::indicator_row::derived_text;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use ntm_core::rules::{Comparison, Indicator, Kind, Source, Target, Threshold};
use ntm_core::rules_edit::{
    self, check_form, check_target, field_error, parse_vi_date, Field, FieldError, IndicatorForm,
    TargetForm,
};
use ntm_core::text::{format_decimal, parse_decimal, parse_money};
use ntm_core::Status;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

pub const STATUSES: [Status; 4] = [
    Status::Verified,
    Status::Partial,
    Status::Unverified,
    Status::NotFound,
];

fn status_from(code: &str) -> Status {
    STATUSES
        .into_iter()
        .find(|s| s.code() == code)
        .unwrap_or(Status::Unverified)
}

const KINDS: [(Kind, &str, &str); 4] = [
    (Kind::Percent, "percent", "Tỷ lệ (%)"),
    (Kind::Number, "number", "Số"),
    (Kind::Money, "money", "Số tiền (đồng)"),
    (Kind::Boolean, "boolean", "Có / không"),
];

/// Safe for an element id: "15.1" → "15_1".
pub fn id_part(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A number as typed by an official: money in whole đồng, anything else a decimal.
fn parse_for(kind: Kind, text: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match kind {
        Kind::Money => parse_money(text),
        _ => parse_decimal(text),
    }
    .map(Some)
    .map_err(|p| p.message_vi().to_string())
}

fn number_text(v: Option<f64>) -> String {
    v.map(format_decimal).unwrap_or_default()
}

fn suffix(kind: Kind, unit: &str) -> Option<String> {
    match kind {
        Kind::Percent => Some("%".into()),
        Kind::Money => Some("đ".into()),
        Kind::Number if !unit.trim().is_empty() => Some(unit.trim().to_string()),
        _ => None,
    }
}

/// Moves focus to the first field marked invalid inside `form`, once it is drawn.
fn focus_first_invalid(form: NodeRef<html::Form>) {
    request_animation_frame(move || {
        if let Some(f) = form.get_untracked() {
            let target = f
                .query_selector("[aria-invalid=\"true\"]")
                .ok()
                .flatten()
                .or_else(|| f.query_selector("[role=alert]").ok().flatten());
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    });
}

/// Focuses the element with `id` once the page is drawn.
pub fn focus_id(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The errors of one field, beside it.
fn error_view(
    errors: RwSignal<Vec<FieldError>>,
    fields: &'static [Field],
    id: String,
) -> impl IntoView {
    move || {
        let msgs: Vec<String> = errors.with(|e| {
            e.iter()
                .filter(|x| fields.contains(&x.field))
                .map(|x| x.message.clone())
                .collect()
        });
        (!msgs.is_empty()).then(|| {
            view! {
                <p class="field-error" role="alert" id=id.clone() data-testid="field-error">
                    {msgs.join(" ")}
                </p>
            }
        })
    }
}

fn has_error(
    errors: RwSignal<Vec<FieldError>>,
    fields: &'static [Field],
) -> impl Fn() -> Option<&'static str> + Copy {
    move || {
        errors
            .with(|e| e.iter().any(|x| fields.contains(&x.field)))
            .then_some("true")
    }
}

/// Errors about something the form has no field for (the whole entry, the id…).
fn other_errors(errors: RwSignal<Vec<FieldError>>, shown: &'static [Field]) -> impl IntoView {
    move || {
        let msgs: Vec<String> = errors.with(|e| {
            e.iter()
                .filter(|x| !shown.contains(&x.field))
                .map(|x| x.message.clone())
                .collect()
        });
        (!msgs.is_empty()).then(|| {
            view! {
                <div class="alert alert-error" role="alert" data-testid="field-error">
                    {msgs.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                </div>
            }
        })
    }
}

/// Signals of a source's four fields.
#[derive(Clone, Copy)]
struct SourceFields {
    document: RwSignal<String>,
    annex: RwSignal<String>,
    date: RwSignal<String>,
    url: RwSignal<String>,
}

impl SourceFields {
    fn new(s: Option<&Source>) -> Self {
        SourceFields {
            document: RwSignal::new(s.map(|s| s.document.clone()).unwrap_or_default()),
            annex: RwSignal::new(s.and_then(|s| s.annex.clone()).unwrap_or_default()),
            date: RwSignal::new(rules_edit::date_for_form(s.and_then(|s| s.date.as_deref()))),
            url: RwSignal::new(s.and_then(|s| s.url.clone()).unwrap_or_default()),
        }
    }

    /// The source, or the date's problem.
    fn read(&self, errs: &mut Vec<FieldError>) -> Source {
        let date = match parse_vi_date(&self.date.get_untracked()) {
            Ok(d) => d,
            Err(p) => {
                errs.push(FieldError::new(Field::SourceDate, p));
                None
            }
        };
        Source {
            document: self.document.get_untracked(),
            annex: Some(self.annex.get_untracked()),
            date,
            url: Some(self.url.get_untracked()),
        }
    }
}

const SOURCE_FIELDS: &[Field] = &[Field::Source];
const DATE_FIELDS: &[Field] = &[Field::SourceDate];
const URL_FIELDS: &[Field] = &[Field::SourceUrl];

fn text_input(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    fields: &'static [Field],
    hint: Option<&'static str>,
    testid: Option<&'static str>,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        let invalid = has_error(errors, fields);
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if invalid().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                autocomplete="off"
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=has_error(errors, fields)
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error_view(errors, fields, err_id)}
        </div>
    }
}

fn source_fields(
    prefix: &str,
    src: SourceFields,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    view! {
        <fieldset class="form-group source-group">
            <legend>"Căn cứ (văn bản quy định)"</legend>
            {text_input(
                format!("{prefix}-doc"),
                "Văn bản căn cứ",
                src.document,
                errors,
                SOURCE_FIELDS,
                Some("Số hiệu và cơ quan ban hành, ví dụ: Quyết định 12/2024/QĐ-UBND tỉnh Hà Nam. Bắt buộc khi có ngưỡng."),
                Some("source-input"),
            )}
            <div class="form-row">
                {text_input(format!("{prefix}-annex"), "Phụ lục / điều khoản", src.annex, errors, &[], None, None)}
                {text_input(
                    format!("{prefix}-date"),
                    "Ngày ban hành (ngày/tháng/năm)",
                    src.date,
                    errors,
                    DATE_FIELDS,
                    Some("Ví dụ: 08/03/2022"),
                    None,
                )}
            </div>
            {text_input(format!("{prefix}-url"), "Địa chỉ văn bản (URL)", src.url, errors, URL_FIELDS, None, None)}
        </fieldset>
    }
}

fn status_select(id: String, status: RwSignal<Status>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>"Tình trạng xác minh"</label>
            <select id=id on:change=move |ev| status.set(status_from(&event_target_value(&ev)))>
                {STATUSES
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option value=s.code() selected=move || status.get() == s>
                                {s.label_vi()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Result of a form: saved (with a warning if not stored) or cancelled.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    Saved {
        message: String,
        warning: Option<String>,
    },
    Cancelled,
}

/// How the threshold is given in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    None,
    Fixed,
    Years,
    Relative,
}

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

/// Edit an indicator (`code: Some`) or add one to the criterion (`code: None`).
#[component]
pub fn IndicatorEditor(
    set: String,
    crit: String,
    code: Option<String>,
    on_done: Callback<Done>,
) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let rules = rc.active.get_untracked();
    let adding = code.is_none();
    let existing: Option<Indicator> = code
        .as_deref()
        .and_then(|c| rules.set(&set).and_then(|s| s.indicator(c)).cloned());
    let form0 = existing.as_ref().map(IndicatorForm::from_indicator);
    let derived = existing
        .as_ref()
        .and_then(|i| i.input.as_ref())
        .map(|i| derived_text(&rules, &set, i));
    let relative = existing.as_ref().and_then(|i| match &i.threshold {
        Some(t @ Threshold::Relative { .. }) => Some(t.clone()),
        _ => None,
    });

    let code_txt = RwSignal::new(code.clone().unwrap_or_default());
    let name = RwSignal::new(form0.as_ref().map(|f| f.name.clone()).unwrap_or_default());
    let kind = RwSignal::new(form0.as_ref().map_or(Kind::Percent, |f| f.kind));
    let comparison = RwSignal::new(match form0.as_ref().map(|f| f.comparison) {
        Some(Comparison::AtMost) => Comparison::AtMost,
        _ => Comparison::AtLeast,
    });
    let unit = RwSignal::new(form0.as_ref().map(|f| f.unit.clone()).unwrap_or_default());
    let status = RwSignal::new(form0.as_ref().map_or(Status::Unverified, |f| f.status));
    let note = RwSignal::new(form0.as_ref().map(|f| f.note.clone()).unwrap_or_default());
    // A built-in source that gave no number is not the source of a number typed now: the
    // fields start empty (left empty, the built-in source stays) and the old one is shown.
    let base_ind = code.as_deref().and_then(|c| {
        rc.base
            .with_value(|b| b.set(&set).and_then(|s| s.indicator(c)).cloned())
    });
    let old_source = base_ind.as_ref().and_then(|b| {
        let unchanged = existing.as_ref().is_some_and(|e| e.source == b.source);
        (unchanged && rules_edit::normalize(b.threshold.as_ref()).is_none())
            .then(|| b.source.citation())
    });
    let src = SourceFields::new(if old_source.is_some() {
        None
    } else {
        form0.as_ref().map(|f| &f.source)
    });
    let years: Vec<u16> = (rules.years.from..=rules.years.to).collect();
    let t0 = form0.as_ref().and_then(|f| f.threshold.clone());
    let mode = RwSignal::new(match &t0 {
        _ if relative.is_some() => Mode::Relative,
        None | Some(Threshold::Flag(_)) => Mode::None,
        Some(Threshold::Fixed(_)) => Mode::Fixed,
        Some(Threshold::ByYear(_)) => Mode::Years,
        Some(Threshold::Relative { .. }) => Mode::Relative,
    });
    let flag = RwSignal::new(match &t0 {
        Some(Threshold::Flag(true)) => "true".to_string(),
        Some(Threshold::Flag(false)) => "false".to_string(),
        _ => String::new(),
    });
    let fixed = RwSignal::new(match &t0 {
        Some(Threshold::Fixed(v)) => format_decimal(*v),
        _ => String::new(),
    });
    let by_year: Vec<(u16, RwSignal<String>)> = years
        .iter()
        .map(|y| {
            let v = match &t0 {
                Some(Threshold::ByYear(m)) => m.get(y).copied().flatten(),
                _ => None,
            };
            (*y, RwSignal::new(number_text(v)))
        })
        .collect();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let form_ref = NodeRef::<html::Form>::new();

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

    let save = {
        let (set, crit, by_year, relative) =
            (set.clone(), crit.clone(), by_year.clone(), relative.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let mut errs = Vec::new();
            let k = kind.get_untracked();
            let threshold = if k == Kind::Boolean {
                match flag.get_untracked().as_str() {
                    "true" => Some(Threshold::Flag(true)),
                    "false" => Some(Threshold::Flag(false)),
                    _ => None,
                }
            } else {
                match mode.get_untracked() {
                    Mode::None => None,
                    Mode::Relative => relative.clone(),
                    Mode::Fixed => match parse_for(k, &fixed.get_untracked()) {
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
                        for (y, txt) in &by_year {
                            match parse_for(k, &txt.get_untracked()) {
                                Ok(v) => {
                                    m.insert(*y, v);
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
            };
            let source = src.read(&mut errs);
            let form = IndicatorForm {
                code: code_txt.get_untracked().trim().to_string(),
                name: name.get_untracked(),
                kind: k,
                comparison: if k == Kind::Boolean {
                    Comparison::Equals
                } else {
                    comparison.get_untracked()
                },
                threshold,
                unit: if k == Kind::Boolean {
                    String::new()
                } else {
                    unit.get_untracked()
                },
                source,
                status: status.get_untracked(),
                note: note.get_untracked(),
            };
            let base = rc.base.get_value();
            if errs.is_empty() {
                errs = rc
                    .active
                    .with_untracked(|active| check_form(&base, active, &set, &crit, &form, adding));
            }
            if !errs.is_empty() {
                errors.set(errs);
                focus_first_invalid(form_ref);
                return;
            }
            let mut patch = rc.patch.get_untracked();
            rules_edit::put_indicator(&mut patch, &base, &set, &crit, &form);
            match rc.apply_patch(patch) {
                Ok(warning) => {
                    errors.set(Vec::new());
                    let message = if adding {
                        format!("Đã thêm chỉ tiêu {} vào tiêu chí {crit}.", form.code)
                    } else {
                        format!("Đã lưu chỉ tiêu {}.", form.code)
                    };
                    on_done.run(Done::Saved { message, warning });
                }
                Err(e) => {
                    errors.set(vec![field_error(&e)]);
                    focus_first_invalid(form_ref);
                }
            }
        }
    };

    let is_bool = move || kind.get() == Kind::Boolean;
    let threshold_part = {
        let prefix = prefix.clone();
        let by_year = by_year.clone();
        move || {
            let k = kind.get();
            let err_id = format!("{prefix}-thr-err");
            if k == Kind::Boolean {
                let id = format!("{prefix}-flag");
                return view! {
                    <div class="field">
                        <label for=id.clone()>"Ngưỡng (yêu cầu)"</label>
                        <select
                            id=id
                            class="flag-select"
                            data-testid="threshold-input"
                            aria-invalid=has_error(errors, &[Field::Threshold])
                            on:change=move |ev| flag.set(event_target_value(&ev))
                        >
                            <option value="" selected=move || flag.get().is_empty()>"Chưa có ngưỡng"</option>
                            <option value="true" selected=move || flag.get() == "true">"Đạt (phải có)"</option>
                            <option value="false" selected=move || flag.get() == "false">"Không (phải không có)"</option>
                        </select>
                        {error_view(errors, &[Field::Threshold], err_id)}
                    </div>
                }
                .into_any();
            }
            let sfx = suffix(k, &unit.get());
            let radio = {
                let prefix = prefix.clone();
                move |m: Mode, value: &'static str, label: &'static str| {
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
                }
            };
            let fixed_id = format!("{prefix}-fixed");
            let fixed_sfx = sfx.clone();
            let body = {
                let by_year = by_year.clone();
                let prefix = prefix.clone();
                let relative = relative.clone();
                move || {
                    match mode.get() {
                    Mode::None => view! {
                        <p class="hint">"Chỉ tiêu chưa có ngưỡng: kết quả là “thiếu ngưỡng”."</p>
                    }
                    .into_any(),
                    Mode::Relative => view! {
                        <p class="derived">
                            {format!(
                                "Ngưỡng tương đối: {} — tính theo chỉ tiêu khác, không sửa ở đây.",
                                rules_edit::threshold_text(k, relative.as_ref(), None)
                            )}
                        </p>
                    }
                    .into_any(),
                    Mode::Fixed => view! {
                        <div class="field">
                            <label for=fixed_id.clone()>"Mức ngưỡng"</label>
                            <div class="input-wrap">
                                <input
                                    type="text"
                                    id=fixed_id.clone()
                                    class="num-input"
                                    inputmode="decimal"
                                    autocomplete="off"
                                    data-testid="threshold-input"
                                    prop:value=move || fixed.get()
                                    on:input=move |ev| fixed.set(event_target_value(&ev))
                                    aria-invalid=has_error(errors, &[Field::Threshold])
                                    aria-describedby=format!("{prefix}-thr-hint {prefix}-thr-err")
                                />
                                {fixed_sfx.clone().map(|s| view! { <span class="suffix">{s}</span> })}
                            </div>
                        </div>
                    }
                    .into_any(),
                    Mode::Years => view! {
                        <table class="year-input-table">
                            <caption>"Ngưỡng theo năm đánh giá (để trống: chưa có ngưỡng năm đó)"</caption>
                            <tbody>
                                {by_year
                                    .iter()
                                    .map(|(y, txt)| {
                                        let txt = *txt;
                                        let id = format!("{prefix}-y{y}");
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <label for=id.clone()>{format!("Năm {y}")}</label>
                                                </th>
                                                <td>
                                                    <div class="input-wrap">
                                                        <input
                                                            type="text"
                                                            id=id
                                                            class="num-input"
                                                            inputmode="decimal"
                                                            autocomplete="off"
                                                            data-testid=format!("threshold-input-{y}")
                                                            prop:value=move || txt.get()
                                                            on:input=move |ev| txt.set(event_target_value(&ev))
                                                            aria-invalid=has_error(errors, &[Field::Threshold])
                                                        />
                                                        {sfx.clone().map(|s| view! { <span class="suffix">{s}</span> })}
                                                    </div>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any(),
                }
                }
            };
            let hint = if k == Kind::Money {
                "Số tiền nguyên đồng, ví dụ 65.000.000."
            } else {
                "Ví dụ 95,5 (dấu phẩy thập phân)."
            };
            view! {
                <fieldset class="form-group">
                    <legend>"Ngưỡng"</legend>
                    {(relative.is_none())
                        .then(|| {
                            view! {
                                <div class="radio-row">
                                    {radio(Mode::None, "none", "Chưa có ngưỡng")}
                                    {radio(Mode::Fixed, "fixed", "Một mức cho mọi năm")}
                                    {radio(Mode::Years, "years", "Theo từng năm")}
                                </div>
                            }
                        })}
                    {body}
                    <p class="hint" id=format!("{prefix}-thr-hint")>{hint}</p>
                    {error_view(errors, &[Field::Threshold], err_id)}
                </fieldset>
            }
            .into_any()
        }
    };

    let kind_part = {
        let prefix = prefix.clone();
        let existing_kind = existing.as_ref().map(|i| i.kind);
        move || {
            if adding {
                let id = format!("{prefix}-kind");
                view! {
                    <div class="field">
                        <label for=id.clone()>"Loại giá trị"</label>
                        <select id=id data-testid="kind-input" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((k, _, _)) = KINDS.iter().find(|(_, c, _)| *c == v) {
                                kind.set(*k);
                            }
                        }>
                            {KINDS
                                .iter()
                                .map(|(k, c, l)| {
                                    let k = *k;
                                    view! { <option value=*c selected=move || kind.get() == k>{*l}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                }
                .into_any()
            } else {
                let label = KINDS
                    .iter()
                    .find(|(k, _, _)| Some(*k) == existing_kind)
                    .map_or("", |(_, _, l)| *l);
                view! {
                    <div class="field">
                        <p class="field-static">
                            <span class="label">"Loại giá trị: "</span>
                            {label}
                            <span class="hint">" (chỉ chọn được khi thêm chỉ tiêu mới)"</span>
                        </p>
                    </div>
                }
                .into_any()
            }
        }
    };

    let comparison_part = {
        let id = format!("{prefix}-cmp");
        move || {
            if is_bool() {
                view! {
                    <div class="field">
                        <p class="field-static"><span class="label">"Phép so sánh: "</span>"= (có / không)"</p>
                    </div>
                }
                .into_any()
            } else {
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
                            <option value=">=" selected=move || comparison.get() == Comparison::AtLeast>"≥ (ít nhất)"</option>
                            <option value="<=" selected=move || comparison.get() == Comparison::AtMost>"≤ (nhiều nhất)"</option>
                        </select>
                        {error_view(errors, &[Field::Comparison], format!("{id}-err"))}
                    </div>
                }
                .into_any()
            }
        }
    };

    let unit_part = {
        let unit_id = format!("{prefix}-unit");
        move || {
            (!is_bool()).then(|| {
                text_input(
                    unit_id.clone(),
                    "Đơn vị (không bắt buộc)",
                    unit,
                    errors,
                    &[Field::Unit],
                    None,
                    None,
                )
            })
        }
    };
    let cancel = move |_| on_done.run(Done::Cancelled);
    let note_id = format!("{prefix}-note");
    let heading_id = format!("{prefix}-h");

    view! {
        <form
            class="bo-tieu-chi-rule-form"
            node_ref=form_ref
            aria-labelledby=heading_id.clone()
            data-testid="indicator-form"
            novalidate
            on:submit=save
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_done.run(Done::Cancelled);
                }
            }
        >
            <h5 id=heading_id.clone()>{heading}</h5>
            {derived
                .map(|d| {
                    view! {
                        <p class="alert alert-info">
                            {format!(
                                "Chỉ tiêu này không nhập trực tiếp ({d}). Loại giá trị và nguồn số liệu của nó không sửa được ở đây; tên, ngưỡng, căn cứ, tình trạng và ghi chú thì sửa được."
                            )}
                        </p>
                    }
                })}
            {other_errors(errors, INDICATOR_FIELDS)}
            <div class="form-row">
                {adding
                    .then(|| {
                        text_input(
                            format!("{prefix}-code"),
                            "Mã chỉ tiêu",
                            code_txt,
                            errors,
                            &[Field::Code],
                            Some("Ví dụ 1.1 — chữ không dấu, số, dấu chấm."),
                            Some("code-input"),
                        )
                    })}
                {text_input(format!("{prefix}-name"), "Tên chỉ tiêu", name, errors, &[Field::Name], None, Some("name-input"))}
            </div>
            <div class="form-row">
                {kind_part}
                {comparison_part}
                {unit_part}
            </div>
                        {threshold_part}
            {old_source
                .map(|c| {
                    view! {
                        <p class="hint">
                            {format!("Căn cứ hiện ghi: {c} — văn bản này chưa cho ngưỡng. Nếu nhập ngưỡng, hãy ghi văn bản quy định ngưỡng đó.")}
                        </p>
                    }
                })}
            {source_fields(&prefix, src, errors)}
            <div class="form-row">
                {status_select(format!("{prefix}-status"), status)}
            </div>
            <div class="field">
                <label for=note_id.clone()>"Ghi chú (không bắt buộc)"</label>
                <textarea
                    id=note_id
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="save-indicator">
                    "Lưu thay đổi"
                </button>
                <button type="button" class="secondary" on:click=cancel>
                    "Hủy"
                </button>
            </div>
        </form>
    }
}

/// Rename a criterion.
#[component]
pub fn RenameCriterion(set: String, crit: String, on_done: Callback<Done>) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let current = rc.active.with_untracked(|r| {
        r.set(&set)
            .and_then(|s| s.criteria.iter().find(|c| *c.code == *crit))
            .map(|c| c.name.to_string())
            .unwrap_or_default()
    });
    let name = RwSignal::new(current);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let form_ref = NodeRef::<html::Form>::new();
    let prefix = format!("rn-{}-{}", id_part(&set), id_part(&crit));
    let save = {
        let (set, crit) = (set.clone(), crit.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let n = name.get_untracked();
            if n.trim().is_empty() {
                errors.set(vec![FieldError::new(Field::Name, "không được để trống")]);
                focus_first_invalid(form_ref);
                return;
            }
            let mut patch = rc.patch.get_untracked();
            rules_edit::rename_criterion(&mut patch, &rc.base.get_value(), &set, &crit, &n);
            match rc.apply_patch(patch) {
                Ok(warning) => on_done.run(Done::Saved {
                    message: format!("Đã đổi tên tiêu chí {crit}."),
                    warning,
                }),
                Err(e) => {
                    errors.set(vec![field_error(&e)]);
                    focus_first_invalid(form_ref);
                }
            }
        }
    };
    view! {
        <form class="bo-tieu-chi-rule-form rename-form" node_ref=form_ref novalidate on:submit=save
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_done.run(Done::Cancelled);
                }
            }
        >
            {other_errors(errors, &[Field::Name])}
            {text_input(
                format!("{prefix}-name"),
                "Tên mới của tiêu chí",
                name,
                errors,
                &[Field::Name],
                None,
                Some("rename-input"),
            )}
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="save-rename">"Lưu tên"</button>
                <button type="button" class="secondary" on:click=move |_| on_done.run(Done::Cancelled)>"Hủy"</button>
            </div>
        </form>
    }
}

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
    let rc = expect_context::<RulesCtx>();
    let prefix = format!("tg-{}", id_part(&target.id));
    let threshold = RwSignal::new(number_text(target.threshold));
    let upper = RwSignal::new(number_text(target.upper));
    let status = RwSignal::new(target.status);
    let src = SourceFields::new(Some(&target.source));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let form_ref = NodeRef::<html::Form>::new();
    let kind = target.kind;
    let save = {
        let target = target.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let mut errs = Vec::new();
            let mut num = |txt: String, field: Field| match parse_for(kind, &txt) {
                Ok(v) => v,
                Err(p) => {
                    errs.push(FieldError::new(field, p));
                    None
                }
            };
            let t = num(threshold.get_untracked(), Field::Threshold);
            let u = num(upper.get_untracked(), Field::Upper);
            let source = src.read(&mut errs);
            let form = TargetForm {
                id: target.id.clone(),
                threshold: t,
                upper: u,
                source,
                status: status.get_untracked(),
            };
            let base = rc.base.get_value();
            if errs.is_empty() {
                errs = check_target(&base, &target, &form);
            }
            if !errs.is_empty() {
                errors.set(errs);
                focus_first_invalid(form_ref);
                return;
            }
            let mut patch = rc.patch.get_untracked();
            rules_edit::put_target(&mut patch, &base, &form);
            match rc.apply_patch(patch) {
                Ok(warning) => on_done.run(Done::Saved {
                    message: format!("Đã lưu mục tiêu {}.", target.id),
                    warning,
                }),
                Err(e) => {
                    errors.set(vec![field_error(&e)]);
                    focus_first_invalid(form_ref);
                }
            }
        }
    };
    let sfx = suffix(kind, &target.unit);
    let num_field = move |id: String,
                          label: &'static str,
                          value: RwSignal<String>,
                          field: &'static [Field],
                          testid: &'static str| {
        let err_id = format!("{id}-err");
        let sfx = sfx.clone();
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <div class="input-wrap">
                    <input
                        type="text"
                        id=id
                        class="num-input"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid=testid
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                        aria-invalid=has_error(errors, field)
                        aria-describedby=err_id.clone()
                    />
                    {sfx.map(|s| view! { <span class="suffix">{s}</span> })}
                </div>
                {error_view(errors, field, err_id)}
            </div>
        }
    };
    view! {
        <form class="bo-tieu-chi-rule-form" node_ref=form_ref novalidate on:submit=save
            aria-label=format!("Sửa mục tiêu {}", target.id)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_done.run(Done::Cancelled);
                }
            }
        >
            {other_errors(errors, TARGET_FIELDS)}
            <div class="form-row">
                {num_field(format!("{prefix}-thr"), "Mức ngưỡng", threshold, &[Field::Threshold], "target-threshold-input")}
                {num_field(format!("{prefix}-up"), "Mức vượt (không bắt buộc)", upper, &[Field::Upper], "target-upper-input")}
                {status_select(format!("{prefix}-status"), status)}
            </div>
            {source_fields(&prefix, src, errors)}
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="save-target">"Lưu thay đổi"</button>
                <button type="button" class="secondary" on:click=move |_| on_done.run(Done::Cancelled)>"Hủy"</button>
            </div>
        </form>
    }
}
