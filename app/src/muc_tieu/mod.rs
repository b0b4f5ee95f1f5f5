//! Mục tiêu phong trào (`#/muc-tieu`): the movement targets T1–T9, registered targets, reports.

pub mod figures;
pub mod page;
pub mod registered;
pub mod reports;
pub mod state;
