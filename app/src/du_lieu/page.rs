//! Dữ liệu trên máy: what this browser keeps (and whether it promised to keep it), the backup
//! file of everything and its restore (a summary of what would be added or replaced first), and
//! the records set aside because they could not be read, each downloadable as it was.

use crate::du_lieu::unexported_banner::UnexportedBanner;
use crate::infra::clock;
use crate::infra::download::{download, ChosenFile};
use crate::infra::storage_ctx::StorageCtx;
use crate::infra::store;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::ErrorAlert;
use crate::ui::file_drop::FileDrop;
use leptos::html;
use leptos::prelude::*;
use ntm_core::backup::{self, Backup};
use ntm_core::text::format_decimal;

/// "12,3 KB", "1,5 MB".
fn size(bytes: f64) -> String {
    if bytes < 1024.0 * 1024.0 {
        format!("{} KB", format_decimal((bytes / 102.4).round() / 10.0))
    } else {
        format!("{} MB", format_decimal((bytes / 104_857.6).round() / 10.0))
    }
}

/// "hồ sơ nháp" → "Hồ sơ nháp".
fn cap(s: &str) -> String {
    ntm_core::text::upper_first(s)
}

#[component]
fn StoragePanel() -> impl IntoView {
    let sc = expect_context::<StorageCtx>();
    sc.measure();
    let rows = move || {
        sc.usage
            .get()
            .into_iter()
            .map(|u| {
                view! {
                    <tr>
                        <th scope="row">{cap(u.kind.label())}</th>
                        <td class="num">{u.count}</td>
                        <td class="num">{size(u.chars as f64 * 2.0)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let total = move || sc.usage.with(|l| l.iter().map(|u| u.chars).sum::<usize>());
    view! {
        <section class="panel" aria-labelledby="storage-h" data-testid="storage-panel">
            <h2 id="storage-h">"Dữ liệu trên máy này"</h2>
            <p>
                "Mọi hồ sơ, danh sách và bộ tiêu chí của ứng dụng chỉ nằm trong trình duyệt này (bộ nhớ localStorage), không gửi đi đâu."
            </p>
            {move || match sc.persisted.get() {
                Some(true) => view! {
                    <p class="alert alert-ok" data-testid="persist-status" data-persisted="1">
                        "Trình duyệt đã cam kết giữ dữ liệu của trang này (lưu trữ bền vững): dữ liệu không bị tự xóa khi máy thiếu chỗ. Xóa dữ liệu duyệt web vẫn xóa dữ liệu này — hãy sao lưu."
                    </p>
                }
                .into_any(),
                other => view! {
                    <div class="alert alert-warning" data-testid="persist-status" data-persisted="0">
                        <p>
                            {if other.is_none() {
                                "Trình duyệt này không cho biết có giữ dữ liệu lâu dài hay không."
                            } else {
                                "Trình duyệt chưa cam kết giữ dữ liệu của trang này: khi máy thiếu chỗ, trình duyệt có thể tự xóa."
                            }}
                            " Hãy tải tệp sao lưu thường xuyên."
                        </p>
                        <button type="button" class="secondary" on:click=move |_| sc.ask_persist()>
                            "Đề nghị trình duyệt giữ dữ liệu lâu dài"
                        </button>
                    </div>
                }
                .into_any(),
            }}
            <table class="du-lieu-usage">
                <caption>"Dung lượng dữ liệu của ứng dụng trong localStorage (trình duyệt tính 2 byte mỗi ký tự)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Loại dữ liệu"</th>
                        <th scope="col" class="num">"Số bản ghi"</th>
                        <th scope="col" class="num">"Dung lượng"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Tổng"</th>
                        <td></td>
                        <td class="num" data-testid="storage-total">{move || size(total() as f64 * 2.0)}</td>
                    </tr>
                </tfoot>
            </table>
            {move || {
                sc.estimate
                    .get()
                    .map(|(used, quota)| {
                        view! {
                            <p class="hint" data-testid="storage-estimate">
                                {format!(
                                    "Trình duyệt cho biết trang này đang dùng {} trong tổng số {} được phép (gồm cả bản ứng dụng để dùng khi không có mạng; localStorage có giới hạn riêng, thường vài MB).",
                                    size(used),
                                    size(quota),
                                )}
                            </p>
                        }
                    })
            }}
            <button type="button" class="link-button" on:click=move |_| sc.measure()>
                "Đo lại"
            </button>
        </section>
    }
}

#[component]
fn BackupPanel() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let save = move |_| {
        ws.flush();
        let (name, text) = store::backup();
        match download(text.as_bytes(), &name, "application/json") {
            Ok(()) => {
                ws.mark_all_exported();
                error.set(None);
                ok.set(Some(format!("Đã tạo tệp sao lưu “{name}”.")));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <section class="panel" aria-labelledby="backup-h">
            <h2 id="backup-h">"Sao lưu"</h2>
            <p>
                "Một tệp chứa mọi thứ ứng dụng lưu trên máy này: hồ sơ nháp, bộ tiêu chí của tỉnh, bảng tổng hợp, số liệu cấp huyện, số liệu và chỉ tiêu đăng ký ở trang Mục tiêu, danh sách đề nghị khen thưởng, cả dữ liệu không đọc được. Dùng tệp này để khôi phục trên máy này hoặc máy khác."
            </p>
            <button type="button" class="primary" id="backup-download" on:click=save>
                "Tải tệp sao lưu (JSON)"
            </button>
            {move || ok.get().map(|m| view! { <p class="alert alert-ok" role="status">{m}</p> })}
            <ErrorAlert message=error />
        </section>
    }
}

/// A restore waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
struct Review {
    file: String,
    created_at: String,
    lines: Vec<String>,
    changes: usize,
}

#[component]
fn RestorePanel() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let review = RwSignal::new(None::<Review>);
    let pending = StoredValue::new(None::<Backup>);
    let heading = NodeRef::<html::H3>::new();

    let cancel = move || {
        pending.set_value(None);
        review.set(None);
    };
    let on_file = Callback::new(move |f: ChosenFile| {
        cancel();
        let name = f.name.clone();
        let parsed = f.text.and_then(|text| {
            let b = Backup::parse(&text).map_err(|e| e.to_string())?;
            store::check_backup(&b)?;
            Ok(b)
        });
        match parsed {
            Err(e) => error.set(Some(format!(
                "Tệp {name}: {e}. Không có gì thay đổi trên máy này."
            ))),
            Ok(b) => {
                error.set(None);
                ws.flush();
                let plan = store::plan_restore(&b);
                review.set(Some(Review {
                    file: name,
                    created_at: clock::iso_to_local(&b.created_at),
                    lines: plan.summary(&clock::date_time),
                    changes: plan.changes(),
                }));
                pending.set_value(Some(b));
                request_animation_frame(move || {
                    if let Some(h) = heading.get() {
                        let _ = h.focus();
                    }
                });
            }
        }
    });
    let confirm = move |_| {
        let Some(b) = pending.get_value() else { return };
        let file =
            review.with_untracked(|r| r.as_ref().map(|r| r.file.clone()).unwrap_or_default());
        // What is on screen is saved first; the plan is worked out again on what is stored now.
        ws.flush();
        let plan = store::plan_restore(&b);
        match store::restore(&b, &plan) {
            Ok(n) => {
                store::set_flash(&format!(
                    "Đã khôi phục từ tệp {file}: {n} bản ghi được thêm hoặc thay. Dữ liệu khác trên máy giữ nguyên."
                ));
                // Every page reads storage again from the start.
                let _ = window().location().reload();
            }
            Err(e) => {
                cancel();
                error.set(Some(e));
            }
        }
    };

    view! {
        <section class="panel" aria-labelledby="restore-h">
            <h2 id="restore-h">"Khôi phục từ tệp sao lưu"</h2>
            <FileDrop
                input_id="restore-file"
                label="Chọn tệp sao lưu (JSON)"
                hint="Tệp do nút “Tải tệp sao lưu” tạo ra (định dạng chung-suc/sao-luu). Trước khi khôi phục, ứng dụng cho xem những gì sẽ được thêm hoặc thay; tệp có lỗi thì không thay đổi gì."
                drop_testid="restore-drop"
                max_bytes=backup::MAX_BYTES
                on_file=on_file
            />
            <ErrorAlert message=error testid="restore-error" />
            {move || {
                review
                    .get()
                    .map(|r| {
                        let lines = r.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view();
                        view! {
                            <div class="du-lieu-restore-review" data-testid="restore-summary">
                                <h3 tabindex="-1" node_ref=heading>
                                    {format!("Khôi phục từ tệp “{}” (sao lưu lúc {})?", r.file, r.created_at)}
                                </h3>
                                <ul>{lines}</ul>
                                <div class="dialog-actions">
                                    <button type="button" class="secondary" on:click=move |_| cancel()>
                                        "Hủy"
                                    </button>
                                    <button
                                        type="button"
                                        class="primary"
                                        data-testid="restore-confirm"
                                        disabled=r.changes == 0
                                        on:click=confirm
                                    >
                                        "Khôi phục"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn UnreadableList() -> impl IntoView {
    let sc = expect_context::<StorageCtx>();
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="panel" aria-labelledby="unreadable-h" data-testid="unreadable-list">
            <h2 id="unreadable-h">"Dữ liệu không đọc được"</h2>
            <Show
                when=move || !sc.unreadable.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"Không có. Mọi dữ liệu trên máy này đều đọc được."</p> }
            >
                <p>
                    "Các bản ghi dưới đây không đọc được (hỏng, hoặc do phiên bản khác của ứng dụng ghi). Ứng dụng giữ riêng, không xóa và không ghi đè; tải về để gửi người hỗ trợ sửa, rồi nhập lại."
                </p>
                <ul class="du-lieu-unreadable-items">
                    <For
                        each=move || sc.unreadable.get()
                        key=|u| u.key.clone()
                        children=move |u| {
                            let key = u.key.clone();
                            let original = u.original_key.clone();
                            let get = move |_| {
                                let Some(text) = store::unreadable_text(&key) else {
                                    error.set(Some("Bản ghi không còn trong bộ nhớ.".into()));
                                    return;
                                };
                                let json = serde_json::from_str::<serde_json::Value>(&text).is_ok();
                                let slug: String = original
                                    .strip_prefix("chung-suc:")
                                    .unwrap_or(&original)
                                    .chars()
                                    .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
                                    .collect();
                                let (ext, mime) = if json { ("json", "application/json") } else { ("txt", "text/plain;charset=utf-8") };
                                error.set(download(text.as_bytes(), &format!("khong-doc-duoc-{slug}.{ext}"), mime).err());
                            };
                            let label_id = format!("unreadable-{}", u.key.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                            view! {
                                <li data-testid="unreadable-item" data-key=u.original_key.clone()>
                                    <p id=label_id.clone()>
                                        <strong>{cap(&u.what)}</strong>
                                        " — khóa "
                                        <code>{u.original_key.clone()}</code>
                                        {(u.at > 0.0).then(|| format!(", giữ riêng lúc {}", clock::date_time(u.at)))}
                                        {format!(", {}", size(u.chars as f64 * 2.0))}
                                    </p>
                                    <p class="du-lieu-unreadable-reason">"Lý do: " {u.reason.clone()}</p>
                                    <button type="button" class="secondary small" aria-describedby=label_id on:click=get data-testid="unreadable-download">
                                        "Tải về"
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <ErrorAlert message=error />
        </section>
    }
}

#[component]
pub fn DuLieu() -> impl IntoView {
    let flash = store::take_flash();
    view! {
        <div class="page page-du-lieu">
            <h1 class="page-title">"Dữ liệu trên máy"</h1>
            {flash.map(|m| view! { <p class="alert alert-ok" role="status" data-testid="restore-done">{m}</p> })}
            <UnexportedBanner />
            <div class="du-lieu-layout">
                <div>
                    <BackupPanel />
                    <RestorePanel />
                </div>
                <div>
                    <StoragePanel />
                    <UnreadableList />
                </div>
            </div>
        </div>
    }
}
