//! One file per page.

pub mod bo_tieu_chi;
pub mod du_lieu;
pub mod khen_thuong;
pub mod muc_tieu;
pub mod tong_hop;
pub mod tu_danh_gia;
