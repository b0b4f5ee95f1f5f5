//! The one error type for untrusted input: which field, what is wrong, in Vietnamese.

use std::fmt;
use std::ops::Deref;

/// One step of a path into a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A named field or a map key, written `.name` (`name` at the start).
    Field(String),
    /// A position in a list, written `[2]`.
    Index(usize),
    /// An entry of a list found by its id or code, written `[ntm]`.
    Key(String),
}

/// Where in a file the problem is, step by step; shown as `candidates[2].history.awards[0].date`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FieldPath {
    segments: Vec<PathSegment>,
    /// The rendered path, kept in step with `segments` so readers can borrow it as `&str`.
    text: String,
}

impl FieldPath {
    /// The whole file.
    pub fn root() -> Self {
        FieldPath::default()
    }

    fn push(mut self, s: PathSegment) -> Self {
        match &s {
            PathSegment::Field(name) if self.text.is_empty() => self.text.push_str(name),
            PathSegment::Field(name) => {
                self.text.push('.');
                self.text.push_str(name);
            }
            PathSegment::Index(i) => self.text.push_str(&format!("[{i}]")),
            PathSegment::Key(k) => self.text.push_str(&format!("[{k}]")),
        }
        self.segments.push(s);
        self
    }

    /// This path, then the field `name`.
    pub fn field(self, name: impl Into<String>) -> Self {
        self.push(PathSegment::Field(name.into()))
    }

    /// This path, then position `i` of a list.
    pub fn index(self, i: usize) -> Self {
        self.push(PathSegment::Index(i))
    }

    /// This path, then the list entry with id or code `k`.
    pub fn key(self, k: impl Into<String>) -> Self {
        self.push(PathSegment::Key(k.into()))
    }

    /// This path, then every step of `rest`.
    pub fn join(self, rest: &FieldPath) -> Self {
        rest.segments.iter().cloned().fold(self, FieldPath::push)
    }

    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// The name of the last named step, e.g. `date` for `candidates[2].decision_date`… `date`.
    pub fn last_field(&self) -> Option<&str> {
        self.segments.iter().rev().find_map(|s| match s {
            PathSegment::Field(f) => Some(f.as_str()),
            _ => None,
        })
    }

    /// The path as shown in messages; empty for the whole file.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// One named field (empty: the whole file); a dotted name stays one step, it is never split.
impl From<&str> for FieldPath {
    fn from(name: &str) -> Self {
        if name.is_empty() {
            FieldPath::root()
        } else {
            FieldPath::root().field(name)
        }
    }
}

impl From<String> for FieldPath {
    fn from(name: String) -> Self {
        FieldPath::from(name.as_str())
    }
}

impl From<&String> for FieldPath {
    fn from(name: &String) -> Self {
        FieldPath::from(name.as_str())
    }
}

impl From<&FieldPath> for FieldPath {
    fn from(p: &FieldPath) -> Self {
        p.clone()
    }
}

impl Deref for FieldPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl PartialEq<str> for FieldPath {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for FieldPath {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<String> for FieldPath {
    fn eq(&self, other: &String) -> bool {
        &self.text == other
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Path of the field at fault, e.g. `values.ntm.15.1`; empty when the whole file is at fault.
    pub field: FieldPath,
    /// What is wrong, in Vietnamese.
    pub problem: String,
}

impl InputError {
    pub fn new(field: impl Into<FieldPath>, problem: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The same problem, one level down: `prefix` then the path it had.
    pub fn within(self, prefix: FieldPath) -> Self {
        InputError {
            field: prefix.join(&self.field),
            problem: self.problem,
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
        let msg = SerdeMessage::of(&e);
        let problem = match msg.kind {
            SerdeKind::WrongType | SerdeKind::Other => {
                format!("sai kiểu dữ liệu (dòng {}, cột {})", e.line(), e.column())
            }
            k => k.problem().to_string(),
        };
        InputError::new(msg.quoted, problem)
    }
}

/// What serde's (English) message says, read once for every parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SerdeKind {
    MissingField,
    UnknownField,
    UnknownVariant,
    /// `invalid type` or `invalid value`
    WrongType,
    Other,
}

impl SerdeKind {
    /// The problem in Vietnamese.
    pub(crate) fn problem(self) -> &'static str {
        match self {
            SerdeKind::MissingField => "thiếu trường bắt buộc",
            SerdeKind::UnknownField => "trường không được hỗ trợ",
            SerdeKind::UnknownVariant => "giá trị không hợp lệ",
            SerdeKind::WrongType | SerdeKind::Other => "sai kiểu dữ liệu",
        }
    }
}

/// serde's message, classified, with the first back-quoted word (a field name, or the value
/// of an unknown variant).
pub(crate) struct SerdeMessage {
    pub kind: SerdeKind,
    pub quoted: String,
}

impl SerdeMessage {
    pub(crate) fn of(e: &impl fmt::Display) -> Self {
        let msg = e.to_string();
        let kind = if msg.starts_with("missing field") {
            SerdeKind::MissingField
        } else if msg.starts_with("unknown field") {
            SerdeKind::UnknownField
        } else if msg.starts_with("unknown variant") {
            SerdeKind::UnknownVariant
        } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
            SerdeKind::WrongType
        } else {
            SerdeKind::Other
        };
        let quoted = msg.split('`').nth(1).unwrap_or_default().to_string();
        SerdeMessage { kind, quoted }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            // Whole-file problems have no field to name.
            f.write_str(&crate::text::upper_first(&self.problem))
        } else {
            write!(f, "Trường “{}”: {}", self.field, self.problem)
        }
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_renders_as_before() {
        let p = FieldPath::root()
            .field("sets")
            .key("ntm")
            .field("criteria")
            .index(10)
            .field("2024");
        assert_eq!(p, "sets[ntm].criteria[10].2024");
        let e = InputError::new("value", "x").within(FieldPath::root().field("records").index(3));
        assert_eq!(e.field, "records[3].value");
        assert_eq!(e.field.last_field(), Some("value"));
        assert!(InputError::new("", "x").field.is_empty());
    }
}
