//! The one error type for untrusted input: which field, what is wrong, in Vietnamese.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Path of the field at fault, e.g. `values.ntm.15.1`; empty when the whole file is at fault.
    pub field: String,
    /// What is wrong, in Vietnamese.
    pub problem: String,
}

impl InputError {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            problem: problem.into(),
        }
    }

    pub(crate) fn from_json(e: serde_json::Error) -> Self {
        InputError::new(
            "",
            format!(
                "tệp không phải JSON hợp lệ (dòng {}, cột {})",
                e.line(),
                e.column()
            ),
        )
    }

    /// serde's messages are English; keep its field name and say the rest in Vietnamese.
    pub(crate) fn from_serde(e: serde_json::Error) -> Self {
        let msg = e.to_string();
        let field = msg
            .split('`')
            .nth(1)
            .map(str::to_string)
            .unwrap_or_default();
        let problem = match serde_problem(&msg) {
            "sai kiểu dữ liệu" => {
                format!("sai kiểu dữ liệu (dòng {}, cột {})", e.line(), e.column())
            }
            p => p.to_string(),
        };
        InputError::new(field, problem)
    }
}

/// serde's message (English) as the problem in Vietnamese.
pub(crate) fn serde_problem(msg: &str) -> &'static str {
    if msg.starts_with("missing field") {
        "thiếu trường bắt buộc"
    } else if msg.starts_with("unknown field") {
        "trường không được hỗ trợ"
    } else if msg.starts_with("unknown variant") {
        "giá trị không hợp lệ"
    } else {
        "sai kiểu dữ liệu"
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            // Whole-file problems have no field to name.
            let mut c = self.problem.chars();
            match c.next() {
                Some(first) => write!(f, "{}{}", first.to_uppercase(), c.as_str()),
                None => Ok(()),
            }
        } else {
            write!(f, "Trường “{}”: {}", self.field, self.problem)
        }
    }
}

impl std::error::Error for InputError {}
