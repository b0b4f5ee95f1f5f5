//! The active rules and the province's patch they come from. Owned here; pages read it through
//! context.
//!
//! The one edit state is a `RulesFile` (the province's patch over the built-in rules): the
//! deployment's file (`bo-tieu-chi.json` beside the app) gives the first one, importing a file
//! replaces it, the rules page edits it, "Dùng lại…" goes back to the deployment's (or to none).
//! The active rules are always the built-in rules with the patch laid over them
//! (`Rules::with_override`), so every check is the core's; a patch the core refuses is never
//! applied nor stored.

use crate::infra::deployed::{Deployed, DEPLOYED_FILE};
use crate::infra::{clock, store};
use leptos::prelude::*;
use ntm_core::rules_edit::{self, DEFAULT_ID, DEFAULT_TITLE};
use ntm_core::{InputError, Rules, RulesFile};
use std::sync::Arc;

/// Where the active rules come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    BuiltIn,
    /// The deployment's rules file, shipped beside the app.
    Deployment,
    /// An imported file, as it was imported.
    File {
        name: String,
        saved_at: f64,
    },
    /// Edited on the rules page, starting from an imported file (`from_file`, `DEPLOYED_MARK` for
    /// the deployment's) or the built-in rules.
    Edited {
        from_file: Option<String>,
        saved_at: f64,
    },
}

impl Origin {
    fn file_name(&self) -> Option<&str> {
        match self {
            Origin::BuiltIn => None,
            Origin::Deployment => Some(DEPLOYED_MARK),
            Origin::File { name, .. } => Some(name),
            Origin::Edited { from_file, .. } => from_file.as_deref(),
        }
    }
}

/// The stored file name of rules edited from the deployment's (not a name a file can have).
pub const DEPLOYED_MARK: &str = "/bo-tieu-chi.json";

/// The deployment's rules file, read and resolved once at start.
pub struct Deployment {
    pub patch: RulesFile,
    pub rules: Arc<Rules>,
}

#[derive(Clone, Copy)]
pub struct RulesCtx {
    pub active: RwSignal<Arc<Rules>>,
    pub origin: RwSignal<Origin>,
    /// Why a stored rules file was not used at start (it is kept, not deleted).
    pub startup_problem: RwSignal<Option<String>>,
    /// The province's patch over the built-in rules.
    pub patch: RwSignal<RulesFile>,
    /// The built-in rules, resolved once.
    pub base: StoredValue<Arc<Rules>>,
    /// The deployment's rules, when it ships a valid file.
    pub deployment: StoredValue<Option<Arc<Deployment>>>,
    /// Why the deployment's file is not used (shown in the header on every page).
    pub deployment_problem: StoredValue<Option<String>>,
}

/// The deployment's file read by the core, or why it is not used.
fn read_deployed(base: &Rules, deployed: Deployed) -> Result<Option<Deployment>, String> {
    let text = match deployed {
        Deployed::None => return Ok(None),
        Deployed::Unreadable(e) => {
            return Err(format!(
                "Không tải được bộ tiêu chí của đơn vị triển khai (tệp {DEPLOYED_FILE}): {e}. Đang dùng bộ tiêu chí gốc của ứng dụng."
            ))
        }
        Deployed::Text(t) => t,
    };
    RulesFile::parse(&text)
        .and_then(|p| resolve(base, &p, true).map(|r| (p, r)))
        .map(|(patch, rules)| {
            Some(Deployment {
                patch,
                rules: Arc::new(rules),
            })
        })
        .map_err(|e| {
            format!(
                "Bộ tiêu chí của đơn vị triển khai (tệp {DEPLOYED_FILE}) không hợp lệ — {e}. Đang dùng bộ tiêu chí gốc của ứng dụng; hãy báo đơn vị triển khai."
            )
        })
}

pub fn default_patch() -> RulesFile {
    rules_edit::empty_patch(DEFAULT_ID, DEFAULT_TITLE)
}

/// The rules a patch gives: `Rules::with_override` (the built-in rules, already resolved, with
/// the patch applied). A patch that changes nothing and comes from no file is the built-in rules
/// themselves, under their own id.
fn resolve(base: &Rules, patch: &RulesFile, from_file: bool) -> Result<Rules, InputError> {
    if rules_edit::is_empty(patch) && !from_file {
        return Ok(base.clone());
    }
    let mut rules = base.clone();
    rules.apply(patch)?;
    Ok(rules)
}

impl RulesCtx {
    pub fn load(deployed: Deployed) -> Self {
        let base = Arc::new(Rules::built_in());
        let (deployment, deployment_problem) = match read_deployed(&base, deployed) {
            Ok(d) => (d.map(Arc::new), None),
            Err(e) => (None, Some(e)),
        };
        let (fallback, fallback_patch, fallback_origin) = match &deployment {
            Some(d) => (d.rules.clone(), d.patch.clone(), Origin::Deployment),
            None => (base.clone(), default_patch(), Origin::BuiltIn),
        };
        let using = match &deployment {
            Some(_) => "bộ tiêu chí của đơn vị triển khai",
            None => "bộ tiêu chí gốc",
        };
        let kept = "Bản đã lưu được giữ riêng (mục “Dữ liệu không đọc được” ở trang “Dữ liệu trên máy”), không bị xóa.";
        let (rules, patch, origin, problem) = match store::load_rules() {
            None => (fallback, fallback_patch, fallback_origin, None),
            Some(Err(e)) => (
                fallback,
                fallback_patch,
                fallback_origin,
                Some(format!(
                    "Bộ tiêu chí đã lưu không đọc được ({e}); đang dùng {using}."
                )),
            ),
            Some(Ok(stored)) => {
                let from_file = !stored.file_name.is_empty();
                let what = if stored.file_name == DEPLOYED_MARK {
                    "của đơn vị triển khai, đã sửa,".to_string()
                } else if from_file {
                    format!("từ tệp “{}”", stored.file_name)
                } else {
                    "đã sửa".to_string()
                };
                match RulesFile::parse(&stored.text)
                    .and_then(|p| resolve(&base, &p, from_file).map(|r| (r, p)))
                {
                    Ok((r, p)) => {
                        let origin = if stored.edited {
                            Origin::Edited {
                                from_file: from_file.then(|| stored.file_name.clone()),
                                saved_at: stored.saved_at,
                            }
                        } else {
                            Origin::File {
                                name: stored.file_name,
                                saved_at: stored.saved_at,
                            }
                        };
                        (Arc::new(r), p, origin, None)
                    }
                    Err(e) => {
                        // Not deleted, and not overwritten by the next edit either.
                        store::set_aside_rules(&format!(
                            "bộ tiêu chí {what} không còn hợp lệ: {e}"
                        ));
                        (
                            fallback,
                            fallback_patch,
                            fallback_origin,
                            Some(format!(
                                "Bộ tiêu chí {what} không còn hợp lệ ({e}); đang dùng {using}. {kept}"
                            )),
                        )
                    }
                }
            }
        };
        RulesCtx {
            active: RwSignal::new(rules),
            origin: RwSignal::new(origin),
            startup_problem: RwSignal::new(problem),
            patch: RwSignal::new(patch),
            base: StoredValue::new(base),
            deployment: StoredValue::new(deployment),
            deployment_problem: StoredValue::new(deployment_problem),
        }
    }

    /// What "Dùng lại…" goes back to: the deployment's rules, else the built-in ones.
    fn fallback(&self) -> (Arc<Rules>, RulesFile, Origin) {
        match self.deployment.get_value() {
            Some(d) => (d.rules.clone(), d.patch.clone(), Origin::Deployment),
            None => (self.base.get_value(), default_patch(), Origin::BuiltIn),
        }
    }

    /// True when the app ships a deployment's rules file that is in use or can be gone back to.
    pub fn has_deployment(&self) -> bool {
        self.deployment.with_value(Option::is_some)
    }

    /// True when anything would be lost by going back to the built-in rules.
    pub fn has_edits(&self) -> bool {
        let (_, fallback, fallback_origin) = self.fallback();
        self.origin.with_untracked(|o| *o != fallback_origin)
            || self
                .patch
                .with_untracked(|p| p.to_json() != fallback.to_json())
    }

    /// Applies and stores an imported rules file: it becomes the patch.
    /// Returns a warning if it could not be stored.
    pub fn import(&self, file_name: &str, text: &str) -> Result<Option<String>, String> {
        let patch = RulesFile::parse(text).map_err(|e| format!("{file_name}: {e}"))?;
        let rules = resolve(&self.base.get_value(), &patch, true)
            .map_err(|e| format!("{file_name}: {e}"))?;
        let now = clock::now_ms();
        let stored = store::StoredRules {
            file_name: file_name.to_string(),
            saved_at: now,
            text: text.to_string(),
            edited: false,
        };
        let warning = store::save_rules(&stored).err().map(not_stored);
        self.active.set(Arc::new(rules));
        self.patch.set(patch);
        self.origin.set(Origin::File {
            name: file_name.to_string(),
            saved_at: now,
        });
        self.startup_problem.set(None);
        Ok(warning)
    }

    /// Makes `patch` the province's patch if the core accepts it, and stores it.
    /// `Err`: the core's reason (nothing changed). `Ok(Some(w))`: applied but not stored.
    pub fn apply_patch(&self, patch: RulesFile) -> Result<Option<String>, InputError> {
        let file = self
            .origin
            .with_untracked(|o| o.file_name().map(str::to_string));
        let rules = resolve(&self.base.get_value(), &patch, file.is_some())?;
        let (_, fallback, fallback_origin) = self.fallback();
        let untouched =
            file.as_deref() == fallback_origin.file_name() && patch.to_json() == fallback.to_json();
        let warning = if untouched {
            // Every change was taken back: nothing to keep.
            self.origin.set(fallback_origin);
            store::clear_rules().err()
        } else {
            let now = clock::now_ms();
            let stored = store::StoredRules {
                file_name: file.clone().unwrap_or_default(),
                saved_at: now,
                text: patch.to_json(),
                edited: true,
            };
            self.origin.set(Origin::Edited {
                from_file: file,
                saved_at: now,
            });
            store::save_rules(&stored).err().map(not_stored)
        };
        self.active.set(Arc::new(rules));
        self.patch.set(patch);
        self.startup_problem.set(None);
        Ok(warning)
    }

    /// Goes back to the deployment's rules, or the built-in ones when it ships none.
    pub fn reset(&self) -> Result<(), String> {
        store::clear_rules()?;
        let (rules, patch, origin) = self.fallback();
        self.active.set(rules);
        self.patch.set(patch);
        self.origin.set(origin);
        self.startup_problem.set(None);
        Ok(())
    }
}

fn not_stored(e: String) -> String {
    format!("Bộ tiêu chí đang được dùng nhưng chưa lưu được, sẽ mất khi tải lại trang: {e}")
}
