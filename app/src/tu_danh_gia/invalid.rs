//! Text typed into the open draft that is not a value: counted in the summary, shown on its
//! indicator, and named before any export (`ntm_core::typed::invalid_cells`).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use ntm_core::typed::{invalid_cells, InvalidCell};

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

    pub fn signal(self) -> Signal<Vec<InvalidCell>> {
        self.0.into()
    }
}
