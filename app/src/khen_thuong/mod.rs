//! Khen thưởng (`#/khen-thuong`): the nomination register, verdicts, good models, print.

pub mod commune_link;
pub mod editor;
pub mod fields;
pub mod files;
pub mod history;
pub mod judgments;
pub mod models;
pub mod page;
pub mod print;
pub mod proposal;
pub mod register;
pub mod settings;
pub mod state;
pub mod summary;
pub mod verdicts;
