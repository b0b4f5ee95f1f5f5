//! What the pages know about the browser's storage: records set aside because they could not
//! be read, writes that failed (with the data, to download), whether the browser keeps the data
//! for good, and how much is used. Fed by infra/store's events; created before anything is read.

use crate::infra::store::{self, Event, UnreadableEntry, Unsaved, Usage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct StorageCtx {
    pub unreadable: RwSignal<Vec<UnreadableEntry>>,
    /// Failed writes, one per record (the latest), until a write of that record succeeds.
    pub unsaved: RwSignal<Vec<Unsaved>>,
    /// Whether the browser promised to keep the data (`None`: it cannot say).
    pub persisted: RwSignal<Option<bool>>,
    /// What the browser says the site uses and may use, in bytes.
    pub estimate: RwSignal<Option<(f64, f64)>>,
    pub usage: RwSignal<Vec<Usage>>,
}

impl StorageCtx {
    /// `check`: how this entry checks stored records at start (`store::sweep`).
    pub fn new(check: store::Check) -> Self {
        let ctx = StorageCtx {
            unreadable: RwSignal::new(Vec::new()),
            unsaved: RwSignal::new(Vec::new()),
            persisted: RwSignal::new(None),
            estimate: RwSignal::new(None),
            usage: RwSignal::new(Vec::new()),
        };
        // Events can come from inside a memo (a page counting drafts): handled a moment later.
        store::set_listener(move |e| set_timeout(move || ctx.on_event(e), Duration::ZERO));
        store::sweep(check);
        ctx.unreadable.set(store::unreadable());
        spawn_local(async move {
            let mut kept = store::persisted().await;
            if kept == Some(false) {
                kept = store::persist().await.or(kept);
            }
            ctx.persisted.set(kept);
        });
        ctx
    }

    fn on_event(&self, e: Event) {
        match e {
            Event::SetAside => self.unreadable.set(store::unreadable()),
            Event::Unsaved(u) => self.unsaved.update(|l| {
                l.retain(|x| x.key != u.key);
                l.push(u);
            }),
            Event::Saved(key) => {
                if self
                    .unsaved
                    .with_untracked(|l| l.iter().any(|x| x.key == key))
                {
                    self.unsaved.update(|l| l.retain(|x| x.key != key));
                }
            }
        }
    }

    /// Another tab changed storage (`key`; `None`: all of it was cleared).
    pub fn on_storage(&self, key: Option<String>) {
        let aside = key.as_deref().is_none_or(|k| {
            k.starts_with(ntm_core::storage::UNREADABLE_PREFIX)
                || k == ntm_core::storage::CONSOLIDATION_ASIDE_KEY
        });
        if aside {
            self.unreadable.set(store::unreadable());
        }
    }

    /// Measures what is stored (localStorage by kind, and the browser's estimate).
    pub fn measure(&self) {
        self.usage.set(store::usage());
        let estimate = self.estimate;
        spawn_local(async move { estimate.set(store::estimate().await) });
    }

    /// Asks the browser again to keep the data (a button: some browsers ask the user).
    pub fn ask_persist(&self) {
        let persisted = self.persisted;
        spawn_local(async move {
            let kept = store::persist().await;
            persisted.set(kept);
        });
    }
}
