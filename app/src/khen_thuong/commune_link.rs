//! The commune dossier a group-c candidate rests on: chosen among the dossiers of this browser,
//! with the facts the verdicts read from it.

use crate::khen_thuong::fields::{get, set};
use crate::khen_thuong::state::NominationsCtx;
use leptos::prelude::*;
use ntm_core::input::parse_year;
use ntm_core::nominations::DossierLink;
use ntm_core::text::format_money;

/// The commune dossier a group-c candidate rests on.
pub fn commune_link(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let current = move || {
        get(ctx, cid, |c| {
            c.commune
                .as_ref()
                .map(|l| format!("{}|{}", l.code, l.year))
                .unwrap_or_default()
        })
    };
    let details = move || {
        let key = current();
        if key.is_empty() {
            return view! {
                <p class="hint">"Chưa liên kết: tiêu chí mức đạt chuẩn và nợ đọng xây dựng cơ bản sẽ là “Thiếu thông tin”."</p>
            }
            .into_any();
        }
        let found = ctx
            .communes
            .with(|l| l.iter().find(|o| o.key() == key).cloned());
        match found {
            Some(o) => view! {
                <dl class="khen-thuong-facts" data-testid="commune-facts">
                    <div><dt>"Mức đạt"</dt><dd>{o.facts.level.label_vi()}</dd></div>
                    <div>
                        <dt>"Nợ đọng XDCB"</dt>
                        <dd>{o.facts.xdcb_debt_vnd.map(format_money).unwrap_or_else(|| "chưa nhập".into())}</dd>
                    </div>
                    <div><dt>"Nguồn"</dt><dd>{o.source.clone()}</dd></div>
                    <div><dt>"Đánh giá theo"</dt><dd>{o.facts.rules.clone()}</dd></div>
                </dl>
            }
            .into_any(),
            None => view! {
                <p class="alert alert-warning">
                    "Hồ sơ đã liên kết không còn trong trình duyệt này (chưa có hồ sơ nháp hay hồ sơ trong bảng tổng hợp của xã và năm đó). Hãy tạo hoặc nhập lại hồ sơ trên trang Tự đánh giá hoặc Tổng hợp."
                </p>
            }
            .into_any(),
        }
    };
    view! {
        <div class="field">
            <label for="cand-commune">"Hồ sơ tự đánh giá của xã"</label>
            <select
                id="cand-commune"
                data-testid="cand-commune"
                aria-describedby="cand-commune-hint"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let link = v
                        .split_once('|')
                        .and_then(|(code, y)| {
                            let year = parse_year(y, 1900, 2100).ok().flatten()?;
                            Some(DossierLink { code: code.to_string(), year })
                        });
                    let name = link
                        .as_ref()
                        .and_then(|l| ctx.communes.with_untracked(|o| o.iter().find(|x| x.code == l.code && x.year == l.year).map(|x| (x.name.clone(), x.district.clone()))));
                    set(ctx, cid, move |c| {
                        c.commune = link;
                        if let Some((n, d)) = name {
                            if c.unit.trim().is_empty() {
                                c.unit = format!("{n}, {d}");
                            }
                        }
                    });
                }
            >
                {move || {
                    let cur = current();
                    let mut opts = vec![view! { <option value="" selected=cur.is_empty()>"— Chưa liên kết —"</option> }.into_any()];
                    let list = ctx.communes.get();
                    let known = list.iter().any(|o| o.key() == cur);
                    for o in list {
                        let k = o.key();
                        let sel = k == cur;
                        opts.push(view! { <option value=k selected=sel>{o.label()}</option> }.into_any());
                    }
                    if !cur.is_empty() && !known {
                        let label = cur.replace('|', " — năm ");
                        opts.push(
                            view! { <option value=cur.clone() selected=true>{format!("Mã {label} (không còn trong trình duyệt)")}</option> }
                                .into_any(),
                        );
                    }
                    opts
                }}
            </select>
            <p class="hint" id="cand-commune-hint">
                "Các hồ sơ nháp trên trang Tự đánh giá và hồ sơ trong bảng tổng hợp (trang Tổng hợp) của trình duyệt này, đánh giá theo bộ tiêu chí đang dùng."
            </p>
            {details}
        </div>
    }
}
