//! The input kernel: how a value of each [`Kind`] is typed, read, checked and shown.
//!
//! Every form of the app and every importer reads typed text here and nowhere else, so `6.000`,
//! `95,5` and `65 000 000` mean the same on every page. Vietnamese conventions: `.` groups
//! thousands and `,` is the decimal mark; spaces (also no-break) may group thousands. Counts and
//! money are whole: `6.000` = 6000. Percents and decimals also take `.` as a decimal mark
//! (`95.5`), so text such as `1.234` in a decimal field could be either reading and is refused
//! with the forms that say it unambiguously — never guessed.

use crate::dossier::Value;
pub use crate::rules::Kind;
use crate::text::{format_decimal, nfc};

/// Largest whole number typed text may hold: beyond 15 digits an `f64` stops being exact.
const MAX_DIGITS: usize = 15;

/// Why typed text or a value is not acceptable for its kind. `message_vi` says it in Vietnamese.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not digits and marks in any accepted form.
    NotANumber,
    /// Two readings are possible (`6,000`: 6 or 6000; `1.234` in a decimal field).
    Ambiguous {
        text: String,
        small: f64,
        large: f64,
    },
    /// A count or an amount with a fractional part.
    Fraction,
    Negative(f64),
    PercentOver100(f64),
    TooLarge,
    /// Not `có` / `không` for a yes/no field.
    NotYesNo,
    /// A year that is not four digits within the accepted span.
    Year {
        first: u16,
        last: u16,
    },
}

impl Problem {
    /// The reason for `kind`, ending with the forms that are accepted.
    pub fn message_vi(&self, kind: Kind) -> String {
        match self {
            Problem::NotANumber => {
                format!("không phải là số (cách gõ hợp lệ: {})", kind.examples())
            }
            Problem::Ambiguous { text, small, large } => {
                ambiguous_message(kind, text, *small, *large)
            }
            Problem::Fraction => match kind {
                Kind::Money => {
                    "số tiền phải là số nguyên đồng (ví dụ: 65.000.000 hoặc 65000000)".into()
                }
                _ => format!(
                    "phải là số nguyên, không có phần lẻ (cách gõ hợp lệ: {})",
                    kind.examples()
                ),
            },
            Problem::Negative(v) => match kind {
                Kind::Money => format!("số tiền không được âm (nhận được {})", format_decimal(*v)),
                _ => format!("không được âm (nhận được {})", format_decimal(*v)),
            },
            Problem::PercentOver100(v) => format!(
                "tỷ lệ phần trăm phải từ 0 đến 100 (nhận được {})",
                format_decimal(*v)
            ),
            Problem::TooLarge => match kind {
                Kind::Money => "số tiền quá lớn".into(),
                _ => "số quá lớn".into(),
            },
            Problem::NotYesNo => "chọn Có hoặc Không".into(),
            Problem::Year { first, last } => {
                format!("năm phải gồm 4 chữ số, từ {first} đến {last}")
            }
        }
    }
}

fn ambiguous_message(kind: Kind, text: &str, small: f64, large: f64) -> String {
    let whole = format!("{large:.0}");
    match kind {
        Kind::Count | Kind::Money => format!(
            "“{text}” không rõ là {} hay {}: dấu phẩy là dấu thập phân. Nếu là {}, hãy gõ {} hoặc {whole}",
            format_decimal(small),
            format_decimal(large),
            format_decimal(large),
            format_decimal(large),
        ),
        _ => format!(
            "“{text}” không rõ là {} hay {}: dấu chấm ngăn cách hàng nghìn. Hãy gõ {} nếu là số lẻ, hoặc {whole} nếu là số nguyên",
            format_decimal(small),
            format_decimal(large),
            format_decimal(small),
        ),
    }
}

impl Kind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [Kind; 5] = [
        Kind::Percent,
        Kind::Count,
        Kind::Number,
        Kind::Money,
        Kind::Boolean,
    ];

    /// The word used in rules files: `percent`, `count`, `number`, `money`, `boolean`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Boolean => "boolean",
            Kind::Percent => "percent",
            Kind::Count => "count",
            Kind::Number => "number",
            Kind::Money => "money",
        }
    }

    /// The kind named by `code` (see [`Kind::code`]).
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What a form calls it: "Tỷ lệ (%)", "Số đếm (nguyên)" (lower-case it inside a sentence).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Boolean => "Có / không",
            Kind::Percent => "Tỷ lệ (%)",
            Kind::Count => "Số đếm (nguyên)",
            Kind::Number => "Số (có thể lẻ)",
            Kind::Money => "Số tiền (đồng)",
        }
    }

    /// The unit shown after an input, when the kind has one of its own.
    pub fn suffix(self) -> Option<&'static str> {
        match self {
            Kind::Percent => Some("%"),
            Kind::Money => Some("đ"),
            Kind::Boolean | Kind::Count | Kind::Number => None,
        }
    }

    /// The `inputmode` of its text input: phones show digits only where no decimal mark is needed.
    pub fn inputmode(self) -> &'static str {
        match self {
            Kind::Count | Kind::Money => "numeric",
            Kind::Boolean | Kind::Percent | Kind::Number => "decimal",
        }
    }

    /// The accepted ways of typing a value, for hints and error messages.
    pub fn examples(self) -> &'static str {
        match self {
            Kind::Boolean => "Có hoặc Không",
            Kind::Percent => "95,5 hoặc 95.5",
            Kind::Count => "6000, 6.000 hoặc 6 000",
            Kind::Number => "12,5 hoặc 12.5; 1.234,5 khi có hàng nghìn",
            Kind::Money => "65.000.000, 65 000 000 hoặc 65000000",
        }
    }

    /// Whether values are whole numbers (a fractional part is refused).
    pub fn is_whole(self) -> bool {
        matches!(self, Kind::Count | Kind::Money)
    }

    /// Typed text → `Ok(None)` when blank, the value, or why not. Yes/no takes `true`/`false`
    /// (the values of its `<select>`) or `có`/`không`.
    pub fn parse(self, text: &str) -> Result<Option<Value>, Problem> {
        if self == Kind::Boolean {
            return parse_flag(text).map(|b| b.map(Value::Bool));
        }
        self.parse_number(text).map(|n| n.map(Value::Number))
    }

    /// Typed text of a numeric kind → `Ok(None)` when blank, the checked number, or why not.
    pub fn parse_number(self, text: &str) -> Result<Option<f64>, Problem> {
        let text = nfc(text.trim());
        let body = self.strip_unit(&text);
        if body.is_empty() {
            return Ok(None);
        }
        let (negative, body) = match body.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, body),
        };
        let (int, frac) = split_number(body, self.is_whole())?;
        if int.len() > MAX_DIGITS {
            return Err(Problem::TooLarge);
        }
        if self.is_whole() && frac.bytes().any(|b| b != b'0') {
            return Err(Problem::Fraction);
        }
        let canonical = if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        };
        let v: f64 = canonical.parse().map_err(|_| Problem::NotANumber)?;
        let v = if negative { -v } else { v };
        self.check(v)?;
        Ok(Some(v))
    }

    /// The range rule of the kind, for values typed or read from files.
    pub fn check(self, v: f64) -> Result<(), Problem> {
        if !v.is_finite() {
            return Err(Problem::NotANumber);
        }
        if v < 0.0 && self != Kind::Boolean {
            return Err(Problem::Negative(v));
        }
        match self {
            Kind::Percent if v > 100.0 => Err(Problem::PercentOver100(v)),
            Kind::Count | Kind::Money if v.fract() != 0.0 => Err(Problem::Fraction),
            Kind::Money if v > 1.0e15 => Err(Problem::TooLarge),
            Kind::Count if v > 1.0e12 => Err(Problem::TooLarge),
            _ => Ok(()),
        }
    }

    /// A number as an input shows it, without unit: `6.000`, `95,5`, `65.000.000`; text the
    /// kernel reads back to the same number (`1000` in a decimal field, since `1.000` is ambiguous).
    pub fn show(self, v: f64) -> String {
        if self.is_whole() {
            return format_decimal(v.round());
        }
        let s = format_decimal(v);
        if !s.contains(',') && s.matches('.').count() == 1 {
            s.replace('.', "")
        } else {
            s
        }
    }

    /// A number as a sentence or a table shows it: `95,5 %`, `65.000.000 đ`, `2 mô hình`.
    /// `unit` is the indicator's own unit, used by kinds without a unit of their own.
    pub fn format(self, v: f64, unit: Option<&str>) -> String {
        let n = format_decimal(if self.is_whole() { v.round() } else { v });
        match (self.suffix(), unit.map(str::trim)) {
            (Some(s), _) => format!("{n} {s}"),
            (None, Some(u)) if !u.is_empty() => format!("{n} {u}"),
            _ => n,
        }
    }

    /// A stored value as an input shows it (`true`/`false` for the yes/no `<select>`).
    pub fn show_value(self, v: Value) -> String {
        match v {
            Value::Bool(b) if self == Kind::Boolean => b.to_string(),
            Value::Bool(_) => String::new(),
            Value::Number(_) if self == Kind::Boolean => String::new(),
            Value::Number(n) => self.show(n),
        }
    }

    /// A stored value as a sentence shows it: "Có", "95,5 %", "2 mô hình".
    pub fn format_value(self, v: Value, unit: Option<&str>) -> String {
        match v {
            Value::Bool(true) => "Có".into(),
            Value::Bool(false) => "Không".into(),
            Value::Number(n) => self.format(n, unit),
        }
    }

    fn strip_unit(self, s: &str) -> &str {
        let stripped = match self {
            Kind::Percent => s.strip_suffix('%'),
            Kind::Money => ["đồng", "đ", "VNĐ", "VND", "vnđ"]
                .iter()
                .find_map(|u| s.strip_suffix(u)),
            _ => None,
        };
        stripped.unwrap_or(s).trim_end()
    }
}

/// `true`/`false` (a `<select>`'s values) or `có`/`không`; blank is `None`.
fn parse_flag(text: &str) -> Result<Option<bool>, Problem> {
    match crate::text::lower(&nfc(text.trim())).as_str() {
        "" => Ok(None),
        "true" | "có" => Ok(Some(true)),
        "false" | "không" => Ok(Some(false)),
        _ => Err(Problem::NotYesNo),
    }
}

/// A year typed in a form: four digits within `first..=last`.
pub fn parse_year(text: &str, first: u16, last: u16) -> Result<Option<u16>, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u16>() {
        Ok(y) if t.len() == 4 && (first..=last).contains(&y) => Ok(Some(y)),
        _ => Err(Problem::Year { first, last }),
    }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// 1–3 digits then groups of exactly 3: a well-formed thousands grouping.
fn grouped(parts: &[&str]) -> bool {
    parts.len() > 1
        && digits(parts[0])
        && parts[0].len() <= 3
        && parts[1..].iter().all(|p| p.len() == 3 && digits(p))
}

/// Could `int` + mark + `frac` be one thousands group (`6.000`, `1,234`) rather than a decimal?
fn could_group(int: &str, frac: &str) -> bool {
    frac.len() == 3 && digits(frac) && digits(int) && int.len() <= 3 && !int.starts_with('0')
}

/// Text without sign or unit → (integer digits, fraction digits). `whole` kinds read a lone `.`
/// before three digits as grouping; other kinds find it ambiguous.
fn split_number(body: &str, whole: bool) -> Result<(String, String), Problem> {
    let body: String = body
        .chars()
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{202f}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
    {
        return Err(Problem::NotANumber);
    }
    let ungroup = |int: &str, mark: char| -> Result<String, Problem> {
        let parts: Vec<&str> = int.split(mark).collect();
        if parts.len() == 1 && digits(int) {
            Ok(int.to_string())
        } else if grouped(&parts) {
            Ok(parts.concat())
        } else {
            Err(Problem::NotANumber)
        }
    };
    let decimal = |int: &str, frac: &str, group: char| -> Result<(String, String), Problem> {
        if !digits(frac) {
            return Err(Problem::NotANumber);
        }
        Ok((ungroup(int, group)?, frac.to_string()))
    };
    let ambiguous = |int: &str, frac: &str| Problem::Ambiguous {
        text: body.clone(),
        small: format!("{int}.{frac}").parse().unwrap_or(0.0),
        large: format!("{int}{frac}").parse().unwrap_or(0.0),
    };
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    if body.contains(' ') {
        // Spaces group thousands; a single `.` or `,` after them is the decimal mark.
        return match body.split_once(['.', ',']) {
            None => Ok((ungroup(&body, ' ')?, String::new())),
            Some(_) if commas + dots > 1 => Err(Problem::NotANumber),
            Some((int, frac)) => decimal(int, frac, ' '),
        };
    }
    match (commas, dots) {
        (0, 0) if digits(&body) => Ok((body, String::new())),
        (0, 0) => Err(Problem::NotANumber),
        // Both marks: the last is the decimal mark, the other groups thousands.
        (c, d) if c >= 1 && d >= 1 => {
            let (group, dec) = if body.rfind(',') > body.rfind('.') {
                ('.', ',')
            } else {
                (',', '.')
            };
            if body.matches(dec).count() != 1 {
                return Err(Problem::NotANumber);
            }
            let (int, frac) = body.split_once(dec).expect("one decimal mark");
            let (int, frac) = decimal(int, frac, group)?;
            // `65.000,000` in a whole kind: a fraction of three zeros or a mistyped group?
            if whole && dec == ',' && frac.len() == 3 {
                return Err(ambiguous(&int, &frac));
            }
            Ok((int, frac))
        }
        // One comma: the decimal mark; for a whole kind `6,000` may be meant as 6000.
        (1, 0) => {
            let (int, frac) = body.split_once(',').expect("one comma");
            if whole && could_group(int, frac) {
                return Err(ambiguous(int, frac));
            }
            decimal(int, frac, ',')
        }
        // One dot: grouping for a whole kind, a decimal mark otherwise unless it could be both.
        (0, 1) => {
            let (int, frac) = body.split_once('.').expect("one dot");
            match (whole, could_group(int, frac)) {
                (true, true) => Ok((format!("{int}{frac}"), String::new())),
                (false, true) => Err(ambiguous(int, frac)),
                _ => decimal(int, frac, '.'),
            }
        }
        // Repeated marks of one kind can only group thousands.
        (_, 0) => ungroup(&body, ',').map(|i| (i, String::new())),
        _ => ungroup(&body, '.').map(|i| (i, String::new())),
    }
}

#[cfg(test)]
mod tests;
