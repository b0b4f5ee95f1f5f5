//! What a check, a standard and an award form came to, and why.

use super::*;

/// What one check came to. Only the council turns a judgment into `Met`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Met,
    NotMet,
    /// data the app needs is not entered
    Missing,
    /// the council's judgment, or a standard without a verified source
    Council,
}

impl Check {
    /// All needed: a failure decides, then missing data, then the council.
    pub fn all(checks: impl IntoIterator<Item = Check>) -> Check {
        Check::strongest(
            checks,
            [Check::Met, Check::Council, Check::Missing, Check::NotMet],
        )
    }

    /// One is enough: a met alternative decides, then the council, then missing data.
    pub fn any(checks: impl IntoIterator<Item = Check>) -> Check {
        Check::strongest(
            checks,
            [Check::NotMet, Check::Missing, Check::Council, Check::Met],
        )
    }

    /// The check ranked last in `order` (weakest first) that occurs; `order[0]` when none do.
    fn strongest(checks: impl IntoIterator<Item = Check>, order: [Check; 4]) -> Check {
        let rank = |c: Check| order.iter().position(|o| *o == c).unwrap_or(0);
        checks
            .into_iter()
            .fold(order[0], |acc, c| if rank(c) > rank(acc) { c } else { acc })
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Check::Met => "Đạt",
            Check::NotMet => "Không đạt",
            Check::Missing => "Thiếu thông tin",
            Check::Council => "Hội đồng xét",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Check::Met => "dat",
            Check::NotMet => "khong_dat",
            Check::Missing => "thieu_thong_tin",
            Check::Council => "hoi_dong_xet",
        }
    }
}

/// The verdict for a candidate and an award form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    DuDieuKien,
    CanHoiDongXet,
    ThieuThongTin,
    KhongDuDieuKien,
}

impl Verdict {
    pub fn of(check: Check) -> Verdict {
        match check {
            Check::Met => Verdict::DuDieuKien,
            Check::NotMet => Verdict::KhongDuDieuKien,
            Check::Missing => Verdict::ThieuThongTin,
            Check::Council => Verdict::CanHoiDongXet,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Verdict::DuDieuKien => "du_dieu_kien",
            Verdict::KhongDuDieuKien => "khong_du_dieu_kien",
            Verdict::CanHoiDongXet => "can_hoi_dong_xet",
            Verdict::ThieuThongTin => "thieu_thong_tin",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Verdict::DuDieuKien => "Đủ điều kiện",
            Verdict::KhongDuDieuKien => "Không đủ điều kiện",
            Verdict::CanHoiDongXet => "Cần Hội đồng xét",
            Verdict::ThieuThongTin => "Thiếu thông tin",
        }
    }
}

/// One line of a checklist: what was checked, what it came to, why, and on what basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub text: String,
    pub check: Check,
    pub reason: String,
    /// Legal citation ("Luật … , Điều 74 khoản 1 điểm d").
    pub citation: String,
}

/// One standard (alternative) of an award form, checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardResult {
    pub id: String,
    pub text: String,
    pub citation: String,
    pub status: Status,
    pub check: Check,
    pub lines: Vec<Line>,
}

/// The plan's criteria for the candidate's group: alternatives of lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupResult {
    pub check: Check,
    /// The criteria the app decides from data alone (level, debt), council items left out.
    pub data: Check,
    pub citation: String,
    pub options: Vec<Vec<Line>>,
}

/// A reward money estimate; never a promise.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyEstimate {
    pub vnd: u64,
    pub base_vnd: u64,
    pub multiplier: f64,
    pub collective: bool,
    /// Lowest status of the base salary, the multiple and the rounding rule.
    pub status: Status,
    pub citation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormResult {
    pub award: String,
    pub verdict: Verdict,
    /// Checks every form shares (regime, hold, one achievement) then this form's own.
    pub gates: Vec<Line>,
    pub standards: Vec<StandardResult>,
    pub money: Result<MoneyEstimate, String>,
    /// The plan's section the group criteria come from.
    pub plan: String,
    /// Why this class's verdict differs from a lower class of the same order that is not
    /// eligible (see `ladder`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ladder: Option<String>,
}

impl FormResult {
    /// Every citation behind the verdict, once each.
    pub fn citations(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        self.gates
            .iter()
            .map(|l| l.citation.clone())
            .chain([self.plan.clone()])
            .chain(self.standards.iter().map(|s| s.citation.clone()))
            .filter(|c| !c.is_empty() && seen.insert(c.clone()))
            .collect()
    }

    /// The legal basis a council's list shows: the standard that is met, else the standards
    /// weighed, and the plan's section — not the principles every row shares.
    pub fn basis(&self) -> Vec<String> {
        let met: Vec<&StandardResult> = self
            .standards
            .iter()
            .filter(|s| s.check == Check::Met)
            .collect();
        let shown: Vec<&StandardResult> = if met.is_empty() {
            self.standards.iter().collect()
        } else {
            met
        };
        let mut seen = BTreeSet::new();
        shown
            .into_iter()
            .map(|s| s.citation.clone())
            .chain([self.plan.clone()])
            .filter(|c| !c.is_empty() && seen.insert(c.clone()))
            .collect()
    }

    /// The reasons in a sentence or two, then the ladder note if any.
    pub fn summary(&self, group: &GroupResult) -> String {
        match &self.ladder {
            Some(note) => format!("{} {note}", self.reasons(group)),
            None => self.reasons(group),
        }
    }

    /// The reasons in a sentence or two: what blocks or what is left to the council.
    pub fn reasons(&self, group: &GroupResult) -> String {
        let lines = self
            .gates
            .iter()
            .chain(group.options.iter().flatten())
            .chain(self.standards.iter().flat_map(|s| s.lines.iter()));
        let want = match self.verdict {
            Verdict::DuDieuKien => {
                return match self.standards.iter().find(|s| s.check == Check::Met) {
                    Some(s) => format!("Đạt tiêu chuẩn {}.", s.citation),
                    None => "Đạt các điều kiện.".into(),
                }
            }
            Verdict::KhongDuDieuKien => Check::NotMet,
            Verdict::ThieuThongTin => Check::Missing,
            Verdict::CanHoiDongXet => Check::Council,
        };
        let mut seen = BTreeSet::new();
        let parts: Vec<String> = lines
            .filter(|l| l.check == want)
            .map(|l| l.reason.clone())
            .filter(|r| seen.insert(r.clone()))
            .take(3)
            .collect();
        parts.join(" ")
    }
}
