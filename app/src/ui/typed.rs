//! Typed number text → value through the core's parsers, for every form that takes a number.

use ntm_core::rules::Kind;
use ntm_core::text::{parse_decimal, parse_money, sentence};

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
