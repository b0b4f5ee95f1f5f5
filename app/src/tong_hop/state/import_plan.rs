//! When an import reads, merges and redraws, and how rows are evaluated in slices: pure
//! decisions over counts and times (ms), so they are tested natively.

/// Files whose reading starts together: the browser reads them in parallel.
pub const READ_AHEAD: usize = 64;
/// Main-thread time spent starting reads at a time, at most (ms).
pub const START_MS: f64 = 15.0;
/// Files merged together, at most, and main-thread time between two pauses (ms), at most:
/// reads that are already done do not pause by themselves.
pub const MERGE_FILES: usize = 40;
pub const MERGE_MS: f64 = 40.0;
/// During an import the table, charts and lists are redrawn at most this often (ms).
pub const PUBLISH_MS: f64 = 1000.0;
/// Rows evaluated between two pauses, by time (ms).
pub const SLICE_MS: f64 = 25.0;
/// Rows evaluated between two looks at the clock.
pub const ROWS_AT_ONCE: usize = 8;

/// Whether one more read starts now: `next` of `total` files is the next to start, `inflight`
/// reads run, and this round of starts began at `started`. One read always runs.
pub fn may_start(next: usize, total: usize, inflight: usize, started: f64, now: f64) -> bool {
    next < total && inflight < READ_AHEAD && (inflight == 0 || now - started < START_MS)
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
    fn reads_start_in_time_bounded_rounds() {
        assert!(may_start(0, 10, 0, 0.0, 100.0), "one read always runs");
        assert!(may_start(1, 10, 1, 0.0, 14.9));
        assert!(
            !may_start(1, 10, 1, 0.0, 15.0),
            "out of time for this round"
        );
        assert!(!may_start(10, 10, 0, 0.0, 0.0), "every file started");
        assert!(
            !may_start(70, 100, READ_AHEAD, 0.0, 0.0),
            "enough in flight"
        );
        assert!(may_start(70, 100, READ_AHEAD - 1, 0.0, 0.0));
    }

    #[test]
    fn merges_by_batch_by_time_and_at_the_end() {
        assert!(!merge_now(5, 100, 10, 10.0, 0.0));
        assert!(merge_now(5, 100, MERGE_FILES, 10.0, 0.0));
        assert!(merge_now(5, 100, 1, 40.0, 0.0));
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
