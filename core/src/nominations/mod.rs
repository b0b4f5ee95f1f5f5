//! The nomination register (danh sách đề nghị khen thưởng): candidates, their award history
//! and evidence, the register of good models, quotas — its file format, checks and exports.
//! Verdicts come from `awards`; this module only holds and lists.

use crate::awards::{AwardRules, CandidateResult, Check, Verdict};
use crate::envelope::Envelope;
use crate::error::{FieldPath, InputError, SerdeKind, SerdeMessage};
use crate::export::excel_cell;
use crate::registered::iso_day_number;
use crate::text::{format_money, nfc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod export;
mod ranking;
mod validation;

pub use export::*;
pub use ranking::*;

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

/// Who would sign the candidate's Giấy khen: under NĐ 91/2017 its money depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decider {
    /// head of an agency, unit or enterprise (Luật 2022 Điều 80 k1, k4)
    ThuTruongDonVi,
    ChuTichUbndHuyen,
    ChuTichUbndXa,
}

impl Decider {
    pub const ALL: [Decider; 3] = [
        Decider::ThuTruongDonVi,
        Decider::ChuTichUbndHuyen,
        Decider::ChuTichUbndXa,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Decider::ThuTruongDonVi => "thu_truong_don_vi",
            Decider::ChuTichUbndHuyen => "chu_tich_ubnd_huyen",
            Decider::ChuTichUbndXa => "chu_tich_ubnd_xa",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Decider::ThuTruongDonVi => "Thủ trưởng cơ quan, đơn vị, doanh nghiệp",
            Decider::ChuTichUbndHuyen => "Chủ tịch UBND cấp huyện",
            Decider::ChuTichUbndXa => "Chủ tịch UBND cấp xã",
        }
    }
    pub fn from_code(s: &str) -> Option<Decider> {
        Decider::ALL.into_iter().find(|d| d.code() == s)
    }
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
    /// Who would sign a Giấy khen for this candidate; `None` = not chosen (older files), so no
    /// Giấy khen amount is given where the rate depends on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decider: Option<Decider>,
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
    let bare: String = crate::text::nfd(s)
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .collect();
    crate::text::lower(&bare)
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

    /// The file: pretty JSON that `parse` reads back to the same register.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("register serialises")
    }
}

#[cfg(test)]
mod tests;
