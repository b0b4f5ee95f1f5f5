//! The Khen thưởng page's state: the nomination register (candidates, quotas, good models),
//! saved to localStorage shortly after each edit; the commune dossiers available in this browser
//! (drafts and the consolidation) as facts; every candidate's verdicts and the summary by award
//! form. Every check and verdict is the core's (`ntm_core::awards`, `ntm_core::nominations`).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::clock;
use crate::infra::store::{self, StoredNominations};
use crate::tong_hop::state::consolidated_dossiers;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::save_state::SaveState;
use leptos::prelude::*;
use ntm_core::awards::{self, AwardRules, CandidateResult, CommuneFacts, Facts};
use ntm_core::nominations::{self, Candidate, FormSummary, Register};
use ntm_core::Level;
use std::time::Duration;

const SAVE_DELAY: Duration = Duration::from_millis(400);

/// The rules id printed on the list (the built-in award rules).
pub fn rules() -> &'static AwardRules {
    awards::builtin()
}

/// A commune dossier of this browser a group-c candidate may be linked to.
#[derive(Clone, Debug, PartialEq)]
pub struct CommuneOption {
    pub code: String,
    pub name: String,
    pub district: String,
    pub year: u16,
    /// Where it comes from, in words ("hồ sơ nháp …", "bảng tổng hợp").
    pub source: String,
    pub facts: CommuneFacts,
}

impl CommuneOption {
    pub fn key(&self) -> String {
        format!("{}|{}", self.code, self.year)
    }
    pub fn label(&self) -> String {
        format!(
            "{} ({}, mã {}) — năm {} — {}",
            self.name,
            self.district,
            self.code,
            self.year,
            self.facts.level.label_vi()
        )
    }
}

#[derive(Clone, Copy)]
pub struct NominationsCtx {
    pub register: RwSignal<Register>,
    pub save_state: RwSignal<SaveState>,
    /// Why the stored register could not be read (kept in storage until the first edit).
    pub load_problem: RwSignal<Option<String>>,
    /// The candidate whose editor and verdicts are shown.
    pub selected: RwSignal<Option<String>>,
    pub communes: Memo<Vec<CommuneOption>>,
    pub results: Memo<Vec<CandidateResult>>,
    pub summaries: Memo<Vec<FormSummary>>,
    /// Bumped when the whole register is replaced: forms holding typed text rebuild from it.
    pub revision: RwSignal<u64>,
    generation: StoredValue<u64>,
    dirty: StoredValue<bool>,
}

/// An award's name, for the plan's forms and the other awards history may hold.
pub fn award_name(id: &str) -> String {
    match rules().award(id) {
        Some(a) => a.name.clone(),
        None => nominations::other_award_name(id),
    }
}

pub fn group_name(id: &str) -> String {
    rules()
        .group(id)
        .map_or_else(|| id.to_string(), |g| g.name.clone())
}

pub fn subject_name(id: &str) -> String {
    rules()
        .subject(id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// Short label of a plan group for tables: "c. Xã".
pub fn group_short(id: &str) -> String {
    let letter = match id {
        "dd_can_bo" | "dd_nguoi_lao_dong" => "đ",
        other => other,
    };
    format!("{letter}. {}", group_name(id))
}

/// The plan's forms, highest first.
pub fn awards_by_rank() -> Vec<&'static awards::Award> {
    let mut a: Vec<&awards::Award> = rules().awards.iter().collect();
    a.sort_by_key(|a| a.rank);
    a
}

/// A fresh id with `prefix` that `taken` does not hold: "uv-1733…", then "-2", "-3"….
pub fn fresh_id(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = format!("{prefix}-{}", clock::now_ms() as u64);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some id is free")
}

/// The id two nominations share when both rest on the same good model.
pub fn model_achievement_id(model_id: &str) -> String {
    format!("mh-{model_id}")
}

/// Every commune dossier of this browser, evaluated with the active rules: the drafts (newest
/// first, one per commune-year), then the consolidation's dossiers, which replace a draft of
/// the same commune-year (they are the ones the district received).
fn commune_options(rules: &ntm_core::Rules) -> Vec<CommuneOption> {
    let mut facts = Facts::default();
    let mut source = std::collections::BTreeMap::new();
    let mut names = std::collections::BTreeMap::new();
    let drafts = store::all_drafts();
    // Oldest first, so the newest draft of a commune-year is added last and wins.
    for d in drafts.iter().rev() {
        let a = ntm_core::evaluate(rules, &d.dossier);
        facts.add(&a, &d.dossier);
        let key = (d.dossier.unit.code.clone(), d.dossier.year);
        source.insert(key.clone(), format!("hồ sơ nháp “{}”", d.name));
        names.insert(key, d.dossier.unit.clone());
    }
    for d in consolidated_dossiers(rules) {
        let a = ntm_core::evaluate(rules, &d);
        facts.add(&a, &d);
        let key = (d.unit.code.clone(), d.year);
        source.insert(key.clone(), "bảng tổng hợp (trang Tổng hợp)".to_string());
        names.insert(key, d.unit.clone());
    }
    facts
        .communes
        .into_iter()
        .map(|((code, year), f)| {
            let unit = names.get(&(code.clone(), year));
            let district = ntm_core::units::find(&code)
                .map(|u| u.district_name.clone())
                .unwrap_or_default();
            CommuneOption {
                name: unit.map_or_else(|| code.clone(), |u| u.name.clone()),
                district,
                source: source.remove(&(code.clone(), year)).unwrap_or_default(),
                code,
                year,
                facts: f,
            }
        })
        .collect()
}

impl NominationsCtx {
    pub fn new(rc: RulesCtx, ws: Workspace) -> Self {
        let (register, state, problem) = match store::load_nominations() {
            None => (Register::new(), SaveState::Clean(0.0), None),
            Some(Ok(s)) => (s.register, SaveState::Clean(s.saved_at), None),
            Some(Err(e)) => (
                Register::new(),
                SaveState::Clean(0.0),
                Some(format!(
                    "Danh sách đề nghị khen thưởng đã lưu không đọc được ({e}); đang dùng danh sách trống."
                )),
            ),
        };
        let register = RwSignal::new(register);
        let communes = Memo::new(move |_| {
            ws.drafts.track();
            let rules = rc.active.get();
            commune_options(&rules)
        });
        let results = Memo::new(move |_| {
            let facts = communes.with(|list| Facts {
                communes: list
                    .iter()
                    .map(|o| ((o.code.clone(), o.year), o.facts.clone()))
                    .collect(),
            });
            register.with(|r| awards::assess(rules(), r, &facts))
        });
        let summaries = Memo::new(move |_| {
            let level = |c: &Candidate| -> Option<Level> {
                let link = c.commune.as_ref()?;
                communes.with(|list| {
                    list.iter()
                        .find(|o| o.code == link.code && o.year == link.year)
                        .map(|o| o.facts.level)
                })
            };
            register.with(|r| results.with(|res| nominations::summarise(rules(), r, res, level)))
        });
        NominationsCtx {
            register,
            save_state: RwSignal::new(state),
            load_problem: RwSignal::new(problem),
            selected: RwSignal::new(None),
            communes,
            results,
            summaries,
            revision: RwSignal::new(0),
            generation: StoredValue::new(0),
            dirty: StoredValue::new(false),
        }
    }

    /// Changes the register and schedules a save.
    pub fn edit(&self, f: impl FnOnce(&mut Register)) {
        self.register.update(f);
        self.schedule_save();
    }

    /// Changes one candidate (by id) and schedules a save.
    pub fn edit_candidate(&self, id: &str, f: impl FnOnce(&mut Candidate)) {
        self.edit(|r| {
            if let Some(c) = r.candidates.iter_mut().find(|c| c.id == id) {
                f(c);
            }
        });
    }

    /// A candidate's current record (untracked).
    pub fn candidate(&self, id: &str) -> Option<Candidate> {
        self.register
            .with_untracked(|r| r.candidates.iter().find(|c| c.id == id).cloned())
    }

    /// Reads one candidate, tracked: for a field's value in the editor.
    pub fn with_candidate<R>(&self, id: &str, f: impl FnOnce(&Candidate) -> R) -> Option<R> {
        self.register
            .with(|r| r.candidates.iter().find(|c| c.id == id).map(f))
    }

    /// The verdicts of one candidate (tracked).
    pub fn result_of(&self, id: &str) -> Option<CandidateResult> {
        self.results
            .with(|rs| rs.iter().find(|r| r.candidate_id == id).cloned())
    }

    fn schedule_save(&self) {
        self.dirty.set_value(true);
        self.save_state.set(SaveState::Pending);
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let ctx = *self;
        set_timeout(
            move || {
                // The page may be gone (route changed): its cleanup has flushed already.
                if ctx.generation.try_get_value() == Some(generation) {
                    ctx.flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Writes the register now if it changed; a failure keeps it dirty for the next try.
    pub fn flush(&self) {
        if self.dirty.try_get_value() != Some(true) {
            return;
        }
        let now = clock::now_ms();
        let Some(register) = self.register.try_get_untracked() else {
            return;
        };
        let record = StoredNominations {
            saved_at: now,
            register,
        };
        match store::save_nominations(&record) {
            Ok(()) => {
                self.dirty.set_value(false);
                self.load_problem.set(None);
                self.save_state.set(SaveState::Saved(now));
            }
            Err(e) => self.save_state.set(SaveState::Failed(e)),
        }
    }

    /// Replaces the whole register (an imported file) and saves it at once.
    pub fn replace(&self, register: Register) {
        self.selected.set(None);
        self.register.set(register);
        self.revision.update(|r| *r += 1);
        self.dirty.set_value(true);
        self.flush();
    }
}
