//! CSV exports of an assessment: one for Excel (UTF-8 BOM, Vietnamese headers and numbers),
//! one plain for machines.

use crate::criteria::{Assessment, Required};
use crate::dossier::Value;
use crate::text::{format_decimal, format_money, format_percent};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Excel would run a cell that starts like a formula; a leading apostrophe keeps it text.
pub fn formula_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn value_vi(kind: crate::rules::Kind, v: Option<Value>) -> String {
    use crate::rules::Kind;
    match (kind, v) {
        (_, None) => String::new(),
        (_, Some(Value::Bool(true))) => "Có".into(),
        (_, Some(Value::Bool(false))) => "Không".into(),
        (Kind::Percent, Some(Value::Number(n))) => format_percent(n),
        (Kind::Money, Some(Value::Number(n))) => format_money(n),
        (_, Some(Value::Number(n))) => format_decimal(n),
    }
}

fn value_plain(v: Option<Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => serde_json::to_string(&Value::Number(n)).expect("number"),
    }
}

/// For Excel: BOM, comma-separated, Vietnamese headers, one row per indicator.
pub fn csv_excel(a: &Assessment) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "Bộ tiêu chí",
        "Tiêu chí",
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Mức yêu cầu",
        "Giá trị",
        "Kết quả",
        "Diễn giải",
        "Tình trạng căn cứ",
        "Căn cứ",
    ])
    .expect("write to memory");
    for set in &a.sets {
        for (c, inds) in set.criteria_with_indicators() {
            let crit = format!("{}. {}", c.code(), c.name());
            for i in inds {
                let ind = i.indicator;
                let row = [
                    set.title.to_string(),
                    crit.clone(),
                    ind.code.to_string(),
                    ind.name.to_string(),
                    i.required_text(),
                    value_vi(ind.kind, i.value()),
                    i.outcome.label_vi().to_string(),
                    i.explanation(),
                    ind.status.label_vi().to_string(),
                    ind.source.citation(),
                ];
                w.write_record(row.iter().map(|c| formula_safe(c)))
                    .expect("write to memory");
            }
        }
    }
    w.into_inner().expect("flush to memory")
}

/// The word serde writes for a unit enum ("verified", ">=").
fn word<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// For machines: no BOM, codes instead of labels, numbers with a decimal point.
pub fn csv_plain(a: &Assessment) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "unit_code",
        "year",
        "set",
        "criterion",
        "code",
        "comparison",
        "required",
        "value",
        "outcome",
        "status",
        "source",
    ])
    .expect("write to memory");
    let year = a.year.to_string();
    for set in &a.sets {
        for (c, inds) in set.criteria_with_indicators() {
            for i in inds {
                let ind = i.indicator;
                let required = match i.required() {
                    Some(Required::Flag(b)) => b.to_string(),
                    Some(Required::Number(n)) => value_plain(Some(Value::Number(n))),
                    None => String::new(),
                };
                w.write_record([
                    a.unit.code.as_str(),
                    &year,
                    &set.id,
                    c.code(),
                    &ind.code,
                    &word(ind.comparison),
                    &required,
                    &value_plain(i.value()),
                    i.outcome.code(),
                    &word(ind.status),
                    &ind.source.citation(),
                ])
                .expect("write to memory");
            }
        }
    }
    w.into_inner().expect("flush to memory")
}

#[cfg(test)]
mod tests {
    use super::formula_safe;

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            formula_safe("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(formula_safe("+1"), "'+1");
        assert_eq!(formula_safe("Xã Phù Vân"), "Xã Phù Vân");
    }
}
