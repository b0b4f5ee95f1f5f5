//! When an import reads, merges and redraws, and how rows are evaluated in slices: pure
//! decisions over counts, sizes (bytes) and times (ms), so they are tested natively.

use std::ops::Range;

/// Main-thread time spent asking files their size at a time, at most (ms): each question waits
/// for the browser's file thread.
pub const STAT_MS: f64 = 15.0;
/// Files read together as one blob, at most: one read of 50 files costs the browser about what
/// one read of a single file does (1 000 files: ~0,15 s instead of ~2 s one by one).
pub const BATCH_FILES: usize = 50;
/// Bytes read together, at most; a bigger file is read alone.
pub const BATCH_BYTES: f64 = 4.0 * 1024.0 * 1024.0;
/// Batches being read while the one before them is taken apart.
pub const BATCHES_AHEAD: usize = 3;
/// Files merged together, at most, and main-thread time between two pauses (ms), at most:
/// reads that are already done do not pause by themselves. The merge itself (a content hash per
/// dossier) comes on top, so both stay well under the 50 ms of a long task.
pub const MERGE_FILES: usize = 25;
pub const MERGE_MS: f64 = 25.0;
/// During an import the table, charts and lists are redrawn at most this often (ms).
pub const PUBLISH_MS: f64 = 1000.0;
/// Rows evaluated between two pauses, by time (ms).
pub const SLICE_MS: f64 = 25.0;
/// Rows evaluated between two looks at the clock.
pub const ROWS_AT_ONCE: usize = 8;

/// How the chosen files are read, in their order.
#[derive(Clone, Debug, PartialEq)]
pub enum Batch {
    /// These files, read together as one blob.
    Read(Range<usize>),
    /// This file is over the size limit: refused without being read.
    TooBig(usize),
}

/// The files of `sizes` (bytes) in batches of at most `BATCH_FILES` files and `BATCH_BYTES`
/// bytes (a bigger file alone), files over `max_file` apart; every file in exactly one, in order.
pub fn batches(sizes: &[f64], max_file: f64) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0.0;
    let close = |out: &mut Vec<Batch>, start: usize, end: usize| {
        if end > start {
            out.push(Batch::Read(start..end));
        }
    };
    for (i, &size) in sizes.iter().enumerate() {
        if size > max_file {
            close(&mut out, start, i);
            out.push(Batch::TooBig(i));
            start = i + 1;
            bytes = 0.0;
            continue;
        }
        if i > start && (i - start >= BATCH_FILES || bytes + size > BATCH_BYTES) {
            close(&mut out, start, i);
            start = i;
            bytes = 0.0;
        }
        bytes += size;
    }
    close(&mut out, start, sizes.len());
    out
}

/// Whether what was read is merged now (then the browser gets a pause): at the last file, with
/// `waiting` files' results gathered, or `MERGE_MS` after the last merge.
pub fn merge_now(done: usize, total: usize, waiting: usize, now: f64, merged: f64) -> bool {
    done >= total || waiting >= MERGE_FILES || now - merged >= MERGE_MS
}

/// The lists of an import are redrawn at most once per `PUBLISH_MS`.
#[derive(Clone, Copy, Debug)]
pub struct Publisher {
    last: f64,
}

impl Default for Publisher {
    fn default() -> Self {
        Publisher {
            last: f64::NEG_INFINITY,
        }
    }
}

impl Publisher {
    /// Whether to redraw at `now` (the first time always); a redraw is counted from `now`.
    pub fn due(&mut self, now: f64) -> bool {
        let due = now - self.last >= PUBLISH_MS;
        if due {
            self.last = now;
        }
        due
    }
}

/// The rows `k..end` to evaluate next, or `None` when the slice that began at `start` is over
/// (out of rows, or out of time).
pub fn next_rows(k: usize, total: usize, start: f64, now: f64) -> Option<(usize, usize)> {
    (k < total && now - start < SLICE_MS).then(|| (k, (k + ROWS_AT_ONCE).min(total)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_in_batches_by_count_and_bytes() {
        const MB: f64 = 1024.0 * 1024.0;
        let max = 50.0 * MB;
        assert_eq!(batches(&[], max), vec![]);
        // 120 small files: 50 + 50 + 20.
        assert_eq!(
            batches(&[2000.0; 120], max),
            vec![
                Batch::Read(0..50),
                Batch::Read(50..100),
                Batch::Read(100..120)
            ]
        );
        // Bytes close a batch; a file bigger than a batch is read alone; one over the limit is
        // refused where it stands, and the files around it are still read.
        assert_eq!(
            batches(
                &[3.0 * MB, 2.0 * MB, 10.0 * MB, 1.0, 60.0 * MB, 1.0, 1.0],
                max
            ),
            vec![
                Batch::Read(0..1),
                Batch::Read(1..2),
                Batch::Read(2..3),
                Batch::Read(3..4),
                Batch::TooBig(4),
                Batch::Read(5..7),
            ]
        );
        assert_eq!(batches(&[60.0 * MB], max), vec![Batch::TooBig(0)]);
        // An empty file is still read (and refused by the import with its reason).
        assert_eq!(batches(&[0.0, 5.0], max), vec![Batch::Read(0..2)]);
    }

    #[test]
    fn merges_by_batch_by_time_and_at_the_end() {
        assert!(!merge_now(5, 100, 10, 10.0, 0.0));
        assert!(merge_now(5, 100, MERGE_FILES, 10.0, 0.0));
        assert!(merge_now(5, 100, 1, MERGE_MS, 0.0));
        assert!(!merge_now(5, 100, 1, MERGE_MS - 1.0, 0.0));
        assert!(
            merge_now(100, 100, 0, 0.0, 0.0),
            "the last file always merges"
        );
    }

    #[test]
    fn lists_redraw_at_most_once_a_second() {
        let mut p = Publisher::default();
        assert!(p.due(5.0));
        assert!(!p.due(500.0));
        assert!(!p.due(1004.9));
        assert!(p.due(1005.0));
        assert!(!p.due(1500.0));
    }

    #[test]
    fn rows_are_evaluated_in_time_slices() {
        assert_eq!(next_rows(0, 20, 0.0, 0.0), Some((0, 8)));
        assert_eq!(next_rows(16, 20, 0.0, 24.0), Some((16, 20)));
        assert_eq!(next_rows(8, 20, 0.0, 25.0), None, "the slice is over");
        assert_eq!(next_rows(20, 20, 0.0, 0.0), None, "every row done");
    }
}
