//! Editing a province's rules file: what it changes against the built-in rules.
