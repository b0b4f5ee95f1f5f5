//! Charts for the consolidation page, on plain data so they do not depend on its code:
//! communes by level per district (stacked bars) and the criteria most often not met (bars).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tong_hop::state::ConsolidationCtx;
use crate::tong_hop::table::{TableState, LEVELS};
use crate::ui::chart::{Bar, BarChart, StackedBarChart, Tone};
use leptos::prelude::*;
use ntm_core::consolidate::{self, level_short_vi};
use ntm_core::criteria::CriterionOutcome;

/// For the consolidation page: communes by level, one stacked bar per district.
/// `data`: per district, the number of communes at each level, in `ntm_core::Level` order
/// (chưa đạt, NTM, nâng cao, kiểu mẫu).
#[component]
pub fn CommunesByLevelChart(
    data: Signal<Vec<(String, Vec<f64>)>>,
    #[prop(default = "communes-by-level".to_string(), into)] id: String,
) -> impl IntoView {
    let series = LEVELS
        .iter()
        .map(|l| level_short_vi(*l).to_string())
        .collect::<Vec<_>>();
    view! {
        <StackedBarChart
            id=id
            title="Số xã theo mức đạt chuẩn, theo huyện".to_string()
            data=data
            series=series
            y_desc="Số xã"
            category_header="Huyện, thị xã, thành phố"
        />
    }
}

/// For the consolidation page: the criteria most often not met (number of communes each).
/// `data`: (short label such as "TC 17", its full name, number of communes), most first.
#[component]
pub fn CriteriaNotMetChart(
    data: Signal<Vec<(String, String, f64)>>,
    #[prop(default = "criteria-not-met".to_string(), into)] id: String,
) -> impl IntoView {
    let bars = Signal::derive(move || {
        data.get()
            .into_iter()
            .map(|(label, name, n)| Bar {
                label,
                value: Some(n),
                detail: name,
                tone: Tone::Short,
            })
            .collect::<Vec<_>>()
    });
    view! {
        <BarChart
            id=id
            title="Tiêu chí có nhiều xã chưa đạt nhất".to_string()
            bars=bars
            y_desc="Số xã chưa đạt"
            headers=("Tiêu chí".to_string(), "Số xã chưa đạt".to_string())
        />
    }
}

/// Per district, the communes of the rows the filters select at each level (one per
/// commune-year, duplicates settled on import).
fn by_level(cx: ConsolidationCtx, ts: TableState) -> Signal<Vec<(String, Vec<f64>)>> {
    Signal::derive(move || {
        ts.shown.with(|idx| {
            cx.rows.with(|rows| {
                consolidate::districts_by_name()
                    .into_iter()
                    .filter_map(|(code, name)| {
                        let mut n = vec![0.0; LEVELS.len()];
                        for r in idx.iter().map(|&i| &rows[i]) {
                            if r.district_code == code {
                                if let Some(k) = LEVELS.iter().position(|l| *l == r.level) {
                                    n[k] += 1.0;
                                }
                            }
                        }
                        (n.iter().sum::<f64>() > 0.0).then(|| (name.to_string(), n))
                    })
                    .collect()
            })
        })
    })
}

/// The ten NTM criteria most often not met in the rows the filters select.
fn not_met(
    rc: RulesCtx,
    cx: ConsolidationCtx,
    ts: TableState,
) -> Signal<Vec<(String, String, f64)>> {
    Signal::derive(move || {
        let columns = consolidate::ntm_columns(&rc.active.get());
        ts.shown.with(|idx| {
            cx.rows.with(|rows| {
                let mut counts: Vec<(usize, usize)> = (0..columns.len())
                    .map(|k| {
                        let n = idx
                            .iter()
                            .filter(|&&i| rows[i].ntm.get(k) == Some(&CriterionOutcome::ChuaDat))
                            .count();
                        (k, n)
                    })
                    .filter(|(_, n)| *n > 0)
                    .collect();
                // Most first; ties in the rules' order.
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                counts
                    .into_iter()
                    .take(10)
                    .map(|(k, n)| {
                        let (code, name) = &columns[k];
                        (
                            format!("TC {code}"),
                            format!("Tiêu chí {code} — {name}"),
                            n as f64,
                        )
                    })
                    .collect()
            })
        })
    })
}

/// The two charts of the rows the filters select.
#[component]
pub fn ChartsSection(ts: TableState) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let cx = expect_context::<ConsolidationCtx>();
    let year = move || {
        ts.filter
            .with(|f| f.year)
            .map_or("mọi năm trong bảng".to_string(), |y| {
                format!("năm {y}")
            })
    };
    view! {
        <section class="panel tong-hop-charts" aria-labelledby="cons-charts-h">
            <h2 id="cons-charts-h">"Biểu đồ tổng hợp"</h2>
            <p class="hint">
                {move || format!(
                    "Theo các dòng đang lọc ({}): mỗi xã-năm được đếm một lần, ở mức cao nhất đã đạt; tiêu chí chưa đạt tính theo bộ tiêu chí xã NTM, 10 tiêu chí có nhiều xã chưa đạt nhất.",
                    year()
                )}
            </p>
            <div class="tong-hop-chart-grid">
                <CommunesByLevelChart data=by_level(cx, ts) />
                <CriteriaNotMetChart data=not_met(rc, cx, ts) />
            </div>
        </section>
    }
}
