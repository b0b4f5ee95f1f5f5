//! One function per kind of standard condition; `condition` only dispatches.

use super::*;
use crate::nominations::Rating;

/// What one condition came to: the line's text, its check and the reason.
type Checked = (String, Check, String);

fn met_if(ok: bool) -> Check {
    if ok {
        Check::Met
    } else {
        Check::NotMet
    }
}

/// No rating entered: the rating conditions cannot be decided.
fn no_ratings(text: String) -> Checked {
    (
        text,
        Check::Missing,
        "Chưa nhập kết quả đánh giá, xếp loại các năm.".into(),
    )
}

impl Ctx<'_> {
    pub(super) fn condition(&self, c: &Condition, period: &Period, citation: &str) -> Line {
        let (text, check, reason) = match c {
            Condition::Council { id, text } => self.council(id, text),
            Condition::Movement { launched_by } => self.movement(launched_by),
            Condition::MovementYears { id, min_years } => self.movement_years(id, *min_years),
            Condition::PriorAward { awards } => self.prior_award(awards, period),
            Condition::RatingYears { min_rating, years } => {
                self.rating_years(*min_rating, *years, period)
            }
            Condition::RatingCount { rating, count } => self.rating_count(*rating, *count, period),
            Condition::TitleCount {
                title,
                count,
                consecutive,
            } => self.title_count(title, *count, *consecutive, period),
            Condition::Initiatives { count } => self.initiatives(*count, period),
        };
        Line {
            text,
            check,
            reason,
            citation: citation.to_string(),
        }
    }

    fn council(&self, id: &str, text: &str) -> Checked {
        let (check, reason) = judge(self.candidate.judgments.get(id), text, None);
        (text.to_string(), check, reason)
    }

    fn movement(&self, launched_by: &[String]) -> Checked {
        let m = &self.rules.movement;
        let by = launched_by.iter().any(|b| m.launched_by.contains(b));
        let who = launched_by
            .iter()
            .map(|b| launcher_vi(b))
            .collect::<Vec<_>>()
            .join(" hoặc ");
        (
            format!("Phong trào do {who} phát động"),
            met_if(by),
            format!("{}. {}", m.name, m.note),
        )
    }

    /// How long the movement ran is the council's judgment; the reason shows the dates it
    /// needs: the plan's issue date (or the national decision it carries out) and the count
    /// to the decision date.
    fn movement_years(&self, id: &str, min_years: u32) -> Checked {
        let text = movement_years_text(min_years);
        let (check, reason) = judge(self.candidate.judgments.get(id), &text, None);
        let m = &self.rules.movement;
        let start = m.plan.as_ref().unwrap_or(&m.implements);
        let issued = match &m.plan {
            Some(p) => format!(
                "Kế hoạch của tỉnh: {} ngày {}.",
                p.document,
                vi_date(&p.date)
            ),
            None => format!(
                "Số, ngày ban hành Kế hoạch của tỉnh chưa có trong dữ liệu; Kế hoạch thực hiện {} ngày {}, nên ban hành từ ngày đó trở đi.",
                m.implements.document,
                vi_date(&m.implements.date)
            ),
        };
        let span = self
            .date
            .and_then(|d| months_between(&start.date, d).map(|n| (d, n)))
            .map(|(d, n)| {
                format!(
                    " Từ ngày {} đến ngày quyết định {} là khoảng {}.",
                    vi_date(&start.date),
                    vi_date(d),
                    years_months(n)
                )
            })
            .unwrap_or_default();
        (
            text,
            check,
            format!(
                "{reason} {issued}{span} Tên phong trào ghi giai đoạn {} năm; có tính theo giai đoạn đó hay không là nhận định của Hội đồng.",
                m.years
            ),
        )
    }

    fn prior_award(&self, awards: &[String], period: &Period) -> Checked {
        let names = awards
            .iter()
            .map(|a| self.award_name(a))
            .collect::<Vec<_>>()
            .join(" hoặc ");
        let text = format!("Đã được tặng {names} (theo công trạng)");
        match &period.prior {
            Prior::Counted(a) => (
                text,
                Check::Met,
                format!(
                    "Đã có {} (quyết định {}, ngày {}).",
                    self.award_name(&a.award),
                    a.decision,
                    vi_date(&a.date)
                ),
            ),
            Prior::Excluded(a, rule) => {
                let reason = format!(
                    "{} ngày {} là khen {}, không dùng làm căn cứ khen theo công trạng: {}.",
                    self.award_name(&a.award),
                    vi_date(&a.date),
                    a.basis.label_vi(),
                    rule.text
                );
                if rule.status.is_verified() {
                    (text, Check::NotMet, reason)
                } else {
                    (
                        text,
                        Check::Council,
                        format!(
                            "{reason} Chưa có căn cứ đã xác minh ({}).",
                            cite(&rule.source)
                        ),
                    )
                }
            }
            Prior::None => (
                text,
                Check::NotMet,
                format!("Lịch sử khen thưởng chưa ghi {names} trước ngày quyết định."),
            ),
        }
    }

    fn rating_years(&self, min_rating: Rating, years: u32, period: &Period) -> Checked {
        let text = format!(
            "{years} năm liên tục {} trở lên đến thời điểm đề nghị",
            min_rating.label_vi()
        );
        if self.candidate.history.ratings.is_empty() {
            return no_ratings(text);
        }
        let run = &period.run;
        let n = run.len() as u32;
        let ok = n >= years && period.run_recent;
        let reason = match (run.first(), run.last()) {
            (Some(a), Some(b)) if period.run_recent => format!(
                "{n} năm liên tục {} trở lên ({a}–{b}).",
                min_rating.label_vi()
            ),
            (Some(_), Some(b)) => format!(
                "Chuỗi năm liên tục gần nhất kết thúc năm {b}, không kéo dài đến thời điểm đề nghị."
            ),
            _ => format!("Chưa có năm nào {} trở lên.", min_rating.label_vi()),
        };
        (text, met_if(ok), reason)
    }

    fn rating_count(&self, rating: Rating, count: u32, period: &Period) -> Checked {
        let h = &self.candidate.history;
        let n = h
            .ratings
            .iter()
            .filter(|r| period.contains(r.year) && r.rating >= rating)
            .count() as u32;
        let text = format!("Trong thời gian đó có {count} năm {}", rating.label_vi());
        if h.ratings.is_empty() {
            return no_ratings(text);
        }
        (
            text,
            met_if(n >= count),
            format!("Có {n} năm {} trong thời gian tính.", rating.label_vi()),
        )
    }

    fn title_count(&self, title: &str, count: u32, consecutive: bool, period: &Period) -> Checked {
        let name = crate::nominations::title_name(title);
        let mut years: Vec<u16> = self
            .candidate
            .history
            .titles
            .iter()
            .filter(|t| t.title == title && period.contains(t.year))
            .map(|t| t.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        let (n, text) = if consecutive {
            // the longest run of consecutive years
            let mut best = 0u32;
            let mut cur = 0u32;
            for (i, y) in years.iter().enumerate() {
                cur = if i > 0 && years[i - 1] + 1 == *y {
                    cur + 1
                } else {
                    1
                };
                best = best.max(cur);
            }
            (best, format!("{count} lần liên tục đạt danh hiệu {name}"))
        } else {
            (
                years.len() as u32,
                format!("{count} lần đạt danh hiệu {name}"),
            )
        };
        let listed = if years.is_empty() {
            "không có năm nào".to_string()
        } else {
            years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let reason = if consecutive {
            format!("{name} các năm: {listed} — dài nhất {n} năm liên tục.")
        } else {
            format!("{name} trong thời gian tính: {listed} ({n} lần).")
        };
        (text, met_if(n >= count), reason)
    }

    fn initiatives(&self, count: u32, period: &Period) -> Checked {
        let n = self
            .candidate
            .history
            .initiatives
            .iter()
            .filter(|i| period.contains(i.year))
            .count() as u32;
        (
            format!("{count} sáng kiến được công nhận, áp dụng hiệu quả"),
            met_if(n >= count),
            format!("Có {n} sáng kiến được công nhận trong thời gian tính."),
        )
    }
}

/// Whole months from one ISO date to a later one; `None` if unreadable or earlier.
fn months_between(from: &str, to: &str) -> Option<u32> {
    let ymd = |d: &str| -> Option<(i32, i32, i32)> {
        Some((
            d.get(0..4)?.parse().ok()?,
            d.get(5..7)?.parse().ok()?,
            d.get(8..10)?.parse().ok()?,
        ))
    };
    let (y1, m1, d1) = ymd(from)?;
    let (y2, m2, d2) = ymd(to)?;
    let n = (y2 - y1) * 12 + (m2 - m1) - i32::from(d2 < d1);
    u32::try_from(n).ok()
}

/// "3 năm 6 tháng", "11 tháng", "2 năm".
fn years_months(months: u32) -> String {
    match (months / 12, months % 12) {
        (0, m) => format!("{m} tháng"),
        (y, 0) => format!("{y} năm"),
        (y, m) => format!("{y} năm {m} tháng"),
    }
}

pub(super) fn launcher_vi(id: &str) -> &str {
    match id {
        "tinh" => "Bộ, ngành, tỉnh",
        "thu_tuong" => "Thủ tướng Chính phủ",
        "chu_tich_nuoc" => "Chủ tịch nước",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_between_counts_whole_months() {
        assert_eq!(months_between("2022-05-18", "2025-12-15"), Some(42));
        assert_eq!(months_between("2022-05-18", "2025-11-18"), Some(42));
        assert_eq!(months_between("2022-05-18", "2022-05-17"), None);
        assert_eq!(years_months(42), "3 năm 6 tháng");
        assert_eq!(years_months(24), "2 năm");
        assert_eq!(years_months(7), "7 tháng");
    }
}
