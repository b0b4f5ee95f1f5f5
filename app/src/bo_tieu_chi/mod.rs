//! Bộ tiêu chí (`#/bo-tieu-chi`): the active rules and the province's editor of them.

mod active;
mod changes;
pub mod file;
pub mod forms;
pub mod header;
pub mod indicator;
mod missing;
pub mod page;
mod rules_view;
pub mod state;
pub mod target;
mod targets;
