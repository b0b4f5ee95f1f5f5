//! The nomination register as a table (filters by group and proposed form, the proposed form's
//! verdict and its reason in one line), with adding and deleting candidates.

use crate::khen_thuong::fields::{award_options, group_options};
use crate::khen_thuong::state::{
    award_name, fresh_id, group_short, rules, subject_name, NominationsCtx,
};
use crate::khen_thuong::verdicts::{short_reason, verdict_badge};
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use crate::ui::table::{header_cells, TableScroll};
use leptos::prelude::*;
use ntm_core::awards::CandidateResult;
use ntm_core::nominations::{Achievement, Candidate, Proposal};
use wasm_bindgen::JsCast;

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Selects a candidate and brings its editor into view.
pub fn open_candidate(ctx: NominationsCtx, id: String) {
    ctx.selected.set(Some(id));
    // The editor is drawn synchronously; focus its first field.
    set_timeout(
        || {
            if let Some(el) = document().get_element_by_id("cand-name") {
                el.scroll_into_view();
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

#[component]
fn AddCandidate() -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let r = rules();
    let name = RwSignal::new(String::new());
    let group = RwSignal::new("c".to_string());
    let subject = RwSignal::new(
        r.group("c")
            .and_then(|g| g.subjects.first().cloned())
            .unwrap_or_default(),
    );
    let award = RwSignal::new("bang_khen_tinh".to_string());
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(Some("Chưa nhập tên cá nhân, tập thể.".into()));
            focus("new-name");
            return;
        }
        error.set(None);
        let id = ctx
            .register
            .with_untracked(|reg| fresh_id("uv", |x| reg.candidates.iter().any(|c| c.id == x)));
        let achievement = format!("tt-{}", id.trim_start_matches("uv-"));
        let c = Candidate {
            id: id.clone(),
            name: ntm_core::text::nfc(&n),
            group: group.get_untracked(),
            subject: subject.get_untracked(),
            achievement: Achievement {
                id: achievement,
                summary: String::new(),
                model: None,
            },
            proposed: Proposal {
                award: award.get_untracked(),
                ..Default::default()
            },
            ..Default::default()
        };
        ctx.edit(move |reg| reg.candidates.push(c));
        name.set(String::new());
        open_candidate(ctx, id);
    };

    view! {
        <form class="khen-thuong-add" on:submit=submit novalidate data-testid="add-candidate-form">
            <h3>"Thêm ứng viên"</h3>
            <div class="khen-thuong-add-grid">
                <div class="field">
                    <label for="new-name">"Tên cá nhân, tập thể"</label>
                    <input
                        type="text"
                        id="new-name"
                        autocomplete="off"
                        prop:value=move || name.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || error.with(Option::is_some).then_some("new-name-error")
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    {move || {
                        error
                            .get()
                            .map(|e| {
                                view! {
                                    <p class="field-error" id="new-name-error">
                                        <span aria-hidden="true">"⚠ "</span>
                                        {e}
                                    </p>
                                }
                            })
                    }}
                </div>
                <div class="field">
                    <label for="new-group">"Nhóm đối tượng (kế hoạch mục V.1)"</label>
                    <select
                        id="new-group"
                        prop:value=move || group.get()
                        on:change=move |ev| {
                            let g = event_target_value(&ev);
                            if let Some(first) = rules().group(&g).and_then(|x| x.subjects.first()) {
                                subject.set(first.clone());
                            }
                            group.set(g);
                        }
                    >
                        {group_options(&group.get_untracked())}
                    </select>
                </div>
                <div class="field">
                    <label for="new-subject">"Đối tượng theo Luật"</label>
                    <select
                        id="new-subject"
                        prop:value=move || subject.get()
                        on:change=move |ev| subject.set(event_target_value(&ev))
                    >
                        {move || {
                            let g = group.get();
                            let selected = subject.get_untracked();
                            rules()
                                .group(&g)
                                .map(|g| g.subjects.clone())
                                .unwrap_or_default()
                                .into_iter()
                                .map(|s| {
                                    let sel = s == selected;
                                    view! { <option value=s.clone() selected=sel>{subject_name(&s)}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="new-award">"Hình thức đề nghị"</label>
                    <select id="new-award" prop:value=move || award.get() on:change=move |ev| award.set(event_target_value(&ev))>
                        {award_options(&award.get_untracked())}
                    </select>
                </div>
            </div>
            <button type="submit" class="primary" id="add-candidate">"Thêm vào danh sách"</button>
        </form>
    }
}

/// One candidate of the table: the proposed form's verdict and its reason, open and delete.
fn candidate_row(
    ctx: NominationsCtx,
    i: usize,
    c: &Candidate,
    res: &CandidateResult,
    selected: Option<&str>,
    ask: RwSignal<Option<Ask<String>>>,
) -> impl IntoView {
    let form = res.form(&c.proposed.award);
    let verdict = form.map(|f| f.verdict);
    let reason = form
        .map(|f| short_reason(f, &res.group))
        .unwrap_or_default();
    let (id_open, id_del, name_del) = (c.id.clone(), c.id.clone(), c.name.clone());
    let is_sel = selected == Some(c.id.as_str());
    let name = if c.name.trim().is_empty() {
        "(chưa có tên)".to_string()
    } else {
        c.name.clone()
    };
    view! {
        <tr
            data-testid="candidate-row"
            data-id=c.id.clone()
            data-verdict=verdict.map(|v| v.code())
            class:is-selected=is_sel
            aria-current=is_sel.then_some("true")
        >
            <td class="num">{(i + 1).to_string()}</td>
            <th scope="row" class="khen-thuong-name">{name.clone()}</th>
            <td>{group_short(&c.group)}</td>
            <td>{award_name(&c.proposed.award)}</td>
            <td>{verdict.map(|v| verdict_badge(v, Some("row-verdict".into())))}</td>
            <td class="khen-thuong-reason" data-testid="row-reason">{reason}</td>
            <td class="khen-thuong-actions no-print">
                <button
                    type="button"
                    class="secondary small"
                    aria-label=format!("Xem, sửa {name}")
                    data-testid="open-candidate"
                    on:click=move |_| open_candidate(ctx, id_open.clone())
                >
                    "Xem, sửa"
                </button>
                <button
                    type="button"
                    class="secondary small danger"
                    aria-label=format!("Xóa {name}")
                    data-testid="delete-candidate"
                    on:click=move |_| {
                        ask.set(Some(Ask {
                            title: "Xóa ứng viên khỏi danh sách?".into(),
                            message: format!(
                                "“{}” cùng lịch sử khen thưởng, minh chứng và quyết định của Hội đồng đã ghi sẽ bị xóa khỏi danh sách trong trình duyệt này.",
                                name_del
                            ),
                            confirm_label: "Xóa ứng viên".into(),
                            action: id_del.clone(),
                        }))
                    }
                >
                    "Xóa"
                </button>
            </td>
        </tr>
    }
}

/// Whether a candidate passes the filters (an empty filter passes all).
fn passes(c: &Candidate, group: &str, award: &str) -> bool {
    (group.is_empty() || c.group == group) && (award.is_empty() || c.proposed.award == award)
}

#[component]
pub fn NominationTable() -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let filter_group = RwSignal::new(String::new());
    let filter_award = RwSignal::new(String::new());
    let ask = RwSignal::new(None::<Ask<String>>);
    let on_delete = Callback::new(move |id: String| {
        if ctx.selected.get_untracked().as_deref() == Some(id.as_str()) {
            ctx.selected.set(None);
        }
        ctx.edit(move |r| r.candidates.retain(|c| c.id != id));
    });

    let rows = move || {
        let g = filter_group.get();
        let a = filter_award.get();
        let selected = ctx.selected.get();
        ctx.register.with(|reg| {
            ctx.results.with(|results| {
                reg.candidates
                    .iter()
                    .zip(results.iter())
                    .enumerate()
                    .filter(|(_, (c, _))| passes(c, &g, &a))
                    .map(|(i, (c, res))| candidate_row(ctx, i, c, res, selected.as_deref(), ask))
                    .collect_view()
            })
        })
    };
    let count_text = move || {
        let total = ctx.register.with(|r| r.candidates.len());
        let (g, a) = (filter_group.get(), filter_award.get());
        let shown = ctx
            .register
            .with(|r| r.candidates.iter().filter(|c| passes(c, &g, &a)).count());
        if shown == total {
            format!("{total} ứng viên.")
        } else {
            format!("Đang hiện {shown} trong {total} ứng viên.")
        }
    };

    view! {
        <section class="panel khen-thuong-register" aria-labelledby="kt-register-h">
            <h2 id="kt-register-h">"Danh sách đề nghị khen thưởng"</h2>
            <div class="khen-thuong-filters">
                <div class="field">
                    <label for="filter-group">"Lọc theo nhóm"</label>
                    <select id="filter-group" on:change=move |ev| filter_group.set(event_target_value(&ev))>
                        <option value="">"Tất cả các nhóm"</option>
                        {group_options("")}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-award">"Lọc theo hình thức đề nghị"</label>
                    <select id="filter-award" on:change=move |ev| filter_award.set(event_target_value(&ev))>
                        <option value="">"Tất cả các hình thức"</option>
                        {award_options("")}
                    </select>
                </div>
                <p class="khen-thuong-count" role="status" data-testid="candidate-count">{count_text}</p>
            </div>
            <Show
                when=move || !ctx.register.with(|r| r.candidates.is_empty())
                fallback=|| view! { <p class="empty">"Chưa có ứng viên nào. Thêm ứng viên bằng biểu mẫu bên dưới."</p> }
            >
                <TableScroll label="Bảng ứng viên khen thưởng">
                    <table class="khen-thuong-table" data-testid="candidate-table">
                        <thead>
                            <tr>
                                {header_cells(&["STT", "Tên cá nhân, tập thể", "Nhóm", "Hình thức đề nghị", "Kết luận", "Lý do"])}
                                <th scope="col" class="no-print">
                                    <span class="visually-hidden">"Thao tác"</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableScroll>
            </Show>
            <AddCandidate />
            <ConfirmDialog ask=ask on_confirm=on_delete id="kt-delete" />
        </section>
    }
}
