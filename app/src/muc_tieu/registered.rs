//! Registered targets (đăng ký thi đua): a unit's own targets with a deadline, later the value
//! achieved and the completion date; the status ("Hoàn thành sớm 12 ngày") is the core's.

use crate::infra::clock;
use crate::infra::download::download;
use crate::muc_tieu::state::FiguresCtx;
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use crate::ui::date_input::DateInput;
use crate::ui::number_input::read;
use crate::ui::table::{header_cells, TableScroll};
use crate::ui::text_field::TextField;
use leptos::prelude::*;
use ntm_core::registered::{csv_excel, status, RegisteredTarget};
use ntm_core::rules::{Comparison, Kind};
use ntm_core::text::parse_vi_date;
use std::collections::BTreeMap;

/// The form's text, field by field.
#[derive(Clone, Debug, Default, PartialEq)]
struct FormText {
    registrant: String,
    name: String,
    unit: String,
    comparison: String,
    target: String,
    deadline: String,
    achieved: String,
    completed_on: String,
}

impl FormText {
    fn from_reg(r: &RegisteredTarget) -> FormText {
        FormText {
            registrant: r.registrant.clone(),
            name: r.name.clone(),
            unit: r.unit.clone(),
            comparison: match r.comparison {
                Comparison::AtMost => "<=".into(),
                _ => ">=".into(),
            },
            target: Kind::Number.show(r.target),
            deadline: r.deadline.clone(),
            achieved: r.achieved.map(|a| Kind::Number.show(a)).unwrap_or_default(),
            completed_on: r.completed_on.clone().unwrap_or_default(),
        }
    }

    /// The registration, or the problem of each field at fault.
    fn to_reg(&self, id: String) -> Result<RegisteredTarget, BTreeMap<&'static str, String>> {
        let mut errors = BTreeMap::new();
        let target = match read(Kind::Number, &self.target, None) {
            Ok(Some(v)) => v,
            Ok(None) => {
                errors.insert("target", "Chưa nhập giá trị mục tiêu.".to_string());
                0.0
            }
            Err(e) => {
                errors.insert("target", e);
                0.0
            }
        };
        let achieved = match read(Kind::Number, &self.achieved, None) {
            Ok(v) => v,
            Err(e) => {
                errors.insert("achieved", e);
                None
            }
        };
        // Typed dd/mm/yyyy (or kept as refused by the date field): read once, here.
        let mut date = |key: &'static str, text: &str| match parse_vi_date(text) {
            Ok(d) => d.unwrap_or_default(),
            Err(e) => {
                errors.insert(key, ntm_core::text::sentence(&e));
                String::new()
            }
        };
        let (deadline, completed_on) = (
            date("deadline", &self.deadline),
            date("completed_on", &self.completed_on),
        );
        if deadline.is_empty() && !errors.contains_key("deadline") {
            errors.insert("deadline", "Chưa nhập hạn hoàn thành.".to_string());
        }
        let reg = RegisteredTarget {
            id,
            registrant: self.registrant.trim().to_string(),
            name: self.name.trim().to_string(),
            unit: self.unit.trim().to_string(),
            comparison: if self.comparison == "<=" {
                Comparison::AtMost
            } else {
                Comparison::AtLeast
            },
            target,
            deadline,
            achieved,
            completed_on: Some(completed_on).filter(|s| !s.is_empty()),
        };
        if errors.is_empty() {
            if let Err(e) = reg.validate() {
                let field = match e.field.last_field().unwrap_or_default() {
                    "name" => "name",
                    "target" => "target",
                    "deadline" => "deadline",
                    "completed_on" => "completed_on",
                    _ => "achieved",
                };
                errors.insert(field, ntm_core::text::sentence(&e.problem));
            }
        }
        if errors.is_empty() {
            Ok(reg)
        } else {
            Err(errors)
        }
    }
}

/// One text field of the form, with the reason the core refused it.
#[component]
fn RegField(
    key: &'static str,
    label: &'static str,
    input_type: &'static str,
    get: fn(&FormText) -> String,
    set: fn(&mut FormText, String),
    form: RwSignal<FormText>,
    errors: RwSignal<BTreeMap<&'static str, String>>,
) -> impl IntoView {
    let id = format!("reg-{key}");
    if input_type == "date" {
        let write = move |v: String| form.update(|f| set(f, v));
        return view! {
            <div class="field muc-tieu-registered-field">
                <label for=id.clone()>{label}</label>
                <DateInput
                    id=id
                    label=label
                    value=Signal::derive(move || form.with(get))
                    on_date=Callback::new(write)
                    on_invalid=Callback::new(write)
                    form_error=Signal::derive(move || errors.with(|e| e.get(key).cloned()))
                />
            </div>
        }
        .into_any();
    }
    view! {
        <TextField
            id=format!("reg-{key}")
            label=label
            input_type=input_type
            value=Signal::derive(move || form.with(get))
            on_input=Callback::new(move |v: String| form.update(|f| set(f, v)))
            error=Signal::derive(move || errors.with(|e| e.get(key).cloned()))
            class="muc-tieu-registered-field"
        />
    }
    .into_any()
}

/// One registered target with its status and its edit / delete buttons.
fn registered_row(
    r: RegisteredTarget,
    today: &str,
    items: RwSignal<Vec<RegisteredTarget>>,
    edit: Callback<RegisteredTarget>,
    ask: RwSignal<Option<Ask<String>>>,
) -> impl IntoView {
    let st = status(&r, today);
    let (id_edit, id_del, name_del) = (r.id.clone(), r.id.clone(), r.name.clone());
    let achieved = r
        .achieved
        .map(|a| Kind::Number.format(a, Some(&r.unit)))
        .unwrap_or_else(|| "—".into());
    view! {
        <tr data-testid="registered-item" data-status=st.code()>
            <td>{r.registrant.clone()}</td>
            <td>{r.name.clone()}</td>
            <td>{r.target_text()}</td>
            <td>{clock::vi_date(&r.deadline)}</td>
            <td>{achieved}</td>
            <td>{r.completed_on.as_deref().map(clock::vi_date).unwrap_or_else(|| "—".into())}</td>
            <td>
                <span class=format!("muc-tieu-registered-status muc-tieu-registered-{}", st.code()) data-testid="registered-status">
                    {st.label_vi()}
                </span>
            </td>
            <td class="muc-tieu-registered-actions no-print">
                <button
                    type="button"
                    class="secondary small"
                    on:click=move |_| {
                        if let Some(r) = items.with_untracked(|l| l.iter().find(|r| r.id == id_edit).cloned()) {
                            edit.run(r);
                        }
                    }
                >
                    "Sửa"
                </button>
                <button
                    type="button"
                    class="secondary small danger-text"
                    on:click=move |_| {
                        ask.set(Some(Ask {
                            title: "Xóa chỉ tiêu đăng ký?".into(),
                            message: format!("Chỉ tiêu “{name_del}” sẽ bị xóa khỏi trình duyệt này."),
                            confirm_label: "Xóa".into(),
                            action: id_del.clone(),
                        }));
                    }
                >
                    "Xóa"
                </button>
            </td>
        </tr>
    }
}

/// Adding or editing one registered target.
#[component]
fn RegisteredForm(
    form: RwSignal<FormText>,
    errors: RwSignal<BTreeMap<&'static str, String>>,
    editing: RwSignal<Option<String>>,
    submit: Callback<leptos::ev::SubmitEvent>,
    cancel: Callback<()>,
    export: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    view! {
    <form class="muc-tieu-registered-form no-print" on:submit=move |ev| submit.run(ev) novalidate>
        <h3>
            {move || {
                if editing.get().is_some() { "Sửa chỉ tiêu đăng ký" } else { "Thêm chỉ tiêu đăng ký" }
            }}
        </h3>
        <div class="muc-tieu-registered-grid">
            <RegField key="registrant" label="Đơn vị đăng ký" input_type="text" get=|f| f.registrant.clone() set=|f, v| f.registrant = v form=form errors=errors />
            <RegField key="name" label="Tên chỉ tiêu" input_type="text" get=|f| f.name.clone() set=|f, v| f.name = v form=form errors=errors />
            <div class="muc-tieu-registered-field">
                <label for="reg-comparison">"So sánh"</label>
                <select
                    id="reg-comparison"
                    prop:value=move || form.with(|f| f.comparison.clone())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.comparison = v);
                    }
                >
                    <option value=">=">"≥ (đạt từ mức này trở lên)"</option>
                    <option value="<=">"≤ (giảm xuống mức này trở xuống)"</option>
                </select>
            </div>
            <RegField key="target" label="Giá trị mục tiêu" input_type="text" get=|f| f.target.clone() set=|f, v| f.target = v form=form errors=errors />
            <RegField key="unit" label="Đơn vị tính" input_type="text" get=|f| f.unit.clone() set=|f, v| f.unit = v form=form errors=errors />
            <RegField key="deadline" label="Hạn hoàn thành" input_type="date" get=|f| f.deadline.clone() set=|f, v| f.deadline = v form=form errors=errors />
            <RegField key="achieved" label="Giá trị đạt được" input_type="text" get=|f| f.achieved.clone() set=|f, v| f.achieved = v form=form errors=errors />
            <RegField key="completed_on" label="Ngày hoàn thành" input_type="date" get=|f| f.completed_on.clone() set=|f, v| f.completed_on = v form=form errors=errors />
        </div>
        <div class="muc-tieu-registered-buttons">
            <button type="submit" id="reg-save">
                {move || if editing.get().is_some() { "Lưu thay đổi" } else { "Thêm chỉ tiêu" }}
            </button>
            <Show when=move || editing.get().is_some()>
                <button type="button" class="secondary" on:click=move |_| cancel.run(())>
                    "Hủy sửa"
                </button>
            </Show>
            <button type="button" class="secondary" id="export-registered-csv" on:click=move |ev| export.run(ev)>
                "Xuất CSV (Excel)"
            </button>
        </div>
    </form>
    }
}

#[component]
pub fn RegisteredTargets() -> impl IntoView {
    let fig = expect_context::<FiguresCtx>();
    // The list is the app's (read once); this page only shows and edits it.
    let items = fig.registered;
    let load_problem = fig.registered_problem.get_untracked();
    let form = RwSignal::new(FormText {
        comparison: ">=".into(),
        ..Default::default()
    });
    let errors = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let editing = RwSignal::new(None::<String>);
    let message = RwSignal::new(load_problem);
    let ask = RwSignal::new(None::<Ask<String>>);

    let persist = move || {
        message.set(
            fig.save_registered()
                .err()
                .map(|e| format!("Chưa lưu được danh sách: {e}")),
        );
    };
    let reset_form = move || {
        form.set(FormText {
            comparison: ">=".into(),
            ..Default::default()
        });
        errors.set(BTreeMap::new());
        editing.set(None);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut text = form.get_untracked();
        if text.registrant.trim().is_empty() {
            text.registrant = fig.figures.with_untracked(|f| f.unit_name.clone());
        }
        let id = editing
            .get_untracked()
            .unwrap_or_else(|| format!("dk-{}", clock::now_ms() as u64));
        match text.to_reg(id.clone()) {
            Ok(reg) => {
                items.update(|l| match l.iter_mut().find(|r| r.id == id) {
                    Some(slot) => *slot = reg,
                    None => l.push(reg),
                });
                persist();
                reset_form();
            }
            Err(e) => errors.set(e),
        }
    };
    let export = move |_| {
        let bytes = csv_excel(&items.get_untracked(), &clock::today_iso());
        if let Err(e) = download(&bytes, "dang-ky-thi-dua.csv", "text/csv;charset=utf-8") {
            message.set(Some(e));
        }
    };
    let confirm_delete = Callback::new(move |id: String| {
        items.update(|l| l.retain(|r| r.id != id));
        if editing.get_untracked().as_deref() == Some(id.as_str()) {
            reset_form();
        }
        persist();
    });

    let edit = Callback::new(move |r: RegisteredTarget| {
        form.set(FormText::from_reg(&r));
        errors.set(BTreeMap::new());
        editing.set(Some(r.id));
        if let Some(el) = document().get_element_by_id("reg-name") {
            use wasm_bindgen::JsCast;
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    let rows = move || {
        let today = clock::today_iso();
        items
            .get()
            .into_iter()
            .map(|r| registered_row(r, &today, items, edit, ask))
            .collect_view()
    };

    view! {
        <section class="panel muc-tieu-registered-panel" aria-labelledby="reg-h">
            <h2 id="reg-h">"Chỉ tiêu đăng ký thi đua"</h2>
            <p class="hint no-print">
                "Đơn vị tự đăng ký chỉ tiêu và hạn hoàn thành; khi đạt, nhập giá trị đạt được và ngày hoàn thành. Kế hoạch khen thưởng các đơn vị hoàn thành sớm chỉ tiêu đã đăng ký (mục VII.2). Tình trạng tính theo ngày hôm nay: "
                {clock::vi_date(&clock::today_iso())}
                "."
            </p>
            {move || message.get().map(|m| view! { <p class="alert alert-warning" role="alert">{m}</p> })}
            <Show
                when=move || !items.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"Chưa có chỉ tiêu đăng ký nào."</p> }
            >
                <TableScroll label="Bảng chỉ tiêu đăng ký">
                    <table class="muc-tieu-registered-table" data-testid="registered-table">
                        <thead>
                            <tr>
                                {header_cells(&["Đơn vị", "Chỉ tiêu", "Mục tiêu", "Hạn", "Đạt được", "Ngày hoàn thành", "Tình trạng"])}
                                <th scope="col" class="no-print">
                                    <span class="visually-hidden">"Thao tác"</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableScroll>
            </Show>
            <RegisteredForm form=form errors=errors editing=editing submit=Callback::new(submit) cancel=Callback::new(move |()| reset_form()) export=Callback::new(export) />
            <ConfirmDialog ask=ask on_confirm=confirm_delete id="reg-delete" />
        </section>
    }
}
