//! The open draft: title, exports, summary, then every set's criteria and the conditions.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tu_danh_gia::conditions_form::ConditionsForm;
use crate::tu_danh_gia::criterion_group::CriterionGroup;
use crate::tu_danh_gia::export_bar::ExportBar;
use crate::tu_danh_gia::invalid::InvalidCells;
use crate::tu_danh_gia::print_report::{PrintReport, PrintWanted};
use crate::tu_danh_gia::state::Workspace;
use crate::tu_danh_gia::summary_panel::{level_sets, SummaryPanel};
use crate::ui::kept_values::{KeptValues, NameWarning};
use leptos::prelude::*;
use ntm_core::units;
use std::time::Duration;

/// Set whose criteria read the conditions form; the form is shown just before it.
const CONDITIONS_SET: &str = "dieu_kien_cong_nhan";
/// Screens this wide or narrower (px) are phones: criteria start closed, each showing its outcome.
const PHONE_MAX_PX: f64 = 600.0;
/// Criterion groups that build their indicators with the page (what the first screen shows)…
const FIRST_GROUPS: usize = 2;
/// …and how many more build in each later task, so none holds the page for long.
const GROUPS_PER_TASK: usize = 3;

fn is_phone() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= PHONE_MAX_PX)
}

/// Lets `GROUPS_PER_TASK` more groups build, a task at a time, until all `total` may; stops
/// when the editor is gone.
fn build_rest(built: RwSignal<usize>, total: usize) {
    set_timeout(
        move || {
            if built.try_update(|n| *n += GROUPS_PER_TASK).is_some()
                && built.get_untracked() < total
            {
                build_rest(built, total);
            }
        },
        Duration::ZERO,
    );
}

#[component]
fn RulesMismatch() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let mismatch = Memo::new(move |_| {
        let active = rc.active.with(|r| r.reference());
        ws.open.with(|o| {
            o.as_ref()
                .map(|d| d.dossier.rules.clone())
                .filter(|r| r.as_ref() != Some(&active))
                .map(|r| (r, active))
        })
    });
    let adopt = move |_| {
        let active = rc.active.with_untracked(|r| r.reference());
        ws.edit(move |d| d.dossier.rules = Some(active));
    };
    move || {
        mismatch.get().map(|(recorded, active)| {
            let was = match recorded {
                Some(r) => format!(
                    "Hồ sơ này được lập theo bộ tiêu chí “{}” (mã băm {})",
                    r.id,
                    r.short_hash()
                ),
                None => "Hồ sơ này không ghi bộ tiêu chí đã dùng".to_string(),
            };
            view! {
                <div class="alert alert-warning" data-testid="rules-mismatch">
                    <p>
                        <span aria-hidden="true">"⚠ "</span>
                        {format!(
                            "{was}; kết quả dưới đây tính theo bộ đang dùng “{}” (mã băm {}).",
                            active.id,
                            active.short_hash(),
                        )}
                    </p>
                    <button type="button" class="secondary" on:click=adopt>
                        "Ghi nhận bộ tiêu chí đang dùng cho hồ sơ"
                    </button>
                </div>
            }
        })
    }
}

/// The open draft's commune name when it is not the official one, and the values it keeps
/// under codes the rules in use do not have.
#[component]
fn DraftRemarks() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    move || {
        let rules = rc.active.get();
        ws.open.with(|o| {
            o.as_ref().map(|d| {
                let name = d.dossier.name_warning();
                let rows = d.dossier.unknown.rows(&rules);
                view! {
                    <NameWarning text=name />
                    <KeptValues rows />
                }
            })
        })
    }
}

#[component]
pub fn Editor() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let rules = rc.active.get_untracked();
    // Values kept under codes other rules lacked are evaluated once these rules have them
    // (and the other way round); the file the draft exports stays the same.
    let refiled = ws
        .with_open(|d| {
            let mut dossier = d.dossier.clone();
            dossier.refile(&rules).then_some(dossier)
        })
        .flatten();
    if let Some(dossier) = refiled {
        ws.edit(move |d| d.dossier = dossier);
    }
    let Some((unit_code, unit_name, year)) = ws.with_open(|d| {
        (
            d.dossier.unit.code.to_string(),
            d.dossier.unit.name.to_string(),
            d.dossier.year,
        )
    }) else {
        return ().into_any();
    };
    let district = units::find(&unit_code)
        .map(|u| u.district_name.to_string())
        .unwrap_or_default();
    let name = move || ws.open.with(|o| o.as_ref().map(|d| d.name.clone()));
    InvalidCells::provide();
    PrintWanted::provide();
    let expanded = RwSignal::new(!is_phone());
    let built = RwSignal::new(FIRST_GROUPS);
    let mut groups_placed = 0usize;

    let shown = level_sets(&rules);
    let mut sections = Vec::new();
    let mut conditions_placed = false;
    for id in &shown {
        let Some(set) = rules.set(id) else { continue };
        if **id == *CONDITIONS_SET {
            sections.push(view! { <ConditionsForm /> }.into_any());
            conditions_placed = true;
        }
        let groups = set
            .criteria
            .iter()
            .map(|c| {
                let index = groups_placed;
                groups_placed += 1;
                view! {
                    <CriterionGroup
                        set=id.clone()
                        criterion=c.clone()
                        rules=rules.clone()
                        expanded=expanded
                        index=index
                        built=built
                    />
                }
            })
            .collect_view();
        let heading_id = format!("set-{id}");
        let labelled_by = heading_id.clone();
        sections.push(
            view! {
                <section class="set-section" aria-labelledby=labelled_by>
                    <h3 id=heading_id>{set.title.to_string()}</h3>
                    <p class="set-source">
                        "Căn cứ: " {set.source.citation()}
                        {format!(" · {} tiêu chí", set.criteria.len())}
                    </p>
                    {set.note.as_ref().map(|n| view! { <p class="note">{n.to_string()}</p> })}
                    {groups}
                </section>
            }
            .into_any(),
        );
    }
    if !conditions_placed {
        sections.push(view! { <ConditionsForm /> }.into_any());
    }
    // What the first screen shows is drawn first; the other groups build after that frame.
    if groups_placed > FIRST_GROUPS {
        request_animation_frame(move || build_rest(built, groups_placed));
    }

    view! {
        <article class="editor no-print" aria-labelledby="editor-title">
            <header class="editor-head">
                <div class="editor-title-row">
                    <h2 id="editor-title" data-testid="editor-title" tabindex="-1">
                        {format!("{unit_name} — năm {year}")}
                    </h2>
                    <button type="button" class="secondary small" on:click=move |_| ws.close()>
                        "Đóng hồ sơ"
                    </button>
                </div>
                <p class="editor-sub">
                    {move || name().unwrap_or_default()}
                    {format!(" · {district} · mã đơn vị {unit_code}")}
                </p>
            </header>
            <RulesMismatch />
            <DraftRemarks />
            <ExportBar />
            <SummaryPanel />
            <div class="expand-controls">
                <button type="button" class="link-button" on:click=move |_| expanded.set(true)>
                    "Mở rộng tất cả tiêu chí"
                </button>
                <button type="button" class="link-button" on:click=move |_| expanded.set(false)>
                    "Thu gọn tất cả tiêu chí"
                </button>
            </div>
            <div class="sets">{sections}</div>
        </article>
        <PrintReport />
    }
    .into_any()
}
