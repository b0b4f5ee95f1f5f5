//! Text typed into the open draft that is not a value: counted in the summary, shown on its
//! indicator, and named before any export (`ntm_core::typed::invalid_cells`).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use ntm_core::typed::{export_warning, invalid_cells, InvalidCell};

/// The open draft's invalid cells, recomputed as it changes; provided by the editor.
#[derive(Clone, Copy)]
pub struct InvalidCells(pub Memo<Vec<InvalidCell>>);

impl InvalidCells {
    pub fn provide() -> Self {
        let ws = expect_context::<Workspace>();
        let rc = expect_context::<RulesCtx>();
        let cells = Memo::new(move |_| {
            rc.active.with(|rules| {
                ws.open
                    .with(|o| o.as_ref().map(|d| invalid_cells(rules, &d.raw)))
                    .unwrap_or_default()
            })
        });
        let me = InvalidCells(cells);
        provide_context(me);
        me
    }

    /// Whether the text typed under `key` is refused (tracked).
    pub fn has(self, key: &str) -> bool {
        self.0.with(|c| c.iter().any(|c| c.key == key))
    }

    pub fn count(self) -> usize {
        self.0.with(Vec::len)
    }
}

/// Before an export of a draft with invalid cells: the list, then "Vẫn xuất" or "Quay lại sửa".
/// `pending` holds the export waiting for the answer; `proceed` runs it.
#[component]
pub fn InvalidWarning<E>(pending: RwSignal<Option<E>>, proceed: Callback<E>) -> impl IntoView
where
    E: Clone + Send + Sync + 'static,
{
    let cells = expect_context::<InvalidCells>();
    move || {
        pending.get().map(|what| {
            let list = cells.0.get();
            let go = {
                let what = what.clone();
                move |_| {
                    pending.set(None);
                    proceed.run(what.clone());
                }
            };
            view! {
                <div class="alert alert-warning" role="alert" data-testid="invalid-warning">
                    <p>
                        <strong>{export_warning(list.len())}</strong>
                        " (chữ đã gõ vẫn giữ trong hồ sơ nháp để sửa):"
                    </p>
                    <ul class="tu-danh-gia-invalid-list">
                        {list
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li data-testid="invalid-cell">
                                        {c.place}
                                        ": “"
                                        {c.text}
                                        "” — "
                                        {c.reason}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <div class="alert-actions">
                        <button type="button" class="secondary" data-testid="invalid-export-cancel" on:click=move |_| pending.set(None)>
                            "Quay lại sửa"
                        </button>
                        <button type="button" class="primary" data-testid="invalid-export-anyway" on:click=go>
                            "Vẫn xuất, bỏ qua các ô này"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
