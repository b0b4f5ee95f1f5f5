//! Which rules are active: title, id, hash, where they come from, layers and levels.

use crate::bo_tieu_chi::state::{Origin, RulesCtx, DEPLOYED_MARK};
use crate::infra::clock;
use leptos::prelude::*;
use ntm_core::rules_edit::Change;

/// Where the active rules come from, in words; `n`: how many changes from the built-in rules.
fn origin_text(origin: Origin, n: usize) -> String {
    match origin {
        Origin::BuiltIn => "Bộ tiêu chí gốc của ứng dụng".to_string(),
        Origin::Deployment => {
            "Bộ tiêu chí của đơn vị triển khai (tệp đi kèm ứng dụng), áp lên bộ tiêu chí gốc"
                .to_string()
        }
        Origin::Edited {
            from_file: Some(name),
            saved_at,
        } if name == DEPLOYED_MARK => format!(
            "Bộ tiêu chí của đơn vị triển khai, đã sửa trên trang này (lưu lúc {}) — {n} thay đổi so với bộ gốc",
            clock::date_time(saved_at)
        ),
        Origin::File { name, saved_at } => format!(
            "Tệp “{name}” (nhập lúc {}) áp lên bộ tiêu chí gốc",
            clock::date_time(saved_at)
        ),
        Origin::Edited {
            from_file: Some(name),
            saved_at,
        } => format!(
            "Tệp “{name}”, đã sửa trên trang này (lưu lúc {}) — {n} thay đổi so với bộ gốc",
            clock::date_time(saved_at)
        ),
        Origin::Edited {
            from_file: None,
            saved_at,
        } => format!(
            "Bộ tiêu chí gốc, đã sửa trên trang này (lưu lúc {}) — {n} thay đổi",
            clock::date_time(saved_at)
        ),
    }
}

#[component]
pub fn ActiveRules(changes: Memo<Vec<Change>>) -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    move || {
        let rules = rc.active.get();
        let r = rules.reference();
        let origin = rc.origin.get();
        // A province's file is named by its own title; the built-in title stays underneath.
        let heading = match &origin {
            Origin::BuiltIn => rules.title.to_string(),
            _ => rules
                .layers
                .last()
                .map_or_else(|| rules.title.to_string(), |l| l.to_string()),
        };
        let origin = origin_text(origin, changes.with(Vec::len));
        let layers = rules
            .layers
            .iter()
            .map(|l| view! { <li>{l.to_string()}</li> })
            .collect_view();
        let levels = rules
            .levels
            .iter()
            .map(|l| {
                let sets = l
                    .sets
                    .iter()
                    .map(|s| ntm_core::rules_edit::set_short_name(&rules, s))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! { <li>{format!("{} — bộ: {sets}", l.name)}</li> }
            })
            .collect_view();
        view! {
            <div class="panel active-rules" data-testid="active-rules">
                <h2>{heading}</h2>
                <dl class="facts">
                    <div><dt>"Mã bộ tiêu chí"</dt><dd><code>{r.id.to_string()}</code></dd></div>
                    <div><dt>"Mã băm"</dt><dd><code title=r.hash.to_string()>{r.short_hash().to_string()}</code></dd></div>
                    <div><dt>"Nguồn"</dt><dd>{origin}</dd></div>
                    <div>
                        <dt>"Giai đoạn"</dt>
                        <dd>{format!("{}–{}", rules.years.from, rules.years.to)}</dd>
                    </div>
                    <div class="facts-wide">
                        <dt>"Các lớp"</dt>
                        <dd><ol class="layers">{layers}</ol></dd>
                    </div>
                    <div class="facts-wide">
                        <dt>"Mức đạt chuẩn"</dt>
                        <dd><ol class="layers">{levels}</ol></dd>
                    </div>
                </dl>
            </div>
        }
    }
}
