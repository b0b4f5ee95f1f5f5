//! Shown on every page: data the browser refused to store (with a download of exactly that
//! data) and a pointer to records set aside because they could not be read. Drafts' failures
//! are shown by the editor's toolbar, next to the draft.

use crate::infra::download::download;
use crate::infra::storage_ctx::StorageCtx;
use crate::infra::store;
use crate::ui::alert::ErrorAlert;
use leptos::prelude::*;
use ntm_core::storage::DRAFT_PREFIX;

#[component]
pub fn StorageAlerts(
    /// True on the "Dữ liệu trên máy" page, which lists the unreadable records itself.
    on_data_page: Signal<bool>,
) -> impl IntoView {
    let sc = expect_context::<StorageCtx>();
    let error = RwSignal::new(None::<String>);
    let unsaved = move || {
        sc.unsaved.with(|l| {
            l.iter()
                .filter(|u| !u.key.starts_with(DRAFT_PREFIX))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="du-lieu-alerts no-print">
            <For
                each=unsaved
                key=|u| (u.key.clone(), u.file_name.clone(), u.message.clone())
                children=move |u| {
                    let file = u.file_name.clone();
                    let text = u.text.clone();
                    let save = move |_| {
                        error.set(download(text.as_bytes(), &file, "application/json").err());
                    };
                    let reload = move |_| {
                        let _ = window().location().reload();
                    };
                    view! {
                        <div class="alert alert-error" role="alert" data-testid="unsaved-alert">
                            <p>{u.message.clone()}</p>
                            <div class="alert-actions">
                                <button type="button" class="primary" data-testid="unsaved-download" on:click=save>
                                    "Tải phần chưa lưu (JSON)"
                                </button>
                                {u.conflict.then(|| view! {
                                    <button type="button" class="secondary" on:click=reload>
                                        "Tải lại trang"
                                    </button>
                                })}
                            </div>
                        </div>
                    }
                }
            />
            <ErrorAlert message=error />
            {(!store::storage_available()).then(|| view! {
                <p class="alert alert-error" role="alert" data-testid="storage-unavailable">
                    "Trình duyệt này không cho phép trang lưu dữ liệu (bộ nhớ cục bộ bị tắt, bị chặn hoặc đang ở chế độ riêng tư): không có gì được lưu lại sau khi đóng trang. Hãy xuất tệp trước khi đóng, hoặc cho phép trang lưu dữ liệu rồi tải lại."
                </p>
            })}
            {move || {
                let n = sc.unreadable.with(Vec::len);
                (n > 0 && !on_data_page.get()).then(|| view! {
                    <p class="alert alert-warning" role="note" data-testid="unreadable-notice">
                        {format!("Có {n} bản ghi trong bộ nhớ trình duyệt không đọc được; ứng dụng đã giữ riêng, không xóa. ")}
                        <a href="#/du-lieu">"Xem và tải về ở trang “Dữ liệu trên máy”"</a>
                    </p>
                })
            }}
        </div>
    }
}
