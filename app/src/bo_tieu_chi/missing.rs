//! "Ngưỡng còn thiếu": every indicator without a threshold for a chosen year in one form — value
//! (read by the input kernel), document, date, article — saved into the province's patch by
//! `rules_edit::fill_missing` and exported as the province's rules file.

use crate::bo_tieu_chi::file::export;
use crate::bo_tieu_chi::forms::{focus_id, id_part, kernel_read};
use crate::bo_tieu_chi::page::Ui;
use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::ui::flag_select::FlagSelect;
use crate::ui::number_input::NumberInput;
use crate::ui::table::TableScroll;
use leptos::prelude::*;
use ntm_core::rules::{Kind, Source, Threshold};
use ntm_core::rules_edit::{
    self, entry_status, entry_status_reason, field_error, missing_thresholds, parse_vi_date, Entry,
    Field, FieldError, Missing, RowError,
};
use ntm_core::text::shown_code;
use std::collections::HashMap;

/// The texts of one row, kept as typed (also across years and saves that were refused).
#[derive(Clone, Copy)]
struct RowFields {
    value: RwSignal<String>,
    flag: RwSignal<Option<bool>>,
    document: RwSignal<String>,
    date: RwSignal<String>,
    annex: RwSignal<String>,
}

impl RowFields {
    fn new() -> Self {
        RowFields {
            value: RwSignal::new(String::new()),
            flag: RwSignal::new(None),
            document: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
            annex: RwSignal::new(String::new()),
        }
    }

    fn clear(&self) {
        self.value.set(String::new());
        self.flag.set(None);
        self.document.set(String::new());
        self.date.set(String::new());
        self.annex.set(String::new());
    }
}

type Key = (u16, String, String);

/// The form's state: the year, every row typed so far, the refusals of the last save.
#[derive(Clone, Copy)]
struct MissingForm {
    year: RwSignal<u16>,
    rows: StoredValue<HashMap<Key, RowFields>>,
    errors: RwSignal<Vec<RowError>>,
    /// The section's owner: rows outlive the table drawn again when the rules change.
    owner: StoredValue<Owner>,
}

impl MissingForm {
    fn row(&self, year: u16, m: &Missing) -> RowFields {
        let key = (year, m.set.clone(), m.code.clone());
        if let Some(r) = self.rows.with_value(|rows| rows.get(&key).copied()) {
            return r;
        }
        let r = self.owner.with_value(|o| o.with(RowFields::new));
        self.rows.update_value(|rows| {
            rows.insert(key, r);
        });
        r
    }
}

/// One row read: the entry, or the problems of its texts (value, date).
fn read_row(m: &Missing, r: RowFields, errs: &mut Vec<FieldError>) -> Entry {
    let value = if m.kind == Kind::Boolean {
        r.flag.get_untracked().map(Threshold::Flag)
    } else {
        match kernel_read(m.kind, &r.value.get_untracked()) {
            Ok(v) => v.map(Threshold::Fixed),
            Err(p) => {
                errs.push(FieldError::new(Field::Threshold, p));
                None
            }
        }
    };
    let date = match parse_vi_date(&r.date.get_untracked()) {
        Ok(d) => d,
        Err(p) => {
            errs.push(FieldError::new(Field::SourceDate, p));
            None
        }
    };
    Entry {
        set: m.set.clone(),
        crit: m.crit.clone(),
        code: m.code.clone(),
        value,
        source: Source {
            document: r.document.get_untracked(),
            annex: Some(r.annex.get_untracked()),
            date,
            url: None,
        },
    }
}

fn save(rc: RulesCtx, ui: Ui, form: MissingForm) {
    let year = form.year.get_untracked();
    let active = rc.active.get_untracked();
    let list = missing_thresholds(&active, year);
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    for m in &list {
        let r = form.row(year, m);
        let mut errs = Vec::new();
        let e = read_row(m, r, &mut errs);
        errors.extend(
            errs.into_iter()
                .map(|fe| RowError::new(&active, &m.set, &m.code, fe)),
        );
        entries.push(e);
    }
    if entries.iter().all(Entry::is_blank) && errors.is_empty() {
        form.errors.set(Vec::new());
        ui.notice
            .set(Some(format!("Chưa nhập ngưỡng nào cho năm {year}.")));
        return;
    }
    let mut patch = rc.patch.get_untracked();
    if errors.is_empty() {
        match rules_edit::fill_missing(&mut patch, &rc.base.get_value(), &active, year, &entries) {
            Ok(n) => match rc.apply_patch(patch) {
                Ok(warning) => {
                    for (m, e) in list.iter().zip(&entries) {
                        if !e.is_blank() {
                            form.row(year, m).clear();
                        }
                    }
                    form.errors.set(Vec::new());
                    ui.problem.set(warning);
                    ui.notice.set(Some(format!(
                        "Đã lưu {n} ngưỡng năm {year} vào bộ tiêu chí trên máy này. Hãy “Xuất tệp bộ tiêu chí” để gửi đi."
                    )));
                    focus_id("missing-save".into());
                    return;
                }
                Err(e) => {
                    let fe = field_error(&e);
                    errors.push(RowError {
                        set: String::new(),
                        code: String::new(),
                        field: fe.field,
                        message: fe.message,
                    });
                }
            },
            Err(es) => errors = es,
        }
    }
    ui.notice.set(None);
    form.errors.set(errors);
    focus_id("missing-errors".into());
}

/// The row's error line and whether the row has one.
fn row_errors(form: MissingForm, set: &str, code: &str) -> Vec<String> {
    form.errors.with(|es| {
        es.iter()
            .filter(|e| e.set == set && e.code == code)
            .map(|e| e.message.clone())
            .collect()
    })
}

/// What status the row will get once saved, and why (live as the official types).
fn status_line(r: RowFields) -> impl IntoView {
    move || {
        let date = parse_vi_date(&r.date.get()).ok().flatten();
        let src = Source {
            document: r.document.get().trim().to_string(),
            annex: None,
            date,
            url: None,
        };
        (!src.document.is_empty()).then(|| {
            format!(
                "Khi lưu: {} — {}.",
                entry_status(&src).label_vi(),
                entry_status_reason(&src)
            )
        })
    }
}

/// A text cell of a row; while `invalid`, the row's error (`error_id`) describes it.
fn text_cell(
    id: String,
    label: String,
    value: RwSignal<String>,
    invalid: Signal<bool>,
    error_id: String,
) -> impl IntoView {
    view! {
        <input
            type="text"
            id=id.clone()
            data-testid=id
            autocomplete="off"
            aria-label=label
            aria-invalid=move || invalid.get().then_some("true")
            aria-describedby=move || invalid.get().then(|| error_id.clone())
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

fn row_view(rules: &ntm_core::Rules, form: MissingForm, year: u16, m: &Missing) -> impl IntoView {
    let r = form.row(year, m);
    let p = format!("mt-{}-{}", id_part(&m.set), id_part(&m.code));
    let (set, code) = (m.set.clone(), m.code.clone());
    let has = move |field: Field| {
        let (set, code) = (set.clone(), code.clone());
        Signal::derive(move || {
            form.errors.with(|es| {
                es.iter()
                    .any(|e| e.set == set && e.code == code && e.field == field)
            })
        })
    };
    let what = format!(
        "chỉ tiêu {} ({})",
        shown_code(&m.code),
        rules_edit::set_short_name(rules, &m.set)
    );
    let value = if m.kind == Kind::Boolean {
        view! {
            <FlagSelect
                id=format!("{p}-value")
                initial=r.flag.get_untracked()
                on_change=Callback::new(move |b| r.flag.set(b))
                testid=format!("{p}-value")
                yes_label="Đạt (phải có)"
                no_label="Không (phải không có)"
                blank_label="Chưa có ngưỡng"
                label=format!("Ngưỡng {what}")
            />
        }
        .into_any()
    } else {
        let suffix = m
            .unit
            .clone()
            .filter(|_| m.kind.suffix().is_none())
            .unwrap_or_default();
        view! {
            <NumberInput
                id=format!("{p}-value")
                kind=m.kind
                initial=r.value.get_untracked()
                on_text=Callback::new(move |(t, _): (String, Option<f64>)| r.value.set(t))
                testid=format!("{p}-value")
                suffix=suffix
                label=format!("Ngưỡng {what} ({})", m.comparison.symbol())
            />
        }
        .into_any()
    };
    let (set, code) = (m.set.clone(), m.code.clone());
    let error_id = format!("{p}-error");
    let errors = {
        let error_id = error_id.clone();
        move || {
            let msgs = row_errors(form, &set, &code);
            (!msgs.is_empty()).then(|| {
                view! { <p class="field-error" id=error_id.clone() data-testid="missing-row-error">{msgs.join(" ")}</p> }
            })
        }
    };
    view! {
        <tr data-testid=format!("missing-row-{}-{}", m.set, m.code)>
            <th scope="row" class="bo-tieu-chi-missing-name">
                <span class="ind-code">{shown_code(&m.code).to_string()}</span>
                " "
                {m.name.clone()}
                <span class="hint">{format!(" (giá trị của xã {} ngưỡng)", m.comparison.symbol())}</span>
            </th>
            <td>{value}</td>
            <td>
                {text_cell(format!("{p}-doc"), format!("Văn bản căn cứ, {what}"), r.document, has(Field::Source), error_id.clone())}
            </td>
            <td>
                {text_cell(format!("{p}-date"), format!("Ngày ban hành (ngày/tháng/năm), {what}"), r.date, has(Field::SourceDate), error_id.clone())}
            </td>
            <td>{text_cell(format!("{p}-annex"), format!("Điều, khoản, phụ lục, {what}"), r.annex, Signal::derive(|| false), error_id)}</td>
        </tr>
        <tr class="bo-tieu-chi-missing-note">
            <td colspan="5">
                <span class="hint" data-testid=format!("{p}-status")>{status_line(r)}</span>
                {errors}
            </td>
        </tr>
    }
}

#[component]
pub fn MissingThresholds(ui: Ui) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let (from, to) = rc.active.with_untracked(|r| (r.years.from, r.years.to));
    let form = MissingForm {
        year: RwSignal::new(clock::current_year().clamp(from, to)),
        rows: StoredValue::new(HashMap::new()),
        errors: RwSignal::new(Vec::new()),
        owner: StoredValue::new(Owner::current().expect("inside a component")),
    };
    let years = move || {
        let (from, to) = rc.active.with(|r| (r.years.from, r.years.to));
        (from..=to)
            .map(|y| {
                view! { <option value=y.to_string() selected=move || form.year.get() == y>{format!("Năm {y}")}</option> }
            })
            .collect_view()
    };
    let table = move || {
        let year = form.year.get();
        let rules = rc.active.get();
        let list = missing_thresholds(&rules, year);
        if list.is_empty() {
            return view! {
                <p class="alert alert-info" data-testid="missing-none">
                    {format!("Mọi chỉ tiêu đã có ngưỡng cho năm {year}.")}
                </p>
            }
            .into_any();
        }
        let mut body = Vec::new();
        let mut last_set = String::new();
        for m in &list {
            if m.set != last_set {
                last_set = m.set.clone();
                let title = rules
                    .set(&m.set)
                    .map(|s| s.title.to_string())
                    .unwrap_or_default();
                body.push(view! { <tr class="bo-tieu-chi-missing-set"><th colspan="5" scope="colgroup">{title}</th></tr> }.into_any());
            }
            body.push(row_view(&rules, form, year, m).into_any());
        }
        view! {
            <p data-testid="missing-count">
                {format!("{} chỉ tiêu chưa có ngưỡng cho năm {year}.", list.len())}
            </p>
            <TableScroll label="Bảng chỉ tiêu chưa có ngưỡng">
                <table class="bo-tieu-chi-missing-table">
                    <thead>
                        <tr>
                            <th scope="col" class="mt-col-name">"Chỉ tiêu"</th>
                            <th scope="col" class="mt-col-value">"Ngưỡng"</th>
                            <th scope="col">"Văn bản căn cứ (số hiệu)"</th>
                            <th scope="col" class="mt-col-date">"Ngày ban hành"</th>
                            <th scope="col" class="mt-col-annex">"Điều, khoản"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </TableScroll>
        }
        .into_any()
    };
    let errors = move || {
        let msgs: Vec<String> = form
            .errors
            .with(|es| es.iter().map(|e| e.message.clone()).collect());
        (!msgs.is_empty()).then(|| {
            view! {
                <div class="alert alert-error" role="alert" id="missing-errors" tabindex="-1" data-testid="missing-errors">
                    <p>"Chưa lưu — các dòng sau cần sửa:"</p>
                    <ul>{msgs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="nguong-con-thieu-h" data-testid="missing-thresholds">
            <h2 id="nguong-con-thieu-h">"Ngưỡng còn thiếu"</h2>
            <p>
                "Các chỉ tiêu chưa có ngưỡng cho năm được chọn: xã không thể “đạt” chỉ tiêu đó. Nhập ngưỡng do tỉnh quy định, kèm văn bản (số hiệu), ngày ban hành và điều khoản; dòng để trống được bỏ qua. Ngưỡng chỉ áp dụng cho năm được chọn."
            </p>
            <p class="hint">
                "Tình trạng xác minh: ngưỡng có văn bản ghi số hiệu và ngày ban hành được ghi “đã xác minh”; thiếu số hiệu hoặc ngày thì “chưa xác minh” và kết quả của xã ghi rõ là dựa trên căn cứ chưa xác minh."
            </p>
            <div class="field bo-tieu-chi-missing-year">
                <label for="missing-year">"Năm áp dụng"</label>
                <select id="missing-year" on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() {
                        form.errors.set(Vec::new());
                        form.year.set(y);
                    }
                }>{years}</select>
            </div>
            {errors}
            {table}
            <div class="bo-tieu-chi-actions">
                <button type="button" id="missing-save" class="primary" on:click=move |_| save(rc, ui, form)>
                    "Lưu các ngưỡng đã nhập"
                </button>
                <button type="button" id="missing-export" class="secondary" on:click=move |_| export(rc, ui)>
                    "Xuất tệp bộ tiêu chí"
                </button>
            </div>
        </section>
    }
}
