//! One commune's explanation in the consolidation: per set, criteria and indicators with their
//! outcome and reason, the review state and history, and the review actions.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::infra::download::download;
use crate::tong_hop::state::ConsolidationCtx;
use crate::ui::kept_values::{KeptValues, NameWarning};
use crate::ui::outcome_badge::{outcome_badge_static, OutcomeBadge};
use leptos::prelude::*;
use ntm_core::consolidate::{Bundle, DossierKey, Review, ReviewState, StateKind};
use ntm_core::criteria::{CriterionOutcome, IndicatorResult, SetResult};
use ntm_core::evaluate;
use ntm_core::text::shown_code;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// A criterion's badge: the same icon, colour and words as an indicator's.
pub fn criterion_badge(o: CriterionOutcome) -> impl IntoView {
    view! { <OutcomeBadge code=Signal::stored(o.code()) label=Signal::stored(o.label_vi()) /> }
}

/// A review step the buttons ask for.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Verify,
    Appraise,
    Return,
}

/// The detail's own state: the review form and the open dossier's review.
#[derive(Clone, Copy)]
struct Detail {
    cx: ConsolidationCtx,
    reviewer: RwSignal<String>,
    /// The last step's result: (done, message).
    message: RwSignal<Option<(bool, String)>>,
    returning: RwSignal<bool>,
    comments: RwSignal<BTreeMap<String, String>>,
    review: Memo<Option<Review>>,
}

impl Detail {
    fn new(cx: ConsolidationCtx) -> Self {
        Detail {
            cx,
            reviewer: RwSignal::new(String::new()),
            message: RwSignal::new(None),
            returning: RwSignal::new(false),
            comments: RwSignal::new(BTreeMap::new()),
            review: Memo::new(move |_| {
                let k = cx.selected.get()?;
                cx.data
                    .with(|c| c.position(&k).map(|p| c.entries[p].review.clone()))
            }),
        }
    }

    fn kind(self) -> Option<StateKind> {
        self.review.with(|r| r.as_ref().map(Review::kind))
    }

    fn act(self, step: Step) {
        let Some(key) = self.cx.selected.get_untracked() else {
            return;
        };
        let by = self.reviewer.get_untracked();
        let at = clock::now_iso();
        let result = match step {
            Step::Verify => self.cx.review(&key, |r| r.verify(&by, &at)),
            Step::Appraise => self.cx.review(&key, |r| r.appraise(&by, &at)),
            Step::Return => {
                let c = self.comments.get_untracked();
                self.cx.review(&key, |r| r.return_with(&by, &at, c))
            }
        };
        let done = match (result, step) {
            (Err(e), _) => return self.message.set(Some((false, e))),
            (Ok(()), Step::Verify) => "Đã ghi nhận: hồ sơ đã thẩm tra.",
            (Ok(()), Step::Appraise) => "Đã ghi nhận: hồ sơ đã thẩm định.",
            (Ok(()), Step::Return) => {
                self.returning.set(false);
                self.comments.set(BTreeMap::new());
                "Đã trả lại hồ sơ kèm ý kiến. Bấm “Xuất hồ sơ kèm ý kiến” để gửi lại cho xã."
            }
        };
        self.message.set(Some((true, done.into())));
    }

    fn export_one(self) {
        let Some(key) = self.cx.selected.get_untracked() else {
            return;
        };
        let text = self.cx.data.with_untracked(|c| {
            c.position(&key)
                .map(|p| Bundle::of([&c.entries[p]]).to_json())
        });
        if let Some(text) = text {
            let name = format!("ho-so-{}-{}-kem-y-kien.json", key.unit_code, key.year);
            if let Err(e) = download(text.as_bytes(), &name, "application/json") {
                self.message.set(Some((false, e)));
            }
        }
    }

    /// The comment the dossier was returned with, for one indicator (`set/code`).
    fn returned_comment(self, ckey: &str) -> Option<String> {
        self.review.with(|r| match r.as_ref().map(|r| &r.state) {
            Some(ReviewState::Returned { comments, .. }) => comments.get(ckey).cloned(),
            _ => None,
        })
    }
}

fn state_line(d: Detail) -> impl Fn() -> Option<String> {
    move || {
        d.review.with(|r| {
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
    }
}

fn history(d: Detail) -> impl IntoView {
    move || {
        d.review.with(|r| {
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
    }
}

/// The result of the last step: a status when done, an alert when refused.
fn step_message(d: Detail) -> impl IntoView {
    move || {
        d.message.get().map(|(ok, m)| {
            let (class, role) = if ok {
                ("alert alert-ok", "status")
            } else {
                ("alert alert-error", "alert")
            };
            view! { <p class=class role=role data-testid="review-message">{m}</p> }
        })
    }
}

/// State, history, reviewer and the review buttons.
#[component]
fn ReviewPanel(d: Detail) -> impl IntoView {
    let reopen_note = move || {
        d.review.with(|r| match r.as_ref().map(|r| &r.state) {
            Some(ReviewState::Received { note: Some(n), .. }) => Some(view! {
                <p class="alert alert-warning" data-testid="reopen-note">{n.clone()}</p>
            }),
            _ => None,
        })
    };
    let return_box = move || {
        d.returning.get().then(|| {
            view! {
                <div class="alert alert-info tong-hop-return-box">
                    <p>
                        "Ghi ý kiến vào ô bên dưới các chỉ tiêu cần xã bổ sung, rồi bấm “Xác nhận trả lại”."
                    </p>
                    <button
                        type="button"
                        id="review-return-confirm"
                        class="primary"
                        on:click=move |_| d.act(Step::Return)
                    >
                        "Xác nhận trả lại"
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="tong-hop-review" role="group" aria-labelledby="cons-review-h">
            <h3 id="cons-review-h">"Thẩm tra, thẩm định"</h3>
            <p>
                "Trạng thái: "
                <strong data-testid="detail-state">{state_line(d)}</strong>
            </p>
            {reopen_note}
            {history(d)}
            <div class="field">
                <label for="reviewer-name">"Người thực hiện (họ tên, chức vụ)"</label>
                <input
                    id="reviewer-name"
                    type="text"
                    autocomplete="name"
                    prop:value=move || d.reviewer.get()
                    on:input=move |ev| d.reviewer.set(event_target_value(&ev))
                />
            </div>
            <div class="toolbar-buttons">
                <button
                    type="button"
                    id="review-verify"
                    class="primary"
                    prop:disabled=move || d.kind() != Some(StateKind::Received)
                    on:click=move |_| d.act(Step::Verify)
                >
                    "Đánh dấu đã thẩm tra"
                </button>
                <button
                    type="button"
                    id="review-appraise"
                    class="primary"
                    prop:disabled=move || d.kind() != Some(StateKind::VerifiedByDistrict)
                    on:click=move |_| d.act(Step::Appraise)
                >
                    "Đánh dấu đã thẩm định"
                </button>
                <button
                    type="button"
                    id="review-return"
                    prop:disabled=move || d.kind() == Some(StateKind::Returned)
                    aria-expanded=move || if d.returning.get() { "true" } else { "false" }
                    on:click=move |_| d.returning.update(|r| *r = !*r)
                >
                    "Trả lại…"
                </button>
                <button type="button" id="export-one-bundle" on:click=move |_| d.export_one()>
                    "Xuất hồ sơ kèm ý kiến"
                </button>
            </div>
            {return_box}
            {step_message(d)}
        </div>
    }
}

/// The comment field of one indicator while the dossier is being returned.
fn comment_field(d: Detail, ckey: String, field_id: String) -> impl IntoView {
    move || {
        d.returning.get().then(|| {
            let (ckey, ckey_val) = (ckey.clone(), ckey.clone());
            view! {
                <div class="field tong-hop-comment-field">
                    <label for=field_id.clone()>
                        {format!("Ý kiến về chỉ tiêu {}", ckey.replace('/', " "))}
                    </label>
                    <textarea
                        id=field_id.clone()
                        data-testid=field_id.clone()
                        rows="2"
                        prop:value=move || {
                            d.comments.with(|m| m.get(&ckey_val).cloned().unwrap_or_default())
                        }
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            d.comments.update(|m| {
                                m.insert(ckey.clone(), v);
                            });
                        }
                    ></textarea>
                </div>
            }
        })
    }
}

fn indicator_item(d: Detail, set: &str, i: IndicatorResult) -> impl IntoView {
    let ind = i.indicator;
    let ckey = format!("{set}/{}", ind.code);
    let earlier = {
        let ckey = ckey.clone();
        move || {
            d.returned_comment(&ckey).map(|t| {
                view! {
                    <p class="tong-hop-comment" data-testid="returned-comment">
                        <strong>"Ý kiến khi trả lại: "</strong>
                        {t}
                    </p>
                }
            })
        }
    };
    view! {
        <li class="tong-hop-ind" data-testid=format!("detail-ind-{set}-{}", ind.code)>
            <div class="tong-hop-ind-head">
                <span class="ind-code">{shown_code(&ind.code).to_string()}</span>
                <span class="tong-hop-ind-name">{ind.name.to_string()}</span>
                {outcome_badge_static(i.outcome)}
            </div>
            <p class="tong-hop-expl">{i.explanation()}</p>
            {earlier}
            {comment_field(d, ckey, format!("comment-{set}-{}", ind.code))}
        </li>
    }
}

fn set_section(d: Detail, s: &SetResult) -> impl IntoView {
    let criteria = s
        .criteria_with_indicators()
        .map(|(c, inds)| {
            let inds = inds.map(|i| indicator_item(d, &s.id, i)).collect_view();
            view! {
                <details class="tong-hop-crit" open=c.outcome != CriterionOutcome::Dat>
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
}

#[component]
pub fn ConsolidationDetail() -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let rc = expect_context::<RulesCtx>();
    let d = Detail::new(cx);
    let heading = NodeRef::<leptos::html::H2>::new();

    // A newly opened dossier starts with a clean form, and focus moves to its heading.
    Effect::new(move |prev: Option<Option<DossierKey>>| {
        let sel = cx.selected.get();
        if prev.is_some_and(|p| p != sel) {
            d.message.set(None);
            d.returning.set(false);
            d.comments.set(BTreeMap::new());
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
    });

    // The dossier apart from its review, so a review step does not rebuild the explanation.
    let dossier = Memo::new(move |_| {
        let k = cx.selected.get()?;
        cx.data
            .with(|c| c.position(&k).map(|p| c.entries[p].dossier.clone()))
    });

    move || {
        let dos = dossier.get()?;
        let key = DossierKey::of(&dos);
        let a = evaluate(&rc.active.get(), &dos);
        let district = ntm_core::units::find(&key.unit_code)
            .map(|u| u.district_name.clone())
            .unwrap_or_default();
        let other_rules = dos.rules.clone().filter(|r| *r != a.rules).map(|o| {
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
        let name_warning = dos.name_warning();
        let kept = rc.active.with(|r| dos.unknown.rows(r));
        let sets = a.sets.iter().map(|s| set_section(d, s)).collect_view();
        Some(view! {
            <section
                id="cons-detail"
                class="panel tong-hop-detail no-print"
                data-testid="consolidation-detail"
                data-state=move || d.kind().map(StateKind::code)
                aria-labelledby="cons-detail-h"
            >
                <div class="tong-hop-detail-top">
                    <h2 id="cons-detail-h" tabindex="-1" node_ref=heading>
                        {format!("{} — năm {}", dos.unit.name, key.year)}
                    </h2>
                    <button type="button" data-testid="detail-close" on:click=move |_| cx.selected.set(None)>
                        "Đóng"
                    </button>
                </div>
                <p class="editor-sub">
                    {format!("Mã xã {} · {district} · {}", key.unit_code, a.level.label_vi())}
                </p>
                {other_rules}
                <NameWarning text=name_warning />
                <KeptValues rows=kept />
                <ReviewPanel d />
                <div class="tong-hop-sets">{sets}</div>
            </section>
        })
    }
}
