//! The consolidated CSV.

use super::*;

pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// For Excel: BOM, Vietnamese headers, one row per dossier (in the order given).
pub fn csv_excel<'a>(rules: &Rules, rows: impl IntoIterator<Item = &'a Row>) -> Vec<u8> {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    let rows = rows.into_iter();
    let mut w = CsvOut::new(BOM, 64 * (cols.len() + 9) * (rows.size_hint().0 + 1));
    for h in [
        "STT",
        "Mã xã",
        "Xã",
        "Huyện",
        "Năm",
        "Mức đạt",
        "Số tiêu chí NTM đạt",
    ] {
        w.excel(h);
    }
    let mut cell = String::new();
    for (code, name) in &cols {
        cell.clear();
        cell.push_str("TC");
        cell.push_str(code);
        cell.push(' ');
        cell.push_str(name);
        w.excel(&cell);
    }
    w.excel("Trạng thái");
    w.excel("Bộ tiêu chí");
    w.end_row();
    let rules_cell = format!("{} ({})", reference.id, reference.short_hash());
    for (n, r) in rows.enumerate() {
        w.excel(&(n + 1).to_string());
        w.excel(&r.key.unit_code);
        w.excel(&r.unit_name);
        w.excel(&r.district_name);
        w.excel(&r.key.year.to_string());
        w.excel(r.level.label_vi());
        w.excel(&format!("{}/{}", r.ntm_met, r.ntm_total));
        for i in 0..cols.len() {
            w.excel(r.ntm.get(i).map_or("Chưa xác định", |o| o.label_vi()));
        }
        w.excel(r.state.label_vi());
        match &r.other_rules {
            None => w.excel(&rules_cell),
            Some(o) => w.excel(&format!(
                "{rules_cell}; hồ sơ lập theo bộ {} ({})",
                o.id,
                o.short_hash()
            )),
        }
        w.end_row();
    }
    w.into_bytes()
}

/// For machines: no BOM, codes instead of words.
pub fn csv_plain<'a>(rules: &Rules, rows: impl IntoIterator<Item = &'a Row>) -> Vec<u8> {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    let rows = rows.into_iter();
    let mut w = CsvOut::new(&[], 24 * (cols.len() + 11) * (rows.size_hint().0 + 1));
    for h in [
        "unit_code",
        "unit_name",
        "district_code",
        "year",
        "level",
        "ntm_met",
        "ntm_total",
    ] {
        w.cell(h.as_bytes());
    }
    for (code, _) in &cols {
        w.cell(format!("tc{code}").as_bytes());
    }
    w.row([
        "review_state",
        "rules_id",
        "rules_hash",
        "dossier_rules_hash",
    ]);
    // Names come from the unit list, but a plain file is still opened in spreadsheets.
    let safe = |w: &mut CsvOut, c: &str| w.cell(formula_safe(c).as_bytes());
    for r in rows {
        safe(&mut w, &r.key.unit_code);
        safe(&mut w, &r.unit_name);
        safe(&mut w, &r.district_code);
        w.cell(r.key.year.to_string().as_bytes());
        w.cell(r.level.code().as_bytes());
        w.cell(r.ntm_met.to_string().as_bytes());
        w.cell(r.ntm_total.to_string().as_bytes());
        for i in 0..cols.len() {
            w.cell(
                r.ntm
                    .get(i)
                    .map_or("chua_xac_dinh", |o| o.code())
                    .as_bytes(),
            );
        }
        w.cell(r.state.code().as_bytes());
        safe(&mut w, &reference.id);
        safe(&mut w, &reference.hash);
        safe(&mut w, r.other_rules.as_ref().map_or("", |o| &o.hash));
        w.end_row();
    }
    w.into_bytes()
}

/// The file name of the consolidated CSV: `tong-hop-2024.csv` or `tong-hop-tat-ca.csv`.
pub fn csv_file_name(year: Option<u16>) -> String {
    match year {
        Some(y) => format!("tong-hop-{y}.csv"),
        None => "tong-hop-tat-ca.csv".into(),
    }
}
