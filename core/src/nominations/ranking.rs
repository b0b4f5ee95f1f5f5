//! Each award form's list against its quota, in ranking order.

use super::*;

/// How one award form's list stands against its quota.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormSummary {
    pub award: String,
    /// Candidates proposed for this form, ranked (register indices).
    pub ranked: Vec<usize>,
    /// Of those, how many are not refused (counted against the quota).
    pub counted: usize,
    pub by_verdict: BTreeMap<&'static str, usize>,
    pub money_vnd: u64,
    /// Some money could not be estimated.
    pub money_incomplete: bool,
    pub limit: Option<u32>,
    pub quota_text: Option<String>,
    pub exceeded: bool,
}

/// The documented ranking order, best first.
pub const RANKING_ORDER: &str = "Thứ tự xếp hạng trong mỗi hình thức: (1) kết luận — đủ điều kiện, cần Hội đồng xét, thiếu thông tin, không đủ điều kiện; (2) số diện ưu tiên (trực tiếp lao động, nữ, dân tộc thiểu số, vùng đặc biệt khó khăn — Luật Thi đua, khen thưởng 2022 Điều 5 khoản 2 điểm d); (3) với xã: mức đạt chuẩn cao hơn; (4) thứ tự trong danh sách.";

/// Per form of the plan: the proposed candidates ranked, money, and the quota state.
pub fn summarise(
    rules: &AwardRules,
    register: &Register,
    results: &[CandidateResult],
    commune_level: impl Fn(&Candidate) -> Option<crate::level::Level>,
) -> Vec<FormSummary> {
    // communes whose data criteria (level, no debt) hold in some alternative, each commune once
    // (a commune may be proposed on two rows, for two forms)
    let qualifying = register
        .candidates
        .iter()
        .zip(results)
        .filter(|(c, r)| c.group == "c" && r.group.data == Check::Met)
        .filter_map(|(c, _)| c.commune.as_ref().map(|l| l.code.as_str()))
        .collect::<BTreeSet<_>>()
        .len();
    rules
        .awards
        .iter()
        .map(|a| {
            let mut ranked: Vec<usize> = register
                .candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.proposed.award == a.id)
                .map(|(i, _)| i)
                .collect();
            let verdict = |i: usize| {
                results[i]
                    .form(&a.id)
                    .map_or(Verdict::ThieuThongTin, |f| f.verdict)
            };
            ranked.sort_by_key(|&i| {
                let c = &register.candidates[i];
                (
                    verdict(i),
                    std::cmp::Reverse(c.priority.count()),
                    std::cmp::Reverse(commune_level(c)),
                    i,
                )
            });
            let mut by_verdict = BTreeMap::new();
            let mut money = 0u64;
            let mut incomplete = false;
            for &i in &ranked {
                let f = results[i].form(&a.id).expect("every form is assessed");
                *by_verdict.entry(f.verdict.code()).or_insert(0) += 1;
                if f.verdict != Verdict::KhongDuDieuKien {
                    match &f.money {
                        Ok(m) => money += m.vnd,
                        Err(_) => incomplete = true,
                    }
                }
            }
            let counted = ranked
                .iter()
                .filter(|&&i| verdict(i) != Verdict::KhongDuDieuKien)
                .count();
            let quota = register.quotas.iter().find(|q| q.award == a.id);
            let limit = quota.and_then(|q| {
                let by_share = q
                    .share_of_qualifying_communes_pct
                    .map(|p| ((p * qualifying as f64) / 100.0).floor() as u32);
                match (q.max_count, by_share) {
                    (Some(m), Some(s)) => Some(m.min(s)),
                    (m, s) => m.or(s),
                }
            });
            let quota_text = quota.map(|q| {
                let mut parts = Vec::new();
                if let Some(m) = q.max_count {
                    parts.push(format!("tối đa {m}"));
                }
                if let Some(p) = q.share_of_qualifying_communes_pct {
                    parts.push(format!(
                        "{} % số xã đủ tiêu chí dữ liệu ({qualifying} xã → {})",
                        crate::text::format_decimal(p),
                        ((p * qualifying as f64) / 100.0).floor()
                    ));
                }
                let src = if q.source.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", q.source.trim())
                };
                format!("{}{src}", parts.join("; "))
            });
            FormSummary {
                award: a.id.clone(),
                exceeded: limit.is_some_and(|l| counted > l as usize),
                ranked,
                counted,
                by_verdict,
                money_vnd: money,
                money_incomplete: incomplete,
                limit,
                quota_text,
            }
        })
        .collect()
}
