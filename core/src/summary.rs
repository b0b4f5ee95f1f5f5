//! The compact, stable result the command-line tool prints (one JSON object per dossier).

use crate::criteria::{Assessment, Outcome};
use crate::level::Level;
use crate::rules::{RulesRef, Text};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetCount {
    pub met: usize,
    pub total: usize,
}

/// Fields in key order: the CLI writes them straight out and has always printed keys sorted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorLine {
    pub code: Text,
    pub outcome: Outcome,
    pub set: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub unit_code: String,
    pub unit_name: String,
    pub year: u16,
    pub level: Level,
    pub next_level: Option<Level>,
    pub rules: RulesRef,
    pub sets: BTreeMap<Text, SetCount>,
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
            blockers: a.blockers().count(),
            indicators: a
                .indicators()
                .map(|(s, i)| IndicatorLine {
                    set: s.id.clone(),
                    code: i.indicator.code.clone(),
                    outcome: i.outcome,
                })
                .collect(),
        }
    }
}
