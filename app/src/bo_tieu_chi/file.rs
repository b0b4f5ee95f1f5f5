//! The province's rules file: its id and title, export, import, and going back to the
//! deployment's rules (or the built-in ones when the app ships none).

use crate::bo_tieu_chi::page::{Action, Ui};
use crate::bo_tieu_chi::state::{Origin, RulesCtx};
use crate::infra::download::{download, ChosenFile};
use crate::ui::alert::ErrorAlert;
use crate::ui::confirm_dialog::Ask;
use crate::ui::file_drop::FileDrop;
use crate::ui::text_field::TextField;
use leptos::prelude::*;
use ntm_core::rules_edit::{self, field_error};

/// Goes back to the deployment's (or built-in) rules now (asked first by the caller when
/// anything would be lost).
pub fn reset_now(rc: RulesCtx, ui: Ui) {
    match rc.reset() {
        Ok(()) => {
            ui.editing.set(None);
            ui.problem.set(None);
            ui.file_error.set(None);
            ui.undo_error.set(None);
            ui.notice.set(Some(if rc.has_deployment() {
                "Đang dùng bộ tiêu chí của đơn vị triển khai.".into()
            } else {
                "Đang dùng bộ tiêu chí gốc.".into()
            }));
        }
        Err(e) => ui.problem.set(Some(e)),
    }
}

/// Saves the rules file's id and title once both are filled and one of them changed.
fn save_names(rc: RulesCtx, ui: Ui, id: String, title: String) {
    let (id, title) = (id.trim().to_string(), title.trim().to_string());
    let missing = if id.is_empty() {
        Some("Mã bộ tiêu chí")
    } else if title.is_empty() {
        Some("Tên bộ tiêu chí")
    } else {
        None
    };
    if let Some(field) = missing {
        ui.file_error
            .set(Some(format!("{field}: không được để trống.")));
        return;
    }
    if rc.patch.with_untracked(|p| p.id == id && p.title == title) {
        ui.file_error.set(None);
        return;
    }
    let mut patch = rc.patch.get_untracked();
    patch.id = id;
    patch.title = title;
    match rc.apply_patch(patch) {
        Ok(w) => {
            ui.file_error.set(None);
            ui.problem.set(w);
            ui.notice.set(Some("Đã lưu mã và tên bộ tiêu chí.".into()));
        }
        Err(e) => ui.file_error.set(Some(field_error(&e).message)),
    }
}

fn import(rc: RulesCtx, ui: Ui, f: ChosenFile) {
    let result = f
        .text
        .map_err(|e| format!("{}: {e}", f.name))
        .and_then(|text| rc.import(&f.name, &text));
    match result {
        Ok(warning) => {
            ui.editing.set(None);
            ui.problem.set(warning);
            ui.notice
                .set(Some(format!("Đã áp dụng bộ tiêu chí từ tệp {}.", f.name)));
        }
        Err(e) => {
            ui.notice.set(None);
            ui.problem.set(Some(e));
        }
    }
}

pub fn export(rc: RulesCtx, ui: Ui) {
    let patch = rc.patch.get_untracked();
    let name = rules_edit::export_file_name(&patch.id);
    match download(patch.to_json().as_bytes(), &name, "application/json") {
        Ok(()) => ui.notice.set(Some(format!("Đã xuất tệp {name}."))),
        Err(e) => ui.problem.set(Some(e)),
    }
}

#[component]
pub fn RulesFileSection(ui: Ui) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    // The fields follow the patch (an import or a reset changes them).
    let id_text = RwSignal::new(rc.patch.with_untracked(|p| p.id.clone()));
    let title_text = RwSignal::new(rc.patch.with_untracked(|p| p.title.clone()));
    Effect::new(move |_| {
        let (id, title) = rc.patch.with(|p| (p.id.clone(), p.title.clone()));
        id_text.set(id);
        title_text.set(title);
    });
    let file_error = ui.file_error;
    let input_field = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <TextField
                id=id.to_string()
                label=label
                value=value
                on_input=Callback::new(move |v| value.set(v))
                on_change=Callback::new(move |()| {
                    save_names(rc, ui, id_text.get_untracked(), title_text.get_untracked())
                })
                problem=(Signal::derive(move || file_error.get().is_some()), "rules-file-err")
            />
        }
    };
    let deployed = rc.has_deployment();
    let reset_label = if deployed {
        "Dùng lại bộ tiêu chí của đơn vị triển khai"
    } else {
        "Dùng bộ tiêu chí gốc"
    };
    let reset = move |_| {
        if !rc.has_edits() {
            return reset_now(rc, ui);
        }
        let (title, which, confirm) = if deployed {
            (
                "Dùng lại bộ tiêu chí của đơn vị triển khai?",
                "bộ tiêu chí của đơn vị triển khai",
                "Dùng lại bộ của đơn vị triển khai",
            )
        } else {
            (
                "Dùng bộ tiêu chí gốc?",
                "bộ tiêu chí gốc",
                "Khôi phục bộ gốc",
            )
        };
        ui.ask.set(Some(Ask {
            title: title.into(),
            message: format!("Mọi thay đổi trên trang này và bộ tiêu chí đã nhập từ tệp sẽ bị xóa khỏi trình duyệt; các hồ sơ được tính lại theo {which}. Nếu cần giữ lại, hãy “Xuất tệp bộ tiêu chí” trước."),
            confirm_label: confirm.into(),
            action: Action::Reset,
        }));
    };
    // The deployment's rules are not the ones in use: say so, with the way back.
    let shadowed = move || {
        let d = rc.deployment.get_value()?;
        let active = rc
            .origin
            .with(|o| !matches!(o, Origin::Deployment | Origin::BuiltIn));
        active.then(|| {
            let title = d.rules.layers.last().cloned().unwrap_or_default();
            let hash = d.rules.reference().short_hash().to_string();
            view! {
                <p class="alert alert-info" data-testid="deployment-shadowed">
                    {format!("Đơn vị triển khai có bộ tiêu chí “{title}” (mã {hash}). Trình duyệt này đang dùng bộ tiêu chí đã nhập hoặc đã sửa trên máy này; bấm “Dùng lại bộ tiêu chí của đơn vị triển khai” để dùng bộ đó.")}
                </p>
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="rules-import-h">
            <h2 id="rules-import-h">"Bộ tiêu chí của tỉnh"</h2>
            {shadowed}
            <p>
                "Ngưỡng, chỉ tiêu và tên tiêu chí sửa trên trang này được ghi thành một tệp bộ tiêu chí của tỉnh (định dạng chung-suc/rules) áp lên bộ gốc và lưu trong trình duyệt này; các hồ sơ được tính lại theo bộ mới. Mỗi ngưỡng phải ghi văn bản quy định nó."
            </p>
            <div class="form-row">
                {input_field("rules-id", "Mã bộ tiêu chí", id_text)}
                {input_field("rules-title", "Tên bộ tiêu chí", title_text)}
            </div>
            {move || {
                file_error
                    .get()
                    .map(|e| view! { <p class="field-error" role="alert" id="rules-file-err">{e}</p> })
            }}
            <div class="bo-tieu-chi-actions">
                <button type="button" id="export-rules" class="primary" on:click=move |_| export(rc, ui)>
                    "Xuất tệp bộ tiêu chí"
                </button>
                <FileDrop
                    input_id="import-rules"
                    label="Nhập tệp bộ tiêu chí (JSON)"
                    hint="Tệp .json. Tệp nhập vào thay cho các thay đổi hiện có và được lưu trong trình duyệt này."
                    on_file=Callback::new(move |f| import(rc, ui, f))
                />
                <button type="button" id="reset-rules" class="secondary" on:click=reset>
                    {reset_label}
                </button>
            </div>
            <ErrorAlert message=ui.problem testid="rules-error" />
        </section>
    }
}
