//! The backup file of every record, and its restore.

use super::*;

/// Every record of the app as stored: the one `backup` writes and `plan_restore` compares with.
fn records() -> Vec<Record> {
    let at = clock::now_ms();
    let mut out = Vec::new();
    for key in app_keys() {
        let read = match (Kind::of_key(&key), backend::get_json(&key)) {
            (_, Ok(None)) => continue,
            (Some(kind), Ok(Some(value))) => match rec::check(kind, &key, &value) {
                Ok(()) => Ok(value),
                Err(e) => Err(e.to_string()),
            },
            (None, Ok(Some(_))) => Err("khóa không thuộc phiên bản này của ứng dụng".into()),
            (_, Err(e)) => Err(e.message()),
        };
        match read {
            Ok(value) => out.push(Record { key, value }),
            Err(reason) => {
                // Kept in the backup as what it is: data that could not be read.
                let u = Unreadable {
                    key: key.clone(),
                    reason,
                    at,
                    text: backend::text(&key).unwrap_or_default(),
                };
                out.push(Record {
                    key: format!("{UNREADABLE_PREFIX}{at}:{key}"),
                    value: rec::encode_value(&u, 1, &tab()),
                });
            }
        }
    }
    out
}

/// A backup of everything the app keeps in this browser, and its file name.
pub fn backup() -> (String, String) {
    let b = Backup::new(clock::now_iso(), records());
    (
        format!("sao-luu-chung-suc-{}.json", clock::stamp()),
        b.to_json(),
    )
}

/// What restoring `b` would change here.
pub fn plan_restore(b: &Backup) -> Plan {
    backup::plan(b, &records())
}

/// The consolidation records of a backup are checked the app's way too (the core checks what
/// it reads of them).
pub fn check_backup(b: &Backup) -> Result<(), String> {
    for (i, r) in b.records.iter().enumerate() {
        if r.key == CONSOLIDATION_KEY {
            rec::decode_value::<StoredConsolidation>(r.value.clone()).map_err(|e| {
                let field = if e.field.is_empty() {
                    format!("records[{i}].value")
                } else {
                    format!("records[{i}].value.{}", e.field)
                };
                format!("Trường “{field}”: {} (bảng tổng hợp hồ sơ)", e.problem)
            })?;
        }
    }
    Ok(())
}

/// Writes what `plan` adds, replaces or merges. All or nothing: if the browser refuses a
/// write, what was written is undone and the message says what did not fit.
pub fn restore(b: &Backup, plan: &Plan) -> Result<usize, String> {
    if !backend::available() {
        return Err(backend::UNAVAILABLE.to_string());
    }
    let by_key: HashMap<&str, &Json> = b
        .records
        .iter()
        .map(|r| (r.key.as_str(), &r.value))
        .collect();
    let mut undo: Vec<(String, Option<String>)> = Vec::new();
    let mut written = 0;
    for step in &plan.steps {
        if !matches!(step.action, Action::Add | Action::Replace | Action::Merge) {
            continue;
        }
        let Some(value) = by_key.get(step.key.as_str()) else {
            continue;
        };
        let old = backend::text(&step.key);
        let old_rev = old
            .as_deref()
            .and_then(|t| rec::peek(t).ok())
            .map_or(0, |m| m.rev);
        let text = if step.kind == Kind::Unreadable {
            match value {
                Json::String(t) => t.clone(),
                v => v.to_string(),
            }
        } else if step.action == Action::Merge {
            let mine = old
                .as_deref()
                .and_then(|t| rec::decode::<Exported>(t).ok())
                .map(|(e, _)| e)
                .unwrap_or_default();
            let theirs = rec::decode_value::<Exported>((*value).clone())
                .map(|(e, _)| e)
                .unwrap_or_default();
            rec::encode(&backup::merge_exported(&mine, &theirs), old_rev + 1, &tab())
        } else {
            match rec::upgrade((*value).clone()) {
                Ok((fields, meta)) => rec::encode_fields(fields, old_rev.max(meta.rev) + 1, &tab()),
                Err(e) => return Err(format!("{}: {e}", step.name)),
            }
        };
        if let Err(why) = backend::set_text(&step.key, &text) {
            // Undo: first what was added (it frees room), then what was replaced.
            undo.sort_by_key(|(_, old)| old.is_some());
            for (key, old) in undo {
                match old {
                    None => {
                        let _ = backend::delete(&key);
                    }
                    Some(t) => {
                        let _ = backend::set_text(&key, &t);
                    }
                }
            }
            return Err(format!(
                "Chưa khôi phục được: {}. Dữ liệu trên máy được giữ như trước khi khôi phục.",
                refusal(&why, &step.name)
                    .split(". ")
                    .next()
                    .unwrap_or_default()
            ));
        }
        undo.push((step.key.clone(), old));
        written += 1;
    }
    Ok(written)
}
