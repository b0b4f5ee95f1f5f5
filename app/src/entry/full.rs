//! The full entry: every page, and the district, awards and figures state they share.

use super::Entry;
use crate::bo_tieu_chi::page::BoTieuChi;
use crate::bo_tieu_chi::state::RulesCtx;
use crate::du_lieu::page::DuLieu;
use crate::khen_thuong::page::KhenThuong;
use crate::khen_thuong::state::NominationsCtx;
use crate::muc_tieu::page::MucTieu;
use crate::muc_tieu::state::FiguresCtx;
use crate::routes::{Page, Route};
use crate::tong_hop::page::TongHop;
use crate::tong_hop::state::ConsolidationCtx;
use crate::tu_danh_gia::page::TuDanhGia;
use crate::tu_danh_gia::state::Workspace;
use leptos::prelude::*;
use ntm_core::storage::{self, Kind, RecordError};
use serde_json::Value as Json;

#[derive(Clone, Copy)]
pub struct Full {
    fig: FiguresCtx,
    cons: ConsolidationCtx,
    noms: NominationsCtx,
}

impl Entry for Full {
    fn provide(rules: RulesCtx, ws: Workspace) -> Self {
        // Cheap to create: the consolidation and the awards' facts are read when first needed.
        let fig = FiguresCtx::new();
        let cons = ConsolidationCtx::new(rules);
        let noms = NominationsCtx::new(rules, ws, cons);
        provide_context(fig);
        provide_context(cons);
        provide_context(noms);
        Full { fig, cons, noms }
    }

    fn flush(self) {
        self.fig.flush();
        self.noms.flush();
    }

    fn on_storage(self, key: Option<&str>) {
        self.fig.on_storage(key);
        self.cons.on_storage(key);
        self.noms.on_storage(key);
    }

    fn check_record(kind: Kind, key: &str, value: &Json) -> Option<Result<(), RecordError>> {
        Some(storage::check(kind, key, value))
    }

    fn page(route: &'static Route) -> AnyView {
        match route.page {
            Page::TuDanhGia => view! { <TuDanhGia /> }.into_any(),
            Page::TongHop => view! { <TongHop /> }.into_any(),
            Page::MucTieu => view! { <MucTieu /> }.into_any(),
            Page::KhenThuong => view! { <KhenThuong /> }.into_any(),
            Page::BoTieuChi => view! { <BoTieuChi /> }.into_any(),
            Page::DuLieu => view! { <DuLieu /> }.into_any(),
        }
    }
}
