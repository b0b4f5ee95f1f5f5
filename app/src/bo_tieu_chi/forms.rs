//! What the rules editor's forms share: field errors beside their field, text fields, the
//! source and status fields, kernel-read numbers, and saving a change through
//! `RulesCtx::apply_patch` (what the core refuses is shown beside the field it names).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::ui::number_input::NumberInput;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use ntm_core::rules::{Kind, Source};
use ntm_core::rules_edit::{self, field_error, parse_vi_date, Field, FieldError};
use ntm_core::{RulesFile, Status};
use wasm_bindgen::JsCast;

/// The statuses a rule can have, in the order the select offers them (words: `Status::label_vi`).
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

/// Safe for an element id: "15.1" → "15_1".
pub fn id_part(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Typed text read by the core's input kernel; the reason stays lower-case to follow a field name.
pub fn kernel_read(kind: Kind, text: &str) -> Result<Option<f64>, String> {
    kind.parse_number(text).map_err(|p| p.message_vi(kind))
}

/// A number as its input shows it (blank when there is none).
pub fn shown(kind: Kind, v: Option<f64>) -> String {
    v.map(|v| kind.show(v)).unwrap_or_default()
}

/// A kernel-read number field; `unit` (the indicator's) is shown only for kinds without their own.
pub fn number_field(
    id: String,
    kind: Kind,
    value: RwSignal<String>,
    testid: String,
    described_by: String,
    unit: &str,
) -> AnyView {
    let initial = value.get_untracked();
    let on_text = Callback::new(move |(t, _): (String, Option<f64>)| value.set(t));
    let unit = unit.trim();
    if kind.suffix().is_none() && !unit.is_empty() {
        let unit = unit.to_string();
        view! { <NumberInput id kind initial on_text testid described_by suffix=unit /> }.into_any()
    } else {
        view! { <NumberInput id kind initial on_text testid described_by /> }.into_any()
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
pub fn error_view(
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

pub fn has_error(
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
pub fn other_errors(errors: RwSignal<Vec<FieldError>>, shown: &'static [Field]) -> impl IntoView {
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
pub struct SourceFields {
    document: RwSignal<String>,
    annex: RwSignal<String>,
    date: RwSignal<String>,
    url: RwSignal<String>,
}

impl SourceFields {
    pub fn new(s: Option<&Source>) -> Self {
        SourceFields {
            document: RwSignal::new(s.map(|s| s.document.clone()).unwrap_or_default()),
            annex: RwSignal::new(s.and_then(|s| s.annex.clone()).unwrap_or_default()),
            date: RwSignal::new(rules_edit::date_for_form(s.and_then(|s| s.date.as_deref()))),
            url: RwSignal::new(s.and_then(|s| s.url.clone()).unwrap_or_default()),
        }
    }

    /// The source, or the date's problem.
    pub fn read(&self, errs: &mut Vec<FieldError>) -> Source {
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

pub fn text_input(
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

pub fn source_fields(
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

pub fn status_select(id: String, status: RwSignal<Status>) -> impl IntoView {
    labelled_status_select(id, "Tình trạng xác minh", status)
}

/// A status select under its own label (an indicator has two: its code's and its threshold's).
pub fn labelled_status_select(
    id: String,
    label: &'static str,
    status: RwSignal<Status>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
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

/// What every form of the editor does the same way: show refusals, save, cancel.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub rc: RulesCtx,
    pub errors: RwSignal<Vec<FieldError>>,
    pub form_ref: NodeRef<html::Form>,
    pub on_done: Callback<Done>,
}

impl FormCtx {
    pub fn new(on_done: Callback<Done>) -> Self {
        FormCtx {
            rc: expect_context::<RulesCtx>(),
            errors: RwSignal::new(Vec::new()),
            form_ref: NodeRef::new(),
            on_done,
        }
    }

    /// Shows `errs` and focuses the first invalid field; true when there were any.
    pub fn refuse(self, errs: Vec<FieldError>) -> bool {
        if errs.is_empty() {
            return false;
        }
        self.errors.set(errs);
        focus_first_invalid(self.form_ref);
        true
    }

    /// Makes `patch` the province's patch and closes the form, or shows the core's refusal.
    pub fn apply(self, patch: RulesFile, message: String) {
        match self.rc.apply_patch(patch) {
            Ok(warning) => {
                self.errors.set(Vec::new());
                self.on_done.run(Done::Saved { message, warning });
            }
            Err(e) => {
                self.refuse(vec![field_error(&e)]);
            }
        }
    }

    pub fn cancel(self) {
        self.on_done.run(Done::Cancelled);
    }

    /// Escape anywhere in the form cancels it.
    pub fn on_keydown(self) -> impl Fn(KeyboardEvent) + Copy {
        move |ev: KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                self.cancel();
            }
        }
    }

    /// The form's two buttons: save (`testid`) and cancel.
    pub fn actions(self, save_label: &'static str, testid: &'static str) -> impl IntoView {
        view! {
            <div class="form-actions">
                <button type="submit" class="primary" data-testid=testid>
                    {save_label}
                </button>
                <button type="button" class="secondary" on:click=move |_| self.cancel()>
                    "Hủy"
                </button>
            </div>
        }
    }
}

/// Rename a criterion.
#[component]
pub fn RenameCriterion(set: String, crit: String, on_done: Callback<Done>) -> impl IntoView {
    let f = FormCtx::new(on_done);
    let current = f.rc.active.with_untracked(|r| {
        r.set(&set)
            .and_then(|s| s.criteria.iter().find(|c| *c.code == *crit))
            .map(|c| c.name.to_string())
            .unwrap_or_default()
    });
    let name = RwSignal::new(current);
    let prefix = format!("rn-{}-{}", id_part(&set), id_part(&crit));
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        if n.trim().is_empty() {
            f.refuse(vec![FieldError::new(Field::Name, "không được để trống")]);
            return;
        }
        let mut patch = f.rc.patch.get_untracked();
        rules_edit::rename_criterion(&mut patch, &f.rc.base.get_value(), &set, &crit, &n);
        f.apply(patch, format!("Đã đổi tên tiêu chí {crit}."));
    };
    view! {
        <form
            class="bo-tieu-chi-rule-form rename-form"
            node_ref=f.form_ref
            novalidate
            on:submit=save
            on:keydown=f.on_keydown()
        >
            {other_errors(f.errors, &[Field::Name])}
            {text_input(
                format!("{prefix}-name"),
                "Tên mới của tiêu chí",
                name,
                f.errors,
                &[Field::Name],
                None,
                Some("rename-input"),
            )}
            {f.actions("Lưu tên", "save-rename")}
        </form>
    }
}
