//! An import: the chosen files read with overlapping reads, merged in batches, the lists
//! redrawn at most once a second (`import_plan` decides when), new commune-years added at the end.

use super::import_plan::{may_start, merge_now, Publisher, READ_AHEAD};
use super::{yield_to_browser, ConsolidationCtx, Refused, MAX_FILE_BYTES};
use crate::infra::clock;
use leptos::prelude::*;
use ntm_core::consolidate::{self, Incoming, MergeReport, Staged};
use ntm_core::Rules;
use std::collections::VecDeque;
use std::future::Future;

fn size_mb(bytes: f64) -> String {
    ntm_core::text::format_decimal((bytes / 104_857.6).round() / 10.0)
}

/// What an import found, counted for its summary.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Counts {
    pub total: usize,
    pub dossiers_read: usize,
    pub refused_files: usize,
    pub refused_entries: usize,
    pub added: usize,
    pub identical: usize,
    pub waiting: usize,
}

/// The import's summary, in words.
pub(super) fn summary_text(c: &Counts) -> String {
    let mut parts = vec![
        format!("Đã đọc {} tệp", c.total),
        format!("{} hồ sơ hợp lệ", c.dossiers_read),
        format!("thêm {} hồ sơ vào bảng", c.added),
    ];
    if c.refused_files > 0 {
        parts.push(format!("{} tệp bị từ chối", c.refused_files));
    }
    if c.refused_entries > 0 {
        parts.push(format!(
            "{} hồ sơ trong tệp gói bị loại (các hồ sơ hợp lệ khác của tệp vẫn được nhận)",
            c.refused_entries
        ));
    }
    if c.identical > 0 {
        parts.push(format!(
            "{} hồ sơ giống hệt bản đã có (không thêm lần nữa)",
            c.identical
        ));
    }
    if c.waiting > 0 {
        parts.push(format!(
            "{} xã-năm có nhiều bản khác nhau, chờ chọn bản giữ lại",
            c.waiting
        ));
    }
    format!("{}.", parts.join(", "))
}

/// Takes one file's read: its dossiers go to `incoming`, what was refused to `refused`.
async fn take<E>(
    (name, size, modified, read): (
        String,
        f64,
        f64,
        Option<impl Future<Output = Result<String, E>>>,
    ),
    rules: &Rules,
    counts: &mut Counts,
    incoming: &mut Vec<(String, Incoming)>,
    refused: &mut Vec<Refused>,
    remarks: &mut Vec<Refused>,
) {
    let text = match read {
        None => Err(format!(
            "tệp nặng {} MB, vượt giới hạn 50 MB nên không được đọc",
            size_mb(size)
        )),
        Some(read) => read.await.map_err(|_| {
            "không đọc được tệp (tệp không phải văn bản UTF-8 hoặc đã bị di chuyển)".to_string()
        }),
    };
    let got = text.and_then(|text| {
        consolidate::import_file(&name, &text, rules).map_err(|msg| {
            // The message starts with the file name; the list shows it apart.
            msg.strip_prefix(&format!("{name}: "))
                .unwrap_or(&msg)
                .to_string()
        })
    });
    match got {
        Ok(got) => {
            counts.dossiers_read += got.dossiers.len();
            counts.refused_entries += got.refused.len();
            refused.extend(got.refused.into_iter().map(|p| Refused {
                file: name.clone(),
                entry: Some(p.what),
                reason: p.error.to_string(),
            }));
            remarks.extend(got.remarks.into_iter().map(|r| Refused {
                file: name.clone(),
                entry: None,
                reason: r,
            }));
            let label = crate::tong_hop::import::source_label(&name, size, modified);
            incoming.extend(got.dossiers.into_iter().map(|d| (label.clone(), d)));
        }
        Err(reason) => {
            counts.refused_files += 1;
            refused.push(Refused {
                file: name,
                entry: None,
                reason,
            });
        }
    }
}

impl ConsolidationCtx {
    /// Redraws the import's lists, changed untracked (during an import the table does not
    /// change: new commune-years wait in `Staged`).
    fn publish_lists(&self) {
        self.remarks.notify();
        self.duplicates.notify();
        self.identical.notify();
        self.refused.notify();
    }

    /// Merges a batch: refused entries listed, dossiers staged against the waiting groups.
    fn merge(&self, refused: Vec<Refused>, incoming: Vec<(String, Incoming)>, staged: &mut Staged) {
        if !refused.is_empty() {
            self.refused.update_untracked(|r| r.extend(refused));
        }
        if !incoming.is_empty() {
            let at = clock::now_iso();
            let mut report = MergeReport::default();
            self.data.update_untracked(|c| {
                self.duplicates
                    .update_untracked(|p| report = c.stage(p, staged, incoming, &at))
            });
            if !report.identical.is_empty() {
                self.identical
                    .update_untracked(|v| v.extend(report.identical));
            }
        }
    }

    /// Reads the chosen files in batches and merges what they hold; see the module's comment.
    pub async fn import(&self, files: Vec<web_sys::File>) {
        self.ensure_loaded();
        let total = files.len();
        if total == 0 {
            return;
        }
        self.progress.set(Some((0, total)));
        self.refused.set(Vec::new());
        self.remarks.set(Vec::new());
        self.identical.set(Vec::new());
        self.summary.set(None);
        let mut counts = Counts {
            total,
            ..Counts::default()
        };
        let mut done = 0usize;
        let mut publisher = Publisher::default();
        let mut merged = clock::now_ms();
        let mut next = 0;
        let mut inflight = VecDeque::with_capacity(READ_AHEAD);
        let mut incoming: Vec<(String, Incoming)> = Vec::new();
        let mut refused = Vec::new();
        let mut remarks = Vec::new();
        // Commune-years new to the table wait here until every file is read.
        let mut staged = Staged::default();
        // The browser has just built thousands of File objects in the task that chose them:
        // start in a task of its own.
        yield_to_browser().await;
        while done < total {
            // Reads overlap; asking a file its size and starting its read cost the main thread
            // up to a millisecond each. Results are taken in the files' order.
            let started = clock::now_ms();
            while may_start(next, total, inflight.len(), started, clock::now_ms()) {
                let file = &files[next];
                next += 1;
                let size = file.size();
                let read = (size <= MAX_FILE_BYTES).then(|| {
                    gloo_file::futures::read_as_text(&gloo_file::Blob::from(file.clone()))
                });
                inflight.push_back((file.name(), size, file.last_modified(), read));
            }
            let first = inflight.pop_front().expect("one read at least");
            done += 1;
            let rules = self.rc.active.get_untracked();
            take(
                first,
                &rules,
                &mut counts,
                &mut incoming,
                &mut refused,
                &mut remarks,
            )
            .await;
            // Merged a batch at a time (or after a while), then a pause for the browser.
            let now = clock::now_ms();
            if !merge_now(done, total, incoming.len() + refused.len(), now, merged) {
                continue;
            }
            if !remarks.is_empty() {
                self.remarks.update_untracked(|r| r.append(&mut remarks));
            }
            self.merge(
                std::mem::take(&mut refused),
                std::mem::take(&mut incoming),
                &mut staged,
            );
            self.progress.set(Some((done, total)));
            if publisher.due(now) {
                self.publish_lists();
            }
            yield_to_browser().await;
            merged = clock::now_ms();
        }
        // New commune-years enter the table (their rows are evaluated in slices), those that
        // came in several versions wait for a choice.
        self.data.update_untracked(|c| {
            self.duplicates
                .update_untracked(|p| counts.added = c.finish(p, staged))
        });
        self.fill_rows().await;
        counts.waiting = self.duplicates.with_untracked(Vec::len);
        counts.identical = self.identical.with_untracked(Vec::len);
        // The lists, then the table (its charts follow in a task of their own), then the save,
        // each in its own task; the summary says the import is over once all are done.
        self.publish_lists();
        yield_to_browser().await;
        self.data.notify();
        self.rows.notify();
        yield_to_browser().await;
        self.persist();
        self.summary.set(Some(summary_text(&counts)));
        self.progress.set(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_only_what_happened() {
        let c = Counts {
            total: 3,
            dossiers_read: 2,
            added: 2,
            ..Counts::default()
        };
        assert_eq!(
            summary_text(&c),
            "Đã đọc 3 tệp, 2 hồ sơ hợp lệ, thêm 2 hồ sơ vào bảng."
        );
        let c = Counts {
            refused_files: 1,
            waiting: 4,
            ..c
        };
        assert!(summary_text(&c)
            .ends_with("1 tệp bị từ chối, 4 xã-năm có nhiều bản khác nhau, chờ chọn bản giữ lại."));
    }
}
