//! Small reusable pieces of the pages.

pub mod chart;
pub mod chart_consolidation;
pub mod conditions_form;
pub mod confirm_dialog;
pub mod consolidation_detail;
pub mod consolidation_import;
pub mod consolidation_table;
pub mod criterion_group;
pub mod district_results;
pub mod draft_list;
pub mod editor;
pub mod export_bar;
pub mod figures_form;
pub mod file_drop;
pub mod flag_field;
pub mod import_dossier;
pub mod indicator_row;
pub mod new_draft;
pub mod number_field;
pub mod outcome_badge;
pub mod print_report;
pub mod registered_targets;
pub mod rule_forms;
pub mod source_note;
pub mod status_tag;
pub mod summary_panel;
