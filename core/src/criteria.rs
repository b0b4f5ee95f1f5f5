//! The engine: a dossier against the rules → an outcome and its reason for every indicator,
//! every criterion, and the level reached. No rounding in anyone's favour.

use crate::codes::CodeTable;
use crate::dossier::{Dossier, Unit, Value};
use crate::level::Level;
use crate::rules::{
    Comparison, ConditionField, CriteriaSet, Criterion, Indicator, Input, Kind, Rules, RulesRef,
    Status, Text, Threshold,
};
use crate::text::{format_decimal, format_money, format_percent};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::sync::Arc;

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
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Required {
    Flag(bool),
    Number(f64),
}

/// Why an indicator came out as it did; the words are made on demand by `explanation()`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reason {
    /// No threshold for the year (`year` set when the rule has a per-year table).
    NoThreshold {
        year: Option<u16>,
    },
    NoValue,
    /// A district figure that cannot be counted yet: `missing` xã have no dossier for the year.
    CommunesMissing {
        missing: usize,
    },
    Compared {
        met: bool,
        /// `(base, percent)` when the requirement is a share of another threshold.
        relative: Option<(f64, u32)>,
    },
    /// Value and requirement of different kinds (a rules file changed the kind).
    Incomparable,
}

/// What was entered, packed beside its number (a flag is 0 or 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Got {
    Nothing,
    Flag,
    Number,
}

/// The requirement, packed: its number (if any) is kept beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Nothing,
    Flag(bool),
    Number,
}

/// `Reason` without its data, which is kept in the verdict's other fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    NoThreshold,
    /// No threshold for the year kept in `extra`.
    NoThresholdInYear,
    NoValue,
    /// `extra` xã have no dossier.
    CommunesMissing,
    Compared,
    Incomparable,
}

/// One indicator's verdict, packed in 24 bytes without its rule: an assessment holds one per
/// indicator and the app keeps thousands. Read it with its rule through `IndicatorResult`.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The value entered (a flag as 0 or 1); 0 when nothing was.
    got_value: f64,
    /// The requirement's number, or its base when the threshold is relative; 0 when none.
    number: f64,
    /// The year of a missing per-year threshold, or how many xã have no dossier.
    extra: u32,
    outcome: Outcome,
    got: Got,
    need: Need,
    why: Why,
}

impl Verdict {
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// This verdict read with the rule it was reached under.
    pub fn on<'a>(&'a self, indicator: &'a Indicator) -> IndicatorResult<'a> {
        IndicatorResult {
            indicator,
            outcome: self.outcome,
            verdict: self,
        }
    }

    /// A district figure not yet countable: `missing` xã have no dossier for the year.
    pub(crate) fn communes_missing(&mut self, missing: usize) {
        self.why = Why::CommunesMissing;
        self.extra = u32::try_from(missing).unwrap_or(u32::MAX);
    }
}

/// One indicator's verdict with the rule it applied (name, source, status…): `indicator`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IndicatorResult<'a> {
    pub indicator: &'a Indicator,
    pub outcome: Outcome,
    verdict: &'a Verdict,
}

impl IndicatorResult<'_> {
    pub fn code(&self) -> &str {
        &self.indicator.code
    }

    /// The value compared (`None` = not entered).
    pub fn value(&self) -> Option<Value> {
        let v = self.verdict;
        match v.got {
            Got::Nothing => None,
            Got::Flag => Some(Value::Bool(v.got_value != 0.0)),
            Got::Number => Some(Value::Number(v.got_value)),
        }
    }

    /// `(base, percent)` when the requirement is a share of another indicator's threshold.
    fn relative(&self) -> Option<(f64, u32)> {
        match (self.verdict.need, &self.indicator.threshold) {
            (Need::Number, Some(Threshold::Relative { relative })) => {
                Some((self.verdict.number, relative.percent))
            }
            _ => None,
        }
    }

    /// The requirement as applied for the year: what the value was compared with.
    pub fn required(&self) -> Option<Required> {
        match self.verdict.need {
            Need::Nothing => None,
            Need::Flag(b) => Some(Required::Flag(b)),
            Need::Number => Some(Required::Number(match self.relative() {
                // The same product as when it was judged, so the same bits.
                Some((base, pct)) => base * f64::from(pct) / 100.0,
                None => self.verdict.number,
            })),
        }
    }

    /// Why the indicator came out as it did.
    pub fn reason(&self) -> Reason {
        let v = self.verdict;
        match v.why {
            Why::NoThreshold => Reason::NoThreshold { year: None },
            Why::NoThresholdInYear => Reason::NoThreshold {
                year: Some(v.extra as u16),
            },
            Why::NoValue => Reason::NoValue,
            Why::CommunesMissing => Reason::CommunesMissing {
                missing: v.extra as usize,
            },
            Why::Compared => Reason::Compared {
                met: v.outcome == Outcome::Dat,
                relative: self.relative(),
            },
            Why::Incomparable => Reason::Incomparable,
        }
    }

    /// The requirement in words ("≥ 95 %"), or the plain notice that there is none.
    pub fn required_text(&self) -> String {
        match &self.required() {
            Some(r) => describe_required(self.indicator, r),
            None => NO_THRESHOLD.into(),
        }
    }

    /// The reason in words, as a user reads it.
    pub fn explanation(&self) -> String {
        let ind = self.indicator;
        let need = || self.required_text();
        match self.reason() {
            Reason::NoThreshold { year } => {
                let when = year.map_or(String::new(), |y| format!(" cho năm {y}"));
                match &ind.threshold {
                    Some(Threshold::Relative { relative: r }) => format!(
                        "Chưa có ngưỡng{when} của chỉ tiêu {} (bộ {}) mà yêu cầu này dựa vào — nhập theo văn bản của tỉnh.",
                        r.code, r.set
                    ),
                    _ => format!("Chưa có ngưỡng{when} — nhập theo văn bản của tỉnh."),
                }
            }
            Reason::NoValue => "Chưa nhập số liệu.".into(),
            Reason::CommunesMissing { missing } => {
                format!("Còn {missing} xã chưa có hồ sơ trong năm nên chưa tính được.")
            }
            Reason::Incomparable => "Giá trị và ngưỡng khác loại, không so sánh được.".into(),
            Reason::Compared { met, .. } if ind.kind == Kind::Boolean => {
                // "Có/Không" where "Không" is required (9.1 nhà tạm), else "Đạt/Chưa đạt".
                let no_required = self.verdict.need == Need::Flag(false);
                let word = |b: bool| match (no_required, b) {
                    (true, true) => "Có",
                    (true, false) => "Không",
                    (false, true) => "Đạt",
                    (false, false) => "Chưa đạt",
                };
                let got = matches!(self.value(), Some(Value::Bool(true)));
                if met {
                    format!("Đã nhập “{}”, đúng yêu cầu.", word(got))
                } else {
                    format!("Đã nhập “{}”, yêu cầu “{}”.", word(got), word(!got))
                }
            }
            Reason::Compared { met, relative } => {
                let shown = self
                    .value()
                    .map(|v| describe_value(ind.kind, v, ind.unit.as_deref()))
                    .unwrap_or_default();
                let verdict = if met { "đạt" } else { "chưa đạt" };
                let mut s = format!("{shown}: {verdict} yêu cầu {}.", need());
                if let Some((base, pct)) = relative {
                    s.push_str(&format!(
                        " (Yêu cầu = {pct} % × {}.)",
                        describe(ind.kind, base)
                    ));
                }
                s
            }
        }
    }
}

/// Written out as before the packing: indicator, outcome, value, required, reason.
impl Serialize for IndicatorResult<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("IndicatorResult", 5)?;
        st.serialize_field("indicator", self.indicator)?;
        st.serialize_field("outcome", &self.outcome)?;
        st.serialize_field("value", &self.value())?;
        st.serialize_field("required", &self.required())?;
        st.serialize_field("reason", &self.reason())?;
        st.end()
    }
}

/// How many of a criterion's indicators came to each outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts([u32; 4]);

impl Counts {
    fn add(&mut self, o: Outcome) {
        self.0[o as usize] += 1;
    }
    fn get(&self, o: Outcome) -> usize {
        self.0[o as usize] as usize
    }
    fn total(&self) -> usize {
        self.0.iter().map(|&n| n as usize).sum()
    }
}

/// A criterion's verdict. Its indicators' verdicts lie in its set (or district), read with
/// `SetResult::indicators_of`.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionResult {
    /// The criterion as the rules define it: code, name, status, its indicators.
    pub criterion: Arc<Criterion>,
    pub outcome: CriterionOutcome,
    /// First of its indicators' verdicts in the list of its set.
    first: u32,
    counts: Counts,
}

impl CriterionResult {
    pub fn code(&self) -> &Text {
        &self.criterion.code
    }

    pub fn name(&self) -> &Text {
        &self.criterion.name
    }

    pub fn status(&self) -> Status {
        self.criterion.status
    }

    /// Its indicators' results, read from the verdicts of the set (or district) it belongs to.
    pub(crate) fn indicators<'a>(
        &'a self,
        verdicts: &'a [Verdict],
    ) -> impl ExactSizeIterator<Item = IndicatorResult<'a>> + Clone {
        let first = self.first as usize;
        let verdicts = verdicts.get(first..first + self.len()).unwrap_or(&[]);
        self.criterion
            .indicators
            .iter()
            .zip(verdicts)
            .map(|(i, v)| v.on(i))
    }

    /// How many indicators it has.
    pub fn len(&self) -> usize {
        self.counts.total()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many of its indicators came to `o`.
    pub fn count(&self, o: Outcome) -> usize {
        self.counts.get(o)
    }

    pub fn explanation(&self) -> String {
        let n = self.len();
        match self.outcome {
            _ if n == 0 => {
                "Bộ tiêu chí chưa có chỉ tiêu cho tiêu chí này — nhập theo văn bản của tỉnh.".into()
            }
            CriterionOutcome::Dat => format!("Đạt cả {n} chỉ tiêu."),
            CriterionOutcome::ChuaDat => {
                format!("{} / {n} chỉ tiêu chưa đạt.", self.count(Outcome::ChuaDat))
            }
            CriterionOutcome::ChuaXacDinh => {
                let mut parts = Vec::new();
                let missing = self.count(Outcome::ThieuSoLieu);
                let no_threshold = self.count(Outcome::ThieuNguong);
                if missing > 0 {
                    parts.push(format!("{missing} chỉ tiêu thiếu số liệu"));
                }
                if no_threshold > 0 {
                    parts.push(format!("{no_threshold} chỉ tiêu thiếu ngưỡng"));
                }
                format!("Chưa xác định: {}.", parts.join(", "))
            }
        }
    }
}

/// Judges every indicator of `criteria` in order: one list of verdicts, each criterion
/// pointing at its part (one allocation per set, none per criterion or indicator).
pub(crate) fn judge_criteria(
    criteria: &[Arc<Criterion>],
    mut judge: impl FnMut(&Indicator) -> Verdict,
) -> (Vec<CriterionResult>, Vec<Verdict>) {
    let mut verdicts = Vec::with_capacity(criteria.iter().map(|c| c.indicators.len()).sum());
    let results = criteria
        .iter()
        .map(|c| {
            let first = u32::try_from(verdicts.len()).expect("fewer than 4 billion indicators");
            let mut counts = Counts::default();
            for ind in &c.indicators {
                let v = judge(ind);
                counts.add(v.outcome);
                verdicts.push(v);
            }
            CriterionResult {
                criterion: c.clone(),
                outcome: CriterionOutcome::from_counts(&counts),
                first,
                counts,
            }
        })
        .collect();
    (results, verdicts)
}

/// Criteria with their indicators, written as before the flattening.
pub(crate) struct CriteriaOut<'a>(pub &'a [CriterionResult], pub &'a [Verdict]);

impl Serialize for CriteriaOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct One<'a>(&'a CriterionResult, &'a [Verdict]);
        impl Serialize for One<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let c = self.0;
                let mut st = s.serialize_struct("CriterionResult", 5)?;
                st.serialize_field("code", c.code())?;
                st.serialize_field("name", c.name())?;
                st.serialize_field("outcome", &c.outcome)?;
                st.serialize_field("status", &c.status())?;
                st.serialize_field("indicators", &Seq(c.indicators(self.1)))?;
                st.end()
            }
        }
        s.collect_seq(self.0.iter().map(|c| One(c, self.1)))
    }
}

/// A sequence written from an iterator that can be walked again.
struct Seq<I>(I);

impl<I: Iterator + Clone> Serialize for Seq<I>
where
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetResult {
    pub id: Text,
    pub title: Text,
    pub met: usize,
    pub total: usize,
    pub criteria: Vec<CriterionResult>,
    /// Every indicator's verdict in the rules' order; each criterion holds its range.
    verdicts: Vec<Verdict>,
}

impl SetResult {
    /// The results of one of this set's criteria.
    pub fn indicators_of<'a>(
        &'a self,
        c: &'a CriterionResult,
    ) -> impl ExactSizeIterator<Item = IndicatorResult<'a>> + Clone {
        c.indicators(&self.verdicts)
    }

    /// Every indicator's result, in the rules' order.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorResult<'_>> {
        self.criteria.iter().flat_map(|c| self.indicators_of(c))
    }

    /// Each criterion with its indicators' results.
    pub fn criteria_with_indicators(
        &self,
    ) -> impl Iterator<
        Item = (
            &CriterionResult,
            impl ExactSizeIterator<Item = IndicatorResult<'_>> + Clone,
        ),
    > {
        self.criteria.iter().map(|c| (c, self.indicators_of(c)))
    }
}

/// Written out as before the flattening: each criterion with its indicators.
impl Serialize for SetResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SetResult", 5)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("met", &self.met)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("criteria", &CriteriaOut(&self.criteria, &self.verdicts))?;
        st.end()
    }
}

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
                i.code(),
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
        Kind::Count | Kind::Number | Kind::Boolean => format_decimal(v),
    }
}

/// A value as a user reads it: "95,5 %", "65.000.000 đ", "Có", "2 mô hình".
pub fn describe_value(kind: Kind, v: Value, unit: Option<&str>) -> String {
    match v {
        Value::Bool(true) => "Có".into(),
        Value::Bool(false) => "Không".into(),
        Value::Number(n) => match (kind, unit) {
            (Kind::Number, Some(u)) => format!("{} {u}", format_decimal(n)),
            _ => describe(kind, n),
        },
    }
}

fn describe_required_parts(
    cmp: Comparison,
    kind: Kind,
    unit: Option<&str>,
    req: &Required,
) -> String {
    match req {
        Required::Flag(true) => "Đạt".into(),
        Required::Flag(false) => "Không".into(),
        Required::Number(n) => format!(
            "{} {}",
            cmp.symbol(),
            describe_value(kind, Value::Number(*n), unit)
        ),
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
    fn required(&self, ind: &Indicator) -> Result<(Required, Option<(f64, u32)>), Reason> {
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

struct Context<'a> {
    judge: Judge<'a>,
    dossier: &'a Dossier,
    /// Levels decided so far, lowest first.
    levels: Vec<(Level, LevelState)>,
    /// The current set's entered values: each of the dossier's codes is read once, where a map
    /// lookup per indicator reads several keys of a dossier that is not in cache.
    entered: CodeTable<'a, Value>,
}

impl<'a> Context<'a> {
    fn input_value(&mut self, ind: &Indicator) -> Option<Value> {
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

    fn set(&mut self, set: &CriteriaSet) -> SetResult {
        let dossier: &'a Dossier = self.dossier;
        let own = dossier.values.get(&*set.id).into_iter().flatten();
        self.entered.fill(own.map(|(k, v)| (k.as_str(), *v)));
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
pub fn evaluate(rules: &Rules, dossier: &Dossier) -> Assessment {
    let mut ctx = Context {
        judge: Judge {
            rules,
            year: dossier.year,
        },
        dossier,
        levels: Vec::with_capacity(rules.levels.len()),
        entered: CodeTable::new(),
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
            .filter(|i| !i.indicator.status.is_verified())
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
    fn results_stay_small() {
        // 10 000 assessments of ~90 indicators are kept at once by the app and the benchmark.
        assert!(std::mem::size_of::<Verdict>() <= 24);
        assert!(std::mem::size_of::<CriterionResult>() <= 32);
    }
}
