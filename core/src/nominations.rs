//! The nomination register (danh sách đề nghị khen thưởng): candidates, their award history
//! and evidence, the register of good models, quotas — its file format, checks and exports.
//! Verdicts come from `awards`; this module only holds and lists.

use crate::awards::{AwardRules, CandidateResult, Check, Verdict};
use crate::envelope::Envelope;
use crate::error::{serde_problem, InputError};
use crate::export::formula_safe;
use crate::registered::iso_day_number;
use crate::text::{format_money, nfc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const FORMAT: &str = "chung-suc/danh-sach-khen-thuong";
pub const VERSION: u32 = 1;
/// Longest text kept in any field; longer input is refused, not cut.
pub const MAX_TEXT: usize = 4000;

/// Kind of commendation (Luật TĐKT 2022 Điều 8).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// for a movement (by period or theme)
    #[default]
    ChuyenDe,
    /// regular merit
    CongTrang,
    /// sudden achievement
    DotXuat,
    CongHien,
    NienHan,
    DoiNgoai,
}

impl Basis {
    pub const ALL: [Basis; 6] = [
        Basis::ChuyenDe,
        Basis::CongTrang,
        Basis::DotXuat,
        Basis::CongHien,
        Basis::NienHan,
        Basis::DoiNgoai,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Basis::ChuyenDe => "chuyen_de",
            Basis::CongTrang => "cong_trang",
            Basis::DotXuat => "dot_xuat",
            Basis::CongHien => "cong_hien",
            Basis::NienHan => "nien_han",
            Basis::DoiNgoai => "doi_ngoai",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Basis::ChuyenDe => "theo phong trào thi đua (chuyên đề)",
            Basis::CongTrang => "theo công trạng",
            Basis::DotXuat => "đột xuất",
            Basis::CongHien => "quá trình cống hiến",
            Basis::NienHan => "niên hạn",
            Basis::DoiNgoai => "đối ngoại",
        }
    }
    pub fn from_code(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == s)
    }
}

/// Yearly rating of an official (đánh giá, xếp loại), lowest first so `>=` reads "at least".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    KhongHoanThanh,
    HoanThanh,
    HoanThanhTot,
    HoanThanhXuatSac,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::HoanThanhXuatSac,
        Rating::HoanThanhTot,
        Rating::HoanThanh,
        Rating::KhongHoanThanh,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Rating::KhongHoanThanh => "khong_hoan_thanh",
            Rating::HoanThanh => "hoan_thanh",
            Rating::HoanThanhTot => "hoan_thanh_tot",
            Rating::HoanThanhXuatSac => "hoan_thanh_xuat_sac",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Rating::KhongHoanThanh => "không hoàn thành nhiệm vụ",
            Rating::HoanThanh => "hoàn thành nhiệm vụ",
            Rating::HoanThanhTot => "hoàn thành tốt nhiệm vụ",
            Rating::HoanThanhXuatSac => "hoàn thành xuất sắc nhiệm vụ",
        }
    }
    pub fn from_code(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.code() == s)
    }
}

/// Emulation titles the standards count, and their names.
pub const TITLES: [(&str, &str); 5] = [
    ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở"),
    ("chien_si_thi_dua_tinh", "Chiến sĩ thi đua cấp tỉnh"),
    ("lao_dong_tien_tien", "Lao động tiên tiến"),
    ("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc"),
    ("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến"),
];

pub fn title_name(id: &str) -> String {
    TITLES
        .iter()
        .find(|(k, _)| *k == id)
        .map_or_else(|| id.to_string(), |(_, v)| v.to_string())
}

/// Earlier awards outside the plan's forms that history may hold.
pub const OTHER_AWARDS: [(&str, &str); 2] = [
    (
        "bang_khen_bo",
        "Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương",
    ),
    ("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh"),
];

pub fn other_award_name(id: &str) -> String {
    OTHER_AWARDS
        .iter()
        .find(|(k, _)| *k == id)
        .map_or_else(|| id.to_string(), |(_, v)| v.to_string())
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Document number ("123/QĐ-UBND").
    #[serde(default)]
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub description: String,
    /// A figure the evidence states (OCOP products, jobs, đồng contributed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<f64>,
}

/// The council's decision on one judgment item, with its minutes.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CouncilDecision {
    pub accepted: bool,
    pub minutes: String,
    pub date: String,
}

/// Evidence recorded for one judgment item, and the council's decision if taken.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Judgment {
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<CouncilDecision>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PastAward {
    /// An award id of the plan, or one of `OTHER_AWARDS`.
    pub award: String,
    pub decision: String,
    pub date: String,
    pub basis: Basis,
    /// The achievement it rewarded, when known (one achievement, one award).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TitleYear {
    pub title: String,
    pub year: u16,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RatingYear {
    pub year: u16,
    pub rating: Rating,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub year: u16,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    #[serde(default)]
    pub awards: Vec<PastAward>,
    #[serde(default)]
    pub titles: Vec<TitleYear>,
    #[serde(default)]
    pub ratings: Vec<RatingYear>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
}

/// Matters that hold an award (NĐ 98/2023 Điều 4).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pending {
    #[serde(default)]
    pub discipline: bool,
    #[serde(default)]
    pub investigation: bool,
    #[serde(default)]
    pub complaint: bool,
    #[serde(default)]
    pub note: String,
}

/// Priority flags (Luật Điều 5 k2 d and practice): they rank, they never gate.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    #[serde(default)]
    pub direct_worker: bool,
    #[serde(default)]
    pub woman: bool,
    #[serde(default)]
    pub ethnic_minority: bool,
    #[serde(default)]
    pub disadvantaged_area: bool,
}

impl Priority {
    pub fn count(&self) -> usize {
        [
            self.direct_worker,
            self.woman,
            self.ethnic_minority,
            self.disadvantaged_area,
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }
    pub fn labels(&self) -> Vec<&'static str> {
        [
            (self.direct_worker, "trực tiếp lao động, sản xuất"),
            (self.woman, "nữ"),
            (self.ethnic_minority, "dân tộc thiểu số"),
            (self.disadvantaged_area, "vùng đặc biệt khó khăn"),
        ]
        .into_iter()
        .filter_map(|(b, l)| b.then_some(l))
        .collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// The same id on two nominations is the same achievement.
    pub id: String,
    pub summary: String,
    /// A good model of the register this achievement is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    pub award: String,
    #[serde(default)]
    pub basis: Basis,
    /// The standard (article point) the proposal relies on; `None` = any that applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
}

/// A commune's dossier: commune code and year.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DossierLink {
    pub code: String,
    pub year: u16,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// Plan group (a, b, c, d, dd_can_bo, dd_nguoi_lao_dong, e).
    pub group: String,
    /// Law subject (ca_nhan, cong_nhan_nong_dan, tap_the, …).
    pub subject: String,
    /// Unit or address.
    #[serde(default)]
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<DossierLink>,
    /// XDCB debt entered for a district or town (communes take theirs from the dossier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xdcb_debt_vnd: Option<f64>,
    pub achievement: Achievement,
    pub proposed: Proposal,
    /// Overrides the register's decision date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<String>,
    #[serde(default)]
    pub judgments: BTreeMap<String, Judgment>,
    #[serde(default)]
    pub history: History,
    #[serde(default)]
    pub pending: Pending,
    #[serde(default)]
    pub priority: Priority,
}

/// Kinds of entry in the register of good models (plan I.1.c, VII.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    #[default]
    DienHinh,
    SangKien,
    MoHinh,
    CachLam,
}

impl ModelKind {
    pub const ALL: [ModelKind; 4] = [
        ModelKind::DienHinh,
        ModelKind::SangKien,
        ModelKind::MoHinh,
        ModelKind::CachLam,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ModelKind::DienHinh => "dien_hinh",
            ModelKind::SangKien => "sang_kien",
            ModelKind::MoHinh => "mo_hinh",
            ModelKind::CachLam => "cach_lam",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            ModelKind::DienHinh => "Điển hình tiên tiến",
            ModelKind::SangKien => "Sáng kiến",
            ModelKind::MoHinh => "Mô hình hay",
            ModelKind::CachLam => "Cách làm sáng tạo",
        }
    }
    pub fn from_code(s: &str) -> Option<ModelKind> {
        ModelKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    #[serde(default)]
    pub unit: String,
}

/// A good model, initiative or creative practice, with its results in figures.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoodModel {
    pub id: String,
    pub kind: ModelKind,
    pub name: String,
    /// Where (commune, district).
    #[serde(default)]
    pub place: String,
    /// Who built it.
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub results: String,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Since when (year or ISO date).
    #[serde(default)]
    pub since: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl GoodModel {
    /// Case- and accent-insensitive search over every text of the model.
    pub fn matches(&self, query: &str) -> bool {
        let q = fold(query);
        if q.is_empty() {
            return true;
        }
        let hay = fold(&format!(
            "{} {} {} {} {} {}",
            self.name,
            self.place,
            self.who,
            self.results,
            self.kind.label_vi(),
            self.figures
                .iter()
                .map(|f| f.label.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ));
        q.split_whitespace().all(|w| hay.contains(w))
    }
}

/// Lowercase without tones or marks, so "cach lam" finds "Cách làm".
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A plan-level limit on one award form.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub award: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// At most this share (%) of the communes that meet their group's data criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_qualifying_communes_pct: Option<f64>,
    /// Where the limit comes from (plan, council decision).
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub format: String,
    pub version: u32,
    /// Who keeps the register (shown on the printed list).
    #[serde(default)]
    pub unit: String,
    /// Expected date of the award decision (ISO): it chooses the legal regime and base salary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<String>,
    /// Council's values for the plan's vague words ("nhiều").
    #[serde(default)]
    pub parameters: BTreeMap<String, f64>,
    #[serde(default)]
    pub quotas: Vec<Quota>,
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    #[serde(default)]
    pub models: Vec<GoodModel>,
}

impl Register {
    pub fn new() -> Register {
        Register {
            format: FORMAT.into(),
            version: VERSION,
            ..Register::default()
        }
    }

    /// Reads and checks a register file; the message names the field at fault.
    pub fn parse(text: &str, rules: &AwardRules) -> Result<Register, InputError> {
        let env = Envelope {
            format: FORMAT,
            version: VERSION,
            what: "danh sách đề nghị khen thưởng",
            fields: None,
        };
        env.open(text)?;
        // Read from the text (not the parsed value) so a problem comes with its line and column.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reg: Register = serde_json::from_str(body).map_err(|e| {
            let msg = e.to_string();
            // serde names the field for a missing or unknown field; for an unknown variant the
            // quoted word is the value, not the field.
            let quoted = msg
                .split('`')
                .nth(1)
                .map(str::to_string)
                .unwrap_or_default();
            let (field, problem) = if msg.starts_with("unknown variant") {
                (String::new(), format!("giá trị “{quoted}” không hợp lệ"))
            } else {
                (quoted, serde_problem(&msg).to_string())
            };
            InputError::new(
                field,
                format!("{problem} (dòng {}, cột {})", e.line(), e.column()),
            )
        })?;
        reg.normalise();
        reg.validate(rules)?;
        Ok(reg)
    }

    /// NFC for every name, so the same Vietnamese name typed on two machines matches.
    pub fn normalise(&mut self) {
        self.unit = nfc(&self.unit);
        for c in &mut self.candidates {
            c.name = nfc(&c.name);
            c.unit = nfc(&c.unit);
            c.achievement.summary = nfc(&c.achievement.summary);
        }
        for m in &mut self.models {
            m.name = nfc(&m.name);
            m.place = nfc(&m.place);
            m.who = nfc(&m.who);
            m.results = nfc(&m.results);
        }
    }

    pub fn validate(&self, rules: &AwardRules) -> Result<(), InputError> {
        let date = |field: String, d: &str| -> Result<(), InputError> {
            iso_day_number(d).map(|_| ()).ok_or_else(|| {
                InputError::new(field, format!("“{d}” không phải ngày dạng YYYY-MM-DD"))
            })
        };
        let year = |field: String, y: u16| -> Result<(), InputError> {
            if (1945..=2100).contains(&y) {
                Ok(())
            } else {
                Err(InputError::new(field, format!("năm {y} không hợp lệ")))
            }
        };
        let text = |field: String, s: &str| -> Result<(), InputError> {
            if s.chars().count() > MAX_TEXT {
                Err(InputError::new(field, format!("dài quá {MAX_TEXT} ký tự")))
            } else {
                Ok(())
            }
        };
        let amount = |field: String, v: f64| -> Result<(), InputError> {
            if v.is_finite() && v >= 0.0 {
                Ok(())
            } else {
                Err(InputError::new(field, "phải là số không âm"))
            }
        };
        if let Some(d) = &self.decision_date {
            date("decision_date".into(), d)?;
        }
        text("unit".into(), &self.unit)?;
        for (k, v) in &self.parameters {
            if rules.parameter(k).is_none() {
                return Err(InputError::new(
                    format!("parameters.{k}"),
                    "tham số không có trong bộ quy định khen thưởng",
                ));
            }
            amount(format!("parameters.{k}"), *v)?;
        }
        for (i, q) in self.quotas.iter().enumerate() {
            let f = format!("quotas[{i}]");
            if rules.award(&q.award).is_none() {
                return Err(InputError::new(
                    format!("{f}.award"),
                    format!("hình thức “{}” không có trong kế hoạch", q.award),
                ));
            }
            if let Some(p) = q.share_of_qualifying_communes_pct {
                if !(p.is_finite() && (0.0..=100.0).contains(&p)) {
                    return Err(InputError::new(
                        format!("{f}.share_of_qualifying_communes_pct"),
                        "phải từ 0 đến 100",
                    ));
                }
            }
        }
        let mut ids = BTreeSet::new();
        for (i, c) in self.candidates.iter().enumerate() {
            let f = format!("candidates[{i}]");
            if c.id.trim().is_empty() || !ids.insert(c.id.as_str()) {
                return Err(InputError::new(
                    format!("{f}.id"),
                    "trống hoặc trùng với ứng viên khác",
                ));
            }
            if c.name.trim().is_empty() {
                return Err(InputError::new(format!("{f}.name"), "chưa có tên"));
            }
            for (k, s) in [
                ("name", &c.name),
                ("unit", &c.unit),
                ("achievement.summary", &c.achievement.summary),
            ] {
                text(format!("{f}.{k}"), s)?;
            }
            let Some(g) = rules.group(&c.group) else {
                return Err(InputError::new(
                    format!("{f}.group"),
                    format!("nhóm đối tượng “{}” không có trong kế hoạch", c.group),
                ));
            };
            if !g.subjects.contains(&c.subject) {
                return Err(InputError::new(
                    format!("{f}.subject"),
                    format!("“{}” không thuộc nhóm {}", c.subject, g.name),
                ));
            }
            if rules.award(&c.proposed.award).is_none() {
                return Err(InputError::new(
                    format!("{f}.proposed.award"),
                    format!("hình thức “{}” không có trong kế hoạch", c.proposed.award),
                ));
            }
            if let Some(s) = &c.proposed.standard {
                match rules.standard(s) {
                    Some(st) if st.award == c.proposed.award => {}
                    _ => {
                        return Err(InputError::new(
                            format!("{f}.proposed.standard"),
                            format!("tiêu chuẩn “{s}” không thuộc hình thức đề nghị"),
                        ))
                    }
                }
            }
            if let Some(d) = &c.decision_date {
                date(format!("{f}.decision_date"), d)?;
            }
            if let Some(l) = &c.commune {
                year(format!("{f}.commune.year"), l.year)?;
            }
            if let Some(d) = c.xdcb_debt_vnd {
                amount(format!("{f}.xdcb_debt_vnd"), d)?;
            }
            for (k, j) in &c.judgments {
                for (e, ev) in j.evidence.iter().enumerate() {
                    let ef = format!("{f}.judgments.{k}.evidence[{e}]");
                    if let Some(d) = &ev.date {
                        date(format!("{ef}.date"), d)?;
                    }
                    if let Some(v) = ev.figure {
                        amount(format!("{ef}.figure"), v)?;
                    }
                    text(format!("{ef}.description"), &ev.description)?;
                }
                if let Some(d) = &j.council {
                    date(format!("{f}.judgments.{k}.council.date"), &d.date)?;
                    if d.minutes.trim().is_empty() {
                        return Err(InputError::new(
                            format!("{f}.judgments.{k}.council.minutes"),
                            "cần số biên bản của Hội đồng",
                        ));
                    }
                }
            }
            for (a, p) in c.history.awards.iter().enumerate() {
                let af = format!("{f}.history.awards[{a}]");
                date(format!("{af}.date"), &p.date)?;
                if rules.award(&p.award).is_none()
                    && !OTHER_AWARDS.iter().any(|(k, _)| *k == p.award)
                {
                    return Err(InputError::new(
                        format!("{af}.award"),
                        format!("hình thức “{}” không nhận biết được", p.award),
                    ));
                }
            }
            for (t, ty) in c.history.titles.iter().enumerate() {
                year(format!("{f}.history.titles[{t}].year"), ty.year)?;
                if !TITLES.iter().any(|(k, _)| *k == ty.title) {
                    return Err(InputError::new(
                        format!("{f}.history.titles[{t}].title"),
                        format!("danh hiệu “{}” không nhận biết được", ty.title),
                    ));
                }
            }
            let mut rated = BTreeSet::new();
            for (r, ry) in c.history.ratings.iter().enumerate() {
                year(format!("{f}.history.ratings[{r}].year"), ry.year)?;
                if !rated.insert(ry.year) {
                    return Err(InputError::new(
                        format!("{f}.history.ratings[{r}].year"),
                        format!("năm {} đã có kết quả xếp loại", ry.year),
                    ));
                }
            }
            for (n, ini) in c.history.initiatives.iter().enumerate() {
                year(format!("{f}.history.initiatives[{n}].year"), ini.year)?;
            }
            if let Some(m) = &c.achievement.model {
                if !self.models.iter().any(|x| &x.id == m) {
                    return Err(InputError::new(
                        format!("{f}.achievement.model"),
                        format!("không có mô hình “{m}” trong sổ điển hình"),
                    ));
                }
            }
        }
        let mut mids = BTreeSet::new();
        for (i, m) in self.models.iter().enumerate() {
            let f = format!("models[{i}]");
            if m.id.trim().is_empty() || !mids.insert(m.id.as_str()) {
                return Err(InputError::new(
                    format!("{f}.id"),
                    "trống hoặc trùng với mô hình khác",
                ));
            }
            if m.name.trim().is_empty() {
                return Err(InputError::new(format!("{f}.name"), "chưa có tên"));
            }
            for (k, s) in [
                ("name", &m.name),
                ("place", &m.place),
                ("who", &m.who),
                ("results", &m.results),
            ] {
                text(format!("{f}.{k}"), s)?;
            }
            for (n, fig) in m.figures.iter().enumerate() {
                if !fig.value.is_finite() {
                    return Err(InputError::new(
                        format!("{f}.figures[{n}].value"),
                        "phải là số",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The file: pretty JSON that `parse` reads back to the same register.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("register serialises")
    }
}

/// How one award form's list stands against its quota.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormSummary {
    pub award: String,
    /// Candidates proposed for this form, ranked (register indices).
    pub ranked: Vec<usize>,
    /// Of those, how many are not refused (counted against the quota).
    pub counted: usize,
    pub by_verdict: BTreeMap<&'static str, usize>,
    pub money_vnd: u64,
    /// Some money could not be estimated.
    pub money_incomplete: bool,
    pub limit: Option<u32>,
    pub quota_text: Option<String>,
    pub exceeded: bool,
}

/// The documented ranking order, best first.
pub const RANKING_ORDER: &str = "Thứ tự xếp hạng trong mỗi hình thức: (1) kết luận — đủ điều kiện, cần Hội đồng xét, thiếu thông tin, không đủ điều kiện; (2) số diện ưu tiên (trực tiếp lao động, nữ, dân tộc thiểu số, vùng đặc biệt khó khăn — Luật Thi đua, khen thưởng 2022 Điều 5 khoản 2 điểm d); (3) với xã: mức đạt chuẩn cao hơn; (4) thứ tự trong danh sách.";

/// Per form of the plan: the proposed candidates ranked, money, and the quota state.
pub fn summarise(
    rules: &AwardRules,
    register: &Register,
    results: &[CandidateResult],
    commune_level: impl Fn(&Candidate) -> Option<crate::level::Level>,
) -> Vec<FormSummary> {
    // communes whose data criteria (level, no debt) hold in some alternative, each commune once
    // (a commune may be proposed on two rows, for two forms)
    let qualifying = register
        .candidates
        .iter()
        .zip(results)
        .filter(|(c, r)| c.group == "c" && r.group.data == Check::Met)
        .filter_map(|(c, _)| c.commune.as_ref().map(|l| l.code.as_str()))
        .collect::<BTreeSet<_>>()
        .len();
    rules
        .awards
        .iter()
        .map(|a| {
            let mut ranked: Vec<usize> = register
                .candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.proposed.award == a.id)
                .map(|(i, _)| i)
                .collect();
            let verdict = |i: usize| {
                results[i]
                    .form(&a.id)
                    .map_or(Verdict::ThieuThongTin, |f| f.verdict)
            };
            ranked.sort_by_key(|&i| {
                let c = &register.candidates[i];
                (
                    verdict(i),
                    std::cmp::Reverse(c.priority.count()),
                    std::cmp::Reverse(commune_level(c)),
                    i,
                )
            });
            let mut by_verdict = BTreeMap::new();
            let mut money = 0u64;
            let mut incomplete = false;
            for &i in &ranked {
                let f = results[i].form(&a.id).expect("every form is assessed");
                *by_verdict.entry(f.verdict.code()).or_insert(0) += 1;
                if f.verdict != Verdict::KhongDuDieuKien {
                    match &f.money {
                        Ok(m) => money += m.vnd,
                        Err(_) => incomplete = true,
                    }
                }
            }
            let counted = ranked
                .iter()
                .filter(|&&i| verdict(i) != Verdict::KhongDuDieuKien)
                .count();
            let quota = register.quotas.iter().find(|q| q.award == a.id);
            let limit = quota.and_then(|q| {
                let by_share = q
                    .share_of_qualifying_communes_pct
                    .map(|p| ((p * qualifying as f64) / 100.0).floor() as u32);
                match (q.max_count, by_share) {
                    (Some(m), Some(s)) => Some(m.min(s)),
                    (m, s) => m.or(s),
                }
            });
            let quota_text = quota.map(|q| {
                let mut parts = Vec::new();
                if let Some(m) = q.max_count {
                    parts.push(format!("tối đa {m}"));
                }
                if let Some(p) = q.share_of_qualifying_communes_pct {
                    parts.push(format!(
                        "{} % số xã đủ tiêu chí dữ liệu ({qualifying} xã → {})",
                        crate::text::format_decimal(p),
                        ((p * qualifying as f64) / 100.0).floor()
                    ));
                }
                let src = if q.source.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", q.source.trim())
                };
                format!("{}{src}", parts.join("; "))
            });
            FormSummary {
                award: a.id.clone(),
                exceeded: limit.is_some_and(|l| counted > l as usize),
                ranked,
                counted,
                by_verdict,
                money_vnd: money,
                money_incomplete: incomplete,
                limit,
                quota_text,
            }
        })
        .collect()
}

/// The council's list for Excel: UTF-8 BOM, one row per candidate, in register order.
pub fn csv_excel(rules: &AwardRules, register: &Register, results: &[CandidateResult]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record([
        "STT",
        "Tên cá nhân, tập thể",
        "Nhóm đối tượng",
        "Đơn vị",
        "Thành tích",
        "Hình thức đề nghị",
        "Kết luận",
        "Lý do",
        "Căn cứ pháp lý",
        "Tiền thưởng dự tính (đồng)",
    ])
    .expect("csv in memory");
    for (i, (c, r)) in register.candidates.iter().zip(results).enumerate() {
        let form = r.form(&c.proposed.award);
        let group = rules
            .group(&c.group)
            .map_or(c.group.as_str(), |g| g.name.as_str());
        let award = rules
            .award(&c.proposed.award)
            .map_or(c.proposed.award.as_str(), |a| a.name.as_str());
        let (verdict, reason, basis, money) = match form {
            Some(f) => (
                f.verdict.label_vi().to_string(),
                f.summary(&r.group),
                f.basis().join("; "),
                match (&f.money, f.verdict) {
                    (_, Verdict::KhongDuDieuKien) => String::new(),
                    (Ok(m), _) => format_money(m.vnd as f64)
                        .trim_end_matches(" đ")
                        .to_string(),
                    (Err(_), _) => String::new(),
                },
            ),
            None => Default::default(),
        };
        w.write_record([
            (i + 1).to_string(),
            formula_safe(&c.name),
            formula_safe(group),
            formula_safe(&c.unit),
            formula_safe(&c.achievement.summary),
            formula_safe(&format!("{award} ({})", c.proposed.basis.label_vi())),
            verdict,
            formula_safe(&reason),
            formula_safe(&basis),
            money,
        ])
        .expect("csv in memory");
    }
    w.into_inner().expect("csv in memory")
}

/// The register of good models for Excel.
pub fn models_csv_excel(models: &[GoodModel]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record([
        "STT",
        "Loại",
        "Tên",
        "Địa bàn",
        "Người, đơn vị thực hiện",
        "Kết quả",
        "Số liệu",
        "Từ",
        "Minh chứng",
    ])
    .expect("csv in memory");
    for (i, m) in models.iter().enumerate() {
        let figures = m
            .figures
            .iter()
            .map(|f| {
                format!(
                    "{}: {} {}",
                    f.label,
                    crate::text::format_decimal(f.value),
                    f.unit
                )
                .trim_end()
                .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ");
        let evidence = m
            .evidence
            .iter()
            .map(|e| format!("{} {}", e.document, e.issuer).trim().to_string())
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            (i + 1).to_string(),
            m.kind.label_vi().to_string(),
            formula_safe(&m.name),
            formula_safe(&m.place),
            formula_safe(&m.who),
            formula_safe(&m.results),
            formula_safe(&figures),
            formula_safe(&m.since),
            formula_safe(&evidence),
        ])
        .expect("csv in memory");
    }
    w.into_inner().expect("csv in memory")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::awards::{assess, builtin, CommuneFacts, Facts};

    fn commune(id: &str, code: &str, award: &str) -> serde_json::Value {
        serde_json::json!({
            "id": id, "name": format!("UBND xã {code}"), "group": "c", "subject": "tap_the",
            "commune": {"code": code, "year": 2024},
            "achievement": {"id": format!("tt-{id}"), "summary": "Đạt chuẩn NTM nâng cao"},
            "proposed": {"award": award, "basis": "chuyen_de"}
        })
    }

    #[test]
    fn an_unknown_value_is_not_reported_as_a_field() {
        let mut c = commune("x1", "13306", "bang_khen_tinh");
        c["proposed"]["basis"] = "theo_thang".into();
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "format": FORMAT, "version": VERSION, "candidates": [c]
        }))
        .unwrap();
        let e = Register::parse(&text, builtin()).unwrap_err();
        assert_eq!(e.field, "");
        assert!(
            e.problem
                .starts_with("giá trị “theo_thang” không hợp lệ (dòng "),
            "{e}"
        );
        // a missing field is still named, with where it is
        let mut c = commune("x1", "13306", "bang_khen_tinh");
        c.as_object_mut().unwrap().remove("achievement");
        let text = serde_json::json!({"format": FORMAT, "version": VERSION, "candidates": [c]});
        let e = Register::parse(&text.to_string(), builtin()).unwrap_err();
        assert_eq!(e.field, "achievement");
        assert!(
            e.problem.starts_with("thiếu trường bắt buộc (dòng 1, cột "),
            "{e}"
        );
    }

    #[test]
    fn a_commune_on_two_rows_is_one_qualifying_commune() {
        let text = serde_json::json!({
            "format": FORMAT, "version": VERSION, "decision_date": "2025-09-01",
            "quotas": [{"award": "giay_khen", "share_of_qualifying_communes_pct": 50}],
            "candidates": [
                commune("x1", "13306", "bang_khen_tinh"),
                commune("x2", "13306", "giay_khen"),
                commune("x3", "13426", "giay_khen"),
            ]
        });
        let reg = Register::parse(&text.to_string(), builtin()).unwrap();
        let mut facts = Facts::default();
        for code in ["13306", "13426"] {
            facts.communes.insert(
                (code.to_string(), 2024),
                CommuneFacts {
                    year: 2024,
                    level: crate::Level::NtmNangCao,
                    undetermined_above: false,
                    unverified_basis: 0,
                    xdcb_debt_vnd: Some(0.0),
                    rules: "kiểm thử".into(),
                },
            );
        }
        let results = assess(builtin(), &reg, &facts);
        let s = summarise(builtin(), &reg, &results, |_| None);
        let gk = s.iter().find(|x| x.award == "giay_khen").unwrap();
        // two communes (not three rows) qualify: 50 % of 2 = 1
        assert_eq!(gk.limit, Some(1));
        assert!(gk.quota_text.as_deref().unwrap().contains("2 xã → 1"));
    }
}
