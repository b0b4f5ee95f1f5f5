//! What a form shows about its last save; the drafts, figures and register share it.

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the draft was opened; holds its last save time.
    Clean(f64),
    Pending,
    Saved(f64),
    Failed(String),
}
