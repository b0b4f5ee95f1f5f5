//! One indicator: what is required, its legal basis, the input, and the live outcome.

use crate::tu_danh_gia::draft_fields::{ApplyFlag, ApplyNumber, DraftFlag, DraftNumber};
use crate::tu_danh_gia::invalid::InvalidCells;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::outcome_badge::OutcomeBadge;
use crate::ui::source_note::SourceNote;
use crate::ui::status_tag::BadgeTags;
use leptos::prelude::*;
use ntm_core::criteria::{IndicatorResult, NO_THRESHOLD};
use ntm_core::dossier::MAX_EVIDENCE_CHARS;
use ntm_core::rules::{DistrictMeasure, Indicator, Input, Kind, Threshold};
use ntm_core::text::shown_code;
use ntm_core::typed::{condition_key, evidence_key, value_key, Shown};
use ntm_core::{Assessment, Outcome, Rules, Value};
use std::sync::Arc;

pub fn find_result<'a>(a: &'a Assessment, set: &str, code: &str) -> Option<IndicatorResult<'a>> {
    a.set(set)?.indicators().find(|i| i.code() == code)
}

/// The requirement as applied for the draft's year, in words.
pub fn required_text(r: Option<IndicatorResult>) -> String {
    r.map_or_else(|| NO_THRESHOLD.to_string(), |r| r.required_text())
}

/// Where a derived indicator's value comes from, in words.
pub fn derived_text(rules: &Rules, set: &str, input: &Input) -> String {
    match input {
        Input::From(r) => {
            if *r.set == *set {
                format!("Tính từ chỉ tiêu {}", shown_code(&r.code))
            } else {
                let title = rules
                    .set(&r.set)
                    .map_or(r.set.to_string(), |s| s.title.to_string());
                format!("Tính từ chỉ tiêu {} của “{}”", shown_code(&r.code), title)
            }
        }
        Input::Condition(f) => format!("Lấy từ mục “Điều kiện công nhận”: {}", f.label_vi()),
        Input::Level(l) => format!("Tính từ kết quả đánh giá: {}", l.label_vi()),
        Input::District(m) => format!(
            "Tính từ kết quả của các xã trong huyện: {}",
            match m {
                DistrictMeasure::CommunesNtmPct => "tỷ lệ xã đạt chuẩn nông thôn mới",
                DistrictMeasure::CommunesNangCaoPct => "tỷ lệ xã đạt chuẩn nông thôn mới nâng cao",
                DistrictMeasure::MinCommuneSatisfactionPct => "tỷ lệ hài lòng thấp nhất của các xã",
            }
        ),
    }
}

/// Labels for a yes/no indicator: where "no" is required, "Có/Không" reads right.
fn flag_labels(ind: &Indicator) -> (&'static str, &'static str) {
    match ind.threshold {
        Some(Threshold::Flag(false)) => ("Có", "Không"),
        _ => ("Đạt", "Chưa đạt"),
    }
}

#[derive(Clone, PartialEq)]
struct RowState {
    outcome: Outcome,
    explanation: String,
    required: String,
}

/// The indicator's label and its input (or, for a derived one, where its value comes from).
fn entry_views(
    set: &str,
    ind: &Arc<Indicator>,
    rules: &Rules,
    id: &str,
    req_id: &str,
) -> (AnyView, AnyView) {
    let ws = expect_context::<Workspace>();
    let (set, code, id, req_id) = (
        set.to_string(),
        ind.code.to_string(),
        id.to_string(),
        req_id.to_string(),
    );
    if ind.is_entered() {
        let value = ws.with_open(|d| d.dossier.value(&set, &code)).flatten();
        let label = view! {
            <label for=id.clone() class="ind-label">
                <span class="ind-code">{shown_code(&code).to_string()}</span>
                " "
                {ind.name.to_string()}
            </label>
        }
        .into_any();
        let field = if ind.kind == Kind::Boolean {
            let (yes, no) = flag_labels(ind);
            let apply: ApplyFlag = {
                let (set, code) = (set.clone(), code.clone());
                Arc::new(move |d, v| d.set_value(&set, &code, v.map(Value::Bool)))
            };
            view! {
                <DraftFlag
                    id=id.clone()
                    testid=format!("input-{set}-{code}")
                    initial=value.and_then(|v| match v {
                        Value::Bool(b) => Some(b),
                        Value::Number(_) => None,
                    })
                    yes_label=yes
                    no_label=no
                    described_by=req_id.clone()
                    apply=apply
                />
            }
            .into_any()
        } else {
            let apply: ApplyNumber = {
                let (set, code) = (set.clone(), code.clone());
                Arc::new(move |d, v| d.set_value(&set, &code, v.map(Value::Number)))
            };
            let number = value.and_then(|v| match v {
                Value::Number(n) => Some(n),
                Value::Bool(_) => None,
            });
            view! {
                <DraftNumber
                    id=id.clone()
                    testid=format!("input-{set}-{code}")
                    error_testid=format!("error-{set}-{code}")
                    kind=ind.kind
                    key=value_key(&set, &code)
                    value=number
                    suffix=ind.unit.as_ref().map(|u| u.to_string()).unwrap_or_default()
                    described_by=req_id.clone()
                    apply=apply
                />
            }
            .into_any()
        };
        (label, field)
    } else {
        let how = ind
            .input
            .as_ref()
            .map(|i| derived_text(rules, &set, i))
            .unwrap_or_default();
        (
            view! {
                <p class="ind-label">
                    <span class="ind-code">{shown_code(&code).to_string()}</span>
                    " "
                    {ind.name.to_string()}
                </p>
            }
            .into_any(),
            view! { <p class="derived">{how}</p> }.into_any(),
        )
    }
}

/// The evidence note of an indicator (số, ngày văn bản), kept as typed.
#[component]
fn EvidenceField(set: String, code: String, id: String) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let ev_id = id;
    let evidence_initial = ws
        .with_open(|d| {
            d.raw.get(&evidence_key(&set, &code)).cloned().or_else(|| {
                d.dossier
                    .evidence
                    .get(&*set)
                    .and_then(|m| m.get(&*code))
                    .map(|s| s.to_string())
            })
        })
        .flatten()
        .unwrap_or_default();
    let on_evidence = {
        let (set, code) = (set.clone(), code.clone());
        move |ev| {
            let text = event_target_value(&ev);
            let (set, code) = (set.clone(), code.clone());
            ws.edit(move |d| {
                d.dossier.set_evidence(&set, &code, &text);
                let kept = d
                    .dossier
                    .evidence
                    .get(&*set)
                    .and_then(|m| m.get(&*code))
                    .map(|s| s.to_string());
                let key = evidence_key(&set, &code);
                // Keep the typed text only where the dossier's normalised copy differs from it.
                if kept.as_deref().unwrap_or("") == text {
                    d.raw.remove(&key);
                } else {
                    d.raw.insert(key, text);
                }
            });
        }
    };

    view! {
        <details class="evidence" open=true>
            <summary>
                "Minh chứng"
            </summary>
            <label for=ev_id.clone() class="evidence-label">
                "Số, ngày văn bản hoặc mô tả minh chứng cho chỉ tiêu "
                {shown_code(&code).to_string()}
            </label>
            <textarea
                id=ev_id
                rows="1"
                placeholder="Ví dụ: QĐ số 15/QĐ-UBND ngày 12/01/2023"
                maxlength=MAX_EVIDENCE_CHARS.to_string()
                data-testid=format!("evidence-{set}-{code}")
                on:input=on_evidence
                prop:value=evidence_initial
            ></textarea>
        </details>
    }
}

#[component]
pub fn IndicatorRow(set: String, ind: Arc<Indicator>, rules: Arc<Rules>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let code = ind.code.to_string();
    let id = format!("f-{set}-{code}");
    let req_id = format!("{id}-req");
    let ev_id = format!("{id}-ev");

    let state = {
        let (set, code) = (set.clone(), code.clone());
        Memo::new(move |_| {
            ws.assessment.with(|a| {
                let r = a.as_ref().and_then(|a| find_result(a, &set, &code));
                RowState {
                    outcome: r.map_or(Outcome::ThieuSoLieu, |r| r.outcome),
                    explanation: r.map(|r| r.explanation()).unwrap_or_default(),
                    required: required_text(r),
                }
            })
        })
    };
    // Refused text (typed here, or in the condition this indicator reads) is not "no data".
    let typed_key = match &ind.input {
        None => Some(value_key(&set, &code)),
        Some(Input::Condition(f)) => Some(condition_key(*f)),
        Some(_) => None,
    };
    let invalid = expect_context::<InvalidCells>();
    let shown = Memo::new(move |_| match &typed_key {
        Some(k) if invalid.has(k) => Shown::Invalid,
        _ => Shown::Judged(state.with(|s| s.outcome)),
    });
    let outcome_code = Signal::derive(move || shown.get().code());
    let outcome_label = Signal::derive(move || shown.get().label_vi());

    let (label, field) = entry_views(&set, &ind, &rules, &id, &req_id);
    // Both facts of the rule as applied for the draft's year: its threshold, its code.
    let badges = {
        let (ind, rules) = (ind.clone(), rules.clone());
        Memo::new(move |_| {
            ws.assessment.with(|a| match a {
                Some(a) => a.badges(&ind),
                None => rules.badges(&ind, None),
            })
        })
    };
    let status_testid = format!("status-{set}-{code}");

    view! {
        <div class="ind" data-kind=format!("{:?}", ind.kind).to_ascii_lowercase()>
            <div class="ind-head">
                {label}
                {move || view! { <BadgeTags badges=badges.get() testid=status_testid.clone() /> }}
            </div>
            <div class="ind-grid">
                <div class="ind-entry">
                    {field}
                    <p class="required">
                        "Yêu cầu: "
                        <span id=req_id.clone() data-testid=format!("required-{set}-{code}")>
                            {move || state.with(|s| s.required.clone())}
                        </span>
                    </p>
                </div>
                <div class="ind-outcome">
                    <OutcomeBadge
                        code=outcome_code
                        label=outcome_label
                        testid=format!("outcome-{set}-{code}")
                    />
                    <p class="explanation">
                        {move || match shown.get() {
                            Shown::Invalid => "Chữ đã gõ không phải là giá trị hợp lệ nên chưa được tính; xem hướng dẫn dưới ô nhập.".to_string(),
                            Shown::Judged(_) => state.with(|s| s.explanation.clone()),
                        }}
                    </p>
                </div>
            </div>
            <SourceNote
                citation=ind.source.citation()
                url=ind.source.url.as_ref().map(|u| u.to_string())
                note=ind.note.as_ref().map(|n| n.to_string())
            />
            <EvidenceField set=set.clone() code=code.clone() id=ev_id />
        </div>
    }
}
