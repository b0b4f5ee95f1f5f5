//! Award eligibility: who may receive which award of the plan, and the legal reason.
//!
//! The standards, regimes, money multiples and plan criteria are data
//! (`rules/khen_thuong_2021_2025.json`); this module only applies them. A standard the sources
//! did not verify never yields a confident verdict: it answers "cần Hội đồng xét".

use crate::level::Level;
use crate::nominations::{Basis, Candidate, Decider, Judgment, Rating, Register};
use crate::rules::{Source, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

mod checklist;
mod conditions;
mod facts;
mod ladder;
mod money;
mod period;
mod verdict;

use checklist::{cite, judge, vi_date, Ctx};
pub use facts::*;
use period::{Period, Prior};
pub use verdict::*;

/// The built-in award rules, parsed once.
pub fn builtin() -> &'static AwardRules {
    static RULES: OnceLock<AwardRules> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!("../../rules/khen_thuong_2021_2025.json"))
            .expect("built-in award rules are valid")
    })
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRules {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: String,
    pub regimes: Vec<Regime>,
    pub awards: Vec<Award>,
    pub subjects: Vec<Subject>,
    pub groups: Vec<Group>,
    pub movement: Movement,
    pub standards: Vec<Standard>,
    pub principles: Principles,
    pub money: Money,
    pub parameters: Vec<Parameter>,
    /// Orders with classes, whose verdicts must agree along the ladder.
    #[serde(default)]
    pub ladders: Vec<Ladder>,
}

/// One order with classes (Huân chương Lao động hạng Ba, Nhì, Nhất), lowest class first.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    pub id: String,
    pub name: String,
    /// Award ids, lowest class first.
    pub awards: Vec<String>,
    /// Council judgments every class needs on any point (the base conditions of every point):
    /// the council's refusal of one sinks every class above too.
    pub shared: Vec<String>,
    pub text: String,
    pub source: Source,
    pub status: Status,
}

/// The legal regime in force on a decision date.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub id: String,
    pub name: String,
    /// First day in force (ISO), `None` = since before the plan.
    pub from: Option<String>,
    /// Last day in force (ISO), `None` = still in force.
    pub to: Option<String>,
    pub source: Source,
    pub status: Status,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub name: String,
    pub short: String,
    /// 1 = highest form of the plan.
    pub rank: u8,
    pub decides: String,
    pub council_review: bool,
}

/// A subject kind of the law (cá nhân, công nhân – nông dân, tập thể…).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: String,
    pub name: String,
    /// Collectives get the collective money multiple; `None` = depends on the case.
    pub collective: Option<bool>,
}

/// One subject group of the plan (section V.1 a–e) with its criteria.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// Law subjects a candidate of this group may be.
    pub subjects: Vec<String>,
    pub collective: Option<bool>,
    /// Alternatives; every criterion of one alternative is needed.
    pub options: Vec<Vec<GroupCriterion>>,
    pub source: Source,
    pub status: Status,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCriterion {
    pub id: String,
    pub text: String,
    pub kind: CriterionKind,
    /// For `commune_level`: the level needed.
    #[serde(default)]
    pub level: Option<Level>,
    /// A plan word made a number ("nhiều"): the parameter shown beside the evidence.
    #[serde(default)]
    pub parameter: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// How a plan criterion is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// The council's judgment of recorded evidence.
    Council,
    /// The level reached in the commune's evaluated dossier.
    CommuneLevel,
    /// The XDCB debt in the commune's dossier is zero.
    CommuneNoDebt,
    /// The XDCB debt entered for the candidate is zero.
    EnteredNoDebt,
}

/// The movement the nominations are for: who launched it, its nominal period and its dates.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    pub name: String,
    pub launched_by: Vec<String>,
    /// Years of the nominal period in the movement's name (2021–2025 = 5).
    pub years: u32,
    pub note: String,
    /// The national decision the province's plan carries out: the movement cannot have been
    /// launched in the province before its date.
    pub implements: Dated,
    /// The province's own plan (number and date); `None` = not in the data.
    #[serde(default)]
    pub plan: Option<Dated>,
    pub source: Source,
    pub status: Status,
}

/// A document and its date (ISO).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    pub document: String,
    pub date: String,
}

/// One standard (an article's point) of one award for some subjects under some regimes.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub id: String,
    pub award: String,
    pub subjects: Vec<String>,
    pub regimes: Vec<String>,
    /// Kinds of commendation this standard serves (Luật Điều 8).
    pub tracks: Vec<Basis>,
    pub text: String,
    /// All needed.
    pub conditions: Vec<Condition>,
    pub source: Source,
    pub status: Status,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The council's judgment, keyed by `id` in the candidate's judgments.
    Council { id: String, text: String },
    /// The movement was launched by one of these.
    Movement { launched_by: Vec<String> },
    /// The movement runs at least `min_years`: a council judgment keyed by `id`, never decided
    /// from the nominal period (the plan was issued in 2022 for 2021–2025); the dates are shown.
    MovementYears { id: String, min_years: u32 },
    /// An earlier award of one of these forms, counted on the merit track.
    PriorAward { awards: Vec<String> },
    /// Consecutive years rated at least `min_rating`, up to the proposal.
    RatingYears { min_rating: Rating, years: u32 },
    /// Within those years, at least `count` years rated `rating` or better.
    RatingCount { rating: Rating, count: u32 },
    /// Emulation titles (e.g. Chiến sĩ thi đua cơ sở) within the period.
    TitleCount {
        title: String,
        count: u32,
        consecutive: bool,
    },
    /// Recognised initiatives within the period.
    Initiatives { count: u32 },
}

impl Condition {
    /// The council judgment this condition asks for: its id in the candidate's judgments and
    /// its text.
    pub fn judgment(&self) -> Option<(&str, String)> {
        match self {
            Condition::Council { id, text } => Some((id, text.clone())),
            Condition::MovementYears { id, min_years } => {
                Some((id, movement_years_text(*min_years)))
            }
            _ => None,
        }
    }
}

/// "Phong trào thực hiện từ 05 năm trở lên", as the Law words it.
pub fn movement_years_text(min_years: u32) -> String {
    format!("Phong trào thực hiện từ {min_years:02} năm trở lên")
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub text: String,
    pub source: Source,
    pub status: Status,
}

/// Which earlier awards do not count as the prior award of a merit-track standard.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriorBasisRule {
    pub regime: String,
    pub exclude: Vec<Basis>,
    pub text: String,
    pub source: Source,
    pub status: Status,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Principles {
    pub hold: Principle,
    pub one_achievement: Principle,
    pub priority: Principle,
    pub prior_basis: Vec<PriorBasisRule>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSalary {
    pub from: String,
    pub to: Option<String>,
    pub vnd: u64,
    pub source: Source,
    pub status: Status,
    /// For an open-ended row: the last date the figure was checked against the sources. A
    /// decision after it gets no silent amount (a new base salary may be in force).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_until: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    Nearest,
    Up,
    Down,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    pub step: u64,
    pub mode: RoundingMode,
    pub text: String,
    pub source: Source,
    pub status: Status,
    /// Regime id → status of the rounding rule under that regime, when it differs from `status`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub regime_status: BTreeMap<String, Status>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Multiplier {
    pub award: String,
    pub regime: String,
    pub individual: f64,
    pub collective: f64,
    pub source: Source,
    /// Status of the individual multiple (and of the collective one unless given below).
    pub status: Status,
    /// Status of the collective multiple when the source shows less for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective_status: Option<Status>,
    /// Shown with the estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The signers this rate is for; empty = the rate does not depend on who decides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deciders: Vec<Decider>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub base_salary: Vec<BaseSalary>,
    pub rounding: Rounding,
    pub multipliers: Vec<Multiplier>,
}

/// A number the plan leaves vague ("nhiều"), shown beside the evidence, never deciding.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub id: String,
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub note: String,
    pub source: Source,
    pub status: Status,
}

impl AwardRules {
    pub fn award(&self, id: &str) -> Option<&Award> {
        self.awards.iter().find(|a| a.id == id)
    }
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
    pub fn subject(&self, id: &str) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.id == id)
    }
    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }
    pub fn parameter(&self, id: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.id == id)
    }

    /// The regime in force on an ISO date.
    pub fn regime_on(&self, date: &str) -> Option<&Regime> {
        self.regimes.iter().find(|r| {
            r.from.as_deref().is_none_or(|f| f <= date) && r.to.as_deref().is_none_or(|t| date <= t)
        })
    }

    /// Standards of `award` for a subject, regime and kind of commendation.
    pub fn standards_for<'a>(
        &'a self,
        award: &'a str,
        subject: &'a str,
        regime: &'a str,
        basis: Basis,
    ) -> impl Iterator<Item = &'a Standard> + 'a {
        self.standards.iter().filter(move |s| {
            s.award == award
                && s.subjects.iter().any(|x| x == subject)
                && s.regimes.iter().any(|x| x == regime)
                && s.tracks.contains(&basis)
        })
    }

    /// Every council judgment a candidate of this group and subject may be asked for.
    pub fn council_items(&self, group: &str, subject: &str) -> Vec<(String, String)> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut push = |id: &str, text: &str| {
            if seen.insert(id.to_string()) {
                out.push((id.to_string(), text.to_string()));
            }
        };
        if let Some(g) = self.group(group) {
            for c in g.options.iter().flatten() {
                if c.kind == CriterionKind::Council {
                    push(&c.id, &c.text);
                }
            }
        }
        for s in self
            .standards
            .iter()
            .filter(|s| s.subjects.iter().any(|x| x == subject))
        {
            for (id, text) in s.conditions.iter().filter_map(Condition::judgment) {
                push(id, &text);
            }
        }
        out
    }
}

/// Every candidate of the register against every award form of the plan.
pub fn assess(rules: &AwardRules, register: &Register, facts: &Facts) -> Vec<CandidateResult> {
    (0..register.candidates.len())
        .map(|index| assess_candidate(rules, register, facts, index))
        .collect()
}

/// The candidate at `index` of the register against every award form of the plan (it reads
/// the register's settings and the candidates before it, for a shared achievement).
pub fn assess_candidate(
    rules: &AwardRules,
    register: &Register,
    facts: &Facts,
    index: usize,
) -> CandidateResult {
    let candidate = &register.candidates[index];
    let date = candidate
        .decision_date
        .as_deref()
        .or(register.decision_date.as_deref());
    let ctx = Ctx {
        rules,
        register,
        facts,
        candidate,
        index,
        date,
        regime: date.and_then(|d| rules.regime_on(d)),
    };
    let gates = ctx.gates();
    let group = ctx.group();
    let mut forms: Vec<FormResult> = rules
        .awards
        .iter()
        .map(|a| ctx.form(a, &gates, &group))
        .collect();
    ctx.ladders(&mut forms);
    CandidateResult {
        candidate_id: candidate.id.clone(),
        regime: ctx.regime.map(|r| r.id.clone()),
        group,
        forms,
    }
}

#[cfg(test)]
mod tests;
