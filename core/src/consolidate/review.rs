//! Review states of a dossier in a consolidation: who did what, and when.

use super::*;

/// Who did something and when (ISO 8601 date-time, given by the caller).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub by: String,
    pub at: String,
}

/// Where a dossier stands in the district's and the province's work. An appraisal carries the
/// verification it rests on, so "appraised but never verified" cannot be written down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReviewState {
    /// đã nhận — `note` says why, when it was reopened.
    Received {
        at: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// trả lại — comments per indicator ("ntm/15.1" → text) travel back to the commune.
    Returned {
        stamp: Stamp,
        comments: BTreeMap<String, String>,
    },
    /// đã thẩm tra (district)
    VerifiedByDistrict { stamp: Stamp },
    /// đã thẩm định (province)
    AppraisedByProvince { verified: Stamp, appraised: Stamp },
}

/// The state without its data, for tables, filters and files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateKind {
    Received,
    Returned,
    VerifiedByDistrict,
    AppraisedByProvince,
}

impl StateKind {
    pub const ALL: [StateKind; 4] = [
        StateKind::Received,
        StateKind::Returned,
        StateKind::VerifiedByDistrict,
        StateKind::AppraisedByProvince,
    ];
    pub fn code(self) -> &'static str {
        match self {
            StateKind::Received => "received",
            StateKind::Returned => "returned",
            StateKind::VerifiedByDistrict => "verified_by_district",
            StateKind::AppraisedByProvince => "appraised_by_province",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            StateKind::Received => "Đã nhận",
            StateKind::Returned => "Trả lại",
            StateKind::VerifiedByDistrict => "Đã thẩm tra",
            StateKind::AppraisedByProvince => "Đã thẩm định",
        }
    }
}

impl ReviewState {
    pub fn kind(&self) -> StateKind {
        match self {
            ReviewState::Received { .. } => StateKind::Received,
            ReviewState::Returned { .. } => StateKind::Returned,
            ReviewState::VerifiedByDistrict { .. } => StateKind::VerifiedByDistrict,
            ReviewState::AppraisedByProvince { .. } => StateKind::AppraisedByProvince,
        }
    }
    /// The last stamp (who and when), for display.
    pub fn last(&self) -> (Option<&str>, &str) {
        match self {
            ReviewState::Received { at, .. } => (None, at),
            ReviewState::Returned { stamp, .. } | ReviewState::VerifiedByDistrict { stamp } => {
                (Some(&stamp.by), &stamp.at)
            }
            ReviewState::AppraisedByProvince { appraised, .. } => {
                (Some(&appraised.by), &appraised.at)
            }
        }
    }
}

/// A past step, kept so the history of a dossier can be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub state: StateKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The review of one dossier: its state, the content it was given for, and its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub state: ReviewState,
    /// `content_hash` of the dossier when the state was last set.
    pub content_hash: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
}

/// Why a review step was refused, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewError(pub String);

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub(super) fn stamp(by: &str, at: &str) -> Result<Stamp, ReviewError> {
    let by = crate::text::nfc(by.trim());
    if by.is_empty() {
        return Err(ReviewError(
            "Nhập họ tên hoặc chức vụ người thực hiện trước khi ghi nhận.".into(),
        ));
    }
    if at.trim().is_empty() {
        return Err(ReviewError("Thiếu thời điểm thực hiện.".into()));
    }
    Ok(Stamp {
        by,
        at: at.trim().to_string(),
    })
}

impl Review {
    /// A dossier just received.
    pub fn received(d: &Dossier, at: &str) -> Review {
        Review {
            state: ReviewState::Received {
                at: at.to_string(),
                note: None,
            },
            content_hash: content_hash(d),
            history: Vec::new(),
        }
    }

    pub fn kind(&self) -> StateKind {
        self.state.kind()
    }

    fn set(&mut self, next: ReviewState, note: Option<String>) {
        let (by, at) = self.state.last();
        self.history.push(HistoryEntry {
            state: self.state.kind(),
            by: by.map(str::to_string),
            at: at.to_string(),
            note,
        });
        self.state = next;
    }

    /// Đánh dấu đã thẩm tra (district): only a received dossier.
    pub fn verify(&mut self, by: &str, at: &str) -> Result<(), ReviewError> {
        match self.state {
            ReviewState::Received { .. } => {
                let s = stamp(by, at)?;
                self.set(ReviewState::VerifiedByDistrict { stamp: s }, None);
                Ok(())
            }
            _ => Err(ReviewError(format!(
                "Chỉ thẩm tra được hồ sơ ở trạng thái “Đã nhận” (hồ sơ đang “{}”).",
                self.kind().label_vi()
            ))),
        }
    }

    /// Đánh dấu đã thẩm định (province): only after the district's verification.
    pub fn appraise(&mut self, by: &str, at: &str) -> Result<(), ReviewError> {
        match &self.state {
            ReviewState::VerifiedByDistrict { stamp: verified } => {
                let verified = verified.clone();
                let s = stamp(by, at)?;
                self.set(
                    ReviewState::AppraisedByProvince {
                        verified,
                        appraised: s,
                    },
                    None,
                );
                Ok(())
            }
            _ => Err(ReviewError(format!(
                "Chỉ thẩm định được hồ sơ đã được huyện thẩm tra (hồ sơ đang “{}”).",
                self.kind().label_vi()
            ))),
        }
    }

    /// Trả lại with comments per indicator ("set/code" → text); empty comments are dropped and
    /// at least one is needed.
    pub fn return_with(
        &mut self,
        by: &str,
        at: &str,
        comments: BTreeMap<String, String>,
    ) -> Result<(), ReviewError> {
        if self.kind() == StateKind::Returned {
            return Err(ReviewError("Hồ sơ đã được trả lại.".into()));
        }
        let comments: BTreeMap<String, String> = comments
            .into_iter()
            .map(|(k, v)| (k, crate::text::nfc(v.trim())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if comments.is_empty() {
            return Err(ReviewError(
                "Nhập ý kiến cho ít nhất một chỉ tiêu trước khi trả lại hồ sơ.".into(),
            ));
        }
        let s = stamp(by, at)?;
        self.set(ReviewState::Returned { stamp: s, comments }, None);
        Ok(())
    }

    /// The dossier now has content `hash` (seen at `at`). A verified, appraised or returned
    /// dossier whose content changed goes back to "received" with a note; returns whether it did.
    pub fn observe(&mut self, hash: &str, at: &str) -> bool {
        if self.content_hash == hash {
            return false;
        }
        self.content_hash = hash.to_string();
        let kind = self.kind();
        if kind == StateKind::Received {
            return false;
        }
        let note = format!(
            "Nội dung hồ sơ đã thay đổi sau khi {}; hồ sơ được mở lại để xem xét.",
            match kind {
                StateKind::Returned => "trả lại",
                StateKind::VerifiedByDistrict => "thẩm tra",
                _ => "thẩm định",
            }
        );
        self.set(
            ReviewState::Received {
                at: at.to_string(),
                note: Some(note.clone()),
            },
            Some(note),
        );
        true
    }
}
