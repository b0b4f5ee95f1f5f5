//! Hà Nam's administrative units with their official codes (before the 2025 reorganisation).

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const UNITS_CSV: &str = include_str!("../data/ha_nam_units.csv");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Xa,
    Phuong,
    ThiTran,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AdminUnit {
    pub district_code: String,
    pub district_name: String,
    #[serde(rename = "unit_code")]
    pub code: String,
    #[serde(rename = "unit_name")]
    pub name: String,
    #[serde(rename = "unit_type")]
    pub kind: UnitKind,
}

impl AdminUnit {
    /// Only xã are assessed against the commune NTM criteria.
    pub fn is_commune(&self) -> bool {
        self.kind == UnitKind::Xa
    }
}

/// Every unit of the province, in the file's order.
pub fn all() -> &'static [AdminUnit] {
    static UNITS: OnceLock<Vec<AdminUnit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        csv::Reader::from_reader(UNITS_CSV.as_bytes())
            .deserialize()
            .collect::<Result<Vec<AdminUnit>, _>>()
            .expect("built-in unit list is valid")
    })
}

/// The xã (communes) that self-assess.
pub fn communes() -> impl Iterator<Item = &'static AdminUnit> {
    all().iter().filter(|u| u.is_commune())
}

pub fn find(code: &str) -> Option<&'static AdminUnit> {
    all().iter().find(|u| u.code == code)
}

/// District-level units: (code, name), in order.
pub fn districts() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for u in all() {
        if !out.iter().any(|(c, _)| *c == u.district_code) {
            out.push((&u.district_code, &u.district_name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_matches_the_official_file() {
        // ../shared/data/ha_nam_units.csv: 6 district-level units, 98 commune-level units.
        assert_eq!(all().len(), 98);
        assert_eq!(districts().len(), 6);
        let phu_ly = find("13285").expect("Phường Quang Trung");
        assert_eq!(phu_ly.name, "Phường Quang Trung");
        assert!(!phu_ly.is_commune());
        assert_eq!(communes().count(), 65);
    }
}
