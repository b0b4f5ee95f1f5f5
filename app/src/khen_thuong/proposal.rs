//! What is proposed for a candidate: the award form, the kind of commendation, the point of the
//! Law to be judged against, and the candidate's own decision date.

use crate::infra::clock::vi_date;
use crate::khen_thuong::fields::{award_options, get, select_field, set};
use crate::khen_thuong::state::{rules, NominationsCtx};
use crate::ui::date_input::DateInput;
use leptos::prelude::*;
use ntm_core::awards::Standard;
use ntm_core::nominations::{Basis, Decider};

/// The proposal kinds offered (the others stay selectable when a file holds them).
const BASES: [Basis; 3] = [Basis::ChuyenDe, Basis::CongTrang, Basis::DotXuat];

/// Longest standard text shown in an option.
const OPTION_CHARS: usize = 90;

/// Whether a standard of the Law applies to this award, subject, kind and regime.
pub fn standard_applies(
    st: &Standard,
    award: &str,
    subject: &str,
    basis: Basis,
    regime: Option<&str>,
) -> bool {
    st.award == award
        && st.subjects.iter().any(|s| s == subject)
        && st.tracks.contains(&basis)
        && regime.is_none_or(|r| st.regimes.iter().any(|x| x == r))
}

fn standard_option(st: &Standard, selected: bool) -> AnyView {
    let text: String = st.text.chars().take(OPTION_CHARS).collect();
    let more = if st.text.chars().count() > OPTION_CHARS {
        "…"
    } else {
        ""
    };
    let source = st
        .source
        .annex
        .clone()
        .unwrap_or_else(|| st.source.document.clone());
    view! { <option value=st.id.clone() selected=selected>{format!("{source} — {text}{more}")}</option> }
        .into_any()
}

/// The options of the standard select: any, the applicable ones, and the stored one if it no
/// longer applies (so it is seen, not silently dropped).
fn standard_options(
    current: String,
    award: String,
    subject: String,
    basis: Basis,
    regime: Option<String>,
) -> Vec<AnyView> {
    let mut seen = false;
    let mut opts = vec![view! { <option value="" selected=current.is_empty()>"Bất kỳ điểm nào áp dụng được"</option> }
        .into_any()];
    for st in rules()
        .standards
        .iter()
        .filter(|st| standard_applies(st, &award, &subject, basis, regime.as_deref()))
    {
        let sel = st.id == current;
        seen |= sel;
        opts.push(standard_option(st, sel));
    }
    if !current.is_empty() && !seen {
        let text = format!(
            "{current} (không áp dụng cho đối tượng, loại hình khen hoặc ngày quyết định này)"
        );
        opts.push(view! { <option value=current selected=true>{text}</option> }.into_any());
    }
    opts
}

fn basis_options(current: Basis) -> impl IntoView {
    let mut list: Vec<Basis> = BASES.to_vec();
    if !list.contains(&current) {
        list.push(current);
    }
    list.into_iter()
        .map(|b| {
            let label = ntm_core::text::sentence(b.label_vi())
                .trim_end_matches('.')
                .to_string();
            view! { <option value=b.code() selected=b == current>{label}</option> }
        })
        .collect_view()
}

/// "Chưa chọn" then each signer; an older file without the field reads as not chosen.
fn decider_options(current: Option<Decider>) -> impl IntoView {
    let none = view! { <option value="" selected=current.is_none()>"Chưa chọn"</option> };
    let each = Decider::ALL
        .into_iter()
        .map(|d| view! { <option value=d.code() selected=current == Some(d)>{d.label_vi()}</option> })
        .collect_view();
    (none, each)
}

fn decision_date(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="cand-date">"Ngày quyết định riêng cho ứng viên này (nếu khác ngày chung)"</label>
            <div class="khen-thuong-inline">
                <DateInput
                    id="cand-date".to_string()
                    testid="cand-date"
                    label="Ngày quyết định riêng"
                    value=Signal::derive(move || get(ctx, cid, |c| c.decision_date.clone()).unwrap_or_default())
                    on_date=Callback::new(move |v: String| {
                        set(ctx, cid, move |c| c.decision_date = (!v.is_empty()).then_some(v));
                    })
                />
                <span class="hint">
                    {move || match ctx.register.with(|r| r.decision_date.clone()) {
                        Some(d) => format!("Ngày chung của danh sách: {}.", vi_date(&d)),
                        None => "Danh sách chưa có ngày chung.".to_string(),
                    }}
                </span>
            </div>
        </div>
    }
}

#[component]
pub fn ProposalFields(
    cid: StoredValue<String>,
    subject: Memo<String>,
    award: Memo<String>,
    basis: Memo<Basis>,
    regime: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let standards = move || {
        let current = get(ctx, cid, |c| c.proposed.standard.clone()).unwrap_or_default();
        standard_options(
            current,
            award.get(),
            subject.get(),
            basis.get(),
            regime.get(),
        )
    };
    let set_award = move |a: String| {
        set(ctx, cid, move |c| {
            c.proposed.award = a;
            c.proposed.standard = None;
        })
    };
    let set_basis = move |v: String| {
        if let Some(b) = Basis::from_code(&v) {
            set(ctx, cid, move |c| c.proposed.basis = b);
        }
    };
    let set_standard = move |v: String| {
        set(ctx, cid, move |c| {
            c.proposed.standard = (!v.is_empty()).then_some(v)
        })
    };
    let set_decider = move |v: String| {
        set(ctx, cid, move |c| {
            c.proposed.decider = Decider::from_code(&v)
        })
    };
    let deciders = move || decider_options(get(ctx, cid, |c| c.proposed.decider));
    view! {
        <fieldset class="khen-thuong-fieldset">
            <legend>"Đề nghị"</legend>
            <div class="khen-thuong-two">
                {select_field("cand-award", "Hình thức đề nghị", None, set_award, move || award_options(&award.get()))}
                {select_field("cand-basis", "Loại hình khen thưởng", None, set_basis, move || basis_options(basis.get()))}
            </div>
            {select_field("cand-standard", "Điểm tiêu chuẩn đề nghị xét", Some("cand-standard-hint"), set_standard, standards)}
            <p class="hint" id="cand-standard-hint">
                "Các điểm của Luật áp dụng cho hình thức, đối tượng, loại hình khen và ngày quyết định đã chọn. Để “bất kỳ” thì mọi điểm áp dụng được đều được xét."
            </p>
            {select_field("cand-decider", "Cấp quyết định Giấy khen", Some("cand-decider-hint"), set_decider, deciders)}
            <p class="hint" id="cand-decider-hint">
                "Người sẽ ký Giấy khen nếu ứng viên được khen bằng Giấy khen. Tiền thưởng Giấy khen theo Nghị định 91/2017/NĐ-CP tùy người quyết định: Chủ tịch UBND cấp xã 0,15 lần lương cơ sở, thủ trưởng cơ quan, đơn vị 0,3 lần. Chưa chọn thì không ước tính tiền thưởng Giấy khen."
            </p>
            {decision_date(ctx, cid)}
        </fieldset>
    }
}
