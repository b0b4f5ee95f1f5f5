//! An import: the chosen files asked their size, read a batch of files at a time as one blob
//! (several batches in flight), merged in batches, the lists redrawn at most once a second
//! (`import_plan` decides when), new commune-years added at the end.

use super::import_plan::{batches, merge_now, Batch, Publisher, BATCHES_AHEAD, STAT_MS};
use super::{yield_to_browser, ConsolidationCtx, Refused, MAX_FILE_BYTES};
use crate::infra::clock;
use leptos::prelude::*;
use ntm_core::consolidate::{self, Incoming, MergeReport, Staged};
use ntm_core::dossier::Reader;
use std::collections::VecDeque;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

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

/// A chosen file as the import knows it: asked once, before any read (see `stat`).
struct Chosen {
    file: web_sys::File,
    name: String,
    size: f64,
    modified: f64,
}

/// Why a file could not be read (moved, changed or removed since it was chosen, or not UTF-8).
const UNREADABLE: &str = "không đọc được tệp (tệp không phải văn bản UTF-8 hoặc đã bị di chuyển)";

/// Starts reading `files` as one blob: their bytes one after the other.
fn start_read(files: &[Chosen]) -> Result<JsFuture, JsValue> {
    let parts: js_sys::Array = files.iter().map(|c| JsValue::from(&c.file)).collect();
    let blob = web_sys::Blob::new_with_blob_sequence(&parts)?;
    Ok(JsFuture::from(blob.array_buffer()))
}

/// The bytes a read started by `start_read` gives.
async fn bytes_of(read: Result<JsFuture, JsValue>) -> Result<Vec<u8>, JsValue> {
    let buffer = read?.await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A file's bytes as text: UTF-8 only (the import drops a byte-order mark).
fn as_text(bytes: Option<&[u8]>) -> Result<&str, String> {
    bytes
        .and_then(|b| std::str::from_utf8(b).ok())
        .ok_or_else(|| UNREADABLE.to_string())
}

/// Takes one file's text (or why it could not be read): its dossiers go to `incoming`, what was
/// refused to `refused`.
fn take(
    chosen: &Chosen,
    text: Result<&str, String>,
    reader: &Reader,
    counts: &mut Counts,
    incoming: &mut Vec<(String, Incoming)>,
    refused: &mut Vec<Refused>,
    remarks: &mut Vec<Refused>,
) {
    let name = &chosen.name;
    let got = text.and_then(|text| {
        consolidate::import_file_with(reader, name, text).map_err(|msg| {
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
            let label = crate::tong_hop::import::source_label(name, chosen.size, chosen.modified);
            incoming.extend(got.dossiers.into_iter().map(|d| (label.clone(), d)));
        }
        Err(reason) => {
            counts.refused_files += 1;
            refused.push(Refused {
                file: name.clone(),
                entry: None,
                reason,
            });
        }
    }
}

/// What an import has gathered since its last merge.
#[derive(Default)]
struct Gathered {
    counts: Counts,
    incoming: Vec<(String, Incoming)>,
    refused: Vec<Refused>,
    remarks: Vec<Refused>,
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

    /// Asks each file its name, size and last change, a slice of files at a time: in Chromium
    /// the first question waits for the browser's file thread, and reads in flight slow it.
    async fn stat(files: Vec<web_sys::File>) -> Vec<Chosen> {
        let mut out = Vec::with_capacity(files.len());
        let mut files = files.into_iter().peekable();
        while files.peek().is_some() {
            let started = clock::now_ms();
            for file in files.by_ref() {
                out.push(Chosen {
                    name: file.name(),
                    size: file.size(),
                    modified: file.last_modified(),
                    file,
                });
                if clock::now_ms() - started >= STAT_MS {
                    break;
                }
            }
            yield_to_browser().await;
        }
        out
    }

    /// Merges what was gathered: remarks, refused files, dossiers staged; then the progress.
    fn merge_gathered(&self, g: &mut Gathered, staged: &mut Staged, done: usize, total: usize) {
        if !g.remarks.is_empty() {
            self.remarks.update_untracked(|r| r.append(&mut g.remarks));
        }
        self.merge(
            std::mem::take(&mut g.refused),
            std::mem::take(&mut g.incoming),
            staged,
        );
        self.progress.set(Some((done, total)));
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
        let mut g = Gathered {
            counts: Counts {
                total,
                ..Counts::default()
            },
            ..Gathered::default()
        };
        let mut done = 0usize;
        let mut publisher = Publisher::default();
        // Commune-years new to the table wait here until every file is read.
        let mut staged = Staged::default();
        // The browser has just built thousands of File objects in the task that chose them:
        // start in a task of its own.
        yield_to_browser().await;
        let chosen = Self::stat(files).await;
        let sizes: Vec<f64> = chosen.iter().map(|c| c.size).collect();
        let mut plan = batches(&sizes, MAX_FILE_BYTES).into_iter();
        // Batches being read (in the browser), taken in the files' order.
        let mut reading = VecDeque::with_capacity(BATCHES_AHEAD);
        let mut merged = clock::now_ms();
        loop {
            while reading.len() < BATCHES_AHEAD {
                let Some(b) = plan.next() else { break };
                let read = match &b {
                    Batch::Read(r) => Some(start_read(&chosen[r.clone()])),
                    Batch::TooBig(_) => None,
                };
                reading.push_back((b, read));
            }
            let Some((batch, read)) = reading.pop_front() else {
                break;
            };
            let range = match batch {
                Batch::Read(r) => r,
                Batch::TooBig(i) => i..i + 1,
            };
            let whole = match read {
                Some(read) => Some(bytes_of(read).await),
                None => None,
            };
            let mut offset = 0usize;
            // The rules in use when the batch is taken; their indicators indexed once for it.
            let rules = self.rc.active.get_untracked();
            let reader = Reader::new(&rules);
            for c in &chosen[range] {
                let alone;
                let text = match &whole {
                    None => Err(format!(
                        "tệp nặng {} MB, vượt giới hạn 50 MB nên không được đọc",
                        size_mb(c.size)
                    )),
                    Some(Ok(all)) => {
                        let len = c.size as usize;
                        offset += len;
                        as_text(all.get(offset - len..offset))
                    }
                    // A file of the batch could not be read: each is read alone, to name it.
                    Some(Err(_)) => {
                        alone = bytes_of(start_read(std::slice::from_ref(c))).await;
                        as_text(alone.as_deref().ok())
                    }
                };
                take(
                    c,
                    text,
                    &reader,
                    &mut g.counts,
                    &mut g.incoming,
                    &mut g.refused,
                    &mut g.remarks,
                );
                done += 1;
                // Merged a batch at a time (or after a while), then a pause for the browser.
                let now = clock::now_ms();
                let waiting = g.incoming.len() + g.refused.len();
                if !merge_now(done, total, waiting, now, merged) {
                    continue;
                }
                self.merge_gathered(&mut g, &mut staged, done, total);
                yield_to_browser().await;
                // The lists are redrawn in a task of their own.
                if publisher.due(now) {
                    self.publish_lists();
                    yield_to_browser().await;
                }
                merged = clock::now_ms();
            }
        }
        let mut counts = g.counts;
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
