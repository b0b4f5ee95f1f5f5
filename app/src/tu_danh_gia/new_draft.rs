//! Starting a draft: pick a commune (searchable) and a year.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::ErrorAlert;
use leptos::prelude::*;
use ntm_core::nominations::fold;
use ntm_core::units;
use std::sync::Arc;

/// True when every word of `query` appears in `text_folded` (already folded).
fn matches(text_folded: &str, query: &str) -> bool {
    fold(query)
        .split_whitespace()
        .all(|w| text_folded.contains(w))
}

/// (code, label shown, label folded for search)
type Choice = (String, String, String);

fn choices() -> Arc<Vec<Choice>> {
    Arc::new(
        units::communes()
            .map(|u| {
                let label = format!("{} — {} ({})", u.name, u.district_name, u.code);
                let folded = fold(&label);
                (u.code.to_string(), label, folded)
            })
            .collect(),
    )
}

#[component]
pub fn NewDraft() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let all = choices();
    let total = all.len();
    let filter = RwSignal::new(String::new());
    let picked = RwSignal::new(all.first().map(|c| c.0.clone()).unwrap_or_default());
    let years = Memo::new(move |_| rc.active.with(|r| (r.years.from, r.years.to)));
    let year = RwSignal::new(clock::current_year());
    let error = RwSignal::new(None::<String>);

    let visible = {
        let all = all.clone();
        Memo::new(move |_| {
            let q = filter.get();
            all.iter()
                .filter(|c| q.trim().is_empty() || matches(&c.2, &q))
                .map(|c| (c.0.clone(), c.1.clone()))
                .collect::<Vec<_>>()
        })
    };
    // The choice in effect: the picked commune if still listed, else the first listed.
    let effective = Memo::new(move |_| {
        let p = picked.get();
        visible.with(|v| {
            if v.iter().any(|c| c.0 == p) {
                Some(p)
            } else {
                v.first().map(|c| c.0.clone())
            }
        })
    });
    let effective_year = Memo::new(move |_| {
        let (from, to) = years.get();
        year.get().clamp(from, to)
    });

    let create = move |_| {
        let Some(code) = effective.get_untracked() else {
            error.set(Some(
                "Chưa chọn xã: không có xã nào khớp với nội dung tìm.".into(),
            ));
            return;
        };
        let Some(unit) = units::find(&code) else {
            return;
        };
        let reference = rc.active.with_untracked(|r| r.reference());
        match ws.create(unit, effective_year.get_untracked(), reference) {
            Ok(msg) => {
                error.set(None);
                ws.notice.set(Some(msg));
            }
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <section class="panel" aria-labelledby="new-h">
            <h2 id="new-h">"Tạo hồ sơ mới"</h2>
            <div class="field">
                <label for="commune-filter">"Tìm xã (gõ tên, có dấu hoặc không dấu)"</label>
                <input
                    type="search"
                    id="commune-filter"
                    autocomplete="off"
                    aria-controls="new-commune"
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="new-commune">"Xã"</label>
                <select
                    id="new-commune"
                    aria-describedby="new-commune-count"
                    on:change=move |ev| picked.set(event_target_value(&ev))
                >
                    <For
                        each=move || visible.get()
                        key=|c| c.0.clone()
                        children=move |(code, label)| {
                            let selected = {
                                let code = code.clone();
                                move || effective.get().as_deref() == Some(code.as_str())
                            };
                            view! {
                                <option value=code prop:selected=selected>
                                    {label}
                                </option>
                            }
                        }
                    />
                </select>
                <p class="hint" id="new-commune-count" aria-live="polite">
                    {move || {
                        let n = visible.with(Vec::len);
                        if n == 0 {
                            "Không có xã nào khớp.".to_string()
                        } else if n == total {
                            format!("{total} xã của tỉnh Hà Nam")
                        } else {
                            format!("{n} / {total} xã khớp")
                        }
                    }}
                </p>
            </div>
            <div class="field">
                <label for="new-year">"Năm đánh giá"</label>
                <select id="new-year" on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() {
                        year.set(y);
                    }
                }>
                    {move || {
                        let (from, to) = years.get();
                        (from..=to)
                            .map(|y| {
                                view! {
                                    <option
                                        value=y.to_string()
                                        prop:selected=move || effective_year.get() == y
                                    >
                                        {y.to_string()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <button type="button" id="create-draft" class="primary" on:click=create>
                "Tạo hồ sơ"
            </button>
            <ErrorAlert message=error />
            {move || {
                ws.notice
                    .get()
                    .map(|m| view! { <p class="alert alert-info" role="status" data-testid="create-notice">{m}</p> })
            }}
        </section>
    }
}
