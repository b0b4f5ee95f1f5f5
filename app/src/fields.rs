//! From typed text to dossier values. Parsing and range checks are the core's; this module
//! only decides which core function applies to which field.

use ntm_core::dossier::{FORMAT, VERSION};
use ntm_core::rules::Kind;
use ntm_core::text::{format_decimal, parse_decimal, parse_money};
use ntm_core::{Dossier, Rules, Value};
use serde_json::{json, Value as Json};

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

fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut out: String = f.to_uppercase().collect();
            out.push_str(c.as_str());
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}

/// Typed number → `Ok(None)` when empty, the number, or the reason in Vietnamese.
pub fn parse_number(kind: Kind, text: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let parsed = match kind {
        Kind::Money => parse_money(text),
        _ => parse_decimal(text),
    };
    parsed.map(Some).map_err(|p| sentence(p.message_vi()))
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

/// Asks the core's dossier reader whether one value would be accepted, so a value the app
/// keeps is always one an exported file can be imported with. (The core's range check is
/// private; going through `Dossier::parse` keeps the rule in one place.)
fn probe(rules: &Rules, d: &Dossier, values: Json, conditions: Json) -> Result<(), String> {
    let doc = json!({
        "format": FORMAT,
        "version": VERSION,
        "unit": d.unit,
        "year": d.year,
        "values": values,
        "conditions": conditions,
    });
    match Dossier::parse(&doc.to_string(), rules) {
        Ok(_) => Ok(()),
        Err(e) if e.field.starts_with("values") || e.field.starts_with("conditions") => {
            Err(sentence(&e.problem))
        }
        // Anything else (e.g. the year outside newer rules) is not this field's fault.
        Err(_) => Ok(()),
    }
}

/// Whether `v` is acceptable for indicator `set`/`code`.
pub fn check_value(
    rules: &Rules,
    d: &Dossier,
    set: &str,
    code: &str,
    v: Value,
) -> Result<(), String> {
    probe(rules, d, json!({ set: { code: v } }), json!({}))
}

/// Whether `v` is acceptable for the condition `field` (a key of `Conditions`).
pub fn check_condition(rules: &Rules, d: &Dossier, field: &str, v: Json) -> Result<(), String> {
    probe(rules, d, json!({}), json!({ field: v }))
}

/// A number as JSON the way the dossier writes it (whole numbers without ".0").
pub fn number_json(n: f64) -> Json {
    serde_json::to_value(Value::Number(n)).unwrap_or(Json::Null)
}
