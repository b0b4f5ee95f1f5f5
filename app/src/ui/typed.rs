//! Typed number text → value, for the state modules that re-read kept text (the kernel's reading).

use ntm_core::rules::Kind;

/// Typed number → `Ok(None)` when empty, the number, or the reason in Vietnamese.
pub fn parse_number(kind: Kind, text: &str) -> Result<Option<f64>, String> {
    crate::ui::number_input::read(kind, text, None)
}
