//! The consolidated table: filters, counts, sortable headers, pages of rows, and the print view.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tong_hop::state::ConsolidationCtx;
use leptos::prelude::*;
use ntm_core::consolidate::{self, Counts, Filter, Row, SortKey, StateKind};
use ntm_core::criteria::CriterionOutcome;
use ntm_core::Level;

/// Rows a page shows: enough to scan, few enough to stay fast with 10 000 dossiers.
pub const PAGE_SIZE: usize = 50;

/// Filter, sort and page of the table; the exports and the print view use the same selection.
#[derive(Clone, Copy)]
pub struct TableState {
    pub filter: RwSignal<Filter>,
    pub sort: RwSignal<(SortKey, bool)>,
    pub page: RwSignal<usize>,
    /// Indices into the rows, filtered then sorted.
    pub shown: Memo<Vec<usize>>,
}

impl TableState {
    pub fn new(cx: ConsolidationCtx) -> Self {
        let filter = RwSignal::new(Filter::default());
        let sort = RwSignal::new((SortKey::District, true));
        let page = RwSignal::new(0usize);
        let shown = Memo::new(move |_| {
            let (key, asc) = sort.get();
            cx.rows.with(|rows| {
                let mut idx = filter.with(|f| consolidate::filtered(rows, f));
                consolidate::sorted(rows, &mut idx, key, asc);
                idx
            })
        });
        TableState {
            filter,
            sort,
            page,
            shown,
        }
    }
}

/// Code, icon and words of a criterion's cell (words and code from the core).
fn outcome_cell(o: Option<CriterionOutcome>) -> (&'static str, &'static str, &'static str) {
    let o = o.unwrap_or(CriterionOutcome::ChuaXacDinh);
    let icon = match o {
        CriterionOutcome::Dat => "✓",
        CriterionOutcome::ChuaDat => "✗",
        CriterionOutcome::ChuaXacDinh => "?",
    };
    (o.code(), icon, o.label_vi())
}

fn state_class(s: StateKind) -> &'static str {
    match s {
        StateKind::Received => "tong-hop-state-received",
        StateKind::Returned => "tong-hop-state-returned",
        StateKind::VerifiedByDistrict => "tong-hop-state-verified",
        StateKind::AppraisedByProvince => "tong-hop-state-appraised",
    }
}

/// A filter's select: "Tất cả" (value "") then `options` as (value, label).
fn filter_select(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, String)>,
    on_value: impl Fn(String) + 'static,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(v, l)| view! { <option value=v>{l}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_value(event_target_value(&ev))>
                <option value="">"Tất cả"</option>
                {options}
            </select>
        </div>
    }
}

/// The levels in their order (filters, charts).
pub const LEVELS: [Level; 4] = [
    Level::ChuaDat,
    Level::Ntm,
    Level::NtmNangCao,
    Level::NtmKieuMau,
];

#[component]
pub fn ConsolidationFilters(ts: TableState) -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let years = Memo::new(move |_| {
        cx.rows.with(|rows| {
            let mut y: Vec<u16> = rows.iter().map(|r| r.key.year).collect();
            y.sort_unstable();
            y.dedup();
            y
        })
    });
    let set_filter = move |f: &dyn Fn(&mut Filter)| {
        ts.filter.update(|x| f(x));
        ts.page.set(0);
    };
    view! {
        <div class="tong-hop-filters no-print" role="group" aria-label="Lọc bảng tổng hợp">
            {filter_select(
                "filter-district",
                "Huyện / thị xã / thành phố",
                consolidate::districts_by_name().into_iter().map(|(c, n)| (c, n.to_string())).collect(),
                move |v| set_filter(&|f| f.district = (!v.is_empty()).then(|| v.clone())),
            )}
            {filter_select(
                "filter-level",
                "Mức đạt",
                LEVELS.into_iter().map(|l| (l.code(), l.label_vi().to_string())).collect(),
                move |v| {
                    let level = LEVELS.into_iter().find(|l| l.code() == v);
                    set_filter(&|f| f.level = level);
                },
            )}
            <div class="field">
                <label for="filter-year">"Năm"</label>
                <select
                    id="filter-year"
                    on:change=move |ev| {
                        let year = event_target_value(&ev).parse::<u16>().ok();
                        set_filter(&|f| f.year = year);
                    }
                >
                    <option value="">"Tất cả"</option>
                    {move || {
                        let chosen = ts.filter.with(|f| f.year);
                        years
                            .get()
                            .into_iter()
                            .map(|y| {
                                view! {
                                    <option value=y prop:selected=chosen == Some(y)>
                                        {y}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            {filter_select(
                "filter-state",
                "Trạng thái",
                StateKind::ALL.into_iter().map(|k| (k.code(), k.label_vi().to_string())).collect(),
                move |v| {
                    let state = StateKind::ALL.into_iter().find(|k| k.code() == v);
                    set_filter(&|f| f.state = state);
                },
            )}
        </div>
    }
}

/// A header that sorts its column; `aria-sort` says how the table is sorted.
fn sort_header(
    ts: TableState,
    key: SortKey,
    label: String,
    title: Option<String>,
    class: &'static str,
) -> impl IntoView {
    let aria = move || {
        let (k, asc) = ts.sort.get();
        if k == key {
            if asc {
                "ascending"
            } else {
                "descending"
            }
        } else {
            "none"
        }
    };
    let arrow = move || {
        let (k, asc) = ts.sort.get();
        if k != key {
            "↕"
        } else if asc {
            "▲"
        } else {
            "▼"
        }
    };
    view! {
        <th scope="col" class=class aria-sort=aria>
            <button
                type="button"
                class="tong-hop-sort-btn"
                title=title
                on:click=move |_| {
                    ts.sort
                        .update(|(k, asc)| {
                            if *k == key {
                                *asc = !*asc;
                            } else {
                                *k = key;
                                *asc = true;
                            }
                        });
                    ts.page.set(0);
                }
            >
                {label}
                <span class="tong-hop-sort-arrow" aria-hidden="true">
                    {arrow}
                </span>
            </button>
        </th>
    }
}

fn row_view(r: &Row, selected: bool, on_open: impl Fn() + 'static + Clone) -> impl IntoView {
    let cells = r
        .ntm
        .iter()
        .map(|o| {
            let (code, icon, text) = outcome_cell(Some(*o));
            view! {
                <td class=format!("tong-hop-tc-cell tong-hop-tc-{code}") data-outcome=code>
                    <span aria-hidden="true">{icon}</span>
                    <span class="visually-hidden">{text}</span>
                </td>
            }
        })
        .collect_view();
    let other = r.other_rules.clone().map(|o| {
        view! {
            <span
                class="tag tag-other-rules"
                data-testid="other-rules"
                title=format!(
                    "Xã lập hồ sơ theo bộ tiêu chí {} ({}); bảng đánh giá lại theo bộ tiêu chí đang dùng.",
                    o.id,
                    o.short_hash(),
                )
            >
                "Bộ tiêu chí khác"
            </span>
        }
    });
    let label = format!("{}, năm {}", r.unit_name, r.key.year);
    let open2 = on_open.clone();
    view! {
        <tr
            data-testid="consolidation-row"
            data-unit=r.key.unit_code.clone()
            data-year=r.key.year
            data-level=r.level.code()
            data-state=r.state.code()
            class:selected=selected
            on:click=move |_| on_open()
        >
            <td class="tong-hop-col-unit">
                <button
                    type="button"
                    class="link-button"
                    aria-label=format!("Xem diễn giải: {label}")
                    aria-expanded=if selected { "true" } else { "false" }
                    aria-controls="cons-detail"
                    on:click=move |ev| {
                        ev.stop_propagation();
                        open2();
                    }
                >
                    {r.unit_name.clone()}
                </button>
                <span class="tong-hop-unit-code">{r.key.unit_code.clone()}</span>
                {other}
            </td>
            <td class="tong-hop-col-district">{r.district_name.clone()}</td>
            <td class="num">{r.key.year}</td>
            <td class=format!("tong-hop-level tong-hop-level-{}", r.level.code())>
                {consolidate::level_short_vi(r.level)}
            </td>
            <td class="num">{format!("{}/{}", r.ntm_met, r.ntm_total)}</td>
            <td>
                <span class=format!("state {}", state_class(r.state))>{r.state.label_vi()}</span>
            </td>
            {cells}
        </tr>
    }
}

#[component]
pub fn ConsolidationTable(ts: TableState) -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let rc = expect_context::<RulesCtx>();
    let columns = Memo::new(move |_| rc.active.with(|r| consolidate::ntm_columns(r)));
    let pages = move || ts.shown.with(|s| s.len().div_ceil(PAGE_SIZE).max(1));
    let counts = move || {
        ts.shown.with(|idx| {
            cx.rows
                .with(|rows| Counts::of(idx.iter().map(|&i| &rows[i])))
        })
    };

    let header = move || {
        let cols = columns.get();
        let crit = cols
            .into_iter()
            .enumerate()
            .map(|(i, (code, name))| {
                sort_header(
                    ts,
                    SortKey::Criterion(i),
                    format!("TC{code}"),
                    Some(format!("Tiêu chí {code}: {name}")),
                    "tong-hop-col-tc",
                )
            })
            .collect_view();
        view! {
            <tr>
                {sort_header(ts, SortKey::Unit, "Xã".into(), None, "tong-hop-col-unit")}
                {sort_header(ts, SortKey::District, "Huyện".into(), None, "")}
                {sort_header(ts, SortKey::Year, "Năm".into(), None, "")}
                {sort_header(ts, SortKey::Level, "Mức đạt".into(), None, "")}
                {sort_header(
                    ts,
                    SortKey::NtmMet,
                    "TC NTM đạt".into(),
                    Some("Số tiêu chí nông thôn mới đạt".into()),
                    "",
                )}
                {sort_header(ts, SortKey::State, "Trạng thái".into(), None, "")}
                {crit}
            </tr>
        }
    };

    let body = move || {
        let page = ts.page.get().min(pages() - 1);
        let selected = cx.selected.get();
        ts.shown.with(|idx| {
            cx.rows.with(|rows| {
                idx.iter()
                    .skip(page * PAGE_SIZE)
                    .take(PAGE_SIZE)
                    .map(|&i| {
                        let r = &rows[i];
                        let key = r.key.clone();
                        let open = move || cx.selected.set(Some(key.clone()));
                        row_view(r, selected.as_ref() == Some(&r.key), open)
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <section class="panel tong-hop-table-panel no-print" aria-labelledby="cons-table-h">
            <h2 id="cons-table-h">"Bảng tổng hợp"</h2>
            <ConsolidationFilters ts=ts />
            <p class="tong-hop-counts" data-testid="consolidation-counts" aria-live="polite">
                {move || counts().text_vi()}
            </p>
            <p class="hint">
                "Các mức được đếm dồn: xã đạt kiểu mẫu cũng được tính là đạt NTM và nâng cao. Bấm tiêu đề cột để sắp xếp; bấm tên xã (hoặc một dòng) để xem diễn giải và thẩm tra."
            </p>
            {move || {
                cx.evaluating
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <p class="tong-hop-evaluating" role="status" data-testid="rows-evaluating">
                                <label for="rows-evaluating-bar">
                                    {format!(
                                        "Đang đánh giá lại theo bộ tiêu chí đang dùng: {done}/{total} hồ sơ…",
                                    )}
                                </label>
                                " "
                                <progress id="rows-evaluating-bar" max=total value=done></progress>
                            </p>
                        }
                    })
            }}
            {move || {
                (cx.data.with(|c| c.entries.is_empty()))
                    .then(|| {
                        view! {
                            <p class="empty" data-testid="consolidation-empty">
                                "Chưa có hồ sơ nào. Nhập các tệp hồ sơ của xã ở trên."
                            </p>
                        }
                    })
            }}
            <div class="table-scroll" tabindex="0" aria-labelledby="cons-table-h">
                <table class="tong-hop-table" data-testid="consolidation-table">
                    <caption class="visually-hidden">
                        "Kết quả tự đánh giá của các xã theo bộ tiêu chí đang dùng; ✓ đạt, ✗ chưa đạt, ? chưa xác định"
                    </caption>
                    <thead>{header}</thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <nav class="tong-hop-pager" aria-label="Trang của bảng tổng hợp">
                <button
                    type="button"

                    data-testid="page-prev"
                    prop:disabled=move || ts.page.get() == 0
                    on:click=move |_| ts.page.update(|p| *p = p.saturating_sub(1))
                >
                    "‹ Trang trước"
                </button>
                <span data-testid="page-info" aria-live="polite">
                    {move || {
                        let n = pages();
                        let p = ts.page.get().min(n - 1);
                        let total = ts.shown.with(Vec::len);
                        let from = if total == 0 { 0 } else { p * PAGE_SIZE + 1 };
                        let to = ((p + 1) * PAGE_SIZE).min(total);
                        format!("Trang {} / {n} (dòng {from}–{to} / {total})", p + 1)
                    }}
                </span>
                <button
                    type="button"

                    data-testid="page-next"
                    prop:disabled=move || { ts.page.get() + 1 >= pages() }
                    on:click=move |_| ts.page.update(|p| *p += 1)
                >
                    "Trang sau ›"
                </button>
            </nav>
        </section>
    }
}

/// The table on paper: all filtered rows, A4 landscape, with unit, date and rules. Always
/// rendered (hidden on screen) so that the browser's own print command prints it too.
#[component]
pub fn ConsolidationPrint(ts: TableState, printed_at: RwSignal<Option<f64>>) -> impl IntoView {
    let cx = expect_context::<ConsolidationCtx>();
    let rc = expect_context::<RulesCtx>();
    move || {
        let at = printed_at.get().unwrap_or_else(crate::infra::clock::now_ms);
        let rules = rc.active.get();
        let reference = rules.reference();
        let cols = consolidate::ntm_columns(&rules);
        let scope = ts.filter.with(|f| {
            let mut s = match &f.district {
                Some(code) => ntm_core::units::districts()
                    .into_iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, n)| n.to_string())
                    .unwrap_or_else(|| code.clone()),
                None => "Toàn tỉnh Hà Nam".to_string(),
            };
            if let Some(y) = f.year {
                s.push_str(&format!(" — năm {y}"));
            }
            if let Some(l) = f.level {
                s.push_str(&format!(" — {}", l.label_vi()));
            }
            s
        });
        let counts = ts.shown.with(|idx| {
            cx.rows
                .with(|rows| Counts::of(idx.iter().map(|&i| &rows[i])))
        });
        let head = cols
            .iter()
            .map(|(code, name)| view! { <th title=name.to_string()>{format!("TC{code}")}</th> })
            .collect_view();
        let body = ts.shown.with(|idx| {
            cx.rows.with(|rows| {
                idx.iter()
                    .enumerate()
                    .map(|(n, &i)| {
                        let r = &rows[i];
                        let cells = r
                            .ntm
                            .iter()
                            .map(|o| {
                                let (_, icon, _) = outcome_cell(Some(*o));
                                view! { <td class="tong-hop-print-tc">{icon}</td> }
                            })
                            .collect_view();
                        view! {
                            <tr>
                                <td>{n + 1}</td>
                                <td>{r.key.unit_code.clone()}</td>
                                <td>{r.unit_name.clone()}</td>
                                <td>{r.district_name.clone()}</td>
                                <td>{r.key.year}</td>
                                <td>{consolidate::level_short_vi(r.level)}</td>
                                <td>{format!("{}/{}", r.ntm_met, r.ntm_total)}</td>
                                {cells}
                                <td>{r.state.label_vi()}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        });
        Some(view! {
            <div class="print-only tong-hop-print" data-testid="consolidation-print">
                <p class="tong-hop-print-org">"ỦY BAN NHÂN DÂN TỈNH HÀ NAM"</p>
                <h1 class="tong-hop-print-title">"BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ XÃ NÔNG THÔN MỚI"</h1>
                <dl class="tong-hop-print-facts">
                    <div>
                        <dt>"Đơn vị:"</dt>
                        <dd>{scope}</dd>
                    </div>
                    <div>
                        <dt>"Ngày in:"</dt>
                        <dd>{crate::infra::clock::date_time(at)}</dd>
                    </div>
                    <div>
                        <dt>"Bộ tiêu chí:"</dt>
                        <dd>{format!("{} — {} (mã băm {})", rules.title, reference.id, reference.short_hash())}</dd>
                    </div>
                    <div>
                        <dt>"Số liệu:"</dt>
                        <dd>{counts.text_vi()}</dd>
                    </div>
                </dl>
                <table class="tong-hop-print-table">
                    <thead>
                        <tr>
                            <th>"STT"</th>
                            <th>"Mã xã"</th>
                            <th>"Xã"</th>
                            <th>"Huyện"</th>
                            <th>"Năm"</th>
                            <th>"Mức đạt"</th>
                            <th>"TC NTM đạt"</th>
                            {head}
                            <th>"Trạng thái"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
                <p class="tong-hop-print-legend">"✓ đạt · ✗ chưa đạt · ? chưa xác định (thiếu số liệu hoặc thiếu ngưỡng)"</p>
            </div>
        })
    }
}
