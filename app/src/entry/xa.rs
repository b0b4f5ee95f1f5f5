//! The commune entry: Tự đánh giá only. Another page reloads the app at its hash, which
//! public/boot.js opens with the full entry; drafts are written first (and again on pagehide).

use super::Entry;
use crate::bo_tieu_chi::state::RulesCtx;
use crate::routes::{Page, Route};
use crate::tu_danh_gia::page::TuDanhGia;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use ntm_core::storage::{self, Kind, RecordError};
use serde_json::Value as Json;

#[derive(Clone, Copy)]
pub struct Xa;

impl Entry for Xa {
    fn provide(_rules: RulesCtx, _ws: Workspace) -> Self {
        Xa
    }

    fn flush(self) {}

    fn on_storage(self, _key: Option<&str>) {}

    /// Only the kinds Tự đánh giá reads: a figures, targets or awards record that cannot be read
    /// stays where it is until the full entry (any other page, or the next visit) sets it aside.
    fn check_record(kind: Kind, _key: &str, value: &Json) -> Option<Result<(), RecordError>> {
        storage::check_commune(kind, value)
    }

    fn page(route: &'static Route) -> AnyView {
        if route.page == Page::TuDanhGia {
            return view! { <TuDanhGia /> }.into_any();
        }
        expect_context::<Workspace>().flush();
        // The hash already names the page: boot.js loads the entry that has it.
        let _ = window().location().reload();
        view! { <p class="loading" role="status">"Đang mở trang…"</p> }.into_any()
    }
}
