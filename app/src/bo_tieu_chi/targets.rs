//! The movement targets T1–T9 as the page shows them, each with its editor in place.

use crate::bo_tieu_chi::forms::id_part;
use crate::bo_tieu_chi::page::{Editing, Ui};
use crate::bo_tieu_chi::rules_view::edit_row;
use crate::bo_tieu_chi::target::TargetEditor;
use crate::ui::source_note::SourceNote;
use crate::ui::status_tag::StatusTag;
use crate::ui::table::{header_cells, TableScroll};
use leptos::prelude::*;
use ntm_core::rules::Target;
use ntm_core::Rules;

/// "≥ 80 % (vượt mức từ 90 %)", or that there is no threshold.
fn threshold_text(t: &Target) -> String {
    let num = |v: f64| t.kind.format(v, Some(&t.unit));
    let mut text = t.threshold.map_or_else(
        || "Chưa có ngưỡng".to_string(),
        |v| format!("{} {}", t.comparison.symbol(), num(v)),
    );
    if let Some(u) = t.upper {
        text.push_str(&format!(" (vượt mức từ {})", num(u)));
    }
    text
}

fn target_row(t: &Target, ui: Ui) -> impl IntoView {
    let id = t.id.clone();
    let btn = format!("btn-target-{}", id_part(&id));
    let me = Editing::Target { id: id.clone() };
    let is_open = ui.is_open(me.clone());
    let first = format!("tg-{}-thr", id_part(&id));
    let open = move |_| ui.toggle(me.clone(), first.clone());
    let form_row = {
        let t = t.clone();
        edit_row(ui, is_open, "6", btn.clone(), move |on_done| {
            view! { <TargetEditor target=t.clone() on_done /> }.into_any()
        })
    };
    view! {
        <tr class:is-editing=is_open>
            <th scope="row" class="bo-tieu-chi-rule-code">{id.clone()}</th>
            <td>{t.name.clone()}</td>
            <td data-testid=format!("target-{id}")>{threshold_text(t)}</td>
            <td><StatusTag status=t.status /></td>
            <td class="bo-tieu-chi-rule-source">
                <SourceNote
                    citation=t.source.citation()
                    url=t.source.url.clone()
                    note=t.note.clone().filter(|n| !n.trim().is_empty())
                />
            </td>
            <td class="bo-tieu-chi-rule-actions">
                <button
                    type="button"
                    class="small"
                    id=btn
                    data-testid=format!("edit-target-{id}")
                    aria-label=format!("Sửa mục tiêu {id}")
                    aria-expanded=move || if is_open.get() { "true" } else { "false" }
                    on:click=open
                >
                    "Sửa"
                </button>
            </td>
        </tr>
        {form_row}
    }
}

/// The movement targets T1–T9, each editable.
pub fn targets_view(rules: &Rules, ui: Ui) -> impl IntoView {
    let rows = rules
        .targets
        .iter()
        .map(|t| target_row(t, ui))
        .collect_view();
    view! {
        <TableScroll label="Bảng mục tiêu phong trào">
            <table class="bo-tieu-chi-table targets-table">
                <colgroup>
                    <col class="bo-tieu-chi-col-code" />
                    <col class="bo-tieu-chi-col-name" />
                    <col class="bo-tieu-chi-col-threshold-wide" />
                    <col class="bo-tieu-chi-col-status" />
                    <col class="bo-tieu-chi-col-source" />
                    <col class="bo-tieu-chi-col-actions-narrow" />
                </colgroup>
                <thead>
                    <tr>
                        {header_cells(&["Mã", "Mục tiêu", "Ngưỡng", "Tình trạng", "Căn cứ, ghi chú", "Thao tác"])}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}
