//! The site header's line on the active rules (title, where they come from, newest document,
//! short hash), and the warning when the deployment's rules file cannot be used.

use crate::bo_tieu_chi::state::{Origin, RulesCtx, DEPLOYED_MARK};
use crate::infra::clock;
use leptos::prelude::*;
use ntm_core::rules_edit;

/// Where the rules come from, in a few words.
pub fn origin_short(origin: &Origin) -> String {
    match origin {
        Origin::BuiltIn => "bộ gốc của ứng dụng".into(),
        Origin::Deployment => "của đơn vị triển khai".into(),
        Origin::File { name, .. } => format!("nhập từ tệp “{name}” trên máy này"),
        Origin::Edited {
            from_file: Some(name),
            ..
        } if name == DEPLOYED_MARK => "của đơn vị triển khai, đã sửa trên máy này".into(),
        Origin::Edited { .. } => "đã sửa trên máy này".into(),
    }
}

#[component]
pub fn RulesBadge() -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let line = move || {
        let rules = rc.active.get();
        let origin = rc.origin.get();
        // A province's file is named by its own title; the built-in rules by theirs.
        let title = match origin {
            Origin::BuiltIn => rules.title.clone(),
            _ => rules.layers.last().cloned().unwrap_or(rules.title.clone()),
        };
        let date = rules_edit::latest_source_date(&rules)
            .map(|d| clock::vi_date(&d))
            .map(|d| format!("căn cứ mới nhất ngày {d}"));
        let hash = rules.reference().short_hash().to_string();
        let kind = match origin {
            Origin::BuiltIn => "built-in",
            Origin::Deployment => "deployment",
            Origin::File { .. } => "file",
            Origin::Edited { .. } => "edited",
        };
        view! {
            <a href="#/bo-tieu-chi" class="site-rules" data-testid="header-rules" data-origin=kind>
                <span class="site-rules-label">"Bộ tiêu chí đang dùng: "</span>
                <strong data-testid="header-rules-title">{title}</strong>
                <span class="site-rules-meta">
                    {format!(" — {}", origin_short(&origin))}
                    {date.map(|d| format!(" · {d}"))}
                    " · mã "
                    <code data-testid="header-rules-hash">{hash}</code>
                </span>
            </a>
        }
    };
    let problem = rc.deployment_problem.get_value().map(|p| {
        view! {
            <p class="site-rules-problem" role="alert" data-testid="deployment-rules-problem">{p}</p>
        }
    });
    view! {
        <div class="site-rules-bar">{line}{problem}</div>
    }
}
