//! The consolidated CSV.

use super::*;

pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// For Excel: BOM, Vietnamese headers, one row per dossier (in the order given).
pub fn csv_excel<'a>(rules: &Rules, rows: impl IntoIterator<Item = &'a Row>) -> Vec<u8> {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let mut header: Vec<String> = [
        "STT",
        "Mã xã",
        "Xã",
        "Huyện",
        "Năm",
        "Mức đạt",
        "Số tiêu chí NTM đạt",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(cols.iter().map(|(code, name)| format!("TC{code} {name}")));
    header.push("Trạng thái".into());
    header.push("Bộ tiêu chí".into());
    w.write_record(header.iter().map(|h| cell_bytes(h)))
        .expect("write to memory");
    for (n, r) in rows.into_iter().enumerate() {
        let mut rec = vec![
            (n + 1).to_string(),
            r.key.unit_code.clone(),
            r.unit_name.clone(),
            r.district_name.clone(),
            r.key.year.to_string(),
            r.level.label_vi().to_string(),
            format!("{}/{}", r.ntm_met, r.ntm_total),
        ];
        rec.extend((0..cols.len()).map(|i| {
            r.ntm
                .get(i)
                .map_or("Chưa xác định", |o| o.label_vi())
                .to_string()
        }));
        rec.push(r.state.label_vi().to_string());
        let mut rules_cell = format!("{} ({})", reference.id, reference.short_hash());
        if let Some(o) = &r.other_rules {
            rules_cell.push_str(&format!(
                "; hồ sơ lập theo bộ {} ({})",
                o.id,
                o.short_hash()
            ));
        }
        rec.push(rules_cell);
        w.write_record(rec.iter().map(|c| cell_bytes(c)))
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// For machines: no BOM, codes instead of words.
pub fn csv_plain<'a>(rules: &Rules, rows: impl IntoIterator<Item = &'a Row>) -> Vec<u8> {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "unit_code",
        "unit_name",
        "district_code",
        "year",
        "level",
        "ntm_met",
        "ntm_total",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(cols.iter().map(|(code, _)| format!("tc{code}")));
    header.extend(
        [
            "review_state",
            "rules_id",
            "rules_hash",
            "dossier_rules_hash",
        ]
        .map(String::from),
    );
    w.write_record(&header).expect("write to memory");
    for r in rows {
        let mut rec = vec![
            r.key.unit_code.clone(),
            r.unit_name.clone(),
            r.district_code.clone(),
            r.key.year.to_string(),
            r.level.code().to_string(),
            r.ntm_met.to_string(),
            r.ntm_total.to_string(),
        ];
        rec.extend((0..cols.len()).map(|i| {
            r.ntm
                .get(i)
                .map_or("chua_xac_dinh", |o| o.code())
                .to_string()
        }));
        rec.push(r.state.code().to_string());
        rec.push(reference.id.clone());
        rec.push(reference.hash.clone());
        rec.push(
            r.other_rules
                .as_ref()
                .map(|o| o.hash.clone())
                .unwrap_or_default(),
        );
        // Names come from the unit list, but a plain file is still opened in spreadsheets.
        w.write_record(rec.iter().map(|c| formula_safe(c)))
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// The file name of the consolidated CSV: `tong-hop-2024.csv` or `tong-hop-tat-ca.csv`.
pub fn csv_file_name(year: Option<u16>) -> String {
    match year {
        Some(y) => format!("tong-hop-{y}.csv"),
        None => "tong-hop-tat-ca.csv".into(),
    }
}
