//! Tự đánh giá (`#/tu-danh-gia`): the commune's self-assessment — drafts, editor, exports, print.

pub mod conditions_form;
pub mod criterion_group;
pub mod draft_fields;
pub mod drafts;
pub mod editor;
pub mod export_bar;
pub mod import;
pub mod indicator_row;
pub mod invalid;
pub mod new_draft;
pub mod page;
pub mod print_report;
pub mod state;
pub mod summary_panel;
