//! From typed text to dossier values. Parsing and range checks are the core's; this module
//! only decides which core function applies to which field.

use ntm_core::dossier::check_number;
use ntm_core::rules::{ConditionField, Kind};
use ntm_core::text::format_decimal;
use ntm_core::text::sentence;
use ntm_core::{Rules, Value};

/// Key of an indicator's typed text in `Draft::raw`.
pub fn value_key(set: &str, code: &str) -> String {
    format!("{set}/{code}")
}

/// Key of an evidence note's typed text in `Draft::raw`.
pub fn evidence_key(set: &str, code: &str) -> String {
    format!("ev/{set}/{code}")
}

/// Key of a condition's typed text in `Draft::raw`.
pub fn condition_key(field: &str) -> String {
    format!("cond/{field}")
}

/// Typed yes/no from a `<select>`: "" / "true" / "false".
pub fn parse_flag(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The text a field shows for a stored value when nothing typed was kept (imported drafts).
pub fn display(kind: Kind, v: Option<Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => match kind {
            Kind::Boolean => String::new(),
            _ => format_decimal(n),
        },
    }
}

/// Whether `v` is acceptable for indicator `set`/`code` (the core's range rule).
pub fn check_value(rules: &Rules, set: &str, code: &str, v: f64) -> Result<(), String> {
    match rules.set(set).and_then(|s| s.indicator(code)) {
        Some(ind) => check_number(ind.kind, v).map_err(|p| sentence(&p)),
        None => Ok(()),
    }
}

/// Whether `v` is acceptable for a numeric recognition condition.
pub fn check_condition(field: ConditionField, v: f64) -> Result<(), String> {
    ntm_core::dossier::check_condition(field, v).map_err(|p| sentence(&p))
}
