//! A district against QĐ 320/QĐ-TTg Phụ lục I: its communes' results (100 % NTM, ≥ 10 % nâng
//! cao) counted from their assessments, plus what the district enters itself (satisfaction,
//! townships, each commune's per-item satisfaction as a yes/no check, the nine criteria).
//! A thị xã or thành phố is judged under Phụ lục II, which the sources do not give (D13).

use crate::criteria::{
    judge_criteria, Assessment, CriteriaOut, CriterionOutcome, CriterionResult, IndicatorResult,
    Judge, Outcome, Verdict,
};
use crate::dossier::Value;
use crate::level::Level;
use crate::rules::{DistrictMeasure, Input, Rules, Source};
use crate::units;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// The set id of the district criteria in the rules.
pub const SET: &str = "huyen_ntm";

#[derive(Clone, Debug, PartialEq)]
pub struct DistrictResult {
    pub code: String,
    pub name: String,
    pub year: u16,
    /// xã of the district in the official list.
    pub communes_total: usize,
    /// xã with an assessment for the year.
    pub assessed: usize,
    pub ntm: usize,
    pub nang_cao: usize,
    pub kieu_mau: usize,
    /// xã with no assessment for the year (codes).
    pub missing: Vec<String>,
    pub criteria: Vec<CriterionResult>,
    /// Every condition's verdict, in the rules' order; each criterion holds its range.
    verdicts: Vec<Verdict>,
    /// Whether every condition and criterion holds (`Dat`), one fails, or it cannot be decided yet.
    pub outcome: CriterionOutcome,
    /// Which annex of QĐ 320 the unit falls under.
    pub standard: Standard,
}

/// The QĐ 320 annex a district-level unit is judged under.
#[derive(Clone, Debug, PartialEq)]
pub enum Standard {
    /// A huyện: Phụ lục I, evaluated here.
    Huyen,
    /// A thị xã or thành phố: "hoàn thành nhiệm vụ xây dựng NTM", Phụ lục II, whose criteria the
    /// sources do not give — never judged against Phụ lục I; the council decides.
    ThiXaThanhPho { source: Source },
}

impl Standard {
    pub fn code(&self) -> &'static str {
        match self {
            Standard::Huyen => "phu_luc_1",
            Standard::ThiXaThanhPho { .. } => "phu_luc_2",
        }
    }
    /// Why there is no verdict, with the citation; `None` for a huyện.
    pub fn notice_vi(&self) -> Option<String> {
        match self {
            Standard::Huyen => None,
            Standard::ThiXaThanhPho { source } => Some(format!(
                "Thị xã, thành phố thuộc tỉnh được xét “hoàn thành nhiệm vụ xây dựng nông thôn mới” theo {}; các nguồn đã tra cứu chưa có tiêu chí của phụ lục này nên không xét theo Phụ lục I: chưa có căn cứ — cần Hội đồng xét.",
                source.citation()
            )),
        }
    }
}

/// Whether a district-level unit is a thị xã or thành phố (QĐ 320 Phụ lục II), from its name in
/// the official list.
pub fn is_thi_xa_thanh_pho(name: &str) -> bool {
    name.starts_with("Thị xã ") || name.starts_with("Thành phố ")
}

/// The annex for a district-level unit.
fn standard_of(name: &str, set_source: &Source) -> Standard {
    if is_thi_xa_thanh_pho(name) {
        Standard::ThiXaThanhPho {
            source: Source {
                annex: Some("Phụ lục II".into()),
                ..set_source.clone()
            },
        }
    } else {
        Standard::Huyen
    }
}

impl DistrictResult {
    /// The results of one of the district's criteria.
    pub fn indicators_of<'a>(
        &'a self,
        c: &'a CriterionResult,
    ) -> impl ExactSizeIterator<Item = IndicatorResult<'a>> + Clone {
        c.indicators(&self.verdicts)
    }

    /// Every condition's result, in the rules' order.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorResult<'_>> {
        self.criteria.iter().flat_map(|c| self.indicators_of(c))
    }
}

/// Written out with each criterion holding its indicators.
impl Serialize for DistrictResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("DistrictResult", 13)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("communes_total", &self.communes_total)?;
        st.serialize_field("assessed", &self.assessed)?;
        st.serialize_field("ntm", &self.ntm)?;
        st.serialize_field("nang_cao", &self.nang_cao)?;
        st.serialize_field("kieu_mau", &self.kieu_mau)?;
        st.serialize_field("missing", &self.missing)?;
        st.serialize_field("criteria", &CriteriaOut(&self.criteria, &self.verdicts))?;
        st.serialize_field("outcome", &self.outcome)?;
        st.serialize_field("standard", self.standard.code())?;
        st.end()
    }
}

/// Assesses one district for `year`. `entered` holds the district's own values (set
/// `huyen_ntm`, code → value); `assessments` may contain other districts and years.
pub fn evaluate_district(
    rules: &Rules,
    district_code: &str,
    year: u16,
    assessments: &[Assessment],
    entered: &BTreeMap<String, Value>,
) -> Option<DistrictResult> {
    let set = rules.set(SET)?;
    let name = units::districts()
        .into_iter()
        .find(|(c, _)| *c == district_code)?
        .1
        .to_string();
    let communes: BTreeSet<&str> = units::communes()
        .filter(|u| u.district_code == district_code)
        .map(|u| u.code.as_str())
        .collect();
    // One assessment per commune: the last one given wins (duplicates are settled upstream).
    let mut by_commune: BTreeMap<&str, &Assessment> = BTreeMap::new();
    for a in assessments
        .iter()
        .filter(|a| a.year == year && communes.contains(a.unit.code.as_str()))
    {
        by_commune.insert(a.unit.code.as_str(), a);
    }
    let total = communes.len();
    let count = |min: Level| by_commune.values().filter(|a| a.level >= min).count();
    let (ntm, nang_cao, kieu_mau) = (
        count(Level::Ntm),
        count(Level::NtmNangCao),
        count(Level::NtmKieuMau),
    );
    let all_assessed = by_commune.len() == total;
    // A share is known once every commune is assessed, or once it is already decided either way.
    let share = |n: usize| -> Option<Value> {
        (total > 0 && all_assessed).then(|| Value::Number(n as f64 * 100.0 / total as f64))
    };
    let judge = Judge { rules, year };
    let standard = standard_of(&name, &set.source);
    // Phụ lục I does not apply to a thị xã or thành phố: no verdict of it is shown.
    let annex_i = if standard == Standard::Huyen {
        &set.criteria[..]
    } else {
        &[]
    };
    let (criteria, verdicts) = judge_criteria(annex_i, |ind| {
        let value = match &ind.input {
            Some(Input::District(DistrictMeasure::CommunesNtmPct)) => share(ntm),
            Some(Input::District(DistrictMeasure::CommunesNangCaoPct)) => share(nang_cao),
            // Refused when the rules load: an overall minimum cannot show each item ≥ 80 %.
            Some(Input::District(DistrictMeasure::MinCommuneSatisfactionPct)) => None,
            _ => entered.get(&*ind.code).copied(),
        };
        let mut r = judge.indicator(ind, value);
        let counted = matches!(ind.input, Some(Input::District(_)));
        if counted && r.outcome() == Outcome::ThieuSoLieu && !all_assessed {
            r.communes_missing(total - by_commune.len());
        }
        r
    });
    let outcome = if standard != Standard::Huyen {
        CriterionOutcome::ChuaXacDinh
    } else if criteria
        .iter()
        .any(|c| c.outcome == CriterionOutcome::ChuaDat)
    {
        CriterionOutcome::ChuaDat
    } else if criteria.iter().all(|c| c.outcome == CriterionOutcome::Dat) {
        CriterionOutcome::Dat
    } else {
        CriterionOutcome::ChuaXacDinh
    };
    Some(DistrictResult {
        code: district_code.to_string(),
        name,
        year,
        communes_total: total,
        assessed: by_commune.len(),
        ntm,
        nang_cao,
        kieu_mau,
        missing: communes
            .iter()
            .filter(|c| !by_commune.contains_key(*c))
            .map(|c| c.to_string())
            .collect(),
        criteria,
        verdicts,
        outcome,
        standard,
    })
}
