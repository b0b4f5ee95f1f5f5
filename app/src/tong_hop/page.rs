//! Tổng hợp: a district or the province imports many commune dossiers and consolidates them.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::infra::download::download;
use crate::infra::excel::download_book;
use crate::tong_hop::charts::ChartsSection;
use crate::tong_hop::detail::ConsolidationDetail;
use crate::tong_hop::districts::DistrictResults;
use crate::tong_hop::import::ConsolidationImport;
use crate::tong_hop::state::ConsolidationCtx;
use crate::tong_hop::table::{ConsolidationPrint, ConsolidationTable, TableState};
use leptos::prelude::*;
use ntm_core::{consolidate, excel};
use std::time::Duration;

/// A toolbar button, disabled while the table is empty.
fn tool_button(
    id: &'static str,
    label: &'static str,
    empty: impl Fn() -> bool + Send + Sync + 'static,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button type="button" id=id prop:disabled=empty on:click=move |_| on_click()>
            {label}
        </button>
    }
}

#[component]
pub fn TongHop() -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let cx = expect_context::<ConsolidationCtx>();
    cx.open_page();
    let ts = TableState::new(cx);
    let printed_at = RwSignal::new(None::<f64>);
    let export_error = RwSignal::new(None::<String>);
    let empty = move || cx.rows.with(Vec::is_empty);
    // Charts and district results are drawn a task after the table when it fills: drawn
    // together they would keep the main thread busy too long after a big import.
    let charts_ready = RwSignal::new(!cx.rows.with_untracked(Vec::is_empty));
    Effect::new(move |_| {
        if empty() {
            charts_ready.set(false);
        } else if !charts_ready.get_untracked() {
            set_timeout(move || charts_ready.set(true), Duration::ZERO);
        }
    });

    let export_csv = move |excel: bool| {
        let rules = rc.active.get_untracked();
        let bytes = ts.shown.with_untracked(|idx| {
            cx.rows.with_untracked(|rows| {
                let sel = idx.iter().map(|&i| &rows[i]);
                if excel {
                    consolidate::csv_excel(&rules, sel)
                } else {
                    consolidate::csv_plain(&rules, sel)
                }
            })
        });
        let year = ts.filter.with_untracked(|f| f.year);
        let mut name = consolidate::csv_file_name(year);
        if !excel {
            name = name.replace(".csv", "-may.csv");
        }
        export_error.set(download(&bytes, &name, "text/csv;charset=utf-8").err());
    };
    let export_xlsx = move || {
        let rules = rc.active.get_untracked();
        let year = ts.filter.with_untracked(|f| f.year);
        let book = ts.shown.with_untracked(|idx| {
            cx.rows.with_untracked(|rows| {
                let sel: Vec<_> = idx.iter().map(|&i| &rows[i]).collect();
                excel::consolidation::book(&rules, &sel, year, &clock::today_iso())
            })
        });
        download_book(book, excel::consolidation::file_name(year), move |r| {
            export_error.set(r.err())
        });
    };
    let export_bundle = move || {
        let text = cx.data.with_untracked(|c| c.to_bundle().to_json());
        export_error.set(download(text.as_bytes(), "goi-ho-so.json", "application/json").err());
    };
    // Ctrl+P prints the same table as the button: the print view is always there; its date is
    // set when printing starts.
    let before_print = window_event_listener_untyped("beforeprint", move |_| {
        printed_at.set(Some(crate::infra::clock::now_ms()));
    });
    on_cleanup(move || before_print.remove());
    let print = move || {
        printed_at.set(Some(crate::infra::clock::now_ms()));
        // Drawn first, then printed.
        set_timeout(
            move || {
                let _ = window().print();
            },
            Duration::from_millis(50),
        );
    };
    let clear = move |_| {
        let n = cx.rows.with_untracked(Vec::len);
        let ok = window()
            .confirm_with_message(&format!(
                "Xóa toàn bộ {n} hồ sơ và trạng thái thẩm tra khỏi bảng tổng hợp? Hãy xuất tệp gói trước nếu cần giữ lại."
            ))
            .unwrap_or(false);
        if ok {
            cx.clear();
        }
    };

    view! {
        <div class="page page-tong-hop">
            // On paper the official header comes first (the print view has its own title).
            <h1 class="page-title no-print">"Tổng hợp hồ sơ tự đánh giá của các xã"</h1>
            <p class="section-intro no-print">
                "Huyện và tỉnh nhập hồ sơ tự đánh giá của nhiều xã cùng lúc, xem kết quả theo bộ tiêu chí đang dùng, thẩm tra, thẩm định hoặc trả lại hồ sơ kèm ý kiến, rồi xuất bảng tổng hợp."
            </p>
            {move || {
                cx.storage_notice
                    .get()
                    .map(|n| {
                        view! {
                            <p class="alert alert-warning no-print" role="alert" data-testid="storage-notice">
                                {n}
                            </p>
                        }
                    })
            }}
            <ConsolidationImport />
            <div class="toolbar no-print" role="toolbar" aria-label="Xuất bảng tổng hợp">
                <div class="toolbar-buttons">
                    {tool_button("export-consolidated-csv", "Xuất CSV tổng hợp (Excel)", empty, move || export_csv(true))}
                    {tool_button("export-consolidated-xlsx", "Xuất Excel (.xlsx)", empty, export_xlsx)}
                    {tool_button("export-consolidated-plain", "Xuất CSV (máy)", empty, move || export_csv(false))}
                    {tool_button("export-bundle", "Xuất tệp gói (JSON)", empty, export_bundle)}
                    {tool_button("print-consolidated", "In bảng tổng hợp", empty, print)}
                    <button
                        type="button"
                        id="clear-consolidation"
                        class="danger"
                        prop:disabled=empty
                        on:click=clear
                    >
                        "Xóa bảng tổng hợp…"
                    </button>
                </div>
                <p class="hint">
                    "Các tệp CSV và bản in gồm mọi dòng đang lọc (mọi trang), theo thứ tự đang sắp xếp."
                </p>
            </div>
            {move || {
                export_error
                    .get()
                    .map(|e| view! { <p class="alert alert-error no-print" role="alert">{e}</p> })
            }}
            <div class="tong-hop-layout">
                <ConsolidationTable ts=ts />
                <ConsolidationDetail />
            </div>
            // The printed table comes first; the charts and district results print after it.
            <Show when=move || !empty() && charts_ready.get()>
                <ConsolidationPrint ts=ts printed_at=printed_at />
            </Show>
            <Show when=move || !empty() && charts_ready.get()>
                <ChartsSection ts />
                <DistrictResults ts=ts />
            </Show>
        </div>
    }
}
