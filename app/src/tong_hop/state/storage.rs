//! The consolidation in browser storage: reading it when first needed, saving it after each
//! change (with the waiting choices and the refused list, as far as storage allows).

use super::{ConsolidationCtx, Refused};
use crate::infra::{clock, store};
use leptos::prelude::*;
use ntm_core::consolidate::{self, Bundle, Consolidation, DuplicateGroup};
use ntm_core::Rules;

/// What localStorage holds for the whole app, in characters (Chromium and Firefox: 5 MiB).
const STORAGE_CHARS: usize = 5_000_000;
/// Refused entries kept with the stored consolidation (the list on screen has them all).
const REFUSED_STORED: usize = 2_000;
/// Waiting versions kept in storage, in bytes of JSON (about 700 versions): writing them after
/// each choice and reading them when the page opens stays well under 100 ms.
const PENDING_STORED: usize = 1_000_000;

/// The stored consolidation with its waiting choices and refused list, or an empty one.
pub(super) struct Loaded {
    pub data: Consolidation,
    pub refused: Vec<Refused>,
    pub duplicates: Vec<DuplicateGroup>,
    pub notice: Option<String>,
    pub pending_notice: Option<String>,
}

pub(super) fn unsaved_text(n: usize) -> String {
    format!(
        "{n} xã-năm đang chờ chọn bản giữ lại chưa lưu được vào trình duyệt (bộ nhớ của trình duyệt có hạn): hãy chọn xong trước khi đóng hoặc tải lại trang (nếu không, cần nhập lại các tệp đó)."
    )
}

impl Loaded {
    pub(super) fn read(rules: &Rules) -> Loaded {
        let mut notice = None;
        let mut pending_notice = None;
        let mut data = Consolidation::default();
        let mut duplicates = Vec::new();
        let mut refused = Vec::new();
        match store::load_consolidation() {
            None => {}
            Some(Ok(stored)) => match Bundle::parse(&stored.bundle, rules) {
                Ok(b) => {
                    let at = clock::now_iso();
                    data = Consolidation::from_bundle(b, &at);
                    refused = stored.refused;
                    if !stored.pending.is_empty() {
                        match consolidate::pending_from_json(&stored.pending, rules, &data, &at) {
                            Ok(read) => {
                                duplicates = read.groups;
                                refused.extend(read.dropped.into_iter().map(|(file, p)| Refused {
                                    file,
                                    entry: Some(p.what),
                                    reason: p.error.to_string(),
                                }));
                            }
                            Err(e) => {
                                pending_notice = Some(format!(
                                    "Các bản chờ chọn đã lưu không đọc được ({e}); hãy nhập lại các tệp có nhiều bản."
                                ))
                            }
                        }
                    }
                    if stored.pending_unsaved > 0 {
                        pending_notice = Some(format!(
                            "{} xã-năm có nhiều bản đã không lưu được vào trình duyệt lần trước (bộ nhớ của trình duyệt có hạn); hãy nhập lại các tệp của các xã-năm đó nếu cần chọn.",
                            stored.pending_unsaved
                        ));
                    }
                }
                Err(e) => {
                    let kept = store::set_aside_consolidation().is_ok();
                    notice = Some(format!(
                        "Bảng tổng hợp đã lưu không đọc được với bộ tiêu chí đang dùng ({e}).{}",
                        if kept {
                            " Bản lưu được giữ riêng trong trình duyệt (khóa “chung-suc:consolidation:khong-doc-duoc”), không bị xóa."
                        } else {
                            ""
                        }
                    ));
                }
            },
            Some(Err(e)) => {
                let _ = store::set_aside_consolidation();
                notice = Some(format!(
                    "Bảng tổng hợp đã lưu không đọc được ({e}); bản lưu được giữ riêng, không bị xóa."
                ));
            }
        }
        Loaded {
            data,
            refused,
            duplicates,
            notice,
            pending_notice,
        }
    }
}

impl ConsolidationCtx {
    /// Saves to the browser with the waiting choices and the refused list; what does not fit is
    /// said on the page (the data stays in this tab either way).
    pub fn persist(&self) {
        let bundle = self.data.with_untracked(|c| c.to_bundle().to_json());
        let refused: Vec<Refused> = self
            .refused
            .with_untracked(|r| r.iter().take(REFUSED_STORED).cloned().collect());
        let refused_chars: usize = refused
            .iter()
            .map(|r| r.file.len() + r.reason.len() + r.entry.as_ref().map_or(0, String::len) + 40)
            .sum();
        let groups = self.duplicates.with_untracked(Vec::len);
        // Stored as JSON strings: quotes and line breaks are escaped, about a sixth more.
        let used =
            store::storage_chars_besides_consolidation() + (bundle.len() + refused_chars) * 7 / 6;
        let budget = (STORAGE_CHARS.saturating_sub(used + 20_000) * 5 / 6).min(PENDING_STORED);
        let (pending, saved) = if groups == 0 {
            (String::new(), 0)
        } else {
            self.duplicates
                .with_untracked(|g| consolidate::pending_to_json(g, budget))
        };
        let mut record = store::StoredConsolidation {
            saved_at: clock::now_ms(),
            bundle,
            pending: if saved == 0 { String::new() } else { pending },
            pending_unsaved: groups - saved,
            refused,
        };
        let mut result = store::save_consolidation(&record);
        if result.is_err() && !record.pending.is_empty() {
            // The consolidation itself is worth saving even when the waiting versions are not.
            record.pending = String::new();
            record.pending_unsaved = groups;
            result = store::save_consolidation(&record);
        }
        let unsaved = record.pending_unsaved;
        self.storage_notice.set(result.err());
        self.pending_notice
            .set((unsaved > 0).then(|| unsaved_text(unsaved)));
    }
}
