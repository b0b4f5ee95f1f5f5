//! Importing many dossiers at once (files, a dropped folder's files, bundles): progress, the
//! refused files with their reasons, and the chooser for duplicate commune-years. Long lists
//! show a page at a time ("Xem thêm"): thousands of files must not become thousands of nodes.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::tong_hop::state::{ConsolidationCtx, Refused};
use leptos::prelude::*;
use leptos::task::spawn_local;
use ntm_core::consolidate::{self, Candidate, DossierKey, DuplicateGroup};
use ntm_core::Rules;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsCast;

/// Duplicate groups shown at first, and added by each "Xem thêm".
const GROUPS_STEP: usize = 10;
/// Versions of a group shown before "Xem cả … bản".
const CANDIDATES_SHOWN: usize = 4;
/// Differing values named per version.
const DIFFERENCES_SHOWN: usize = 4;
/// Refused or identical files shown at first, and added by each "Xem thêm".
const LIST_STEP: usize = 20;

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// What a version read from a file is called: the file's name, size and last change, so two
/// files of the same name (from two folders) are told apart: “ho-so.json” (2,1 KB, sửa …).
pub fn source_label(name: &str, bytes: f64, modified_ms: f64) -> String {
    let size = if bytes < 1024.0 {
        format!("{bytes} byte")
    } else {
        format!(
            "{} KB",
            ntm_core::text::format_decimal((bytes / 102.4).round() / 10.0)
        )
    };
    format!(
        "“{name}” ({size}, sửa lần cuối {})",
        clock::date_time(modified_ms)
    )
}

/// One version: where it came from, then what tells it apart from the other versions.
fn candidate_text(c: &Candidate, differs: &(Vec<String>, usize)) -> String {
    let source = match &c.source {
        Some(f) if f.is_empty() => "tệp gói".to_string(),
        // Labels kept by older versions of the app are the bare file name.
        Some(f) if f.starts_with('“') => format!("tệp {f}"),
        Some(f) => format!("tệp “{f}”"),
        None => "bản đang có trong bảng tổng hợp".to_string(),
    };
    let d = &c.entry.dossier;
    let entered: usize = d.values.values().map(|m| m.len()).sum();
    let state = c.entry.review.kind().label_vi();
    let (_, at) = c.entry.review.state.last();
    let (shown, more) = differs;
    let mut differ = String::new();
    if !shown.is_empty() {
        differ = format!("; khác các bản kia ở: {}", shown.join(", "));
        if *more > 0 {
            differ.push_str(&format!(" và {more} chỉ tiêu khác"));
        }
    }
    format!(
        "{source} — {entered} chỉ tiêu đã nhập{differ}; trạng thái “{state}” ({}), mã nội dung {}",
        clock::iso_to_local(at),
        &c.hash.trim_start_matches("sha256:")[..10]
    )
}

/// "Xem thêm 20 (còn 45)": shows `step` more of a list whose first `shown` are on screen.
fn more_button(
    shown: RwSignal<usize>,
    total: usize,
    step: usize,
    what: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let now = shown.get_untracked().min(total);
    (now < total).then(|| {
        let rest = total - now;
        view! {
            <p class="tong-hop-more">
                <span class="hint">{format!("Đang hiện {now} / {total} {what}.")}</span>
                " "
                <button
                    type="button"
                    data-testid=testid
                    on:click=move |_| shown.update(|n| *n += step)
                >
                    {format!("Xem thêm {} (còn {rest})", step.min(rest))}
                </button>
            </p>
        }
    })
}

fn refused_item(r: Refused) -> impl IntoView {
    let file = r.file.clone();
    let is_entry = r.entry.is_some();
    let entry = r.entry.map(|e| {
        view! {
            " — "
            <span class="tong-hop-entry">{e}</span>
        }
    });
    view! {
        <li data-testid="refused-item" data-file=file data-entry=is_entry.then_some("1")>
            <strong class="tong-hop-file">{r.file}</strong>
            {entry}
            ": "
            <span>{r.reason}</span>
        </li>
    }
}

/// One commune-year with its versions as radio buttons.
fn group_view(
    cx: ConsolidationCtx,
    rules: &Rules,
    g: &DuplicateGroup,
    choice: RwSignal<BTreeMap<DossierKey, usize>>,
    expanded: RwSignal<BTreeSet<DossierKey>>,
) -> impl IntoView {
    let key = g.key.clone();
    let unit = g
        .candidates
        .first()
        .map(|c| c.entry.dossier.unit.name.clone())
        .unwrap_or_default();
    let n = g.candidates.len();
    let legend = format!(
        "{unit} ({}) — năm {} · {n} bản",
        g.key.unit_code, g.key.year
    );
    let name = format!("dup-{}-{}", g.key.unit_code, g.key.year);
    let all = expanded.with_untracked(|e| e.contains(&key));
    let limit = if all { n } else { CANDIDATES_SHOWN };
    let differs = consolidate::differences(g, rules, DIFFERENCES_SHOWN);
    let options = g
        .candidates
        .iter()
        .zip(&differs)
        .enumerate()
        .take(limit)
        .map(|(ci, (c, differs))| {
            let id = format!("{name}-{ci}");
            let (k1, k2) = (key.clone(), key.clone());
            view! {
                <div class="tong-hop-choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        value=ci
                        prop:checked=move || {
                            choice.with(|m| m.get(&k1).copied().unwrap_or(0)) == ci
                        }
                        on:change=move |_| {
                            choice.update(|m| {
                                m.insert(k2.clone(), ci);
                            })
                        }
                    />
                    <label for=id>{candidate_text(c, differs)}</label>
                </div>
            }
        })
        .collect_view();
    let show_all = (n > limit).then(|| {
        let k = key.clone();
        view! {
            <button
                type="button"
                class="link-button"
                data-testid="show-all-versions"
                on:click=move |_| {
                    expanded.update(|e| {
                        e.insert(k.clone());
                    })
                }
            >
                {format!("Xem cả {n} bản (đang hiện {limit})")}
            </button>
        }
    });
    let keep_key = key.clone();
    view! {
        <fieldset
            class="tong-hop-dup-group"
            data-testid="duplicate-group"
            data-unit=key.unit_code.clone()
            data-year=key.year
        >
            <legend>{legend}</legend>
            {options}
            {show_all}
            <button
                type="button"
                class="primary"
                data-testid="keep-choice"
                on:click=move |_| {
                    let keep = choice
                        .with_untracked(|m| m.get(&keep_key).copied().unwrap_or(0));
                    cx.resolve(&keep_key, keep);
                    choice.update(|m| {
                        m.remove(&keep_key);
                    });
                }
            >
                "Giữ bản này"
            </button>
        </fieldset>
    }
}

/// The files and bundle entries refused, each with its reason.
fn refused_list(cx: ConsolidationCtx, shown: RwSignal<usize>) -> impl IntoView {
    move || {
        let n_shown = shown.get();
        let (files, entries, items) = cx.refused.with(|r| {
            let entries = r.iter().filter(|x| x.entry.is_some()).count();
            (
                r.len() - entries,
                entries,
                r.iter().take(n_shown).cloned().collect::<Vec<_>>(),
            )
        });
        let total = files + entries;
        (total > 0).then(|| {
            let mut title = Vec::new();
            if files > 0 {
                title.push(format!("{files} tệp bị từ chối"));
            }
            if entries > 0 {
                title.push(format!("{entries} hồ sơ trong tệp gói bị loại"));
            }
            view! {
                <div class="alert alert-error tong-hop-refused" role="alert">
                    <h3>{title.join(", ")}</h3>
                    <ul data-testid="import-refused">
                        {items.into_iter().map(refused_item).collect_view()}
                    </ul>
                    {more_button(shown, total, LIST_STEP, "mục", "refused-more")}
                </div>
            }
        })
    }
}

/// What accepted dossiers came with: a commune name written another way or another name,
/// values kept under codes the rules in use do not have.
fn remarks_list(cx: ConsolidationCtx, shown: RwSignal<usize>) -> impl IntoView {
    move || {
        let n_shown = shown.get();
        let (n, items) = cx
            .remarks
            .with(|v| (v.len(), v.iter().take(n_shown).cloned().collect::<Vec<_>>()));
        (n > 0).then(|| {
            let items = items
                .into_iter()
                .map(|r| {
                    let file = r.file.clone();
                    view! {
                        <li data-testid="remark-item" data-file=file>
                            <strong class="tong-hop-file">{r.file}</strong>
                            ": "
                            <span>{r.reason}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="alert alert-warning tong-hop-remarks" data-testid="import-remarks">
                    <h3>{format!("{n} lưu ý về hồ sơ đã nhận")}</h3>
                    <ul>{items}</ul>
                    {more_button(shown, n, LIST_STEP, "lưu ý", "remarks-more")}
                </div>
            }
        })
    }
}

/// The dossiers not added again because the same one is already there.
fn identical_list(cx: ConsolidationCtx, shown: RwSignal<usize>) -> impl IntoView {
    move || {
        let n_shown = shown.get();
        let (n, items) = cx
            .identical
            .with(|v| (v.len(), v.iter().take(n_shown).cloned().collect::<Vec<_>>()));
        (n > 0).then(|| {
            let items = items
                .into_iter()
                .map(
                    |(f, k)| view! { <li>{format!("{f}: xã {} năm {}", k.unit_code, k.year)}</li> },
                )
                .collect_view();
            view! {
                <details class="tong-hop-identical" data-testid="import-identical">
                    <summary>
                        {format!("{n} hồ sơ giống hệt bản đã có nên không thêm lần nữa")}
                    </summary>
                    <ul>{items}</ul>
                    {more_button(shown, n, LIST_STEP, "tệp", "identical-more")}
                </details>
            }
        })
    }
}

/// Commune-years with several different versions, each waiting for the one to keep.
fn duplicates_list(
    cx: ConsolidationCtx,
    shown: RwSignal<usize>,
    choice: RwSignal<BTreeMap<DossierKey, usize>>,
    expanded: RwSignal<BTreeSet<DossierKey>>,
) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    move || {
        let n_shown = shown.get();
        expanded.track();
        let rules = rc.active.get();
        let (n, groups) = cx.duplicates.with(|gs| {
            (
                gs.len(),
                gs.iter()
                    .take(n_shown)
                    .map(|g| group_view(cx, &rules, g, choice, expanded))
                    .collect_view(),
            )
        });
        (n > 0).then(|| {
            let notice = cx.pending_notice.get().map(|t| {
                view! {
                    <p class="alert alert-warning" role="alert" data-testid="pending-notice">
                        {t}
                    </p>
                }
            });
            view! {
                <div class="tong-hop-duplicates" data-testid="duplicates">
                    <h3>{format!("{n} xã-năm có nhiều bản khác nhau — chọn bản giữ lại")}</h3>
                    <p class="hint">
                        "Chưa bản nào của các xã-năm này được thay vào bảng cho tới khi bạn chọn. Bản đang có (nếu có) vẫn được giữ nguyên. Các lựa chọn đang chờ được lưu cùng bảng tổng hợp, tải lại trang vẫn còn."
                    </p>
                    {notice}
                    {groups}
                    {more_button(shown, n, GROUPS_STEP, "xã-năm", "duplicates-more")}
                </div>
            }
        })
    }
}

#[component]
pub fn ConsolidationImport() -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let dragging = RwSignal::new(false);
    let busy = move || cx.progress.get().is_some();
    let refused_shown = RwSignal::new(LIST_STEP);
    let identical_shown = RwSignal::new(LIST_STEP);
    let remarks_shown = RwSignal::new(LIST_STEP);
    let groups_shown = RwSignal::new(GROUPS_STEP);
    // Which version each waiting commune-year will keep, and groups showing all their versions.
    let choice = RwSignal::new(BTreeMap::<DossierKey, usize>::new());
    let expanded = RwSignal::new(BTreeSet::<DossierKey>::new());

    let start = move |files: Vec<web_sys::File>| {
        if files.is_empty() || cx.progress.get_untracked().is_some() {
            return;
        }
        refused_shown.set(LIST_STEP);
        identical_shown.set(LIST_STEP);
        remarks_shown.set(LIST_STEP);
        spawn_local(async move { cx.import(files).await });
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

    view! {
        <section class="panel no-print" aria-labelledby="cons-import-h">
            <h2 id="cons-import-h">"Nhập hồ sơ của các xã"</h2>
            <div
                class="file-drop tong-hop-drop"
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
                    "Có thể chọn cùng lúc nhiều tệp hồ sơ .json (mỗi tệp tối đa 50 MB) hoặc kéo thả cả loạt tệp vào khung này. Tệp gói hồ sơ (“chung-suc/bundle”) cũng được nhận: hồ sơ hợp lệ trong tệp gói được giữ, hồ sơ lỗi được liệt kê riêng. Hồ sơ lỗi luôn được liệt kê kèm lý do, không bị bỏ qua âm thầm."
                </p>
            </div>
            {move || {
                cx.progress
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <div class="tong-hop-progress" role="status">
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
            {refused_list(cx, refused_shown)}
            {remarks_list(cx, remarks_shown)}
            {identical_list(cx, identical_shown)}
            {duplicates_list(cx, groups_shown, choice, expanded)}
        </section>
    }
}
