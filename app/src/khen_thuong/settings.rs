//! The register's settings: who keeps it, the expected decision date (it chooses the legal
//! regime and the base salary), the council's values for the plan's vague words, and the
//! quotas per award form.

use crate::infra::clock::vi_date;
use crate::khen_thuong::fields::shown;
use crate::khen_thuong::state::{awards_by_rank, rules, NominationsCtx};
use crate::ui::date_input::DateInput;
use crate::ui::number_input::{ExtraCheck, NumberInput};
use crate::ui::status_tag::StatusTag;
use crate::ui::table::{header_cells, TableScroll};
use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::nominations::{Quota, Register};

/// Largest quota a form may have: beyond it the number is surely a typing slip.
const MAX_QUOTA: f64 = 100_000.0;

/// The regime and base salary a decision date gives, in words.
fn regime_view(date: Option<String>) -> impl IntoView {
    let r = rules();
    let Some(date) = date.filter(|d| !d.is_empty()) else {
        return view! {
            <p class="alert alert-warning" data-testid="regime">
                "Chưa có ngày quyết định dự kiến: chưa chọn được văn bản áp dụng (Luật, Nghị định) và mức lương cơ sở, nên mọi kết luận đang là “Thiếu thông tin”."
            </p>
        }
        .into_any();
    };
    let regime = r.regime_on(&date);
    let base = r.money.base_salary.iter().find(|b| {
        b.from.as_str() <= date.as_str() && b.to.as_deref().is_none_or(|t| date.as_str() <= t)
    });
    view! {
        <div class="khen-thuong-regime-box" data-testid="regime">
            {match regime {
                Some(g) => view! {
                    <p>
                        <span class="source-label">"Văn bản áp dụng cho quyết định ngày " {vi_date(&date)} ": "</span>
                        <strong data-testid="regime-name">{g.name.clone()}</strong>
                        " "
                        <StatusTag status=g.status />
                    </p>
                    <p class="source">
                        <span class="source-label">"Căn cứ: "</span>
                        {g.source.citation()}
                    </p>
                }
                    .into_any(),
                None => view! {
                    <p class="alert alert-warning">
                        {format!("Chưa có dữ liệu văn bản áp dụng cho ngày {}.", vi_date(&date))}
                    </p>
                }
                    .into_any(),
            }}
            {match base {
                Some(b) => view! {
                    <p>
                        <span class="source-label">"Lương cơ sở dùng để ước tính tiền thưởng: "</span>
                        {Kind::Money.format(b.vnd as f64, None)}
                        {format!(" ({})", b.source.citation())}
                        " "
                        <StatusTag status=b.status />
                    </p>
                }
                    .into_any(),
                None => view! {
                    <p class="note">"Chưa có mức lương cơ sở cho ngày này trong dữ liệu: không ước tính được tiền thưởng."</p>
                }
                    .into_any(),
            }}
        </div>
    }
    .into_any()
}

fn quota_bound() -> ExtraCheck {
    Callback::new(|v: f64| {
        if v <= MAX_QUOTA {
            Ok(())
        } else {
            Err(format!(
                "Số lượng tối đa quá lớn (không quá {}).",
                Kind::Count.show(MAX_QUOTA)
            ))
        }
    })
}

/// A field of the register's own (the unit, the date), written at each keystroke.
fn register_input(
    ctx: NominationsCtx,
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    write: fn(&mut Register, String),
    hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    // The only text field is the unit: an organisation's name.
    let text = kind == "text";
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                type=kind
                id=id
                data-testid=id
                autocomplete=text.then_some("organization")
                placeholder=text.then_some("Ví dụ: UBND huyện Bình Lục")
                value=value
                aria-describedby=hint.map(|_| hint_id.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.edit(move |r| write(r, v));
                }
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}

fn quota_row(award_id: String, award_name: String) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let initial = ctx
        .register
        .with_untracked(|r| r.quotas.iter().find(|q| q.award == award_id).cloned());
    let set = {
        let award_id = award_id.clone();
        move |f: Box<dyn FnOnce(&mut Quota)>| {
            let award_id = award_id.clone();
            ctx.edit(move |r| {
                let idx = match r.quotas.iter().position(|q| q.award == award_id) {
                    Some(i) => i,
                    None => {
                        r.quotas.push(Quota {
                            award: award_id.clone(),
                            max_count: None,
                            share_of_qualifying_communes_pct: None,
                            source: String::new(),
                        });
                        r.quotas.len() - 1
                    }
                };
                f(&mut r.quotas[idx]);
                let q = &r.quotas[idx];
                if q.max_count.is_none()
                    && q.share_of_qualifying_communes_pct.is_none()
                    && q.source.trim().is_empty()
                {
                    r.quotas.remove(idx);
                }
            });
        }
    };
    let set_max = set.clone();
    let set_pct = set.clone();
    let set_src = set;
    let max_id = format!("quota-max-{award_id}");
    let pct_id = format!("quota-pct-{award_id}");
    let src_id = format!("quota-src-{award_id}");
    view! {
        <tr data-testid=format!("quota-{award_id}")>
            <th scope="row">{award_name.clone()}</th>
            <td>
                <label class="visually-hidden" for=max_id.clone()>{format!("Số lượng tối đa — {award_name}")}</label>
                <NumberInput
                    id=max_id.clone()
                    kind=Kind::Count
                    testid=max_id.clone()
                    initial=shown(Kind::Count, initial.as_ref().and_then(|q| q.max_count.map(f64::from)))
                    check=quota_bound()
                    on_text=Callback::new(move |(_, v): (String, Option<f64>)| {
                        set_max(Box::new(move |q: &mut Quota| q.max_count = v.map(|v| v as u32)))
                    })
                />
            </td>
            <td>
                <label class="visually-hidden" for=pct_id.clone()>{format!("Tỷ lệ tối đa trên số xã đủ tiêu chí — {award_name}")}</label>
                <NumberInput
                    id=pct_id.clone()
                    kind=Kind::Percent
                    testid=pct_id.clone()
                    initial=shown(Kind::Percent, initial.as_ref().and_then(|q| q.share_of_qualifying_communes_pct))
                    on_text=Callback::new(move |(_, v): (String, Option<f64>)| {
                        set_pct(Box::new(move |q: &mut Quota| q.share_of_qualifying_communes_pct = v))
                    })
                />
            </td>
            <td>
                <label class="visually-hidden" for=src_id.clone()>{format!("Nguồn của giới hạn — {award_name}")}</label>
                <input
                    type="text"
                    id=src_id.clone()
                    data-testid=src_id
                    autocomplete="off"
                    placeholder="Ví dụ: Kế hoạch số …/KH-UBND"
                    value=initial.map(|q| q.source).unwrap_or_default()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set_src(Box::new(move |q: &mut Quota| q.source = v));
                    }
                />
            </td>
        </tr>
    }
}

#[component]
pub fn NominationSettings() -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let form = move |_revision: u64| {
        let unit = ctx.register.with_untracked(|r| r.unit.clone());
        let params = rules()
            .parameters
            .iter()
            .map(|p| {
                let id = format!("param-{}", p.id);
                let pid = p.id.clone();
                let current = ctx
                    .register
                    .with_untracked(|r| r.parameters.get(&p.id).copied());
                let note_id = format!("{id}-note");
                view! {
                    <div class="field khen-thuong-param">
                        <label for=id.clone()>{p.name.clone()}</label>
                        <NumberInput
                            id=id.clone()
                            kind=Kind::Number
                            testid=id.clone()
                            initial=shown(Kind::Number, current)
                            placeholder=Kind::Number.show(p.value)
                            suffix=p.unit.clone()
                            described_by=note_id.clone()
                            on_text=Callback::new(move |(_, v): (String, Option<f64>)| {
                                let pid = pid.clone();
                                ctx.edit(move |r| match v {
                                    Some(v) => {
                                        r.parameters.insert(pid, v);
                                    }
                                    None => {
                                        r.parameters.remove(&pid);
                                    }
                                })
                            })
                        />
                        <p class="hint" id=note_id>
                            {format!("Để trống = {}. ", Kind::Number.format(p.value, Some(&p.unit)))}
                            {p.note.clone()}
                            " Căn cứ: "
                            {p.source.citation()}
                            " "
                            <StatusTag status=p.status />
                        </p>
                    </div>
                }
            })
            .collect_view();
        let quotas = awards_by_rank()
            .into_iter()
            .map(|a| quota_row(a.id.clone(), a.name.clone()))
            .collect_view();
        view! {
            <div class="khen-thuong-settings-grid">
                {register_input(ctx, "kt-unit", "Đơn vị lập danh sách", "text", unit, |r, v| r.unit = v, None)}
                <div class="field">
                    <label for="kt-date">"Ngày quyết định khen thưởng (dự kiến)"</label>
                    <DateInput
                        id="kt-date".to_string()
                        testid="kt-date"
                        label="Ngày quyết định khen thưởng"
                        value=Signal::derive(move || ctx.register.with(|r| r.decision_date.clone().unwrap_or_default()))
                        on_date=Callback::new(move |v: String| {
                            ctx.edit(move |r| r.decision_date = (!v.is_empty()).then_some(v));
                        })
                        described_by="kt-date-hint"
                    />
                    <p class="hint" id="kt-date-hint">
                        "Ngày này chọn văn bản pháp lý áp dụng và mức lương cơ sở; từng ứng viên có thể ghi ngày riêng."
                    </p>
                </div>
            </div>
            {move || regime_view(ctx.register.with(|r| r.decision_date.clone()))}
            <details class="khen-thuong-sub">
                <summary>"Tham số cho các từ “nhiều” trong kế hoạch"</summary>
                <p class="hint">
                    "Kế hoạch không định lượng các từ này. Hội đồng có thể ghi số mình dùng; số chỉ hiện bên cạnh minh chứng, không bao giờ tự quyết định kết luận."
                </p>
                <div class="khen-thuong-params">{params}</div>
            </details>
            <details class="khen-thuong-sub" open=ctx.register.with_untracked(|r| !r.quotas.is_empty())>
                <summary>"Giới hạn số lượng theo hình thức (chỉ tiêu khen thưởng)"</summary>
                <p class="hint">
                    "Có thể ghi số lượng tối đa, tỷ lệ tối đa trên số xã đủ tiêu chí dữ liệu (đạt chuẩn, không nợ đọng xây dựng cơ bản), hoặc cả hai (lấy số nhỏ hơn). Vượt giới hạn thì bảng tổng hợp cảnh báo."
                </p>
                <TableScroll label="Bảng giới hạn số lượng theo hình thức">
                    <table class="khen-thuong-quota-table" data-testid="quota-table">
                        <thead>
                            <tr>
                                {header_cells(&["Hình thức", "Số lượng tối đa", "Tỷ lệ tối đa trên số xã đủ tiêu chí", "Nguồn (kế hoạch, quyết định)"])}
                            </tr>
                        </thead>
                        <tbody>{quotas}</tbody>
                    </table>
                </TableScroll>
            </details>
        }
    };
    view! {
        <section class="panel khen-thuong-settings" aria-labelledby="kt-settings-h">
            <h2 id="kt-settings-h">"Thông tin chung của danh sách"</h2>
            // Keyed by the revision: a replaced register gets fresh fields, not the old ones
            // with their typed text.
            <For each=move || [ctx.revision.get()] key=|r| *r children=form />
        </section>
    }
}
