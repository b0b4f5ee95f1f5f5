//! Exports, printing and the save status, kept in view while scrolling.

use crate::clock;
use crate::download::download;
use crate::rules_ctx::RulesCtx;
use crate::workspace::{SaveState, Workspace};
use leptos::prelude::*;
use ntm_core::export::{csv_excel, csv_plain};

#[component]
pub fn ExportBar() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let error = RwSignal::new(None::<String>);

    let file_base = move || {
        ws.with_open(|d| format!("ho-so-{}-{}", d.dossier.unit.code, d.dossier.year))
            .unwrap_or_else(|| "ho-so".into())
    };
    let report = move |r: Result<(), String>| error.set(r.err());

    let export_json = move |_| {
        // The file says which rules it was assessed with; the draft records it too.
        let reference = rc.active.with_untracked(|r| r.reference());
        if ws.with_open(|d| d.dossier.rules.as_ref() != Some(&reference)) == Some(true) {
            ws.edit(|d| d.dossier.rules = Some(reference));
        }
        let json = ws.with_open(|d| d.dossier.to_json()).unwrap_or_default();
        report(download(
            json.as_bytes(),
            &format!("{}.json", file_base()),
            "application/json",
        ));
    };
    let export_excel = move |_| {
        let bytes = ws.assessment.with_untracked(|a| a.as_ref().map(csv_excel));
        if let Some(bytes) = bytes {
            report(download(
                &bytes,
                &format!("{}.csv", file_base()),
                "text/csv;charset=utf-8",
            ));
        }
    };
    let export_plain = move |_| {
        let bytes = ws.assessment.with_untracked(|a| a.as_ref().map(csv_plain));
        if let Some(bytes) = bytes {
            report(download(
                &bytes,
                &format!("{}-may.csv", file_base()),
                "text/csv;charset=utf-8",
            ));
        }
    };
    let print = move |_| {
        ws.flush();
        let _ = window().print();
    };

    let status_text = move || match ws.save_state.get() {
        SaveState::Clean(t) if t > 0.0 => format!("Đã lưu lúc {}", clock::time(t)),
        SaveState::Clean(_) => "Chưa có thay đổi".to_string(),
        SaveState::Pending => "Đang lưu…".to_string(),
        SaveState::Saved(t) => format!("Đã lưu lúc {}", clock::time(t)),
        SaveState::Failed(_) => "Chưa lưu được".to_string(),
    };
    let status_class = move || match ws.save_state.get() {
        SaveState::Failed(_) => "save-status save-failed",
        SaveState::Pending => "save-status save-pending",
        _ => "save-status",
    };
    let failure = move || match ws.save_state.get() {
        SaveState::Failed(e) => Some(view! {
            <p class="alert alert-error" role="alert">
                {e}
            </p>
        }),
        _ => None,
    };

    view! {
        <div class="toolbar no-print">
            <div class="toolbar-buttons">
                <button type="button" id="export-json" on:click=export_json>
                    "Xuất JSON"
                </button>
                <button type="button" id="export-csv-excel" on:click=export_excel>
                    "Xuất CSV (Excel)"
                </button>
                <button type="button" id="export-csv-plain" on:click=export_plain>
                    "Xuất CSV (máy)"
                </button>
                <button type="button" id="print-report" on:click=print>
                    "In báo cáo"
                </button>
            </div>
            <p class=status_class data-testid="save-status" role="status">
                {status_text}
            </p>
        </div>
        {failure}
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <p class="alert alert-error" role="alert">
                            {e}
                        </p>
                    }
                })
        }}
    }
}
