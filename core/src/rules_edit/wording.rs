//! Vietnamese text of thresholds, sources and dates as the editor shows them.

use super::*;
use crate::text::shown_code;

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
            "{} % ngưỡng chỉ tiêu {} ({})",
            relative.percent,
            shown_code(&relative.code),
            builtin_set_short_name(&relative.set).unwrap_or(&relative.set)
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

/// Short name of a built-in set: "NTM nâng cao"; `None` for another id.
pub fn builtin_set_short_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "ntm" => "NTM",
        "ntm_nang_cao" => "NTM nâng cao",
        "ntm_kieu_mau" => "NTM kiểu mẫu",
        "dieu_kien_cong_nhan" => "Điều kiện công nhận",
        "huyen_ntm" => "Huyện NTM",
        _ => return None,
    })
}

/// Short name of a set for the changes list: "NTM nâng cao".
pub fn set_short_name(rules: &Rules, id: &str) -> String {
    builtin_set_short_name(id).map_or_else(
        || {
            rules
                .set(id)
                .map_or_else(|| id.to_string(), |s| s.title.to_string())
        },
        Into::into,
    )
}

pub use crate::text::parse_vi_date;

/// ISO date as the form shows it (dd/mm/yyyy); anything else as it is.
pub fn date_for_form(iso: Option<&str>) -> String {
    iso.map(|d| iso_to_vi_date(d).unwrap_or_else(|| d.to_string()))
        .unwrap_or_default()
}
