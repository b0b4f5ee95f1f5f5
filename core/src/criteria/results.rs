//! Results of the engine: each indicator's verdict and reason, each criterion's and set's outcome, and how they serialise.

use super::*;
use crate::text::shown_code;

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
pub(super) enum Got {
    Nothing,
    Flag,
    Number,
}

/// The requirement, packed: its number (if any) is kept beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Need {
    Nothing,
    Flag(bool),
    Number,
}

/// `Reason` without its data, which is kept in the verdict's other fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Why {
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
    pub(super) got_value: f64,
    /// The requirement's number, or its base when the threshold is relative; 0 when none.
    pub(super) number: f64,
    /// The year of a missing per-year threshold, or how many xã have no dossier.
    pub(super) extra: u32,
    pub(super) outcome: Outcome,
    pub(super) got: Got,
    pub(super) need: Need,
    pub(super) why: Why,
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
    pub(super) verdict: &'a Verdict,
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
    pub(super) fn relative(&self) -> Option<(f64, u32)> {
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
                        "Chưa có ngưỡng{when} của chỉ tiêu {} ({}) mà yêu cầu này dựa vào — nhập theo văn bản của tỉnh.",
                        shown_code(&r.code),
                        crate::rules_edit::builtin_set_short_name(&r.set).unwrap_or("bộ tiêu chí khác")
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
                    .map(|v| ind.kind.format_value(v, ind.unit.as_deref()))
                    .unwrap_or_default();
                let verdict = if met { "đạt" } else { "chưa đạt" };
                let mut s = format!("{shown}: {verdict} yêu cầu {}.", need());
                if let Some((base, pct)) = relative {
                    s.push_str(&format!(
                        " (Yêu cầu = {pct} % × {}.)",
                        ind.kind.format(base, None)
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
pub(super) struct Counts([u32; 4]);

impl Counts {
    pub(super) fn add(&mut self, o: Outcome) {
        self.0[o as usize] += 1;
    }
    pub(super) fn get(&self, o: Outcome) -> usize {
        self.0[o as usize] as usize
    }
    pub(super) fn total(&self) -> usize {
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
    pub(super) first: u32,
    pub(super) counts: Counts,
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
#[cfg_attr(ntm_speed, optimize(speed))]
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
pub(super) struct Seq<I>(I);

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
    pub(super) verdicts: Vec<Verdict>,
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
