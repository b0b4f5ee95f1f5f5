//! The register's files: the list for Excel (UTF-8 with BOM), the register as JSON (imported
//! back exactly), importing a register file (refused with the field at fault; replacing the
//! current register only after asking), printing, and the save status.

use crate::infra::clock;
use crate::infra::download::{download, ChosenFile};
use crate::infra::excel::download_book;
use crate::khen_thuong::state::{rules, NominationsCtx};
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use crate::ui::file_drop::FileDrop;
use crate::ui::save_state::{SaveState, SaveStatus};
use leptos::prelude::*;
use ntm_core::excel;
use ntm_core::nominations::{csv_excel, Register};

/// "Tệp X: field — problem", or without the field when the whole file is at fault.
fn refusal(file: &str, e: &ntm_core::InputError) -> String {
    let problem = ntm_core::text::sentence(&e.problem);
    if e.field.is_empty() {
        format!("Tệp {file}: {problem}")
    } else {
        format!("Tệp {file}: {} — {problem}", e.field)
    }
}

/// The sentence shown once a register file is loaded: what it brought, and that nothing was
/// left out (a file with any fault is refused whole, never loaded in part).
pub fn loaded_message(file: &str, candidates: usize, models: usize, replaced: bool) -> String {
    let what = match (candidates, models) {
        (0, 0) => {
            return format!(
                "Tệp {file} hợp lệ nhưng không có ứng viên, điển hình hay mô hình nào; {}.",
                if replaced {
                    "danh sách đã được thay và hiện để trống"
                } else {
                    "danh sách vẫn trống"
                }
            )
        }
        (c, 0) => format!("{c} ứng viên"),
        (0, m) => format!("{m} điển hình, mô hình"),
        (c, m) => format!("{c} ứng viên và {m} điển hình, mô hình"),
    };
    let verb = if replaced {
        "Đã thay danh sách bằng"
    } else {
        "Đã nạp"
    };
    format!("{verb} {what} từ tệp {file}; không mục nào bị bỏ qua.")
}

/// Whether the register is saved, in words.
fn save_status(ctx: NominationsCtx) -> impl IntoView {
    view! { <SaveStatus state=ctx.save_state testid="kt-save-status" /> }
}

#[component]
pub fn NominationFiles(printed_at: RwSignal<Option<f64>>) -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let ask = RwSignal::new(None::<Ask<()>>);
    let incoming = StoredValue::new(None::<(String, Register)>);

    let export_csv = move |_| {
        let bytes = ctx
            .register
            .with_untracked(|r| ctx.results.with_untracked(|res| csv_excel(rules(), r, res)));
        error.set(
            download(
                &bytes,
                "danh-sach-de-nghi-khen-thuong.csv",
                "text/csv;charset=utf-8",
            )
            .err(),
        );
    };
    let export_xlsx = move |_| {
        let book = ctx.register.with_untracked(|r| {
            ctx.results.with_untracked(|res| {
                excel::nominations::book(rules(), r, res, &clock::today_iso())
            })
        });
        download_book(book, excel::nominations::FILE_NAME.into(), move |r| {
            error.set(r.err())
        });
    };
    let export_json = move |_| {
        ctx.flush();
        let (json, check) = ctx
            .register
            .with_untracked(|r| (r.to_json(), r.validate(rules())));
        match download(
            json.as_bytes(),
            "danh-sach-khen-thuong.json",
            "application/json",
        ) {
            Err(e) => error.set(Some(e)),
            Ok(()) => error.set(check.err().map(|e| {
                format!("Đã xuất tệp, nhưng tệp chưa nhập lại được cho đến khi sửa: {e}.")
            })),
        }
    };
    let print = move |_| {
        ctx.flush();
        printed_at.set(Some(clock::now_ms()));
        set_timeout(
            move || {
                let _ = window().print();
            },
            std::time::Duration::from_millis(50),
        );
    };
    let on_file = Callback::new(move |f: ChosenFile| {
        ok.set(None);
        let parsed = match f.text {
            Err(e) => Err(format!("Tệp {}: {}", f.name, ntm_core::text::sentence(&e))),
            Ok(text) => Register::parse(&text, rules()).map_err(|e| refusal(&f.name, &e)),
        };
        match parsed {
            Err(e) => error.set(Some(e)),
            Ok(reg) => {
                error.set(None);
                let empty = ctx
                    .register
                    .with_untracked(|r| r.candidates.is_empty() && r.models.is_empty());
                let (nc, nm) = (reg.candidates.len(), reg.models.len());
                if empty {
                    ctx.replace(reg);
                    ok.set(Some(loaded_message(&f.name, nc, nm, false)));
                } else {
                    let (cur_c, cur_m) = ctx
                        .register
                        .with_untracked(|r| (r.candidates.len(), r.models.len()));
                    incoming.set_value(Some((f.name.clone(), reg)));
                    ask.set(Some(Ask {
                        title: "Thay danh sách hiện tại?".into(),
                        message: format!(
                            "Tệp {} có {nc} ứng viên và {nm} điển hình, mô hình. Danh sách đang có ({cur_c} ứng viên, {cur_m} điển hình, mô hình) sẽ được thay bằng nội dung của tệp. Nên xuất JSON danh sách hiện tại trước nếu cần giữ lại.",
                            f.name
                        ),
                        confirm_label: "Thay bằng tệp".into(),
                        action: (),
                    }));
                }
            }
        }
    });
    let on_confirm = Callback::new(move |_: ()| {
        if let Some((name, reg)) = incoming.get_value() {
            let (nc, nm) = (reg.candidates.len(), reg.models.len());
            ctx.replace(reg);
            incoming.set_value(None);
            ok.set(Some(loaded_message(&name, nc, nm, true)));
        }
    });

    view! {
        <div class="toolbar no-print khen-thuong-toolbar">
            <div class="toolbar-buttons">
                <button type="button" id="export-nominations-csv" on:click=export_csv>
                    "Xuất danh sách CSV (Excel)"
                </button>
                <button type="button" id="export-nominations-xlsx" on:click=export_xlsx>
                    "Xuất danh sách Excel (.xlsx)"
                </button>
                <button type="button" id="export-nominations-json" on:click=export_json>
                    "Xuất JSON"
                </button>
                <button type="button" id="print-nominations" on:click=print>
                    "In danh sách"
                </button>
            </div>
            {save_status(ctx)}
        </div>
        {move || match ctx.save_state.get() {
            SaveState::Failed(e) => Some(view! {
                <p class="alert alert-error no-print" role="alert" data-testid="kt-save-error">
                    {e}
                </p>
            }),
            _ => None,
        }}
        {move || {
            ctx.load_problem
                .get()
                .map(|e| view! { <p class="alert alert-warning no-print" role="alert">{e}</p> })
        }}
        <div class="khen-thuong-import no-print">
            <FileDrop
                input_id="import-nominations"
                label="Nhập danh sách đề nghị khen thưởng (JSON)"
                hint="Tệp do ứng dụng này xuất ra (định dạng chung-suc/danh-sach-khen-thuong). Tệp có lỗi thì không thay đổi gì; tệp hợp lệ sẽ được hỏi trước khi thay danh sách hiện tại."
                drop_testid="nominations-drop"
                on_file=on_file
            />
        </div>
        {move || {
            error
                .get()
                .map(|e| view! { <p class="alert alert-error no-print" role="alert" data-testid="kt-file-error">{e}</p> })
        }}
        {move || {
            ok.get()
                .map(|m| view! { <p class="alert alert-ok no-print" role="status" data-testid="kt-file-ok">{m}</p> })
        }}
        <ConfirmDialog ask=ask on_confirm=on_confirm id="kt-replace" />
    }
}

#[cfg(test)]
mod tests {
    use super::loaded_message;

    #[test]
    fn the_import_message_is_a_sentence() {
        assert_eq!(
            loaded_message("ds.json", 12, 3, false),
            "Đã nạp 12 ứng viên và 3 điển hình, mô hình từ tệp ds.json; không mục nào bị bỏ qua."
        );
        assert_eq!(
            loaded_message("ds.json", 1, 0, true),
            "Đã thay danh sách bằng 1 ứng viên từ tệp ds.json; không mục nào bị bỏ qua."
        );
        assert_eq!(
            loaded_message("so.json", 0, 4, false),
            "Đã nạp 4 điển hình, mô hình từ tệp so.json; không mục nào bị bỏ qua."
        );
        assert_eq!(
            loaded_message("rong.json", 0, 0, false),
            "Tệp rong.json hợp lệ nhưng không có ứng viên, điển hình hay mô hình nào; danh sách vẫn trống."
        );
    }
}
