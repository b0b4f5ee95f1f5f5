//! Vietnamese text of thresholds, sources and dates as the editor shows them.

use super::*;
use crate::registered::month_days;

/// Drops the years without a number; no number at all is no threshold.
pub fn normalize(t: Option<&Threshold>) -> Option<Threshold> {
    match t {
        Some(Threshold::ByYear(m)) => {
            let m: BTreeMap<u16, Option<f64>> = m
                .iter()
                .filter(|(_, v)| v.is_some())
                .map(|(y, v)| (*y, *v))
                .collect();
            (!m.is_empty()).then_some(Threshold::ByYear(m))
        }
        t => t.cloned(),
    }
}

/// "95,5 %", "2024: 65.000.000 đ; 2025: 70.000.000 đ", "Đạt", "chưa có ngưỡng".
pub fn threshold_text(kind: Kind, t: Option<&Threshold>, unit: Option<&str>) -> String {
    match normalize(t) {
        None => "chưa có ngưỡng".into(),
        Some(Threshold::Flag(true)) => "Đạt".into(),
        Some(Threshold::Flag(false)) => "Không".into(),
        Some(Threshold::Fixed(v)) => kind.format(v, unit),
        Some(Threshold::Relative { relative }) => format!(
            "{} % ngưỡng chỉ tiêu {} (bộ {})",
            relative.percent, relative.code, relative.set
        ),
        Some(Threshold::ByYear(m)) => m
            .iter()
            .filter_map(|(y, v)| v.map(|v| format!("{y}: {}", kind.format(v, unit))))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

pub(super) fn opt_text(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => "(trống)".into(),
    }
}

pub(super) fn source_text(s: &Source) -> String {
    let mut t = s.citation();
    if let Some(u) = &s.url {
        t.push_str(" — ");
        t.push_str(u);
    }
    t
}

/// Short name of a set for the changes list: "NTM nâng cao".
pub fn set_short_name(rules: &Rules, id: &str) -> String {
    match id {
        "ntm" => "NTM".into(),
        "ntm_nang_cao" => "NTM nâng cao".into(),
        "ntm_kieu_mau" => "NTM kiểu mẫu".into(),
        "dieu_kien_cong_nhan" => "Điều kiện công nhận".into(),
        "huyen_ntm" => "Huyện NTM".into(),
        _ => rules
            .set(id)
            .map_or_else(|| id.to_string(), |s| s.title.to_string()),
    }
}

/// "dd/mm/yyyy" (or already ISO) → ISO `yyyy-mm-dd`; `Err` in Vietnamese.
pub fn parse_vi_date(text: &str) -> Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || format!("“{t}” không phải ngày dạng ngày/tháng/năm (ví dụ 08/03/2022)");
    let parts: Vec<&str> = if t.contains('/') {
        t.split('/').collect()
    } else if t.len() == 10 && t.as_bytes()[4] == b'-' {
        let p: Vec<&str> = t.split('-').collect();
        if p.len() != 3 {
            return Err(bad());
        }
        vec![p[2], p[1], p[0]]
    } else {
        t.split(['-', '.']).collect()
    };
    if parts.len() != 3 {
        return Err(bad());
    }
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (d, m, y) = match (num(parts[0]), num(parts[1]), num(parts[2])) {
        (Some(d), Some(m), Some(y)) if parts[2].len() == 4 => (d, m, y),
        _ => return Err(bad()),
    };
    let days = month_days(i64::from(y), i64::from(m)).ok_or_else(bad)?;
    if d == 0 || i64::from(d) > days || !(1900..=2100).contains(&y) {
        return Err(bad());
    }
    Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
}

/// ISO date as the form shows it (dd/mm/yyyy); anything else as it is.
pub fn date_for_form(iso: Option<&str>) -> String {
    iso.map(|d| iso_to_vi_date(d).unwrap_or_else(|| d.to_string()))
        .unwrap_or_default()
}
