//! Tổng hợp: each district against QĐ 320/QĐ-TTg Phụ lục I, from the consolidated dossiers of
//! the year and the two values the district enters itself (H.0.3, H.0.4). Every decision is the
//! core's `district::evaluate_district`; this only gathers its inputs and shows its result.

use crate::components::consolidation_table::TableState;
use crate::components::outcome_badge::outcome_badge_static;
use crate::consolidation::ConsolidationCtx;
use crate::rules_ctx::RulesCtx;
use crate::{clock, store};
use leptos::prelude::*;
use ntm_core::criteria::{describe_required, describe_value, IndicatorResult, Required};
use ntm_core::district::{evaluate_district, DistrictResult};
use ntm_core::dossier::check_number;
use ntm_core::rules::{Kind, Threshold};
use ntm_core::text::parse_decimal;
use ntm_core::{evaluate, units, Assessment, CriterionOutcome, Value};
use std::collections::BTreeMap;

/// The values a district enters: (indicator code, label, hint).
const ENTERED: [(&str, &str, &str); 2] = [
    (
        "H.0.4",
        "H.0.4 — Tỷ lệ người dân hài lòng với kết quả xây dựng NTM của huyện (%)",
        "Theo kết quả lấy ý kiến của huyện.",
    ),
    (
        "H.0.3",
        "H.0.3 — Tỷ lệ thị trấn đạt chuẩn đô thị văn minh (%)",
        "Huyện không có thị trấn: để trống.",
    ),
];

fn input_key(district: &str, year: u16, code: &str) -> String {
    format!("{district}/{year}/{code}")
}

/// The typed text as a percentage, or why it is not one (empty text: `Ok(None)`).
fn parse_pct(text: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v = parse_decimal(text).map_err(|p| p.message_vi().to_string())?;
    check_number(Kind::Percent, v)?;
    Ok(Some(v))
}

fn value_text(i: &IndicatorResult) -> String {
    let ind = &*i.indicator;
    i.value
        .map(|v| describe_value(ind.kind, v, ind.unit.as_deref()))
        .unwrap_or_else(|| "—".into())
}

fn criterion_badge(o: CriterionOutcome) -> impl IntoView {
    let code = o.code();
    view! {
        <span class=format!("badge badge-{code}") data-outcome=code>
            <span class="badge-icon" aria-hidden="true">
                {match o {
                    CriterionOutcome::Dat => "✓",
                    CriterionOutcome::ChuaDat => "✗",
                    CriterionOutcome::ChuaXacDinh => "?",
                }}
            </span>
            {o.label_vi()}
        </span>
    }
}

fn result_view(r: DistrictResult) -> impl IntoView {
    let code = r.code.clone();
    let missing_names: Vec<String> = r
        .missing
        .iter()
        .map(|c| units::find(c).map_or_else(|| c.clone(), |u| u.name.clone()))
        .collect();
    let n_missing = missing_names.len();
    let (conditions, others): (Vec<_>, Vec<_>) =
        r.criteria.into_iter().partition(|c| &*c.code == "0");
    let cond_rows = conditions
        .into_iter()
        .flat_map(|c| c.indicators)
        .map(|i| {
            let testid = format!("district-{code}-{}", i.code());
            view! {
                <tr data-testid=testid data-outcome=i.outcome.code()>
                    <th scope="row">
                        <span class="dr-code">{i.code().to_string()}</span>
                        " "
                        {i.indicator.name.to_string()}
                    </th>
                    <td>{outcome_badge_static(i.outcome)}</td>
                    <td class="num">{value_text(&i)}</td>
                    <td>{i.required_text()}</td>
                    <td class="dr-explain">{i.explanation()}</td>
                </tr>
            }
        })
        .collect_view();
    let criteria_rows = others
        .into_iter()
        .map(|c| {
            let why = if c.indicators.is_empty() {
                "— chưa có chỉ tiêu cụ thể trong nguồn.".to_string()
            } else {
                c.explanation()
            };
            view! {
                <li data-testid=format!("district-{code}-tc-{}", c.code)>
                    <span class="dr-code">{format!("Tiêu chí {}", c.code)}</span>
                    " "
                    {c.name.to_string()}
                    " "
                    {criterion_badge(c.outcome)}
                    <span class="dr-explain">" " {why}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="dr-counts" data-testid=format!("district-{code}-counts")>
            {format!(
                "{} xã · {} xã có hồ sơ năm {} · {} đạt NTM · {} nâng cao · {} kiểu mẫu",
                r.communes_total,
                r.assessed,
                r.year,
                r.ntm,
                r.nang_cao,
                r.kieu_mau,
            )}
            " · Kết quả chung: "
            {criterion_badge(r.outcome)}
        </p>
        {(n_missing > 0)
            .then(|| {
                view! {
                    <p class="dr-missing" data-testid=format!("district-{code}-missing")>
                        <strong>{format!("Chưa có hồ sơ năm {} ({n_missing} xã): ", r.year)}</strong>
                        {missing_names.join(", ")}
                        "."
                    </p>
                }
            })}
        <div class="table-scroll">
            <table class="dr-table">
                <caption>"Điều kiện chung (tiêu chí 0)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Điều kiện"</th>
                        <th scope="col">"Kết quả"</th>
                        <th scope="col">"Giá trị"</th>
                        <th scope="col">"Yêu cầu"</th>
                        <th scope="col">"Giải thích"</th>
                    </tr>
                </thead>
                <tbody>{cond_rows}</tbody>
            </table>
        </div>
        <h4 class="dr-h4">"Chín tiêu chí huyện"</h4>
        <p class="hint">
            "Các nguồn đã tra cứu của QĐ 320/QĐ-TTg Phụ lục I chưa có chỉ tiêu cụ thể cho chín tiêu chí này, nên ứng dụng không đánh giá được (“Chưa xác định”) — huyện đánh giá theo văn bản hướng dẫn chính thức."
        </p>
        <ul class="dr-criteria">{criteria_rows}</ul>
    }
}

#[component]
pub fn DistrictResults(ts: TableState) -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let rc = expect_context::<RulesCtx>();

    // The year: the table's year filter, else the latest year in the table.
    let year = Memo::new(move |_| {
        ts.filter
            .with(|f| f.year)
            .or_else(|| cx.rows.with(|rows| rows.iter().map(|r| r.key.year).max()))
    });
    // Districts with at least one dossier in the year (the district filter applies too).
    let districts = Memo::new(move |_| {
        let Some(y) = year.get() else {
            return Vec::new();
        };
        let only = ts.filter.with(|f| f.district.clone());
        cx.rows.with(|rows| {
            units::districts()
                .into_iter()
                .filter(|(code, _)| only.as_deref().is_none_or(|d| d == *code))
                .filter(|(code, _)| {
                    rows.iter()
                        .any(|r| r.key.year == y && r.district_code == *code)
                })
                .map(|(code, name)| (code.to_string(), name.to_string()))
                .collect::<Vec<_>>()
        })
    });
    // The consolidated dossiers of the year, evaluated with the active rules.
    let assessments: Memo<Vec<Assessment>> = Memo::new(move |_| {
        let Some(y) = year.get() else {
            return Vec::new();
        };
        let rules = rc.active.get();
        cx.data.with(|c| {
            c.entries
                .iter()
                .filter(|e| e.dossier.year == y)
                .map(|e| evaluate(&rules, &e.dossier))
                .collect()
        })
    });

    let (raw, notice) = match store::load_district_inputs() {
        None => (BTreeMap::new(), None),
        Some(Ok(s)) => (s.raw, None),
        Some(Err(e)) => (
            BTreeMap::new(),
            Some(format!(
                "Số liệu cấp huyện đã lưu không đọc được ({e}); bản lưu được giữ nguyên, chưa bị ghi đè cho đến khi bạn nhập số liệu mới."
            )),
        ),
    };
    let raw = RwSignal::new(raw);
    let notice = RwSignal::new(notice);
    let set_raw = move |key: String, text: String| {
        raw.update(|m| {
            if text.trim().is_empty() {
                m.remove(&key);
            } else {
                m.insert(key, text);
            }
        });
        let record = store::StoredDistrictInputs {
            saved_at: clock::now_ms(),
            raw: raw.get_untracked(),
        };
        notice.set(store::save_district_inputs(&record).err());
    };

    let card = move |(code, name): (String, String)| {
        let y = year.get_untracked().unwrap_or_default();
        let inputs = ENTERED
            .iter()
            .map(|(ind, label, hint)| {
                let key = input_key(&code, y, ind);
                let id = format!("district-{code}-input-{}", ind.replace('.', "-"));
                let err_id = format!("{id}-error");
                let initial = raw.with_untracked(|m| m.get(&key).cloned().unwrap_or_default());
                let error = {
                    let key = key.clone();
                    Memo::new(move |_| {
                        raw.with(|m| parse_pct(m.get(&key).map_or("", String::as_str)).err())
                    })
                };
                let key2 = key.clone();
                // The requirement comes from the active rules (QĐ 320, or the province's file).
                let required = rc.active.with_untracked(|r| {
                    r.set(ntm_core::district::SET)
                        .and_then(|s| s.indicator(ind))
                        .and_then(|i| match i.threshold {
                            Some(Threshold::Fixed(n)) => {
                                Some(format!(" Yêu cầu: {}.", describe_required(i, &Required::Number(n))))
                            }
                            _ => None,
                        })
                        .unwrap_or_default()
                });
                view! {
                    <div class="field dr-field">
                        <label for=id.clone()>{*label}</label>
                        <input
                            id=id.clone()
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            prop:value=initial
                            aria-invalid=move || error.get().is_some().to_string()
                            aria-describedby=err_id.clone()
                            on:input=move |ev| set_raw(key2.clone(), event_target_value(&ev))
                        />
                        <span class="hint">{format!("{hint}{required}")}</span>
                        <span class="field-error" id=err_id.clone() role="alert" data-testid=err_id.clone()>
                            {move || error.get().map(|e| format!("Không hợp lệ: {e}."))}
                        </span>
                    </div>
                }
            })
            .collect_view();
        let code2 = code.clone();
        let result = move || {
            let y = year.get()?;
            let rules = rc.active.get();
            let entered: BTreeMap<String, Value> = raw.with(|m| {
                ENTERED
                    .iter()
                    .filter_map(|(ind, _, _)| {
                        let text = m.get(&input_key(&code2, y, ind))?;
                        let v = parse_pct(text).ok()??;
                        Some((ind.to_string(), Value::Number(v)))
                    })
                    .collect()
            });
            let r = assessments.with(|a| evaluate_district(&rules, &code2, y, a, &entered));
            Some(match r {
                Some(r) => result_view(r).into_any(),
                None => view! {
                    <p class="alert alert-warning">
                        "Bộ tiêu chí đang dùng không có bộ tiêu chí huyện NTM (huyen_ntm), nên chưa đánh giá được."
                    </p>
                }
                .into_any(),
            })
        };
        view! {
            <section class="panel district-card" data-testid=format!("district-{code}") aria-labelledby=format!("district-{code}-h")>
                <h3 id=format!("district-{code}-h")>{format!("{name} — năm {y}")}</h3>
                <div class="dr-inputs" role="group" aria-label=format!("Số liệu do {name} nhập")>
                    {inputs}
                </div>
                {result}
            </section>
        }
    };

    view! {
        <section class="district-results" data-testid="district-results" aria-labelledby="district-results-h">
            <h2 id="district-results-h">"Kết quả cấp huyện (QĐ 320/QĐ-TTg)"</h2>
            <p class="hint">
                {move || match year.get() {
                    Some(y) => format!(
                        "Năm {y} (chọn năm ở bộ lọc của bảng). Mỗi huyện có ít nhất một hồ sơ xã trong năm được xét theo điều kiện chung H.0.1–H.0.5 của QĐ 320/QĐ-TTg Phụ lục I, tính từ hồ sơ trong bảng tổng hợp (mọi trạng thái thẩm tra) và hai tỷ lệ do huyện nhập. Thị xã, thành phố thuộc tỉnh xét theo Phụ lục II, chưa có trong bộ tiêu chí: kết quả của các đơn vị này chỉ để tham khảo."
                    ),
                    None => "Chưa có hồ sơ nào trong bảng tổng hợp.".to_string(),
                }}
            </p>
            {move || notice.get().map(|n| view! { <p class="alert alert-warning" role="alert">{n}</p> })}
            <For
                each=move || {
                    let y = year.get().unwrap_or_default();
                    districts.get().into_iter().map(move |d| (y, d)).collect::<Vec<_>>()
                }
                key=|(y, d)| (*y, d.0.clone())
                children=move |(_, d)| card(d)
            />
        </section>
    }
}
