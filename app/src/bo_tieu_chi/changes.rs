//! The list of changes from the built-in rules, each one undoable.

use crate::bo_tieu_chi::forms::focus_id;
use crate::bo_tieu_chi::page::Ui;
use crate::bo_tieu_chi::state::RulesCtx;
use crate::ui::alert::ErrorAlert;
use leptos::prelude::*;
use ntm_core::rules_edit::{self, field_error, Change, What};

fn undo(rc: RulesCtx, ui: Ui, c: Change) {
    let mut patch = rc.patch.get_untracked();
    rules_edit::undo(&mut patch, &c);
    match rc.apply_patch(patch) {
        Ok(w) => {
            ui.undo_error.set(None);
            ui.problem.set(w);
            ui.notice.set(Some(format!("Đã hoàn tác: {}.", c.description)));
            focus_id("changes-h".into());
        }
        Err(e) => ui.undo_error.set(Some(format!(
            "Không hoàn tác được vì bộ tiêu chí sẽ không hợp lệ — {}. Hãy hoàn tác thay đổi liên quan trước.",
            field_error(&e).message
        ))),
    }
}

fn change_item(rc: RulesCtx, ui: Ui, c: Change) -> impl IntoView {
    let kind = match &c.what {
        What::Added => "added",
        What::Removed => "removed",
        What::Changed { .. } => "changed",
    };
    let label = format!("Hoàn tác: {}", c.description);
    let desc = c.description.clone();
    let key = c.key();
    view! {
        <li class=format!("bo-tieu-chi-change bo-tieu-chi-change-{kind}") data-key=key data-testid="change">
            <span class="bo-tieu-chi-change-desc">{desc}</span>
            <button
                type="button"
                class="small secondary"
                aria-label=label
                on:click=move |_| undo(rc, ui, c.clone())
            >
                "Hoàn tác"
            </button>
        </li>
    }
}

#[component]
pub fn ChangesSection(ui: Ui, changes: Memo<Vec<Change>>) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let list = move || {
        let list = changes.get();
        if list.is_empty() {
            return view! {
                <p class="empty">"Chưa có thay đổi nào: đang dùng đúng bộ tiêu chí gốc."</p>
            }
            .into_any();
        }
        let n = list.len();
        view! {
            <p class="bo-tieu-chi-changes-count">{format!("{n} thay đổi:")}</p>
            <ol class="bo-tieu-chi-changes-list">
                {list.into_iter().map(|c| change_item(rc, ui, c)).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="changes-h">
            <h2 id="changes-h" tabindex="-1">"Thay đổi so với bộ gốc"</h2>
            <ErrorAlert message=ui.undo_error />
            <div data-testid="changes">{list}</div>
        </section>
    }
}
