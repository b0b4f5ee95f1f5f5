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
            Condition::Movement {
                launched_by,
                min_years,
            } => self.movement(launched_by, *min_years),
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

    fn movement(&self, launched_by: &[String], min_years: u32) -> Checked {
        let m = &self.rules.movement;
        let by = launched_by.iter().any(|b| m.launched_by.contains(b));
        let ok = by && m.years >= min_years;
        let who = launched_by
            .iter()
            .map(|b| launcher_vi(b))
            .collect::<Vec<_>>()
            .join(" hoặc ");
        let text = if min_years > 0 {
            format!("Phong trào do {who} phát động, thực hiện từ {min_years} năm trở lên")
        } else {
            format!("Phong trào do {who} phát động")
        };
        (
            text,
            met_if(ok),
            format!("{} — {} năm. {}", m.name, m.years, m.note),
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

pub(super) fn launcher_vi(id: &str) -> &str {
    match id {
        "tinh" => "Bộ, ngành, tỉnh",
        "thu_tuong" => "Thủ tướng Chính phủ",
        "chu_tich_nuoc" => "Chủ tịch nước",
        other => other,
    }
}
