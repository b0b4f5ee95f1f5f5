//! The Khen thưởng page's state: the nomination register (candidates, quotas, good models),
//! saved to localStorage shortly after each edit; the commune dossiers available in this browser
//! (drafts and the consolidation) as facts; every candidate's verdicts and the summary by award
//! form. Every check and verdict is the core's (`ntm_core::awards`, `ntm_core::nominations`).

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::autosave::Autosave;
use crate::infra::clock;
use crate::infra::store::{self, Draft, StoredNominations};
use crate::tong_hop::state::ConsolidationCtx;
use crate::tu_danh_gia::state::Workspace;
use crate::ui::save_state::SaveState;
use leptos::prelude::*;
use ntm_core::awards::{self, AwardRules, CandidateResult, CommuneFacts, Facts};
use ntm_core::nominations::{self, Candidate, FormSummary, Register};
use ntm_core::Level;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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
    autosave: Autosave,
}

/// The facts the verdicts read, compared by identity: they change only with the communes.
#[derive(Clone)]
struct SharedFacts(Arc<Facts>);

impl PartialEq for SharedFacts {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What one candidate's verdicts read besides the register's settings and the facts: the
/// candidate, its row, and the earlier row nominated for the same achievement.
#[derive(Clone, Debug, PartialEq)]
struct Inputs {
    candidate: Candidate,
    index: usize,
    earlier: Option<(usize, String)>,
}

fn inputs_of(register: &Register, index: usize) -> Inputs {
    let c = &register.candidates[index];
    let ach = c.achievement.id.trim();
    let earlier = register.candidates[..index]
        .iter()
        .position(|e| !ach.is_empty() && e.achievement.id.trim() == ach)
        .map(|i| (i, register.candidates[i].name.clone()));
    Inputs {
        candidate: c.clone(),
        index,
        earlier,
    }
}

/// Every candidate's verdicts kept by id, so an edit re-assesses only the candidates whose
/// inputs it changed (all of them when the register's settings or the facts change).
#[derive(Default)]
pub struct ResultCache {
    settings: Option<(Option<String>, BTreeMap<String, f64>)>,
    facts: Option<Arc<Facts>>,
    by_id: HashMap<String, (Inputs, CandidateResult)>,
    /// How many candidates the last `assess` assessed again.
    pub assessed: usize,
}

impl ResultCache {
    /// The verdicts of every candidate of `register`, in its order.
    pub fn assess(
        &mut self,
        rules: &AwardRules,
        register: &Register,
        facts: &Arc<Facts>,
    ) -> Vec<CandidateResult> {
        let settings = (register.decision_date.clone(), register.parameters.clone());
        let same_facts = self.facts.as_ref().is_some_and(|f| Arc::ptr_eq(f, facts));
        if !same_facts || self.settings.as_ref() != Some(&settings) {
            self.by_id.clear();
            self.settings = Some(settings);
            self.facts = Some(facts.clone());
        }
        self.assessed = 0;
        let mut kept = HashMap::with_capacity(register.candidates.len());
        let out = (0..register.candidates.len())
            .map(|i| {
                let inputs = inputs_of(register, i);
                let id = register.candidates[i].id.clone();
                let result = match self.by_id.remove(&id) {
                    Some((before, r)) if before == inputs => r,
                    _ => {
                        self.assessed += 1;
                        awards::assess_candidate(rules, register, facts, i)
                    }
                };
                kept.insert(id, (inputs, result.clone()));
                result
            })
            .collect();
        self.by_id = kept;
        out
    }
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
fn commune_options(
    rules: &ntm_core::Rules,
    drafts: &[Draft],
    consolidated: &[&ntm_core::Dossier],
) -> Vec<CommuneOption> {
    let mut facts = Facts::default();
    let mut source = BTreeMap::new();
    let mut names = BTreeMap::new();
    // Oldest first, so the newest draft of a commune-year is added last and wins.
    for d in drafts.iter().rev() {
        let a = ntm_core::evaluate(rules, &d.dossier);
        facts.add(&a, &d.dossier);
        let key = (d.dossier.unit.code.clone(), d.dossier.year);
        source.insert(key.clone(), format!("hồ sơ nháp “{}”", d.name));
        names.insert(key, d.dossier.unit.clone());
    }
    for d in consolidated.iter().copied() {
        let a = ntm_core::evaluate(rules, d);
        facts.add(&a, d);
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

/// The stored register, why it could not be read, and when it was saved.
fn load_register() -> (Register, f64, Option<String>) {
    match store::load_nominations() {
        None => (Register::new(), 0.0, None),
        Some(Ok(s)) => (s.register, s.saved_at, None),
        Some(Err(e)) => (
            Register::new(),
            0.0,
            Some(format!(
                "Danh sách đề nghị khen thưởng đã lưu không đọc được ({e}); đang dùng danh sách trống."
            )),
        ),
    }
}

impl NominationsCtx {
    /// Created once by the app; nothing is read or assessed until the page first needs it.
    pub fn new(rc: RulesCtx, ws: Workspace, cons: ConsolidationCtx) -> Self {
        let (register, saved_at, problem) = load_register();
        let register = RwSignal::new(register);
        let communes = Memo::new(move |_| {
            let rules = rc.active.get();
            ws.all.with(|drafts| {
                cons.with_dossiers(|ds| commune_options(&rules, drafts, &ds.collect::<Vec<_>>()))
            })
        });
        let facts = Memo::new(move |_| {
            SharedFacts(Arc::new(communes.with(|list| {
                Facts {
                    communes: list
                        .iter()
                        .map(|o| ((o.code.clone(), o.year), o.facts.clone()))
                        .collect(),
                }
            })))
        });
        let cache = StoredValue::new(ResultCache::default());
        let results = Memo::new(move |_| {
            let facts = facts.get().0;
            register.with(|r| {
                cache
                    .try_update_value(|c| c.assess(rules(), r, &facts))
                    .unwrap_or_default()
            })
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
        let autosave = Autosave::new(SaveState::Clean(saved_at));
        NominationsCtx {
            register,
            save_state: autosave.state,
            load_problem: RwSignal::new(problem),
            selected: RwSignal::new(None),
            communes,
            results,
            summaries,
            revision: RwSignal::new(0),
            autosave,
        }
    }

    /// Another tab saved the register: taken unless this tab has unsaved changes (then this
    /// tab's next save meets the conflict and says so).
    pub fn on_storage(&self, key: Option<&str>) {
        if key.is_some_and(|k| k != ntm_core::storage::NOMINATIONS_KEY) || self.autosave.dirty() {
            return;
        }
        let (register, saved_at, problem) = load_register();
        let selected = self.selected.get_untracked();
        if selected.is_some_and(|id| !register.candidates.iter().any(|c| c.id == id)) {
            self.selected.set(None);
        }
        self.register.set(register);
        self.load_problem.set(problem);
        self.autosave.clean(saved_at);
        self.revision.update(|r| *r += 1);
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
        let ctx = *self;
        self.autosave.edit(move || ctx.flush());
    }

    /// Writes the register now if it changed; a failure keeps it dirty for the next try.
    pub fn flush(&self) {
        if !self.autosave.dirty() {
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
        let result = store::save_nominations(&record);
        if result.is_ok() {
            self.load_problem.try_set(None);
        }
        self.autosave.record(result.map(|()| now));
    }

    /// Replaces the whole register (an imported file) and saves it at once.
    pub fn replace(&self, register: Register) {
        self.selected.set(None);
        self.register.set(register);
        self.revision.update(|r| *r += 1);
        self.autosave.mark_dirty();
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(names: &[(&str, &str)]) -> Register {
        let mut r = Register::new();
        for (id, achievement) in names {
            let mut c = Candidate {
                id: id.to_string(),
                name: format!("Ứng viên {id}"),
                ..Candidate::default()
            };
            c.achievement.id = achievement.to_string();
            r.candidates.push(c);
        }
        r
    }

    #[test]
    fn an_edit_reassesses_only_its_candidate() {
        let facts = Arc::new(Facts::default());
        let mut cache = ResultCache::default();
        let mut r = register(&[("a", ""), ("b", ""), ("c", "")]);
        cache.assess(rules(), &r, &facts);
        assert_eq!(cache.assessed, 3);
        r.candidates[1].name = "Tên mới".into();
        let got = cache.assess(rules(), &r, &facts);
        assert_eq!(cache.assessed, 1);
        assert_eq!(got, awards::assess(rules(), &r, &facts));
        cache.assess(rules(), &r, &facts);
        assert_eq!(cache.assessed, 0);
    }

    #[test]
    fn a_shared_achievement_reassesses_the_later_row() {
        let facts = Arc::new(Facts::default());
        let mut cache = ResultCache::default();
        let mut r = register(&[("a", "x"), ("b", ""), ("c", "x")]);
        cache.assess(rules(), &r, &facts);
        // The later row's reason names the earlier one.
        r.candidates[0].name = "Tên mới".into();
        let got = cache.assess(rules(), &r, &facts);
        assert_eq!(cache.assessed, 2);
        assert_eq!(got, awards::assess(rules(), &r, &facts));
        // Moving rows changes their numbers.
        r.candidates.swap(0, 1);
        let got = cache.assess(rules(), &r, &facts);
        assert_eq!(got, awards::assess(rules(), &r, &facts));
    }

    #[test]
    fn settings_or_facts_reassess_everyone() {
        let facts = Arc::new(Facts::default());
        let mut cache = ResultCache::default();
        let mut r = register(&[("a", ""), ("b", "")]);
        cache.assess(rules(), &r, &facts);
        r.decision_date = Some("2025-06-30".into());
        let got = cache.assess(rules(), &r, &facts);
        assert_eq!(cache.assessed, 2);
        assert_eq!(got, awards::assess(rules(), &r, &facts));
        cache.assess(rules(), &r, &Arc::new(Facts::default()));
        assert_eq!(cache.assessed, 2);
        r.candidates.remove(0);
        assert_eq!(cache.assess(rules(), &r, &facts).len(), 1);
    }
}
