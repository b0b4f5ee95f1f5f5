//! One candidate's record: who (name, plan group, law subject, unit; for a commune its evaluated
//! dossier, for a district its XDCB debt), the achievement (optionally a good model of the
//! register), the proposal, the decision date, priority and hold flags, then the award history
//! and the judgment checklist. Every change is written to the register at once.

use crate::khen_thuong::commune_link::commune_link;
use crate::khen_thuong::fields::{
    checkbox, get, group_options, select_field, set, shown, text_field,
};
use crate::khen_thuong::history::NominationHistory;
use crate::khen_thuong::judgments::NominationJudgments;
use crate::khen_thuong::proposal::ProposalFields;
use crate::khen_thuong::state::{model_achievement_id, rules, subject_name, NominationsCtx};
use crate::ui::field_error::FieldError;
use crate::ui::number_input::NumberInput;
use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::nominations::Candidate;

/// The name field: a register without names cannot be imported back, so a blank one is flagged.
fn name_field(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let missing = Signal::derive(move || {
        get(ctx, cid, |c| c.name.trim().is_empty())
            .then(|| "Chưa có tên: danh sách xuất ra sẽ không nhập lại được.".to_string())
    });
    view! {
        <div class="field">
            <label for="cand-name">"Tên cá nhân, tập thể"</label>
            <input
                type="text"
                id="cand-name"
                data-testid="cand-name"
                autocomplete="off"
                prop:value=move || get(ctx, cid, |c| c.name.clone())
                aria-invalid=move || missing.with(Option::is_some).then_some("true")
                aria-describedby=move || missing.with(Option::is_some).then_some("cand-name-error")
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    set(ctx, cid, move |c| c.name = v);
                }
            />
            <FieldError id="cand-name-error".to_string() message=missing />
        </div>
    }
}

/// A new group keeps the subject only when the group allows it, and drops what only the old
/// group used (the commune link of group c, the debt of group b).
fn change_group(c: &mut Candidate, g: String) {
    if let Some(def) = rules().group(&g) {
        if !def.subjects.contains(&c.subject) {
            c.subject = def.subjects.first().cloned().unwrap_or_default();
        }
    }
    if g != "c" {
        c.commune = None;
    }
    if g != "b" {
        c.xdcb_debt_vnd = None;
    }
    c.group = g;
}

fn subject_options(group: &str, current: &str) -> impl IntoView {
    rules()
        .group(group)
        .map(|g| g.subjects.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            let sel = s == current;
            view! { <option value=s.clone() selected=sel>{subject_name(&s)}</option> }
        })
        .collect_view()
}

fn debt_field(ctx: NominationsCtx, cid: StoredValue<String>, initial: String) -> impl IntoView {
    let on_text = Callback::new(move |(_, v): (String, Option<f64>)| {
        set(ctx, cid, move |c| c.xdcb_debt_vnd = v)
    });
    view! {
        <div class="field">
            <label for="cand-debt">"Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới"</label>
            <NumberInput
                id="cand-debt".to_string()
                kind=Kind::Money
                testid="cand-debt"
                initial=initial
                described_by="cand-debt-hint"
                on_text=on_text
            />
            <p class="hint" id="cand-debt-hint">"Ghi 0 nếu không còn nợ đọng; để trống nếu chưa có số liệu."</p>
        </div>
    }
}

#[component]
fn WhoFields(
    cid: StoredValue<String>,
    group: Memo<String>,
    subject: Memo<String>,
) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let debt_initial = shown(
        Kind::Money,
        cid.with_value(|id| ctx.candidate(id).and_then(|c| c.xdcb_debt_vnd)),
    );
    let on_group = move |g: String| set(ctx, cid, move |c| change_group(c, g));
    let on_subject = move |s: String| set(ctx, cid, move |c| c.subject = s);
    view! {
        <fieldset class="khen-thuong-fieldset">
            <legend>"Ứng viên"</legend>
            {name_field(ctx, cid)}
            <div class="khen-thuong-two">
                {select_field("cand-group", "Nhóm đối tượng (kế hoạch mục V.1)", None, on_group, move || group_options(&group.get()))}
                {select_field("cand-subject", "Đối tượng theo Luật", None, on_subject, move || subject_options(&group.get(), &subject.get()))}
            </div>
            {text_field(ctx, cid, "cand-unit", "Đơn vị, địa chỉ", |c| c.unit.clone(), |c, v| c.unit = v)}
            {move || (group.get() == "c").then(|| commune_link(ctx, cid))}
            <Show when=move || group.get() == "b">{debt_field(ctx, cid, debt_initial.clone())}</Show>
        </fieldset>
    }
}

/// Linking a model makes the achievement the model's (shared by every nomination resting on it).
fn link_model(c: &mut Candidate, model: String, model_name: Option<String>) {
    if model.is_empty() {
        c.achievement.model = None;
        c.achievement.id = format!("tt-{}", c.id.trim_start_matches("uv-"));
    } else {
        c.achievement.id = model_achievement_id(&model);
        c.achievement.model = Some(model);
        if c.achievement.summary.trim().is_empty() {
            c.achievement.summary = model_name.unwrap_or_default();
        }
    }
}

fn model_options(ctx: NominationsCtx, cid: StoredValue<String>) -> Vec<AnyView> {
    let cur = get(ctx, cid, |c| c.achievement.model.clone()).unwrap_or_default();
    let list = ctx.register.with(|r| {
        r.models
            .iter()
            .map(|m| (m.id.clone(), format!("{} — {}", m.kind.label_vi(), m.name)))
            .collect::<Vec<_>>()
    });
    let mut opts = vec![
        view! { <option value="" selected=cur.is_empty()>"— Không liên kết —"</option> }.into_any(),
    ];
    for (mid, label) in list {
        let sel = mid == cur;
        opts.push(view! { <option value=mid selected=sel>{label}</option> }.into_any());
    }
    opts
}

/// The achievement's id, and a warning when another nomination rests on the same achievement.
fn achievement_note(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
    let (aid, model) = get(ctx, cid, |c| {
        (c.achievement.id.clone(), c.achievement.model.clone())
    });
    let others: Vec<String> = ctx.register.with(|r| {
        cid.with_value(|me| {
            r.candidates
                .iter()
                .filter(|c| {
                    &c.id != me && !aid.trim().is_empty() && c.achievement.id.trim() == aid.trim()
                })
                .map(|c| c.name.clone())
                .collect()
        })
    });
    let principle = &rules().principles.one_achievement;
    let shared = (!others.is_empty()).then(|| {
        let text = format!(
            "Cùng thành tích với: {}. {} ({}).",
            others.join(", "),
            principle.text,
            principle.source.citation()
        );
        view! { <p class="alert alert-warning" data-testid="achievement-shared">{text}</p> }
    });
    view! {
        <p class="hint" data-testid="achievement-id">
            "Mã thành tích: " <code>{aid}</code>
            {model.map(|_| " (theo mô hình đã liên kết: mọi đề nghị cùng mô hình là cùng một thành tích)")}
        </p>
        {shared}
    }
}

#[component]
fn AchievementFields(cid: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let on_model = move |m: String| {
        let name = ctx
            .register
            .with_untracked(|r| r.models.iter().find(|x| x.id == m).map(|x| x.name.clone()));
        set(ctx, cid, move |c| link_model(c, m, name));
    };
    view! {
        <fieldset class="khen-thuong-fieldset">
            <legend>"Thành tích"</legend>
            <div class="field">
                <label for="cand-achievement">"Tóm tắt thành tích"</label>
                <textarea
                    id="cand-achievement"
                    data-testid="cand-achievement"
                    rows="3"
                    prop:value=move || get(ctx, cid, |c| c.achievement.summary.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set(ctx, cid, move |c| c.achievement.summary = v);
                    }
                ></textarea>
            </div>
            {select_field("cand-model", "Là điển hình, mô hình trong sổ điển hình tiên tiến", None, on_model, move || model_options(ctx, cid))}
            {move || achievement_note(ctx, cid)}
        </fieldset>
    }
}

#[component]
fn FlagFields(cid: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    view! {
        <fieldset class="khen-thuong-fieldset">
            <legend>"Diện ưu tiên (dùng để xếp thứ tự, không phải điều kiện)"</legend>
            <div class="khen-thuong-checks">
                {checkbox(ctx, cid, "prio-direct", "Trực tiếp lao động, sản xuất", |c| c.priority.direct_worker, |c, v| c.priority.direct_worker = v)}
                {checkbox(ctx, cid, "prio-woman", "Nữ", |c| c.priority.woman, |c, v| c.priority.woman = v)}
                {checkbox(ctx, cid, "prio-ethnic", "Dân tộc thiểu số", |c| c.priority.ethnic_minority, |c, v| c.priority.ethnic_minority = v)}
                {checkbox(ctx, cid, "prio-area", "Vùng đặc biệt khó khăn", |c| c.priority.disadvantaged_area, |c, v| c.priority.disadvantaged_area = v)}
            </div>
        </fieldset>
        <fieldset class="khen-thuong-fieldset">
            <legend>"Trường hợp tạm chưa khen thưởng"</legend>
            <div class="khen-thuong-checks">
                {checkbox(ctx, cid, "hold-discipline", "Đang xem xét kỷ luật", |c| c.pending.discipline, |c, v| c.pending.discipline = v)}
                {checkbox(ctx, cid, "hold-investigation", "Đang bị điều tra, thanh tra, kiểm tra", |c| c.pending.investigation, |c, v| c.pending.investigation = v)}
                {checkbox(ctx, cid, "hold-complaint", "Có khiếu nại, tố cáo đang giải quyết", |c| c.pending.complaint, |c, v| c.pending.complaint = v)}
            </div>
            {text_field(ctx, cid, "hold-note", "Ghi chú", |c| c.pending.note.clone(), |c, v| c.pending.note = v)}
        </fieldset>
    }
}

#[component]
pub fn NominationEditor(id: String) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let cid = StoredValue::new(id);
    let group = Memo::new(move |_| get(ctx, cid, |c| c.group.clone()));
    let subject = Memo::new(move |_| get(ctx, cid, |c| c.subject.clone()));
    let award = Memo::new(move |_| get(ctx, cid, |c| c.proposed.award.clone()));
    let basis = Memo::new(move |_| get(ctx, cid, |c| c.proposed.basis));
    // The regime the candidate's decision date (or the register's) gives, for the standards list.
    let regime = Memo::new(move |_| {
        let own = get(ctx, cid, |c| c.decision_date.clone());
        let date = own.or_else(|| ctx.register.with(|r| r.decision_date.clone()));
        date.and_then(|d| rules().regime_on(&d).map(|r| r.id.clone()))
    });
    view! {
        <section class="panel khen-thuong-editor" aria-labelledby="kt-editor-h" data-testid="candidate-editor">
            <h2 id="kt-editor-h">
                "Hồ sơ ứng viên: "
                {move || get(ctx, cid, |c| c.name.clone())}
            </h2>
            <WhoFields cid=cid group=group subject=subject />
            <AchievementFields cid=cid />
            <ProposalFields cid=cid subject=subject award=award basis=basis regime=regime />
            <FlagFields cid=cid />
            <NominationHistory cid=cid />
            <NominationJudgments cid=cid group=group subject=subject award=award basis=basis regime=regime />
        </section>
    }
}
