//! Looking codes ("14.1", "KM.2") up in a list kept in code order, for the hot paths (reading
//! and evaluating many dossiers). The codes asked for mostly come in that same order — a file's
//! codes against the rules' indicators, the rules' indicators against a dossier's values — so a
//! lookup is usually one comparison with the entry after the last one found, else a binary
//! search. Nothing is hashed or built per dossier.

/// Entries in code order, and where the next lookup looks first.
pub(crate) struct Cursor<'a, T> {
    entries: &'a [T],
    next: usize,
}

impl<'a, T> Cursor<'a, T> {
    pub fn new(entries: &'a [T]) -> Self {
        Cursor { entries, next: 0 }
    }

    /// The entry whose code (`key`) is `code`: the entries are in code order, each code once.
    pub fn find(&mut self, code: &str, key: impl Fn(&T) -> &str) -> Option<&'a T> {
        if let Some(e) = self.entries.get(self.next) {
            let k = key(e);
            // The same shared text (a code the rules lent the dossier), or the same letters.
            if std::ptr::eq(k, code) || k == code {
                self.next += 1;
                return Some(e);
            }
        }
        match self.entries.binary_search_by(|e| key(e).cmp(code)) {
            Ok(i) => {
                self.next = i + 1;
                Some(&self.entries[i])
            }
            Err(i) => {
                self.next = i;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;

    #[derive(Debug, PartialEq)]
    struct Entry(String);
    fn key(e: &Entry) -> &str {
        &e.0
    }

    #[test]
    fn finds_every_code_in_any_order_and_nothing_else() {
        let mut codes: Vec<String> = (1..=19)
            .flat_map(|c| (1..=6).map(move |i| format!("{c}.{i}")))
            .collect();
        codes.sort();
        let entries: Vec<Entry> = codes.iter().cloned().map(Entry).collect();
        // In order, in the rules' order (1.1 … 9.6, 10.1 …), backwards; fresh copies of the text.
        let mut rules_order = codes.clone();
        rules_order.sort_by_key(|c| {
            let (a, b) = c.split_once('.').unwrap();
            (a.parse::<u32>().unwrap(), b.parse::<u32>().unwrap())
        });
        let backwards: Vec<String> = codes.iter().rev().cloned().collect();
        for order in [&codes, &rules_order, &backwards] {
            let mut c = Cursor::new(&entries);
            for code in order {
                assert_eq!(
                    c.find(&code.clone(), key),
                    Some(&Entry(code.clone())),
                    "{code}"
                );
            }
        }
        let mut c = Cursor::new(&entries);
        for code in ["0", "1.0", "20.1", "", "9.7", "1.1", "9.6", "1.1"] {
            let want = entries.iter().find(|e| e.0 == code);
            assert_eq!(c.find(code, key), want, "{code}");
        }
        assert_eq!(Cursor::new(&[]).find("1.1", key), None);
    }
}
