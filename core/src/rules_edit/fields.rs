//! The editor's fields and their Vietnamese names; an InputError mapped to the field it names.

use super::*;

/// A field of a rule, as the editor and the changes list name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    Region,
    Years,
    Levels,
    Code,
    Name,
    Group,
    Kind,
    Comparison,
    Threshold,
    Upper,
    Unit,
    Input,
    Source,
    SourceDate,
    SourceUrl,
    Status,
    ThresholdStatus,
    Note,
    /// The whole entry (e.g. "no such indicator to remove").
    Entry,
}

impl Field {
    pub fn label_vi(self) -> &'static str {
        match self {
            Field::Id => "Mã bộ tiêu chí",
            Field::Title => "Tên",
            Field::Region => "Vùng",
            Field::Years => "Giai đoạn",
            Field::Levels => "Các mức đạt chuẩn",
            Field::Code => "Mã chỉ tiêu",
            Field::Name => "Tên",
            Field::Group => "Nhóm",
            Field::Kind => "Loại giá trị",
            Field::Comparison => "Phép so sánh",
            Field::Threshold => "Ngưỡng",
            Field::Upper => "Mức vượt",
            Field::Unit => "Đơn vị",
            Field::Input => "Nguồn số liệu",
            Field::Source => "Văn bản căn cứ",
            Field::SourceDate => "Ngày ban hành",
            Field::SourceUrl => "Địa chỉ văn bản",
            Field::Status => "Tình trạng xác minh",
            Field::ThresholdStatus => "Tình trạng xác minh ngưỡng",
            Field::Note => "Ghi chú",
            Field::Entry => "Chỉ tiêu",
        }
    }
}

/// A problem with one field of the editor's form, in Vietnamese, naming the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    /// "Ngưỡng năm 2024: tỷ lệ phần trăm phải từ 0 đến 100 (nhận được 120)".
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, problem: impl AsRef<str>) -> Self {
        FieldError {
            field,
            message: format!("{}: {}", field.label_vi(), problem.as_ref()),
        }
    }
}

/// Which field of the form a core error (`sets[ntm].criteria[15].indicators[15.1].threshold.2024`)
/// is about, with its message in Vietnamese words instead of the file path.
pub fn field_error(e: &InputError) -> FieldError {
    let path = &e.field;
    let segs = path.segments();
    // The named steps after the last list entry: ["threshold", "2024"], ["comparison"], [].
    let after = segs
        .iter()
        .rposition(|s| !matches!(s, PathSegment::Field(_)))
        .map_or(0, |i| i + 1);
    let mut names = segs[after..].iter().filter_map(|s| match s {
        PathSegment::Field(f) => Some(f.as_str()),
        _ => None,
    });
    let head = names.next().unwrap_or("");
    let rest = names.collect::<Vec<_>>().join(".");
    let field = match head {
        "id" => Field::Id,
        "title" => Field::Title,
        "region" => Field::Region,
        "years" => Field::Years,
        "levels" => Field::Levels,
        "code" => Field::Code,
        "name" => Field::Name,
        "group" => Field::Group,
        "kind" => Field::Kind,
        "comparison" => Field::Comparison,
        "threshold" => Field::Threshold,
        "upper" => Field::Upper,
        "unit" => Field::Unit,
        "input" => Field::Input,
        "source" if rest == "date" => Field::SourceDate,
        "source" => Field::Source,
        "status" => Field::Status,
        "threshold_status" => Field::ThresholdStatus,
        "note" => Field::Note,
        _ if path.starts_with("levels") => Field::Levels,
        _ => Field::Entry,
    };
    let label = match (field, rest.parse::<u16>()) {
        (Field::Threshold, Ok(year)) => format!("Ngưỡng năm {year}"),
        (Field::Entry, _) if path.is_empty() => String::new(),
        (Field::Entry, _) => match indicator_code(segs) {
            Some(code) => format!("Chỉ tiêu {code}"),
            None => format!("Trường “{path}”"),
        },
        _ => field.label_vi().to_string(),
    };
    let message = if label.is_empty() {
        e.problem.clone()
    } else {
        format!("{label}: {}", e.problem)
    };
    FieldError { field, message }
}

/// The code of the last indicator the path goes through (`…indicators[15.1]…` → `15.1`).
fn indicator_code(segs: &[PathSegment]) -> Option<&str> {
    segs.windows(2).rev().find_map(|w| match w {
        [PathSegment::Field(f), PathSegment::Key(k)] if f == "indicators" => Some(k.as_str()),
        _ => None,
    })
}
