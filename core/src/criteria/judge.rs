//! Judging one indicator: its value against its threshold for the year, and the words for both.

use super::*;
use crate::codes::Cursor;

pub(super) fn describe_required_parts(
    cmp: Comparison,
    kind: Kind,
    unit: Option<&str>,
    req: &Required,
) -> String {
    match req {
        Required::Flag(true) => "Đạt".into(),
        Required::Flag(false) => "Không".into(),
        Required::Number(n) => format!("{} {}", cmp.symbol(), kind.format(*n, unit)),
    }
}

/// "≥ 95 %", "Đạt", "Không".
pub fn describe_required(ind: &Indicator, req: &Required) -> String {
    describe_required_parts(ind.comparison, ind.kind, ind.unit.as_deref(), req)
}

/// Applies one indicator's rule for a year to a value; shared by communes and districts.
#[derive(Clone, Copy)]
pub struct Judge<'a> {
    pub rules: &'a Rules,
    pub year: u16,
}

impl Judge<'_> {
    /// The requirement for the year, with the exact factor for relative thresholds.
    pub(super) fn required(
        &self,
        ind: &Indicator,
    ) -> Result<(Required, Option<(f64, u32)>), Reason> {
        let year = self.year;
        match &ind.threshold {
            None => Err(Reason::NoThreshold { year: None }),
            Some(Threshold::Flag(b)) => Ok((Required::Flag(*b), None)),
            Some(Threshold::Fixed(n)) => Ok((Required::Number(*n), None)),
            Some(Threshold::ByYear(m)) => match m.get(&year) {
                Some(Some(n)) => Ok((Required::Number(*n), None)),
                _ => Err(Reason::NoThreshold { year: Some(year) }),
            },
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
                    Ok(_) => Err(Reason::Incomparable),
                    Err(why) => Err(why),
                }
            }
        }
    }

    /// The verdict on `value` (None = not entered) and its reason; `.on(ind)` reads it.
    #[cfg_attr(ntm_speed, optimize(speed))]
    pub fn indicator(&self, ind: &Indicator, value: Option<Value>) -> Verdict {
        let (got, got_value) = match value {
            None => (Got::Nothing, 0.0),
            Some(Value::Bool(b)) => (Got::Flag, if b { 1.0 } else { 0.0 }),
            Some(Value::Number(n)) => (Got::Number, n),
        };
        let mut r = Verdict {
            got_value,
            number: 0.0,
            extra: 0,
            outcome: Outcome::ThieuNguong,
            got,
            need: Need::Nothing,
            why: Why::NoThreshold,
        };
        match self.required(ind) {
            Err(Reason::NoThreshold { year }) => {
                if let Some(y) = year {
                    r.why = Why::NoThresholdInYear;
                    r.extra = u32::from(y);
                }
            }
            Err(_) => r.why = Why::Incomparable,
            Ok((req, relative)) => {
                (r.need, r.number) = match (req, relative) {
                    (Required::Flag(b), _) => (Need::Flag(b), 0.0),
                    (Required::Number(_), Some((base, _))) => (Need::Number, base),
                    (Required::Number(n), None) => (Need::Number, n),
                };
                (r.outcome, r.why) = match value {
                    None => (Outcome::ThieuSoLieu, Why::NoValue),
                    Some(v) => match meets(ind.comparison, &req, relative, v) {
                        Some(true) => (Outcome::Dat, Why::Compared),
                        Some(false) => (Outcome::ChuaDat, Why::Compared),
                        None => (Outcome::ChuaDat, Why::Incomparable),
                    },
                };
            }
        }
        r
    }
}

pub(super) struct Context<'a> {
    pub(super) judge: Judge<'a>,
    pub(super) dossier: &'a Dossier,
    /// Levels decided so far, lowest first.
    pub(super) levels: Vec<(Level, LevelState)>,
    /// The current set's entered values, read in the rules' order (`Entered`).
    pub(super) entered: Entered<'a>,
}

impl<'a> Context<'a> {
    #[cfg_attr(ntm_speed, optimize(speed))]
    pub(super) fn input_value(&mut self, ind: &Indicator) -> Option<Value> {
        let c = &self.dossier.conditions;
        match &ind.input {
            None => self.entered.get(&ind.code),
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
            // District figures are not a commune's.
            Some(Input::District(_)) => None,
        }
    }

    #[cfg_attr(ntm_speed, optimize(speed))]
    pub(super) fn set(&mut self, set: &CriteriaSet) -> SetResult {
        let dossier: &'a Dossier = self.dossier;
        self.entered = Entered::new(dossier.values.get(&*set.id));
        let (criteria, verdicts) = judge_criteria(&set.criteria, |ind| {
            let value = self.input_value(ind);
            self.judge.indicator(ind, value)
        });
        SetResult {
            id: set.id.clone(),
            title: set.title.clone(),
            met: criteria
                .iter()
                .filter(|c| c.outcome == CriterionOutcome::Dat)
                .count(),
            total: criteria.len(),
            criteria,
            verdicts,
        }
    }
}

/// A set's entered values (in code order) looked up in the rules' order (`codes::Cursor`): the
/// rules list indicators mostly in code order, and a dossier read against them holds the rules'
/// own codes, so most lookups are one pointer comparison. No table is built per dossier.
pub(super) struct Entered<'a>(Cursor<'a, (Text, Value)>);

impl<'a> Entered<'a> {
    pub(super) fn new(values: Option<&'a crate::dossier::Codes<Value>>) -> Self {
        Entered(Cursor::new(values.map_or(&[], |m| m.as_slice())))
    }

    #[cfg_attr(ntm_speed, optimize(speed))]
    pub(super) fn get(&mut self, code: &str) -> Option<Value> {
        self.0.find(code, |(k, _)| k).map(|(_, v)| *v)
    }
}

/// Exact comparison. Relative thresholds compare value × 100 with base × percent, in integers
/// when both are whole (money), so 71 500 000 against 110 % × 65 000 000 is met, not lost to
/// floating point.
pub(super) fn meets(
    cmp: Comparison,
    req: &Required,
    exact: Option<(f64, u32)>,
    v: Value,
) -> Option<bool> {
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
