//! "Chưa xuất / chưa nộp": drafts changed since they were last exported (JSON, CSV, print or a
//! backup), so none is forgotten before the browser's data is cleared or the machine changes.

use crate::infra::clock;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::ErrorAlert;
use leptos::prelude::*;

#[component]
pub fn UnexportedBanner(
    /// Offer to open each draft (on the Tự đánh giá page).
    #[prop(optional)]
    open_buttons: bool,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let list = Memo::new(move |_| ws.unexported());
    let error = RwSignal::new(None::<String>);
    move || {
        let items = list.get();
        (!items.is_empty()).then(|| {
            let n = items.len();
            let rows = items
                .into_iter()
                .map(|(s, at)| {
                    let when = match at {
                        Some(t) => format!("xuất lần cuối lúc {}", clock::date_time(t)),
                        None => "chưa xuất lần nào".to_string(),
                    };
                    let id = s.id.clone();
                    let name_id = format!("unexported-{}", s.id);
                    view! {
                        <li data-testid="unexported-item" data-id=s.id.clone()>
                            <span id=name_id.clone() class="du-lieu-unexported-name">{s.name.clone()}</span>
                            {format!(
                                " — sửa lúc {}, {when}",
                                clock::date_time(s.saved_at),
                            )}
                            {open_buttons.then(|| {
                                let shown = id.clone();
                                // Not for the draft already open.
                                move || {
                                    let id = id.clone();
                                    (ws.open_id.get().as_deref() != Some(shown.as_str())).then(|| view! {
                                        " "
                                        <button
                                            type="button"
                                            class="link-button"
                                            aria-describedby=name_id.clone()
                                            on:click=move |_| error.set(ws.open_draft(&id).err())
                                        >
                                            "Mở để xuất"
                                        </button>
                                    })
                                }
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="alert alert-info du-lieu-unexported no-print" aria-labelledby="unexported-h" data-testid="unexported-banner">
                    <h2 id="unexported-h" class="du-lieu-unexported-title">
                        {format!("{n} hồ sơ có thay đổi chưa xuất (chưa nộp)")}
                    </h2>
                    <p>
                        "Dữ liệu chỉ nằm trong trình duyệt này. Trước khi xóa dữ liệu trình duyệt hoặc đổi máy, hãy xuất JSON (hoặc CSV, in) để nộp, hoặc tải tệp sao lưu"
                        {if open_buttons {
                            view! { " ở trang " <a href="#/du-lieu">"Dữ liệu trên máy"</a> "." }.into_any()
                        } else {
                            view! { " (nút “Tải tệp sao lưu” bên dưới)." }.into_any()
                        }}
                    </p>
                    <ul>{rows}</ul>
                    <ErrorAlert message=error />
                </section>
            }
        })
    }
}
