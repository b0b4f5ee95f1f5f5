//! The table's rows, one per entry, evaluated with the active rules in slices of a few tens of
//! milliseconds (`import_plan::next_rows`): new ones after an import, all after a rules change.

use super::import_plan::next_rows;
use super::{yield_to_browser, ConsolidationCtx};
use crate::infra::clock;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ntm_core::consolidate::{self, Row};
use ntm_core::{evaluate, Rules};
use std::sync::Arc;

impl ConsolidationCtx {
    /// Evaluates rows `k..` one slice; returns the next index.
    pub(super) fn evaluate_slice(&self, rules: &Rules, mut k: usize) -> usize {
        let start = clock::now_ms();
        let total = self.data.with_untracked(|c| c.entries.len());
        while let Some((from, end)) = next_rows(k, total, start, clock::now_ms()) {
            let mut new: Vec<Row> = Vec::with_capacity(end - from);
            self.data.update_untracked(|c| {
                for e in &mut c.entries[from..end] {
                    // Kept values the rules now have are evaluated (the file stays the same).
                    e.dossier.refile(rules);
                    new.push(consolidate::row_of(e, &evaluate(rules, &e.dossier)));
                }
            });
            self.rows.update_untracked(|rows| {
                for (i, r) in (from..end).zip(new) {
                    if i < rows.len() {
                        rows[i] = r;
                    } else if i == rows.len() {
                        rows.push(r);
                    }
                }
            });
            k = end;
        }
        k
    }

    /// Whether the rows were last fully evaluated with the active rules.
    pub(super) fn rows_current(&self) -> bool {
        let current = self.rc.active.get_untracked();
        self.rows_rules
            .with_value(|r| r.as_ref().is_some_and(|r| Arc::ptr_eq(r, &current)))
    }

    /// Evaluates every row with the active rules (after a rules change, or when the page opens);
    /// a newer pass stops an older one.
    pub(super) fn evaluate_rows(&self) {
        self.run_pass(0);
    }

    /// Evaluates the rows of entries added at the end of the table, in slices, with the rules
    /// active at each slice; a pass over every row, when one runs, reaches them itself.
    pub(super) async fn fill_rows(&self) {
        loop {
            if self.pass_running.get_value() {
                return;
            }
            let k = self.rows.with_untracked(Vec::len);
            let total = self.data.with_untracked(|c| c.entries.len());
            if k >= total {
                break;
            }
            self.evaluating.set(Some((k, total)));
            self.evaluate_slice(&self.rc.active.get_untracked(), k);
            yield_to_browser().await;
        }
        self.evaluating.set(None);
    }

    /// Evaluates rows `from..` with the active rules, in slices with pauses between them (the
    /// first slice at once, so a small table is complete when the page is drawn). Rows are
    /// replaced in place, so a review or a choice made meanwhile stays right.
    fn run_pass(&self, from: usize) {
        let gen = self.eval_gen.get_value() + 1;
        self.eval_gen.set_value(gen);
        let rules = self.rc.active.get_untracked();
        let next = self.evaluate_slice(&rules, from);
        let finish = move |me: ConsolidationCtx, rules: Arc<Rules>| {
            if from == 0 {
                me.rows_rules.set_value(Some(rules));
            }
            me.pass_running.set_value(false);
            me.evaluating.set(None);
            me.rows.notify();
        };
        if next >= self.data.with_untracked(|c| c.entries.len()) {
            finish(*self, rules);
            return;
        }
        self.pass_running.set_value(true);
        let me = *self;
        spawn_local(async move {
            let mut k = next;
            loop {
                let total = me.data.with_untracked(|c| c.entries.len());
                if k >= total {
                    break;
                }
                me.evaluating.set(Some((k, total)));
                yield_to_browser().await;
                if me.eval_gen.get_value() != gen {
                    return;
                }
                k = me.evaluate_slice(&rules, k);
            }
            finish(me, rules);
        });
    }

    pub(super) fn refresh_row(&self, i: usize) {
        let rules = self.rc.active.get_untracked();
        let row = self.data.with_untracked(|c| {
            let e = &c.entries[i];
            consolidate::row_of(e, &evaluate(&rules, &e.dossier))
        });
        self.rows.update(|rows| {
            if i < rows.len() {
                rows[i] = row;
            } else if i == rows.len() {
                rows.push(row);
            }
        });
    }
}
