//! Tổng hợp: each district against QĐ 320/QĐ-TTg Phụ lục I, from the consolidated dossiers of
//! the year and the values the district enters itself (H.0.3, H.0.4, the per-item satisfaction
//! check H.0.5 with its document, and any indicator a province adds to the district set). A thị
//! xã or thành phố falls under Phụ lục II, not in the sources: it gets no Phụ lục I verdict.
//! Every decision is the core's `district::evaluate_district`; this only gathers its inputs and
//! shows its result.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tong_hop::detail::criterion_badge;
use crate::tong_hop::state::ConsolidationCtx;
use crate::tong_hop::table::TableState;
use crate::ui::flag_select::{self, FlagSelect};
use crate::ui::number_input::NumberInput;
use crate::ui::outcome_badge::outcome_badge_static;
use crate::ui::table::{header_cells, TableScroll};
use leptos::prelude::*;
use ntm_core::criteria::IndicatorResult;
use ntm_core::district::{evaluate_district, DistrictResult};
use ntm_core::rules::Kind;
use ntm_core::{evaluate, units, Assessment, Value};
use std::collections::BTreeMap;

/// Hints for the conditions every district enters (QĐ 320 H.0.3–H.0.5).
fn hint_for(code: &str) -> &'static str {
    match code {
        "H.0.4" => "Theo kết quả lấy ý kiến của huyện.",
        "H.0.3" => "Huyện không có thị trấn: để trống.",
        "H.0.5" => "Chọn “Đạt” chỉ khi kết quả lấy ý kiến cho thấy ở từng xã, từng nội dung đều từ 80 % trở lên (tỷ lệ hài lòng chung của xã không đủ); ghi số, ngày văn bản làm minh chứng.",
        _ => "Theo số liệu của huyện.",
    }
}

/// A value the district enters itself: every indicator of the district set that is not
/// counted from the communes' dossiers — H.0.3, H.0.4 and any a province adds in Bộ tiêu chí.
#[derive(Clone)]
struct EnteredField {
    code: String,
    label: String,
    kind: Kind,
    /// "Yêu cầu: ≥ 90 %." for the year, or the notice that there is no threshold.
    required: String,
}

fn entered_fields(rules: &ntm_core::Rules, year: u16) -> Vec<EnteredField> {
    let judge = ntm_core::criteria::Judge { rules, year };
    let Some(set) = rules.set(ntm_core::district::SET) else {
        return Vec::new();
    };
    set.criteria
        .iter()
        .flat_map(|c| c.indicators.iter())
        .filter(|i| !matches!(i.input, Some(ntm_core::rules::Input::District(_))))
        .map(|i| {
            // The kind's own unit, else the indicator's.
            let unit = match (i.kind.suffix(), i.unit.as_deref().map(str::trim)) {
                (Some(u), _) => format!(" ({u})"),
                (None, Some(u)) if !u.is_empty() => format!(" ({u})"),
                _ => String::new(),
            };
            EnteredField {
                code: i.code.to_string(),
                label: format!("{} — {}{unit}", i.code, i.name),
                kind: i.kind,
                required: format!(
                    "Yêu cầu: {}.",
                    judge.indicator(i, None).on(i).required_text()
                ),
            }
        })
        .collect()
}

fn input_key(district: &str, year: u16, code: &str) -> String {
    format!("{district}/{year}/{code}")
}

/// Where the document behind a yes/no check the district answers is kept.
fn evidence_key(value_key: &str) -> String {
    format!("{value_key}/minh-chung")
}

fn value_text(i: &IndicatorResult) -> String {
    let ind = i.indicator;
    i.value()
        .map(|v| ind.kind.format_value(v, ind.unit.as_deref()))
        .unwrap_or_else(|| "—".into())
}

fn result_view(r: DistrictResult, evidence: BTreeMap<String, String>) -> impl IntoView {
    let code = r.code.clone();
    let table_label = format!("Kết quả theo tiêu chí của {}", r.name);
    let annex_ii = r.standard.notice_vi();
    let missing_names: Vec<String> = r
        .missing
        .iter()
        .map(|c| units::find(c).map_or_else(|| c.clone(), |u| u.name.clone()))
        .collect();
    let n_missing = missing_names.len();
    let (conditions, others): (Vec<_>, Vec<_>) =
        r.criteria.iter().partition(|c| &**c.code() == "0");
    let cond_rows = conditions
        .into_iter()
        .flat_map(|c| r.indicators_of(c))
        .map(|i| {
            let testid = format!("district-{code}-{}", i.code());
            view! {
                <tr data-testid=testid data-outcome=i.outcome.code()>
                    <th scope="row">
                        <span class="tong-hop-district-code">{i.code().to_string()}</span>
                        " "
                        {i.indicator.name.to_string()}
                    </th>
                    <td>{outcome_badge_static(i.outcome)}</td>
                    <td class="num">{value_text(&i)}</td>
                    <td>{i.required_text()}</td>
                    <td class="tong-hop-district-explain">
                        {i.explanation()}
                        {evidence.get(i.code()).map(|e| format!(" Minh chứng: {e}."))}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let criteria_rows = others
        .into_iter()
        .map(|c| {
            let why = if c.is_empty() {
                "— chưa có chỉ tiêu cụ thể trong nguồn.".to_string()
            } else {
                c.explanation()
            };
            view! {
                <li data-testid=format!("district-{code}-tc-{}", c.code())>
                    <span class="tong-hop-district-code">{format!("Tiêu chí {}", c.code())}</span>
                    " "
                    {c.name().to_string()}
                    " "
                    {criterion_badge(c.outcome)}
                    <span class="tong-hop-district-explain">" " {why}</span>
                </li>
            }
        })
        .collect_view();
    let counts_only = annex_ii.is_some();
    view! {
        {annex_ii.map(|n| view! {
            <p class="alert alert-warning" data-testid=format!("district-{code}-annex-ii")>{n}</p>
        })}
        <p class="tong-hop-district-counts" data-testid=format!("district-{code}-counts")>
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
                    <p class="tong-hop-district-missing" data-testid=format!("district-{code}-missing")>
                        <strong>{format!("Chưa có hồ sơ năm {} ({n_missing} xã): ", r.year)}</strong>
                        {missing_names.join(", ")}
                        "."
                    </p>
                }
            })}
        {(!counts_only).then(|| view! {
        <TableScroll label=table_label>
            <table class="tong-hop-district-table">
                <caption>"Điều kiện chung (tiêu chí 0)"</caption>
                <thead>
                    <tr>
                        {header_cells(&["Điều kiện", "Kết quả", "Giá trị", "Yêu cầu", "Giải thích"])}
                    </tr>
                </thead>
                <tbody>{cond_rows}</tbody>
            </table>
        </TableScroll>
        <h4 class="tong-hop-district-h4">"Chín tiêu chí huyện"</h4>
        <p class="hint">
            "Các nguồn đã tra cứu của QĐ 320/QĐ-TTg Phụ lục I chưa có chỉ tiêu cụ thể cho chín tiêu chí này, nên tiêu chí chưa có chỉ tiêu là “Chưa xác định”. Tỉnh bổ sung chỉ tiêu ở trang Bộ tiêu chí (“Bộ tiêu chí quốc gia về huyện nông thôn mới giai đoạn 2021–2025”): ô nhập của chỉ tiêu mới hiện ở phần số liệu do huyện nhập phía trên."
        </p>
        <ul class="tong-hop-district-criteria">{criteria_rows}</ul>
        })}
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

    // The district values are the app's (read once); this only shows and edits them.
    let raw = cx.district_raw;
    let notice = cx.district_notice;
    let set_raw = move |key: String, text: String| cx.set_district_input(key, text);

    let save_raw = Callback::new(move |(key, text): (String, String)| set_raw(key, text));
    let card = move |(code, name): (String, String)| {
        view! { <DistrictCard code name year raw save_raw assessments /> }
    };

    view! {
        <section class="tong-hop-district-results" data-testid="district-results" aria-labelledby="district-results-h">
            <h2 id="district-results-h">"Kết quả cấp huyện (QĐ 320/QĐ-TTg)"</h2>
            <p class="hint">
                {move || match year.get() {
                    Some(y) => format!(
                        "Năm {y} (chọn năm ở bộ lọc của bảng). Mỗi huyện có ít nhất một hồ sơ xã trong năm được xét theo điều kiện chung H.0.1–H.0.5 của QĐ 320/QĐ-TTg Phụ lục I, tính từ hồ sơ trong bảng tổng hợp (mọi trạng thái thẩm tra) và số liệu do huyện nhập. Thị xã, thành phố thuộc tỉnh xét theo Phụ lục II, chưa có trong bộ tiêu chí: chỉ đếm số xã, không xét theo Phụ lục I."
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

/// One district: the values it enters itself, and its result.
#[component]
fn DistrictCard(
    code: String,
    name: String,
    year: Memo<Option<u16>>,
    raw: RwSignal<BTreeMap<String, String>>,
    save_raw: Callback<(String, String)>,
    assessments: Memo<Vec<Assessment>>,
) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let y = year.get_untracked().unwrap_or_default();
    // Phụ lục I does not apply to a thị xã or thành phố: nothing of it to enter.
    let annex_i = !ntm_core::district::is_thi_xa_thanh_pho(&name);
    let inputs = rc
        .active
        .with_untracked(|r| entered_fields(r, y))
        .into_iter()
        .filter(|_| annex_i)
        .map(|f| {
            let key = input_key(&code, y, &f.code);
            let (initial, evidence) = raw.with_untracked(|m| {
                let get = |k: &str| m.get(k).cloned().unwrap_or_default();
                (get(&key), get(&evidence_key(&key)))
            });
            view! { <EnteredInput district=code.clone() field=f key initial evidence save_raw /> }
        })
        .collect_view();
    let code2 = code.clone();
    let result = move || {
        let y = year.get()?;
        let rules = rc.active.get();
        let (entered, evidence): (BTreeMap<String, Value>, BTreeMap<String, String>) =
            raw.with(|m| {
                let fields = entered_fields(&rules, y);
                let values = fields
                    .iter()
                    .filter_map(|f| {
                        let text = m.get(&input_key(&code2, y, &f.code))?;
                        Some((f.code.clone(), f.kind.parse(text).ok()??))
                    })
                    .collect();
                let evidence = fields
                    .iter()
                    .filter_map(|f| {
                        let text = m.get(&evidence_key(&input_key(&code2, y, &f.code)))?;
                        Some((f.code.clone(), text.trim().to_string()))
                    })
                    .collect();
                (values, evidence)
            });
        let r = assessments.with(|a| evaluate_district(&rules, &code2, y, a, &entered));
        Some(match r {
            Some(r) => result_view(r, evidence).into_any(),
            None => view! {
                <p class="alert alert-warning">
                    "Bộ tiêu chí đang dùng không có bộ tiêu chí huyện NTM (huyen_ntm), nên chưa đánh giá được."
                </p>
            }
            .into_any(),
        })
    };
    view! {
        <section class="panel tong-hop-district-card" data-testid=format!("district-{code}") aria-labelledby=format!("district-{code}-h")>
            <h3 id=format!("district-{code}-h")>{format!("{name} — năm {y}")}</h3>
            <div class="tong-hop-district-inputs" role="group" aria-label=format!("Số liệu do {name} nhập")>
                {inputs}
            </div>
            {result}
        </section>
    }
}

/// One value a district enters: a yes/no select or a number read by the kernel.
#[component]
fn EnteredInput(
    district: String,
    field: EnteredField,
    key: String,
    initial: String,
    /// The document behind a yes/no answer, as typed.
    evidence: String,
    save_raw: Callback<(String, String)>,
) -> impl IntoView {
    let id = format!("district-{district}-input-{}", field.code.replace('.', "-"));
    let ev_id = format!("{id}-evidence");
    let ev_key = evidence_key(&key);
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let hint = format!("{} {}", hint_for(&field.code), field.required);
    let is_flag = field.kind == Kind::Boolean;
    let control = if is_flag {
        let on_change = Callback::new(move |b: Option<bool>| {
            save_raw.run((key.clone(), b.map(|b| b.to_string()).unwrap_or_default()))
        });
        view! {
            <FlagSelect
                id=id.clone()
                initial=flag_select::read(&initial)
                on_change
                yes_label="Đạt"
                no_label="Chưa đạt"
                described_by=hint_id.clone()
            />
        }
        .into_any()
    } else {
        let on_text = Callback::new(move |(text, _): (String, Option<f64>)| {
            save_raw.run((key.clone(), text))
        });
        view! {
            <NumberInput
                id=id.clone()
                kind=field.kind
                initial
                on_text
                error_testid=err_id
                described_by=hint_id.clone()
            />
        }
        .into_any()
    };
    // A yes/no answer is the district's own finding: the document it rests on goes with it.
    let evidence_field = is_flag.then(|| {
        let on_input = move |ev| save_raw.run((ev_key.clone(), event_target_value(&ev)));
        view! {
            <label for=ev_id.clone() class="tong-hop-district-evidence-label">
                {format!("Minh chứng cho {} (số, ngày văn bản)", field.code)}
            </label>
            <input
                type="text"
                id=ev_id.clone()
                maxlength="500"
                placeholder="Ví dụ: Báo cáo số 12/BC-UBND ngày 10/11/2024"
                prop:value=evidence
                on:input=on_input
            />
        }
    });
    view! {
        <div class="field tong-hop-district-field">
            <label for=id>{field.label}</label>
            {control}
            <span class="hint" id=hint_id>{hint}</span>
            {evidence_field}
        </div>
    }
}
