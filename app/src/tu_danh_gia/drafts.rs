//! The drafts kept in this browser: open, rename, delete (with confirmation).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::ErrorAlert;
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use leptos::html;
use leptos::prelude::*;

/// Renaming a draft in place: focus goes to the new name, and back to "Đổi tên" when done.
#[component]
fn DraftRename(
    id: String,
    name: String,
    renaming: RwSignal<bool>,
    rename_button: NodeRef<html::Button>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rename_ref = NodeRef::<html::Input>::new();
    let rename_id = format!("rename-{id}");
    request_animation_frame(move || {
        if let Some(input) = rename_ref.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let stop_rename = move || {
        renaming.set(false);
        request_animation_frame(move || {
            if let Some(b) = rename_button.get() {
                let _ = b.focus();
            }
        });
    };
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = rename_ref.get().map(|i| i.value()).unwrap_or_default();
        match ws.rename(&id, &name) {
            Ok(()) => {
                error.set(None);
                stop_rename();
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="rename-form" on:submit=save_name>
            <label for=rename_id.clone()>"Tên mới của hồ sơ"</label>
            <input
                type="text"
                id=rename_id
                data-testid="rename-input"
                node_ref=rename_ref
                maxlength="200"
                value=name
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        stop_rename();
                    }
                }
            />
            <div class="tu-danh-gia-draft-actions">
                <button type="submit" class="primary small">"Lưu tên"</button>
                <button type="button" class="secondary small" on:click=move |_| stop_rename()>
                    "Hủy"
                </button>
            </div>
        </form>
    }
}

#[component]
fn DraftItem(
    id: String,
    /// The delete confirmation, shared by the list's items.
    ask: RwSignal<Option<Ask<String>>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let summary = {
        let id = id.clone();
        Memo::new(move |_| ws.drafts.with(|l| l.iter().find(|s| s.id == id).cloned()))
    };
    let renaming = RwSignal::new(false);
    let rename_button = NodeRef::<html::Button>::new();
    let name_id = format!("draft-name-{id}");
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| ws.open_id.get().as_deref() == Some(id.as_str()))
    };
    let other_rules = move || {
        let active = rc.active.with(|r| r.reference());
        summary.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.rules.as_ref() != Some(&active))
        })
    };
    let get = move |f: fn(&crate::infra::store::DraftSummary) -> String| {
        move || summary.with(|s| s.as_ref().map(f).unwrap_or_default())
    };

    let open = {
        let id = id.clone();
        move |_| {
            if let Err(e) = ws.open_draft(&id) {
                error.set(Some(e));
                return;
            }
            error.set(None);
            ws.notice.set(None);
            // Take keyboard users to what they opened.
            request_animation_frame(|| {
                if let Some(title) = document().get_element_by_id("editor-title") {
                    use wasm_bindgen::JsCast;
                    let _ = title.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
    };
    let start_rename = move |_| renaming.set(true);
    let ask_delete = {
        let id = id.clone();
        move |_| {
            let name =
                summary.with_untracked(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
            ask.set(Some(Ask {
                title: "Xóa hồ sơ nháp?".into(),
                message: format!(
                    "Hồ sơ “{name}” sẽ bị xóa khỏi trình duyệt này và không thể khôi phục. Nếu cần giữ lại, hãy Xuất JSON trước."
                ),
                confirm_label: "Xóa hồ sơ".into(),
                action: id.clone(),
            }));
        }
    };

    view! {
        <li
            class="tu-danh-gia-draft-item"
            class:is-open=is_open
            data-testid="draft-item"
            data-unit=get(|s| s.unit_code.clone())
            data-year=get(|s| s.year.to_string())
        >
            <p class="tu-danh-gia-draft-name" id=name_id.clone() data-testid="draft-name">
                {get(|s| s.name.clone())}
            </p>
            <p class="tu-danh-gia-draft-meta">
                {get(|s| format!("{} · năm {}", s.unit_name, s.year))}
                {move || is_open.get().then(|| view! { <span class="tag tag-open">"Đang mở"</span> })}
            </p>
            <p class="tu-danh-gia-draft-saved" data-testid="draft-saved">
                {get(|s| format!("Lưu lúc {}", clock::date_time(s.saved_at)))}
            </p>
            {move || {
                other_rules()
                    .then(|| {
                        view! {
                            <p class="tu-danh-gia-draft-rules-note">
                                <span aria-hidden="true">"⚠ "</span>
                                "Lập theo bộ tiêu chí khác bộ đang dùng"
                            </p>
                        }
                    })
            }}
            <Show
                when=move || renaming.get()
                fallback={
                    let name_id = name_id.clone();
                    let open = open.clone();
                    let ask_delete = ask_delete.clone();
                    move || {
                        view! {
                            <div class="tu-danh-gia-draft-actions">
                                <button type="button" class="primary small" aria-describedby=name_id.clone() on:click=open.clone()>
                                    "Mở"
                                </button>
                                <button
                                    type="button"
                                    class="secondary small"
                                    aria-describedby=name_id.clone()
                                    node_ref=rename_button
                                    on:click=start_rename
                                >
                                    "Đổi tên"
                                </button>
                                <button type="button" class="danger small" aria-describedby=name_id.clone() on:click=ask_delete.clone()>
                                    "Xóa"
                                </button>
                            </div>
                        }
                    }
                }
            >
                <DraftRename
                    id=id.clone()
                    name=summary.with_untracked(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())
                    renaming=renaming
                    rename_button=rename_button
                    error=error
                />
            </Show>
        </li>
    }
}

#[component]
pub fn DraftList() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let ask = RwSignal::new(None::<Ask<String>>);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |id: String| {
        match ws.delete(&id) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e)),
        }
        // The item (and its button) is gone; keep focus in the list's region.
        if let Some(h) = document().get_element_by_id("drafts-h") {
            use wasm_bindgen::JsCast;
            let _ = h.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });

    view! {
        <section class="panel" aria-labelledby="drafts-h">
            <h2 id="drafts-h" tabindex="-1">"Hồ sơ nháp"</h2>
            <ErrorAlert message=error />
            <Show
                when=move || !ws.drafts.with(Vec::is_empty)
                fallback=|| {
                    view! {
                        <p class="empty">
                            "Chưa có hồ sơ nháp nào. Tạo hồ sơ mới hoặc nhập tệp hồ sơ JSON."
                        </p>
                    }
                }
            >
                <ul class="tu-danh-gia-draft-list">
                    <For
                        each=move || ws.drafts.with(|l| l.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
                        key=|id| id.clone()
                        children=move |id| {
                            view! {
                                <DraftItem id=id ask=ask error=error />
                            }
                        }
                    />
                </ul>
            </Show>
            <ConfirmDialog ask=ask on_confirm=confirm id="delete" />
        </section>
    }
}
