//! Values a dossier holds under indicator codes the rules in use do not have — a province's own
//! set or indicator, when its rules file is not loaded here. They are never refused away: kept
//! as read, written back with the dossier, listed for the user, and never evaluated.

use super::{Codes, SetValues};
use crate::rules::Rules;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// What the user is told about kept values, wherever they are shown.
pub const KEPT_NOTE: &str =
    "chỉ tiêu không có trong bộ tiêu chí đang dùng — nạp bộ tiêu chí của tỉnh";

/// Set id → code → what was kept, codes as written (the rules have none to share).
pub type KeptSets<T> = BTreeMap<String, BTreeMap<String, T>>;

/// Values and evidence under codes the rules in use do not know.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Unknown {
    /// Set id → indicator code → the value exactly as read (never `null`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: KeptSets<Json>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: KeptSets<String>,
}

/// One kept indicator, written out for a list or a CSV line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptRow {
    /// The set id as in the file (`ntm`, or a province's own).
    pub set_id: String,
    /// The set's title when the rules know the set, else its id quoted.
    pub set: String,
    pub code: String,
    /// The value for people ("có", "95,5", "“đạt”"); empty when only evidence was kept.
    pub value: String,
    /// The value as JSON text, for machines; empty when only evidence was kept.
    pub json: String,
    pub evidence: Option<String>,
}

impl Unknown {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.evidence.is_empty()
    }

    pub(super) fn keep_value(&mut self, set: &str, code: &str, v: Json) {
        self.values
            .entry(set.to_string())
            .or_default()
            .insert(code.to_string(), v);
    }

    pub(super) fn keep_evidence(&mut self, set: &str, code: &str, text: String) {
        self.evidence
            .entry(set.to_string())
            .or_default()
            .insert(code.to_string(), text);
    }

    /// Every kept indicator (with a value, evidence or both), by set id then code.
    pub fn rows(&self, rules: &Rules) -> Vec<KeptRow> {
        let mut keys: Vec<(&str, &str)> = Vec::new();
        for (set, m) in &self.values {
            keys.extend(m.keys().map(|c| (set.as_str(), c.as_str())));
        }
        for (set, m) in &self.evidence {
            keys.extend(m.keys().map(|c| (set.as_str(), c.as_str())));
        }
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter()
            .map(|(set_id, code)| {
                let v = self.values.get(set_id).and_then(|m| m.get(code));
                KeptRow {
                    set_id: set_id.to_string(),
                    set: rules
                        .set(set_id)
                        .map(|s| s.title.to_string())
                        .unwrap_or_else(|| format!("bộ “{set_id}”")),
                    code: code.to_string(),
                    value: v.map(shown).unwrap_or_default(),
                    json: v.map(Json::to_string).unwrap_or_default(),
                    evidence: self.evidence.get(set_id).and_then(|m| m.get(code)).cloned(),
                }
            })
            .collect()
    }
}

/// A kept value for people: yes/no in words, numbers the Vietnamese way, text quoted.
pub fn shown(v: &Json) -> String {
    match v {
        Json::Bool(true) => "có".into(),
        Json::Bool(false) => "không".into(),
        Json::Number(n) => n
            .as_f64()
            .map(crate::text::format_decimal)
            .unwrap_or_else(|| n.to_string()),
        Json::String(s) => format!("“{s}”"),
        other => other.to_string(),
    }
}

/// Two `set → code → value` maps as the one the file holds, keys in order (a code in both:
/// the first map's value).
pub(super) struct FileSets<'a, A, B>(pub &'a SetValues<A>, pub &'a KeptSets<B>);

impl<A: Serialize, B: Serialize> Serialize for FileSets<'_, A, B> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut sets: Vec<&String> = self.0.keys().chain(self.1.keys()).collect();
        sets.sort_unstable();
        sets.dedup();
        let mut m = s.serialize_map(Some(sets.len()))?;
        for set in sets {
            m.serialize_entry(set, &Merged(self.0.get(set), self.1.get(set)))?;
        }
        m.end()
    }
}

/// Two `code → value` maps as one, keys in order.
struct Merged<'a, A, B>(Option<&'a Codes<A>>, Option<&'a BTreeMap<String, B>>);

impl<A: Serialize, B: Serialize> Serialize for Merged<'_, A, B> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut codes: Vec<&str> = self
            .0
            .into_iter()
            .flat_map(|m| m.keys().map(|c| &**c))
            .chain(
                self.1
                    .into_iter()
                    .flat_map(|m| m.keys().map(String::as_str)),
            )
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let mut m = s.serialize_map(Some(codes.len()))?;
        for code in codes {
            match self.0.and_then(|a| a.get(code)) {
                Some(v) => m.serialize_entry(code, v)?,
                None => {
                    let v = self.1.and_then(|b| b.get(code)).expect("a code of one map");
                    m.serialize_entry(code, v)?
                }
            }
        }
        m.end()
    }
}
