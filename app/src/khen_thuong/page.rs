//! Khen thưởng: the nomination register, each candidate's checklist and verdicts with their
//! legal reasons, the register of good models, the summary by award form, exports and print.

use crate::khen_thuong::editor::NominationEditor;
use crate::khen_thuong::files::NominationFiles;
use crate::khen_thuong::models::GoodModels;
use crate::khen_thuong::print::NominationPrint;
use crate::khen_thuong::register::NominationTable;
use crate::khen_thuong::settings::NominationSettings;
use crate::khen_thuong::state::NominationsCtx;
use crate::khen_thuong::summary::AwardSummary;
use crate::khen_thuong::verdicts::AwardVerdicts;
use leptos::prelude::*;

#[component]
pub fn KhenThuong() -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let printed_at = RwSignal::new(None::<f64>);

    // Typing not yet written is saved when the route changes (App saves it on pagehide).
    on_cleanup(move || ctx.flush());

    // Keyed by the candidate: another candidate gets a fresh editor, not this one's fields.
    let detail = move |id: String| {
        let back = id.clone();
        // Closing returns the focus to the row the candidate was opened from.
        let close = move |_| {
            ctx.selected.set(None);
            let sel = format!(
                "[data-testid=\"candidate-row\"][data-id=\"{back}\"] [data-testid=\"open-candidate\"]"
            );
            if let Ok(Some(el)) = document().query_selector(&sel) {
                use wasm_bindgen::JsCast;
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        };
        view! {
            <div class="khen-thuong-detail" data-testid="candidate-detail">
                <div class="khen-thuong-detail-bar">
                    <button
                        type="button"
                        class="small"
                        id="close-candidate"
                        on:click=close
                    >
                        "Đóng hồ sơ ứng viên"
                    </button>
                </div>
                <div class="khen-thuong-detail-grid">
                    <NominationEditor id=id.clone() />
                    <AwardVerdicts id=id />
                </div>
            </div>
        }
    };

    view! {
        <div class="page page-khen-thuong">
            <h1 class="page-title no-print" id="kt-title">
                "Khen thưởng phong trào “Chung sức xây dựng nông thôn mới”"
            </h1>
            <p class="hint no-print khen-thuong-intro">
                "Lập danh sách đề nghị khen thưởng: mỗi ứng viên được đối chiếu với tiêu chí của kế hoạch và tiêu chuẩn của Luật Thi đua, khen thưởng theo ngày quyết định, kèm lý do và căn cứ. "
                "Những tiêu chí cần đánh giá (thành tích tiêu biểu, đóng góp…) chỉ đạt khi Hội đồng Thi đua – Khen thưởng công nhận. Danh sách lưu trong trình duyệt này."
            </p>
            <NominationFiles printed_at=printed_at />
            <div class="no-print khen-thuong-main">
                <NominationSettings />
                <NominationTable />
                <For each=move || ctx.selected.get() key=|id| id.clone() children=detail />
                <AwardSummary />
                <GoodModels />
            </div>
            <NominationPrint printed_at=printed_at />
        </div>
    }
}
