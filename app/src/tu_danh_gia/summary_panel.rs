//! The result at a glance: level reached, criteria met per set, why the next level is not
//! reached, and whether the result rests on unverified rules.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tu_danh_gia::invalid::InvalidCells;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use ntm_core::{Level, Outcome};

/// The sets the commune page shows, in level order, each once.
pub fn level_sets(rules: &ntm_core::Rules) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in &rules.levels {
        for s in &l.sets {
            if rules.set(s).is_some() && !out.iter().any(|o| *o == **s) {
                out.push(s.to_string());
            }
        }
    }
    out
}

#[derive(Clone, PartialEq)]
struct Overview {
    level: Level,
    next: Option<Level>,
    sets: Vec<(String, String, usize, usize)>,
    unverified: usize,
    missing_data: usize,
    missing_threshold: usize,
    not_met: usize,
    blockers: Vec<String>,
}

#[component]
pub fn SummaryPanel() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let invalid = expect_context::<InvalidCells>();
    let overview = Memo::new(move |_| {
        let shown = rc.active.with(|r| level_sets(r));
        ws.assessment.with(|a| {
            a.as_ref().map(|a| {
                let count = |o: Outcome| a.indicators().filter(|(_, i)| i.outcome == o).count();
                Overview {
                    level: a.level,
                    next: a.next_level,
                    sets: shown
                        .iter()
                        .filter_map(|id| a.set(id))
                        .map(|s| (s.id.to_string(), s.title.to_string(), s.met, s.total))
                        .collect(),
                    unverified: a.unverified_basis,
                    missing_data: count(Outcome::ThieuSoLieu),
                    missing_threshold: count(Outcome::ThieuNguong),
                    not_met: count(Outcome::ChuaDat),
                    blockers: a.blockers().map(|b| b.explanation()).collect(),
                }
            })
        })
    });

    // Read out when a verdict changes (the panel below is rebuilt, so it cannot be the region).
    let spoken = move || {
        overview.with(|o| {
            o.as_ref().map(|o| {
                let sets: Vec<String> = o
                    .sets
                    .iter()
                    .map(|(_, title, met, total)| format!("{title}: đạt {met}/{total} tiêu chí"))
                    .collect();
                format!(
                    "Kết quả: {}. {}. Chưa đạt: {} chỉ tiêu.",
                    o.level.label_vi(),
                    sets.join("; "),
                    o.not_met
                )
            })
        })
    };
    let panel = move || {
        overview.get().map(|o| {
            let next_line = match o.next {
                Some(next) => format!(
                    "Để {}: còn {} điểm chưa đạt hoặc chưa xác định",
                    ntm_core::text::lower(next.label_vi()),
                    o.blockers.len()
                ),
                None => "Đã đạt mức cao nhất của bộ tiêu chí.".to_string(),
            };
            view! {
                <section class="summary" aria-labelledby="summary-h">
                    <h3 id="summary-h" class="visually-hidden">"Kết quả tự đánh giá"</h3>
                    <div class="summary-top">
                        <p
                            class=format!("level level-{}", o.level.code())
                            data-testid="level"
                            data-level=o.level.code()
                        >
                            <span class="level-caption">"Kết quả: "</span>
                            <strong>{o.level.label_vi()}</strong>
                        </p>
                        {(o.unverified > 0)
                            .then(|| {
                                view! {
                                    <p class="provisional" role="note">
                                        <span aria-hidden="true">"⚠ "</span>
                                        {format!(
                                            "Kết quả tạm tính: dựa trên {} chỉ tiêu chưa xác minh",
                                            o.unverified,
                                        )}
                                    </p>
                                }
                            })}
                    </div>
                    <ul class="set-counts">
                        {o
                            .sets
                            .iter()
                            .map(|(id, title, met, total)| {
                                view! {
                                    <li>
                                        <span class="set-name">{title.clone()}</span>
                                        <strong data-testid=format!("summary-{id}")>
                                            {format!("Đạt {met}/{total} tiêu chí")}
                                        </strong>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <p class="counts">
                        <span class="count count-chua_dat">{format!("Chưa đạt: {} chỉ tiêu", o.not_met)}</span>
                        <span class="count count-thieu_so_lieu">
                            {format!("Thiếu số liệu: {} chỉ tiêu", o.missing_data)}
                        </span>
                        <span class="count count-thieu_nguong">
                            {format!("Thiếu ngưỡng: {} chỉ tiêu", o.missing_threshold)}
                        </span>
                        {move || {
                            let n = invalid.count();
                            (n > 0)
                                .then(|| {
                                    view! {
                                        <span class="count count-khong_hop_le" data-testid="summary-invalid">
                                            {format!("{n} ô có giá trị không hợp lệ (chưa được tính)")}
                                        </span>
                                    }
                                })
                        }}
                    </p>
                    {(o.missing_threshold > 0)
                        .then(|| {
                            view! {
                                <p class="hint threshold-hint">
                                    "Bộ tiêu chí đang dùng chưa có ngưỡng cho một số chỉ tiêu nên chưa thể kết luận đạt chuẩn. "
                                    <a href="#/bo-tieu-chi">"Nạp tệp bộ tiêu chí của tỉnh"</a>
                                    " để hoàn thiện."
                                </p>
                            }
                        })}
                    <div class="tu-danh-gia-blockers">
                        <h4>{next_line.clone()}</h4>
                        <ul data-testid="blockers" class="tu-danh-gia-blocker-list" tabindex="0" aria-label=next_line>
                            {o.blockers.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}
                        </ul>
                    </div>
                </section>
            }
        })
    };
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="summary-live">
            {spoken}
        </p>
        {panel}
    }
}
