//! The summary by award form: how many are proposed, by verdict, the estimated money, the quota
//! and a warning when it is exceeded, and the ranked list in the documented order.

use crate::khen_thuong::register::open_candidate;
use crate::khen_thuong::state::{award_name, NominationsCtx};
use crate::khen_thuong::verdicts::verdict_badge;
use leptos::prelude::*;
use ntm_core::awards::Verdict;
use ntm_core::nominations::{FormSummary, RANKING_ORDER};
use ntm_core::text::format_money;

const VERDICTS: [Verdict; 4] = [
    Verdict::DuDieuKien,
    Verdict::CanHoiDongXet,
    Verdict::ThieuThongTin,
    Verdict::KhongDuDieuKien,
];

fn form_card(ctx: NominationsCtx, s: FormSummary) -> impl IntoView {
    let name = award_name(&s.award);
    let counts = VERDICTS
        .iter()
        .map(|v| {
            let n = s.by_verdict.get(v.code()).copied().unwrap_or(0);
            view! {
                <li data-testid=format!("count-{}-{}", s.award, v.code())>
                    {verdict_badge(*v, None)}
                    " "
                    <strong>{n.to_string()}</strong>
                </li>
            }
        })
        .collect_view();
    let money = if s.ranked.is_empty() {
        "—".to_string()
    } else if s.money_incomplete {
        format!(
            "{} (chưa đủ: có ứng viên chưa ước tính được tiền thưởng)",
            format_money(s.money_vnd as f64)
        )
    } else {
        format_money(s.money_vnd as f64)
    };
    let quota = match (&s.quota_text, s.limit) {
        (Some(t), Some(l)) => format!("Giới hạn {l}: {t}."),
        (Some(t), None) => format!("Giới hạn: {t}."),
        (None, _) => "Chưa đặt giới hạn số lượng.".to_string(),
    };
    let warning = s.exceeded.then(|| {
        view! {
            <p class="alert alert-error khen-thuong-quota-warning" role="alert" data-testid=format!("quota-exceeded-{}", s.award)>
                <span aria-hidden="true">"⚠ "</span>
                {format!(
                    "Vượt giới hạn: {} đề nghị được tính (không kể trường hợp không đủ điều kiện) nhưng chỉ được tối đa {}. Cần bớt {} trường hợp, theo thứ tự xếp hạng dưới đây.",
                    s.counted,
                    s.limit.unwrap_or(0),
                    s.counted.saturating_sub(s.limit.unwrap_or(0) as usize)
                )}
            </p>
        }
    });
    let ranked = ctx.register.with(|reg| {
        ctx.results.with(|res| {
            s.ranked
                .iter()
                .map(|&i| {
                    let c = &reg.candidates[i];
                    let v = res[i].form(&s.award).map(|f| f.verdict);
                    let id = c.id.clone();
                    view! {
                        <li data-testid="ranked-item" data-id=c.id.clone()>
                            <button type="button" class="link-button" on:click=move |_| open_candidate(ctx, id.clone())>
                                {c.name.clone()}
                            </button>
                            " "
                            {v.map(|v| verdict_badge(v, None))}
                            {(c.priority.count() > 0)
                                .then(|| format!(" — ưu tiên: {}", c.priority.labels().join(", ")))}
                        </li>
                    }
                })
                .collect_view()
        })
    });
    view! {
        <article class="khen-thuong-sum-card" class:is-exceeded=s.exceeded data-testid=format!("summary-{}", s.award)>
            <h3>{name}</h3>
            <p class="khen-thuong-sum-line">
                <span data-testid=format!("proposed-{}", s.award)>{format!("Đề nghị: {}", s.ranked.len())}</span>
                {format!(" · được tính vào giới hạn: {}", s.counted)}
            </p>
            {(!s.ranked.is_empty()).then(|| view! { <ul class="khen-thuong-sum-counts">{counts}</ul> })}
            <p class="khen-thuong-sum-line" data-testid=format!("money-total-{}", s.award)>
                <span class="source-label">"Tiền thưởng ước tính: "</span>
                {money}
            </p>
            <p class="khen-thuong-sum-line" data-testid=format!("quota-text-{}", s.award)>{quota}</p>
            {warning}
            {(!s.ranked.is_empty())
                .then(|| {
                    view! {
                        <ol class="khen-thuong-ranked" aria-label=format!("Thứ tự xếp hạng — {}", award_name(&s.award))>
                            {ranked}
                        </ol>
                    }
                })}
        </article>
    }
}

#[component]
pub fn AwardSummary() -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    view! {
        <section class="panel khen-thuong-summary" aria-labelledby="kt-summary-h" data-testid="award-summary">
            <h2 id="kt-summary-h">"Tổng hợp theo hình thức khen thưởng"</h2>
            <p class="hint">
                "Tiền thưởng ước tính cộng các trường hợp không thuộc diện “không đủ điều kiện”, theo mức lương cơ sở tại ngày quyết định; chỉ để lập dự toán."
            </p>
            <div class="khen-thuong-sum-grid">
                {move || {
                    ctx.summaries
                        .get()
                        .into_iter()
                        .map(|s| form_card(ctx, s))
                        .collect_view()
                }}
            </div>
            <p class="note khen-thuong-ranking-order" data-testid="ranking-order">{RANKING_ORDER}</p>
        </section>
    }
}
