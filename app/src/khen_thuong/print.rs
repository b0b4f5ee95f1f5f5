//! The printed "Danh sách đề nghị khen thưởng": shown only on paper (print stylesheet), A4
//! landscape, with the unit, the date, the award rules' id, one row per candidate and the
//! signature block.

use crate::infra::clock;
use crate::khen_thuong::state::{award_name, group_short, rules, NominationsCtx};
use crate::ui::print::{PrintHeading, Signatures};
use crate::ui::table::header_cells;
use leptos::prelude::*;
use ntm_core::awards::{Check, FormResult, GroupResult, Verdict};
use ntm_core::text::format_money;

/// The legal basis of a row on paper: the standards of the Law the verdict rests on (the one met
/// when the candidate qualifies) and the plan's criteria for the group. The shared principles
/// (regime, holds, one achievement) apply to every row and are not repeated.
fn print_basis(f: &FormResult, group: &GroupResult) -> String {
    let met: Vec<&str> = f
        .standards
        .iter()
        .filter(|s| s.check == Check::Met)
        .map(|s| s.citation.as_str())
        .collect();
    let mut parts: Vec<&str> = if met.is_empty() {
        f.standards.iter().map(|s| s.citation.as_str()).collect()
    } else {
        met
    };
    parts.dedup();
    if !group.citation.is_empty() {
        parts.push(&group.citation);
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("; ")
    }
}

#[component]
pub fn NominationPrint(printed_at: RwSignal<Option<f64>>) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    move || {
        let when = printed_at.get().unwrap_or_else(clock::now_ms);
        let (unit, date) = ctx
            .register
            .with(|r| (r.unit.trim().to_string(), r.decision_date.clone()));
        let org = if unit.is_empty() {
            "……………………………".to_string()
        } else {
            ntm_core::text::upper(&unit)
        };
        let rows = ctx.register.with(|reg| {
            ctx.results.with(|res| {
                reg.candidates
                    .iter()
                    .zip(res.iter())
                    .enumerate()
                    .map(|(i, (c, r))| {
                        let f = r.form(&c.proposed.award);
                        let verdict = f.map(|f| f.verdict);
                        let basis = f.map(|f| print_basis(f, &r.group)).unwrap_or_default();
                        let money = match f {
                            Some(f) if f.verdict != Verdict::KhongDuDieuKien => f
                                .money
                                .as_ref()
                                .map(|m| format_money(m.vnd as f64))
                                .unwrap_or_else(|_| "—".into()),
                            _ => "—".into(),
                        };
                        view! {
                            <tr data-testid="print-row">
                                <td class="pr-code">{(i + 1).to_string()}</td>
                                <td>{c.name.clone()}</td>
                                <td>{group_short(&c.group)}</td>
                                <td>{c.unit.clone()}</td>
                                <td>{c.achievement.summary.clone()}</td>
                                <td>{format!("{} ({})", award_name(&c.proposed.award), c.proposed.basis.label_vi())}</td>
                                <td>{verdict.map(|v| v.label_vi()).unwrap_or("—")}</td>
                                <td class="pr-basis">{basis}</td>
                                <td class="num">{money}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        });
        view! {
            <section class="print-only khen-thuong-print" data-testid="nominations-print">
                <PrintHeading org=org.clone() />
                <h1 class="pr-title" data-testid="nominations-print-title">"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"</h1>
                <p class="khen-thuong-print-sub">
                    "Phong trào thi đua “Chung sức xây dựng nông thôn mới” tỉnh Hà Nam giai đoạn 2021–2025"
                </p>
                <dl class="pr-facts">
                    <div><dt>"Đơn vị lập:"</dt><dd>{if unit.is_empty() { "—".to_string() } else { unit.clone() }}</dd></div>
                    <div><dt>"Ngày lập:"</dt><dd>{clock::date(when)}</dd></div>
                    <div>
                        <dt>"Ngày quyết định dự kiến:"</dt>
                        <dd>{date.as_deref().map(clock::vi_date).unwrap_or_else(|| "chưa xác định".into())}</dd>
                    </div>
                    <div><dt>"Bộ quy định khen thưởng:"</dt><dd data-testid="print-rules-id">{rules().id.clone()}</dd></div>
                </dl>
                <table class="pr-table khen-thuong-print-table">
                    <thead>
                        <tr>
                            {header_cells(&["STT", "Tên cá nhân, tập thể", "Nhóm đối tượng", "Đơn vị", "Thành tích", "Hình thức đề nghị", "Kết luận", "Căn cứ pháp lý", "Tiền thưởng dự tính"])}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="khen-thuong-print-note">
                    "Kết luận do ứng dụng Chung Sức đối chiếu theo dữ liệu đã nhập; các tiêu chí cần Hội đồng xét chỉ được tính là đạt khi có quyết định của Hội đồng Thi đua – Khen thưởng. Tiền thưởng là ước tính."
                </p>
                <Signatures
                    preparer="Người lập danh sách"
                    signer=&["TM. Hội đồng Thi đua – Khen thưởng", "Chủ tịch"]
                />
            </section>
        }
    }
}
