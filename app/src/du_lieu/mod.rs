//! Dữ liệu trên máy (`#/du-lieu`): what this browser keeps, backup, restore, set-aside records.

pub mod alerts;
pub mod page;
pub mod unexported_banner;
