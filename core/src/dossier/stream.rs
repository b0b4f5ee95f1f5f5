//! A dossier file read in one pass, for the files read in bulk (issue 11 §3): the values —
//! nearly all of a file — go from the text straight into the dossier, never built as a tree.
//! Only the plain file is read so: anything else (an error, keys out of order or repeated,
//! another format) gives `None`, and the tree reading ([`Reader::read_tree`]) answers with its
//! messages. Both share every check (`Reader::assemble`, `value_entry`), so they agree.

use super::read::{value_entry, Parts};
use super::*;
use crate::codes::Cursor;
use crate::error::FieldPath;
use crate::rules::Indicator;
use crate::tree::{Key, Tree};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Whether `key` follows `last`, the key before it: keys in order, each once, are what the tree
/// reading visits (it sorts them and keeps the last of a repeated one).
fn follows(last: &Option<Cow<str>>, key: &str) -> bool {
    last.as_deref().is_none_or(|l| l < key)
}

/// Gives up the pass; the tree reading says what is wrong, if anything.
fn give_up<E: serde::de::Error>() -> E {
    E::custom("")
}

impl Reader<'_> {
    /// A dossier file's text (no byte-order mark) read in one pass, or `None` when the tree
    /// reading must answer. When it gives a dossier, it is the one `read_tree` gives.
    #[cfg_attr(ntm_speed, optimize(speed))]
    pub(crate) fn read_stream(&self, text: &str) -> Option<Read> {
        let mut de = serde_json::Deserializer::from_str(text);
        let mut unknown = Unknown::default();
        let file = File {
            reader: self,
            unknown: &mut unknown,
        }
        .deserialize(&mut de)
        .ok()?;
        de.end().ok()?;
        // Every field is one the format allows (another gave up): format and version are left.
        ENVELOPE
            .check_parts(
                file.format.as_ref().and_then(Tree::as_str),
                file.version.as_ref().and_then(Tree::as_u64),
                std::iter::empty(),
            )
            .ok()?;
        let parts = Parts {
            unit: file.unit.as_ref(),
            year: file.year.as_ref(),
            conditions: file.conditions.as_ref(),
            evidence: file.evidence.as_ref(),
            rules: file.rules.as_ref(),
        };
        let values = file.values.unwrap_or_default();
        self.assemble(parts, |kept| {
            *kept = unknown;
            Ok(values)
        })
        .ok()
    }
}

/// The top-level fields as read; `values` already checked.
#[derive(Default)]
struct Fields<'a> {
    format: Option<Tree<'a>>,
    version: Option<Tree<'a>>,
    unit: Option<Tree<'a>>,
    year: Option<Tree<'a>>,
    values: Option<SetValues<Value>>,
    conditions: Option<Tree<'a>>,
    evidence: Option<Tree<'a>>,
    rules: Option<Tree<'a>>,
}

struct File<'x, 'r> {
    reader: &'x Reader<'r>,
    unknown: &'x mut Unknown,
}

impl<'de> DeserializeSeed<'de> for File<'_, '_> {
    type Value = Fields<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fields<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for File<'_, '_> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a dossier")
    }

    #[cfg_attr(ntm_speed, optimize(speed))]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut f = Fields::default();
        // The envelope's list decides which fields a dossier may have, here as in the tree reading.
        let allowed = ENVELOPE.fields.unwrap_or_default();
        while let Some(Key(key)) = map.next_key()? {
            if !allowed.contains(&&*key) {
                return Err(give_up());
            }
            let slot = match &*key {
                "format" => &mut f.format,
                "version" => &mut f.version,
                "unit" => &mut f.unit,
                "year" => &mut f.year,
                "conditions" => &mut f.conditions,
                "evidence" => &mut f.evidence,
                "rules" => &mut f.rules,
                "values" if f.values.is_none() => {
                    f.values = Some(map.next_value_seed(Sets {
                        reader: self.reader,
                        unknown: &mut *self.unknown,
                    })?);
                    continue;
                }
                // A field twice or one the format lacks.
                _ => return Err(give_up()),
            };
            if slot.is_some() {
                return Err(give_up());
            }
            *slot = Some(map.next_value()?);
        }
        Ok(f)
    }
}

/// `values`: set id → code → value.
struct Sets<'x, 'r> {
    reader: &'x Reader<'r>,
    unknown: &'x mut Unknown,
}

impl<'de> DeserializeSeed<'de> for Sets<'_, '_> {
    type Value = SetValues<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<SetValues<Value>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Sets<'_, '_> {
    type Value = SetValues<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("values by set")
    }

    #[cfg_attr(ntm_speed, optimize(speed))]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SetValues<Value>, A::Error> {
        let mut out = SetValues::new();
        let mut last = None;
        while let Some(Key(set_id)) = map.next_key()? {
            if !follows(&last, &set_id) {
                return Err(give_up());
            }
            let indicators = self
                .reader
                .commune_set(&set_id, || FieldPath::from("values"))
                .map_err(|_| give_up())?;
            let m = map.next_value_seed(SetCodes {
                set_id: &set_id,
                indicators,
                unknown: &mut *self.unknown,
            })?;
            if !m.is_empty() {
                out.insert(set_id.to_string(), m);
            }
            last = Some(set_id);
        }
        Ok(out)
    }
}

/// One set's `code → value`.
struct SetCodes<'x, 'r> {
    set_id: &'x str,
    /// The set's indicators in code order; `None` for a set the rules do not have (its values
    /// are kept).
    indicators: Option<&'x [&'r Indicator]>,
    unknown: &'x mut Unknown,
}

impl<'de> DeserializeSeed<'de> for SetCodes<'_, '_> {
    type Value = Codes<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Codes<Value>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SetCodes<'_, '_> {
    type Value = Codes<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("values by code")
    }

    #[cfg_attr(ntm_speed, optimize(speed))]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Codes<Value>, A::Error> {
        // Room for each of the set's indicators: no regrowth, nothing unused kept.
        let mut m = Codes::with_capacity(self.indicators.map_or(0, <[_]>::len));
        let mut indicators = self.indicators.map(Cursor::new);
        let mut last = None;
        while let Some(Key(code)) = map.next_key()? {
            if !follows(&last, &code) {
                return Err(give_up());
            }
            let val: Tree = map.next_value()?;
            value_entry(
                self.set_id,
                indicators.as_mut(),
                &code,
                &val,
                &mut m,
                self.unknown,
            )
            .map_err(|_| give_up())?;
            last = Some(code);
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the tree reading gives for `text` (no byte-order mark).
    fn by_tree(reader: &Reader, text: &str) -> Result<Read, InputError> {
        reader.read_tree(crate::envelope::parse_tree(text)?)
    }

    /// The pass either gives up or gives exactly what the tree reading gives.
    fn agrees(reader: &Reader, text: &str) -> bool {
        match reader.read_stream(text) {
            None => false,
            Some(read) => {
                assert_eq!(Ok(&read), by_tree(reader, text).as_ref(), "{text}");
                true
            }
        }
    }

    fn sample_text(rules: &Rules) -> String {
        let mut d = crate::sample::generate(rules, 1).remove(0);
        d.set_evidence("ntm", "1.1", "QĐ số 15/QĐ-UBND");
        d.to_json()
    }

    #[test]
    fn reads_the_files_the_app_writes_in_one_pass() {
        let rules = Rules::built_in();
        let reader = Reader::new(&rules);
        for d in crate::sample::generate(&rules, 200) {
            assert!(agrees(&reader, &d.to_json()), "{}", d.to_json());
        }
    }

    #[test]
    fn plain_variants_are_read_in_one_pass_and_agree() {
        let rules = Rules::built_in();
        let reader = Reader::new(&rules);
        let base = sample_text(&rules);
        let plain = [
            // a code the rules lack, in a known set and in a set they lack: kept
            base.replacen(
                "\"ntm\": {",
                "\"ntm\": {\n      \"0.zz\": [1, {\"a\": null}],",
                1,
            ),
            base.replacen(
                "\"values\": {",
                "\"values\": {\n    \"ab_tinh\": {\"x\": \"y\", \"z\": null},",
                1,
            ),
            // a value not entered
            base.replacen("\"1.1\": true", "\"1.1\": null", 1),
            // commune name with separate accent marks (a note), and in other words (a warning)
            base.replacen("\"name\": \"Xã ", "\"name\": \"Xa\u{0303} ", 1),
            base.replacen("\"name\": \"Xã ", "\"name\": \"Xã Mới ", 1),
            base.replacen(
                "\n  \"year\"",
                "\n  \"rules\": {\"id\": \"r\", \"hash\": \"h\"},\n  \"year\"",
                1,
            ),
        ];
        for text in &plain {
            assert!(agrees(&reader, text), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_tree_reading() {
        let rules = Rules::built_in();
        let reader = Reader::new(&rules);
        let base = sample_text(&rules);
        let other = [
            String::new(),
            "[]".into(),
            format!("{base} x"),
            base.replacen("chung-suc/dossier", "chung-suc/bundle", 1),
            base.replacen("\"version\": 1", "\"version\": 2", 1),
            base.replacen("\"version\": 1", "\"version\": 1.0", 1),
            base.replacen("\"year\"", "\"nam\"", 1),
            base.replacen("\"year\": ", "\"year\": 2024, \"year\": ", 1),
            base.replacen("\"1.1\": true", "\"1.1\": 5", 1),
            base.replacen("\"1.1\": true", "\"1.2\": false, \"1.1\": true", 1),
            base.replacen("\"1.1\": true", "\"1.1\": true, \"1.1\": false", 1),
            base.replacen("\"values\": {", "\"values\": {\"zz\": {}, \"ntm\": {},", 1),
            base.replacen("\"values\": {", "\"values\": {\"ntm\": null,", 1),
            base.replacen("\"values\": {", "\"values\": {\"huyen_ntm\": {},", 1),
            base.replacen("\"code\": \"", "\"code\": \"9", 1),
        ];
        for text in &other {
            assert!(reader.read_stream(text).is_none(), "{text}");
        }
        // The same file is read alike however it is given.
        assert_eq!(
            reader.read(&format!("\u{feff}{base}")),
            by_tree(&reader, &base)
        );
    }

    #[test]
    fn never_disagrees_on_broken_files() {
        // Lines of a file moved, doubled, dropped or cut: whatever the pass gives is the tree's.
        let rules = Rules::built_in();
        let reader = Reader::new(&rules);
        let base = sample_text(&rules);
        let lines: Vec<&str> = base.lines().collect();
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let (mut read, mut left) = (0, 0);
        for _ in 0..3000 {
            let mut l = lines.clone();
            let (a, b) = (next(l.len()), next(l.len()));
            match next(4) {
                0 => l.swap(a, b),
                1 => l.insert(a, lines[b]),
                2 => {
                    l.remove(a);
                }
                _ => l[a] = &lines[a][..lines[a].floor_char_boundary(next(lines[a].len() + 1))],
            }
            if agrees(&reader, &l.join("\n")) {
                read += 1;
            } else {
                left += 1;
            }
        }
        // Both kinds were met: the check above ran on dossiers read in one pass.
        assert!(read > 100 && left > 100, "{read} read, {left} left");
    }
}
