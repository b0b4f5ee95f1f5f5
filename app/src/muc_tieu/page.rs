//! Mục tiêu phong trào: the plan's targets T1–T9 against the province's or a district's figures,
//! their trajectory 2020 → 2025, the attainment chart, the sơ kết / tổng kết print reports and
//! the units' registered targets.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::infra::excel::download_book;
use crate::muc_tieu::figures::FiguresForm;
use crate::muc_tieu::registered::RegisteredTargets;
use crate::muc_tieu::reports::{PrintTargets, Report};
use crate::muc_tieu::state::{
    assessments_from_drafts, assessments_of_unit, targets_for, units, FiguresCtx, YEARS,
};
use crate::tong_hop::state::ConsolidationCtx;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::ErrorAlert;
use crate::ui::chart::{Bar, BarChart, StackedBarChart, Tone};
use crate::ui::outcome_badge::outcome_badge_static;
use crate::ui::status_tag::StatusTag;
use crate::ui::table::{header_cells, TableScroll};
use leptos::prelude::*;
use ntm_core::excel;
use ntm_core::rules::{Measure, TrainedBase};
use ntm_core::targets::TargetResult;
use ntm_core::text::format_decimal;
use ntm_core::{Assessment, Outcome};

/// "% of target", never rounded up (99,96 % is shown as 99,9 %, not 100 %).
fn ratio_text(r: &TargetResult) -> String {
    match r.attainment_pct() {
        Some(x) => format!("{} %", format_decimal(x)),
        None => "—".into(),
    }
}

fn attainment(r: &TargetResult) -> Option<f64> {
    r.attainment_pct()
}

/// T6's base, in words (the plan does not say it; the rules file does).
fn base_text(r: &TargetResult) -> Option<String> {
    match &r.target.measure {
        Measure::CertifiedLabourShare { base } => Some(format!(
            "Mẫu số: {}.",
            match base {
                TrainedBase::LabourForce => "tổng số lao động",
                TrainedBase::TrainedLabour => "số lao động qua đào tạo",
            }
        )),
        Measure::PoorReduction { base_year } => Some(format!("Năm gốc: {base_year}.")),
        _ => None,
    }
}

fn upper_tag(r: &TargetResult) -> Option<impl IntoView> {
    (r.upper_met == Some(true)).then(|| {
        view! {
            <span class="tag tag-upper" data-testid=format!("upper-{}", r.target.id)>
                <span aria-hidden="true">"★ "</span>
                "Vượt mức"
            </span>
        }
    })
}

fn target_row(r: TargetResult, t2_source: Option<String>) -> impl IntoView {
    let t = r.target.clone();
    let source_line = (t.id.as_ref() as &str == "T2")
        .then_some(t2_source)
        .flatten()
        .map(|s| view! { <p class="note" data-testid="t2-source">{s}</p> });
    let upper = upper_tag(&r);
    view! {
        <tr data-testid=format!("target-{}", t.id) data-outcome=r.outcome.code()>
            <th scope="row" class="muc-tieu-name">
                <span class="muc-tieu-id">{t.id.clone()}</span>
                " "
                {t.name.clone()}
                <p class="source">
                    <span class="source-label">"Căn cứ: "</span>
                    {t.source.citation()}
                    " "
                    <StatusTag status=t.status />
                </p>
                {base_text(&r).map(|b| view! { <p class="note" data-testid=format!("base-{}", t.id)>{b}</p> })}
                {t.note.clone().map(|n| view! { <p class="note">"Ghi chú: " {n}</p> })}
            </th>
            <td data-testid=format!("target-text-{}", t.id)>{r.target_text()}</td>
            <td>
                <span data-testid=format!("actual-{}", t.id)>{r.actual_text()}</span>
                {r.figure_source.clone().map(|s| view! { <p class="note">"Nguồn: " {s}</p> })}
                {r.warning.clone().map(|w| view! {
                    <p class="alert alert-warning" data-testid=format!("warning-{}", t.id)>{w}</p>
                })}
                {source_line}
            </td>
            <td class="num" data-testid=format!("ratio-{}", t.id)>{ratio_text(&r)}</td>
            <td>
                {outcome_badge_static(r.outcome)}
                {upper}
            </td>
            <td data-testid=format!("gap-{}", t.id)>{r.gap_text()}</td>
        </tr>
    }
}

pub(super) fn trajectory_table(
    rows: Vec<(u16, Vec<TargetResult>)>,
    years: &[u16],
    testid: &'static str,
) -> impl IntoView {
    let ids: Vec<(String, String)> = rows
        .first()
        .map(|(_, rs)| {
            rs.iter()
                .map(|r| (r.target.id.clone(), r.target.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let cell = move |year: u16, id: &str| -> Option<TargetResult> {
        rows.iter()
            .find(|(y, _)| *y == year)
            .and_then(|(_, rs)| rs.iter().find(|r| r.target.id == id).cloned())
    };
    let years = years.to_vec();
    view! {
        <table class="muc-tieu-trajectory-table" data-testid=testid>
            <thead>
                <tr>
                    <th scope="col">"Mục tiêu"</th>
                    {years.iter().map(|y| view! { <th scope="col">{y.to_string()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {ids
                    .into_iter()
                    .map(|(id, name)| {
                        let cells = years
                            .iter()
                            .map(|y| {
                                let r = cell(*y, &id);
                                let (text, outcome) = match &r {
                                    // The base year of a reduction is the reference, not a result.
                                    Some(r) if matches!(r.target.measure, Measure::PoorReduction { base_year } if base_year == *y) => {
                                        ("Năm gốc".to_string(), Outcome::ThieuSoLieu)
                                    }
                                    Some(r) if r.actual.is_some() => (r.actual_text(), r.outcome),
                                    Some(r) => ("—".to_string(), r.outcome),
                                    None => ("—".to_string(), Outcome::ThieuSoLieu),
                                };
                                // 2020 is the baseline: no target that year, only the figure.
                                let badge = (*y > 2020 && r.as_ref().is_some_and(|r| r.actual.is_some()))
                                    .then(|| outcome_badge_static(outcome));
                                view! {
                                    <td data-testid=format!("traj-{id}-{y}") data-outcome=outcome.code()>
                                        <span class="muc-tieu-trajectory-value">{text}</span>
                                        {badge}
                                    </td>
                                }
                            })
                            .collect_view();
                        view! {
                            <tr>
                                <th scope="row">
                                    <span class="muc-tieu-id">{id.clone()}</span>
                                    " "
                                    <span class="muc-tieu-trajectory-name">{name}</span>
                                </th>
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

pub(super) fn bars_of(results: &[TargetResult]) -> Vec<Bar> {
    results
        .iter()
        .map(|r| Bar {
            label: r.target.id.clone(),
            value: attainment(r),
            detail: format!(
                "{} {} — thực hiện {}, chỉ tiêu {}: {}",
                r.target.id,
                r.target.name,
                r.actual_text(),
                r.target_text(),
                r.outcome.label_vi()
            ),
            tone: if r.outcome == Outcome::Dat {
                Tone::Good
            } else {
                Tone::Short
            },
        })
        .collect()
}

/// The unit and year shown, and the two printed reports.
#[component]
fn Toolbar(year: RwSignal<u16>, print: Callback<Report>, xlsx: Callback<()>) -> impl IntoView {
    let fig = expect_context::<FiguresCtx>();
    view! {
    <div class="toolbar muc-tieu-toolbar no-print">
        <div class="muc-tieu-pickers">
            <label for="figures-unit">"Đơn vị"</label>
            <select
                id="figures-unit"
                on:change=move |ev| fig.set_unit(&event_target_value(&ev))
                prop:value=move || fig.unit_code.get()
            >
                {units()
                    .into_iter()
                    .map(|(code, name)| {
                        let selected = fig.unit_code.get_untracked() == code;
                        view! { <option value=code.clone() selected=selected>{format!("{code} {name}")}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="targets-year">"Năm"</label>
            <select
                id="targets-year"
                prop:value=move || year.get().to_string()
                on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() {
                        year.set(y);
                    }
                }
            >
                {YEARS
                    .iter()
                    .rev()
                    .map(|y| view! { <option value=y.to_string() selected=*y == 2025>{y.to_string()}</option> })
                    .collect_view()}
            </select>
        </div>
        <div class="toolbar-buttons">
            <button type="button" id="export-targets-xlsx" on:click=move |_| xlsx.run(())>
                "Xuất Excel (.xlsx)"
            </button>
            <button type="button" id="print-so-ket" on:click=move |_| print.run(Report::SoKet)>
                "In báo cáo sơ kết (2021–2023)"
            </button>
            <button type="button" id="print-tong-ket" on:click=move |_| print.run(Report::TongKet)>
                "In báo cáo tổng kết (2021–2025)"
            </button>
        </div>
    </div>
    }
}

/// The year's targets: outcome, gap and the attainment chart.
/// Each target's attainment, % of what is required, with the 100 % line; `print` sizes it for A4.
#[component]
pub fn AttainmentChart(
    id: &'static str,
    bars: Signal<Vec<Bar>>,
    #[prop(optional)] print: bool,
) -> impl IntoView {
    let (width, height) = if print { (680, 300) } else { (760, 340) };
    view! {
        <BarChart
            id=id.to_string()
            title="Mức đạt của từng mục tiêu, % so với chỉ tiêu".to_string()
            bars=bars
            reference=(100.0, "Chỉ tiêu 100 %".to_string())
            unit=" %"
            y_desc="% so với chỉ tiêu"
            headers=("Mục tiêu".to_string(), "% so với chỉ tiêu".to_string())
            width=width
            height=height
        />
    }
}

#[component]
fn Results(
    year: RwSignal<u16>,
    results: Memo<Vec<TargetResult>>,
    t2_source: Memo<String>,
) -> impl IntoView {
    let fig = expect_context::<FiguresCtx>();
    let bars = Signal::derive(move || results.with(|r| bars_of(r)));
    // Read out when a typed figure changes a verdict.
    let spoken = move || {
        results.with(|rs| {
            let parts: Vec<String> = [
                Outcome::Dat,
                Outcome::ChuaDat,
                Outcome::ThieuSoLieu,
                Outcome::ThieuNguong,
            ]
            .into_iter()
            .filter_map(|o| {
                let n = rs.iter().filter(|r| r.outcome == o).count();
                (n > 0).then(|| format!("{n} {}", ntm_core::text::lower(o.label_vi())))
            })
            .collect();
            format!(
                "Năm {}: {} mục tiêu — {}.",
                year.get(),
                rs.len(),
                parts.join(", ")
            )
        })
    };
    view! {
    <section class="panel" aria-labelledby="results-h">
        <h2 id="results-h">
            {move || format!("Kết quả thực hiện mục tiêu năm {} — {}", year.get(), fig.figures.with(|f| f.unit_name.clone()))}
        </h2>
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="targets-live">{spoken}</p>
        <p class="hint">
            "T2 đếm các xã đạt chuẩn nâng cao hoặc kiểu mẫu từ các hồ sơ trong bảng tổng hợp (trang Tổng hợp) khi bảng có hồ sơ của đơn vị trong năm, nếu không thì từ hồ sơ tự đánh giá nháp lưu trong trình duyệt này (mỗi xã một lần, hồ sơ lưu sau cùng được dùng); các mục tiêu khác lấy từ biểu số liệu tổng hợp bên dưới."
        </p>
        <TableScroll label="Bảng kết quả thực hiện mục tiêu">
            <table class="muc-tieu-table" data-testid="targets-table">
                <thead>
                    <tr>
                        {header_cells(&["Mục tiêu", "Chỉ tiêu", "Thực hiện", "% so với chỉ tiêu", "Kết quả", "Còn thiếu"])}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let src = t2_source.get();
                        results
                            .get()
                            .into_iter()
                            .map(|r| target_row(r, Some(src.clone())))
                            .collect_view()
                    }}
                </tbody>
            </table>
        </TableScroll>
        <AttainmentChart id="attainment" bars=bars />
    </section>
    }
}

#[component]
pub fn MucTieu() -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let ws = expect_context::<Workspace>();
    let fig = expect_context::<FiguresCtx>();
    let cons = expect_context::<ConsolidationCtx>();
    // Typing not yet written is saved when the route changes (App saves it on pagehide).
    on_cleanup(move || fig.flush());

    let year = RwSignal::new(fig.imported_year.get_untracked().unwrap_or(2025));
    let report = RwSignal::new(Report::TongKet);
    // An imported file's latest year is shown at once.
    Effect::new(move |_| {
        if let Some(y) = fig.imported_year.get() {
            year.set(y);
        }
    });

    // T2 counts communes from the consolidated dossiers (Tổng hợp) when it holds any of the unit
    // for the year, else from this browser's commune drafts; one per commune-year either way.
    let assessments: Memo<Vec<Assessment>> = Memo::new(move |_| {
        let rules = rc.active.get();
        ws.all
            .with(|drafts| assessments_from_drafts(&rules, drafts))
    });
    let consolidated: Memo<Vec<Assessment>> = Memo::new(move |_| {
        let rules = rc.active.get();
        cons.with_dossiers(|ds| ds.map(|d| ntm_core::evaluate(&rules, d)).collect())
    });
    // Per year: how many consolidated dossiers of the unit T2 counts (0: the drafts are used).
    let consolidated_n = move |f: &ntm_core::figures::Figures, y: u16| {
        consolidated.with(|c| {
            assessments_of_unit(c, &f.unit_code)
                .iter()
                .filter(|a| a.year == y)
                .count()
        })
    };
    let trajectory = Memo::new(move |_| {
        let rules = rc.active.get();
        fig.figures.with(|f| {
            assessments.with(|a| {
                consolidated.with(|c| {
                    YEARS
                        .iter()
                        .map(|y| {
                            let src = if consolidated_n(f, *y) > 0 { c } else { a };
                            (*y, targets_for(&rules, f, src, *y))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let t2_source = Memo::new(move |_| {
        let y = year.get();
        let n = fig.figures.with(|f| consolidated_n(f, y));
        if n > 0 {
            format!("Đếm từ {n} hồ sơ trong bảng tổng hợp (trang Tổng hợp) của năm {y}.")
        } else {
            format!(
                "Bảng tổng hợp chưa có hồ sơ của đơn vị năm {y}: đếm từ hồ sơ nháp trên máy này."
            )
        }
    });
    let results = Memo::new(move |_| {
        let y = year.get();
        trajectory.with(|t| {
            t.iter()
                .find(|(ty, _)| *ty == y)
                .map(|(_, r)| r.clone())
                .unwrap_or_default()
        })
    });
    // Per plan year: how many targets are met, not met, without data.
    let per_year = Signal::derive(move || {
        trajectory.with(|t| {
            t.iter()
                .filter(|(y, _)| *y > 2020)
                .map(|(y, rs)| {
                    let count = |o: Outcome| rs.iter().filter(|r| r.outcome == o).count() as f64;
                    (
                        y.to_string(),
                        vec![
                            count(Outcome::Dat),
                            count(Outcome::ChuaDat),
                            count(Outcome::ThieuSoLieu) + count(Outcome::ThieuNguong),
                        ],
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    let print = move |kind: Report| {
        fig.flush();
        report.set(kind);
        let _ = window().print();
    };

    // The year's T1–T9 and every year's figures, made by the Excel module on first use.
    let export_error = RwSignal::new(None::<String>);
    let xlsx = move |()| {
        fig.flush();
        let y = year.get_untracked();
        let book = results.with_untracked(|r| {
            fig.figures
                .with_untracked(|f| excel::targets::book(r, f, y, &clock::today_iso()))
        });
        download_book(book, excel::targets::file_name(y), move |r| {
            export_error.set(r.err())
        });
    };

    view! {
        <div class="page page-muc-tieu">
            <h1 class="page-title no-print">"Mục tiêu phong trào thi đua đến năm 2025"</h1>
            <Toolbar year=year print=Callback::new(print) xlsx=Callback::new(xlsx) />
            <ErrorAlert message=export_error />

            <div class="no-print">
                <Results year=year results=results t2_source=t2_source />

                <section class="panel" aria-labelledby="traj-h">
                    <h2 id="traj-h">"Diễn biến 2020 → 2025"</h2>
                    <p class="hint">"Năm 2020 là năm gốc (chỉ ghi số liệu). Ô “—” là chưa có số liệu."</p>
                    <TableScroll label="Bảng diễn biến 2020 → 2025">
                        {move || trajectory_table(trajectory.get(), &YEARS, "trajectory-table")}
                    </TableScroll>
                    <StackedBarChart
                        id="outcomes-by-year".to_string()
                        title="Số mục tiêu đạt, chưa đạt, thiếu số liệu theo năm".to_string()
                        data=per_year
                        series=[Outcome::Dat, Outcome::ChuaDat, Outcome::ThieuSoLieu]
                            .map(|o| o.label_vi().to_string())
                            .to_vec()
                        colors=vec![(18, 115, 75), (224, 161, 0), (201, 209, 204)]
                        y_desc="Số mục tiêu"
                        category_header="Năm"
                        height=300
                    />
                </section>

                <FiguresForm />
                <RegisteredTargets />
            </div>
            <PrintTargets report=report trajectory=trajectory />
        </div>
    }
}
