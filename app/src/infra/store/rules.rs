//! The province's rules file (Bộ tiêu chí).

use super::*;

const RULES_WHAT: &str = "bộ tiêu chí của tỉnh";

/// The imported rules file, if any: `Err` when the record itself is unreadable.
pub fn load_rules() -> Option<Result<StoredRules, String>> {
    get(RULES_KEY)
}

pub fn save_rules(r: &StoredRules) -> Result<(), String> {
    put(RULES_KEY, r, RULES_WHAT).map_err(WriteError::message)
}

/// Sets the stored rules aside (they no longer apply to the built-in rules): kept, not deleted.
pub fn set_aside_rules(reason: &str) {
    if let Some(text) = backend::text(RULES_KEY) {
        set_aside(RULES_KEY, &text, reason);
    }
}

pub fn clear_rules() -> Result<(), String> {
    backend::delete(RULES_KEY).map_err(|_| "Không xóa được bộ tiêu chí đã lưu.".to_string())?;
    forget(RULES_KEY);
    Ok(())
}
