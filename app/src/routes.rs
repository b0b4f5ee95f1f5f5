//! The one table of pages: hash, menu label, document title and view. Navigation, the title
//! and the page shown all read it, so a page is added or renamed in one place.

use crate::bo_tieu_chi::page::BoTieuChi;
use crate::du_lieu::page::DuLieu;
use crate::khen_thuong::page::KhenThuong;
use crate::muc_tieu::page::MucTieu;
use crate::tong_hop::page::TongHop;
use crate::tu_danh_gia::page::TuDanhGia;
use leptos::prelude::*;

pub struct Route {
    /// Hash routes need no server rewrites, so the app works from any sub-path.
    pub hash: &'static str,
    pub label: &'static str,
    pub title: &'static str,
    pub view: fn() -> AnyView,
}

/// In menu order; the first is the default for an unknown or empty hash.
pub const ROUTES: &[Route] = &[
    Route {
        hash: "#/tu-danh-gia",
        label: "Tự đánh giá",
        title: "Tự đánh giá xã — Chung Sức",
        view: || view! { <TuDanhGia /> }.into_any(),
    },
    Route {
        hash: "#/tong-hop",
        label: "Tổng hợp",
        title: "Tổng hợp hồ sơ xã — Chung Sức",
        view: || view! { <TongHop /> }.into_any(),
    },
    Route {
        hash: "#/muc-tieu",
        label: "Mục tiêu phong trào",
        title: "Mục tiêu phong trào — Chung Sức",
        view: || view! { <MucTieu /> }.into_any(),
    },
    Route {
        hash: "#/khen-thuong",
        label: "Khen thưởng",
        title: "Khen thưởng — Chung Sức",
        view: || view! { <KhenThuong /> }.into_any(),
    },
    Route {
        hash: "#/bo-tieu-chi",
        label: "Bộ tiêu chí",
        title: "Bộ tiêu chí — Chung Sức",
        view: || view! { <BoTieuChi /> }.into_any(),
    },
    Route {
        hash: "#/du-lieu",
        label: "Dữ liệu trên máy",
        title: "Dữ liệu trên máy — Chung Sức",
        view: || view! { <DuLieu /> }.into_any(),
    },
];

/// Hash of the data page, where the storage alerts step aside.
pub const DU_LIEU: &str = "#/du-lieu";

/// The route of a location hash ("#/tong-hop", "#/tong-hop/", "" …).
pub fn from_hash(hash: &str) -> &'static Route {
    let path = hash.trim_start_matches('#').trim_end_matches('/');
    ROUTES
        .iter()
        .find(|r| r.hash.trim_start_matches('#') == path)
        .unwrap_or(&ROUTES[0])
}
