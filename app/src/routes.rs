//! The one table of pages: hash, menu label, document title and page. Navigation, the title
//! and the page shown all read it, so a page is added or renamed in one place; each entry
//! (`crate::entry`) says which view a page has in it.

/// The pages, one per menu item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    TuDanhGia,
    TongHop,
    MucTieu,
    KhenThuong,
    BoTieuChi,
    DuLieu,
}

pub struct Route {
    /// Hash routes need no server rewrites, so the app works from any sub-path.
    pub hash: &'static str,
    pub label: &'static str,
    pub title: &'static str,
    pub page: Page,
}

/// In menu order; the first is the default for an unknown or empty hash.
pub const ROUTES: &[Route] = &[
    Route {
        hash: "#/tu-danh-gia",
        label: "Tự đánh giá",
        title: "Tự đánh giá xã — Chung Sức",
        page: Page::TuDanhGia,
    },
    Route {
        hash: "#/tong-hop",
        label: "Tổng hợp",
        title: "Tổng hợp hồ sơ xã — Chung Sức",
        page: Page::TongHop,
    },
    Route {
        hash: "#/muc-tieu",
        label: "Mục tiêu phong trào",
        title: "Mục tiêu phong trào — Chung Sức",
        page: Page::MucTieu,
    },
    Route {
        hash: "#/khen-thuong",
        label: "Khen thưởng",
        title: "Khen thưởng — Chung Sức",
        page: Page::KhenThuong,
    },
    Route {
        hash: "#/bo-tieu-chi",
        label: "Bộ tiêu chí",
        title: "Bộ tiêu chí — Chung Sức",
        page: Page::BoTieuChi,
    },
    Route {
        hash: "#/du-lieu",
        label: "Dữ liệu trên máy",
        title: "Dữ liệu trên máy — Chung Sức",
        page: Page::DuLieu,
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
