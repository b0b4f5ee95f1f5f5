//! Bộ tiêu chí: the active rules, read-only — every threshold with its source and status.
//! A rules file can be imported (and persists) or dropped in favour of the built-in rules.

use crate::clock;
use crate::components::file_drop::FileDrop;
use crate::components::indicator_row::derived_text;
use crate::components::source_note::SourceNote;
use crate::components::status_tag::StatusTag;
use crate::download::ChosenFile;
use crate::rules_ctx::{Origin, RulesCtx};
use leptos::prelude::*;
use ntm_core::criteria::{describe_required, Required};
use ntm_core::rules::{CriteriaSet, Indicator, Kind, Threshold};
use ntm_core::Rules;

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Boolean => "Có / không",
        Kind::Percent => "Tỷ lệ (%)",
        Kind::Number => "Số",
        Kind::Money => "Số tiền (đồng)",
    }
}

/// The threshold cell: one requirement, a per-year table, or a relative rule.
fn threshold_view(ind: &Indicator) -> AnyView {
    match &ind.threshold {
        None => view! { <span class="no-threshold">"Chưa có ngưỡng"</span> }.into_any(),
        Some(Threshold::Flag(b)) => describe_required(ind, &Required::Flag(*b)).into_any(),
        Some(Threshold::Fixed(n)) => describe_required(ind, &Required::Number(*n)).into_any(),
        Some(Threshold::Relative { relative }) => format!(
            "{} {} % × ngưỡng chỉ tiêu {} (bộ “{}”)",
            ind.comparison.symbol(),
            relative.percent,
            relative.code,
            relative.set
        )
        .into_any(),
        Some(Threshold::ByYear(years)) => {
            let rows = years
                .iter()
                .map(|(y, v)| {
                    let text = match v {
                        Some(n) => describe_required(ind, &Required::Number(*n)),
                        None => "Chưa có ngưỡng".to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{y.to_string()}</th>
                            <td>{text}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="year-table">
                    <caption>"Theo năm đánh giá"</caption>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
}

fn set_view(rules: &Rules, set: &CriteriaSet, used_by: Vec<String>) -> impl IntoView {
    let set_id = set.id.to_string();
    let usage = if used_by.is_empty() {
        "Không dùng cho tự đánh giá xã.".to_string()
    } else {
        format!("Dùng để xét: {}.", used_by.join("; "))
    };
    let criteria = set
        .criteria
        .iter()
        .map(|c| {
            let rows = c
                .indicators
                .iter()
                .map(|ind| {
                    let code = ind.code.to_string();
                    let derived = ind.input.as_ref().map(|i| derived_text(rules, &set_id, i));
                    view! {
                        <tr>
                            <th scope="row" class="rule-code">{code.clone()}</th>
                            <td>
                                {ind.name.to_string()}
                                {derived.map(|d| view! { <p class="derived">{d}</p> })}
                            </td>
                            <td>{kind_label(ind.kind)}</td>
                            <td class="rule-cmp">{ind.comparison.symbol()}</td>
                            <td data-testid=format!("rule-{set_id}-{code}")>{threshold_view(ind)}</td>
                            <td>{ind.unit.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td><StatusTag status=ind.status /></td>
                            <td class="rule-source">
                                <SourceNote
                                    citation=ind.source.citation()
                                    url=ind.source.url.as_ref().map(|u| u.to_string())
                                    note=ind.note.as_ref().map(|n| n.to_string())
                                />
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let body = if c.indicators.is_empty() {
                view! {
                    <p class="empty">
                        "Bộ tiêu chí chưa có chỉ tiêu cho tiêu chí này — nhập theo văn bản của tỉnh."
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="rules-table">
                            <colgroup>
                                <col class="c-code" />
                                <col class="c-name" />
                                <col class="c-kind" />
                                <col class="c-cmp" />
                                <col class="c-threshold" />
                                <col class="c-unit" />
                                <col class="c-status" />
                                <col class="c-source" />
                            </colgroup>
                            <thead>
                                <tr>
                                    <th scope="col">"Mã"</th>
                                    <th scope="col">"Chỉ tiêu"</th>
                                    <th scope="col">"Loại"</th>
                                    <th scope="col">"So sánh"</th>
                                    <th scope="col">"Ngưỡng"</th>
                                    <th scope="col">"Đơn vị"</th>
                                    <th scope="col">"Tình trạng"</th>
                                    <th scope="col">"Căn cứ, ghi chú"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            };
            view! {
                <section class="rule-criterion">
                    <h4>
                        {format!("Tiêu chí {}. {}", c.code, c.name)}
                        " "
                        <StatusTag status=c.status />
                    </h4>
                    {c.note.as_ref().map(|n| view! { <p class="note">"Ghi chú: " {n.to_string()}</p> })}
                    {body}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="rule-set" id=format!("bo-{set_id}") aria-labelledby=format!("bo-{set_id}-h")>
            <h3 id=format!("bo-{set_id}-h")>{set.title.to_string()}</h3>
            <p class="set-source">
                <code>{set_id.clone()}</code>
                {format!(" · {} tiêu chí · ", set.criteria.len())}
                "Căn cứ: "
                {set.source.citation()}
            </p>
            <p class="set-usage">{usage}</p>
            {set.note.as_ref().map(|n| view! { <p class="note">{n.to_string()}</p> })}
            {criteria}
        </section>
    }
}

#[component]
pub fn BoTieuChi() -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);

    let on_file = Callback::new(move |f: ChosenFile| {
        let result = f
            .text
            .map_err(|e| format!("{}: {e}", f.name))
            .and_then(|text| rc.import(&f.name, &text));
        match result {
            Ok(warning) => {
                error.set(warning);
                ok.set(Some(format!("Đã áp dụng bộ tiêu chí từ tệp {}.", f.name)));
            }
            Err(e) => {
                ok.set(None);
                error.set(Some(e));
            }
        }
    });
    let reset = move |_| match rc.reset() {
        Ok(()) => {
            error.set(None);
            ok.set(Some("Đang dùng bộ tiêu chí gốc.".into()));
        }
        Err(e) => error.set(Some(e)),
    };

    let header = move || {
        let rules = rc.active.get();
        let r = rules.reference();
        let origin = rc.origin.get();
        // An imported file is named by its own title; the built-in title stays underneath.
        let heading = match &origin {
            Origin::BuiltIn => rules.title.to_string(),
            Origin::File { .. } => rules
                .layers
                .last()
                .map_or_else(|| rules.title.to_string(), |l| l.to_string()),
        };
        let origin = match origin {
            Origin::BuiltIn => "Bộ tiêu chí gốc của ứng dụng".to_string(),
            Origin::File { name, saved_at } => format!(
                "Tệp “{name}” (nhập lúc {}) áp lên bộ tiêu chí gốc",
                clock::date_time(saved_at)
            ),
        };
        view! {
            <div class="panel active-rules" data-testid="active-rules">
                <h2>{heading}</h2>
                <dl class="facts">
                    <div><dt>"Mã bộ tiêu chí"</dt><dd><code>{r.id.to_string()}</code></dd></div>
                    <div><dt>"Mã băm"</dt><dd><code title=r.hash.to_string()>{r.short_hash().to_string()}</code></dd></div>
                    <div><dt>"Nguồn"</dt><dd>{origin}</dd></div>
                    <div>
                        <dt>"Giai đoạn"</dt>
                        <dd>{format!("{}–{}", rules.years.from, rules.years.to)}</dd>
                    </div>
                    <div class="facts-wide">
                        <dt>"Các lớp"</dt>
                        <dd>
                            <ol class="layers">
                                {rules.layers.iter().map(|l| view! { <li>{l.to_string()}</li> }).collect_view()}
                            </ol>
                        </dd>
                    </div>
                    <div class="facts-wide">
                        <dt>"Mức đạt chuẩn"</dt>
                        <dd>
                            <ol class="layers">
                                {rules
                                    .levels
                                    .iter()
                                    .map(|l| view! { <li>{format!("{} — bộ: {}", l.name, l.sets.join(", "))}</li> })
                                    .collect_view()}
                            </ol>
                        </dd>
                    </div>
                </dl>
            </div>
        }
    };

    let sets = move || {
        let rules = rc.active.get();
        rules
            .sets
            .iter()
            .map(|s| {
                let used_by: Vec<String> = rules
                    .levels
                    .iter()
                    .filter(|l| l.sets.iter().any(|x| *x == *s.id))
                    .map(|l| l.name.to_string())
                    .collect();
                set_view(&rules, s, used_by)
            })
            .collect_view()
    };
    let toc = move || {
        rc.active.with(|rules| {
            rules
                .sets
                .iter()
                .map(|s| {
                    let id = s.id.to_string();
                    let target = format!("bo-{id}");
                    view! {
                        <li>
                            <a
                                href=format!("#/bo-tieu-chi")
                                on:click=move |ev| {
                                    // Jump within the page without touching the router's hash.
                                    ev.prevent_default();
                                    if let Some(el) = document().get_element_by_id(&target) {
                                        el.scroll_into_view();
                                    }
                                }
                            >
                                {s.title.to_string()}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="page page-rules">
            <h1 class="page-title">"Bộ tiêu chí đang dùng"</h1>
            {move || {
                rc.startup_problem
                    .get()
                    .map(|p| view! { <p class="alert alert-warning" role="note">{p}</p> })
            }}
            {header}
            <section class="panel" aria-labelledby="rules-import-h">
                <h2 id="rules-import-h">"Thay bộ tiêu chí"</h2>
                <p>
                    "Tệp bộ tiêu chí của tỉnh (định dạng chung-suc/rules) được áp lên bộ gốc; các hồ sơ được tính lại theo bộ mới. Trang này chỉ để xem — trình soạn bộ tiêu chí sẽ có sau."
                </p>
                <div class="rules-actions">
                    <FileDrop
                        input_id="import-rules"
                        label="Nhập tệp bộ tiêu chí (JSON)"
                        hint="Tệp .json, tối đa 5 MB. Bộ tiêu chí nhập được lưu trong trình duyệt này."
                        on_file=on_file
                    />
                    <button type="button" id="reset-rules" class="secondary" on:click=reset>
                        "Dùng bộ tiêu chí gốc"
                    </button>
                </div>
                {move || {
                    error
                        .get()
                        .map(|e| view! { <p class="alert alert-error" role="alert" data-testid="rules-error">{e}</p> })
                }}
                {move || ok.get().map(|m| view! { <p class="alert alert-ok" role="status">{m}</p> })}
            </section>
            <nav class="panel toc" aria-label="Các bộ tiêu chí">
                <h2>"Các bộ tiêu chí"</h2>
                <ul>{toc}</ul>
            </nav>
            {sets}
        </div>
    }
}
