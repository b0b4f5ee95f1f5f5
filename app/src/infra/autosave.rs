//! Saving shortly after the last edit, written once for every form that autosaves: a pure
//! decision (`SaveClock`, tested natively) and a small Copy wrapper that schedules with the
//! browser's timer and shows the result (`Autosave`).

use crate::ui::save_state::SaveState;
use leptos::prelude::*;
use std::time::Duration;

/// Wait after the last keystroke before writing, so typing stays smooth.
pub const SAVE_DELAY: Duration = Duration::from_millis(400);

/// When a scheduled save is still worth running: every edit takes a ticket, and only the
/// ticket of the last edit writes, and only if something is still unsaved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SaveClock {
    generation: u64,
    dirty: bool,
}

/// The edit a scheduled save was scheduled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u64);

impl SaveClock {
    /// An edit: something is unsaved, and saves scheduled before it are void.
    pub fn edit(&mut self) -> Ticket {
        self.dirty = true;
        self.generation += 1;
        Ticket(self.generation)
    }

    /// Whether the save scheduled with `ticket` should write now.
    pub fn due(&self, ticket: Ticket) -> bool {
        self.dirty && self.generation == ticket.0
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// The write succeeded: nothing is unsaved.
    pub fn saved(&mut self) {
        self.dirty = false;
    }

    /// The write failed: still unsaved, so the next edit (or leaving the page) tries again.
    pub fn failed(&mut self) {
        self.dirty = true;
    }

    /// Changed without an edit (a whole file replaced it): unsaved, nothing scheduled.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Replaced by what is stored (another draft opened, another tab's version taken): nothing
    /// is unsaved and saves already scheduled are void.
    pub fn reset(&mut self) {
        self.dirty = false;
        self.generation += 1;
    }
}

/// A form's autosave: the decision kept in the arena, and what the form shows about its last
/// save. Every accessor is a `try_*`: a timer may fire after its owner is gone.
#[derive(Clone, Copy)]
pub struct Autosave {
    clock: StoredValue<SaveClock>,
    pub state: RwSignal<SaveState>,
}

impl Autosave {
    pub fn new(initial: SaveState) -> Self {
        Autosave {
            clock: StoredValue::new(SaveClock::default()),
            state: RwSignal::new(initial),
        }
    }

    /// An edit happened: shows "pending" and runs `flush` after `SAVE_DELAY` unless another
    /// edit comes first (or the changes were saved or dropped meanwhile).
    pub fn edit(self, flush: impl FnOnce() + 'static) {
        let Some(ticket) = self.clock.try_update_value(SaveClock::edit) else {
            return;
        };
        self.state.try_set(SaveState::Pending);
        set_timeout(
            move || {
                if self.clock.try_with_value(|c| c.due(ticket)) == Some(true) {
                    flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Whether something is unsaved (false once the owner is gone).
    pub fn dirty(self) -> bool {
        self.clock.try_with_value(SaveClock::dirty) == Some(true)
    }

    /// The write of `at` succeeded.
    pub fn saved(self, at: f64) {
        self.clock.try_update_value(SaveClock::saved);
        self.state.try_set(SaveState::Saved(at));
    }

    /// The write failed with `why`; the changes stay unsaved.
    pub fn failed(self, why: String) {
        self.clock.try_update_value(SaveClock::failed);
        self.state.try_set(SaveState::Failed(why));
    }

    /// Shows the result of a write made now (`Ok(at)` or why it failed).
    pub fn record(self, result: Result<f64, String>) {
        match result {
            Ok(at) => self.saved(at),
            Err(why) => self.failed(why),
        }
    }

    /// The form now shows what is stored (saved at `at`); scheduled saves are void.
    pub fn clean(self, at: f64) {
        self.clock.try_update_value(SaveClock::reset);
        self.state.try_set(SaveState::Clean(at));
    }

    /// Unsaved without an edit (a whole file replaced the form): for a `flush` right after.
    pub fn mark_dirty(self) {
        self.clock.try_update_value(SaveClock::mark_dirty);
    }

    /// Drops what is unsaved (the record was deleted or closed); the shown state stays.
    pub fn forget(self) {
        self.clock.try_update_value(SaveClock::reset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_edit_writes() {
        let mut c = SaveClock::default();
        let first = c.edit();
        let second = c.edit();
        assert!(!c.due(first));
        assert!(c.due(second));
    }

    #[test]
    fn nothing_to_write_when_clean() {
        let c = SaveClock::default();
        assert!(!c.dirty());
        let mut c = c;
        let t = c.edit();
        c.saved();
        assert!(!c.due(t), "a flush (leaving the page) already wrote it");
    }

    #[test]
    fn failure_keeps_the_changes_unsaved() {
        let mut c = SaveClock::default();
        let t = c.edit();
        c.failed();
        assert!(c.dirty());
        assert!(c.due(t));
        let next = c.edit();
        c.saved();
        assert!(!c.dirty());
        assert!(!c.due(next));
    }

    #[test]
    fn reset_voids_scheduled_saves() {
        let mut c = SaveClock::default();
        let t = c.edit();
        c.reset();
        assert!(!c.dirty());
        assert!(!c.due(t));
        c.mark_dirty();
        assert!(!c.due(t), "an older ticket stays void after a replacement");
        assert!(c.dirty());
    }
}
