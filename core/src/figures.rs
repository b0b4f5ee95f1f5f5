//! The province/district figures form (số liệu tổng hợp): the numbers behind targets T1, T3–T9
//! that no commune dossier carries, per year from the 2020 baseline, each with its source.
//! Format reference: docs/figures-format.md.

use crate::envelope::Envelope;
use crate::error::{FieldPath, InputError};
use crate::rules::Kind;
use crate::text::nfc;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

pub const FORMAT: &str = "chung-suc/figures";
pub const VERSION: u32 = 1;

const ENVELOPE: Envelope = Envelope {
    format: FORMAT,
    version: VERSION,
    what: "tệp số liệu tổng hợp",
    fields: Some(&["format", "version", "unit_code", "unit_name", "years"]),
};

/// One year's figures. `None` = not entered (the target's outcome is "thiếu số liệu").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearFigures {
    /// T1: districts recognised at the nâng cao standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub districts_nang_cao: Option<f64>,
    /// T3: rural income per person per year, whole đồng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rural_income_vnd: Option<f64>,
    /// T4: poor households (multidimensional standard) counted this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poor_households: Option<f64>,
    /// T5, T6: people in the labour force, trained, trained with a diploma or certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labour_force: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trained_labour: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certified_labour: Option<f64>,
    /// T7–T9, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_insurance_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clean_water_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waste_collection_pct: Option<f64>,
    /// T4: the poverty standard `poor_households` was counted under; absent: the one in force
    /// that year (`PovertyStandard::in_force`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poverty_standard: Option<PovertyStandard>,
    /// Where the figures come from (report number, date, issuer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The poverty standard a count of poor households was made under (D15): T4 compares 2020
/// with now "theo tiêu chí mới", so two counts under different standards are not comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PovertyStandard {
    /// The 2016–2020 standard.
    #[serde(rename = "giai_doan_2016_2020")]
    GiaiDoan2016_2020,
    /// The multidimensional standard of NĐ 07/2021/NĐ-CP for 2022–2025 (kept to 31/12/2026).
    #[serde(rename = "nd07_2021")]
    Nd07_2021,
}

impl PovertyStandard {
    pub const ALL: [PovertyStandard; 2] = [
        PovertyStandard::GiaiDoan2016_2020,
        PovertyStandard::Nd07_2021,
    ];

    /// The word used in files.
    pub fn code(self) -> &'static str {
        match self {
            PovertyStandard::GiaiDoan2016_2020 => "giai_doan_2016_2020",
            PovertyStandard::Nd07_2021 => "nd07_2021",
        }
    }
    pub fn from_code(code: &str) -> Option<PovertyStandard> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            PovertyStandard::GiaiDoan2016_2020 => "chuẩn nghèo giai đoạn 2016–2020",
            PovertyStandard::Nd07_2021 => {
                "chuẩn nghèo đa chiều giai đoạn 2022–2025 (Nghị định 07/2021/NĐ-CP)"
            }
        }
    }
    /// The standard in force in `year`, when the sources say (2021, between the two, is not).
    pub fn in_force(year: u16) -> Option<PovertyStandard> {
        match year {
            ..=2020 => Some(PovertyStandard::GiaiDoan2016_2020),
            2022..=2026 => Some(PovertyStandard::Nd07_2021),
            _ => None,
        }
    }
}

impl YearFigures {
    /// The standard `poor_households` of `year` was counted under: as recorded, else the one in
    /// force that year.
    pub fn poverty_standard_of(&self, year: u16) -> Option<PovertyStandard> {
        self.poverty_standard.or(PovertyStandard::in_force(year))
    }
}

/// Which unit the figures describe (province code "35" or a district code) and the figures by year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub format: String,
    pub version: u32,
    pub unit_code: String,
    pub unit_name: String,
    pub years: BTreeMap<u16, YearFigures>,
}

/// One figure of a year: its name in files, its label, how it is typed (the input kernel's kind)
/// and its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    DistrictsNangCao,
    RuralIncome,
    PoorHouseholds,
    LabourForce,
    TrainedLabour,
    CertifiedLabour,
    HealthInsurance,
    CleanWater,
    WasteCollection,
}

/// In the order the form shows them.
pub const FIELDS: [Field; 9] = [
    Field::RuralIncome,
    Field::PoorHouseholds,
    Field::LabourForce,
    Field::TrainedLabour,
    Field::CertifiedLabour,
    Field::HealthInsurance,
    Field::CleanWater,
    Field::WasteCollection,
    Field::DistrictsNangCao,
];

impl Field {
    /// The field's name in the figures JSON.
    pub fn key(self) -> &'static str {
        match self {
            Field::DistrictsNangCao => "districts_nang_cao",
            Field::RuralIncome => "rural_income_vnd",
            Field::PoorHouseholds => "poor_households",
            Field::LabourForce => "labour_force",
            Field::TrainedLabour => "trained_labour",
            Field::CertifiedLabour => "certified_labour",
            Field::HealthInsurance => "health_insurance_pct",
            Field::CleanWater => "clean_water_pct",
            Field::WasteCollection => "waste_collection_pct",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Field::DistrictsNangCao => "Số huyện đạt chuẩn NTM nâng cao (T1)",
            Field::RuralIncome => "Thu nhập bình quân đầu người khu vực nông thôn (T3)",
            Field::PoorHouseholds => "Số hộ nghèo (chuẩn nghèo đa chiều) (T4)",
            Field::LabourForce => "Tổng số lao động (T5, T6)",
            Field::TrainedLabour => "Số lao động qua đào tạo (T5)",
            Field::CertifiedLabour => "Số lao động qua đào tạo có bằng cấp, chứng chỉ (T6)",
            Field::HealthInsurance => "Tỷ lệ dân số có bảo hiểm y tế (T7)",
            Field::CleanWater => "Tỷ lệ hộ dùng nước sạch, nước hợp vệ sinh (T8)",
            Field::WasteCollection => "Tỷ lệ thu gom rác thải nông thôn (T9)",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Field::RuralIncome => Kind::Money,
            Field::HealthInsurance | Field::CleanWater | Field::WasteCollection => Kind::Percent,
            _ => Kind::Count,
        }
    }

    pub fn suffix(self) -> &'static str {
        match self {
            Field::RuralIncome => "đ",
            Field::PoorHouseholds => "hộ",
            Field::LabourForce | Field::TrainedLabour | Field::CertifiedLabour => "người",
            Field::DistrictsNangCao => "huyện",
            _ => "%",
        }
    }

    pub fn get(self, y: &YearFigures) -> Option<f64> {
        match self {
            Field::DistrictsNangCao => y.districts_nang_cao,
            Field::RuralIncome => y.rural_income_vnd,
            Field::PoorHouseholds => y.poor_households,
            Field::LabourForce => y.labour_force,
            Field::TrainedLabour => y.trained_labour,
            Field::CertifiedLabour => y.certified_labour,
            Field::HealthInsurance => y.health_insurance_pct,
            Field::CleanWater => y.clean_water_pct,
            Field::WasteCollection => y.waste_collection_pct,
        }
    }

    pub fn set(self, y: &mut YearFigures, v: Option<f64>) {
        let slot = match self {
            Field::DistrictsNangCao => &mut y.districts_nang_cao,
            Field::RuralIncome => &mut y.rural_income_vnd,
            Field::PoorHouseholds => &mut y.poor_households,
            Field::LabourForce => &mut y.labour_force,
            Field::TrainedLabour => &mut y.trained_labour,
            Field::CertifiedLabour => &mut y.certified_labour,
            Field::HealthInsurance => &mut y.health_insurance_pct,
            Field::CleanWater => &mut y.clean_water_pct,
            Field::WasteCollection => &mut y.waste_collection_pct,
        };
        *slot = v;
    }

    /// The field named `key` in the figures JSON.
    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS.into_iter().find(|f| f.key() == key)
    }
}

impl Figures {
    pub fn new(unit_code: &str, unit_name: &str) -> Figures {
        Figures {
            format: FORMAT.into(),
            version: VERSION,
            unit_code: unit_code.into(),
            unit_name: unit_name.into(),
            years: BTreeMap::new(),
        }
    }

    pub fn year(&self, y: u16) -> Option<&YearFigures> {
        self.years.get(&y)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("figures serialise");
        s.push('\n');
        s
    }

    /// Reads an untrusted figures file; the message names the field at fault.
    pub fn parse(text: &str) -> Result<Figures, InputError> {
        let json = ENVELOPE.open(text)?;
        let root = json.as_object().expect("checked by the envelope");
        let text_field = |k: &str| -> Result<String, InputError> {
            root.get(k)
                .and_then(Json::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(|s| nfc(s.trim()))
                .ok_or_else(|| InputError::new(k, "thiếu hoặc không phải chuỗi ký tự"))
        };
        let mut figures = Figures::new(&text_field("unit_code")?, &text_field("unit_name")?);
        let years = match root.get("years") {
            Some(Json::Object(m)) => m,
            _ => {
                return Err(InputError::new(
                    "years",
                    "phải là một đối tượng: năm → số liệu",
                ))
            }
        };
        for (y, v) in years {
            let path = FieldPath::from("years").field(y);
            let year: u16 = y
                .parse()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or_else(|| {
                    InputError::new(path.clone(), "khóa phải là một năm, ví dụ \"2024\"")
                })?;
            figures.years.insert(year, parse_year(v, &path)?);
        }
        Ok(figures)
    }
}

fn parse_year(v: &Json, path: &FieldPath) -> Result<YearFigures, InputError> {
    let m: &Map<String, Json> = v
        .as_object()
        .ok_or_else(|| InputError::new(path, "phải là một đối tượng"))?;
    let mut out = Map::new();
    for (k, val) in m {
        let fpath = path.clone().field(k);
        if k == "poverty_standard" {
            match val {
                Json::Null => {}
                Json::String(c) if PovertyStandard::from_code(c).is_some() => {
                    out.insert(k.clone(), val.clone());
                }
                _ => {
                    return Err(InputError::new(
                        fpath,
                        "phải là \"giai_doan_2016_2020\" hoặc \"nd07_2021\"",
                    ))
                }
            }
            continue;
        }
        if k == "source" {
            match val {
                Json::String(_) | Json::Null => {
                    out.insert(k.clone(), val.clone());
                }
                _ => return Err(InputError::new(fpath, "phải là chuỗi ký tự")),
            }
            continue;
        }
        let kind = Field::from_key(k)
            .map(Field::kind)
            .ok_or_else(|| InputError::new(&fpath, "trường không được hỗ trợ"))?;
        if val.is_null() {
            continue;
        }
        let n = val
            .as_f64()
            .ok_or_else(|| InputError::new(&fpath, "phải là một số"))?;
        crate::dossier::check_number(kind, n).map_err(|p| InputError::new(&fpath, p))?;
        out.insert(k.clone(), val.clone());
    }
    let mut y: YearFigures =
        serde_json::from_value(Json::Object(out)).map_err(InputError::from_serde)?;
    y.source = y.source.map(|s| nfc(&s));
    if let (Some(trained), Some(force)) = (y.trained_labour, y.labour_force) {
        if trained > force {
            return Err(InputError::new(
                path.clone().field("trained_labour"),
                format!(
                    "{} lớn hơn tổng số lao động",
                    Field::TrainedLabour.label_vi()
                ),
            ));
        }
    }
    if let (Some(cert), Some(trained)) = (y.certified_labour, y.trained_labour) {
        if cert > trained {
            return Err(InputError::new(
                path.clone().field("certified_labour"),
                format!(
                    "{} lớn hơn số lao động qua đào tạo",
                    Field::CertifiedLabour.label_vi()
                ),
            ));
        }
    }
    Ok(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_poverty_standard_is_read_and_old_files_still_load() {
        let file = |year: &str| {
            format!(
                r#"{{"format":"chung-suc/figures","version":1,"unit_code":"35","unit_name":"Tỉnh Hà Nam","years":{{"2020":{{"poor_households":100{year}}}}}}}"#
            )
        };
        // A file written before the field: the standard in force that year.
        let f = Figures::parse(&file("")).unwrap();
        let y = f.year(2020).unwrap();
        assert_eq!(y.poverty_standard, None);
        assert_eq!(
            y.poverty_standard_of(2020),
            Some(PovertyStandard::GiaiDoan2016_2020)
        );
        let f = Figures::parse(&file(r#","poverty_standard":"nd07_2021""#)).unwrap();
        assert_eq!(
            f.year(2020).unwrap().poverty_standard_of(2020),
            Some(PovertyStandard::Nd07_2021)
        );
        // It reads back.
        assert_eq!(Figures::parse(&f.to_json()).unwrap(), f);
        let e = Figures::parse(&file(r#","poverty_standard":"moi""#)).unwrap_err();
        assert_eq!(e.field, "years.2020.poverty_standard");
        // 2021 sits between the two standards: not guessed.
        assert_eq!(PovertyStandard::in_force(2021), None);
        assert_eq!(
            PovertyStandard::in_force(2024),
            Some(PovertyStandard::Nd07_2021)
        );
    }
}
