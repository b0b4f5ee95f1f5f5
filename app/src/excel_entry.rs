//! `ntm_excel`, the app's Excel module: loaded on demand (`globalThis.ntmLoad("ntm_excel")`)
//! when an Excel button is used, so no page's first load carries the .xlsx writer and reader.
//! The district and council pages build the workbook's content with the core (`ntm_core::excel`)
//! and pass it here as JSON; the commune's workbook is made here from the dossier and the rules,
//! so the commune's first load (entry `xa`) carries none of it. Reading gives the dossier back
//! as its JSON file text.

use ntm_core::excel;
use ntm_core::{evaluate, Dossier, Rules, RulesFile};
use wasm_bindgen::prelude::*;

/// The .xlsx bytes of a workbook described by `book_json` (`ntm_core::excel::Book`).
#[wasm_bindgen]
pub fn write_book(book_json: &str) -> Result<Vec<u8>, JsError> {
    let book: excel::Book = serde_json::from_str(book_json)
        .map_err(|e| JsError::new(&format!("Không tạo được tệp Excel: {e}")))?;
    excel::to_xlsx(&book).map_err(|e| JsError::new(&e))
}

/// The active rules: the built-in ones with the province's patch (`RulesFile` JSON) laid over them.
fn rules_of(patch_json: &str) -> Result<Rules, JsError> {
    RulesFile::parse(patch_json)
        .and_then(|p| Rules::with_override(&p))
        .map_err(|e| JsError::new(&format!("Bộ tiêu chí đang dùng không đọc được: {e}")))
}

/// The commune workbook of a dossier (its JSON file text), judged here with the active rules
/// exactly as the page judges it (`ntm_core::evaluate`); `today` is the ISO date it is made.
#[wasm_bindgen]
pub fn write_commune(
    dossier_json: &str,
    patch_json: &str,
    today: &str,
) -> Result<Vec<u8>, JsError> {
    let rules = rules_of(patch_json)?;
    let dossier = Dossier::parse(dossier_json, &rules)
        .map_err(|e| JsError::new(&format!("Không tạo được tệp Excel: {e}")))?;
    let kept = dossier.unknown.rows(&rules);
    let book = excel::commune::book(&evaluate(&rules, &dossier), &dossier, &kept, today);
    excel::to_xlsx(&book).map_err(|e| JsError::new(&e))
}

/// The commune dossier of a workbook the app exported, as dossier JSON, read with the active
/// rules.
#[wasm_bindgen]
pub fn read_commune(bytes: &[u8], patch_json: &str) -> Result<String, JsError> {
    let rules = rules_of(patch_json)?;
    excel::read_commune(bytes, &rules)
        .map(|read| read.dossier.to_json())
        .map_err(|e| JsError::new(&e))
}

fn main() {}
