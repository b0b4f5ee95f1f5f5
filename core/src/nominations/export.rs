//! The register and the good models as CSV for Excel.

use super::*;

/// One candidate's line of the council's list (the CSV and the .xlsx workbook).
pub struct NominationLine {
    pub name: String,
    pub group: String,
    pub unit: String,
    pub achievement: String,
    /// "Bằng khen của UBND tỉnh (Thành tích đột xuất)".
    pub award: String,
    pub verdict: String,
    pub reason: String,
    pub basis: String,
    /// Whole đồng; none when not eligible or the money could not be worked out.
    pub money_vnd: Option<u64>,
}

/// The council's list, one line per candidate in register order.
pub fn lines(
    rules: &AwardRules,
    register: &Register,
    results: &[CandidateResult],
) -> Vec<NominationLine> {
    register
        .candidates
        .iter()
        .zip(results)
        .map(|(c, r)| {
            let form = r.form(&c.proposed.award);
            let group = rules
                .group(&c.group)
                .map_or(c.group.as_str(), |g| g.name.as_str());
            let award = rules
                .award(&c.proposed.award)
                .map_or(c.proposed.award.as_str(), |a| a.name.as_str());
            let (verdict, reason, basis, money_vnd) = match form {
                Some(f) => (
                    f.verdict.label_vi().to_string(),
                    f.summary(&r.group),
                    f.basis().join("; "),
                    match (&f.money, f.verdict) {
                        (_, Verdict::KhongDuDieuKien) => None,
                        (Ok(m), _) => Some(m.vnd),
                        (Err(_), _) => None,
                    },
                ),
                None => Default::default(),
            };
            NominationLine {
                name: c.name.clone(),
                group: group.to_string(),
                unit: c.unit.clone(),
                achievement: c.achievement.summary.clone(),
                award: format!("{award} ({})", c.proposed.basis.label_vi()),
                verdict,
                reason,
                basis,
                money_vnd,
            }
        })
        .collect()
}

/// The council's list for Excel: UTF-8 BOM, one row per candidate, in register order.
pub fn csv_excel(rules: &AwardRules, register: &Register, results: &[CandidateResult]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(NOMINATION_HEADERS).expect("csv in memory");
    for (i, l) in lines(rules, register, results).into_iter().enumerate() {
        let money = l
            .money_vnd
            .map(|m| format_money(m as f64).trim_end_matches(" đ").to_string())
            .unwrap_or_default();
        w.write_record([
            (i + 1).to_string(),
            excel_cell(&l.name).into_owned(),
            excel_cell(&l.group).into_owned(),
            excel_cell(&l.unit).into_owned(),
            excel_cell(&l.achievement).into_owned(),
            excel_cell(&l.award).into_owned(),
            l.verdict,
            excel_cell(&l.reason).into_owned(),
            excel_cell(&l.basis).into_owned(),
            excel_cell(&money).into_owned(),
        ])
        .expect("csv in memory");
    }
    w.into_inner().expect("csv in memory")
}

/// The headers of the council's list.
pub const NOMINATION_HEADERS: [&str; 10] = [
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
];

/// A model's figures and evidence in words: "Diện tích: 12,5 ha; …", "QĐ 12 UBND xã".
pub fn model_texts(m: &GoodModel) -> (String, String) {
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
    (figures, evidence)
}

/// The headers of the good-models register.
pub const MODEL_HEADERS: [&str; 9] = [
    "STT",
    "Loại",
    "Tên",
    "Địa bàn",
    "Người, đơn vị thực hiện",
    "Kết quả",
    "Số liệu",
    "Từ",
    "Minh chứng",
];

/// The register of good models for Excel.
pub fn models_csv_excel(models: &[GoodModel]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(MODEL_HEADERS).expect("csv in memory");
    for (i, m) in models.iter().enumerate() {
        let (figures, evidence) = model_texts(m);
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
