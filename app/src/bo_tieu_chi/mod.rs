//! Bộ tiêu chí (`#/bo-tieu-chi`): the active rules and the province's editor of them.

pub mod forms;
pub mod indicator;
pub mod page;
pub mod state;
pub mod target;
