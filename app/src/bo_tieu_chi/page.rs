//! Bộ tiêu chí: the active rules — every threshold with its source and status — and the
//! editor of the province's patch over the built-in rules: thresholds with their documents,
//! indicators added, removed or renamed, movement targets, the list of changes (each can be
//! undone), export and import of the rules file, and going back to the built-in rules.

use crate::bo_tieu_chi::active::ActiveRules;
use crate::bo_tieu_chi::changes::ChangesSection;
use crate::bo_tieu_chi::file::{reset_now, RulesFileSection};
use crate::bo_tieu_chi::forms::{focus_id, id_part, Done};
use crate::bo_tieu_chi::missing::MissingThresholds;
use crate::bo_tieu_chi::rules_view::set_view;
use crate::bo_tieu_chi::state::RulesCtx;
use crate::bo_tieu_chi::targets::targets_view;
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use leptos::prelude::*;
use ntm_core::rules_edit::{self, field_error};

/// The one form open on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    Indicator {
        set: String,
        crit: String,
        code: String,
    },
    Add {
        set: String,
        crit: String,
    },
    Rename {
        set: String,
        crit: String,
    },
    Target {
        id: String,
    },
}

/// What a confirmation dialog asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Remove {
        set: String,
        crit: String,
        code: String,
    },
    Reset,
}

/// The page's shared state, handed to its sections.
#[derive(Clone, Copy)]
pub struct Ui {
    pub editing: RwSignal<Option<Editing>>,
    pub ask: RwSignal<Option<Ask<Action>>>,
    /// The last thing done, for the status line.
    pub notice: RwSignal<Option<String>>,
    /// A warning or error about the last thing done.
    pub problem: RwSignal<Option<String>>,
    /// Why the rules file's id or title was not saved.
    pub file_error: RwSignal<Option<String>>,
    /// Why a change could not be undone.
    pub undo_error: RwSignal<Option<String>>,
}

impl Ui {
    fn new() -> Self {
        Ui {
            editing: RwSignal::new(None),
            ask: RwSignal::new(None),
            notice: RwSignal::new(None),
            problem: RwSignal::new(None),
            file_error: RwSignal::new(None),
            undo_error: RwSignal::new(None),
        }
    }

    /// Closes the form; says what was saved; focus goes back to `return_to`.
    pub fn done(self, d: Done, return_to: String) {
        self.editing.set(None);
        if let Done::Saved { message, warning } = d {
            self.notice.set(Some(message));
            self.problem.set(warning);
        }
        focus_id(return_to);
    }

    pub fn open(self, e: Editing, first_field: String) {
        self.editing.set(Some(e));
        focus_id(first_field);
    }

    /// Opens `e`'s form, or closes it when it is the one open.
    pub fn toggle(self, e: Editing, first_field: String) {
        if self.editing.with_untracked(|x| x.as_ref() == Some(&e)) {
            self.editing.set(None);
        } else {
            self.open(e, first_field);
        }
    }

    pub fn is_open(self, e: Editing) -> Signal<bool> {
        let editing = self.editing;
        Signal::derive(move || editing.with(|x| x.as_ref() == Some(&e)))
    }
}

/// What a confirmed dialog does.
fn confirmed(rc: RulesCtx, ui: Ui, a: Action) {
    match a {
        Action::Reset => {
            reset_now(rc, ui);
            focus_id("reset-rules".into());
        }
        Action::Remove { set, crit, code } => {
            let mut patch = rc.patch.get_untracked();
            rules_edit::remove_indicator(&mut patch, &rc.base.get_value(), &set, &crit, &code);
            match rc.apply_patch(patch) {
                Ok(w) => {
                    ui.editing.set(None);
                    ui.problem.set(w);
                    ui.notice.set(Some(format!(
                        "Đã xóa chỉ tiêu {code} khỏi tiêu chí {crit}."
                    )));
                }
                Err(e) => {
                    ui.notice.set(None);
                    ui.problem.set(Some(field_error(&e).message));
                }
            }
            focus_id(format!("crit-{}-{}-h", id_part(&set), id_part(&crit)));
        }
    }
}

/// Links to the page's sections, without touching the router's hash.
fn toc(rc: RulesCtx) -> impl IntoView {
    move || {
        rc.active.with(|rules| {
            let fixed = [
                (
                    "nguong-con-thieu-h".to_string(),
                    "Ngưỡng còn thiếu".to_string(),
                ),
                (
                    "changes-h".to_string(),
                    "Thay đổi so với bộ gốc".to_string(),
                ),
                ("muc-tieu-h".into(), "Mục tiêu phong trào (T1–T9)".into()),
            ];
            let sets = rules
                .sets
                .iter()
                .map(|s| (format!("bo-{}", s.id), s.title.to_string()));
            fixed
                .into_iter()
                .chain(sets)
                .map(|(target, title)| {
                    let jump = move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        if let Some(el) = document().get_element_by_id(&target) {
                            el.scroll_into_view();
                        }
                    };
                    view! { <li><a href="#/bo-tieu-chi" on:click=jump>{title}</a></li> }
                })
                .collect_view()
        })
    }
}

#[component]
pub fn BoTieuChi() -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let ui = Ui::new();
    let on_confirm = Callback::new(move |a: Action| confirmed(rc, ui, a));
    let changes = Memo::new(move |_| {
        let active = rc.active.get();
        rules_edit::changes(&rc.base.get_value(), &active)
    });
    let sets = move || {
        let rules = rc.active.get();
        rules
            .sets
            .iter()
            .map(|s| {
                let used_by: Vec<String> = rules
                    .levels
                    .iter()
                    .filter(|l| l.sets.iter().any(|x| *x == *s.id))
                    .map(|l| l.name.to_string())
                    .collect();
                set_view(&rules, s, used_by, ui)
            })
            .collect_view()
    };
    let targets = move || targets_view(&rc.active.get(), ui);

    view! {
        <div class="page page-bo-tieu-chi">
            <h1 class="page-title">"Bộ tiêu chí"</h1>
            {move || {
                rc.startup_problem
                    .get()
                    .map(|p| view! { <p class="alert alert-warning" role="note">{p}</p> })
            }}
            <ActiveRules changes />
            <RulesFileSection ui />
            <MissingThresholds ui />
            <ChangesSection ui changes />
            <nav class="panel toc" aria-label="Các phần của bộ tiêu chí">
                <h2>"Mục lục"</h2>
                <ul>{toc(rc)}</ul>
            </nav>
            <section class="panel" aria-labelledby="muc-tieu-h">
                <h2 id="muc-tieu-h">"Mục tiêu phong trào (T1–T9)"</h2>
                {targets}
            </section>
            {sets}
            <p class="toast" role="status" aria-live="polite" data-testid="rules-status">
                {move || ui.notice.get()}
            </p>
            <ConfirmDialog ask=ui.ask on_confirm=on_confirm id="rules-confirm" />
        </div>
    }
}
