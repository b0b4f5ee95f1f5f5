//! The engine: a dossier against the rules → an outcome and its reason for every indicator,
//! every criterion, and the level reached. No rounding in anyone's favour.

use crate::dossier::{Dossier, Unit, Value};
use crate::level::Level;
use crate::rules::{
    Comparison, ConditionField, CriteriaSet, Indicator, Input, Kind, Rules, RulesRef, Source,
    Status, Threshold,
};
use crate::text::{format_decimal, format_money, format_percent};
use serde::Serialize;

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
    pub fn label_vi(self) -> &'static str {
        match self {
            CriterionOutcome::Dat => "Đạt",
            CriterionOutcome::ChuaDat => "Chưa đạt",
            CriterionOutcome::ChuaXacDinh => "Chưa xác định",
        }
    }
}

/// The requirement as applied for the year: what the value was compared with.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Required {
    Flag(bool),
    Number(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub set: String,
    pub criterion: String,
    pub code: String,
    pub name: String,
    pub kind: Kind,
    pub outcome: Outcome,
    pub value: Option<Value>,
    pub comparison: Comparison,
    pub required: Option<Required>,
    pub unit: Option<String>,
    pub source: Source,
    pub status: Status,
    /// The reason in words, as a user reads it.
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionResult {
    pub code: String,
    pub name: String,
    pub outcome: CriterionOutcome,
    pub status: Status,
    pub indicators: Vec<IndicatorResult>,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetResult {
    pub id: String,
    pub title: String,
    pub met: usize,
    pub total: usize,
    pub criteria: Vec<CriterionResult>,
}

/// Why the next level is not reached: one line per indicator or empty criterion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocker {
    pub set: String,
    pub criterion: String,
    pub code: Option<String>,
    pub outcome: Option<Outcome>,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub unit: Unit,
    pub year: u16,
    pub rules: RulesRef,
    pub level: Level,
    pub next_level: Option<Level>,
    pub blockers: Vec<Blocker>,
    /// Indicators behind the level reached whose rule is not verified: the result is provisional.
    pub unverified_basis: usize,
    pub sets: Vec<SetResult>,
}

impl Assessment {
    pub fn set(&self, id: &str) -> Option<&SetResult> {
        self.sets.iter().find(|s| s.id == id)
    }
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorResult> {
        self.sets
            .iter()
            .flat_map(|s| s.criteria.iter().flat_map(|c| c.indicators.iter()))
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

fn describe(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Percent => format_percent(v),
        Kind::Money => format_money(v),
        Kind::Number | Kind::Boolean => format_decimal(v),
    }
}

fn describe_value(kind: Kind, v: Value, unit: Option<&str>) -> String {
    match v {
        Value::Bool(true) => "Có / Đạt".into(),
        Value::Bool(false) => "Không / Chưa đạt".into(),
        Value::Number(n) => match (kind, unit) {
            (Kind::Number, Some(u)) => format!("{} {u}", format_decimal(n)),
            _ => describe(kind, n),
        },
    }
}

/// "≥ 95 %", "Đạt (có)", "Không (= không)".
pub fn describe_required(ind: &Indicator, req: &Required) -> String {
    match req {
        Required::Flag(true) => "Đạt / Có".into(),
        Required::Flag(false) => "Không".into(),
        Required::Number(n) => format!(
            "{} {}",
            ind.comparison.symbol(),
            describe_value(ind.kind, Value::Number(*n), ind.unit.as_deref())
        ),
    }
}

struct Context<'a> {
    rules: &'a Rules,
    dossier: &'a Dossier,
    /// Levels decided so far, lowest first.
    levels: Vec<(Level, LevelState)>,
}

impl Context<'_> {
    fn input_value(&self, set: &CriteriaSet, ind: &Indicator) -> Option<Value> {
        let c = &self.dossier.conditions;
        match &ind.input {
            None => self.dossier.value(&set.id, &ind.code),
            Some(Input::From(r)) => self.dossier.value(&r.set, &r.code),
            Some(Input::Condition(f)) => match f {
                ConditionField::SatisfactionPct => c.satisfaction_pct.map(Value::Number),
                ConditionField::XdcbDebtVnd => c.xdcb_debt_vnd.map(Value::Number),
                ConditionField::SecurityOrderOk => c.security_order_ok.map(Value::Bool),
                ConditionField::SmartVillageModels => {
                    c.smart_village_models.map(|n| Value::Number(f64::from(n)))
                }
                ConditionField::OutstandingFields => c
                    .outstanding_fields
                    .as_ref()
                    .map(|f| Value::Number(f.len() as f64)),
            },
            Some(Input::Level(l)) => match self.levels.iter().find(|(lv, _)| lv == l) {
                Some((_, LevelState::Reached)) => Some(Value::Bool(true)),
                Some((_, LevelState::Failed)) => Some(Value::Bool(false)),
                _ => None,
            },
        }
    }

    /// The requirement for the year, with the exact factor for relative thresholds.
    fn required(&self, ind: &Indicator) -> Result<(Required, Option<(f64, u32)>), String> {
        let year = self.dossier.year;
        match ind.threshold_for(year) {
            None => Err(match &ind.threshold {
                Some(Threshold::ByYear(_)) => format!("chưa có ngưỡng cho năm {year}"),
                _ => "chưa có ngưỡng".into(),
            }),
            Some(Threshold::Flag(b)) => Ok((Required::Flag(*b), None)),
            Some(Threshold::Fixed(n)) => Ok((Required::Number(*n), None)),
            Some(Threshold::ByYear(m)) => {
                let n = m
                    .get(&year.to_string())
                    .copied()
                    .flatten()
                    .expect("threshold_for checked the year");
                Ok((Required::Number(n), None))
            }
            Some(Threshold::Relative { relative }) => {
                let base_ind = self
                    .rules
                    .set(&relative.set)
                    .and_then(|s| s.indicator(&relative.code))
                    .expect("rules check verified the reference");
                match self.required(base_ind) {
                    Ok((Required::Number(base), _)) => Ok((
                        Required::Number(base * f64::from(relative.percent) / 100.0),
                        Some((base, relative.percent)),
                    )),
                    Ok(_) => Err("ngưỡng tham chiếu không phải là số".into()),
                    Err(e) => Err(format!(
                        "{e} của chỉ tiêu {} ({}) mà ngưỡng này dựa vào",
                        base_ind.code, relative.set
                    )),
                }
            }
        }
    }

    fn indicator(&self, set: &CriteriaSet, criterion: &str, ind: &Indicator) -> IndicatorResult {
        let value = self.input_value(set, ind);
        let unit = ind.unit.as_deref();
        let required = self.required(ind);
        let (outcome, explanation) = match (&required, value) {
            (Err(why), _) => (
                Outcome::ThieuNguong,
                format!("Bộ tiêu chí {why} — nhập theo văn bản của tỉnh."),
            ),
            (Ok(_), None) => (Outcome::ThieuSoLieu, "Chưa nhập số liệu.".to_string()),
            (Ok((req, exact)), Some(v)) => {
                let met = meets(ind.comparison, req, *exact, v);
                let shown = describe_value(ind.kind, v, unit);
                let need = describe_required(ind, req);
                let mut why = match met {
                    Some(true) => format!("{shown}: đạt yêu cầu {need}."),
                    Some(false) => format!("{shown}: chưa đạt yêu cầu {need}."),
                    None => format!("{shown}: không so sánh được với yêu cầu {need}."),
                };
                if let Some((base, pct)) = exact {
                    why.push_str(&format!(
                        " (Yêu cầu = {pct} % × {}.)",
                        describe(ind.kind, *base)
                    ));
                }
                match met {
                    Some(true) => (Outcome::Dat, why),
                    _ => (Outcome::ChuaDat, why),
                }
            }
        };
        IndicatorResult {
            set: set.id.clone(),
            criterion: criterion.to_string(),
            code: ind.code.clone(),
            name: ind.name.clone(),
            kind: ind.kind,
            outcome,
            value,
            comparison: ind.comparison,
            required: required.ok().map(|(r, _)| r),
            unit: ind.unit.clone(),
            source: ind.source.clone(),
            status: ind.status,
            explanation,
        }
    }

    fn set(&self, set: &CriteriaSet) -> SetResult {
        let criteria: Vec<CriterionResult> = set
            .criteria
            .iter()
            .map(|c| {
                let indicators: Vec<IndicatorResult> = c
                    .indicators
                    .iter()
                    .map(|i| self.indicator(set, &c.code, i))
                    .collect();
                let count = |o: Outcome| indicators.iter().filter(|r| r.outcome == o).count();
                let (outcome, explanation) = if indicators.is_empty() {
                    (
                        CriterionOutcome::ChuaXacDinh,
                        "Bộ tiêu chí chưa có chỉ tiêu cho tiêu chí này — nhập theo văn bản của tỉnh."
                            .to_string(),
                    )
                } else if count(Outcome::ChuaDat) > 0 {
                    (
                        CriterionOutcome::ChuaDat,
                        format!(
                            "{} / {} chỉ tiêu chưa đạt.",
                            count(Outcome::ChuaDat),
                            indicators.len()
                        ),
                    )
                } else if count(Outcome::Dat) == indicators.len() {
                    (
                        CriterionOutcome::Dat,
                        format!("Đạt cả {} chỉ tiêu.", indicators.len()),
                    )
                } else {
                    let mut parts = Vec::new();
                    if count(Outcome::ThieuSoLieu) > 0 {
                        parts.push(format!("{} chỉ tiêu thiếu số liệu", count(Outcome::ThieuSoLieu)));
                    }
                    if count(Outcome::ThieuNguong) > 0 {
                        parts.push(format!("{} chỉ tiêu thiếu ngưỡng", count(Outcome::ThieuNguong)));
                    }
                    (
                        CriterionOutcome::ChuaXacDinh,
                        format!("Chưa xác định: {}.", parts.join(", ")),
                    )
                };
                CriterionResult {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    outcome,
                    status: c.status,
                    indicators,
                    explanation,
                }
            })
            .collect();
        SetResult {
            id: set.id.clone(),
            title: set.title.clone(),
            met: criteria
                .iter()
                .filter(|c| c.outcome == CriterionOutcome::Dat)
                .count(),
            total: criteria.len(),
            criteria,
        }
    }
}

/// Exact comparison. Relative thresholds compare value × 100 with base × percent, in integers
/// when both are whole (money), so 71 500 000 against 110 % × 65 000 000 is met, not lost to
/// floating point.
fn meets(cmp: Comparison, req: &Required, exact: Option<(f64, u32)>, v: Value) -> Option<bool> {
    match (req, v) {
        (Required::Flag(want), Value::Bool(got)) => Some(*want == got),
        (Required::Number(need), Value::Number(got)) => {
            let ord = match exact {
                Some((base, pct)) if base.fract() == 0.0 && got.fract() == 0.0 => {
                    let lhs = got as i128 * 100;
                    let rhs = base as i128 * i128::from(pct);
                    lhs.cmp(&rhs)
                }
                _ => got.partial_cmp(need)?,
            };
            Some(match cmp {
                Comparison::AtLeast => ord.is_ge(),
                Comparison::AtMost => ord.is_le(),
                Comparison::Equals => ord.is_eq(),
            })
        }
        _ => None,
    }
}

fn state_of(results: &[&SetResult]) -> LevelState {
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
pub fn evaluate(rules: &Rules, dossier: &Dossier) -> Assessment {
    let mut ctx = Context {
        rules,
        dossier,
        levels: Vec::new(),
    };
    let mut sets: Vec<SetResult> = Vec::new();
    let mut level = Level::ChuaDat;
    let mut blocked = false;
    let mut blockers = Vec::new();
    for def in &rules.levels {
        let start = sets.len();
        for id in &def.sets {
            if let Some(set) = rules.set(id) {
                sets.push(ctx.set(set));
            }
        }
        let own: Vec<&SetResult> = sets[start..].iter().collect();
        let mut state = state_of(&own);
        if blocked && state == LevelState::Reached {
            // the level's own sets hold, but a lower level does not
            state = LevelState::Undetermined;
        }
        if !blocked && state == LevelState::Reached {
            level = def.level;
        } else if !blocked {
            blocked = true;
            blockers = own.iter().flat_map(|s| blockers_of(s)).collect();
        }
        ctx.levels.push((def.level, state));
    }
    let unverified_basis = if level == Level::ChuaDat {
        0
    } else {
        let reached_sets: Vec<&str> = rules
            .levels
            .iter()
            .filter(|d| d.level <= level)
            .flat_map(|d| d.sets.iter().map(String::as_str))
            .collect();
        sets.iter()
            .filter(|s| reached_sets.contains(&s.id.as_str()))
            .flat_map(|s| s.criteria.iter().flat_map(|c| c.indicators.iter()))
            .filter(|i| !i.status.is_verified())
            .count()
    };
    Assessment {
        unit: dossier.unit.clone(),
        year: dossier.year,
        rules: rules.reference(),
        level,
        next_level: level.next().filter(|l| rules.level_def(*l).is_some()),
        blockers,
        unverified_basis,
        sets,
    }
}

fn blockers_of(set: &SetResult) -> Vec<Blocker> {
    let mut out = Vec::new();
    for c in &set.criteria {
        if c.indicators.is_empty() {
            out.push(Blocker {
                set: set.id.clone(),
                criterion: c.code.clone(),
                code: None,
                outcome: None,
                explanation: format!("Tiêu chí {} “{}”: {}", c.code, c.name, c.explanation),
            });
        }
        for i in c.indicators.iter().filter(|i| i.outcome != Outcome::Dat) {
            out.push(Blocker {
                set: set.id.clone(),
                criterion: c.code.clone(),
                code: Some(i.code.clone()),
                outcome: Some(i.outcome),
                explanation: format!(
                    "Chỉ tiêu {} — {}: {}",
                    i.code,
                    i.outcome.label_vi(),
                    i.explanation
                ),
            });
        }
    }
    out
}
