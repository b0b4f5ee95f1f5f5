//! The compact, stable result the command-line tool prints (one JSON object per dossier).

use crate::criteria::{Assessment, Outcome};
use crate::level::Level;
use crate::rules::RulesRef;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetCount {
    pub met: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorLine {
    pub set: String,
    pub code: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub unit_code: String,
    pub unit_name: String,
    pub year: u16,
    pub level: Level,
    pub next_level: Option<Level>,
    pub rules: RulesRef,
    pub sets: BTreeMap<String, SetCount>,
    pub blockers: usize,
    pub indicators: Vec<IndicatorLine>,
}

impl From<&Assessment> for Summary {
    fn from(a: &Assessment) -> Summary {
        Summary {
            unit_code: a.unit.code.clone(),
            unit_name: a.unit.name.clone(),
            year: a.year,
            level: a.level,
            next_level: a.next_level,
            rules: a.rules.clone(),
            sets: a
                .sets
                .iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        SetCount {
                            met: s.met,
                            total: s.total,
                        },
                    )
                })
                .collect(),
            blockers: a.blockers.len(),
            indicators: a
                .indicators()
                .map(|i| IndicatorLine {
                    set: i.set.clone(),
                    code: i.code.clone(),
                    outcome: i.outcome,
                })
                .collect(),
        }
    }
}
