//! Verdicts along the classes of one order (Huân chương Lao động hạng Ba, Nhì, Nhất) must agree:
//! a higher class is never left open when a lower class fails on a fact the higher class needs
//! too; when it stays open, its verdict says why.

use super::*;

impl Ctx<'_> {
    /// Council judgments this form's failed standards rest on that the council refused.
    fn refused_in(&self, form: &FormResult) -> Vec<String> {
        let mut ids = Vec::new();
        for s in form.standards.iter().filter(|s| s.check == Check::NotMet) {
            let Some(st) = self.rules.standard(&s.id) else {
                continue;
            };
            for (id, _) in st.conditions.iter().filter_map(Condition::judgment) {
                let refused = self
                    .candidate
                    .judgments
                    .get(id)
                    .and_then(|j| j.council.as_ref())
                    .is_some_and(|d| !d.accepted);
                if refused && !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    }

    /// Whether every way the form is still open asks for the judgment `id`.
    fn needs(&self, ladder: &Ladder, form: &FormResult, id: &str) -> bool {
        ladder.shared.iter().any(|x| x == id)
            || (!form.standards.is_empty()
                && form
                    .standards
                    .iter()
                    .filter(|s| s.check != Check::NotMet)
                    .all(|s| {
                        self.rules.standard(&s.id).is_some_and(|st| {
                            st.conditions
                                .iter()
                                .filter_map(Condition::judgment)
                                .any(|(j, _)| j == id)
                        })
                    }))
    }

    /// Walks each ladder upwards: a class above a failed class either fails with the lower
    /// class's refused judgment it also needs, or carries a note saying why it is still open.
    pub(super) fn ladders(&self, forms: &mut [FormResult]) {
        for ladder in &self.rules.ladders {
            let idx: Vec<usize> = ladder
                .awards
                .iter()
                .filter_map(|a| forms.iter().position(|f| &f.award == a))
                .collect();
            // refused judgments behind each failed class, by position on the ladder
            let mut refused: Vec<Vec<String>> = Vec::new();
            for (step, &h) in idx.iter().enumerate() {
                if forms[h].verdict == Verdict::KhongDuDieuKien {
                    let mut own = self.refused_in(&forms[h]);
                    own.extend(refused.iter().flatten().cloned());
                    own.sort_unstable();
                    own.dedup();
                    refused.push(own);
                    continue;
                }
                refused.push(Vec::new());
                let Some(&l) = idx[..step]
                    .iter()
                    .rev()
                    .find(|&&l| forms[l].verdict == Verdict::KhongDuDieuKien)
                else {
                    continue;
                };
                let lower = self.award_name(&forms[l].award);
                let higher = self.award_name(&forms[h].award);
                let shared = refused
                    .iter()
                    .flatten()
                    .find(|id| self.needs(ladder, &forms[h], id))
                    .cloned();
                match shared {
                    Some(id) => {
                        let text = self
                            .rules
                            .standards
                            .iter()
                            .flat_map(|s| s.conditions.iter())
                            .filter_map(Condition::judgment)
                            .find(|(j, _)| *j == id)
                            .map(|(_, t)| t)
                            .unwrap_or_default();
                        let (_, why) = judge(self.candidate.judgments.get(&id), &text, None);
                        let f = &mut forms[h];
                        f.gates.push(Line {
                            text: format!("Thứ bậc các hạng {}", ladder.name),
                            check: Check::NotMet,
                            reason: format!(
                                "{lower} không đủ điều kiện: {} {higher} cũng cần điều kiện này.",
                                why
                            ),
                            citation: cite(&ladder.source),
                        });
                        f.verdict = Verdict::KhongDuDieuKien;
                        f.ladder = None;
                        refused[step] = vec![id];
                    }
                    None => {
                        let note = ladder_note(&forms[l], &forms[h], &lower, &higher);
                        forms[h].ladder = Some(note);
                    }
                }
            }
        }
    }
}

/// Why a higher class stays open although a lower one failed: what the lower class lacks, and
/// the points the higher class is still weighed on, each with what is known of it.
fn ladder_note(
    lower: &FormResult,
    higher: &FormResult,
    lower_name: &str,
    higher_name: &str,
) -> String {
    let mut seen = BTreeSet::new();
    let lacks: Vec<&Line> = lower
        .gates
        .iter()
        .chain(lower.standards.iter().flat_map(|s| s.lines.iter()))
        .filter(|l| l.check == Check::NotMet && seen.insert(l.text.clone()))
        .take(2)
        .collect();
    let texts: Vec<String> = lacks.iter().map(|l| format!("“{}”", l.text)).collect();
    let reasons: Vec<&str> = lacks.iter().map(|l| l.reason.as_str()).collect();
    let open: Vec<String> = higher
        .standards
        .iter()
        .filter(|s| s.check != Check::NotMet)
        .map(|s| {
            if matches!(s.status, Status::Unverified | Status::NotFound) {
                format!(
                    "{}, chưa có căn cứ đã xác minh nên chưa biết điểm này có đòi hỏi điều kiện đó hay không",
                    s.citation
                )
            } else {
                format!("{}, với điều kiện riêng nêu ở trên", s.citation)
            }
        })
        .collect();
    let points = if open.is_empty() {
        "dữ liệu chưa có tiêu chuẩn của hạng này cho đối tượng và loại hình khen này, nên chưa biết hạng này có đòi hỏi điều kiện đó hay không".to_string()
    } else {
        open.join("; ")
    };
    format!(
        "Lưu ý thứ bậc: {lower_name} không đủ điều kiện vì chưa đạt {}. {} {higher_name} được xét theo tiêu chuẩn riêng của hạng này: {points}.",
        texts.join(", "),
        reasons.join(" ")
    )
}
