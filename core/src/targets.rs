//! The movement targets T1–T9 (plan section II.2): actual against target, the outcome, and the
//! gap in the words an official writes in a report. Same rule as the engine: no rounding in
//! anyone's favour, no figure means "thiếu số liệu".

use crate::criteria::{Assessment, Outcome};
use crate::figures::{Figures, PovertyStandard};
use crate::level::Level;
use crate::rules::{Comparison, Kind, Measure, Rules, Target, TrainedBase};
use crate::text::{format_decimal, format_money, format_percent};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetResult {
    pub target: Target,
    pub year: u16,
    /// The figure compared (a count, đồng, or a percentage).
    pub actual: Option<f64>,
    pub outcome: Outcome,
    /// For a range target (T4: 60–65 %): whether the upper bound is reached too ("vượt mức").
    pub upper_met: Option<bool>,
    /// actual / target, when both are known and the target is not zero.
    pub ratio: Option<f64>,
    /// For T4: households still to lift out of poverty to reach the target.
    pub households_short: Option<u64>,
    /// Where the figure comes from: the figures form's source, or "hồ sơ xã" for counted targets.
    pub figure_source: Option<String>,
    /// Why the figure may not compare like with like (T4: two poverty standards).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// T4's warning when the base year's and this year's poor households were not counted under the
/// same standard, or one of them is not known.
fn poverty_warning(figures: &Figures, base_year: u16, year: u16) -> Option<String> {
    let of = |y: u16| figures.year(y).and_then(|f| f.poverty_standard_of(y));
    let name = |s: Option<PovertyStandard>| s.map_or("chuẩn chưa ghi", PovertyStandard::label_vi);
    let (base, now) = (of(base_year), of(year));
    (base != now || base.is_none()).then(|| {
        format!(
            "Số hộ nghèo năm {base_year} đếm theo {}, năm {year} theo {}: hai số không cùng chuẩn nên tỷ lệ giảm chỉ để tham khảo. Kế hoạch đo theo chuẩn nghèo mới — nhập số hộ nghèo năm {base_year} tính lại theo chuẩn mới (nếu có) và ghi chuẩn đã dùng.",
            name(base),
            name(now)
        )
    })
}

/// `value ≥ threshold` decided on `num / den` without dividing: num × 100 ≥ threshold × den.
fn share_meets(num: f64, den: f64, threshold: f64, cmp: Comparison) -> bool {
    let (lhs, rhs) = (num * 100.0, threshold * den);
    match cmp {
        Comparison::AtLeast => lhs >= rhs,
        Comparison::AtMost => lhs <= rhs,
        Comparison::Equals => lhs == rhs,
    }
}

fn plain_meets(actual: f64, threshold: f64, cmp: Comparison) -> bool {
    match cmp {
        Comparison::AtLeast => actual >= threshold,
        Comparison::AtMost => actual <= threshold,
        Comparison::Equals => actual == threshold,
    }
}

/// Communes at nâng cao or kiểu mẫu in `year`, each counted once however many dossiers it has.
pub fn communes_nang_cao(assessments: &[Assessment], year: u16) -> usize {
    assessments
        .iter()
        .filter(|a| a.year == year && a.level >= Level::NtmNangCao)
        .map(|a| a.unit.code.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Every target of the rules for `year`.
pub fn evaluate_targets(
    rules: &Rules,
    figures: Option<&Figures>,
    assessments: &[Assessment],
    year: u16,
) -> Vec<TargetResult> {
    let fy = figures.and_then(|f| f.year(year));
    let source = fy.and_then(|f| f.source.clone());
    rules
        .targets
        .iter()
        .map(|t| {
            // (numerator, denominator) when the figure is a share of two counts.
            let mut share: Option<(f64, f64)> = None;
            let mut households_short = None;
            let mut figure_source = source.clone();
            let mut warning = None;
            let actual = match &t.measure {
                Measure::DistrictsNangCao => fy.and_then(|f| f.districts_nang_cao),
                Measure::CommunesNangCao => {
                    figure_source = Some("Đếm từ hồ sơ xã đã đánh giá".into());
                    // No dossier for the year is no data, not zero.
                    assessments
                        .iter()
                        .any(|a| a.year == year)
                        .then(|| communes_nang_cao(assessments, year) as f64)
                }
                Measure::RuralIncome => fy.and_then(|f| f.rural_income_vnd),
                Measure::PoorReduction { base_year } => {
                    let base = figures
                        .and_then(|f| f.year(*base_year))
                        .and_then(|f| f.poor_households);
                    let now = fy.and_then(|f| f.poor_households);
                    match (base, now) {
                        (Some(b), Some(n)) if b > 0.0 => {
                            warning = figures.and_then(|f| poverty_warning(f, *base_year, year));
                            share = Some((b - n, b));
                            if let Some(th) = t.threshold {
                                // Households that must still leave poverty: ceil(b × th / 100) − (b − n).
                                let needed = (b * th / 100.0).ceil() - (b - n);
                                households_short = Some(needed.max(0.0) as u64);
                            }
                            Some((b - n) * 100.0 / b)
                        }
                        _ => None,
                    }
                }
                Measure::TrainedLabourShare => match fy.map(|f| (f.trained_labour, f.labour_force))
                {
                    Some((Some(tr), Some(lf))) if lf > 0.0 => {
                        share = Some((tr, lf));
                        Some(tr * 100.0 / lf)
                    }
                    _ => None,
                },
                Measure::CertifiedLabourShare { base } => {
                    let den = fy.and_then(|f| match base {
                        TrainedBase::LabourForce => f.labour_force,
                        TrainedBase::TrainedLabour => f.trained_labour,
                    });
                    match (fy.and_then(|f| f.certified_labour), den) {
                        (Some(c), Some(d)) if d > 0.0 => {
                            share = Some((c, d));
                            Some(c * 100.0 / d)
                        }
                        _ => None,
                    }
                }
                Measure::HealthInsurance => fy.and_then(|f| f.health_insurance_pct),
                Measure::CleanWater => fy.and_then(|f| f.clean_water_pct),
                Measure::WasteCollection => fy.and_then(|f| f.waste_collection_pct),
            };
            let decide = |threshold: f64| match (share, actual) {
                (Some((num, den)), _) => share_meets(num, den, threshold, t.comparison),
                (None, Some(a)) => plain_meets(a, threshold, t.comparison),
                (None, None) => false,
            };
            let outcome = match (t.threshold, actual) {
                (None, _) => Outcome::ThieuNguong,
                (_, None) => Outcome::ThieuSoLieu,
                (Some(th), Some(_)) if decide(th) => Outcome::Dat,
                _ => Outcome::ChuaDat,
            };
            let upper_met = match (t.upper, actual) {
                (Some(u), Some(_)) => Some(decide(u)),
                _ => None,
            };
            if outcome == Outcome::Dat {
                households_short = Some(0);
            }
            TargetResult {
                target: t.clone(),
                year,
                actual,
                outcome,
                upper_met,
                ratio: match (actual, t.threshold) {
                    (Some(a), Some(th)) if th != 0.0 => Some(a / th),
                    _ => None,
                },
                households_short: households_short.filter(|_| outcome != Outcome::ThieuSoLieu),
                figure_source,
                warning,
            }
        })
        .collect()
}

impl TargetResult {
    /// The share of the target reached, in percent, floored to 0,1 (99,96 % is 99,9 %, never
    /// rounded up to 100 %).
    pub fn attainment_pct(&self) -> Option<f64> {
        self.ratio.map(|x| (x * 1000.0).floor() / 10.0)
    }

    /// The figure as written in a report: "36 xã", "95,4 %", "66.000.000 đ".
    pub fn actual_text(&self) -> String {
        match self.actual {
            None => "Chưa có số liệu".into(),
            Some(a) => describe(&self.target, a),
        }
    }

    pub fn target_text(&self) -> String {
        let t = &self.target;
        match (t.threshold, t.upper) {
            (None, _) => "Chưa có chỉ tiêu".into(),
            (Some(lo), Some(hi)) => format!(
                "{} {}–{}",
                t.comparison.symbol(),
                format_decimal(lo),
                describe(t, hi)
            ),
            (Some(th), None) => format!("{} {}", t.comparison.symbol(), describe(t, th)),
        }
    }

    /// What is still to do, or that it is done ("vượt mức" for a range target's upper bound).
    pub fn gap_text(&self) -> String {
        let t = &self.target;
        match (self.outcome, self.actual, t.threshold) {
            (Outcome::ThieuNguong, ..) => "Chưa có chỉ tiêu để so sánh.".into(),
            (Outcome::ThieuSoLieu, ..) => "Chưa có số liệu.".into(),
            (Outcome::Dat, ..) if self.upper_met == Some(true) => "Đạt, vượt mức.".into(),
            (Outcome::Dat, ..) if self.upper_met == Some(false) => format!(
                "Đạt; còn {} để đạt mức cao {}.",
                shortfall(t, self.actual.unwrap_or(0.0), t.upper.unwrap_or(0.0)),
                describe(t, t.upper.unwrap_or(0.0))
            ),
            (Outcome::Dat, ..) => "Đạt.".into(),
            (_, Some(a), Some(th)) => {
                let mut s = format!("Còn thiếu {}.", shortfall(t, a, th));
                if let Some(h) = self.households_short.filter(|h| *h > 0) {
                    s = format!(
                        "Còn thiếu {} (phải giảm thêm {h} hộ nghèo).",
                        shortfall(t, a, th)
                    );
                }
                s
            }
            _ => "Chưa đạt.".into(),
        }
    }
}

fn describe(t: &Target, v: f64) -> String {
    match t.kind {
        Kind::Percent => format_percent(v),
        Kind::Money => format!("{}/người/năm", format_money(v)),
        k => k.format(v, Some(&t.unit)),
    }
}

/// "3 xã", "1,2 điểm phần trăm", "2.500.000 đ/người/năm".
fn shortfall(t: &Target, actual: f64, threshold: f64) -> String {
    let gap = (threshold - actual).abs();
    match t.kind {
        Kind::Percent => format!("{} điểm phần trăm", format_decimal(round4(gap))),
        Kind::Money => format!("{}/người/năm", format_money(gap)),
        _ => format!("{} {}", format_decimal(gap.ceil()), t.unit),
    }
}

/// Four decimals for display only (decisions never use it).
fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}
