//! What `ntm` prints: one typed struct per output (docs/cli.md describes each field).
//!
//! Object keys come out sorted at every depth, as the tool has always printed them: `evaluate`
//! (the hot path) writes them in key order; the others go through `serde_json::Value`.

use ntm_core::criteria::{Assessment, Outcome, SetResult};
use ntm_core::dossier::Value;
use ntm_core::rules::RulesRef;
use ntm_core::rules::Text;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

/// The JSON text of an output, keys sorted.
pub fn line(out: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(out).expect("outputs serialise")
}

/// `ntm evaluate`: writes one line per valid dossier, keys sorted as `line` would sort them.
/// Written by hand, not through serde: the set and code of every indicator are the same in every
/// line, so their JSON is made once per run and copied, and only what varies is escaped.
#[derive(Default)]
pub struct EvaluateWriter {
    indicators: Vec<IndicatorJson>,
}

/// One indicator's object without its outcome: `{"code":"1.1","outcome":` and `,"set":"ntm"}`.
struct IndicatorJson {
    set: Text,
    code: Text,
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl IndicatorJson {
    fn new(set: &Text, code: &Text) -> io::Result<Self> {
        let mut head = b"{\"code\":".to_vec();
        serde_json::to_writer(&mut head, &**code)?;
        head.extend_from_slice(b",\"outcome\":");
        let mut tail = b",\"set\":".to_vec();
        serde_json::to_writer(&mut tail, &**set)?;
        tail.push(b'}');
        Ok(IndicatorJson {
            set: set.clone(),
            code: code.clone(),
            head,
            tail,
        })
    }
}

impl EvaluateWriter {
    /// `{"blockers":…,"file":…,"indicators":[…],"kept":[…],"level":…,"next_level":…,"rules":{…},
    /// "sets":{…},"unit_code":…,"unit_name":…,"year":…}` and a newline (`kept` only when not empty).
    pub fn write<W: Write>(
        &mut self,
        out: &mut W,
        a: &Assessment,
        file: &str,
        kept: &[String],
    ) -> io::Result<()> {
        out.write_all(b"{\"blockers\":")?;
        json(out, &a.blockers().count())?;
        out.write_all(b",\"file\":")?;
        json(out, &file)?;
        out.write_all(b",\"indicators\":[")?;
        for (n, (set, i)) in a.indicators().enumerate() {
            // Made from the first dossier; the same rules give the same indicators in every one.
            let fresh = self.indicators.get(n).is_some_and(|k| {
                Arc::ptr_eq(&k.set, &set.id) && Arc::ptr_eq(&k.code, &i.indicator.code)
            });
            if !fresh {
                let made = IndicatorJson::new(&set.id, &i.indicator.code)?;
                match self.indicators.get_mut(n) {
                    Some(k) => *k = made,
                    None => self.indicators.push(made),
                }
            }
            let k = &self.indicators[n];
            if n > 0 {
                out.write_all(b",")?;
            }
            out.write_all(&k.head)?;
            out.write_all(b"\"")?;
            out.write_all(i.outcome.code().as_bytes())?;
            out.write_all(b"\"")?;
            out.write_all(&k.tail)?;
        }
        out.write_all(b"]")?;
        if !kept.is_empty() {
            out.write_all(b",\"kept\":")?;
            json(out, &kept)?;
        }
        out.write_all(b",\"level\":")?;
        json(out, &a.level)?;
        out.write_all(b",\"next_level\":")?;
        json(out, &a.next_level)?;
        out.write_all(b",\"rules\":{\"hash\":")?;
        json(out, &a.rules.hash.as_str())?;
        out.write_all(b",\"id\":")?;
        json(out, &a.rules.id.as_str())?;
        out.write_all(b"},\"sets\":{")?;
        // By id, the last of a set counted twice (as a map of the results would keep it).
        let mut sets: Vec<&SetResult> = a.sets.iter().collect();
        sets.sort_by(|x, y| x.id.cmp(&y.id));
        sets.dedup_by(|later, kept| {
            let same = later.id == kept.id;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        for (n, s) in sets.iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            json(out, &&*s.id)?;
            out.write_all(b":{\"met\":")?;
            json(out, &s.met)?;
            out.write_all(b",\"total\":")?;
            json(out, &s.total)?;
            out.write_all(b"}")?;
        }
        out.write_all(b"},\"unit_code\":")?;
        json(out, &a.unit.code.as_str())?;
        out.write_all(b",\"unit_name\":")?;
        json(out, &a.unit.name.as_str())?;
        out.write_all(b",\"year\":")?;
        json(out, &a.year)?;
        out.write_all(b"}\n")
    }
}

/// A value as serde_json writes it.
fn json<W: Write>(out: &mut W, v: &(impl Serialize + ?Sized)) -> io::Result<()> {
    serde_json::to_writer(out, v).map_err(io::Error::from)
}

/// `ntm consolidate`: one pretty-printed document.
#[derive(Serialize)]
pub struct Consolidation {
    pub year: u16,
    pub rules: RulesRef,
    /// Dossiers read (of every year).
    pub dossiers: usize,
    pub refused: Vec<Refused>,
    pub duplicates: Vec<Duplicate>,
    /// Level code → communes at that level, for the year.
    pub levels: BTreeMap<&'static str, usize>,
    pub targets: Vec<TargetLine>,
    pub districts: Vec<DistrictLine>,
}

/// A file that could not be read as a dossier.
#[derive(Serialize)]
pub struct Refused {
    pub file: String,
    pub error: String,
}

/// Several files for the same commune and year.
#[derive(Serialize)]
pub struct Duplicate {
    pub unit_code: String,
    pub year: u16,
    pub files: Vec<String>,
}

/// One movement target (T1–T9) for the year.
#[derive(Serialize)]
pub struct TargetLine {
    pub id: String,
    pub name: String,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub upper: Option<f64>,
    pub outcome: Outcome,
    pub upper_met: Option<bool>,
    pub gap: String,
}

/// One district (QĐ 320) for the year.
#[derive(Serialize)]
pub struct DistrictLine {
    pub code: String,
    pub name: String,
    pub communes: usize,
    pub assessed: usize,
    pub ntm: usize,
    pub nang_cao: usize,
    pub kieu_mau: usize,
    pub missing: Vec<String>,
    pub outcome: &'static str,
    /// The QĐ 320 annex: `phu_luc_1` (huyện, evaluated) or `phu_luc_2` (thị xã / thành phố, not
    /// in the sources: no conditions, the council decides).
    pub standard: &'static str,
    pub conditions: Vec<ConditionLine>,
}

/// One district condition.
#[derive(Serialize)]
pub struct ConditionLine {
    pub code: String,
    pub outcome: Outcome,
    pub value: Option<Value>,
}

/// `ntm awards`: one line per candidate and award form.
#[derive(Serialize)]
pub struct AwardLine {
    pub candidate_id: String,
    pub award: String,
    pub proposed: bool,
    pub verdict: &'static str,
    pub regime: Option<String>,
    pub reason: String,
    pub citations: Vec<String>,
    pub money_vnd: Option<u64>,
}
