//! One commune's explanation in the consolidation: per set, criteria and indicators with their
//! outcome and reason, the review state and history, and the review actions.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::infra::download::download;
use crate::tong_hop::state::ConsolidationCtx;
use crate::ui::outcome_badge::{outcome_badge_static, OutcomeBadge};
use leptos::prelude::*;
use ntm_core::consolidate::{Bundle, ReviewState, StateKind};
use ntm_core::criteria::CriterionOutcome;
use ntm_core::evaluate;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// A criterion's badge: the same icon, colour and words as an indicator's.
pub fn criterion_badge(o: CriterionOutcome) -> impl IntoView {
    view! { <OutcomeBadge code=Signal::stored(o.code()) label=Signal::stored(o.label_vi()) /> }
}

#[component]
pub fn ConsolidationDetail() -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let rc = expect_context::<RulesCtx>();
    let reviewer = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let returning = RwSignal::new(false);
    let comments = RwSignal::new(BTreeMap::<String, String>::new());
    let heading = NodeRef::<leptos::html::H2>::new();

    // A newly opened dossier starts with a clean form, and focus moves to its heading.
    Effect::new(
        move |prev: Option<Option<ntm_core::consolidate::DossierKey>>| {
            let sel = cx.selected.get();
            if prev.is_some_and(|p| p != sel) {
                message.set(None);
                returning.set(false);
                comments.set(BTreeMap::new());
            }
            if sel.is_some() {
                request_animation_frame(move || {
                    if let Some(h) = heading.get_untracked() {
                        let el: web_sys::HtmlElement = h.unchecked_into();
                        let _ = el.focus();
                    }
                });
            }
            sel
        },
    );

    let act = move |step: &'static str| {
        let Some(key) = cx.selected.get_untracked() else {
            return;
        };
        let by = reviewer.get_untracked();
        let at = clock::now_iso();
        let result = match step {
            "verify" => cx.review(&key, |r| r.verify(&by, &at)),
            "appraise" => cx.review(&key, |r| r.appraise(&by, &at)),
            _ => {
                let c = comments.get_untracked();
                cx.review(&key, |r| r.return_with(&by, &at, c))
            }
        };
        match result {
            Ok(()) => {
                let done = match step {
                    "verify" => "Đã ghi nhận: hồ sơ đã thẩm tra.",
                    "appraise" => "Đã ghi nhận: hồ sơ đã thẩm định.",
                    _ => "Đã trả lại hồ sơ kèm ý kiến. Bấm “Xuất hồ sơ kèm ý kiến” để gửi lại cho xã.",
                };
                message.set(Some((true, done.into())));
                if step == "return" {
                    returning.set(false);
                    comments.set(BTreeMap::new());
                }
            }
            Err(e) => message.set(Some((false, e))),
        }
    };

    let export_one = move |_| {
        let Some(key) = cx.selected.get_untracked() else {
            return;
        };
        let text = cx.data.with_untracked(|c| {
            c.position(&key)
                .map(|p| Bundle::of([&c.entries[p]]).to_json())
        });
        if let Some(text) = text {
            let name = format!("ho-so-{}-{}-kem-y-kien.json", key.unit_code, key.year);
            if let Err(e) = download(text.as_bytes(), &name, "application/json") {
                message.set(Some((false, e)));
            }
        }
    };

    // The dossier and its review apart, so a review step does not rebuild the explanation.
    let dossier = Memo::new(move |_| {
        let k = cx.selected.get()?;
        cx.data
            .with(|c| c.position(&k).map(|p| c.entries[p].dossier.clone()))
    });
    let review = Memo::new(move |_| {
        let k = cx.selected.get()?;
        cx.data
            .with(|c| c.position(&k).map(|p| c.entries[p].review.clone()))
    });
    let kind = move || review.with(|r| r.as_ref().map(|r| r.kind()));

    let state_line = move || {
        review.with(|r| {
            r.as_ref().map(|r| {
                let (by, at) = r.state.last();
                format!(
                    "{}{} — {}",
                    r.kind().label_vi(),
                    by.map(|b| format!(" bởi {b}")).unwrap_or_default(),
                    clock::iso_to_local(at),
                )
            })
        })
    };
    let reopen_note = move || {
        review.with(|r| match r.as_ref().map(|r| &r.state) {
            Some(ReviewState::Received { note: Some(n), .. }) => Some(view! {
                <p class="alert alert-warning" data-testid="reopen-note">{n.clone()}</p>
            }),
            _ => None,
        })
    };
    let history = move || {
        review.with(|r| {
            let r = r.as_ref()?;
            (!r.history.is_empty()).then(|| {
                let items = r
                    .history
                    .iter()
                    .map(|h| {
                        view! {
                            <li>
                                {format!(
                                    "{}{} — {}{}",
                                    h.state.label_vi(),
                                    h.by.as_ref().map(|b| format!(" bởi {b}")).unwrap_or_default(),
                                    clock::iso_to_local(&h.at),
                                    h.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default(),
                                )}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <details class="tong-hop-history">
                        <summary>"Các bước trước"</summary>
                        <ol>{items}</ol>
                    </details>
                }
            })
        })
    };
    let returned_comment = move |ckey: &str| {
        review.with(|r| match r.as_ref().map(|r| &r.state) {
            Some(ReviewState::Returned { comments, .. }) => comments.get(ckey).cloned(),
            _ => None,
        })
    };

    move || {
        let d = dossier.get()?;
        let key = ntm_core::consolidate::DossierKey::of(&d);
        let rules = rc.active.get();
        let a = evaluate(&rules, &d);
        let unit = ntm_core::units::find(&key.unit_code);
        let district = unit.map(|u| u.district_name.clone()).unwrap_or_default();
        let other_rules = d.rules.clone().filter(|r| *r != a.rules).map(|o| {
            view! {
                <p class="alert alert-warning" data-testid="detail-other-rules">
                    {format!(
                        "Xã lập hồ sơ theo bộ tiêu chí {} (mã băm {}); kết quả dưới đây được đánh giá lại theo bộ tiêu chí đang dùng {} (mã băm {}).",
                        o.id,
                        o.short_hash(),
                        a.rules.id,
                        a.rules.short_hash(),
                    )}
                </p>
            }
        });

        let sets = a
            .sets
            .iter()
            .map(|s| {
                let criteria = s
                    .criteria_with_indicators()
                    .map(|(c, inds)| {
                        let inds = inds
                            .map(|i| {
                                let ind = i.indicator;
                                let ckey = format!("{}/{}", s.id, ind.code);
                                let field_id = format!("comment-{}-{}", s.id, ind.code);
                                let testid = field_id.clone();
                                let ckey1 = ckey.clone();
                                let earlier = move || {
                                    returned_comment(&ckey1).map(|t| {
                                        view! {
                                            <p class="tong-hop-comment" data-testid="returned-comment">
                                                <strong>"Ý kiến khi trả lại: "</strong>
                                                {t}
                                            </p>
                                        }
                                    })
                                };
                                let ckey2 = ckey.clone();
                                let field = move || {
                                    returning.get().then(|| {
                                        let ckey = ckey2.clone();
                                        let ckey_val = ckey2.clone();
                                        view! {
                                            <div class="field tong-hop-comment-field">
                                                <label for=field_id.clone()>
                                                    {format!("Ý kiến về chỉ tiêu {}", ckey.replace('/', " "))}
                                                </label>
                                                <textarea
                                                    id=field_id.clone()
                                                    data-testid=testid.clone()
                                                    rows="2"
                                                    prop:value=move || {
                                                        comments.with(|m| m.get(&ckey_val).cloned().unwrap_or_default())
                                                    }
                                                    on:input=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        comments.update(|m| {
                                                            m.insert(ckey.clone(), v);
                                                        });
                                                    }
                                                ></textarea>
                                            </div>
                                        }
                                    })
                                };
                                view! {
                                    <li class="tong-hop-ind" data-testid=format!("detail-ind-{}-{}", s.id, ind.code)>
                                        <div class="tong-hop-ind-head">
                                            <span class="ind-code">{ind.code.to_string()}</span>
                                            <span class="tong-hop-ind-name">{ind.name.to_string()}</span>
                                            {outcome_badge_static(i.outcome)}
                                        </div>
                                        <p class="tong-hop-expl">{i.explanation()}</p>
                                        {earlier}
                                        {field}
                                    </li>
                                }
                            })
                            .collect_view();
                        let open = c.outcome != CriterionOutcome::Dat;
                        view! {
                            <details class="tong-hop-crit" open=open>
                                <summary>
                                    <span class="crit-code">{format!("{}. ", c.code())}</span>
                                    <span class="crit-title">{c.name().to_string()}</span>
                                    " "
                                    {criterion_badge(c.outcome)}
                                </summary>
                                <p class="crit-explanation">{c.explanation()}</p>
                                <ul class="tong-hop-inds">{inds}</ul>
                            </details>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="tong-hop-set" aria-label=s.title.to_string()>
                        <h3>{format!("{} — {}/{} tiêu chí đạt", s.title, s.met, s.total)}</h3>
                        {criteria}
                    </section>
                }
            })
            .collect_view();

        Some(view! {
            <section
                id="cons-detail"
                class="panel tong-hop-detail no-print"
                data-testid="consolidation-detail"
                data-state=move || kind().map(StateKind::code)
                aria-labelledby="cons-detail-h"
            >
                <div class="tong-hop-detail-top">
                    <h2 id="cons-detail-h" tabindex="-1" node_ref=heading>
                        {format!("{} — năm {}", d.unit.name, key.year)}
                    </h2>
                    <button
                        type="button"

                        data-testid="detail-close"
                        on:click=move |_| cx.selected.set(None)
                    >
                        "Đóng"
                    </button>
                </div>
                <p class="editor-sub">
                    {format!("Mã xã {} · {district} · {}", key.unit_code, a.level.label_vi())}
                </p>
                {other_rules}
                <div class="tong-hop-review" role="group" aria-labelledby="cons-review-h">
                    <h3 id="cons-review-h">"Thẩm tra, thẩm định"</h3>
                    <p>
                        "Trạng thái: "
                        <strong data-testid="detail-state">{state_line}</strong>
                    </p>
                    {reopen_note}
                    {history}
                    <div class="field">
                        <label for="reviewer-name">"Người thực hiện (họ tên, chức vụ)"</label>
                        <input
                            id="reviewer-name"
                            type="text"
                            autocomplete="name"
                            prop:value=move || reviewer.get()
                            on:input=move |ev| reviewer.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="toolbar-buttons">
                        <button
                            type="button"
                            id="review-verify"
                            class="primary"
                            prop:disabled=move || kind() != Some(StateKind::Received)
                            on:click=move |_| act("verify")
                        >
                            "Đánh dấu đã thẩm tra"
                        </button>
                        <button
                            type="button"
                            id="review-appraise"
                            class="primary"
                            prop:disabled=move || kind() != Some(StateKind::VerifiedByDistrict)
                            on:click=move |_| act("appraise")
                        >
                            "Đánh dấu đã thẩm định"
                        </button>
                        <button
                            type="button"
                            id="review-return"

                            prop:disabled=move || kind() == Some(StateKind::Returned)
                            aria-expanded=move || if returning.get() { "true" } else { "false" }
                            on:click=move |_| returning.update(|r| *r = !*r)
                        >
                            "Trả lại…"
                        </button>
                        <button type="button" id="export-one-bundle" on:click=export_one>
                            "Xuất hồ sơ kèm ý kiến"
                        </button>
                    </div>
                    {move || {
                        returning
                            .get()
                            .then(|| {
                                view! {
                                    <div class="alert alert-info tong-hop-return-box">
                                        <p>
                                            "Ghi ý kiến vào ô bên dưới các chỉ tiêu cần xã bổ sung, rồi bấm “Xác nhận trả lại”."
                                        </p>
                                        <button
                                            type="button"
                                            id="review-return-confirm"
                                            class="primary"
                                            on:click=move |_| act("return")
                                        >
                                            "Xác nhận trả lại"
                                        </button>
                                    </div>
                                }
                            })
                    }}
                    {move || {
                        message
                            .get()
                            .map(|(ok, m)| {
                                if ok {
                                    view! {
                                        <p class="alert alert-ok" role="status" data-testid="review-message">
                                            {m}
                                        </p>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <p class="alert alert-error" role="alert" data-testid="review-message">
                                            {m}
                                        </p>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                </div>
                <div class="tong-hop-sets">{sets}</div>
            </section>
        })
    }
}
