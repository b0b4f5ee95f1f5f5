//! What each WASM entry adds to the shell (`app::app`): the state its pages share beyond the
//! rules and drafts, and the view of each route. One implementation per `[[bin]]`, so the
//! linker keeps only the pages an entry names.

pub mod full;
pub mod xa;

use crate::bo_tieu_chi::state::RulesCtx;
use crate::routes::Route;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::AnyView;
use ntm_core::storage::{Kind, RecordError};
use serde_json::Value as Json;

pub trait Entry: Copy + 'static {
    /// Creates and provides (`provide_context`) the state its pages need beyond rules and drafts.
    fn provide(rules: RulesCtx, ws: Workspace) -> Self;
    /// Writes unsaved typing before the page goes away.
    fn flush(self);
    /// Another tab changed storage key `key` (`None`: cleared).
    fn on_storage(self, key: Option<&str>);
    /// Checks a stored record at start (`infra::store::sweep`); `None` leaves its kind to an
    /// entry whose pages read it, so this one does not carry its reader.
    fn check_record(kind: Kind, key: &str, value: &Json) -> Option<Result<(), RecordError>>;
    /// The page shown for `route`.
    fn page(route: &'static Route) -> AnyView;
}
