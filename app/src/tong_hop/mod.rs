//! Tổng hợp (`#/tong-hop`): a district or the province consolidates many commune dossiers.

pub mod charts;
pub mod detail;
pub mod districts;
pub mod import;
pub mod page;
pub mod state;
pub mod table;
