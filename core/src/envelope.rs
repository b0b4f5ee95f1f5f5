//! What every file of the app starts with: a JSON object naming its `format` and `version`.
//! One reader for all of them, so every import refuses the wrong file in the same words.

use crate::error::InputError;
use crate::tree::Tree;
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
    serde_json::from_str(content(text)?).map_err(InputError::from_json)
}

/// `text` (a leading byte-order mark allowed) as a [`Tree`], with `open`'s messages for an empty
/// file or broken JSON; nothing checked yet (`Envelope::check_tree`).
pub(crate) fn parse_tree(text: &str) -> Result<Tree<'_>, InputError> {
    Tree::parse(content(text)?).map_err(InputError::from_json)
}

/// The text to parse: without a leading byte-order mark, refused when empty.
fn content(text: &str) -> Result<&str, InputError> {
    // Windows tools often prepend a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputError::new("", EMPTY_FILE));
    }
    Ok(text)
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

    /// `open`'s checks and messages for the files read in bulk (dossiers), on the [`Tree`]
    /// [`parse_tree`] borrowed from the text instead of a `Value`.
    pub(crate) fn check_tree<'a>(&self, tree: Tree<'a>) -> Result<Tree<'a>, InputError> {
        let root = tree
            .as_object()
            .ok_or_else(|| InputError::new("", "tệp phải là một đối tượng JSON"))?;
        self.check_parts(
            root.get("format").and_then(Tree::as_str),
            root.get("version").and_then(Tree::as_u64),
            root.keys(),
        )?;
        Ok(tree)
    }

    pub fn check(&self, root: &Map<String, Json>) -> Result<(), InputError> {
        self.check_parts(
            root.get("format").and_then(Json::as_str),
            root.get("version").and_then(Json::as_u64),
            root.keys().map(String::as_str),
        )
    }

    /// The checks of a file's object, from its `format`, its `version` and its keys in order.
    pub(crate) fn check_parts<'k>(
        &self,
        format_found: Option<&str>,
        version_found: Option<u64>,
        mut keys: impl Iterator<Item = &'k str>,
    ) -> Result<(), InputError> {
        let (format, version, what) = (self.format, self.version, self.what);
        match format_found {
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
        match version_found {
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
            if let Some(key) = keys.find(|k| !fields.contains(k)) {
                return Err(InputError::new(key, "trường không được hỗ trợ"));
            }
        }
        Ok(())
    }
}
