//! The active rules as the page shows them: each set, its criteria and indicators with threshold,
//! status and source, and the buttons that open the editor's forms in place.

use crate::bo_tieu_chi::forms::{id_part, Done, RenameCriterion};
use crate::bo_tieu_chi::indicator::IndicatorEditor;
use crate::bo_tieu_chi::page::{Action, Editing, Ui};
use crate::tu_danh_gia::indicator_row::derived_text;
use crate::ui::confirm_dialog::Ask;
use crate::ui::source_note::SourceNote;
use crate::ui::status_tag::{BadgeTag, BadgeTags};
use crate::ui::table::{header_cells, TableScroll};
use leptos::prelude::*;
use ntm_core::criteria::{describe_required, Required};
use ntm_core::rules::{CriteriaSet, Criterion, Indicator, Threshold};
use ntm_core::text::shown_code;
use ntm_core::Rules;

/// The threshold cell: one requirement, a per-year table, or a relative rule.
fn threshold_view(ind: &Indicator) -> AnyView {
    match &ntm_core::rules_edit::normalize(ind.threshold.as_ref()) {
        None => view! { <span class="no-threshold">"Chưa có ngưỡng"</span> }.into_any(),
        Some(Threshold::Flag(b)) => describe_required(ind, &Required::Flag(*b)).into_any(),
        Some(Threshold::Fixed(n)) => describe_required(ind, &Required::Number(*n)).into_any(),
        Some(Threshold::Relative { relative }) => format!(
            "{} {} % × ngưỡng chỉ tiêu {} ({})",
            ind.comparison.symbol(),
            relative.percent,
            shown_code(&relative.code),
            ntm_core::rules_edit::builtin_set_short_name(&relative.set).unwrap_or(&relative.set)
        )
        .into_any(),
        Some(Threshold::ByYear(years)) => {
            let rows = years
                .iter()
                .map(|(y, v)| {
                    let text = match v {
                        Some(n) => describe_required(ind, &Required::Number(*n)),
                        None => "Chưa có ngưỡng".to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{y.to_string()}</th>
                            <td>{text}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="year-table">
                    <caption>"Theo năm đánh giá"</caption>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
}

/// The row under an item that holds its open form; `form` builds it with what to do when done.
pub fn edit_row(
    ui: Ui,
    is_open: Signal<bool>,
    colspan: &'static str,
    back: String,
    form: impl Fn(Callback<Done>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        is_open.get().then(|| {
            let back = back.clone();
            let on_done = Callback::new(move |d: Done| ui.done(d, back.clone()));
            view! {
                <tr class="edit-row">
                    <td colspan=colspan>{form(on_done)}</td>
                </tr>
            }
        })
    }
}

fn ask_remove(
    ui: Ui,
    set: String,
    crit: String,
    code: String,
    name: String,
) -> impl Fn(leptos::ev::MouseEvent) {
    move |_| {
        ui.ask.set(Some(Ask {
            title: format!("Xóa chỉ tiêu {}?", shown_code(&code)),
            message: format!(
                "Chỉ tiêu {} “{name}” sẽ bị bỏ khỏi tiêu chí {crit}. Hồ sơ của các xã không còn đánh giá chỉ tiêu này (số liệu đã nhập vẫn được giữ trong hồ sơ). Có thể hoàn tác trong mục “Thay đổi so với bộ gốc”.",
                shown_code(&code)
            ),
            confirm_label: "Xóa chỉ tiêu".into(),
            action: Action::Remove {
                set: set.clone(),
                crit: crit.clone(),
                code: code.clone(),
            },
        }))
    }
}

fn indicator_row(
    rules: &Rules,
    set_id: &str,
    crit: &str,
    ind: &Indicator,
    ui: Ui,
) -> impl IntoView {
    let code = ind.code.to_string();
    let derived = ind.input.as_ref().map(|i| derived_text(rules, set_id, i));
    let edit_btn = format!("btn-edit-{}-{}", id_part(set_id), id_part(&code));
    let me = Editing::Indicator {
        set: set_id.to_string(),
        crit: crit.to_string(),
        code: code.clone(),
    };
    let is_open = ui.is_open(me.clone());
    let first = format!(
        "ed-{}-{}-{}-name",
        id_part(set_id),
        id_part(crit),
        id_part(&code)
    );
    let open_edit = move |_| ui.toggle(me.clone(), first.clone());
    let remove = ask_remove(
        ui,
        set_id.into(),
        crit.into(),
        code.clone(),
        ind.name.to_string(),
    );
    let form_row = {
        let (set, crit, code) = (set_id.to_string(), crit.to_string(), code.clone());
        edit_row(ui, is_open, "9", edit_btn.clone(), move |on_done| {
            view! { <IndicatorEditor set=set.clone() crit=crit.clone() code=Some(code.clone()) on_done /> }
                .into_any()
        })
    };
    view! {
        <tr class:is-editing=is_open>
            <th scope="row" class="bo-tieu-chi-rule-code">{shown_code(&code).to_string()}</th>
            <td>
                {ind.name.to_string()}
                {derived.map(|d| view! { <p class="derived">{d}</p> })}
            </td>
            <td>{ind.kind.label()}</td>
            <td class="bo-tieu-chi-rule-cmp">{ind.comparison.symbol()}</td>
            <td data-testid=format!("rule-{set_id}-{code}")>{threshold_view(ind)}</td>
            <td>{ind.unit.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td>
                <BadgeTags badges=rules.badges(ind, None) testid=format!("status-{set_id}-{code}") />
            </td>
            <td class="bo-tieu-chi-rule-source">
                <SourceNote
                    citation=ind.source.citation()
                    url=ind.source.url.as_ref().map(|u| u.to_string())
                    note=ind.note.as_ref().map(|n| n.to_string()).filter(|n| !n.trim().is_empty())
                />
            </td>
            <td class="bo-tieu-chi-rule-actions">
                <button
                    type="button"
                    class="small"
                    id=edit_btn
                    data-testid=format!("edit-{set_id}-{code}")
                    aria-label=format!("Sửa chỉ tiêu {}", shown_code(&code))
                    aria-expanded=move || if is_open.get() { "true" } else { "false" }
                    on:click=open_edit
                >
                    "Sửa"
                </button>
                <button
                    type="button"
                    class="small danger"
                    data-testid=format!("remove-{set_id}-{code}")
                    aria-label=format!("Xóa chỉ tiêu {}", shown_code(&code))
                    on:click=remove
                >
                    "Xóa"
                </button>
            </td>
        </tr>
        {form_row}
    }
}

/// A criterion's indicators as a table, or the notice that it has none.
fn indicator_table(rules: &Rules, set_id: &str, c: &Criterion, ui: Ui) -> AnyView {
    if c.indicators.is_empty() {
        return view! {
            <p class="empty">
                "Bộ tiêu chí chưa có chỉ tiêu cho tiêu chí này — bấm “Thêm chỉ tiêu” để nhập theo văn bản của tỉnh."
            </p>
        }
        .into_any();
    }
    let crit = c.code.to_string();
    let rows = c
        .indicators
        .iter()
        .map(|ind| indicator_row(rules, set_id, &crit, ind, ui))
        .collect_view();
    view! {
        <TableScroll label=format!("Các chỉ tiêu của tiêu chí {crit}")>
            <table class="bo-tieu-chi-table">
                <colgroup>
                    <col class="bo-tieu-chi-col-code" />
                    <col class="bo-tieu-chi-col-name" />
                    <col class="bo-tieu-chi-col-kind" />
                    <col class="bo-tieu-chi-col-cmp" />
                    <col class="bo-tieu-chi-col-threshold" />
                    <col class="bo-tieu-chi-col-unit" />
                    <col class="bo-tieu-chi-col-status" />
                    <col class="bo-tieu-chi-col-source" />
                    <col class="bo-tieu-chi-col-actions" />
                </colgroup>
                <thead>
                    <tr>
                        {header_cells(&["Mã", "Chỉ tiêu", "Loại", "So sánh", "Ngưỡng", "Đơn vị", "Tình trạng", "Căn cứ, ghi chú", "Thao tác"])}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// A form opened by a criterion's button, drawn while `me` is the one open.
fn criterion_form(
    ui: Ui,
    me: Editing,
    back: String,
    form: impl Fn(Callback<Done>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        ui.editing.with(|e| e.as_ref() == Some(&me)).then(|| {
            let back = back.clone();
            form(Callback::new(move |d: Done| ui.done(d, back.clone())))
        })
    }
}

fn criterion_view(rules: &Rules, set_id: &str, c: &Criterion, ui: Ui) -> impl IntoView {
    let crit = c.code.to_string();
    let (sp, cp) = (id_part(set_id), id_part(&crit));
    let add_btn = format!("btn-add-{sp}-{cp}");
    let rename_btn = format!("btn-rename-{sp}-{cp}");
    let add_me = Editing::Add {
        set: set_id.into(),
        crit: crit.clone(),
    };
    let rename_me = Editing::Rename {
        set: set_id.into(),
        crit: crit.clone(),
    };
    let open_add = {
        let (me, first) = (add_me.clone(), format!("ed-{sp}-{cp}-moi-code"));
        move |_| ui.open(me.clone(), first.clone())
    };
    let open_rename = {
        let (me, first) = (rename_me.clone(), format!("rn-{sp}-{cp}-name"));
        move |_| ui.open(me.clone(), first.clone())
    };
    let add_form = {
        let (set, crit) = (set_id.to_string(), crit.clone());
        criterion_form(ui, add_me, add_btn.clone(), move |on_done| {
            view! { <IndicatorEditor set=set.clone() crit=crit.clone() code=None on_done /> }
                .into_any()
        })
    };
    let rename_form = {
        let (set, crit) = (set_id.to_string(), crit.clone());
        criterion_form(ui, rename_me, rename_btn.clone(), move |on_done| {
            view! { <RenameCriterion set=set.clone() crit=crit.clone() on_done /> }.into_any()
        })
    };
    view! {
        <section class="bo-tieu-chi-rule-criterion" aria-labelledby=format!("crit-{sp}-{cp}-h")>
            <div class="crit-head">
                <h4 id=format!("crit-{sp}-{cp}-h") tabindex="-1">
                    {format!("Tiêu chí {}. {}", c.code, c.name)}
                    " "
                    <BadgeTag badge=rules.criterion_badge(c, None) testid=format!("crit-status-{set_id}-{crit}") />
                </h4>
                <div class="crit-actions">
                    <button
                        type="button"
                        class="small secondary"
                        id=rename_btn
                        data-testid=format!("rename-{set_id}-{crit}")
                        aria-label=format!("Đổi tên tiêu chí {crit}")
                        on:click=open_rename
                    >
                        "Đổi tên"
                    </button>
                    <button
                        type="button"
                        class="small"
                        id=add_btn
                        data-testid=format!("add-indicator-{set_id}-{crit}")
                        aria-label=format!("Thêm chỉ tiêu vào tiêu chí {crit}")
                        on:click=open_add
                    >
                        "+ Thêm chỉ tiêu"
                    </button>
                </div>
            </div>
            {rename_form}
            {c.note.as_ref().map(|n| view! { <p class="note">"Ghi chú: " {n.to_string()}</p> })}
            {indicator_table(rules, set_id, c, ui)}
            {add_form}
        </section>
    }
}

/// One criteria set: its source, what it is used for, and its criteria.
pub fn set_view(rules: &Rules, set: &CriteriaSet, used_by: Vec<String>, ui: Ui) -> impl IntoView {
    let set_id = set.id.to_string();
    let usage = if used_by.is_empty() {
        "Không dùng cho tự đánh giá xã.".to_string()
    } else {
        format!("Dùng để xét: {}.", used_by.join("; "))
    };
    let criteria = set
        .criteria
        .iter()
        .map(|c| criterion_view(rules, &set_id, c, ui))
        .collect_view();
    view! {
        <section class="bo-tieu-chi-rule-set" id=format!("bo-{set_id}") aria-labelledby=format!("bo-{set_id}-h")>
            <h3 id=format!("bo-{set_id}-h")>{set.title.to_string()}</h3>
            <p class="set-source">
                {format!("{} tiêu chí · ", set.criteria.len())}
                "Căn cứ: "
                {set.source.citation()}
            </p>
            <p class="set-usage">{usage}</p>
            {set.note.as_ref().map(|n| view! { <p class="note">{n.to_string()}</p> })}
            {criteria}
        </section>
    }
}
