//! Importing many dossiers at once (files, a dropped folder's files, bundles): progress, the
//! refused files with their reasons, and the chooser for duplicate commune-years.

use crate::consolidation::{iso_to_local, ConsolidationCtx};
use crate::rules_ctx::RulesCtx;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ntm_core::consolidate::Candidate;
use wasm_bindgen::JsCast;

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn candidate_text(c: &Candidate) -> String {
    let source = match &c.source {
        Some(f) if f.is_empty() => "tệp gói".to_string(),
        Some(f) => format!("tệp “{f}”"),
        None => "bản đang có trong bảng tổng hợp".to_string(),
    };
    let d = &c.entry.dossier;
    let entered: usize = d.values.values().map(|m| m.len()).sum();
    let state = c.entry.review.kind().label_vi();
    let (_, at) = c.entry.review.state.last();
    format!(
        "{source} — {entered} chỉ tiêu đã nhập, trạng thái “{state}” ({}), mã nội dung {}",
        iso_to_local(at),
        &c.hash.trim_start_matches("sha256:")[..10]
    )
}

#[component]
pub fn ConsolidationImport() -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let rc = expect_context::<RulesCtx>();
    let dragging = RwSignal::new(false);
    let busy = move || cx.progress.get().is_some();

    let start = move |files: Vec<web_sys::File>| {
        if files.is_empty() || cx.progress.get_untracked().is_some() {
            return;
        }
        let rules = rc.active.get_untracked();
        spawn_local(async move { cx.import(rules, files).await });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        start(files_of(input.files()));
        // Cleared so choosing the same files again still counts as a change.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        start(files_of(ev.data_transfer().and_then(|dt| dt.files())));
    };

    // Which candidate each duplicate group will keep (group index → candidate index).
    let choice = RwSignal::new(std::collections::BTreeMap::<usize, usize>::new());

    view! {
        <section class="panel no-print" aria-labelledby="cons-import-h">
            <h2 id="cons-import-h">"Nhập hồ sơ của các xã"</h2>
            <div
                class="file-drop cons-drop"
                class:dragging=move || dragging.get()
                data-testid="consolidation-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label for="import-many" class="file-label">
                    "Chọn nhiều tệp hồ sơ hoặc tệp gói (JSON)"
                </label>
                <input
                    type="file"
                    id="import-many"
                    class="file-input"
                    multiple
                    accept=".json,application/json"
                    aria-describedby="import-many-hint"
                    prop:disabled=busy
                    on:change=on_change
                />
                <label for="import-many" class="btn file-button" aria-hidden="true">
                    "Chọn tệp…"
                </label>
                <p class="hint" id="import-many-hint">
                    "Có thể chọn cùng lúc nhiều tệp hồ sơ .json (mỗi tệp tối đa 50 MB) hoặc kéo thả cả loạt tệp vào khung này. Tệp gói hồ sơ (“chung-suc/bundle”) cũng được nhận. Hồ sơ lỗi được liệt kê kèm lý do, không bị bỏ qua âm thầm."
                </p>
            </div>
            {move || {
                cx.progress
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <div class="cons-progress" role="status">
                                <label for="import-progress-bar">
                                    {format!("Đã đọc {done}/{total} tệp")}
                                </label>
                                <progress
                                    id="import-progress-bar"
                                    data-testid="import-progress"
                                    max=total
                                    value=done
                                ></progress>
                            </div>
                        }
                    })
            }}
            {move || {
                cx.summary
                    .get()
                    .map(|s| {
                        view! {
                            <p class="alert alert-info" role="status" data-testid="import-summary">
                                {s}
                            </p>
                        }
                    })
            }}
            {move || {
                let refused = cx.refused.get();
                (!refused.is_empty())
                    .then(|| {
                        let n = refused.len();
                        view! {
                            <div class="alert alert-error cons-refused" role="alert">
                                <h3>{format!("{n} tệp bị từ chối")}</h3>
                                <ul data-testid="import-refused">
                                    {refused
                                        .into_iter()
                                        .map(|r| {
                                            let file = r.file.clone();
                                            view! {
                                                <li data-testid="refused-item" data-file=file>
                                                    <strong class="cons-file">{r.file}</strong>
                                                    ": "
                                                    <span>{r.reason}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                let identical = cx.identical.get();
                (!identical.is_empty())
                    .then(|| {
                        view! {
                            <details class="cons-identical" data-testid="import-identical">
                                <summary>
                                    {format!(
                                        "{} hồ sơ giống hệt bản đã có nên không thêm lần nữa",
                                        identical.len(),
                                    )}
                                </summary>
                                <ul>
                                    {identical
                                        .into_iter()
                                        .map(|(f, k)| {
                                            view! {
                                                <li>{format!("{f}: xã {} năm {}", k.unit_code, k.year)}</li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        }
                    })
            }}
            {move || {
                let groups = cx.duplicates.get();
                (!groups.is_empty())
                    .then(|| {
                        let n = groups.len();
                        view! {
                            <div class="cons-duplicates" data-testid="duplicates">
                                <h3>{format!("{n} xã-năm có nhiều bản khác nhau — chọn bản giữ lại")}</h3>
                                <p class="hint">
                                    "Chưa bản nào của các xã-năm này được thay vào bảng cho tới khi bạn chọn. Bản đang có (nếu có) vẫn được giữ nguyên."
                                </p>
                                {groups
                                    .into_iter()
                                    .enumerate()
                                    .map(|(gi, g)| {
                                        let unit = g
                                            .candidates
                                            .first()
                                            .map(|c| c.entry.dossier.unit.name.clone())
                                            .unwrap_or_default();
                                        let legend = format!(
                                            "{unit} ({}) — năm {}",
                                            g.key.unit_code,
                                            g.key.year,
                                        );
                                        let name = format!("dup-{}-{}", g.key.unit_code, g.key.year);
                                        let options = g
                                            .candidates
                                            .iter()
                                            .enumerate()
                                            .map(|(ci, c)| {
                                                let id = format!("{name}-{ci}");
                                                view! {
                                                    <div class="cons-choice">
                                                        <input
                                                            type="radio"
                                                            id=id.clone()
                                                            name=name.clone()
                                                            value=ci
                                                            prop:checked=move || {
                                                                choice.with(|m| m.get(&gi).copied().unwrap_or(0)) == ci
                                                            }
                                                            on:change=move |_| {
                                                                choice.update(|m| {
                                                                    m.insert(gi, ci);
                                                                })
                                                            }
                                                        />
                                                        <label for=id>{candidate_text(c)}</label>
                                                    </div>
                                                }
                                            })
                                            .collect_view();
                                        view! {
                                            <fieldset
                                                class="cons-dup-group"
                                                data-testid="duplicate-group"
                                                data-unit=g.key.unit_code.clone()
                                                data-year=g.key.year
                                            >
                                                <legend>{legend}</legend>
                                                {options}
                                                <button
                                                    type="button"
                                                    class="primary"
                                                    data-testid="keep-choice"
                                                    on:click=move |_| {
                                                        let keep = choice
                                                            .with_untracked(|m| m.get(&gi).copied().unwrap_or(0));
                                                        let rules = rc.active.get_untracked();
                                                        cx.resolve(&rules, gi, keep);
                                                        choice.set(Default::default());
                                                    }
                                                >
                                                    "Giữ bản này"
                                                </button>
                                            </fieldset>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        }
                    })
            }}
        </section>
    }
}
