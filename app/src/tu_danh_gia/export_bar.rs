//! Exports, printing and the save status, kept in view while scrolling; when a save fails, the
//! draft as it is on screen to download, and the choices when another tab saved it meanwhile.
//! Every export records the time, for the "chưa xuất" banner.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::infra::download::download;
use crate::infra::excel::{commune_workbook, offer};
use crate::infra::store;
use crate::tu_danh_gia::invalid::InvalidCells;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::ErrorAlert;
use crate::ui::invalid_warning::InvalidWarning;
use crate::ui::save_state::{SaveState, SaveStatus};
use leptos::prelude::*;
use ntm_core::export::{csv_excel, csv_plain};

/// When a save fails: the draft as it is on screen to download; when another tab saved it
/// meanwhile: the choices (keep this tab's as a new draft, take theirs, download).
#[component]
fn SaveNotices(report: Callback<Result<(), String>>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let report = move |r: Result<(), String>| report.run(r);
    let save_unsaved = move |_| {
        if let Some((name, text)) = ws.with_open(store::draft_unsaved_file) {
            report(download(text.as_bytes(), &name, "application/json"));
        }
    };

    let failure = move || match ws.save_state.get() {
        // A conflict has its own notice, with the choices.
        SaveState::Failed(_) if ws.conflict.with(Option::is_some) => None,
        SaveState::Failed(e) => Some(view! {
            <div class="alert alert-error" role="alert" data-testid="save-failed">
                <p>{e}</p>
                <div class="alert-actions">
                    <button type="button" class="primary" data-testid="unsaved-download" on:click=save_unsaved>
                        "Tải phần chưa lưu (JSON)"
                    </button>
                </div>
            </div>
        }),
        _ => None,
    };
    let conflict = move || {
        ws.conflict.get().map(|theirs| {
            let keep = move |_| report(ws.keep_mine_as_copy());
            view! {
                <div class="alert alert-warning conflict" role="alert" data-testid="conflict-notice">
                    <p>
                        <strong>"Hồ sơ này vừa được sửa ở một thẻ (tab) khác"</strong>
                        {format!(
                            " (lưu lúc {}). Thay đổi ở thẻ này chưa được lưu, để không ghi đè bản kia. Chọn cách giữ:",
                            clock::time(theirs.saved_at),
                        )}
                    </p>
                    <div class="alert-actions">
                        <button type="button" class="primary" data-testid="conflict-keep-mine" on:click=keep>
                            "Giữ bản của thẻ này thành hồ sơ riêng"
                        </button>
                        <button type="button" class="secondary" data-testid="conflict-use-theirs" on:click=move |_| ws.use_theirs()>
                            "Mở bản của thẻ kia (bỏ thay đổi ở đây)"
                        </button>
                        <button type="button" class="secondary" on:click=save_unsaved>
                            "Tải bản của thẻ này (JSON)"
                        </button>
                    </div>
                </div>
            }
        })
    };

    view! {
        {conflict}
        {failure}
    }
}

/// The draft's exports; each first warns when some typed text is not a value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Export {
    Json,
    Excel,
    Xlsx,
    Plain,
    Print,
}

#[component]
pub fn ExportBar() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let invalid = expect_context::<InvalidCells>();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Export>);

    let file_base = move || {
        ws.with_open(|d| format!("ho-so-{}-{}", d.dossier.unit.code, d.dossier.year))
            .unwrap_or_else(|| "ho-so".into())
    };
    let report = move |r: Result<(), String>| error.set(r.err());

    let export_json = move || {
        // The file says which rules it was assessed with; the draft records it too.
        let reference = rc.active.with_untracked(|r| r.reference());
        if ws.with_open(|d| d.dossier.rules.as_ref() != Some(&reference)) == Some(true) {
            ws.edit(|d| d.dossier.rules = Some(reference));
        }
        let json = ws.with_open(|d| d.dossier.to_json()).unwrap_or_default();
        let done = download(
            json.as_bytes(),
            &format!("{}.json", file_base()),
            "application/json",
        );
        if done.is_ok() {
            ws.mark_open_exported();
        }
        report(done);
    };
    // Values kept under codes the rules lack go out in the CSVs too, after the rules' rows.
    let kept = move || {
        rc.active
            .with_untracked(|r| ws.with_open(|d| d.dossier.unknown.rows(r)))
            .unwrap_or_default()
    };
    let export_excel = move || {
        let kept = kept();
        let bytes = ws
            .assessment
            .with_untracked(|a| a.as_ref().map(|a| csv_excel(a, &kept)));
        if let Some(bytes) = bytes {
            let done = download(
                &bytes,
                &format!("{}.csv", file_base()),
                "text/csv;charset=utf-8",
            );
            if done.is_ok() {
                ws.mark_open_exported();
            }
            report(done);
        }
    };
    // The workbook is made (and judged) by the Excel module, loaded on this first use.
    let export_xlsx = move || {
        let patch = rc.patch.with_untracked(|p| p.to_json());
        let Some((dossier, name)) = ws.with_open(|d| {
            (
                d.dossier.to_json(),
                ntm_core::excel::commune::file_name(&d.dossier),
            )
        }) else {
            return;
        };
        let make = commune_workbook(dossier, patch, clock::today_iso());
        offer(make, name, move |done| {
            if done.is_ok() {
                ws.mark_open_exported();
            }
            report(done);
        });
    };
    let export_plain = move || {
        let kept = kept();
        let bytes = ws
            .assessment
            .with_untracked(|a| a.as_ref().map(|a| csv_plain(a, &kept)));
        if let Some(bytes) = bytes {
            let done = download(
                &bytes,
                &format!("{}-may.csv", file_base()),
                "text/csv;charset=utf-8",
            );
            if done.is_ok() {
                ws.mark_open_exported();
            }
            report(done);
        }
    };
    let print_wanted = expect_context::<crate::tu_danh_gia::print_report::PrintWanted>();
    let print = move || {
        ws.flush();
        ws.mark_open_exported();
        // The report is built first (queued before), then printed.
        print_wanted.ask();
        leptos::task::spawn_local(async {
            let _ = window().print();
        });
    };
    let proceed = Callback::new(move |what: Export| match what {
        Export::Json => export_json(),
        Export::Excel => export_excel(),
        Export::Xlsx => export_xlsx(),
        Export::Plain => export_plain(),
        Export::Print => print(),
    });
    let ask = move |what: Export| {
        move |_| {
            if invalid.count() > 0 {
                pending.set(Some(what));
            } else {
                proceed.run(what);
            }
        }
    };
    view! {
        <div class="toolbar no-print">
            <div class="toolbar-buttons">
                <button type="button" id="export-json" on:click=ask(Export::Json)>
                    "Xuất JSON"
                </button>
                <button type="button" id="export-csv-excel" on:click=ask(Export::Excel)>
                    "Xuất CSV (Excel)"
                </button>
                <button type="button" id="export-xlsx" on:click=ask(Export::Xlsx)>
                    "Xuất Excel (.xlsx)"
                </button>
                <button type="button" id="export-csv-plain" on:click=ask(Export::Plain)>
                    "Xuất CSV (máy)"
                </button>
                <button type="button" id="print-report" on:click=ask(Export::Print)>
                    "In báo cáo"
                </button>
            </div>
            <SaveStatus state=ws.save_state testid="save-status" />
            // In the bar, so they stay in view while the official scrolls and types.
            <InvalidWarning pending=pending cells=invalid.signal() proceed=proceed />
            <SaveNotices report=Callback::new(report) />
        </div>
        {move || {
            ws.sync_notice
                .get()
                .map(|m| view! { <p class="alert alert-info" role="status" data-testid="sync-notice">{m}</p> })
        }}
        <ErrorAlert message=error />
    }
}
