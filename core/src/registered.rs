//! Registered targets (đăng ký thi đua): a unit's own targets with deadlines, done or not, early or not.
//!
//! The plan rewards "units that complete their registered targets early" (section VII.2), so the
//! registration, the achieved value and the completion date are data. The core has no clock: the
//! caller passes today's date as an ISO string "YYYY-MM-DD".

use crate::error::InputError;
use crate::export::cell_bytes;
use crate::rules::Comparison;
use crate::text::{format_decimal, iso_to_vi_date};
use serde::{Deserialize, Serialize};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One target a unit registered itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisteredTarget {
    pub id: String,
    /// The unit that registered (e.g. "Xã Phù Vân").
    pub registrant: String,
    /// What is to be achieved ("Số km đường trục xã được cứng hóa").
    pub name: String,
    /// Unit of measure ("km", "%", "hộ").
    pub unit: String,
    /// `>=` or `<=` (a target to reach or a figure to bring down).
    pub comparison: Comparison,
    pub target: f64,
    /// ISO date "YYYY-MM-DD".
    pub deadline: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved: Option<f64>,
    /// ISO date "YYYY-MM-DD" on which the achieved value was reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<String>,
}

/// Where a registered target stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum RegisteredStatus {
    /// Not (yet) completed and the deadline has not passed.
    Pending,
    /// Completed `days` days before the deadline.
    DoneEarly { days: u32 },
    /// Completed on the deadline day.
    DoneOnTime,
    /// Completed `days` days after the deadline.
    DoneLate { days: u32 },
    /// Not completed and the deadline has passed.
    Missed,
}

impl RegisteredStatus {
    pub fn code(self) -> &'static str {
        match self {
            RegisteredStatus::Pending => "dang_thuc_hien",
            RegisteredStatus::DoneEarly { .. } => "hoan_thanh_som",
            RegisteredStatus::DoneOnTime => "hoan_thanh_dung_han",
            RegisteredStatus::DoneLate { .. } => "hoan_thanh_muon",
            RegisteredStatus::Missed => "khong_hoan_thanh",
        }
    }

    /// "Hoàn thành sớm 12 ngày".
    pub fn label_vi(self) -> String {
        match self {
            RegisteredStatus::Pending => "Đang thực hiện".into(),
            RegisteredStatus::DoneEarly { days } => format!("Hoàn thành sớm {days} ngày"),
            RegisteredStatus::DoneOnTime => "Hoàn thành đúng hạn".into(),
            RegisteredStatus::DoneLate { days } => format!("Hoàn thành muộn {days} ngày"),
            RegisteredStatus::Missed => "Quá hạn, chưa hoàn thành".into(),
        }
    }
}

/// Days in month `m` of year `y` (Gregorian), `None` for a month that is not 1–12.
pub(crate) fn month_days(y: i64, m: i64) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Days since 1970-01-01 of an ISO date, `None` if it is not a real calendar date.
pub fn iso_day_number(iso: &str) -> Option<i64> {
    let b = iso.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(&iso[0..4])?, num(&iso[5..7])?, num(&iso[8..10])?);
    if !(1..=month_days(y, m)?).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

impl RegisteredTarget {
    /// Whether the achieved value reaches the registered target (no rounding in anyone's favour).
    pub fn achieved_meets(&self) -> Option<bool> {
        self.achieved.map(|a| match self.comparison {
            Comparison::AtLeast => a >= self.target,
            Comparison::AtMost => a <= self.target,
            Comparison::Equals => a == self.target,
        })
    }

    /// "≥ 12 km".
    pub fn target_text(&self) -> String {
        format!(
            "{} {} {}",
            self.comparison.symbol(),
            format_decimal(self.target),
            self.unit
        )
        .trim_end()
        .to_string()
    }

    /// Checks a registration typed by a user or read from storage; names the field at fault.
    pub fn validate(&self) -> Result<(), InputError> {
        if self.name.trim().is_empty() {
            return Err(InputError::new("name", "chưa nhập tên chỉ tiêu"));
        }
        if !self.target.is_finite() {
            return Err(InputError::new("target", "phải là một số"));
        }
        if iso_day_number(&self.deadline).is_none() {
            return Err(InputError::new(
                "deadline",
                "không phải ngày có thật (nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2025)",
            ));
        }
        if let Some(c) = &self.completed_on {
            if iso_day_number(c).is_none() {
                return Err(InputError::new(
                    "completed_on",
                    "không phải ngày có thật (nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2025)",
                ));
            }
            if self.achieved.is_none() {
                return Err(InputError::new(
                    "achieved",
                    "có ngày hoàn thành thì phải nhập giá trị đạt được",
                ));
            }
        }
        if matches!(self.achieved, Some(a) if !a.is_finite()) {
            return Err(InputError::new("achieved", "phải là một số"));
        }
        Ok(())
    }
}

/// The status of `reg` on `today` ("YYYY-MM-DD"). It is done only when the achieved value meets
/// the target and the completion date is known; then early/on time/late is counted in days
/// against the deadline. Otherwise it is pending until the deadline day (inclusive) and missed
/// after. An unreadable date never counts as done: such a registration stays pending.
pub fn status(reg: &RegisteredTarget, today: &str) -> RegisteredStatus {
    let Some(deadline) = iso_day_number(&reg.deadline) else {
        return RegisteredStatus::Pending;
    };
    let done_on = reg
        .completed_on
        .as_deref()
        .and_then(iso_day_number)
        .filter(|_| reg.achieved_meets() == Some(true));
    match done_on {
        Some(d) if d < deadline => RegisteredStatus::DoneEarly {
            days: (deadline - d) as u32,
        },
        Some(d) if d == deadline => RegisteredStatus::DoneOnTime,
        Some(d) => RegisteredStatus::DoneLate {
            days: (d - deadline) as u32,
        },
        None => match iso_day_number(today) {
            Some(t) if t > deadline => RegisteredStatus::Missed,
            _ => RegisteredStatus::Pending,
        },
    }
}

/// For Excel: BOM, Vietnamese headers and numbers, one row per registration.
pub fn csv_excel(regs: &[RegisteredTarget], today: &str) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "Đơn vị đăng ký",
        "Chỉ tiêu",
        "Mục tiêu đăng ký",
        "Hạn hoàn thành",
        "Giá trị đạt được",
        "Ngày hoàn thành",
        "Tình trạng",
    ])
    .expect("csv in memory");
    let date = |s: &str| iso_to_vi_date(s).unwrap_or_else(|| s.to_string());
    for r in regs {
        let achieved = r
            .achieved
            .map(|a| {
                format!("{} {}", format_decimal(a), r.unit)
                    .trim_end()
                    .to_string()
            })
            .unwrap_or_default();
        let done = r.completed_on.as_deref().map(date).unwrap_or_default();
        let cells: [&str; 7] = [
            &r.registrant,
            &r.name,
            &r.target_text(),
            &date(&r.deadline),
            &achieved,
            &done,
            &status(r, today).label_vi(),
        ];
        w.write_record(cells.map(cell_bytes))
            .expect("csv in memory");
    }
    w.into_inner().expect("csv in memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(deadline: &str, achieved: Option<f64>, completed: Option<&str>) -> RegisteredTarget {
        RegisteredTarget {
            id: "r1".into(),
            registrant: "Xã Phù Vân".into(),
            name: "Đường trục xã được cứng hóa".into(),
            unit: "km".into(),
            comparison: Comparison::AtLeast,
            target: 12.0,
            deadline: deadline.into(),
            achieved,
            completed_on: completed.map(str::to_string),
        }
    }

    #[test]
    fn day_numbers() {
        assert_eq!(iso_day_number("1970-01-01"), Some(0));
        assert_eq!(iso_day_number("2025-06-30"), Some(20_269));
        assert_eq!(
            iso_day_number("2024-03-01").unwrap() - iso_day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(
            iso_day_number("2025-03-01").unwrap() - iso_day_number("2025-02-28").unwrap(),
            1
        );
        assert_eq!(iso_day_number("2025-02-29"), None);
        assert_eq!(iso_day_number("2025-13-01"), None);
        assert_eq!(iso_day_number("2025-1-01"), None);
        assert_eq!(iso_day_number("30/06/2025"), None);
        assert_eq!(iso_day_number("2025-06-+1"), None);
    }

    #[test]
    fn done_on_both_sides_of_the_deadline() {
        let early = reg("2025-06-30", Some(12.0), Some("2025-06-18"));
        assert_eq!(
            status(&early, "2025-07-10"),
            RegisteredStatus::DoneEarly { days: 12 }
        );
        assert_eq!(
            status(&early, "2025-07-10").label_vi(),
            "Hoàn thành sớm 12 ngày"
        );
        let eve = reg("2025-06-30", Some(12.0), Some("2025-06-29"));
        assert_eq!(
            status(&eve, "2025-06-29"),
            RegisteredStatus::DoneEarly { days: 1 }
        );
        let on_time = reg("2025-06-30", Some(13.0), Some("2025-06-30"));
        assert_eq!(status(&on_time, "2025-06-30"), RegisteredStatus::DoneOnTime);
        let late = reg("2025-06-30", Some(12.0), Some("2025-07-01"));
        assert_eq!(
            status(&late, "2025-08-01"),
            RegisteredStatus::DoneLate { days: 1 }
        );
        // Across a year end.
        let late = reg("2024-12-31", Some(12.0), Some("2025-01-02"));
        assert_eq!(
            status(&late, "2025-08-01"),
            RegisteredStatus::DoneLate { days: 2 }
        );
    }

    #[test]
    fn not_done_is_pending_until_the_deadline_then_missed() {
        let open = reg("2025-06-30", None, None);
        assert_eq!(status(&open, "2025-06-29"), RegisteredStatus::Pending);
        assert_eq!(status(&open, "2025-06-30"), RegisteredStatus::Pending);
        assert_eq!(status(&open, "2025-07-01"), RegisteredStatus::Missed);
        // A value short of the target with a date is not done, however early.
        let short = reg("2025-06-30", Some(11.99), Some("2025-05-01"));
        assert_eq!(status(&short, "2025-06-30"), RegisteredStatus::Pending);
        assert_eq!(status(&short, "2025-07-01"), RegisteredStatus::Missed);
        // Reached but no completion date: cannot say when, so not done.
        let undated = reg("2025-06-30", Some(12.0), None);
        assert_eq!(status(&undated, "2025-07-01"), RegisteredStatus::Missed);
        // An unreadable today never turns a registration into "missed".
        assert_eq!(status(&open, "hôm nay"), RegisteredStatus::Pending);
    }

    #[test]
    fn at_most_targets() {
        let mut r = reg("2025-12-31", Some(2.0), Some("2025-12-01"));
        r.comparison = Comparison::AtMost;
        r.target = 2.0;
        r.unit = "%".into();
        assert_eq!(
            status(&r, "2025-12-31"),
            RegisteredStatus::DoneEarly { days: 30 }
        );
        r.achieved = Some(2.01);
        assert_eq!(status(&r, "2026-01-01"), RegisteredStatus::Missed);
        assert_eq!(r.target_text(), "≤ 2 %");
    }

    #[test]
    fn validation_names_the_field() {
        assert_eq!(reg("2025-06-30", None, None).validate(), Ok(()));
        assert_eq!(
            reg("2025-02-30", None, None).validate().unwrap_err().field,
            "deadline"
        );
        assert_eq!(
            reg("2025-06-30", None, Some("2025-06-01"))
                .validate()
                .unwrap_err()
                .field,
            "achieved"
        );
        let mut r = reg("2025-06-30", None, None);
        r.name = " ".into();
        assert_eq!(r.validate().unwrap_err().field, "name");
    }

    #[test]
    fn csv_has_bom_vietnamese_words_and_safe_cells() {
        let mut r = reg("2025-06-30", Some(12.5), Some("2025-06-18"));
        r.name = "=HYPERLINK(\"x\")".into();
        let bytes = csv_excel(&[r], "2025-07-01");
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("Đơn vị đăng ký,Chỉ tiêu,"), "{text}");
        assert!(text.contains("30/06/2025"), "{text}");
        assert!(text.contains("12,5 km"), "{text}");
        assert!(text.contains("Hoàn thành sớm 12 ngày"), "{text}");
        assert!(text.contains("'=HYPERLINK"), "{text}");
    }
}
