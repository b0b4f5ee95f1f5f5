//! Award eligibility: who may receive which award of the plan, and the legal reason.
//!
//! The standards, regimes, money multiples and plan criteria are data
//! (`rules/khen_thuong_2021_2025.json`); this module only applies them. A standard the sources
//! did not verify never yields a confident verdict: it answers "cần Hội đồng xét".

use crate::level::Level;
use crate::nominations::{Basis, Candidate, Judgment, Rating, Register};
use crate::rules::{Source, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The built-in award rules, parsed once.
pub fn builtin() -> &'static AwardRules {
    static RULES: OnceLock<AwardRules> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!("../rules/khen_thuong_2021_2025.json"))
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

/// The movement the nominations are for: who launched it and for how long.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    pub name: String,
    pub launched_by: Vec<String>,
    pub years: u32,
    pub note: String,
    pub source: Source,
    pub status: Status,
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
    /// The movement was launched by one of these and runs at least `min_years`.
    Movement {
        launched_by: Vec<String>,
        min_years: u32,
    },
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
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Multiplier {
    pub award: String,
    pub regime: String,
    pub individual: f64,
    pub collective: f64,
    pub source: Source,
    pub status: Status,
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
            for c in &s.conditions {
                if let Condition::Council { id, text } = c {
                    push(id, text);
                }
            }
        }
        out
    }
}

/// What one check came to. Only the council turns a judgment into `Met`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Met,
    NotMet,
    /// data the app needs is not entered
    Missing,
    /// the council's judgment, or a standard without a verified source
    Council,
}

impl Check {
    /// All needed: a failure decides, then missing data, then the council.
    pub fn all(checks: impl IntoIterator<Item = Check>) -> Check {
        checks.into_iter().fold(Check::Met, |acc, c| {
            let rank = |c: Check| match c {
                Check::NotMet => 3,
                Check::Missing => 2,
                Check::Council => 1,
                Check::Met => 0,
            };
            if rank(c) > rank(acc) {
                c
            } else {
                acc
            }
        })
    }

    /// One is enough: a met alternative decides, then the council, then missing data.
    pub fn any(checks: impl IntoIterator<Item = Check>) -> Check {
        checks.into_iter().fold(Check::NotMet, |acc, c| {
            let rank = |c: Check| match c {
                Check::Met => 3,
                Check::Council => 2,
                Check::Missing => 1,
                Check::NotMet => 0,
            };
            if rank(c) > rank(acc) {
                c
            } else {
                acc
            }
        })
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Check::Met => "Đạt",
            Check::NotMet => "Không đạt",
            Check::Missing => "Thiếu thông tin",
            Check::Council => "Hội đồng xét",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Check::Met => "dat",
            Check::NotMet => "khong_dat",
            Check::Missing => "thieu_thong_tin",
            Check::Council => "hoi_dong_xet",
        }
    }
}

/// The verdict for a candidate and an award form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    DuDieuKien,
    CanHoiDongXet,
    ThieuThongTin,
    KhongDuDieuKien,
}

impl Verdict {
    pub fn of(check: Check) -> Verdict {
        match check {
            Check::Met => Verdict::DuDieuKien,
            Check::NotMet => Verdict::KhongDuDieuKien,
            Check::Missing => Verdict::ThieuThongTin,
            Check::Council => Verdict::CanHoiDongXet,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Verdict::DuDieuKien => "du_dieu_kien",
            Verdict::KhongDuDieuKien => "khong_du_dieu_kien",
            Verdict::CanHoiDongXet => "can_hoi_dong_xet",
            Verdict::ThieuThongTin => "thieu_thong_tin",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Verdict::DuDieuKien => "Đủ điều kiện",
            Verdict::KhongDuDieuKien => "Không đủ điều kiện",
            Verdict::CanHoiDongXet => "Cần Hội đồng xét",
            Verdict::ThieuThongTin => "Thiếu thông tin",
        }
    }
}

/// One line of a checklist: what was checked, what it came to, why, and on what basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub text: String,
    pub check: Check,
    pub reason: String,
    /// Legal citation ("Luật … , Điều 74 khoản 1 điểm d").
    pub citation: String,
}

/// One standard (alternative) of an award form, checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardResult {
    pub id: String,
    pub text: String,
    pub citation: String,
    pub status: Status,
    pub check: Check,
    pub lines: Vec<Line>,
}

/// The plan's criteria for the candidate's group: alternatives of lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupResult {
    pub check: Check,
    /// The criteria the app decides from data alone (level, debt), council items left out.
    pub data: Check,
    pub citation: String,
    pub options: Vec<Vec<Line>>,
}

/// A reward money estimate; never a promise.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyEstimate {
    pub vnd: u64,
    pub base_vnd: u64,
    pub multiplier: f64,
    pub collective: bool,
    /// Lowest status of the base salary, the multiple and the rounding rule.
    pub status: Status,
    pub citation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormResult {
    pub award: String,
    pub verdict: Verdict,
    /// Checks every form shares (regime, hold, one achievement) then this form's own.
    pub gates: Vec<Line>,
    pub standards: Vec<StandardResult>,
    pub money: Result<MoneyEstimate, String>,
    /// The plan's section the group criteria come from.
    pub plan: String,
}

impl FormResult {
    /// Every citation behind the verdict, once each.
    pub fn citations(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        self.gates
            .iter()
            .map(|l| l.citation.clone())
            .chain([self.plan.clone()])
            .chain(self.standards.iter().map(|s| s.citation.clone()))
            .filter(|c| !c.is_empty() && seen.insert(c.clone()))
            .collect()
    }

    /// The legal basis a council's list shows: the standard that is met, else the standards
    /// weighed, and the plan's section — not the principles every row shares.
    pub fn basis(&self) -> Vec<String> {
        let met: Vec<&StandardResult> = self
            .standards
            .iter()
            .filter(|s| s.check == Check::Met)
            .collect();
        let shown: Vec<&StandardResult> = if met.is_empty() {
            self.standards.iter().collect()
        } else {
            met
        };
        let mut seen = BTreeSet::new();
        shown
            .into_iter()
            .map(|s| s.citation.clone())
            .chain([self.plan.clone()])
            .filter(|c| !c.is_empty() && seen.insert(c.clone()))
            .collect()
    }

    /// The reasons in a sentence or two: what blocks or what is left to the council.
    pub fn summary(&self, group: &GroupResult) -> String {
        let lines = self
            .gates
            .iter()
            .chain(group.options.iter().flatten())
            .chain(self.standards.iter().flat_map(|s| s.lines.iter()));
        let want = match self.verdict {
            Verdict::DuDieuKien => {
                return match self.standards.iter().find(|s| s.check == Check::Met) {
                    Some(s) => format!("Đạt tiêu chuẩn {}.", s.citation),
                    None => "Đạt các điều kiện.".into(),
                }
            }
            Verdict::KhongDuDieuKien => Check::NotMet,
            Verdict::ThieuThongTin => Check::Missing,
            Verdict::CanHoiDongXet => Check::Council,
        };
        let mut seen = BTreeSet::new();
        let parts: Vec<String> = lines
            .filter(|l| l.check == want)
            .map(|l| l.reason.clone())
            .filter(|r| seen.insert(r.clone()))
            .take(3)
            .collect();
        parts.join(" ")
    }
}

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

fn cite(s: &Source) -> String {
    s.citation()
}

fn vi_date(iso: &str) -> String {
    crate::text::iso_to_vi_date(iso).unwrap_or_else(|| iso.to_string())
}

/// The council's judgment of one item, from what was recorded.
fn judge(j: Option<&Judgment>, text: &str, param: Option<(&Parameter, f64)>) -> (Check, String) {
    let param_note = |j: &Judgment| -> String {
        match (param, j.evidence.iter().find_map(|e| e.figure)) {
            (Some((p, value)), Some(fig)) => format!(
                " Minh chứng ghi {} {}; tham số “nhiều” đang dùng: {} {} ({}).",
                crate::text::format_decimal(fig),
                p.unit,
                crate::text::format_decimal(value),
                p.unit,
                if fig >= value {
                    "đủ số"
                } else {
                    "chưa đủ số"
                }
            ),
            _ => String::new(),
        }
    };
    // Nothing recorded is the same as an empty record.
    static NOTHING: Judgment = Judgment {
        evidence: Vec::new(),
        council: None,
    };
    let j = j.unwrap_or(&NOTHING);
    match &j.council {
        Some(d) if d.accepted => (
            Check::Met,
            format!(
                "Hội đồng đã xác nhận “{text}” (biên bản {}, ngày {}).",
                d.minutes,
                vi_date(&d.date)
            ),
        ),
        Some(d) => (
            Check::NotMet,
            format!(
                "Hội đồng không công nhận “{text}” (biên bản {}, ngày {}).",
                d.minutes,
                vi_date(&d.date)
            ),
        ),
        None if j.evidence.is_empty() => {
            (Check::Missing, format!("Chưa có minh chứng cho “{text}”."))
        }
        None => (
            Check::Council,
            format!(
                "Đã ghi {} minh chứng cho “{text}”; chờ Hội đồng xét.{}",
                j.evidence.len(),
                param_note(j)
            ),
        ),
    }
}

struct Ctx<'a> {
    rules: &'a AwardRules,
    register: &'a Register,
    facts: &'a Facts,
    candidate: &'a Candidate,
    /// Position of the candidate in the register (0-based).
    index: usize,
    date: Option<&'a str>,
    regime: Option<&'a Regime>,
}

impl Ctx<'_> {
    fn year(&self) -> Option<u16> {
        self.date
            .and_then(|d| d.get(0..4))
            .and_then(|y| y.parse().ok())
    }

    fn param(&self, id: &str) -> Option<(&Parameter, f64)> {
        let p = self.rules.parameter(id)?;
        let v = self.register.parameters.get(id).copied().unwrap_or(p.value);
        Some((p, v))
    }

    fn commune(&self) -> Result<&CommuneFacts, String> {
        let link = self
            .candidate
            .commune
            .as_ref()
            .ok_or("Chưa liên kết hồ sơ tự đánh giá của xã.")?;
        self.facts
            .communes
            .get(&(link.code.clone(), link.year))
            .ok_or_else(|| {
                format!(
                    "Không tìm thấy hồ sơ tự đánh giá của xã mã {} năm {}.",
                    link.code, link.year
                )
            })
    }

    fn group_line(&self, c: &GroupCriterion, citation: &str) -> Line {
        let (check, reason) = match c.kind {
            CriterionKind::Council => {
                let (check, mut reason) = judge(
                    self.candidate.judgments.get(&c.id),
                    &c.text,
                    c.parameter.as_deref().and_then(|p| self.param(p)),
                );
                if let (Check::Missing, Some(note)) = (check, &c.note) {
                    reason = format!("{reason} {note}");
                }
                (check, reason)
            }
            CriterionKind::CommuneLevel => {
                let need = c.level.unwrap_or(Level::NtmNangCao);
                match self.commune() {
                    Err(why) => (Check::Missing, why),
                    Ok(f) if f.level >= need && f.unverified_basis > 0 => (
                        Check::Council,
                        format!(
                            "Hồ sơ năm {} đạt “{}” nhưng dựa trên {} chỉ tiêu có ngưỡng chưa xác minh ({}).",
                            f.year,
                            f.level.label_vi(),
                            f.unverified_basis,
                            f.rules
                        ),
                    ),
                    Ok(f) if f.level >= need => (
                        Check::Met,
                        format!("Hồ sơ năm {}: {} ({}).", f.year, f.level.label_vi(), f.rules),
                    ),
                    Ok(f) if f.undetermined_above => (
                        Check::Missing,
                        format!(
                            "Hồ sơ năm {}: {}; mức cao hơn chưa xác định được (thiếu số liệu hoặc ngưỡng).",
                            f.year,
                            f.level.label_vi()
                        ),
                    ),
                    Ok(f) => (
                        Check::NotMet,
                        format!(
                            "Hồ sơ năm {}: {} — chưa đạt “{}”.",
                            f.year,
                            f.level.label_vi(),
                            need.label_vi()
                        ),
                    ),
                }
            }
            CriterionKind::CommuneNoDebt => match self.commune() {
                Err(why) => (Check::Missing, why),
                Ok(f) => debt_check(f.xdcb_debt_vnd, &format!("hồ sơ năm {}", f.year)),
            },
            CriterionKind::EnteredNoDebt => debt_check(self.candidate.xdcb_debt_vnd, "kê khai"),
        };
        Line {
            text: c.text.clone(),
            check,
            reason,
            citation: citation.to_string(),
        }
    }

    fn group(&self) -> GroupResult {
        let Some(g) = self.rules.group(&self.candidate.group) else {
            return GroupResult {
                check: Check::Missing,
                data: Check::Missing,
                citation: String::new(),
                options: vec![],
            };
        };
        let citation = cite(&g.source);
        let options: Vec<Vec<Line>> = g
            .options
            .iter()
            .map(|opt| opt.iter().map(|c| self.group_line(c, &citation)).collect())
            .collect();
        let data = Check::any(g.options.iter().zip(&options).map(|(crit, lines)| {
            Check::all(
                crit.iter()
                    .zip(lines)
                    .filter(|(c, _)| c.kind != CriterionKind::Council)
                    .map(|(_, l)| l.check),
            )
        }));
        GroupResult {
            data,
            check: Check::any(
                options
                    .iter()
                    .map(|o| Check::all(o.iter().map(|l| l.check))),
            ),
            citation,
            options,
        }
    }

    /// Checks every form shares: the regime, holds, one achievement one award.
    fn gates(&self) -> Vec<Line> {
        let p = &self.rules.principles;
        let mut out = Vec::new();
        out.push(match (self.date, self.regime) {
            (None, _) => Line {
                text: "Chế độ pháp lý theo ngày quyết định".into(),
                check: Check::Missing,
                reason: "Chưa có ngày quyết định khen thưởng (dự kiến) để chọn văn bản áp dụng."
                    .into(),
                citation: String::new(),
            },
            (Some(d), None) => Line {
                text: "Chế độ pháp lý theo ngày quyết định".into(),
                check: Check::Council,
                reason: format!("Chưa có dữ liệu văn bản áp dụng cho ngày {}.", vi_date(d)),
                citation: String::new(),
            },
            (Some(d), Some(r)) => Line {
                text: "Chế độ pháp lý theo ngày quyết định".into(),
                check: Check::Met,
                reason: format!("Quyết định ngày {}: áp dụng {}.", vi_date(d), r.name),
                citation: cite(&r.source),
            },
        });
        let pend = &self.candidate.pending;
        let holds: Vec<&str> = [
            (pend.discipline, "đang xem xét kỷ luật"),
            (pend.investigation, "đang bị điều tra, thanh tra, kiểm tra"),
            (pend.complaint, "có khiếu nại, tố cáo đang giải quyết"),
        ]
        .into_iter()
        .filter_map(|(on, w)| on.then_some(w))
        .collect();
        out.push(Line {
            text: "Không thuộc trường hợp tạm chưa khen thưởng".into(),
            check: if holds.is_empty() {
                Check::Met
            } else {
                Check::NotMet
            },
            reason: if holds.is_empty() {
                "Không ghi nhận kỷ luật, điều tra, thanh tra, khiếu nại đang giải quyết.".into()
            } else {
                format!("Tạm chưa khen thưởng: {}.", holds.join(", "))
            },
            citation: cite(&p.hold.source),
        });
        let ach = self.candidate.achievement.id.trim();
        let earlier = self.register.candidates[..self.index]
            .iter()
            .position(|c| !ach.is_empty() && c.achievement.id.trim() == ach);
        let rewarded = self
            .candidate
            .history
            .awards
            .iter()
            .find(|a| !ach.is_empty() && a.achievement.as_deref().map(str::trim) == Some(ach));
        out.push(Line {
            text: "Một thành tích chỉ khen một lần, một hình thức".into(),
            check: if earlier.is_some() || rewarded.is_some() {
                Check::NotMet
            } else {
                Check::Met
            },
            reason: match (rewarded, earlier) {
                (Some(a), _) => format!(
                    "Thành tích này đã được khen ({}, quyết định {} ngày {}).",
                    self.award_name(&a.award),
                    a.decision,
                    vi_date(&a.date)
                ),
                (None, Some(i)) => format!(
                    "Thành tích này đã được đề nghị ở dòng {} ({}).",
                    i + 1,
                    self.register.candidates[i].name
                ),
                (None, None) => "Thành tích chưa được khen, chưa đề nghị ở dòng khác.".into(),
            },
            citation: cite(&p.one_achievement.source),
        });
        out
    }

    fn award_name(&self, id: &str) -> String {
        match self.rules.award(id) {
            Some(a) => a.name.clone(),
            None => crate::nominations::other_award_name(id),
        }
    }

    fn standard(&self, s: &Standard) -> StandardResult {
        let citation = cite(&s.source);
        let mut lines = Vec::new();
        match s.status {
            Status::Unverified | Status::NotFound => lines.push(Line {
                text: s.text.clone(),
                check: Check::Council,
                reason: format!(
                    "Chưa có căn cứ đã xác minh ({}: {}) — Hội đồng xét theo văn bản gốc.",
                    citation,
                    s.status.label_vi()
                ),
                citation: citation.clone(),
            }),
            Status::Verified | Status::Partial => {
                let period = Period::of(self, s);
                for c in &s.conditions {
                    lines.push(self.condition(c, &period, &citation));
                }
                if s.status == Status::Partial {
                    lines.push(Line {
                        text: "Phần còn lại của điểm này".into(),
                        check: Check::Council,
                        reason: format!(
                            "Chưa có căn cứ đã xác minh cho phần sau của {citation} — Hội đồng đối chiếu văn bản gốc."
                        ),
                        citation: citation.clone(),
                    });
                }
            }
        }
        StandardResult {
            id: s.id.clone(),
            text: s.text.clone(),
            citation,
            status: s.status,
            check: Check::all(lines.iter().map(|l| l.check)),
            lines,
        }
    }

    fn condition(&self, c: &Condition, period: &Period, citation: &str) -> Line {
        let h = &self.candidate.history;
        let line = |text: String, check: Check, reason: String| Line {
            text,
            check,
            reason,
            citation: citation.to_string(),
        };
        match c {
            Condition::Council { id, text } => {
                let (check, reason) = judge(self.candidate.judgments.get(id), text, None);
                line(text.clone(), check, reason)
            }
            Condition::Movement {
                launched_by,
                min_years,
            } => {
                let m = &self.rules.movement;
                let by = launched_by.iter().any(|b| m.launched_by.contains(b));
                let ok = by && m.years >= *min_years;
                let who = launched_by
                    .iter()
                    .map(|b| launcher_vi(b))
                    .collect::<Vec<_>>()
                    .join(" hoặc ");
                let text = if *min_years > 0 {
                    format!("Phong trào do {who} phát động, thực hiện từ {min_years} năm trở lên")
                } else {
                    format!("Phong trào do {who} phát động")
                };
                line(
                    text,
                    if ok { Check::Met } else { Check::NotMet },
                    format!("{} — {} năm. {}", m.name, m.years, m.note),
                )
            }
            Condition::PriorAward { awards } => {
                let names = awards
                    .iter()
                    .map(|a| self.award_name(a))
                    .collect::<Vec<_>>()
                    .join(" hoặc ");
                let text = format!("Đã được tặng {names} (theo công trạng)");
                match &period.prior {
                    Prior::Counted(a) => line(
                        text,
                        Check::Met,
                        format!(
                            "Đã có {} (quyết định {}, ngày {}).",
                            self.award_name(&a.award),
                            a.decision,
                            vi_date(&a.date)
                        ),
                    ),
                    Prior::Excluded(a, rule) => {
                        let reason = format!(
                            "{} ngày {} là khen {}, không dùng làm căn cứ khen theo công trạng: {}.",
                            self.award_name(&a.award),
                            vi_date(&a.date),
                            a.basis.label_vi(),
                            rule.text
                        );
                        if rule.status.is_verified() {
                            line(text, Check::NotMet, reason)
                        } else {
                            line(
                                text,
                                Check::Council,
                                format!(
                                    "{reason} Chưa có căn cứ đã xác minh ({}).",
                                    cite(&rule.source)
                                ),
                            )
                        }
                    }
                    Prior::None => line(
                        text,
                        Check::NotMet,
                        format!("Lịch sử khen thưởng chưa ghi {names} trước ngày quyết định."),
                    ),
                }
            }
            Condition::RatingYears { min_rating, years } => {
                let text = format!(
                    "{years} năm liên tục {} trở lên đến thời điểm đề nghị",
                    min_rating.label_vi()
                );
                if h.ratings.is_empty() {
                    return line(
                        text,
                        Check::Missing,
                        "Chưa nhập kết quả đánh giá, xếp loại các năm.".into(),
                    );
                }
                let run = &period.run;
                let n = run.len() as u32;
                let ok = n >= *years && period.run_recent;
                let reason = match (run.first(), run.last()) {
                    (Some(a), Some(b)) if period.run_recent => format!(
                        "{n} năm liên tục {} trở lên ({a}–{b}).",
                        min_rating.label_vi()
                    ),
                    (Some(_), Some(b)) => format!(
                        "Chuỗi năm liên tục gần nhất kết thúc năm {b}, không kéo dài đến thời điểm đề nghị."
                    ),
                    _ => format!("Chưa có năm nào {} trở lên.", min_rating.label_vi()),
                };
                line(text, if ok { Check::Met } else { Check::NotMet }, reason)
            }
            Condition::RatingCount { rating, count } => {
                let n = h
                    .ratings
                    .iter()
                    .filter(|r| period.contains(r.year) && r.rating >= *rating)
                    .count() as u32;
                let text = format!("Trong thời gian đó có {count} năm {}", rating.label_vi());
                if h.ratings.is_empty() {
                    return line(
                        text,
                        Check::Missing,
                        "Chưa nhập kết quả đánh giá, xếp loại các năm.".into(),
                    );
                }
                line(
                    text,
                    if n >= *count {
                        Check::Met
                    } else {
                        Check::NotMet
                    },
                    format!("Có {n} năm {} trong thời gian tính.", rating.label_vi()),
                )
            }
            Condition::TitleCount {
                title,
                count,
                consecutive,
            } => {
                let name = crate::nominations::title_name(title);
                let mut years: Vec<u16> = h
                    .titles
                    .iter()
                    .filter(|t| &t.title == title && period.contains(t.year))
                    .map(|t| t.year)
                    .collect();
                years.sort_unstable();
                years.dedup();
                let (n, text) = if *consecutive {
                    // the longest run of consecutive years
                    let mut best = 0u32;
                    let mut cur = 0u32;
                    for (i, y) in years.iter().enumerate() {
                        cur = if i > 0 && years[i - 1] + 1 == *y {
                            cur + 1
                        } else {
                            1
                        };
                        best = best.max(cur);
                    }
                    (best, format!("{count} lần liên tục đạt danh hiệu {name}"))
                } else {
                    (
                        years.len() as u32,
                        format!("{count} lần đạt danh hiệu {name}"),
                    )
                };
                let listed = if years.is_empty() {
                    "không có năm nào".to_string()
                } else {
                    years
                        .iter()
                        .map(u16::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let reason = if *consecutive {
                    format!("{name} các năm: {listed} — dài nhất {n} năm liên tục.")
                } else {
                    format!("{name} trong thời gian tính: {listed} ({n} lần).")
                };
                line(
                    text,
                    if n >= *count {
                        Check::Met
                    } else {
                        Check::NotMet
                    },
                    reason,
                )
            }
            Condition::Initiatives { count } => {
                let n = h
                    .initiatives
                    .iter()
                    .filter(|i| period.contains(i.year))
                    .count() as u32;
                line(
                    format!("{count} sáng kiến được công nhận, áp dụng hiệu quả"),
                    if n >= *count {
                        Check::Met
                    } else {
                        Check::NotMet
                    },
                    format!("Có {n} sáng kiến được công nhận trong thời gian tính."),
                )
            }
        }
    }

    fn money(&self, award: &str) -> Result<MoneyEstimate, String> {
        let (Some(date), Some(regime)) = (self.date, self.regime) else {
            return Err("Chưa có ngày quyết định để tính.".into());
        };
        let m = &self.rules.money;
        let base = m
            .base_salary
            .iter()
            .find(|b| b.from.as_str() <= date && b.to.as_deref().is_none_or(|t| date <= t))
            .ok_or_else(|| {
                format!(
                    "Chưa có mức lương cơ sở cho ngày {} trong dữ liệu.",
                    vi_date(date)
                )
            })?;
        let mult = m
            .multipliers
            .iter()
            .find(|x| x.award == award && x.regime == regime.id)
            .ok_or_else(|| {
                format!(
                    "Chưa có hệ số tiền thưởng theo {} cho hình thức này.",
                    regime.name
                )
            })?;
        let collective = self
            .rules
            .subject(&self.candidate.subject)
            .and_then(|s| s.collective)
            .or_else(|| {
                self.rules
                    .group(&self.candidate.group)
                    .and_then(|g| g.collective)
            })
            .unwrap_or(false);
        let factor = if collective {
            mult.collective
        } else {
            mult.individual
        };
        let raw = base.vnd as f64 * factor;
        let step = m.rounding.step.max(1) as f64;
        let rounded = match m.rounding.mode {
            RoundingMode::Nearest => (raw / step).round() * step,
            RoundingMode::Up => (raw / step).ceil() * step,
            RoundingMode::Down => (raw / step).floor() * step,
        };
        let worst = [base.status, mult.status, m.rounding.status]
            .into_iter()
            .max_by_key(|s| match s {
                Status::Verified => 0,
                Status::Partial => 1,
                Status::Unverified => 2,
                Status::NotFound => 3,
            })
            .unwrap_or(Status::Verified);
        Ok(MoneyEstimate {
            vnd: rounded as u64,
            base_vnd: base.vnd,
            multiplier: factor,
            collective,
            status: worst,
            citation: format!(
                "{} × lương cơ sở {} ({}); {}",
                crate::text::format_decimal(factor),
                crate::text::format_money(base.vnd as f64),
                cite(&base.source),
                cite(&mult.source)
            ),
        })
    }

    fn form(&self, award: &Award, gates: &[Line], group: &GroupResult) -> FormResult {
        let c = self.candidate;
        let mut gates = gates.to_vec();
        let mut standards = Vec::new();
        if let Some(regime) = self.regime {
            let basis = c.proposed.basis;
            let chosen = c
                .proposed
                .standard
                .as_deref()
                .filter(|_| c.proposed.award == award.id);
            let applicable: Vec<&Standard> = self
                .rules
                .standards_for(&award.id, &c.subject, &regime.id, basis)
                .filter(|s| chosen.is_none_or(|id| s.id == id))
                .collect();
            standards = applicable.iter().map(|s| self.standard(s)).collect();
            if standards.is_empty() {
                gates.push(Line {
                    text: format!("Tiêu chuẩn {} cho đối tượng này", award.name),
                    check: Check::Council,
                    reason: match chosen {
                        Some(id) => format!(
                            "Điểm đề nghị “{id}” không áp dụng cho đối tượng, loại hình khen và chế độ pháp lý này — chưa có căn cứ đã xác minh."
                        ),
                        None => format!(
                            "Chưa có căn cứ đã xác minh: dữ liệu chưa có tiêu chuẩn {} cho {} (khen {}) theo {}.",
                            award.name,
                            self.rules
                                .subject(&c.subject)
                                .map_or(c.subject.as_str(), |s| s.name.as_str()),
                            basis.label_vi(),
                            regime.name
                        ),
                    },
                    citation: String::new(),
                });
            }
        }
        let legal = if standards.is_empty() {
            Check::Council
        } else {
            Check::any(standards.iter().map(|s| s.check))
        };
        let overall = Check::all(gates.iter().map(|l| l.check).chain([group.check, legal]));
        FormResult {
            award: award.id.clone(),
            verdict: Verdict::of(overall),
            gates,
            standards,
            money: self.money(&award.id),
            plan: group.citation.clone(),
        }
    }
}

fn launcher_vi(id: &str) -> &str {
    match id {
        "tinh" => "Bộ, ngành, tỉnh",
        "thu_tuong" => "Thủ tướng Chính phủ",
        "chu_tich_nuoc" => "Chủ tịch nước",
        other => other,
    }
}

fn debt_check(debt: Option<f64>, whose: &str) -> (Check, String) {
    match debt {
        None => (
            Check::Missing,
            format!("Chưa có số nợ đọng xây dựng cơ bản ({whose})."),
        ),
        Some(d) if d <= 0.0 => (
            Check::Met,
            format!("Nợ đọng xây dựng cơ bản: 0 đ ({whose})."),
        ),
        Some(d) => (
            Check::NotMet,
            format!(
                "Còn nợ đọng xây dựng cơ bản {} ({whose}).",
                crate::text::format_money(d)
            ),
        ),
    }
}

/// The earlier award a merit-track standard rests on, and why it counts or not.
enum Prior<'a> {
    Counted(&'a crate::nominations::PastAward),
    Excluded(&'a crate::nominations::PastAward, &'a PriorBasisRule),
    None,
}

/// The years a standard's record is counted over.
struct Period<'a> {
    prior: Prior<'a>,
    /// Years after this one only (the prior award, or the last award of the same form).
    after: Option<u16>,
    /// Up to this year (the decision's).
    until: u16,
    /// The consecutive rated years ending most recently (for RatingYears).
    run: Vec<u16>,
    /// The run reaches the year before the decision or the decision's year.
    run_recent: bool,
}

impl Period<'_> {
    fn contains(&self, y: u16) -> bool {
        self.after.is_none_or(|a| y > a)
            && y <= self.until
            && (self.run.is_empty() || self.run.contains(&y))
    }
}

impl<'a> Period<'a> {
    fn of(ctx: &Ctx<'a>, s: &Standard) -> Period<'a> {
        let h = &ctx.candidate.history;
        let date = ctx.date.unwrap_or("9999-12-31");
        let until = ctx.year().unwrap_or(u16::MAX);
        let regime = ctx.regime.map(|r| r.id.as_str()).unwrap_or("");
        let year_of = |d: &str| d.get(0..4).and_then(|y| y.parse::<u16>().ok());
        let prior_awards = s.conditions.iter().find_map(|c| match c {
            Condition::PriorAward { awards } => Some(awards),
            _ => None,
        });
        let prior = match prior_awards {
            None => Prior::None,
            Some(awards) => {
                let rule = ctx
                    .rules
                    .principles
                    .prior_basis
                    .iter()
                    .find(|r| r.regime == regime);
                let mut found: Vec<&crate::nominations::PastAward> = h
                    .awards
                    .iter()
                    .filter(|a| awards.contains(&a.award) && a.date.as_str() < date)
                    .collect();
                found.sort_by(|a, b| b.date.cmp(&a.date));
                let counted = found
                    .iter()
                    .find(|a| rule.is_none_or(|r| !r.exclude.contains(&a.basis)));
                match (counted, found.first(), rule) {
                    (Some(a), _, _) => Prior::Counted(a),
                    (None, Some(a), Some(r)) => Prior::Excluded(a, r),
                    _ => Prior::None,
                }
            }
        };
        // Counted from the prior award, else from the last award of the same form (NĐ 98 Đ30 k9).
        let after = match &prior {
            Prior::Counted(a) | Prior::Excluded(a, _) => year_of(&a.date),
            Prior::None => h
                .awards
                .iter()
                .filter(|a| a.award == s.award && a.date.as_str() < date)
                .filter_map(|a| year_of(&a.date))
                .max(),
        };
        let min_rating = s.conditions.iter().find_map(|c| match c {
            Condition::RatingYears { min_rating, .. } => Some(*min_rating),
            _ => None,
        });
        let mut run = Vec::new();
        let mut run_recent = false;
        if let Some(min) = min_rating {
            let mut rated: Vec<(u16, Rating)> = h
                .ratings
                .iter()
                .filter(|r| after.is_none_or(|a| r.year > a) && r.year <= until)
                .map(|r| (r.year, r.rating))
                .collect();
            rated.sort_by_key(|(y, _)| *y);
            // walk back from the latest rated year while years are consecutive and good enough
            for (y, r) in rated.iter().rev() {
                let joins = run.last().is_none_or(|last: &u16| *last == y + 1);
                if *r >= min && joins {
                    run.push(*y);
                } else {
                    break;
                }
            }
            run.reverse();
            run_recent = run
                .last()
                .is_some_and(|last| until == u16::MAX || *last + 1 >= until);
        }
        Period {
            prior,
            after,
            until,
            run,
            run_recent,
        }
    }
}

/// Every candidate of the register against every award form of the plan.
pub fn assess(rules: &AwardRules, register: &Register, facts: &Facts) -> Vec<CandidateResult> {
    register
        .candidates
        .iter()
        .enumerate()
        .map(|(index, candidate)| {
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
            let forms = rules
                .awards
                .iter()
                .map(|a| ctx.form(a, &gates, &group))
                .collect();
            CandidateResult {
                candidate_id: candidate.id.clone(),
                regime: ctx.regime.map(|r| r.id.clone()),
                group,
                forms,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_are_consistent() {
        let r = builtin();
        for s in &r.standards {
            assert!(r.award(&s.award).is_some(), "{}: award", s.id);
            for sub in &s.subjects {
                assert!(r.subject(sub).is_some(), "{}: subject {sub}", s.id);
            }
            for reg in &s.regimes {
                assert!(r.regimes.iter().any(|x| &x.id == reg), "{}: regime", s.id);
            }
        }
        for g in &r.groups {
            for sub in &g.subjects {
                assert!(r.subject(sub).is_some(), "{}: subject {sub}", g.id);
            }
            for c in g.options.iter().flatten() {
                if let Some(p) = &c.parameter {
                    assert!(r.parameter(p).is_some(), "{}: parameter {p}", c.id);
                }
            }
        }
        for m in &r.money.multipliers {
            assert!(r.award(&m.award).is_some());
        }
    }

    #[test]
    fn regimes_follow_the_decision_date() {
        let r = builtin();
        assert_eq!(r.regime_on("2023-12-31").unwrap().id, "luat_2003_nd91");
        assert_eq!(r.regime_on("2024-01-01").unwrap().id, "luat_2022_nd98");
        assert_eq!(r.regime_on("2025-06-30").unwrap().id, "luat_2022_nd98");
        assert_eq!(r.regime_on("2025-07-01").unwrap().id, "luat_2022_nd152");
    }

    #[test]
    fn all_and_any_order() {
        use Check::*;
        assert_eq!(Check::all([Met, Council, Missing]), Missing);
        assert_eq!(Check::all([Met, Council, NotMet]), NotMet);
        assert_eq!(Check::all([Met, Met]), Met);
        assert_eq!(Check::any([NotMet, Missing, Council]), Council);
        assert_eq!(Check::any([NotMet, Met]), Met);
        assert_eq!(Check::any([]), NotMet);
    }
}
