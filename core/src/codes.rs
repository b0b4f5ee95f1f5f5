//! A small table from short codes ("14.1", "KM.2") to values, for lookups in the hot paths
//! (evaluating and reading many dossiers): one hash per lookup instead of a string comparison
//! per map node or per indicator.

/// Open addressing over borrowed codes; refilled per use without reallocating.
pub(crate) struct CodeTable<'a, T> {
    entries: Vec<(&'a str, T)>,
    /// Index + 1 into `entries`, 0 for an empty slot; the length is a power of two.
    slots: Vec<u32>,
}

/// FNV-1a: codes are a few bytes, where a simple hash is the fastest.
fn hash(code: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in code.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize
}

impl<'a, T: Copy> CodeTable<'a, T> {
    pub fn new() -> Self {
        CodeTable {
            entries: Vec::new(),
            slots: Vec::new(),
        }
    }

    /// Replaces the contents; with a code given twice, `get` finds the first.
    pub fn fill(&mut self, items: impl IntoIterator<Item = (&'a str, T)>) {
        self.entries.clear();
        self.entries.extend(items);
        // At most half full, so probes stay short.
        let len = (self.entries.len() * 2).next_power_of_two().max(8);
        self.slots.clear();
        self.slots.resize(len, 0);
        let mask = len - 1;
        for (i, (code, _)) in self.entries.iter().enumerate() {
            let mut at = hash(code) & mask;
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = u32::try_from(i + 1).expect("fewer than 4 billion codes");
        }
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg_attr(ntm_speed, optimize(speed))]
    pub fn get(&self, code: &str) -> Option<T> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash(code) & mask;
        loop {
            let i = (*self.slots.get(at)? as usize).checked_sub(1)?;
            let (k, v) = self.entries[i];
            if k == code {
                return Some(v);
            }
            at = (at + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CodeTable;

    #[test]
    fn finds_every_code_and_nothing_else() {
        let codes: Vec<String> = (1..=19)
            .flat_map(|c| (1..=6).map(move |i| format!("{c}.{i}")))
            .collect();
        let mut t = CodeTable::new();
        assert_eq!(t.get("1.1"), None);
        t.fill(codes.iter().enumerate().map(|(i, c)| (c.as_str(), i)));
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(t.get(c), Some(i));
        }
        assert_eq!(t.get("20.1"), None);
        assert_eq!(t.get(""), None);
        t.fill([("KM.2", 7), ("KM.2", 8)]);
        assert_eq!(t.get("KM.2"), Some(7));
        assert_eq!(t.get("1.1"), None);
        t.fill([]);
        assert_eq!(t.get("KM.2"), None);
    }
}
