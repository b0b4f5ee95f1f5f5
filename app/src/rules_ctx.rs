//! The active rules: built-in, or built-in with the imported rules file laid over them.
//! Owned here; pages read it through context.

use crate::{clock, store};
use leptos::prelude::*;
use ntm_core::{Rules, RulesFile};
use std::sync::Arc;

/// Where the active rules come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    BuiltIn,
    File { name: String, saved_at: f64 },
}

#[derive(Clone, Copy)]
pub struct RulesCtx {
    pub active: RwSignal<Arc<Rules>>,
    pub origin: RwSignal<Origin>,
    /// Why a stored rules file was not used at start (it is kept, not deleted).
    pub startup_problem: RwSignal<Option<String>>,
}

/// Parses a rules file and lays it over the built-in rules.
pub fn build(text: &str) -> Result<Rules, ntm_core::InputError> {
    let file = RulesFile::parse(text)?;
    Rules::with_override(&file)
}

impl RulesCtx {
    pub fn load() -> Self {
        let (rules, origin, problem) = match store::load_rules() {
            None => (Rules::built_in(), Origin::BuiltIn, None),
            Some(Err(e)) => (
                Rules::built_in(),
                Origin::BuiltIn,
                Some(format!("Bộ tiêu chí đã lưu không đọc được ({e}); đang dùng bộ tiêu chí gốc. Bản đã lưu vẫn được giữ.")),
            ),
            Some(Ok(stored)) => match build(&stored.text) {
                Ok(r) => (
                    r,
                    Origin::File {
                        name: stored.file_name,
                        saved_at: stored.saved_at,
                    },
                    None,
                ),
                Err(e) => (
                    Rules::built_in(),
                    Origin::BuiltIn,
                    Some(format!(
                        "Bộ tiêu chí đã lưu từ tệp “{}” không còn hợp lệ ({e}); đang dùng bộ tiêu chí gốc. Bản đã lưu vẫn được giữ.",
                        stored.file_name
                    )),
                ),
            },
        };
        RulesCtx {
            active: RwSignal::new(Arc::new(rules)),
            origin: RwSignal::new(origin),
            startup_problem: RwSignal::new(problem),
        }
    }

    /// Applies and stores an imported rules file. Returns a warning if it could not be stored.
    pub fn import(&self, file_name: &str, text: &str) -> Result<Option<String>, String> {
        let rules = build(text).map_err(|e| format!("{file_name}: {e}"))?;
        let now = clock::now_ms();
        let stored = store::StoredRules {
            file_name: file_name.to_string(),
            saved_at: now,
            text: text.to_string(),
        };
        let warning = store::save_rules(&stored).err().map(|e| {
            format!("Bộ tiêu chí đang được dùng nhưng chưa lưu được, sẽ mất khi tải lại trang: {e}")
        });
        self.active.set(Arc::new(rules));
        self.origin.set(Origin::File {
            name: file_name.to_string(),
            saved_at: now,
        });
        self.startup_problem.set(None);
        Ok(warning)
    }

    pub fn reset(&self) -> Result<(), String> {
        store::clear_rules()?;
        self.active.set(Arc::new(Rules::built_in()));
        self.origin.set(Origin::BuiltIn);
        self.startup_problem.set(None);
        Ok(())
    }
}
