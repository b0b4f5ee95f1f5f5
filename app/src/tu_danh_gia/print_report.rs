//! The printed self-assessment report: shown only on paper (print stylesheet).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::tu_danh_gia::state::Workspace;
use crate::tu_danh_gia::summary_panel::level_sets;
use crate::ui::outcome_badge::outcome_badge_static;
use crate::ui::print::{PrintHeading, Signatures};
use crate::ui::table::header_cells;
use leptos::prelude::*;
use ntm_core::criteria::IndicatorResult;
use ntm_core::text::shown_code;

fn value_text(i: &IndicatorResult) -> String {
    let ind = i.indicator;
    i.value()
        .map(|v| ind.kind.format_value(v, ind.unit.as_deref()))
        .unwrap_or_else(|| "—".into())
}

/// Whether the printed report is built: only once printing is asked for (the button, or the
/// browser's own print command), as it is a second copy of every indicator.
#[derive(Clone, Copy)]
pub struct PrintWanted(RwSignal<bool>);

impl PrintWanted {
    pub fn provide() {
        provide_context(PrintWanted(RwSignal::new(false)));
    }
    /// Builds the report (within the current task: before anything printed after a spawn_local).
    pub fn ask(self) {
        if !self.0.get_untracked() {
            self.0.set(true);
        }
    }
}

#[component]
pub fn PrintReport() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let wanted = expect_context::<PrintWanted>();
    // The browser's print command (Ctrl+P): the report is built before the page is laid out.
    let listener = window_event_listener_untyped("beforeprint", move |_| wanted.ask());
    on_cleanup(move || listener.remove());

    move || {
        if !wanted.0.get() {
            return None;
        }
        let rules = rc.active.get();
        let a = ws.assessment.get()?;
        let unit = ntm_core::units::find(&a.unit.code);
        let district = unit
            .map(|u| u.district_name.to_string())
            .unwrap_or_default();
        let reference = rules.reference();
        let shown = level_sets(&rules);
        let rows = shown
            .iter()
            .filter_map(|id| Some((rules.set(id)?, a.set(id)?)))
            .map(|(set, result)| {
                let criteria = result
                    .criteria_with_indicators()
                    .map(|(c, inds)| {
                        let head = view! {
                            <tr class="pr-criterion">
                                <th colspan="6" scope="rowgroup">
                                    {format!(
                                        "Tiêu chí {}. {} — {}",
                                        c.code(),
                                        c.name(),
                                        c.outcome.label_vi(),
                                    )}
                                </th>
                            </tr>
                        };
                        let inds = inds
                            .map(|i| {
                                let ind = i.indicator;
                                view! {
                                    <tr>
                                        <td class="pr-code">{shown_code(&ind.code).to_string()}</td>
                                        <td>{ind.name.to_string()}</td>
                                        <td>{i.required_text()}</td>
                                        <td>{value_text(&i)}</td>
                                        <td>{outcome_badge_static(i.outcome)}</td>
                                        <td class="pr-basis">
                                            {format!("{} ({})", ind.source.citation(), a.basis_text(ind))}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            {head}
                            {inds}
                        }
                    })
                    .collect_view();
                view! {
                    <tbody>
                        <tr class="pr-set">
                            <th colspan="6" scope="rowgroup">
                                {format!(
                                    "{} — đạt {}/{} tiêu chí",
                                    set.title,
                                    result.met,
                                    result.total,
                                )}
                            </th>
                        </tr>
                        {criteria}
                    </tbody>
                }
            })
            .collect_view();

        Some(view! {
            <section class="print-report print-only" aria-hidden="true">
                <PrintHeading org={format!("ỦY BAN NHÂN DÂN {}", ntm_core::text::upper(&a.unit.name))} />
                <h1 class="pr-title">"BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHÍ NÔNG THÔN MỚI"</h1>
                <dl class="pr-facts">
                    <div><dt>"Xã:"</dt><dd>{format!("{} ({}), {}", a.unit.name, a.unit.code, district)}</dd></div>
                    <div><dt>"Năm đánh giá:"</dt><dd>{a.year.to_string()}</dd></div>
                    <div><dt>"Ngày lập:"</dt><dd>{clock::date(clock::now_ms())}</dd></div>
                    <div>
                        <dt>"Bộ tiêu chí:"</dt>
                        <dd>{format!("{} — mã băm {}", reference.id, reference.short_hash())}</dd>
                    </div>
                    <div><dt>"Kết quả:"</dt><dd><strong>{a.level.label_vi()}</strong></dd></div>
                </dl>
                {(a.unverified_basis > 0)
                    .then(|| {
                        view! {
                            <p class="pr-warning">
                                {format!(
                                    "Kết quả tạm tính: dựa trên {} chỉ tiêu chưa xác minh căn cứ.",
                                    a.unverified_basis,
                                )}
                            </p>
                        }
                    })}
                <table class="pr-table">
                    <thead>
                        <tr>
                            {header_cells(&["Mã", "Chỉ tiêu", "Yêu cầu", "Giá trị", "Kết quả", "Căn cứ"])}
                        </tr>
                    </thead>
                    {rows}
                </table>
                <Signatures preparer="Người lập biểu" signer=&["Chủ tịch UBND xã"] />
            </section>
        })
    }
}
