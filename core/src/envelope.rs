//! What every file of the app starts with: a JSON object naming its `format` and `version`.
//! One reader for all of them, so every import refuses the wrong file in the same words.

use crate::error::InputError;
use serde_json::{Map, Value as Json};

/// The kind of file expected.
pub(crate) struct Envelope {
    pub format: &'static str,
    pub version: u32,
    /// What the file is, in Vietnamese ("hồ sơ tự đánh giá").
    pub what: &'static str,
    /// Top-level fields allowed; `None` leaves the check to serde.
    pub fields: Option<&'static [&'static str]>,
}

/// What an empty file is told, whatever it was meant to be.
pub const EMPTY_FILE: &str =
    "Tệp rỗng — không có nội dung nào (0 byte hoặc chỉ có khoảng trắng); hãy chọn đúng tệp đã xuất";

/// The JSON of a file's text (a leading byte-order mark allowed); an empty file is named as such.
pub(crate) fn read_json(text: &str) -> Result<Json, InputError> {
    // Windows tools often prepend a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputError::new("", EMPTY_FILE));
    }
    serde_json::from_str(text).map_err(InputError::from_json)
}

impl Envelope {
    /// Parses `text` (a leading byte-order mark allowed) and checks format, version and fields.
    pub fn open(&self, text: &str) -> Result<Json, InputError> {
        let json = read_json(text)?;
        self.check(
            json.as_object()
                .ok_or_else(|| InputError::new("", "tệp phải là một đối tượng JSON"))?,
        )?;
        Ok(json)
    }

    pub fn check(&self, root: &Map<String, Json>) -> Result<(), InputError> {
        let (format, version, what) = (self.format, self.version, self.what);
        match root.get("format").and_then(Json::as_str) {
            Some(f) if f == format => {}
            Some(other) => {
                return Err(InputError::new(
                    "format",
                    format!("phải là \"{format}\" (tệp ghi \"{other}\") — đây không phải {what}"),
                ))
            }
            None => {
                return Err(InputError::new(
                    "format",
                    format!("thiếu; phải là \"{format}\" — đây không phải {what}"),
                ))
            }
        }
        match root.get("version").and_then(Json::as_u64) {
            Some(v) if v == u64::from(version) => {}
            Some(v) => {
                return Err(InputError::new(
                    "version",
                    format!("phiên bản {v} chưa được hỗ trợ (chỉ đọc phiên bản {version})"),
                ))
            }
            None => {
                return Err(InputError::new(
                    "version",
                    "thiếu hoặc không phải số nguyên",
                ))
            }
        }
        if let Some(fields) = self.fields {
            if let Some(key) = root.keys().find(|k| !fields.contains(&k.as_str())) {
                return Err(InputError::new(key.as_str(), "trường không được hỗ trợ"));
            }
        }
        Ok(())
    }
}
