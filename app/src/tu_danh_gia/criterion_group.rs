//! A criterion as a collapsible group: its outcome in the summary line, indicators inside.
//! Its indicators are built once it is open and its turn has come (`Editor` lets the groups on
//! the first screen build at once, the others a few at a time after), and kept from then on.

use crate::tu_danh_gia::indicator_row::IndicatorRow;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::outcome_badge::OutcomeBadge;
use crate::ui::status_tag::BadgeTag;
use leptos::prelude::*;
use ntm_core::rules::Criterion;
use ntm_core::{CriterionOutcome, Rules};
use std::sync::Arc;

#[component]
pub fn CriterionGroup(
    set: String,
    criterion: Arc<Criterion>,
    rules: Arc<Rules>,
    /// Open or close every group at once (re-set to the same value to re-apply).
    expanded: RwSignal<bool>,
    /// The group's place on the page, and how many groups may have built their indicators.
    index: usize,
    built: RwSignal<usize>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let code = criterion.code.to_string();
    let state = {
        let (set, code) = (set.clone(), code.clone());
        Memo::new(move |_| {
            ws.assessment.with(|a| {
                a.as_ref()
                    .and_then(|a| a.set(&set))
                    .and_then(|s| s.criteria.iter().find(|c| **c.code() == *code))
                    .map(|c| (c.outcome, c.explanation()))
                    .unwrap_or((CriterionOutcome::ChuaXacDinh, String::new()))
            })
        })
    };
    // The weakest fact behind the criterion for the draft's year (D11): never "verified" beside
    // a missing threshold.
    let basis = {
        let (criterion, rules) = (criterion.clone(), rules.clone());
        Memo::new(move |_| {
            let year = ws.assessment.with(|a| a.as_ref().map(|a| a.year));
            rules.criterion_badge(&criterion, year)
        })
    };
    let badge_code = Signal::derive(move || state.with(|s| s.0.code()));
    let badge_label = Signal::derive(move || state.with(|s| s.0.label_vi()));
    // Opened by the user (or by "Mở rộng tất cả"); once built, the rows stay.
    let opened = RwSignal::new(expanded.get_untracked());
    let ready = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || ((opened.get() || expanded.get()) && index < built.get())
    });
    let rows = {
        let (set, criterion) = (set.clone(), criterion.clone());
        move || {
            ready.get().then(|| {
                criterion
                    .indicators
                    .iter()
                    .map(|ind| {
                        view! { <IndicatorRow set=set.clone() ind=ind.clone() rules=rules.clone() /> }
                    })
                    .collect_view()
            })
        }
    };
    let on_toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        if open && !opened.get_untracked() {
            opened.set(true);
        }
    };

    view! {
        <details
            class="criterion"
            data-testid=format!("group-{set}-{code}")
            prop:open=move || expanded.get()
            on:toggle=on_toggle
        >
            <summary>
                <span class="crit-title">
                    <span class="crit-code">"Tiêu chí " {code.clone()} "."</span>
                    " "
                    {criterion.name.to_string()}
                </span>
                <OutcomeBadge
                    code=badge_code
                    label=badge_label
                    testid=format!("criterion-{set}-{code}")
                />
            </summary>
            <div class="crit-body">
                <p class="crit-explanation">
                    {move || state.with(|s| s.1.clone())}
                    " "
                    {
                        let testid = format!("crit-status-{set}-{code}");
                        move || view! { <BadgeTag badge=basis.get() testid=testid.clone() /> }
                    }
                </p>
                {criterion.note.as_ref().map(|n| view! { <p class="note">"Ghi chú: " {n.to_string()}</p> })}
                {rows}
            </div>
        </details>
    }
}
