//! Importing a dossier file as a new draft. Nothing saved changes when the file is rejected.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::download::{ChosenBytes, ChosenFile};
use crate::infra::excel::read_commune;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::alert::{ErrorAlert, OkAlert};
use crate::ui::file_drop::FileDrop;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ntm_core::Dossier;

#[component]
pub fn ImportDossier() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rc = expect_context::<RulesCtx>();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    // What the accepted file came with: a name written another way, values kept unevaluated.
    let remarks = RwSignal::new(Vec::<String>::new());

    // A dossier's JSON text, from a file or from a workbook: read and saved as a new draft.
    let take = move |f: ChosenFile| {
        let result = f.text.and_then(|text| {
            rc.active
                .with_untracked(|r| Dossier::read(&text, r).map(|read| (read.remarks(r), read)))
                .map_err(|e| e.to_string())
                .and_then(|(said, read)| ws.import(read.dossier, &f.name).map(|m| (m, said)))
        });
        match result {
            Ok((msg, said)) => {
                error.set(None);
                ok.set(Some(msg));
                remarks.set(said);
            }
            Err(e) => {
                ok.set(None);
                remarks.set(Vec::new());
                error.set(Some(format!("{}: {e}", f.name)));
            }
        }
    };
    let on_file = Callback::new(take);
    // A workbook is read by the Excel module into the dossier's JSON text, then taken the same
    // way: the same checks, and nothing saved changes when it is refused.
    let on_workbook = Callback::new(move |f: ChosenBytes| {
        let patch = rc.patch.with_untracked(|p| p.to_json());
        spawn_local(async move {
            let text = match f.bytes {
                Ok(bytes) => read_commune(bytes, patch).await,
                Err(e) => Err(e),
            };
            take(ChosenFile { name: f.name, text });
        });
    });

    view! {
        <section class="panel" aria-labelledby="import-h">
            <h2 id="import-h">"Nhập hồ sơ"</h2>
            <FileDrop
                input_id="import-dossier"
                label="Nhập hồ sơ (JSON)"
                hint="Chọn tệp hồ sơ .json hoặc kéo thả tệp vào khung này. Hồ sơ nhập được lưu thành hồ sơ nháp mới."
                drop_testid="drop-zone"
                on_file=on_file
            />
            <FileDrop
                input_id="import-xlsx"
                label="Nhập hồ sơ từ Excel (.xlsx)"
                hint="Chọn tệp Excel mà Chung Sức đã xuất cho hồ sơ xã (các ô nền vàng là ô được điền), hoặc kéo thả tệp vào khung này. Hồ sơ nhập được lưu thành hồ sơ nháp mới."
                drop_testid="drop-zone-xlsx"
                on_workbook=on_workbook
            />
            <ErrorAlert message=error testid="import-error" />
            <OkAlert message=ok testid="import-ok" />
            {move || {
                remarks
                    .with(|r| !r.is_empty())
                    .then(|| {
                        let items = remarks
                            .get()
                            .into_iter()
                            .map(|r| view! { <li>{r}</li> })
                            .collect_view();
                        view! {
                            <div class="alert alert-warning" data-testid="import-remarks">
                                <ul>{items}</ul>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
