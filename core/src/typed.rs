//! The text typed into a draft's fields, kept beside the values (`Draft::raw`) so that text the
//! input kernel refuses survives a reload, is counted, and is listed before any export.

use crate::input::Kind;
use crate::rules::{ConditionField, Rules};
use crate::text::shown_code;
use std::collections::BTreeMap;

/// Key of an indicator's typed text: `ntm/15.1`.
pub fn value_key(set: &str, code: &str) -> String {
    format!("{set}/{code}")
}

/// Key of an evidence note's typed text: `ev/ntm/15.1`.
pub fn evidence_key(set: &str, code: &str) -> String {
    format!("ev/{set}/{code}")
}

/// Key of a recognition condition's typed text: `cond/xdcb_debt_vnd`.
pub fn condition_key(field: ConditionField) -> String {
    format!("cond/{}", field.code())
}

impl ConditionField {
    pub const ALL: [ConditionField; 5] = [
        ConditionField::SatisfactionPct,
        ConditionField::XdcbDebtVnd,
        ConditionField::SecurityOrderOk,
        ConditionField::SmartVillageModels,
        ConditionField::OutstandingFields,
    ];

    /// The field's name in dossier files: `satisfaction_pct`.
    pub fn code(self) -> &'static str {
        match self {
            ConditionField::SatisfactionPct => "satisfaction_pct",
            ConditionField::XdcbDebtVnd => "xdcb_debt_vnd",
            ConditionField::SecurityOrderOk => "security_order_ok",
            ConditionField::SmartVillageModels => "smart_village_models",
            ConditionField::OutstandingFields => "outstanding_fields",
        }
    }

    /// How its value is typed; `None` for the list of outstanding fields (free text).
    pub fn kind(self) -> Option<Kind> {
        match self {
            ConditionField::SatisfactionPct => Some(Kind::Percent),
            ConditionField::XdcbDebtVnd => Some(Kind::Money),
            ConditionField::SecurityOrderOk => Some(Kind::Boolean),
            ConditionField::SmartVillageModels => Some(Kind::Count),
            ConditionField::OutstandingFields => None,
        }
    }

    /// What the form calls it.
    pub fn label_vi(self) -> &'static str {
        match self {
            ConditionField::SatisfactionPct => "Tỷ lệ người dân hài lòng",
            ConditionField::XdcbDebtVnd => "Nợ đọng xây dựng cơ bản",
            ConditionField::SecurityOrderOk => "An ninh, trật tự",
            ConditionField::SmartVillageModels => "Số mô hình thôn thông minh",
            ConditionField::OutstandingFields => "Lĩnh vực nổi trội",
        }
    }
}

/// What an indicator shows: the outcome of its value, or that the text typed for it (or for
/// the condition it is read from) is not a value — never "Chưa nhập số liệu" for such text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Judged(crate::Outcome),
    Invalid,
}

impl Shown {
    pub fn code(self) -> &'static str {
        match self {
            Shown::Judged(o) => o.code(),
            Shown::Invalid => "khong_hop_le",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Shown::Judged(o) => o.label_vi(),
            Shown::Invalid => "Giá trị không hợp lệ",
        }
    }
}

/// The warning every export gives first: "2 ô có giá trị không hợp lệ sẽ không được xuất".
pub fn export_warning(cells: usize) -> String {
    format!("{cells} ô có giá trị không hợp lệ sẽ không được xuất")
}

/// A field whose typed text is not a value: where it is, what was typed and why it is refused.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidCell {
    /// The key in `Draft::raw` (also the field's place in the form).
    pub key: String,
    /// Where an official finds it: "Bộ tiêu chí NTM, chỉ tiêu 15.1 — Tỷ lệ người dân…".
    pub place: String,
    pub text: String,
    pub reason: String,
}

/// The fields of a draft whose typed text the kernel refuses, in the order of the keys.
/// Text for an indicator the rules no longer have is left out (it is not a field any more).
pub fn invalid_cells(rules: &Rules, raw: &BTreeMap<String, String>) -> Vec<InvalidCell> {
    raw.iter()
        .filter_map(|(key, text)| {
            let (kind, place) = field_of(rules, key)?;
            invalid_cell(kind, key, place, text)
        })
        .collect()
}

/// The cell, if the kernel refuses `text` for `kind`; `place` says where it is.
pub fn invalid_cell(kind: Kind, key: &str, place: String, text: &str) -> Option<InvalidCell> {
    let problem = kind.parse(text).err()?;
    Some(InvalidCell {
        key: key.to_string(),
        place,
        text: text.to_string(),
        reason: crate::text::sentence(&problem.message_vi(kind)),
    })
}

/// The kind and the place of the field behind a key of typed text; `None` for evidence notes.
fn field_of(rules: &Rules, key: &str) -> Option<(Kind, String)> {
    if key.starts_with("ev/") {
        return None;
    }
    if let Some(code) = key.strip_prefix("cond/") {
        let field = ConditionField::ALL.into_iter().find(|f| f.code() == code)?;
        return Some((
            field.kind()?,
            format!("Điều kiện công nhận: {}", field.label_vi()),
        ));
    }
    let (set_id, code) = key.split_once('/')?;
    let set = rules.set(set_id)?;
    let ind = set.indicator(code)?;
    Some((
        ind.kind,
        format!(
            "{}, chỉ tiêu {} — {}",
            set.title,
            shown_code(&ind.code),
            ind.name
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_text_is_listed_with_its_place_and_reason() {
        let rules = Rules::built_in();
        let pct = rules
            .set("ntm")
            .and_then(|s| s.indicators().find(|(_, i)| i.kind == Kind::Percent))
            .map(|(_, i)| i.code.to_string())
            .expect("a percent indicator");
        let mut raw = BTreeMap::new();
        raw.insert(value_key("ntm", &pct), "95,5".to_string());
        raw.insert(value_key("ntm_kieu_mau", "KM.3"), "2,5".to_string());
        raw.insert(
            condition_key(ConditionField::XdcbDebtVnd),
            "1.5".to_string(),
        );
        raw.insert(
            evidence_key("ntm", &pct),
            "Báo cáo số 12, 1.234".to_string(),
        );
        raw.insert(value_key("ntm", "không-có"), "abc".to_string());
        let cells = invalid_cells(&rules, &raw);
        let keys: Vec<&str> = cells.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["cond/xdcb_debt_vnd", "ntm_kieu_mau/KM.3"]);
        assert!(cells[0].place.starts_with("Điều kiện công nhận: Nợ đọng"));
        assert!(
            cells[0].reason.contains("số nguyên đồng"),
            "{}",
            cells[0].reason
        );
        assert!(
            cells[1].place.contains("chỉ tiêu KM.3"),
            "{}",
            cells[1].place
        );
        assert_eq!(cells[1].text, "2,5");
    }

    #[test]
    fn invalid_text_has_its_own_word() {
        assert_eq!(Shown::Invalid.label_vi(), "Giá trị không hợp lệ");
        assert_ne!(Shown::Invalid.code(), crate::Outcome::ThieuSoLieu.code());
        assert_eq!(
            export_warning(2),
            "2 ô có giá trị không hợp lệ sẽ không được xuất"
        );
    }

    #[test]
    fn condition_codes_are_the_file_names() {
        for f in ConditionField::ALL {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.code()));
        }
    }
}
