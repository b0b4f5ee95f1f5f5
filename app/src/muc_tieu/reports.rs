//! The sơ kết (2021–2023) and tổng kết (2021–2025) reports, shown only when printing.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::muc_tieu::page::AttainmentChart;
use crate::muc_tieu::page::{bars_of, trajectory_table};
use crate::muc_tieu::state::{FiguresCtx, YEARS};
use crate::ui::outcome_badge::outcome_badge_static;
use crate::ui::print::{PrintHeading, Signatures};
use crate::ui::table::header_cells;
use leptos::prelude::*;
use ntm_core::targets::TargetResult;

/// Which printed report the print stylesheet shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// Mid-term review, 2021–2023.
    SoKet,
    /// Final review, 2021–2025.
    TongKet,
}

impl Report {
    pub fn end_year(self) -> u16 {
        match self {
            Report::SoKet => 2023,
            Report::TongKet => 2025,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Report::SoKet => "BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA “CHUNG SỨC XÂY DỰNG NÔNG THÔN MỚI” GIAI ĐOẠN 2021–2023",
            Report::TongKet => "BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA “CHUNG SỨC XÂY DỰNG NÔNG THÔN MỚI” GIAI ĐOẠN 2021–2025",
        }
    }
}

#[component]
pub fn PrintTargets(
    report: RwSignal<Report>,
    trajectory: Memo<Vec<(u16, Vec<TargetResult>)>>,
) -> impl IntoView {
    let fig = expect_context::<FiguresCtx>();
    let rc = expect_context::<RulesCtx>();
    let end_results = Memo::new(move |_| {
        let end = report.get().end_year();
        trajectory.with(|t| {
            t.iter()
                .find(|(y, _)| *y == end)
                .map(|(_, r)| r.clone())
                .unwrap_or_default()
        })
    });
    let bars = Signal::derive(move || end_results.with(|r| bars_of(r)));
    view! {
        <section class="print-report print-only muc-tieu-print" data-testid="targets-print">
            {move || {
                let kind = report.get();
                let end = kind.end_year();
                let unit = fig.figures.with(|f| f.unit_name.clone());
                let reference = rc.active.with(|r| r.reference());
                let org = if unit == crate::muc_tieu::state::PROVINCE_NAME {
                    "ỦY BAN NHÂN DÂN TỈNH HÀ NAM".to_string()
                } else {
                    format!("ỦY BAN NHÂN DÂN {}", ntm_core::text::upper(&unit))
                };
                let years: Vec<u16> = YEARS.iter().copied().filter(|y| *y <= end).collect();
                let rows = end_results
                    .get()
                    .into_iter()
                    .map(|r| {
                        view! {
                            <tr>
                                <td class="pr-code">{r.target.id.clone()}</td>
                                <td>{r.target.name.clone()}</td>
                                <td>{r.target_text()}</td>
                                <td>{r.actual_text()}</td>
                                <td>{outcome_badge_static(r.outcome)}</td>
                                <td>{r.gap_text()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let traj: Vec<(u16, Vec<TargetResult>)> = trajectory
                    .get()
                    .into_iter()
                    .filter(|(y, _)| *y <= end)
                    .collect();
                view! {
                    <PrintHeading org=org.clone() />
                    <h1 class="pr-title" data-testid="targets-print-title">{kind.title()}</h1>
                    <dl class="pr-facts">
                        <div><dt>"Đơn vị:"</dt><dd>{unit.clone()}</dd></div>
                        <div><dt>"Số liệu đến năm:"</dt><dd>{end.to_string()}</dd></div>
                        <div><dt>"Ngày lập:"</dt><dd>{clock::date(clock::now_ms())}</dd></div>
                        <div>
                            <dt>"Bộ tiêu chí:"</dt>
                            <dd>{format!("{} — mã băm {}", reference.id, reference.short_hash())}</dd>
                        </div>
                    </dl>
                    <h2 class="pr-section">{format!("1. Kết quả thực hiện các mục tiêu đến năm {end}")}</h2>
                    <table class="pr-table">
                        <thead>
                            <tr>
                                {header_cells(&["Mã", "Mục tiêu", "Chỉ tiêu"])}
                                <th scope="col">{format!("Thực hiện {end}")}</th>
                                {header_cells(&["Kết quả", "Còn thiếu"])}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <h2 class="pr-section">{format!("2. Diễn biến {}–{end}", years[0])}</h2>
                    {trajectory_table(traj, &years, "targets-print-trajectory")}
                }
            }}
            <h2 class="pr-section">"3. Mức đạt so với chỉ tiêu"</h2>
            <AttainmentChart id="attainment-print" bars=bars print=true />
            <Signatures preparer="Người lập biểu" signer=&["TM. Ủy ban nhân dân", "Chủ tịch"] />
        </section>
    }
}
