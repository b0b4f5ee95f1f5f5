//! The engine: a dossier against the rules → an outcome and its reason for every indicator,
//! every criterion, and the level reached. No rounding in anyone's favour.

use crate::dossier::{Dossier, Unit, Value};
use crate::level::Level;
use crate::rules::{
    Comparison, ConditionField, CriteriaSet, Criterion, Indicator, Input, Kind, Rules, RulesRef,
    Status, Text, Threshold,
};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::sync::Arc;

mod judge;
mod results;
pub use judge::*;
pub use results::*;

/// What an indicator's check came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// met
    Dat,
    /// not met
    ChuaDat,
    /// no value entered
    ThieuSoLieu,
    /// the rules have no threshold for it in that year
    ThieuNguong,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Dat => "dat",
            Outcome::ChuaDat => "chua_dat",
            Outcome::ThieuSoLieu => "thieu_so_lieu",
            Outcome::ThieuNguong => "thieu_nguong",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Outcome::Dat => "Đạt",
            Outcome::ChuaDat => "Chưa đạt",
            Outcome::ThieuSoLieu => "Thiếu số liệu",
            Outcome::ThieuNguong => "Thiếu ngưỡng",
        }
    }
}

/// A criterion is met only when all its indicators are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionOutcome {
    Dat,
    ChuaDat,
    ChuaXacDinh,
}

impl CriterionOutcome {
    /// Met only if every indicator is; not met if any is not; otherwise undetermined.
    pub fn of(outcomes: impl IntoIterator<Item = Outcome>) -> CriterionOutcome {
        let mut counts = Counts::default();
        for o in outcomes {
            counts.add(o);
        }
        CriterionOutcome::from_counts(&counts)
    }

    fn from_counts(counts: &Counts) -> CriterionOutcome {
        if counts.total() == 0 {
            CriterionOutcome::ChuaXacDinh
        } else if counts.get(Outcome::ChuaDat) > 0 {
            CriterionOutcome::ChuaDat
        } else if counts.get(Outcome::Dat) == counts.total() {
            CriterionOutcome::Dat
        } else {
            CriterionOutcome::ChuaXacDinh
        }
    }

    /// The word used in files and tests.
    pub fn code(self) -> &'static str {
        match self {
            CriterionOutcome::Dat => "dat",
            CriterionOutcome::ChuaDat => "chua_dat",
            CriterionOutcome::ChuaXacDinh => "chua_xac_dinh",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            CriterionOutcome::Dat => "Đạt",
            CriterionOutcome::ChuaDat => "Chưa đạt",
            CriterionOutcome::ChuaXacDinh => "Chưa xác định",
        }
    }
}

/// The requirement as applied for the year: what the value was compared with.
/// The plain notice shown wherever a threshold is missing.
pub const NO_THRESHOLD: &str = "Chưa có ngưỡng — nhập theo văn bản của tỉnh";

/// Why the next level is not reached: an indicator not met, or a criterion with no indicators.
#[derive(Clone, Copy, Debug)]
pub struct Blocker<'a> {
    pub set: &'a SetResult,
    pub criterion: &'a CriterionResult,
    /// `None` when the criterion has no indicators at all.
    pub indicator: Option<IndicatorResult<'a>>,
}

impl Blocker<'_> {
    pub fn explanation(&self) -> String {
        match self.indicator {
            Some(i) => format!(
                "Chỉ tiêu {} — {}: {}",
                crate::text::shown_code(i.code()),
                i.outcome.label_vi(),
                i.explanation()
            ),
            None => format!(
                "Tiêu chí {} “{}”: bộ tiêu chí chưa có chỉ tiêu — nhập theo văn bản của tỉnh.",
                self.criterion.code(),
                self.criterion.name()
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub unit: Unit,
    pub year: u16,
    pub rules: RulesRef,
    pub level: Level,
    pub next_level: Option<Level>,
    /// Indices in `sets` of the sets that hold back the next level.
    pub blocking_sets: Vec<usize>,
    /// Indicators behind the level reached whose rule is not verified: the result is provisional.
    pub unverified_basis: usize,
    /// Residents' satisfaction from the dossier (the district conditions read it).
    pub satisfaction_pct: Option<f64>,
    pub sets: Vec<SetResult>,
}

impl Assessment {
    pub fn set(&self, id: &str) -> Option<&SetResult> {
        self.sets.iter().find(|s| &*s.id == id)
    }
    pub fn indicators(&self) -> impl Iterator<Item = (&SetResult, IndicatorResult<'_>)> {
        self.sets
            .iter()
            .flat_map(|s| s.indicators().map(move |i| (s, i)))
    }

    /// An indicator's status badges as this assessment applied it (its year, and for a
    /// relative threshold the one it followed).
    pub fn badges(&self, ind: &Indicator) -> Vec<crate::rules::Badge> {
        crate::rules::badges(ind, Some(self.year), self)
    }

    /// Both facts of the rule in words, for print and exports: "Ngưỡng: chưa có; Mã chỉ tiêu:
    /// đã xác minh".
    pub fn basis_text(&self, ind: &Indicator) -> String {
        let mut b: Vec<String> = self.badges(ind).iter().map(|b| b.label_vi()).collect();
        if ind.status.is_verified() {
            b.push(format!("Mã chỉ tiêu: {}", ind.status.label_vi()));
        }
        b.join("; ")
    }

    /// What stands between the level reached and the next one, in the rules' order.
    pub fn blockers(&self) -> impl Iterator<Item = Blocker<'_>> {
        self.blocking_sets.iter().flat_map(move |&si| {
            let set = &self.sets[si];
            set.criteria_with_indicators().flat_map(move |(c, inds)| {
                let empty = c.is_empty().then_some(Blocker {
                    set,
                    criterion: c,
                    indicator: None,
                });
                empty
                    .into_iter()
                    .chain(
                        inds.filter(|i| i.outcome != Outcome::Dat)
                            .map(move |i| Blocker {
                                set,
                                criterion: c,
                                indicator: Some(i),
                            }),
                    )
            })
        })
    }
}

impl crate::rules::BaseLookup for Assessment {
    fn base_of(&self, r: &crate::rules::Relative) -> Option<&Indicator> {
        self.set(&r.set)?
            .criteria
            .iter()
            .flat_map(|c| c.criterion.indicators.iter())
            .find(|i| *i.code == *r.code)
            .map(|i| &**i)
    }
}

/// Whether a level holds, seen from the sets that define it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LevelState {
    Reached,
    /// some criterion is not met
    Failed,
    /// nothing failed, but something is unknown
    Undetermined,
}

fn state_of(results: &[SetResult]) -> LevelState {
    let all = || results.iter().flat_map(|s| s.criteria.iter());
    if all().any(|c| c.outcome == CriterionOutcome::ChuaDat) {
        LevelState::Failed
    } else if all().all(|c| c.outcome == CriterionOutcome::Dat) {
        LevelState::Reached
    } else {
        LevelState::Undetermined
    }
}

/// Assesses one commune dossier. Levels are cumulative: each needs the ones below it.
#[cfg_attr(ntm_speed, optimize(speed))]
pub fn evaluate(rules: &Rules, dossier: &Dossier) -> Assessment {
    let mut ctx = Context {
        judge: Judge {
            rules,
            year: dossier.year,
        },
        dossier,
        levels: Vec::with_capacity(rules.levels.len()),
        entered: Entered::new(None),
    };
    let mut sets: Vec<SetResult> =
        Vec::with_capacity(rules.levels.iter().map(|d| d.sets.len()).sum());
    let mut level = Level::ChuaDat;
    let mut blocked = false;
    let mut blocking_sets = Vec::new();
    for def in &rules.levels {
        let start = sets.len();
        for id in &def.sets {
            if let Some(set) = rules.set(id) {
                sets.push(ctx.set(set));
            }
        }
        let mut state = state_of(&sets[start..]);
        if blocked && state == LevelState::Reached {
            // the level's own sets hold, but a lower level does not
            state = LevelState::Undetermined;
        }
        if !blocked && state == LevelState::Reached {
            level = def.level;
        } else if !blocked {
            blocked = true;
            blocking_sets = (start..sets.len()).collect();
        }
        ctx.levels.push((def.level, state));
    }
    let unverified_basis = if level == Level::ChuaDat {
        0
    } else {
        let reached = |id: &str| {
            rules
                .levels
                .iter()
                .filter(|d| d.level <= level)
                .any(|d| d.sets.iter().any(|s| s == id))
        };
        sets.iter()
            .filter(|s| reached(&s.id))
            .flat_map(|s| s.indicators())
            .filter(|i| {
                // Either fact of the rule unverified makes the result provisional.
                crate::rules::badges(i.indicator, Some(dossier.year), rules)
                    .iter()
                    .any(|b| !b.is_verified())
            })
            .count()
    };
    Assessment {
        unit: dossier.unit.clone(),
        year: dossier.year,
        rules: rules.reference(),
        level,
        next_level: level.next().filter(|l| rules.level_def(*l).is_some()),
        blocking_sets,
        unverified_basis,
        satisfaction_pct: dossier.conditions.satisfaction_pct,
        sets,
    }
}

#[cfg(test)]
mod tests {
    use super::{CriterionResult, Verdict};

    #[test]
    fn entered_values_are_found_in_any_order() {
        use super::judge::Entered;
        use crate::dossier::{Codes, Value};
        let codes = ["1.1", "1.2", "10", "11", "2.1", "2.3", "9.2"];
        let m: Codes<Value> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (crate::rules::Text::from(*c), Value::Number(i as f64)))
            .collect();
        // The rules' order with codes the dossier lacks, then backwards; each code asked as a
        // fresh copy of its text, then as the dossier's own (shared) code: every lookup answers
        // as the map does.
        let order = [
            "1.1", "1.2", "2.1", "2.2", "2.3", "9.1", "9.2", "10", "11", "12", "0",
        ];
        for round in [order.to_vec(), order.iter().rev().copied().collect()] {
            let mut e = Entered::new(Some(&m));
            for code in &round {
                assert_eq!(e.get(&String::from(*code)), m.get(*code).copied(), "{code}");
            }
            let mut e = Entered::new(Some(&m));
            for code in &round {
                let shared = m.keys().find(|k| &***k == *code).map_or(*code, |k| &**k);
                assert_eq!(e.get(shared), m.get(*code).copied(), "{code}");
            }
        }
        assert_eq!(Entered::new(None).get("1.1"), None);
    }

    #[test]
    fn results_stay_small() {
        // 10 000 assessments of ~90 indicators are kept at once by the app and the benchmark.
        assert!(std::mem::size_of::<Verdict>() <= 24);
        assert!(std::mem::size_of::<CriterionResult>() <= 32);
    }
}
