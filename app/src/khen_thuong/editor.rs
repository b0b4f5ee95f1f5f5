//! One candidate's record: who (name, plan group, law subject, unit; for a commune its evaluated
//! dossier, for a district its XDCB debt), the achievement (optionally a good model of the
//! register), the proposal, the decision date, priority and hold flags, then the award history
//! and the judgment checklist. Every change is written to the register at once.

use crate::infra::clock::vi_date;
use crate::khen_thuong::fields::{non_negative, number_text, NumberInput};
use crate::khen_thuong::history::NominationHistory;
use crate::khen_thuong::judgments::NominationJudgments;
use crate::khen_thuong::state::{
    awards_by_rank, group_short, model_achievement_id, rules, subject_name, NominationsCtx,
};
use leptos::prelude::*;
use ntm_core::nominations::{Basis, Candidate, DossierLink};
use ntm_core::text::format_money;

/// Reads the candidate `cid` (tracked); the default when it is gone.
pub fn get<T: Default>(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    f: impl FnOnce(&Candidate) -> T,
) -> T {
    cid.with_value(|id| ctx.with_candidate(id, f))
        .unwrap_or_default()
}

/// Reads the candidate `cid` without subscribing (initial values of forms that keep typed text).
pub fn get_untracked<T: Default>(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    f: impl FnOnce(&Candidate) -> T,
) -> T {
    cid.with_value(|id| {
        ctx.register
            .with_untracked(|r| r.candidates.iter().find(|c| &c.id == id).map(f))
    })
    .unwrap_or_default()
}

/// Changes the candidate `cid` and schedules a save.
pub fn set(ctx: NominationsCtx, cid: StoredValue<String>, f: impl FnOnce(&mut Candidate)) {
    let id = cid.get_value();
    ctx.edit_candidate(&id, f);
}

/// The proposal kinds offered (the others stay selectable when a file holds them).
const BASES: [Basis; 3] = [Basis::ChuyenDe, Basis::CongTrang, Basis::DotXuat];

fn text_field(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    id: &'static str,
    label: &'static str,
    read: fn(&Candidate) -> String,
    write: fn(&mut Candidate, String),
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                type="text"
                id=id
                data-testid=id
                autocomplete="off"
                prop:value=move || get(ctx, cid, read)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    set(ctx, cid, move |c| write(c, v));
                }
            />
        </div>
    }
}

fn checkbox(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    id: &'static str,
    label: &'static str,
    read: fn(&Candidate) -> bool,
    write: fn(&mut Candidate, bool),
) -> impl IntoView {
    view! {
        <label class="khen-thuong-check" for=id>
            <input
                type="checkbox"
                id=id
                data-testid=id
                prop:checked=move || get(ctx, cid, read)
                on:change=move |ev| {
                    let v = event_target_checked(&ev);
                    set(ctx, cid, move |c| write(c, v));
                }
            />
            {label}
        </label>
    }
}

/// The commune dossier a group-c candidate rests on.
fn commune_link(ctx: NominationsCtx, cid: StoredValue<String>) -> impl IntoView {
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
                        .and_then(|(code, y)| y.parse().ok().map(|year| DossierLink { code: code.to_string(), year }));
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

#[component]
pub fn NominationEditor(id: String) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let cid = StoredValue::new(id.clone());
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
    let debt_initial = number_text(ctx.candidate(&id).and_then(|c| c.xdcb_debt_vnd), true);

    let group_select = move || {
        let cur = group.get();
        rules()
            .groups
            .iter()
            .map(|g| {
                let sel = g.id == cur;
                view! { <option value=g.id.clone() selected=sel>{group_short(&g.id)}</option> }
            })
            .collect_view()
    };
    let subject_select = move || {
        let cur = subject.get();
        rules()
            .group(&group.get())
            .map(|g| g.subjects.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|s| {
                let sel = s == cur;
                view! { <option value=s.clone() selected=sel>{subject_name(&s)}</option> }
            })
            .collect_view()
    };
    let standard_select = move || {
        let (a, s, b) = (award.get(), subject.get(), basis.get());
        let reg = regime.get();
        let cur = get(ctx, cid, |c| c.proposed.standard.clone()).unwrap_or_default();
        let mut seen = false;
        let mut opts = vec![
            view! { <option value="" selected=cur.is_empty()>"Bất kỳ điểm nào áp dụng được"</option> }
                .into_any(),
        ];
        for st in rules().standards.iter().filter(|st| {
            st.award == a
                && st.subjects.contains(&s)
                && st.tracks.contains(&b)
                && reg.as_ref().is_none_or(|r| st.regimes.contains(r))
        }) {
            let sel = st.id == cur;
            seen |= sel;
            let text: String = st.text.chars().take(90).collect();
            let more = if st.text.chars().count() > 90 {
                "…"
            } else {
                ""
            };
            opts.push(
                view! {
                    <option value=st.id.clone() selected=sel>
                        {format!("{} — {text}{more}", st.source.annex.clone().unwrap_or_else(|| st.source.document.clone()))}
                    </option>
                }
                .into_any(),
            );
        }
        if !cur.is_empty() && !seen {
            opts.push(
                view! { <option value=cur.clone() selected=true>{format!("{cur} (không áp dụng cho đối tượng, loại hình khen hoặc ngày quyết định này)")}</option> }
                    .into_any(),
            );
        }
        opts
    };
    let models = move || {
        let cur = get(ctx, cid, |c| c.achievement.model.clone()).unwrap_or_default();
        let list = ctx.register.with(|r| {
            r.models
                .iter()
                .map(|m| (m.id.clone(), format!("{} — {}", m.kind.label_vi(), m.name)))
                .collect::<Vec<_>>()
        });
        let mut opts = vec![
            view! { <option value="" selected=cur.is_empty()>"— Không liên kết —"</option> }
                .into_any(),
        ];
        for (mid, label) in list {
            let sel = mid == cur;
            opts.push(view! { <option value=mid selected=sel>{label}</option> }.into_any());
        }
        opts
    };
    let achievement_note = move || {
        let (aid, model) = get(ctx, cid, |c| {
            (c.achievement.id.clone(), c.achievement.model.clone())
        });
        let others: Vec<String> = ctx.register.with(|r| {
            cid.with_value(|me| {
                r.candidates
                    .iter()
                    .filter(|c| {
                        &c.id != me
                            && !aid.trim().is_empty()
                            && c.achievement.id.trim() == aid.trim()
                    })
                    .map(|c| c.name.clone())
                    .collect()
            })
        });
        view! {
            <p class="hint" data-testid="achievement-id">
                "Mã thành tích: " <code>{aid}</code>
                {model.map(|_| " (theo mô hình đã liên kết: mọi đề nghị cùng mô hình là cùng một thành tích)")}
            </p>
            {(!others.is_empty())
                .then(|| {
                    view! {
                        <p class="alert alert-warning" data-testid="achievement-shared">
                            {format!(
                                "Cùng thành tích với: {}. {} ({}).",
                                others.join(", "),
                                rules().principles.one_achievement.text,
                                rules().principles.one_achievement.source.citation()
                            )}
                        </p>
                    }
                })}
        }
    };

    view! {
        <section class="panel khen-thuong-editor" aria-labelledby="kt-editor-h" data-testid="candidate-editor">
            <h2 id="kt-editor-h">
                "Hồ sơ ứng viên: "
                {move || get(ctx, cid, |c| c.name.clone())}
            </h2>
            <fieldset class="khen-thuong-fieldset">
                <legend>"Ứng viên"</legend>
                {text_field(ctx, cid, "cand-name", "Tên cá nhân, tập thể", |c| c.name.clone(), |c, v| c.name = v)}
                {move || {
                    get(ctx, cid, |c| c.name.trim().is_empty())
                        .then(|| {
                            view! {
                                <p class="field-error">
                                    <span aria-hidden="true">"⚠ "</span>
                                    "Chưa có tên: danh sách xuất ra sẽ không nhập lại được."
                                </p>
                            }
                        })
                }}
                <div class="khen-thuong-two">
                    <div class="field">
                        <label for="cand-group">"Nhóm đối tượng (kế hoạch mục V.1)"</label>
                        <select
                            id="cand-group"
                            data-testid="cand-group"
                            on:change=move |ev| {
                                let g = event_target_value(&ev);
                                set(ctx, cid, move |c| {
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
                                });
                            }
                        >
                            {group_select}
                        </select>
                    </div>
                    <div class="field">
                        <label for="cand-subject">"Đối tượng theo Luật"</label>
                        <select
                            id="cand-subject"
                            data-testid="cand-subject"
                            on:change=move |ev| {
                                let s = event_target_value(&ev);
                                set(ctx, cid, move |c| c.subject = s);
                            }
                        >
                            {subject_select}
                        </select>
                    </div>
                </div>
                {text_field(ctx, cid, "cand-unit", "Đơn vị, địa chỉ", |c| c.unit.clone(), |c, v| c.unit = v)}
                {move || (group.get() == "c").then(|| commune_link(ctx, cid))}
                <Show when=move || group.get() == "b">
                    <div class="field">
                        <label for="cand-debt">"Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới"</label>
                        <NumberInput
                            id="cand-debt".to_string()
                            testid="cand-debt"
                            initial=debt_initial.clone()
                            money=true
                            suffix="đ"
                            check=non_negative
                            described_by="cand-debt-hint"
                            on_value=Callback::new(move |v: Option<f64>| set(ctx, cid, move |c| c.xdcb_debt_vnd = v))
                        />
                        <p class="hint" id="cand-debt-hint">"Ghi 0 nếu không còn nợ đọng; để trống nếu chưa có số liệu."</p>
                    </div>
                </Show>
            </fieldset>

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
                <div class="field">
                    <label for="cand-model">"Là điển hình, mô hình trong sổ điển hình tiên tiến"</label>
                    <select
                        id="cand-model"
                        data-testid="cand-model"
                        on:change=move |ev| {
                            let m = event_target_value(&ev);
                            let model_name = ctx
                                .register
                                .with_untracked(|r| r.models.iter().find(|x| x.id == m).map(|x| x.name.clone()));
                            set(ctx, cid, move |c| {
                                if m.is_empty() {
                                    c.achievement.model = None;
                                    c.achievement.id = format!("tt-{}", c.id.trim_start_matches("uv-"));
                                } else {
                                    c.achievement.id = model_achievement_id(&m);
                                    c.achievement.model = Some(m);
                                    if c.achievement.summary.trim().is_empty() {
                                        c.achievement.summary = model_name.unwrap_or_default();
                                    }
                                }
                            });
                        }
                    >
                        {models}
                    </select>
                </div>
                {achievement_note}
            </fieldset>

            <fieldset class="khen-thuong-fieldset">
                <legend>"Đề nghị"</legend>
                <div class="khen-thuong-two">
                    <div class="field">
                        <label for="cand-award">"Hình thức đề nghị"</label>
                        <select
                            id="cand-award"
                            data-testid="cand-award"
                            on:change=move |ev| {
                                let a = event_target_value(&ev);
                                set(ctx, cid, move |c| {
                                    c.proposed.award = a;
                                    c.proposed.standard = None;
                                });
                            }
                        >
                            {move || {
                                let cur = award.get();
                                awards_by_rank()
                                    .into_iter()
                                    .map(|a| {
                                        let sel = a.id == cur;
                                        view! { <option value=a.id.clone() selected=sel>{a.name.clone()}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                    <div class="field">
                        <label for="cand-basis">"Loại hình khen thưởng"</label>
                        <select
                            id="cand-basis"
                            data-testid="cand-basis"
                            on:change=move |ev| {
                                if let Some(b) = Basis::from_code(&event_target_value(&ev)) {
                                    set(ctx, cid, move |c| c.proposed.basis = b);
                                }
                            }
                        >
                            {move || {
                                let cur = basis.get();
                                let mut list: Vec<Basis> = BASES.to_vec();
                                if !list.contains(&cur) {
                                    list.push(cur);
                                }
                                list.into_iter()
                                    .map(|b| {
                                        let sel = b == cur;
                                        view! { <option value=b.code() selected=sel>{ntm_core::text::sentence(b.label_vi()).trim_end_matches('.').to_string()}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="cand-standard">"Điểm tiêu chuẩn đề nghị xét"</label>
                    <select
                        id="cand-standard"
                        data-testid="cand-standard"
                        aria-describedby="cand-standard-hint"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set(ctx, cid, move |c| c.proposed.standard = (!v.is_empty()).then_some(v));
                        }
                    >
                        {standard_select}
                    </select>
                    <p class="hint" id="cand-standard-hint">
                        "Các điểm của Luật áp dụng cho hình thức, đối tượng, loại hình khen và ngày quyết định đã chọn. Để “bất kỳ” thì mọi điểm áp dụng được đều được xét."
                    </p>
                </div>
                <div class="field">
                    <label for="cand-date">"Ngày quyết định riêng cho ứng viên này (nếu khác ngày chung)"</label>
                    <div class="khen-thuong-inline">
                        <input
                            type="date"
                            id="cand-date"
                            data-testid="cand-date"
                            prop:value=move || get(ctx, cid, |c| c.decision_date.clone()).unwrap_or_default()
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                set(ctx, cid, move |c| c.decision_date = (!v.is_empty()).then_some(v));
                            }
                        />
                        <span class="hint">
                            {move || match ctx.register.with(|r| r.decision_date.clone()) {
                                Some(d) => format!("Ngày chung của danh sách: {}.", vi_date(&d)),
                                None => "Danh sách chưa có ngày chung.".to_string(),
                            }}
                        </span>
                    </div>
                </div>
            </fieldset>

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

            <NominationHistory cid=cid />
            <NominationJudgments cid=cid group=group subject=subject award=award basis=basis regime=regime />
        </section>
    }
}
