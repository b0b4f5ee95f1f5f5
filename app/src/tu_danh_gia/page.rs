//! Tự đánh giá: the commune's self-assessment — drafts on the side, the open draft's editor.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::du_lieu::unexported_banner::UnexportedBanner;
use crate::tu_danh_gia::drafts::DraftList;
use crate::tu_danh_gia::editor::Editor;
use crate::tu_danh_gia::import::ImportDossier;
use crate::tu_danh_gia::new_draft::NewDraft;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;

#[component]
pub fn TuDanhGia() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    view! {
        <div class="page page-tdg">
            <h1 class="page-title no-print">"Tự đánh giá kết quả xây dựng nông thôn mới của xã"</h1>
            <UnexportedBanner open_buttons=true />
            <div class="tu-danh-gia-layout" class:has-open=move || ws.open_id.with(Option::is_some)>
                <aside class="tu-danh-gia-side no-print" aria-label="Hồ sơ">
                    <NewDraft />
                    <DraftList />
                    <ImportDossier />
                </aside>
                <div class="tu-danh-gia-main">
                    // A new editor, never one rebuilt in place, for each opened draft, new rules or
                    // a version another tab saved: an input the user typed into keeps its shown
                    // text over a changed `value` attribute, so reuse would show the old draft's.
                    <For
                        each=move || {
                            let rules = rc.active.get();
                            let reloads = ws.reloads.get();
                            ws.open_id.get().map(|id| (id, reloads, rules.hash().to_string()))
                        }
                        key=|k| k.clone()
                        children=|_| view! { <Editor /> }
                    />
                    <Show when=move || ws.open_id.with(Option::is_none)>
                        <div class="empty-state no-print">
                            <h2>"Chưa mở hồ sơ nào"</h2>
                            <p>
                                "Chọn xã và năm rồi bấm “Tạo hồ sơ”, mở một hồ sơ nháp, hoặc nhập tệp hồ sơ JSON. Mỗi thay đổi được lưu ngay trong trình duyệt này."
                            </p>
                            <ol>
                                <li>"Nhập số liệu từng chỉ tiêu của 19 tiêu chí và các điều kiện công nhận."</li>
                                <li>"Xem kết quả đạt chuẩn, các điểm còn vướng và căn cứ pháp lý của từng chỉ tiêu."</li>
                                <li>"Xuất JSON, CSV hoặc in báo cáo để gửi cấp trên."</li>
                            </ol>
                        </div>
                    </Show>
                </div>
            </div>
        </div>
    }
}
