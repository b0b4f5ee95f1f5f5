//! One candidate against the plan: gates, group criteria, standards and forms.

use super::*;

pub(super) fn cite(s: &Source) -> String {
    s.citation()
}

pub(super) use crate::text::vi_date;

/// The council's judgment of one item, from what was recorded.
pub(super) fn judge(
    j: Option<&Judgment>,
    text: &str,
    param: Option<(&Parameter, f64)>,
) -> (Check, String) {
    let param_note = |j: &Judgment| -> String {
        match (param, j.evidence.iter().find_map(|e| e.figure)) {
            (Some((p, value)), Some(fig)) => format!(
                " Minh chứng ghi {} {}; tham số “nhiều” đang dùng: {} {} ({}).",
                crate::text::format_decimal(fig),
                p.unit,
                crate::text::format_decimal(value),
                p.unit,
                if fig >= value {
                    "đủ số"
                } else {
                    "chưa đủ số"
                }
            ),
            _ => String::new(),
        }
    };
    // Nothing recorded is the same as an empty record.
    static NOTHING: Judgment = Judgment {
        evidence: Vec::new(),
        council: None,
    };
    let j = j.unwrap_or(&NOTHING);
    match &j.council {
        Some(d) if d.accepted => (
            Check::Met,
            format!(
                "Hội đồng đã xác nhận “{text}” (biên bản {}, ngày {}).",
                d.minutes,
                vi_date(&d.date)
            ),
        ),
        Some(d) => (
            Check::NotMet,
            format!(
                "Hội đồng không công nhận “{text}” (biên bản {}, ngày {}).",
                d.minutes,
                vi_date(&d.date)
            ),
        ),
        None if j.evidence.is_empty() => {
            (Check::Missing, format!("Chưa có minh chứng cho “{text}”."))
        }
        None => (
            Check::Council,
            format!(
                "Đã ghi {} minh chứng cho “{text}”; chờ Hội đồng xét.{}",
                j.evidence.len(),
                param_note(j)
            ),
        ),
    }
}

pub(super) struct Ctx<'a> {
    pub(super) rules: &'a AwardRules,
    pub(super) register: &'a Register,
    pub(super) facts: &'a Facts,
    pub(super) candidate: &'a Candidate,
    /// Position of the candidate in the register (0-based).
    pub(super) index: usize,
    pub(super) date: Option<&'a str>,
    pub(super) regime: Option<&'a Regime>,
}

impl Ctx<'_> {
    pub(super) fn year(&self) -> Option<u16> {
        self.date
            .and_then(|d| d.get(0..4))
            .and_then(|y| y.parse().ok())
    }

    pub(super) fn param(&self, id: &str) -> Option<(&Parameter, f64)> {
        let p = self.rules.parameter(id)?;
        let v = self.register.parameters.get(id).copied().unwrap_or(p.value);
        Some((p, v))
    }

    pub(super) fn commune(&self) -> Result<&CommuneFacts, String> {
        let link = self
            .candidate
            .commune
            .as_ref()
            .ok_or("Chưa liên kết hồ sơ tự đánh giá của xã.")?;
        self.facts
            .communes
            .get(&(link.code.clone(), link.year))
            .ok_or_else(|| {
                format!(
                    "Không tìm thấy hồ sơ tự đánh giá của xã mã {} năm {}.",
                    link.code, link.year
                )
            })
    }

    pub(super) fn group_line(&self, c: &GroupCriterion, citation: &str) -> Line {
        let (check, reason) = match c.kind {
            CriterionKind::Council => {
                let (check, mut reason) = judge(
                    self.candidate.judgments.get(&c.id),
                    &c.text,
                    c.parameter.as_deref().and_then(|p| self.param(p)),
                );
                if let (Check::Missing, Some(note)) = (check, &c.note) {
                    reason = format!("{reason} {note}");
                }
                (check, reason)
            }
            CriterionKind::CommuneLevel => {
                let need = c.level.unwrap_or(Level::NtmNangCao);
                match self.commune() {
                    Err(why) => (Check::Missing, why),
                    Ok(f) if f.level >= need && f.unverified_basis > 0 => (
                        Check::Council,
                        format!(
                            "Hồ sơ năm {} đạt “{}” nhưng dựa trên {} chỉ tiêu có ngưỡng chưa xác minh ({}).",
                            f.year,
                            f.level.label_vi(),
                            f.unverified_basis,
                            f.rules
                        ),
                    ),
                    Ok(f) if f.level >= need => (
                        Check::Met,
                        format!("Hồ sơ năm {}: {} ({}).", f.year, f.level.label_vi(), f.rules),
                    ),
                    Ok(f) if f.undetermined_above => (
                        Check::Missing,
                        format!(
                            "Hồ sơ năm {}: {}; mức cao hơn chưa xác định được (thiếu số liệu hoặc ngưỡng).",
                            f.year,
                            f.level.label_vi()
                        ),
                    ),
                    Ok(f) => (
                        Check::NotMet,
                        format!(
                            "Hồ sơ năm {}: {} — chưa đạt “{}”.",
                            f.year,
                            f.level.label_vi(),
                            need.label_vi()
                        ),
                    ),
                }
            }
            CriterionKind::CommuneNoDebt => match self.commune() {
                Err(why) => (Check::Missing, why),
                Ok(f) => debt_check(f.xdcb_debt_vnd, &format!("hồ sơ năm {}", f.year)),
            },
            CriterionKind::EnteredNoDebt => debt_check(self.candidate.xdcb_debt_vnd, "kê khai"),
        };
        Line {
            text: c.text.clone(),
            check,
            reason,
            citation: citation.to_string(),
        }
    }

    pub(super) fn group(&self) -> GroupResult {
        let Some(g) = self.rules.group(&self.candidate.group) else {
            return GroupResult {
                check: Check::Missing,
                data: Check::Missing,
                citation: String::new(),
                options: vec![],
            };
        };
        let citation = cite(&g.source);
        let options: Vec<Vec<Line>> = g
            .options
            .iter()
            .map(|opt| opt.iter().map(|c| self.group_line(c, &citation)).collect())
            .collect();
        let data = Check::any(g.options.iter().zip(&options).map(|(crit, lines)| {
            Check::all(
                crit.iter()
                    .zip(lines)
                    .filter(|(c, _)| c.kind != CriterionKind::Council)
                    .map(|(_, l)| l.check),
            )
        }));
        GroupResult {
            data,
            check: Check::any(
                options
                    .iter()
                    .map(|o| Check::all(o.iter().map(|l| l.check))),
            ),
            citation,
            options,
        }
    }

    /// Checks every form shares: the regime, holds, one achievement one award.
    pub(super) fn gates(&self) -> Vec<Line> {
        let p = &self.rules.principles;
        let mut out = Vec::new();
        out.push(match (self.date, self.regime) {
            (None, _) => Line {
                text: "Chế độ pháp lý theo ngày quyết định".into(),
                check: Check::Missing,
                reason: "Chưa có ngày quyết định khen thưởng (dự kiến) để chọn văn bản áp dụng."
                    .into(),
                citation: String::new(),
            },
            (Some(d), None) => Line {
                text: "Chế độ pháp lý theo ngày quyết định".into(),
                check: Check::Council,
                reason: format!("Chưa có dữ liệu văn bản áp dụng cho ngày {}.", vi_date(d)),
                citation: String::new(),
            },
            (Some(d), Some(r)) => Line {
                text: "Chế độ pháp lý theo ngày quyết định".into(),
                check: Check::Met,
                reason: format!("Quyết định ngày {}: áp dụng {}.", vi_date(d), r.name),
                citation: cite(&r.source),
            },
        });
        let pend = &self.candidate.pending;
        let holds: Vec<&str> = [
            (pend.discipline, "đang xem xét kỷ luật"),
            (pend.investigation, "đang bị điều tra, thanh tra, kiểm tra"),
            (pend.complaint, "có khiếu nại, tố cáo đang giải quyết"),
        ]
        .into_iter()
        .filter_map(|(on, w)| on.then_some(w))
        .collect();
        out.push(Line {
            text: "Không thuộc trường hợp tạm chưa khen thưởng".into(),
            check: if holds.is_empty() {
                Check::Met
            } else {
                Check::NotMet
            },
            reason: if holds.is_empty() {
                "Không ghi nhận kỷ luật, điều tra, thanh tra, khiếu nại đang giải quyết.".into()
            } else {
                format!("Tạm chưa khen thưởng: {}.", holds.join(", "))
            },
            citation: cite(&p.hold.source),
        });
        let ach = self.candidate.achievement.id.trim();
        let earlier = self.register.candidates[..self.index]
            .iter()
            .position(|c| !ach.is_empty() && c.achievement.id.trim() == ach);
        let rewarded = self
            .candidate
            .history
            .awards
            .iter()
            .find(|a| !ach.is_empty() && a.achievement.as_deref().map(str::trim) == Some(ach));
        out.push(Line {
            text: "Một thành tích chỉ khen một lần, một hình thức".into(),
            check: if earlier.is_some() || rewarded.is_some() {
                Check::NotMet
            } else {
                Check::Met
            },
            reason: match (rewarded, earlier) {
                (Some(a), _) => format!(
                    "Thành tích này đã được khen ({}, quyết định {} ngày {}).",
                    self.award_name(&a.award),
                    a.decision,
                    vi_date(&a.date)
                ),
                (None, Some(i)) => format!(
                    "Thành tích này đã được đề nghị ở dòng {} ({}).",
                    i + 1,
                    self.register.candidates[i].name
                ),
                (None, None) => "Thành tích chưa được khen, chưa đề nghị ở dòng khác.".into(),
            },
            citation: cite(&p.one_achievement.source),
        });
        out
    }

    pub(super) fn award_name(&self, id: &str) -> String {
        match self.rules.award(id) {
            Some(a) => a.name.clone(),
            None => crate::nominations::other_award_name(id),
        }
    }

    pub(super) fn standard(&self, s: &Standard) -> StandardResult {
        let citation = cite(&s.source);
        let mut lines = Vec::new();
        match s.status {
            Status::Unverified | Status::NotFound => lines.push(Line {
                text: s.text.clone(),
                check: Check::Council,
                reason: format!(
                    "Chưa có căn cứ đã xác minh ({}: {}) — Hội đồng xét theo văn bản gốc.",
                    citation,
                    s.status.label_vi()
                ),
                citation: citation.clone(),
            }),
            Status::Verified | Status::Partial => {
                let period = Period::of(self, s);
                for c in &s.conditions {
                    lines.push(self.condition(c, &period, &citation));
                }
                if s.status == Status::Partial {
                    lines.push(Line {
                        text: "Phần còn lại của điểm này".into(),
                        check: Check::Council,
                        reason: format!(
                            "Chưa có căn cứ đã xác minh cho phần sau của {citation} — Hội đồng đối chiếu văn bản gốc."
                        ),
                        citation: citation.clone(),
                    });
                }
            }
        }
        StandardResult {
            id: s.id.clone(),
            text: s.text.clone(),
            citation,
            status: s.status,
            check: Check::all(lines.iter().map(|l| l.check)),
            lines,
        }
    }

    pub(super) fn form(&self, award: &Award, gates: &[Line], group: &GroupResult) -> FormResult {
        let c = self.candidate;
        let mut gates = gates.to_vec();
        let mut standards = Vec::new();
        if let Some(regime) = self.regime {
            let basis = c.proposed.basis;
            let chosen = c
                .proposed
                .standard
                .as_deref()
                .filter(|_| c.proposed.award == award.id);
            let applicable: Vec<&Standard> = self
                .rules
                .standards_for(&award.id, &c.subject, &regime.id, basis)
                .filter(|s| chosen.is_none_or(|id| s.id == id))
                .collect();
            standards = applicable.iter().map(|s| self.standard(s)).collect();
            if standards.is_empty() {
                gates.push(Line {
                    text: format!("Tiêu chuẩn {} cho đối tượng này", award.name),
                    check: Check::Council,
                    reason: match chosen {
                        Some(id) => format!(
                            "Điểm đề nghị “{id}” không áp dụng cho đối tượng, loại hình khen và chế độ pháp lý này — chưa có căn cứ đã xác minh."
                        ),
                        None => format!(
                            "Chưa có căn cứ đã xác minh: dữ liệu chưa có tiêu chuẩn {} cho {} (khen {}) theo {}.",
                            award.name,
                            self.rules
                                .subject(&c.subject)
                                .map_or(c.subject.as_str(), |s| s.name.as_str()),
                            basis.label_vi(),
                            regime.name
                        ),
                    },
                    citation: String::new(),
                });
            }
        }
        let legal = if standards.is_empty() {
            Check::Council
        } else {
            Check::any(standards.iter().map(|s| s.check))
        };
        let overall = Check::all(gates.iter().map(|l| l.check).chain([group.check, legal]));
        FormResult {
            award: award.id.clone(),
            verdict: Verdict::of(overall),
            gates,
            standards,
            money: self.money(&award.id),
            plan: group.citation.clone(),
            ladder: None,
        }
    }
}

pub(super) fn debt_check(debt: Option<f64>, whose: &str) -> (Check, String) {
    match debt {
        None => (
            Check::Missing,
            format!("Chưa có số nợ đọng xây dựng cơ bản ({whose})."),
        ),
        Some(d) if d <= 0.0 => (
            Check::Met,
            format!("Nợ đọng xây dựng cơ bản: 0 đ ({whose})."),
        ),
        Some(d) => (
            Check::NotMet,
            format!(
                "Còn nợ đọng xây dựng cơ bản {} ({whose}).",
                crate::text::format_money(d)
            ),
        ),
    }
}
