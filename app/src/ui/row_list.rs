//! One editor for a list of rows: a table with a caption, a form that adds a row, and per row
//! "Sửa" (the row goes into the form; "Lưu" replaces it, "Hủy" gives it up) and "Xóa".
//!
//! The caller says what a row is (`columns`, `name`), how the form's draft `D` becomes a row
//! (`from_draft`, which names the field at fault) and back (`to_draft`), draws the form's fields
//! with [`RowForm`], and writes rows with `on_save` / `on_remove`.

use crate::ui::date_input::DateInput;
use crate::ui::field_error::FieldError;
use crate::ui::table::{header_cells, TableScroll};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One column of the table: its header and a row's cell text.
pub struct Column<T> {
    pub header: &'static str,
    pub cell: fn(&T) -> String,
}

/// Why the draft is not a row: the id of the field to mark and the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct RowProblem {
    pub field: &'static str,
    pub message: String,
}

impl RowProblem {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        RowProblem {
            field,
            message: message.into(),
        }
    }
}

/// What the form's fields are given: the draft they edit and the problem they may be marked by.
pub struct RowForm<D: Send + Sync + 'static> {
    pub draft: RwSignal<D>,
    problem: RwSignal<Option<RowProblem>>,
    error_id: StoredValue<String>,
}

impl<D: Send + Sync + 'static> Clone for RowForm<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D: Send + Sync + 'static> Copy for RowForm<D> {}

impl<D: Send + Sync + 'static> RowForm<D> {
    fn marks(self, field: &'static str) -> bool {
        self.problem
            .with(|p| p.as_ref().is_some_and(|p| p.field == field))
    }

    /// A text (`kind` "text") or date ("date") input bound to one part of the draft.
    pub fn input(
        self,
        id: &'static str,
        label: &'static str,
        kind: &'static str,
        class: &'static str,
        get: fn(&D) -> String,
        put: fn(&mut D, String),
    ) -> impl IntoView {
        self.field(id, label, kind, None, class, get, put)
    }

    /// A year typed as four digits (read with `ntm_core::input::parse_year`).
    pub fn year(
        self,
        id: &'static str,
        label: &'static str,
        class: &'static str,
        get: fn(&D) -> String,
        put: fn(&mut D, String),
    ) -> impl IntoView {
        self.field(id, label, "text", Some("numeric"), class, get, put)
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        self,
        id: &'static str,
        label: &'static str,
        kind: &'static str,
        inputmode: Option<&'static str>,
        class: &'static str,
        get: fn(&D) -> String,
        put: fn(&mut D, String),
    ) -> AnyView {
        let error_id = self.error_id;
        if kind == "date" {
            let write = move |v: String| self.draft.update(|d| put(d, v));
            return view! {
                <div class=format!("field {class}")>
                    <label for=id>{label}</label>
                    <DateInput
                        id=id.to_string()
                        label=label
                        value=Signal::derive(move || self.draft.with(get))
                        on_date=Callback::new(write)
                        on_invalid=Callback::new(write)
                        invalid=Signal::derive(move || self.marks(id))
                    />
                </div>
            }
            .into_any();
        }
        view! {
            <div class=format!("field {class}")>
                <label for=id>{label}</label>
                <input
                    type=kind
                    id=id
                    autocomplete="off"
                    inputmode=inputmode
                    prop:value=move || self.draft.with(get)
                    aria-invalid=move || self.marks(id).then_some("true")
                    aria-describedby=move || self.marks(id).then(|| error_id.get_value())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        self.draft.update(|d| put(d, v));
                    }
                />
            </div>
        }
        .into_any()
    }

    /// A select of `(value, text)` choices bound to one part of the draft.
    pub fn select(
        self,
        id: &'static str,
        label: &'static str,
        choices: Vec<(String, String)>,
        get: fn(&D) -> String,
        put: fn(&mut D, String),
    ) -> impl IntoView {
        let options = choices
            .into_iter()
            .map(|(value, text)| {
                let v = value.clone();
                view! {
                    <option value=value prop:selected=move || self.draft.with(|d| get(d) == v)>
                        {text}
                    </option>
                }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select
                    id=id
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        self.draft.update(|d| put(d, v));
                    }
                >
                    {options}
                </select>
            </div>
        }
    }
}

fn focus_first_field(form: NodeRef<html::Form>) {
    let Some(form) = form.get_untracked() else {
        return;
    };
    if let Ok(Some(el)) = form.query_selector("input, select") {
        el.scroll_into_view_with_bool(false);
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// What a list's form is doing: its draft, the problem shown, the row being edited (with its
/// content, so a list changed meanwhile is not miswritten) and the form element.
struct ListState<T: Send + Sync + 'static, D: Send + Sync + 'static> {
    draft: RwSignal<D>,
    problem: RwSignal<Option<RowProblem>>,
    editing: RwSignal<Option<(usize, T)>>,
    form_ref: NodeRef<html::Form>,
}

impl<T: Send + Sync + 'static, D: Send + Sync + 'static> Clone for ListState<T, D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static, D: Send + Sync + 'static> Copy for ListState<T, D> {}

impl<T, D> ListState<T, D>
where
    T: Clone + Send + Sync + 'static,
    D: Default + Send + Sync + 'static,
{
    fn new() -> Self {
        ListState {
            draft: RwSignal::new(D::default()),
            problem: RwSignal::new(None),
            editing: RwSignal::new(None),
            form_ref: NodeRef::new(),
        }
    }

    fn cancel(self) {
        self.editing.set(None);
        self.problem.set(None);
        self.draft.set(D::default());
    }

    fn load(self, i: usize, row: &T, to_draft: fn(&T) -> D) {
        self.problem.set(None);
        self.draft.set(to_draft(row));
        self.editing.set(Some((i, row.clone())));
        focus_first_field(self.form_ref);
    }
}

/// A row's "Sửa" and "Xóa" buttons.
fn row_buttons<T, D>(
    state: ListState<T, D>,
    i: usize,
    row: T,
    label: String,
    to_draft: fn(&T) -> D,
    on_remove: Callback<usize>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    D: Default + Send + Sync + 'static,
{
    view! {
        <button
            type="button"
            class="small"
            data-testid="row-edit"
            aria-label=format!("Sửa {label}")
            on:click=move |_| state.load(i, &row, to_draft)
        >
            "Sửa"
        </button>
        " "
        <button
            type="button"
            class="small danger"
            data-testid="row-delete"
            aria-label=format!("Xóa {label}")
            on:click=move |_| {
                state.cancel();
                on_remove.run(i);
            }
        >
            "Xóa"
        </button>
    }
}

/// The table and its form. Ids: the add button `{id}-add`, cancel `{id}-cancel`, the reason
/// `{id}-error`; rows carry `data-testid=row_testid`.
#[component]
pub fn RowList<T, D>(
    id: &'static str,
    caption: &'static str,
    rows: Signal<Vec<T>>,
    columns: Vec<Column<T>>,
    /// Names a row in its buttons' accessible names ("Sửa …", "Xóa …").
    name: fn(&T) -> String,
    row_testid: &'static str,
    /// The add button's text.
    add_label: &'static str,
    to_draft: fn(&T) -> D,
    from_draft: fn(&D) -> Result<T, RowProblem>,
    /// The form's fields.
    form: fn(RowForm<D>) -> AnyView,
    /// Writes a row: added (`None`) or replacing the row at the index.
    on_save: Callback<(Option<usize>, T)>,
    on_remove: Callback<usize>,
    /// What the form keeps after a row is added (e.g. the chosen title); default: nothing.
    #[prop(optional)]
    keep: Option<fn(&D) -> D>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] table_class: &'static str,
    #[prop(optional)] form_class: &'static str,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    D: Clone + Default + Send + Sync + 'static,
{
    let state = ListState::<T, D>::new();
    let ListState {
        draft,
        problem,
        editing,
        form_ref,
    } = state;
    let row_form = RowForm {
        draft,
        problem,
        error_id: StoredValue::new(format!("{id}-error")),
    };
    let cancel = move || state.cancel();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(from_draft) {
            Err(p) => problem.set(Some(p)),
            Ok(row) => {
                problem.set(None);
                let at = editing.get_untracked().and_then(|(i, orig)| {
                    rows.with_untracked(|list| match list.get(i) {
                        Some(x) if *x == orig => Some(i),
                        _ => list.iter().position(|x| *x == orig),
                    })
                });
                let was_editing = editing.get_untracked().is_some();
                on_save.run((at, row));
                editing.set(None);
                let next = match keep {
                    Some(k) if !was_editing => draft.with_untracked(k),
                    _ => D::default(),
                };
                draft.set(next);
            }
        }
    };
    let headers: Vec<&'static str> = columns.iter().map(|c| c.header).collect();
    let columns = StoredValue::new(columns);
    let body = move || {
        let list = rows.get();
        if list.is_empty() {
            let span = columns.with_value(Vec::len) + 1;
            return view! { <tr class="row-list-empty"><td colspan=span.to_string()>"Chưa có dòng nào."</td></tr> }
                .into_any();
        }
        let current = editing.with(|e| e.as_ref().map(|(i, _)| *i));
        list.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let cells = columns.with_value(|cs| {
                    cs.iter()
                        .map(|c| view! { <td>{(c.cell)(&row)}</td> })
                        .collect_view()
                });
                let label = name(&row);
                view! {
                    <tr data-testid=row_testid class:is-editing=current == Some(i)>
                        {cells}
                        <td>{row_buttons(state, i, row, label, to_draft, on_remove)}</td>
                    </tr>
                }
                .into_any()
            })
            .collect_view()
            .into_any()
    };
    let error_id = format!("{id}-error");
    view! {
        <section class=format!("row-list {class}")>
            <TableScroll label=caption>
                <table class=format!("row-list-table {table_class}")>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            {header_cells(&headers)}
                            <th scope="col"><span class="visually-hidden">"Thao tác"</span></th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </TableScroll>
            <form class=format!("row-list-form {form_class}") node_ref=form_ref on:submit=submit novalidate>
                {form(row_form)}
                <button type="submit" class="small" id=format!("{id}-add")>
                    {move || if editing.with(Option::is_some) { "Lưu" } else { add_label }}
                </button>
                <Show when=move || editing.with(Option::is_some)>
                    <button type="button" class="small" id=format!("{id}-cancel") on:click=move |_| cancel()>
                        "Hủy"
                    </button>
                </Show>
            </form>
            <FieldError
                id=error_id.clone()
                testid=error_id
                message=Signal::derive(move || problem.with(|p| p.as_ref().map(|p| p.message.clone())))
            />
        </section>
    }
}
