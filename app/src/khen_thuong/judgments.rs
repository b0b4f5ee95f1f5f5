//! The judgment checklist: for every item the council may have to judge for the candidate's
//! group and subject, the evidence recorded (document, date, issuer, description, figure) and
//! the council's decision with its minutes. The app never marks a judgment met by itself: only
//! a decision of the council, with the number and date of its minutes, does.

use crate::infra::clock::vi_date;
use crate::khen_thuong::fields::{get, get_untracked, set};
use crate::khen_thuong::proposal::standard_applies;
use crate::khen_thuong::state::{rules, NominationsCtx};
use crate::ui::date_input::DateInput;
use crate::ui::field_error::FieldError;
use crate::ui::number_input::{self, NumberInput};
use crate::ui::table::header_cells;
use leptos::prelude::*;
use ntm_core::awards::{Condition, CriterionKind};
use ntm_core::input::Kind;
use ntm_core::nominations::{Basis, CouncilDecision, Evidence, Judgment};
use ntm_core::text::parse_vi_date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    NotYet,
    Accepted,
    Rejected,
}

impl Choice {
    fn code(self) -> &'static str {
        match self {
            Choice::NotYet => "chua_xet",
            Choice::Accepted => "cong_nhan",
            Choice::Rejected => "khong_cong_nhan",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Choice::NotYet => "Chưa xét",
            Choice::Accepted => "Hội đồng công nhận",
            Choice::Rejected => "Hội đồng không công nhận",
        }
    }
}

/// A DOM id from an item id ("dong_gop_ghi_nhan" is already safe; keep it so).
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn status_of(j: Option<&Judgment>) -> (&'static str, &'static str) {
    match j {
        Some(j) => match &j.council {
            Some(d) if d.accepted => ("cong_nhan", "Hội đồng đã công nhận"),
            Some(_) => ("khong_cong_nhan", "Hội đồng không công nhận"),
            None if j.evidence.is_empty() => ("chua_co", "Chưa có minh chứng"),
            None => ("cho_xet", "Có minh chứng, chờ Hội đồng xét"),
        },
        None => ("chua_co", "Chưa có minh chứng"),
    }
}

fn evidence_form(ctx: NominationsCtx, cid: StoredValue<String>, item: String) -> impl IntoView {
    let s = slug(&item);
    let document = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let issuer = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let figure = RwSignal::new(String::new());
    // Bumped after a row is added: the figure field is drawn afresh, empty.
    let added = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let item_add = item.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (doc, desc) = (
            document.get_untracked().trim().to_string(),
            description.get_untracked().trim().to_string(),
        );
        if doc.is_empty() && desc.is_empty() {
            error.set(Some(
                "Ghi ít nhất số văn bản hoặc nội dung của minh chứng.".into(),
            ));
            return;
        }
        let fig = match number_input::read(Kind::Number, &figure.get_untracked(), None) {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(format!("Số liệu: {e}")));
                return;
            }
        };
        // A refused date is kept in `date` by its field, which shows why.
        let d = match parse_vi_date(&date.get_untracked()) {
            Ok(d) => d.unwrap_or_default(),
            Err(e) => {
                error.set(Some(format!("Ngày: {e}.")));
                return;
            }
        };
        error.set(None);
        let ev = Evidence {
            document: doc,
            date: (!d.is_empty()).then_some(d),
            issuer: issuer.get_untracked().trim().to_string(),
            description: desc,
            figure: fig,
        };
        let key = item_add.clone();
        set(ctx, cid, move |c| {
            c.judgments.entry(key).or_default().evidence.push(ev);
        });
        for s in [document, date, issuer, description, figure] {
            s.set(String::new());
        }
        added.update(|n| *n += 1);
    };
    let f = |suffix: &str| format!("ev-{s}-{suffix}");
    let (id_doc, id_date, id_issuer, id_desc, id_fig) =
        (f("doc"), f("date"), f("issuer"), f("desc"), f("figure"));
    let err_id = f("error");
    let err_for_doc = err_id.clone();
    view! {
        <form class="khen-thuong-add-row khen-thuong-evidence-form" on:submit=add novalidate data-testid=format!("evidence-form-{item}")>
            <div class="field">
                <label for=id_doc.clone()>"Số văn bản"</label>
                <input
                    type="text"
                    id=id_doc.clone()
                    data-testid=id_doc
                    autocomplete="off"
                    placeholder="123/QĐ-UBND"
                    prop:value=move || document.get()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then(|| err_for_doc.clone())
                    on:input=move |ev| document.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=id_date.clone()>"Ngày"</label>
                <DateInput
                    id=id_date.clone()
                    testid=id_date
                    label="Ngày"
                    value=date
                    on_date=Callback::new(move |v| date.set(v))
                    on_invalid=Callback::new(move |v| date.set(v))
                />
            </div>
            <div class="field">
                <label for=id_issuer.clone()>"Cơ quan ban hành"</label>
                <input type="text" id=id_issuer.clone() data-testid=id_issuer autocomplete="off" prop:value=move || issuer.get() on:input=move |ev| issuer.set(event_target_value(&ev)) />
            </div>
            <div class="field khen-thuong-grow">
                <label for=id_desc.clone()>"Nội dung"</label>
                <input type="text" id=id_desc.clone() data-testid=id_desc autocomplete="off" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev)) />
            </div>
            <div class="field khen-thuong-figure">
                <label for=id_fig.clone()>"Số liệu (nếu có)"</label>
                {move || {
                    added.track();
                    view! {
                        <NumberInput
                            id=id_fig.clone()
                            kind=Kind::Number
                            testid=id_fig.clone()
                            initial=String::new()
                            on_text=Callback::new(move |(t, _): (String, Option<f64>)| figure.set(t))
                        />
                    }
                }}
            </div>
            <button type="submit" class="small" data-testid=format!("evidence-add-{item}")>"Thêm minh chứng"</button>
        </form>
        <FieldError id=err_id message=error />
    }
}

fn council_form(ctx: NominationsCtx, cid: StoredValue<String>, item: String) -> impl IntoView {
    let s = slug(&item);
    let stored = get_untracked(ctx, cid, |c| {
        c.judgments.get(&item).and_then(|j| j.council.clone())
    });
    let choice = RwSignal::new(match &stored {
        Some(d) if d.accepted => Choice::Accepted,
        Some(_) => Choice::Rejected,
        None => Choice::NotYet,
    });
    let minutes = RwSignal::new(
        stored
            .as_ref()
            .map(|d| d.minutes.clone())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(stored.map(|d| d.date).unwrap_or_default());
    // What the form holds, written to the candidate: a decision only with minutes and a date.
    let write = {
        let item = item.clone();
        move || {
            let decision = match choice.get_untracked() {
                Choice::NotYet => None,
                c => {
                    let (m, d) = (
                        minutes.get_untracked().trim().to_string(),
                        date.get_untracked(),
                    );
                    (!m.is_empty() && !d.is_empty()).then_some(CouncilDecision {
                        accepted: c == Choice::Accepted,
                        minutes: m,
                        date: d,
                    })
                }
            };
            let key = item.clone();
            set(ctx, cid, move |c| {
                let j = c.judgments.entry(key.clone()).or_default();
                j.council = decision;
                if j.council.is_none() && j.evidence.is_empty() {
                    c.judgments.remove(&key);
                }
            });
        }
    };
    let incomplete = move || {
        choice.get() != Choice::NotYet
            && (minutes.with(|m| m.trim().is_empty()) || date.with(String::is_empty))
    };
    let name = format!("council-{s}");
    let radios = [Choice::NotYet, Choice::Accepted, Choice::Rejected]
        .into_iter()
        .map(|c| {
            let id = format!("council-{s}-{}", c.code());
            let write = write.clone();
            view! {
                <label class="khen-thuong-radio" for=id.clone()>
                    <input
                        type="radio"
                        id=id.clone()
                        data-testid=id.clone()
                        name=name.clone()
                        value=c.code()
                        prop:checked=move || choice.get() == c
                        on:change=move |_| {
                            choice.set(c);
                            write();
                        }
                    />
                    {c.label()}
                </label>
            }
        })
        .collect_view();
    let (id_min, id_date) = (format!("council-{s}-minutes"), format!("council-{s}-date"));
    let write_m = write.clone();
    let write_d = write;
    view! {
        <fieldset class="khen-thuong-council" data-testid=format!("council-{item}")>
            <legend>"Quyết định của Hội đồng Thi đua – Khen thưởng"</legend>
            <div class="khen-thuong-radios">{radios}</div>
            <div class="khen-thuong-add-row" class:khen-thuong-hidden=move || choice.get() == Choice::NotYet>
                <div class="field">
                    <label for=id_min.clone()>"Số biên bản họp"</label>
                    <input
                        type="text"
                        id=id_min.clone()
                        data-testid=id_min
                        autocomplete="off"
                        prop:value=move || minutes.get()
                        on:input=move |ev| {
                            minutes.set(event_target_value(&ev));
                            write_m();
                        }
                    />
                </div>
                <div class="field">
                    <label for=id_date.clone()>"Ngày họp"</label>
                    <DateInput
                        id=id_date.clone()
                        testid=id_date
                        label="Ngày họp"
                        value=date
                        on_date=Callback::new(move |v| {
                            date.set(v);
                            write_d();
                        })
                    />
                </div>
            </div>
            {move || {
                incomplete()
                    .then(|| {
                        view! {
                            <p class="alert alert-warning" role="status">
                                "Cần ghi số biên bản và ngày họp thì quyết định của Hội đồng mới được ghi nhận; đến lúc đó tiêu chí này vẫn là chưa xét."
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}

fn item_view(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    item: String,
    text: String,
    parameter: Option<String>,
) -> impl IntoView {
    let item_status = item.clone();
    let item_rows = item.clone();
    let status = move || {
        let (code, label) = get(ctx, cid, |c| status_of(c.judgments.get(&item_status)));
        view! { <span class=format!("khen-thuong-jtag khen-thuong-jtag-{code}") data-testid="judgment-status" data-status=code>{label}</span> }
    };
    let rows = move || {
        let list = get(ctx, cid, |c| {
            c.judgments
                .get(&item_rows)
                .map(|j| j.evidence.clone())
                .unwrap_or_default()
        });
        if list.is_empty() {
            return view! { <p class="empty">"Chưa ghi minh chứng nào."</p> }.into_any();
        }
        let key = item_rows.clone();
        view! {
            <table class="khen-thuong-mini-table">
                <thead>
                    <tr>
                        {header_cells(&["Số văn bản", "Ngày", "Cơ quan", "Nội dung", "Số liệu"])}
                        <th scope="col"><span class="visually-hidden">"Thao tác"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .enumerate()
                        .map(|(i, e)| {
                            let key = key.clone();
                            let label = format!("Xóa minh chứng {}", if e.document.is_empty() { &e.description } else { &e.document });
                            view! {
                                <tr data-testid="evidence-row">
                                    <td>{e.document.clone()}</td>
                                    <td>{e.date.as_deref().map(vi_date).unwrap_or_default()}</td>
                                    <td>{e.issuer.clone()}</td>
                                    <td>{e.description.clone()}</td>
                                    <td>{e.figure.map(|v| Kind::Number.format(v, None)).unwrap_or_default()}</td>
                                    <td>
                                        <button
                                            type="button"
                                            class="small danger"
                                            aria-label=label
                                            on:click=move |_| {
                                                let key = key.clone();
                                                set(ctx, cid, move |c| {
                                                    if let Some(j) = c.judgments.get_mut(&key) {
                                                        if i < j.evidence.len() {
                                                            j.evidence.remove(i);
                                                        }
                                                        if j.evidence.is_empty() && j.council.is_none() {
                                                            c.judgments.remove(&key);
                                                        }
                                                    }
                                                });
                                            }
                                        >
                                            "Xóa"
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let param_note = parameter.and_then(|p| rules().parameter(&p).cloned()).map(|p| {
        let pid = p.id.clone();
        view! {
            <p class="hint">
                {move || {
                    let v = ctx.register.with(|r| r.parameters.get(&pid).copied()).unwrap_or(p.value);
                    format!(
                        "Tham số “nhiều” Hội đồng đang dùng: {} {} — chỉ để đối chiếu với số liệu của minh chứng, không tự quyết định.",
                        Kind::Number.format(v, None),
                        p.unit
                    )
                }}
            </p>
        }
    });
    let testid = format!("judgment-{item}");
    let has_data = get_untracked(ctx, cid, |c| c.judgments.contains_key(&item));
    view! {
        <details class="khen-thuong-judgment" open=has_data data-testid=testid>
            <summary>
                <span class="khen-thuong-judgment-text">{text}</span>
                {status}
            </summary>
            <div class="khen-thuong-judgment-body">
                {param_note}
                {rows}
                {evidence_form(ctx, cid, item.clone())}
                {council_form(ctx, cid, item)}
            </div>
        </details>
    }
}

#[component]
pub fn NominationJudgments(
    cid: StoredValue<String>,
    group: Memo<String>,
    subject: Memo<String>,
    award: Memo<String>,
    basis: Memo<Basis>,
    regime: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let items = move || {
        let (g, s, a, b, reg) = (
            group.get(),
            subject.get(),
            award.get(),
            basis.get(),
            regime.get(),
        );
        let r = rules();
        let criteria: Vec<_> = r
            .group(&g)
            .map(|gr| gr.options.iter().flatten().collect())
            .unwrap_or_default();
        let params: Vec<(String, String)> = criteria
            .iter()
            .filter_map(|c| c.parameter.clone().map(|p| (c.id.clone(), p)))
            .collect();
        // The items the proposed form rests on: the group's council criteria and the council
        // conditions of the standards that apply to the proposal.
        let mut used: Vec<String> = criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Council)
            .map(|c| c.id.clone())
            .collect();
        for st in r
            .standards
            .iter()
            .filter(|st| standard_applies(st, &a, &s, b, reg.as_deref()))
        {
            for (id, _) in st.conditions.iter().filter_map(Condition::judgment) {
                used.push(id.to_string());
            }
        }
        let (mine, others): (Vec<_>, Vec<_>) = r
            .council_items(&g, &s)
            .into_iter()
            .partition(|(id, _)| used.contains(id));
        let show = |list: Vec<(String, String)>| {
            list.into_iter()
                .map(|(id, text)| {
                    let p = params
                        .iter()
                        .find(|(c, _)| *c == id)
                        .map(|(_, p)| p.clone());
                    item_view(ctx, cid, id, text, p)
                })
                .collect_view()
        };
        let n_others = others.len();
        view! {
            <h4 class="khen-thuong-judgment-group">"Tiêu chí cho hình thức đang đề nghị"</h4>
            {show(mine)}
            {(n_others > 0)
                .then(|| {
                    view! {
                        <h4 class="khen-thuong-judgment-group">"Tiêu chí cho các hình thức khác"</h4>
                        <p class="hint">"Dùng khi xét hình thức cao hơn hoặc thấp hơn cho ứng viên này."</p>
                    }
                })}
            {show(others)}
        }
    };
    view! {
        <details class="khen-thuong-fieldset khen-thuong-details" open data-testid="judgments-editor">
            <summary>"Minh chứng và quyết định của Hội đồng"</summary>
            <p class="alert alert-info khen-thuong-never">
                <strong>"Ứng dụng không bao giờ tự đánh dấu các tiêu chí này là đạt. "</strong>
                "Có minh chứng thì tiêu chí là “chờ Hội đồng xét”; chỉ khi ghi quyết định công nhận của Hội đồng Thi đua – Khen thưởng (số biên bản, ngày họp) thì tiêu chí mới được tính là đạt."
            </p>
            {items}
        </details>
    }
}
