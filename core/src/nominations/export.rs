//! The register and the good models as CSV for Excel.

use super::*;

/// The council's list for Excel: UTF-8 BOM, one row per candidate, in register order.
pub fn csv_excel(rules: &AwardRules, register: &Register, results: &[CandidateResult]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record([
        "STT",
        "Tên cá nhân, tập thể",
        "Nhóm đối tượng",
        "Đơn vị",
        "Thành tích",
        "Hình thức đề nghị",
        "Kết luận",
        "Lý do",
        "Căn cứ pháp lý",
        "Tiền thưởng dự tính (đồng)",
    ])
    .expect("csv in memory");
    for (i, (c, r)) in register.candidates.iter().zip(results).enumerate() {
        let form = r.form(&c.proposed.award);
        let group = rules
            .group(&c.group)
            .map_or(c.group.as_str(), |g| g.name.as_str());
        let award = rules
            .award(&c.proposed.award)
            .map_or(c.proposed.award.as_str(), |a| a.name.as_str());
        let (verdict, reason, basis, money) = match form {
            Some(f) => (
                f.verdict.label_vi().to_string(),
                f.summary(&r.group),
                f.basis().join("; "),
                match (&f.money, f.verdict) {
                    (_, Verdict::KhongDuDieuKien) => String::new(),
                    (Ok(m), _) => format_money(m.vnd as f64)
                        .trim_end_matches(" đ")
                        .to_string(),
                    (Err(_), _) => String::new(),
                },
            ),
            None => Default::default(),
        };
        w.write_record([
            (i + 1).to_string(),
            excel_cell(&c.name).into_owned(),
            excel_cell(group).into_owned(),
            excel_cell(&c.unit).into_owned(),
            excel_cell(&c.achievement.summary).into_owned(),
            excel_cell(&format!("{award} ({})", c.proposed.basis.label_vi())).into_owned(),
            verdict,
            excel_cell(&reason).into_owned(),
            excel_cell(&basis).into_owned(),
            excel_cell(&money).into_owned(),
        ])
        .expect("csv in memory");
    }
    w.into_inner().expect("csv in memory")
}

/// The register of good models for Excel.
pub fn models_csv_excel(models: &[GoodModel]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record([
        "STT",
        "Loại",
        "Tên",
        "Địa bàn",
        "Người, đơn vị thực hiện",
        "Kết quả",
        "Số liệu",
        "Từ",
        "Minh chứng",
    ])
    .expect("csv in memory");
    for (i, m) in models.iter().enumerate() {
        let figures = m
            .figures
            .iter()
            .map(|f| {
                format!(
                    "{}: {} {}",
                    f.label,
                    crate::text::format_decimal(f.value),
                    f.unit
                )
                .trim_end()
                .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ");
        let evidence = m
            .evidence
            .iter()
            .map(|e| format!("{} {}", e.document, e.issuer).trim().to_string())
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            (i + 1).to_string(),
            m.kind.label_vi().to_string(),
            excel_cell(&m.name).into_owned(),
            excel_cell(&m.place).into_owned(),
            excel_cell(&m.who).into_owned(),
            excel_cell(&m.results).into_owned(),
            excel_cell(&figures).into_owned(),
            excel_cell(&m.since).into_owned(),
            excel_cell(&evidence).into_owned(),
        ])
        .expect("csv in memory");
    }
    w.into_inner().expect("csv in memory")
}
