//! A candidate's verdicts: every award form of the plan (highest first) with its reasons —
//! the shared gates, the plan group's checklist, each applicable standard with its citation and
//! the verification status of its source, and the reward money estimate.

use crate::khen_thuong::state::{award_name, awards_by_rank, NominationsCtx};
use crate::ui::status_tag::StatusTag;
use leptos::prelude::*;
use ntm_core::awards::{CandidateResult, Check, FormResult, GroupResult, Line, Verdict};
use ntm_core::text::{format_decimal, format_money};

fn verdict_icon(v: Verdict) -> &'static str {
    match v {
        Verdict::DuDieuKien => "✓",
        Verdict::KhongDuDieuKien => "✗",
        Verdict::ThieuThongTin => "?",
        Verdict::CanHoiDongXet => "◐",
    }
}

fn check_icon(c: Check) -> &'static str {
    match c {
        Check::Met => "✓",
        Check::NotMet => "✗",
        Check::Missing => "?",
        Check::Council => "◐",
    }
}

/// The verdict's reason in one line for the table: the first reason of the kind that decides,
/// and how many more there are (all of them are in the candidate's verdicts).
pub fn short_reason(f: &FormResult, group: &GroupResult) -> String {
    let want = match f.verdict {
        Verdict::DuDieuKien => return f.reasons(group),
        Verdict::KhongDuDieuKien => Check::NotMet,
        Verdict::ThieuThongTin => Check::Missing,
        Verdict::CanHoiDongXet => Check::Council,
    };
    let mut reasons: Vec<&str> = Vec::new();
    for l in f
        .gates
        .iter()
        .chain(group.options.iter().flatten())
        .chain(f.standards.iter().flat_map(|s| s.lines.iter()))
        .filter(|l| l.check == want)
    {
        if !reasons.contains(&l.reason.as_str()) {
            reasons.push(&l.reason);
        }
    }
    match reasons.len() {
        0 => f.reasons(group),
        1 => reasons[0].to_string(),
        n => format!("{} (và {} lý do khác)", reasons[0], n - 1),
    }
}

/// A verdict as a badge: icon, words and colour, so colour is never the only signal.
pub fn verdict_badge(v: Verdict, testid: Option<String>) -> impl IntoView {
    view! {
        <span class=format!("khen-thuong-vbadge khen-thuong-vbadge-{}", v.code()) data-testid=testid data-verdict=v.code()>
            <span class="badge-icon" aria-hidden="true">{verdict_icon(v)}</span>
            {v.label_vi()}
        </span>
    }
}

pub fn check_badge(c: Check) -> impl IntoView {
    view! {
        <span class=format!("khen-thuong-cbadge khen-thuong-cbadge-{}", c.code()) data-check=c.code()>
            <span class="badge-icon" aria-hidden="true">{check_icon(c)}</span>
            {c.label_vi()}
        </span>
    }
}

/// One checked line; its citation is left out when the block above already shows it.
fn line_item(l: Line, shown_above: &str) -> impl IntoView {
    let citation = (!l.citation.is_empty() && l.citation != shown_above).then(|| {
        view! {
            <p class="source khen-thuong-cite">
                <span class="source-label">"Căn cứ: "</span>
                {l.citation.clone()}
            </p>
        }
    });
    view! {
        <li class=format!("khen-thuong-line khen-thuong-line-{}", l.check.code()) data-check=l.check.code()>
            <div class="khen-thuong-line-head">
                {check_badge(l.check)}
                <span class="khen-thuong-line-text">{l.text.clone()}</span>
            </div>
            <p class="khen-thuong-line-reason">{l.reason.clone()}</p>
            {citation}
        </li>
    }
}

fn lines(ls: Vec<Line>, shown_above: &str) -> impl IntoView {
    view! {
        <ul class="khen-thuong-lines">
            {ls.into_iter().map(|l| line_item(l, shown_above)).collect_view()}
        </ul>
    }
}

fn group_view(g: GroupResult, group_name: String) -> impl IntoView {
    let many = g.options.len() > 1;
    let cited = g.citation.clone();
    let options = g
        .options
        .into_iter()
        .enumerate()
        .map(|(i, opt)| {
            let all = Check::all(opt.iter().map(|l| l.check));
            view! {
                <div class="khen-thuong-option">
                    {many
                        .then(|| {
                            view! {
                                <p class="khen-thuong-option-title">
                                    {format!("Phương án {} ", i + 1)}
                                    {check_badge(all)}
                                </p>
                            }
                        })}
                    {lines(opt, &cited)}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="khen-thuong-block">
            <h4>
                "Tiêu chí của kế hoạch cho nhóm “" {group_name} "” " {check_badge(g.check)}
            </h4>
            {many.then(|| view! { <p class="hint">"Chỉ cần đạt đủ một phương án."</p> })}
            {(!g.citation.is_empty())
                .then(|| {
                    view! {
                        <p class="source">
                            <span class="source-label">"Căn cứ: "</span>
                            {g.citation.clone()}
                        </p>
                    }
                })}
            {options}
        </section>
    }
}

fn form_view(
    f: FormResult,
    group: &GroupResult,
    group_name: String,
    proposed: bool,
) -> impl IntoView {
    let name = award_name(&f.award);
    let summary = f.reasons(group);
    let ladder_note = f.ladder.clone().map(|n| {
        view! { <p class="note" data-testid=format!("ladder-note-{}", f.award)>{n}</p> }
    });
    let award_id = f.award.clone();
    let has_note = f.ladder.is_some();
    let standards = if f.standards.is_empty() {
        None
    } else {
        let many = f.standards.len() > 1;
        Some(view! {
            <section class="khen-thuong-block">
                <h4>"Tiêu chuẩn theo Luật Thi đua, khen thưởng"</h4>
                {many.then(|| view! { <p class="hint">"Chỉ cần đạt một tiêu chuẩn (một điểm) dưới đây."</p> })}
                {f
                    .standards
                    .iter()
                    .cloned()
                    .map(|s| {
                        view! {
                            <div class="khen-thuong-standard" data-testid=format!("standard-{}", s.id)>
                                <p class="khen-thuong-standard-head">
                                    {check_badge(s.check)}
                                    " "
                                    <strong>{s.citation.clone()}</strong>
                                    " "
                                    <StatusTag status=s.status />
                                </p>
                                <p class="khen-thuong-standard-text">{s.text.clone()}</p>
                                {lines(s.lines, &s.citation)}
                            </div>
                        }
                    })
                    .collect_view()}
            </section>
        })
    };
    let money = match &f.money {
        Ok(m) => view! {
            <section class="khen-thuong-block khen-thuong-money" data-testid=format!("money-{award_id}")>
                <h4>"Tiền thưởng (ước tính)"</h4>
                <p>
                    <strong>{format_money(m.vnd as f64)}</strong>
                    {format!(
                        " = {} × lương cơ sở {} ({}), làm tròn theo quy định.",
                        format_decimal(m.multiplier),
                        format_money(m.base_vnd as f64),
                        if m.collective { "mức tập thể" } else { "mức cá nhân" },
                    )}
                    " "
                    <StatusTag status=m.status />
                </p>
                <p class="source">
                    <span class="source-label">"Căn cứ: "</span>
                    {m.citation.clone()}
                </p>
                <p class="hint">
                    "Chỉ là ước tính để lập dự toán, không phải cam kết: số tiền chính thức do cơ quan quyết định khen thưởng tính."
                </p>
            </section>
        }
        .into_any(),
        Err(why) => view! {
            <section class="khen-thuong-block khen-thuong-money" data-testid=format!("money-{award_id}")>
                <h4>"Tiền thưởng (ước tính)"</h4>
                <p>"Chưa ước tính được: " {why.clone()}</p>
            </section>
        }
        .into_any(),
    };
    view! {
        <details
            class=format!("khen-thuong-form khen-thuong-form-{}", f.verdict.code())
            open=proposed
            data-testid=format!("form-{}", f.award)
            data-verdict=f.verdict.code()
        >
            <summary>
                <span class="khen-thuong-form-name">
                    {name}
                    {proposed.then(|| view! { <span class="tag tag-proposed">"Hình thức đề nghị"</span> })}
                    // The verdict differs from a failed lower class of the same order: say so here.
                    {has_note
                        .then(|| {
                            view! {
                                " "
                                <span class="tag tag-partial" data-testid=format!("ladder-tag-{award_id}")>
                                    "Có lưu ý thứ bậc"
                                </span>
                            }
                        })}
                </span>
                {verdict_badge(f.verdict, Some(format!("form-verdict-{}", f.award)))}
            </summary>
            <div class="khen-thuong-form-body">
                <p class="khen-thuong-form-summary" data-testid=format!("form-summary-{}", f.award)>{summary}</p>
                {ladder_note}
                <section class="khen-thuong-block">
                    <h4>"Điều kiện chung"</h4>
                    {lines(f.gates.clone(), "")}
                </section>
                {group_view(group.clone(), group_name)}
                {standards}
                {money}
            </div>
        </details>
    }
}

/// The verdict of every award form for the selected candidate.
#[component]
pub fn AwardVerdicts(id: String) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let id_for_result = id.clone();
    let result = Memo::new(move |_| ctx.result_of(&id_for_result));
    let id_for_meta = id.clone();
    let meta = Memo::new(move |_| {
        ctx.with_candidate(&id_for_meta, |c| {
            (
                c.name.clone(),
                c.proposed.award.clone(),
                crate::khen_thuong::state::group_name(&c.group),
            )
        })
    });
    view! {
        <section class="panel khen-thuong-verdicts" aria-labelledby="kt-verdicts-h" data-testid="verdicts">
            <h2 id="kt-verdicts-h">
                "Kết luận theo từng hình thức"
                {move || meta.get().map(|(n, _, _)| format!(" — {n}"))}
            </h2>
            <p class="hint">
                "Mỗi hình thức khen thưởng của kế hoạch, từ cao xuống thấp, kèm lý do và căn cứ. "
                "“Cần Hội đồng xét” nghĩa là ứng dụng không tự kết luận được: tiêu chí cần Hội đồng Thi đua – Khen thưởng đánh giá, hoặc căn cứ pháp lý chưa được xác minh."
            </p>
            // Screen readers hear the proposed form's verdict change while the record is edited.
            <p class="visually-hidden" role="status" data-testid="proposed-verdict-status">
                {move || {
                    let (_, proposed, _) = meta.get().unwrap_or_default();
                    result
                        .with(|r| r.as_ref().and_then(|r| r.form(&proposed)).map(|f| f.verdict))
                        .map(|v| format!("{}: {}", award_name(&proposed), v.label_vi()))
                }}
            </p>
            {move || {
                let Some(r): Option<CandidateResult> = result.get() else {
                    return view! { <p class="empty">"Chưa chọn ứng viên."</p> }.into_any();
                };
                let (_, proposed, group_name) = meta.get().unwrap_or_default();
                let regime = r
                    .regime
                    .as_deref()
                    .and_then(|id| crate::khen_thuong::state::rules().regimes.iter().find(|x| x.id == id))
                    .map(|x| x.name.clone());
                let order = awards_by_rank();
                let forms = order
                    .iter()
                    .filter_map(|a| r.form(&a.id).cloned())
                    .map(|f| {
                        let is_proposed = f.award == proposed;
                        form_view(f, &r.group, group_name.clone(), is_proposed)
                    })
                    .collect_view();
                view! {
                    <p class="khen-thuong-regime" data-testid="candidate-regime">
                        <span class="source-label">"Văn bản áp dụng: "</span>
                        {regime.unwrap_or_else(|| "chưa xác định (chưa có ngày quyết định)".into())}
                    </p>
                    <div class="khen-thuong-forms">{forms}</div>
                }
                    .into_any()
            }}
        </section>
    }
}
