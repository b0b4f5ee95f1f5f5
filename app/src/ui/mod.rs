//! Widgets every feature shares: badges, tags, dialogs, file drop, charts, banners.

pub mod alert;
pub mod chart;
pub mod confirm_dialog;
pub mod date_input;
pub mod field_error;
pub mod file_drop;
pub mod flag_select;
pub mod invalid_warning;
pub mod kept_values;
pub mod number_input;
pub mod outcome_badge;
pub mod print;
pub mod row_list;
pub mod save_state;
pub mod source_note;
pub mod status_tag;
pub mod table;
pub mod text_field;
pub mod update_banner;
