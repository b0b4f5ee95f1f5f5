//! What the engine reads about communes, and what it returns per candidate.

use super::*;

/// What the app knows of a commune from its evaluated dossier.
#[derive(Clone, Debug, PartialEq)]
pub struct CommuneFacts {
    pub year: u16,
    pub level: Level,
    /// The next level is undetermined (thresholds or values missing), not failed.
    pub undetermined_above: bool,
    /// Indicators behind the level whose rule is not verified.
    pub unverified_basis: usize,
    pub xdcb_debt_vnd: Option<f64>,
    /// "rules id · hash" the dossier was evaluated with.
    pub rules: String,
}

impl CommuneFacts {
    /// What the award checklist needs from a commune's evaluated dossier.
    pub fn of(a: &crate::criteria::Assessment, d: &crate::dossier::Dossier) -> CommuneFacts {
        let failed = a.blockers().any(|b| {
            b.indicator
                .is_some_and(|i| i.outcome == crate::criteria::Outcome::ChuaDat)
        });
        CommuneFacts {
            year: a.year,
            level: a.level,
            undetermined_above: a.next_level.is_some() && !failed,
            unverified_basis: a.unverified_basis,
            xdcb_debt_vnd: d.conditions.xdcb_debt_vnd,
            rules: format!("bộ tiêu chí {} · {}", a.rules.id, a.rules.short_hash()),
        }
    }
}

impl Facts {
    /// Adds a commune's evaluated dossier; a later one for the same commune and year replaces it.
    pub fn add(&mut self, a: &crate::criteria::Assessment, d: &crate::dossier::Dossier) {
        self.communes
            .insert((d.unit.code.clone(), d.year), CommuneFacts::of(a, d));
    }
}

/// Facts the engine reads from elsewhere, keyed by commune code and year.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub communes: BTreeMap<(String, u16), CommuneFacts>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CandidateResult {
    pub candidate_id: String,
    pub regime: Option<String>,
    pub group: GroupResult,
    /// One per award form of the plan, highest first.
    pub forms: Vec<FormResult>,
}

impl CandidateResult {
    pub fn form(&self, award: &str) -> Option<&FormResult> {
        self.forms.iter().find(|f| f.award == award)
    }
}
