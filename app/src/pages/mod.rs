//! One file per page.

pub mod bo_tieu_chi;
pub mod tu_danh_gia;
