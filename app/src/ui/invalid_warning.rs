//! The warning every export gives first when some typed text is not a value
//! (`ntm_core::typed`): which cells, what was typed, why — then export anyway or go back.

use leptos::prelude::*;
use ntm_core::typed::{export_warning, InvalidCell};

/// Before an export with invalid cells: the list, then "Vẫn xuất" or "Quay lại sửa".
/// `pending` holds the export waiting for the answer; `proceed` runs it.
#[component]
pub fn InvalidWarning<E>(
    pending: RwSignal<Option<E>>,
    #[prop(into)] cells: Signal<Vec<InvalidCell>>,
    proceed: Callback<E>,
) -> impl IntoView
where
    E: Clone + Send + Sync + 'static,
{
    move || {
        pending.get().map(|what| {
            let list = cells.get();
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
                        " (chữ đã gõ vẫn được giữ để sửa):"
                    </p>
                    <ul class="invalid-list">
                        {list
                            .into_iter()
                            .map(|c| {
                                // A reason that already quotes the typed text (ambiguous input) is not
                                // preceded by it a second time.
                                let quoted = format!("“{}”", c.text);
                                let typed = (!c.reason.contains(&quoted)).then(|| format!("{quoted} — "));
                                view! {
                                    <li data-testid="invalid-cell">
                                        {c.place}
                                        ": "
                                        {typed}
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
